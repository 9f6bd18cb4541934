package dev.kevy.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Redis's own tools against the server: {@code redis-cli} for single commands and
 * {@code redis-benchmark} for many pipelined clients. Skipped, with the reason, where the tools
 * are not installed (CI installs them).
 */
class RedisToolsTest {

    private static final Path CLI = Path.of("/usr/bin/redis-cli");
    private static final Path BENCHMARK = Path.of("/usr/bin/redis-benchmark");
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(2);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Output (stdout and stderr together) of a finished process that exited 0. */
    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes(); // ends when the process closes its output
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "process did not exit: " + command);
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), "exit status of " + command + ", output:\n" + text);
        return text;
    }

    private static String cli(String... args) throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(CLI), CLI + " is not installed (apt-get install redis-tools)");
        List<String> command = new ArrayList<>(List.of(CLI.toString(), "-p", Integer.toString(server.port())));
        command.addAll(List.of(args));
        return run(command);
    }

    @Test
    void redisCliRunsSingleCommands() throws Exception {
        assertEquals("PONG\n", cli("ping"));
        assertEquals("OK\n", cli("set", "cli:a", "b c"));
        assertEquals("b c\n", cli("get", "cli:a"));
        assertEquals("\n", cli("get", "cli:missing"));
        assertEquals("(integer) 1\n", cli("--no-raw", "del", "cli:a", "cli:missing"));
        assertEquals("(nil)\n", cli("--no-raw", "get", "cli:a"));
        assertEquals("save\n\n", cli("config", "get", "save"));
        // redis-cli prints an error reply's text and a blank line, and still exits 0.
        assertEquals("ERR unknown command 'nosuch', with args beginning with: 'x' \n\n", cli("nosuch", "x"));
    }

    @Test
    void redisBenchmarkSetAndGetCompleteAndLeaveItsKey() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(BENCHMARK),
                BENCHMARK + " is not installed (apt-get install redis-tools)");
        String out = run(List.of(BENCHMARK.toString(), "-p", Integer.toString(server.port()),
                "-t", "set,get", "-n", "20000", "-c", "20", "-q"));
        for (String test : new String[] {"SET", "GET"}) {
            Matcher m = Pattern.compile("(?m)^\\s*" + test + ": ([0-9.]+) requests per second")
                    .matcher(out.replace('\r', '\n'));
            assertTrue(m.find(), "no " + test + " result line in:\n" + out);
            assertTrue(Double.parseDouble(m.group(1)) > 0, test + " reported no throughput");
        }
        // Without -r, every SET writes the literal key with a 3-byte payload (-d's default).
        try (RawClient c = new RawClient(server.port())) {
            c.send("STRLEN", "key:__rand_int__");
            c.expect(Resp.integer(3));
            c.call(Resp.integer(1), "DBSIZE");
        }
    }
}
