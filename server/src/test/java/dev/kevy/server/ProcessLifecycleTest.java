package dev.kevy.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The server as an operator runs it: {@code dev.kevy.server.Main} in a process of its own, on the
 * same module path the tests use (so it is the code under test, not an older jar). It prints one
 * ready line, exits 0 on SIGTERM after a graceful stop, and fails fast with one line on stderr
 * and a non-zero status when it cannot start (DESIGN.md 7).
 */
class ProcessLifecycleTest {

    private static final Pattern READY = Pattern.compile("kevy ready on 127\\.0\\.0\\.1:(\\d+) \\(.*\\)");

    /** A started server process and the port its ready line names. */
    private record Server(Process process, int port) {
    }

    private static ProcessBuilder main(String... args) {
        String java = ProcessHandle.current().info().command().orElseThrow();
        String modulePath = System.getProperty("jdk.module.path");
        assertTrue(modulePath != null && !modulePath.isEmpty(), "tests run on the module path");
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=dev.kevy.sys",
                "-XX:+UseSerialGC", "-Xmx64m", "-p", modulePath, "-m", "dev.kevy.server/dev.kevy.server.Main"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    /** Starts a server and waits for its ready line (the line, not a guessed delay). */
    private static Server start(String... args) throws IOException {
        Process p = main(args).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        // A server that hangs before its ready line is killed, which ends the read below.
        CompletableFuture<Void> watchdog = CompletableFuture.runAsync(p::destroyForcibly,
                CompletableFuture.delayedExecutor(60, TimeUnit.SECONDS));
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        watchdog.cancel(false);
        if (line == null) {
            p.destroyForcibly();
            fail("the server exited before its ready line");
        }
        Matcher m = READY.matcher(line);
        if (!m.matches()) {
            p.destroyForcibly();
            fail("unexpected first line: " + line);
        }
        return new Server(p, Integer.parseInt(m.group(1)));
    }

    /** Runs a server that must fail; returns its exit status and its stderr lines. */
    private static Object[] runFailing(String... args) throws Exception {
        Path err = Files.createTempFile("kevy-stderr", ".txt");
        try {
            Process p = main(args).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(err.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(60, TimeUnit.SECONDS);
                fail("the server did not exit; stderr: " + Files.readString(err));
            }
            return new Object[] {p.exitValue(), Files.readAllLines(err)};
        } finally {
            Files.deleteIfExists(err);
        }
    }

    @Test
    void serverProcessServesThenExitsZeroOnSigterm() throws Exception {
        Server s = start("--port", "0", "--shards", "2");
        try (RawClient c = new RawClient(s.port())) {
            c.call(Resp.pong(), "PING");
            c.call(Resp.ok(), "SET", "proc", "yes");
            c.call(Resp.bulk("yes"), "GET", "proc");
        }
        s.process().destroy(); // SIGTERM
        assertTrue(s.process().waitFor(60, TimeUnit.SECONDS), "the server exited after SIGTERM");
        assertEquals(0, s.process().exitValue(), "exit status after a graceful stop");
    }

    @Test
    void aBusyMetricsPortExitsOneWithOneLineNamingThatListener() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Object[] server = runFailing("--port", "0", "--shards", "1", "--metrics-port",
                    Integer.toString(taken.getLocalPort()));
            @SuppressWarnings("unchecked")
            List<String> err = (List<String>) server[1];
            assertEquals(1, server[0], "exit status; stderr: " + err);
            assertEquals(List.of("kevy: cannot listen on 127.0.0.1:" + taken.getLocalPort()
                    + ": EADDRINUSE (Address already in use)"), err);
        }
    }

    @Test
    void secondServerOnABusyPortExitsOneWithOneLineNamingEaddrinuse() throws Exception {
        Server first = start("--port", "0", "--shards", "2");
        try {
            Object[] second = runFailing("--port", Integer.toString(first.port()), "--shards", "2");
            @SuppressWarnings("unchecked")
            List<String> err = (List<String>) second[1];
            assertEquals(1, second[0], "exit status; stderr: " + err);
            assertEquals(1, err.size(), "one line on stderr: " + err);
            assertTrue(err.get(0).contains("EADDRINUSE"), err.get(0));
            try (RawClient c = new RawClient(first.port())) {
                c.call(Resp.pong(), "PING"); // the first server is untouched
            }
        } finally {
            first.process().destroy();
            first.process().waitFor(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void unknownFlagExitsTwoWithOneLine() throws Exception {
        Object[] r = runFailing("--bogus");
        @SuppressWarnings("unchecked")
        List<String> err = (List<String>) r[1];
        assertEquals(2, r[0], "exit status; stderr: " + err);
        assertEquals(List.of("kevy: unknown flag '--bogus' (see --help)"), err);
    }

    @Test
    void aBadEvictionPolicyExitsTwoWithOneLine() throws Exception {
        Object[] r = runFailing("--maxmemory-policy", "lru");
        @SuppressWarnings("unchecked")
        List<String> err = (List<String>) r[1];
        assertEquals(2, r[0], "exit status; stderr: " + err);
        assertEquals(List.of("kevy: --maxmemory-policy must be one of volatile-lru, volatile-lfu, volatile-random, "
                + "volatile-ttl, allkeys-lru, allkeys-lfu, allkeys-random, noeviction, not 'lru'"), err);
    }
}
