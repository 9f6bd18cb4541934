package dev.kevy.examples.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kevy.io.KevyRuntime;
import dev.kevy.io.Listener;
import dev.kevy.io.RuntimeConfig;
import dev.kevy.io.http.HttpCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real clients against the example: curl (exact bytes, connection reuse, a large upload with and
 * without {@code Expect: 100-continue}) and a short wrk load, plain and pipelined 16 deep, that
 * must see only 2xx responses and no socket errors. Each test is skipped, saying why, when its
 * tool is not installed ({@code scripts/install-deps.sh} installs both).
 */
class HttpRealClientTest {
    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in ");

    private static KevyRuntime runtime;
    private static String base;

    @BeforeAll
    static void start() {
        runtime = KevyRuntime.start(RuntimeConfig.builder().shards(2).build(),
                Listener.tcp("127.0.0.1", 0, new HttpCodec(), new HttpService()));
        base = "http://127.0.0.1:" + runtime.port();
    }

    @AfterAll
    static void stop() {
        runtime.stop();
        assertEquals(null, runtime.failure());
    }

    private static String curl() {
        String curl = ExternalTool.find("curl").orElse(null);
        assumeTrue(curl != null, "curl is not installed (scripts/install-deps.sh installs it)");
        return curl;
    }

    private static String wrk() {
        String wrk = ExternalTool.find("wrk").orElse(null);
        assumeTrue(wrk != null, "wrk is not installed (scripts/install-deps.sh installs it)");
        return wrk;
    }

    private static String ok(ExternalTool.Result r) {
        assertEquals(0, r.exitCode(), r.output());
        return r.output();
    }

    @Test
    void curlSeesTheExactResponses() {
        String curl = curl();
        assertEquals(HttpExampleTest.PLAINTEXT,
                HttpTestClient.masked(ok(ExternalTool.run(30, curl, "-s", "-i", base + "/plaintext"))));
        assertEquals(HttpExampleTest.JSON,
                HttpTestClient.masked(ok(ExternalTool.run(30, curl, "-s", "-i", base + "/json"))));
        assertEquals(HttpExampleTest.JSON.replace("Content-Length", "Connection: close\r\nContent-Length"),
                HttpTestClient.masked(ok(ExternalTool.run(30, curl, "-s", "-i", "--http1.0", base + "/json"))));
    }

    @Test
    void curlReusesOneConnectionForSeveralRequests() {
        String out = ok(ExternalTool.run(30, curl(), "-s", "-w", " connects=%{num_connects}\\n",
                base + "/plaintext", base + "/json", base + "/plaintext"));
        assertEquals("Hello, World! connects=1\n{\"message\":\"Hello, World!\"} connects=0\n"
                + "Hello, World! connects=0\n", out);
    }

    @Test
    void curlUploadsComeBackWholeWithOrWithoutExpectContinue(@TempDir Path dir) throws IOException {
        String curl = curl();
        byte[] body = new byte[700_000];
        new Random(3).nextBytes(body);
        Path file = Files.write(dir.resolve("body.bin"), body);
        Path echoed = dir.resolve("echoed.bin");
        ok(ExternalTool.run(30, curl, "-s", "-f", "-H", "Expect:", "--data-binary", "@" + file, "-o", echoed.toString(),
                base + "/echo"));
        assertTrue(Arrays.equals(body, Files.readAllBytes(echoed)), "the echo differs from the upload");
        // No interim 100 is sent: curl waits out its timeout, then sends the body anyway.
        Files.delete(echoed);
        ok(ExternalTool.run(30, curl, "-s", "-f", "--expect100-timeout", "0.2", "--data-binary", "@" + file,
                "-o", echoed.toString(), base + "/echo"));
        assertTrue(Arrays.equals(body, Files.readAllBytes(echoed)), "the echo differs from the upload");
    }

    @Test
    void wrkSeesOnlySuccessfulResponses() {
        assertAllSucceeded(ok(ExternalTool.run(60, wrk(), "-t1", "-c8", "-d2s", "--timeout", "10s", base + "/plaintext")));
    }

    @Test
    void wrkPipeliningSixteenDeepSeesOnlySuccessfulResponses(@TempDir Path dir) throws IOException {
        String wrk = wrk();
        Path script = Files.writeString(dir.resolve("pipeline.lua"), """
                init = function(args)
                  local r = {}
                  for i = 1, 16 do
                    r[i] = wrk.format(nil, (i % 2 == 0) and "/json" or "/plaintext")
                  end
                  req = table.concat(r)
                end
                request = function()
                  return req
                end
                """);
        assertAllSucceeded(ok(ExternalTool.run(60, wrk, "-t1", "-c8", "-d2s", "--timeout", "10s", "-s", script.toString(), base)));
    }

    /** wrk prints these lines only when the counts are not zero. */
    private static void assertAllSucceeded(String report) {
        Matcher m = REQUESTS.matcher(report);
        assertTrue(m.find(), report);
        System.out.println("HttpRealClientTest: wrk " + report.substring(m.start(), report.indexOf('\n', m.start())));
        assertTrue(Long.parseLong(m.group(1)) > 100, report);
        assertFalse(report.contains("Non-2xx or 3xx responses"), report);
        assertFalse(report.contains("Socket errors"), report);
    }
}
