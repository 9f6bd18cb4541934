package dev.kevy.examples.http;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** A command-line program the tests drive (curl, wrk): found on the PATH, run with a deadline. */
final class ExternalTool {
    private ExternalTool() {
    }

    /** The executable named {@code name} on the PATH, if any (what {@code which} answers). */
    static Optional<String> find(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            File f = new File(dir, name);
            if (f.isFile() && f.canExecute()) {
                return Optional.of(f.getAbsolutePath());
            }
        }
        return Optional.empty();
    }

    /** What a run printed (standard output and error together) and how it exited. */
    record Result(int exitCode, String output) {
    }

    /** Runs {@code command}, failing the test if it has not finished within {@code seconds}. */
    static Result run(int seconds, String... command) {
        try {
            Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[][] output = new byte[1][];
            Thread reader = Thread.ofPlatform().start(() -> {
                try {
                    output[0] = p.getInputStream().readAllBytes();
                } catch (IOException e) {
                    output[0] = ("<output unreadable: " + e + ">").getBytes(StandardCharsets.UTF_8);
                }
            });
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + seconds + " s");
            }
            reader.join();
            return new Result(p.exitValue(), new String(output[0], StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** {@code args} prefixed by the tool's path. */
    static String[] command(String tool, String... args) {
        List<String> all = new ArrayList<>();
        all.add(tool);
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }
}
