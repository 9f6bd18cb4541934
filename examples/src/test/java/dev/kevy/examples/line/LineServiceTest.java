package dev.kevy.examples.line;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kevy.io.KevyRuntime;
import dev.kevy.io.Listener;
import dev.kevy.io.RuntimeConfig;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
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
        try (Connection c = new Connection()) {
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
        try (Connection c = new Connection()) {
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
                case 2 -> { requests.append("UPPER *a").append(i).append('\n'); replies.append("*A").append(i).append('\n'); }
                default -> { requests.append("PING\n"); replies.append("PONG\n"); }
            }
        }
        try (Connection c = new Connection()) {
            c.send(requests.toString());
            assertEquals(replies.toString(), c.readLines(5_000));
        }
    }

    @Test
    void aLongLineUnderTheLimitIsEchoedWhole() throws IOException {
        String text = "x ".repeat(LineCodec.DEFAULT_MAX_LINE_LENGTH / 2 - 3);
        try (Connection c = new Connection()) {
            assertEquals(text, c.call("ECHO " + text));
        }
    }

    @Test
    void anOverlongLineIsAnsweredWithOneErrorLineThenTheConnectionCloses() throws IOException {
        try (Connection c = new Connection()) {
            assertEquals("PONG", c.call("PING"));
            // One byte over the limit and no LF: refused all the same, once every byte is read (so
            // the close is a clean FIN, not a reset that could beat the error line to the client).
            c.send("ECHO " + "y".repeat(LineCodec.DEFAULT_MAX_LINE_LENGTH - 4));
            assertArrayEquals("ERR line too long\n".getBytes(StandardCharsets.ISO_8859_1), c.readToEnd());
        }
    }

    /** A blocking client; text is ISO-8859-1, one char per byte. */
    static final class Connection implements AutoCloseable {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;

        Connection() throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), runtime.port());
            socket.setSoTimeout(30_000);
            socket.setTcpNoDelay(true);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream());
        }

        /** Sends one line and returns the reply line without its LF. */
        String call(String line) throws IOException {
            send(line + "\n");
            String reply = readLines(1);
            return reply.substring(0, reply.length() - 1);
        }

        void send(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        /** Reads exactly {@code lines} LF-terminated lines (a reply never has more bytes than asked). */
        String readLines(int lines) throws IOException {
            ByteArrayOutputStream read = new ByteArrayOutputStream();
            int seen = 0;
            while (seen < lines) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("connection closed after " + seen + " lines");
                }
                read.write(b);
                if (b == '\n') {
                    seen++;
                }
            }
            return read.toString(StandardCharsets.ISO_8859_1);
        }

        byte[] readToEnd() throws IOException {
            return in.readAllBytes();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
