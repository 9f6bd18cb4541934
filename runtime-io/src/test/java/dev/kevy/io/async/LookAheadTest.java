package dev.kevy.io.async;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kevy.io.CommandHandler;
import dev.kevy.io.KevyRuntime;
import dev.kevy.io.Listener;
import dev.kevy.io.RuntimeConfig;
import dev.kevy.io.Session;
import dev.kevy.io.codec.Request;
import dev.kevy.io.resp.RespCodec;
import dev.kevy.io.resp.RespWriter;
import dev.kevy.rt.buffer.OutputBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/**
 * The look-ahead hook ({@link CommandHandler#lookAhead}): a pipeline is shown to the handler in
 * windows of {@link CommandHandler#lookAheadWindow()} requests, each window before its first
 * request runs and exactly the requests that run next, in order, on the connection's session;
 * a client that sends one request at a time is never looked ahead; a handler that asks for no
 * window is never called, and one that declines is shown no more of that read.
 */
class LookAheadTest {

    private static final int WINDOW = 4;

    /** Records "ahead N", "done" and "run N" (N: the request's argument), with the session's id. */
    private static final class Recorder implements CommandHandler {
        final Queue<String> events;
        final int window;
        final long declineFrom;

        Recorder(Queue<String> events, int window, long declineFrom) {
            this.events = events;
            this.window = window;
            this.declineFrom = declineFrom;
        }

        @Override
        public int route(Request c, Session session) {
            return HERE;
        }

        @Override
        public void execute(Request c, Session session, OutputBuffer reply) {
            events.add("run " + c.toString(1) + " @" + session.id());
            RespWriter.integer(reply, Long.parseLong(c.toString(1)));
        }

        @Override
        public int lookAheadWindow() {
            return window;
        }

        @Override
        public boolean lookAhead(Request c, Session session) {
            events.add("ahead " + c.toString(1) + " @" + session.id());
            return Long.parseLong(c.toString(1)) < declineFrom;
        }

        @Override
        public void lookAheadDone() {
            events.add("done");
        }
    }

    private static KevyRuntime start(Queue<String> events, int window) {
        return start(events, window, Long.MAX_VALUE);
    }

    /** A handler that asks to see no more from the first request whose argument is {@code declineFrom} or more. */
    private static KevyRuntime start(Queue<String> events, int window, long declineFrom) {
        return KevyRuntime.start(RuntimeConfig.builder().shards(1).build(),
                Listener.tcp("127.0.0.1", 0, new RespCodec(), context -> new Recorder(events, window, declineFrom)));
    }

    @Test
    void aPipelineIsShownInWindowsAheadOfRunning() throws Exception {
        Queue<String> events = new ConcurrentLinkedQueue<>();
        try (KevyRuntime rt = start(events, WINDOW); RespClient c = new RespClient(rt.port())) {
            byte[][] pipeline = new byte[10][];
            StringBuilder replies = new StringBuilder();
            for (int i = 0; i < pipeline.length; i++) {
                pipeline[i] = RespClient.command("X", String.valueOf(i));
                replies.append(':').append(i).append("\r\n");
            }
            c.send(pipeline).expect(replies.toString()); // one write: the shard reads it whole
            String id = sessionOf(events);
            List<String> expected = new ArrayList<>();
            window(expected, id, 0, 4);
            window(expected, id, 4, 8);
            window(expected, id, 8, 10);
            assertEquals(expected, new ArrayList<>(events));
        }
    }

    /**
     * Inline commands are unescaped over their own bytes, so a look-ahead that split one would
     * leave the real parse a rewritten line ({@code X 12""}): the look-ahead stops before the
     * first inline command, and the multibulk requests before it are still shown.
     */
    @Test
    void theLookAheadStopsAtAnInlineCommandAndLeavesItsBytesAlone() throws Exception {
        Queue<String> events = new ConcurrentLinkedQueue<>();
        try (KevyRuntime rt = start(events, WINDOW); RespClient c = new RespClient(rt.port())) {
            byte[] inline = "X \"12\"\r\nX '13'\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            c.send(RespClient.command("X", "10"), RespClient.command("X", "11"), inline).expect(":10\r\n:11\r\n:12\r\n:13\r\n");
            String id = sessionOf(events);
            List<String> expected = new ArrayList<>();
            window(expected, id, 10, 12);
            expected.add("done"); // the look-ahead at X "12" found an inline command first: nothing shown
            expected.add("run 12 @" + id);
            expected.add("run 13 @" + id); // the last request: nothing behind it, no look-ahead
            assertEquals(expected, new ArrayList<>(events));
        }
    }

    /**
     * A handler that answers false ends the window there and is shown no more of what the
     * connection has read; the next read is looked ahead again.
     */
    @Test
    void aHandlerThatDeclinesIsShownNoMoreOfThatInput() throws Exception {
        Queue<String> events = new ConcurrentLinkedQueue<>();
        try (KevyRuntime rt = start(events, WINDOW, 2); RespClient c = new RespClient(rt.port())) {
            byte[][] first = new byte[10][];
            StringBuilder replies = new StringBuilder();
            for (int i = 0; i < first.length; i++) {
                first[i] = RespClient.command("X", String.valueOf(i));
                replies.append(':').append(i).append("\r\n");
            }
            c.send(first).expect(replies.toString()); // one write: the shard reads it whole
            c.send(RespClient.command("X", "20"), RespClient.command("X", "21")).expect(":20\r\n:21\r\n");
            String id = sessionOf(events);
            List<String> expected = new ArrayList<>();
            window(expected, id, 0, 3); // 0 and 1 go on, 2 declines: the window ends with it
            for (int i = 3; i < 10; i++) {
                expected.add("run " + i + " @" + id); // the rest of that read, not shown
            }
            window(expected, id, 20, 21); // a new read is shown again, and 20 declines at once
            expected.add("run 21 @" + id);
            assertEquals(expected, new ArrayList<>(events));
        }
    }

    @Test
    void oneRequestAtATimeIsNeverLookedAhead() throws Exception {
        Queue<String> events = new ConcurrentLinkedQueue<>();
        try (KevyRuntime rt = start(events, WINDOW); RespClient c = new RespClient(rt.port())) {
            for (int i = 0; i < 3; i++) {
                assertEquals(":" + i + "\r\n", c.call("X", String.valueOf(i)));
            }
            String id = sessionOf(events);
            assertEquals(List.of("run 0 @" + id, "run 1 @" + id, "run 2 @" + id), new ArrayList<>(events));
        }
    }

    @Test
    void aHandlerWithoutAWindowIsNeverShownAnything() throws Exception {
        Queue<String> events = new ConcurrentLinkedQueue<>();
        try (KevyRuntime rt = start(events, 0); RespClient c = new RespClient(rt.port())) {
            c.send(RespClient.command("X", "1"), RespClient.command("X", "2")).expect(":1\r\n:2\r\n");
            String id = sessionOf(events);
            assertEquals(List.of("run 1 @" + id, "run 2 @" + id), new ArrayList<>(events));
        }
    }

    private static void window(List<String> expected, String id, int from, int to) {
        for (int i = from; i < to; i++) {
            expected.add("ahead " + i + " @" + id);
        }
        expected.add("done");
        for (int i = from; i < to; i++) {
            expected.add("run " + i + " @" + id);
        }
    }

    /** The session id the first run event names (every event must name the same). */
    private static String sessionOf(Queue<String> events) {
        for (String e : events) {
            if (e.startsWith("run ")) {
                return e.substring(e.indexOf('@') + 1);
            }
        }
        throw new AssertionError("nothing ran: " + events);
    }
}
