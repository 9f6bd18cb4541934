package dev.kevy.server.hardening;

import dev.kevy.io.KevyRuntime;
import dev.kevy.rt.KeyHash;
import dev.kevy.server.KevyServer;
import dev.kevy.sys.Limits;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * kevy's {@code Main} in a child JVM, for tests that need more file descriptors than one process
 * may hold for both ends of every connection. Its module path is where this JVM loaded the
 * server and runtime modules from; it is started with the flags given and stopped by
 * {@link #close()}.
 */
final class ServerProcess implements AutoCloseable {

    private static final Pattern READY = Pattern.compile("kevy ready on [^:]+:(\\d+) .*");

    private final Process process;
    private final int port;

    private ServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static ServerProcess start(String... flags) {
        try {
            Process p = launch(flags);
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder seen = new StringBuilder();
            String line;
            while ((line = out.readLine()) != null) { // blocks until the ready line or the process ends
                Matcher m = READY.matcher(line);
                if (m.matches()) {
                    Thread drain = new Thread(() -> drain(out), "kevy-child-output");
                    drain.setDaemon(true);
                    drain.start();
                    return new ServerProcess(p, Integer.parseInt(m.group(1)));
                }
                seen.append(line).append('\n');
            }
            p.destroyForcibly();
            throw new IllegalStateException("kevy did not start: " + seen);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** kevy's Main in a child JVM on a free port with {@code flags}, its output and errors merged. */
    static Process launch(String... flags) throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        String modulePath = String.join(File.pathSeparator, location(KevyServer.class), location(KevyRuntime.class),
                location(KeyHash.class), location(Limits.class));
        List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=dev.kevy.sys", "-XX:+UseSerialGC",
                "-p", modulePath, "-m", "dev.kevy.server/dev.kevy.server.Main", "--port", "0"));
        cmd.addAll(List.of(flags));
        String engine = System.getProperty("kevy.io-engine"); // the test run's engine, unless the test picks one
        if (engine != null && !List.of(flags).contains("--io-engine")) {
            cmd.addAll(List.of("--io-engine", engine));
        }
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    private static void drain(BufferedReader out) {
        try {
            String line;
            while ((line = out.readLine()) != null) {
                System.err.println("[kevy child] " + line);
            }
        } catch (IOException ignored) {
            // the child is gone
        }
    }

    private static String location(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    int port() {
        return port;
    }

    /** The server process's id (for its /proc figures). */
    long pid() {
        return process.pid();
    }

    /** Waits for the process to end on its own (SHUTDOWN); its exit status. */
    int awaitExit() throws InterruptedException {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the server did not exit");
        }
        return process.exitValue();
    }

    /** SIGKILL: the process ends at once, with nothing flushed or saved. */
    void kill() {
        try {
            process.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        process.destroy(); // SIGTERM: a graceful stop
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
