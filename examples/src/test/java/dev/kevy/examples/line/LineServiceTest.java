package dev.kevy.examples.line;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kevy.io.KevyRuntime;
import dev.kevy.io.Listener;
import dev.kevy.io.RuntimeConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The line service over real sockets, on a 2-shard runtime: the inputs that broke services built
 * on RESP's inline commands (double spaces, empty lines, lines starting with {@code *}, NUL bytes)
 * come back as sent, pipelines are answered in order, and an overlong line ends the connection
 * with one error line.
 */
class LineServiceTest {

    private static KevyRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = KevyRuntime.start(RuntimeConfig.builder().shards(2).build(),
                Listener.tcp("127.0.0.1", 0, new LineCodec(), context -> new LineHandler()));
    }

    @AfterAll
    static void stop() {
        runtime.stop();
    }

    @Test
    void doubleSpacesEmptyLinesStarLinesAndNulBytesComeBackAsSent() throws IOException {
        try (LineClient c = connect()) {
            assertEquals("a  b   c ", c.call("ECHO a  b   c "));
            assertEquals("", c.call(""));
            assertEquals("", c.call("ECHO "));
            assertEquals("*3", c.call("ECHO *3"));
            assertEquals("ERR unknown command", c.call("*3"));
            assertEquals("ERR unknown command", c.call("$5"));
            assertEquals("\0nul\0 \0", c.call("ECHO \0nul\0 \0"));
            assertEquals("PONG", c.call("ping"));
            assertEquals("  LEADING, \0 \u00ff\u00e9 *", c.call("UPPER   leading, \0 \u00ff\u00e9 *"));
            assertEquals("ERR unknown command", c.call(" ECHO x"));
            assertEquals("ERR wrong number of arguments", c.call("ECHO"));
            assertEquals("ERR wrong number of arguments", c.call("PING x"));
            assertEquals("still open", c.call("ECHO still open"));
        }
    }

    @Test
    void crLfLinesAreAnsweredWithoutTheCr() throws IOException {
        try (LineClient c = connect()) {
            c.send("ECHO windows\r\n\r\nPING\r\n");
            assertEquals("windows\n\nPONG\n", c.readLines(3));
        }
    }

    @Test
    void pipelinedLinesAreAnsweredInOrder() throws IOException {
        StringBuilder requests = new StringBuilder();
        StringBuilder replies = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            switch (i % 4) {
                case 0 -> { requests.append("ECHO ").append(i).append("  x\n"); replies.append(i).append("  x\n"); }
                case 1 -> { requests.append('\n'); replies.append('\n'); }
                case 2 -> {
                    requests.append("UPPER *a").append(i).append('\n');
                    replies.append("*A").append(i).append('\n');
                }
                default -> { requests.append("PING\n"); replies.append("PONG\n"); }
            }
        }
        try (LineClient c = connect()) {
            c.send(requests.toString());
            assertEquals(replies.toString(), c.readLines(5_000));
        }
    }

    @Test
    void aLongLineUnderTheLimitIsEchoedWhole() throws IOException {
        String text = "x ".repeat(LineCodec.DEFAULT_MAX_LINE_LENGTH / 2 - 3);
        try (LineClient c = connect()) {
            assertEquals(text, c.call("ECHO " + text));
        }
    }

    @Test
    void anOverlongLineIsAnsweredWithOneErrorLineThenTheConnectionCloses() throws IOException {
        try (LineClient c = connect()) {
            assertEquals("PONG", c.call("PING"));
            // One byte over the limit and no LF: refused all the same, once every byte is read (so
            // the close is a clean FIN, not a reset that could beat the error line to the client).
            c.send("ECHO " + "y".repeat(LineCodec.DEFAULT_MAX_LINE_LENGTH - 4));
            assertArrayEquals("ERR line too long\n".getBytes(StandardCharsets.ISO_8859_1), c.readToEnd());
        }
    }

    private static LineClient connect() throws IOException {
        return new LineClient(runtime.port());
    }
}
