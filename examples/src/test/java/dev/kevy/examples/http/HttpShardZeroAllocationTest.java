package dev.kevy.examples.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kevy.examples.ShardAllocations;
import dev.kevy.io.CommandHandler;
import dev.kevy.io.KevyRuntime;
import dev.kevy.io.Listener;
import dev.kevy.io.RuntimeConfig;
import dev.kevy.io.Session;
import dev.kevy.io.codec.Request;
import dev.kevy.io.http.HttpCodec;
import dev.kevy.io.http.HttpResponse;
import dev.kevy.io.http.HttpStatus;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.rt.idle.IdlePolicy;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md 5 for the HTTP example: once warmed up, the shard thread allocates nothing while it
 * decodes requests, routes them, serializes JSON, echoes bodies and writes responses, ticks
 * included (the Date value changes every second of the run). Rounds of pipelined requests are
 * measured with the thread's allocation counter until one allocates 0 bytes, a bounded number
 * of times; a companion test shows the same meter sees a handler's deliberate allocation.
 */
class HttpShardZeroAllocationTest {
    private static final int BATCH = 100;
    private static final int BATCHES_PER_ROUND = 100;
    /** Rounds of 10,000 requests; the JIT is usually done within a few dozen. */
    private static final int MAX_ROUNDS = 150;
    private static final int ONE_BY_ONE_WARM_UP = 20_000;

    /** A batch: plaintext, json, HEAD, an echo of a short body, a 404, a 405, in turn. */
    private static String batch() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < BATCH; i++) {
            b.append(switch (i % 6) {
                case 0 -> "GET /plaintext HTTP/1.1\r\nHost: localhost\r\nAccept: text/plain\r\n\r\n";
                case 1 -> "GET /json HTTP/1.1\r\nHost: localhost\r\nAccept: application/json\r\n\r\n";
                case 2 -> "HEAD /plaintext HTTP/1.1\r\nHost: localhost\r\n\r\n";
                case 3 -> "POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 12\r\n\r\nhello, echo!";
                case 4 -> "GET /missing?q=1 HTTP/1.1\r\nHost: localhost\r\n\r\n";
                default -> "PUT /json HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\n\r\n{}";
            });
        }
        return b.toString();
    }

    private static void readBatch(HttpTestClient c) {
        for (int i = 0; i < BATCH; i++) {
            String response = i % 6 == 2 ? c.headResponse() : c.response();
            String expected = switch (i % 6) {
                case 4 -> "HTTP/1.1 404 ";
                case 5 -> "HTTP/1.1 405 ";
                default -> "HTTP/1.1 200 ";
            };
            if (!response.startsWith(expected)) {
                throw new AssertionError("response " + i + " of a batch: " + response);
            }
        }
    }

    @Test
    void theShardThreadAllocatesNothingPerRequestAfterWarmUp() {
        IdlePolicy d = IdlePolicy.forShards(1);
        // Yield instead of parking, so no round depends on whether the shard parked between batches.
        IdlePolicy neverParks = new IdlePolicy(0, Integer.MAX_VALUE, d.parkTimeoutNanos(), d.tickIntervalNanos(),
                d.tickCheckEvery());
        Set<Thread> before = ShardAllocations.alive();
        KevyRuntime runtime = KevyRuntime.start(RuntimeConfig.builder().shards(1).idle(neverParks).build(),
                Listener.tcp("127.0.0.1", 0, new HttpCodec(), new HttpService()));
        try (HttpTestClient c = new HttpTestClient(runtime.port())) {
            ShardAllocations shard = ShardAllocations.startedAfter(before, 1);
            String batch = batch();
            for (int i = 0; i < ONE_BY_ONE_WARM_UP; i++) {
                c.send(i % 2 == 0 ? "GET /plaintext HTTP/1.1\r\nHost: h\r\n\r\n" : "GET /json HTTP/1.1\r\nHost: h\r\n\r\n");
                c.response();
            }
            long allocated = -1;
            int rounds = 0;
            while (rounds < MAX_ROUNDS && allocated != 0) {
                rounds++;
                long start = shard.allocatedBytes()[0];
                for (int b = 0; b < BATCHES_PER_ROUND; b++) {
                    c.send(batch);
                    readBatch(c);
                }
                allocated = shard.allocatedBytes()[0] - start;
            }
            System.out.println("HttpShardZeroAllocationTest: " + allocated + " bytes in round " + rounds);
            assertEquals(0, allocated, "heap bytes the shard thread allocated over " + BATCH * BATCHES_PER_ROUND
                    + " requests, after " + (rounds - 1) + " warm-up rounds");
        } finally {
            runtime.stop();
        }
    }

    @Test
    void theMeterSeesAHandlersDeliberateAllocation() {
        Set<Thread> before = ShardAllocations.alive();
        KevyRuntime runtime = KevyRuntime.start(RuntimeConfig.builder().shards(1).build(),
                Listener.tcp("127.0.0.1", 0, new HttpCodec(), context -> new AllocatingHandler()));
        try (HttpTestClient c = new HttpTestClient(runtime.port())) {
            ShardAllocations shard = ShardAllocations.startedAfter(before, 1);
            long start = shard.allocatedBytes()[0];
            int requests = 100;
            for (int i = 0; i < requests; i++) {
                assertTrue(c.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n").response().startsWith("HTTP/1.1 204 "));
            }
            long allocated = shard.allocatedBytes()[0] - start;
            assertTrue(allocated >= requests * AllocatingHandler.LONGS * (long) Long.BYTES,
                    "the meter saw " + allocated + " bytes for " + requests + " arrays of " + AllocatingHandler.LONGS + " longs");
        } finally {
            runtime.stop();
        }
    }

    /** Answers 204 after allocating {@code long[LONGS]}. */
    private static final class AllocatingHandler implements CommandHandler {
        static final int LONGS = 10_000;
        static volatile Object sink;

        @Override
        public int route(Request request, Session session) {
            return HERE;
        }

        @Override
        public void execute(Request request, Session session, OutputBuffer out) {
            sink = new long[LONGS];
            HttpResponse.status(out, HttpStatus.NO_CONTENT);
            HttpResponse.noBody(out);
        }
    }
}
