package dev.kevy.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Drives the generator against servers whose behaviour is known exactly. */
class LoadGeneratorTest {

    private static LoadOptions load(int port, int connections, int pipeline, double rate, boolean prefill,
                                    double drainS) {
        return new LoadOptions("127.0.0.1", port, connections, pipeline, rate, 0.4, 0.1, 0.5, 1000, 16,
                Distribution.UNIFORM, 0.99, 1, prefill, "test", null, null, 1, drainS, false);
    }

    @Test
    void closedLoopGetsTheRightReplyKindForEveryRequest() throws IOException {
        try (NullServer server = NullServer.start("127.0.0.1", 0, 1)) {
            RunResult r = LoadGenerator.run(load(server.port(), 4, 8, 0, false, 2));
            assertNull(r.failure());
            assertEquals(0, r.errors());
            assertEquals(0, r.unexpected());
            assertEquals(0, r.incomplete());
            assertTrue(r.latency().getTotalCount() > 1000, "recorded " + r.latency().getTotalCount());
            assertEquals(0, r.hits(), "NullServer never has a value");
            assertTrue(r.misses() > 0);
            assertTrue(r.throughput() > 0);
        }
    }

    @Test
    void openLoopRecordsExactlyOneLatencyPerIntendedRequest() throws IOException {
        try (NullServer server = NullServer.start("127.0.0.1", 0, 1)) {
            double rate = 5_000;
            RunResult r = LoadGenerator.run(load(server.port(), 5, 1, rate, false, 2));
            assertTrue(r.clean(), String.valueOf(r.failure()));
            long intended = Math.round(rate * r.options().durationS());
            // Each connection's schedule may place one request more or fewer inside the window.
            long recorded = r.latency().getTotalCount();
            assertTrue(Math.abs(recorded - intended) <= 5, recorded + " recorded, " + intended + " intended");
            assertEquals(0, r.incomplete());
        }
    }

    @Test
    void aStalledServerIsChargedForEveryRequestItWasMeantToAnswer() throws IOException {
        try (ServerSocket silent = new ServerSocket()) {
            silent.bind(new InetSocketAddress("127.0.0.1", 0));
            Thread acceptor = Thread.ofPlatform().daemon().start(() -> {
                try {
                    for (;;) {
                        silent.accept(); // accept, then never read or answer
                    }
                } catch (IOException closed) {
                    // test over
                }
            });
            double rate = 1_000;
            RunResult r = LoadGenerator.run(load(silent.getLocalPort(), 2, 1, rate, false, 0.1));
            long intended = Math.round(rate * r.options().durationS());
            assertTrue(Math.abs(r.incomplete() - intended) <= 2, r.incomplete() + " unanswered, " + intended + " intended");
            assertEquals(r.incomplete(), r.latency().getTotalCount(), "every unanswered request is in the histogram");
            // The earliest measured request waited at least the window plus the drain timeout.
            assertTrue(r.latency().getMaxValue() >= 450_000_000L, "max " + r.latency().getMaxValue() + " ns");
            // Each connection's one slot was taken in warm-up and never freed: no measured request went out.
            assertEquals(0, r.sendLag().getTotalCount());
            assertEquals(0, r.slotWaits());
            acceptor.interrupt();
        }
    }

    @Test
    void repliesOfTheWrongKindAreCountedAndMakeTheRunUnclean() throws IOException {
        try (ServerSocket wrong = new ServerSocket()) {
            wrong.bind(new InetSocketAddress("127.0.0.1", 0));
            Thread.ofPlatform().daemon().start(() -> answerEveryCommandWith(wrong, ":1\r\n"));
            RunResult r = LoadGenerator.run(load(wrong.getLocalPort(), 1, 4, 0, false, 2));
            assertNull(r.failure());
            assertTrue(r.unexpected() > 0);
            assertEquals(0, r.errors());
            assertEquals(0, r.hits() + r.misses(), "no GET was answered properly");
            assertFalse(r.clean());
        }
    }

    /** A one-connection server that counts commands and answers each with the same bytes. */
    private static void answerEveryCommandWith(ServerSocket server, String reply) {
        byte[] answer = reply.getBytes(StandardCharsets.US_ASCII);
        try (Socket s = server.accept(); InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            CommandScanner scanner = new CommandScanner();
            ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
            byte[] chunk = new byte[16 * 1024];
            int n;
            while ((n = in.read(chunk, 0, Math.min(chunk.length, buf.remaining()))) > 0) {
                buf.put(chunk, 0, n).flip();
                while (scanner.next(buf) >= 0) {
                    out.write(answer);
                }
                buf.compact();
                out.flush();
            }
        } catch (IOException closed) {
            // the generator hung up
        }
    }

    @Test
    void selfTestPasses() {
        var sink = new java.io.ByteArrayOutputStream();
        boolean passed = SelfTest.run(new java.io.PrintStream(sink, true, StandardCharsets.UTF_8));
        assertTrue(passed, sink.toString(StandardCharsets.UTF_8));
    }
}
