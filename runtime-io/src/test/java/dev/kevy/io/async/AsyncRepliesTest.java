package dev.kevy.io.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kevy.io.KevyRuntime;
import dev.kevy.io.Listener;
import dev.kevy.io.RuntimeConfig;
import dev.kevy.io.ShardStats;
import dev.kevy.io.resp.RespCodec;
import dev.kevy.rt.KeyHash;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Deferred replies, pushed frames and shard-to-shard messages through a real runtime, checked byte
 * for byte on plain sockets ({@link AsyncHandler} is the handler).
 */
class AsyncRepliesTest {

    @BeforeEach
    void reset() {
        AsyncHandler.reset();
    }

    static KevyRuntime start(RuntimeConfig config) {
        return KevyRuntime.start(config, Listener.tcp("127.0.0.1", 0, new RespCodec(), AsyncHandler.COMMANDS));
    }

    static KevyRuntime start(int shards) {
        return start(RuntimeConfig.builder().shards(shards).build());
    }

    /** Waits until {@code condition} holds: it is observed, never slept for. */
    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("never happened: " + what);
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    /** A one-byte key that shard {@code owner} of {@code shards} owns. */
    static String keyOwnedBy(int owner, int shards) {
        for (char k = 'a'; k <= 'z'; k++) {
            MemorySegment key = MemorySegment.ofArray(new byte[] {(byte) k});
            if (KeyHash.shardOf(KeyHash.hash(key, 0, 1), shards) == owner) {
                return String.valueOf(k);
            }
        }
        throw new AssertionError("no one-letter key for shard " + owner);
    }

    /** A connection to {@code rt} served by shard {@code shard} (connects until the kernel deals one there). */
    static RespClient clientOn(KevyRuntime rt, int shard, List<RespClient> spare) throws IOException {
        for (int i = 0; i < 200; i++) {
            RespClient c = new RespClient(rt.port());
            if (c.shard() == shard) {
                return c;
            }
            spare.add(c);
        }
        throw new AssertionError("no connection landed on shard " + shard);
    }

    static void closeAll(List<RespClient> clients) throws IOException {
        for (RespClient c : clients) {
            c.close();
        }
    }

    /**
     * The owner of the key is the client's own shard (one shard) or the other one (two shards:
     * the ticket is on the owner, the reply crosses back to the client's shard).
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aDeferredReplyKeepsTheRepliesBehindItWaiting(int shards) throws IOException {
        List<RespClient> spare = new ArrayList<>();
        try (KevyRuntime rt = start(shards);
             RespClient waiter = clientOn(rt, 0, spare);
             RespClient waker = new RespClient(rt.port())) {
            String key = keyOwnedBy(shards - 1, shards);
            waiter.send(RespClient.command("WAIT", key), RespClient.command("PING"));
            await(() -> AsyncHandler.WAITS.get() == 1, "WAIT deferred its reply");
            assertEquals(":1\r\n", waker.call("WAKE", key, "v"));
            waiter.expect("$1\r\nv\r\n+PONG\r\n"); // PONG was ready long before, and waited its turn
            assertEquals(":0\r\n", waker.call("WAKE", key, "w"), "a completed ticket is gone");
            assertEquals(0, AsyncHandler.DEATHS.get());
        } finally {
            closeAll(spare);
        }
    }

    /**
     * A ticket whose client left dies: its handler is told, and completing it writes nothing, not
     * even to the next client in the same connection slot.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aTicketDiesWithItsConnectionAndWritesNothingAfter(int shards) throws IOException {
        List<RespClient> spare = new ArrayList<>();
        try (KevyRuntime rt = start(shards)) {
            String key = keyOwnedBy(shards - 1, shards);
            RespClient gone = clientOn(rt, 0, spare);
            gone.send("WAIT", key);
            await(() -> AsyncHandler.WAITS.get() == 1, "WAIT deferred its reply");
            gone.close();
            await(() -> AsyncHandler.DEATHS.get() == 1, "the handler heard its ticket died");
            try (RespClient next = clientOn(rt, 0, spare)) { // on one shard: the slot just freed
                assertEquals(":-1\r\n", next.call("WAKE", key, "late"), "beginReply of a dead ticket is null");
                assertEquals("+PONG\r\n", next.call("PING"), "and nothing else reached the new client");
            }
            assertEquals(1, AsyncHandler.DEATHS.get());
        } finally {
            closeAll(spare);
        }
    }

    /**
     * A client that ends its stream right behind its requests (a FIN) is owed every reply ahead of
     * a deferred one: they go out, then the connection closes. The deferred reply dies as on a
     * close (a half-close and a client that has gone look alike, and a ticket may never complete),
     * and no reply behind it is sent, though the request behind it ran. With two shards WAKE and
     * WAIT run on the other shard: WAKE's reply and the news of WAIT's ticket arrive after the end
     * of the stream was read (a close at the end would drop that reply).
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void theEndOfAStreamSendsTheRepliesAheadOfADeferredOneThenCloses(int shards) throws IOException {
        List<RespClient> spare = new ArrayList<>();
        try (KevyRuntime rt = start(shards);
             RespClient c = clientOn(rt, 0, spare)) {
            String key = keyOwnedBy(shards - 1, shards);
            c.send(RespClient.command("WAKE", key, "v"), RespClient.command("WAIT", key), RespClient.command("MARK"));
            c.socket.shutdownOutput();
            assertEquals(":0\r\n", c.readText(), "the reply ahead of WAIT, then the end");
            await(() -> AsyncHandler.DEATHS.get() == 1, "WAIT's ticket died with the stream");
            assertEquals(1, AsyncHandler.MARKS.get(), "what was read before the end ran");
            assertEquals(1, AsyncHandler.WAITS.get());
        } finally {
            closeAll(spare);
        }
    }

    /**
     * A deferred reply the handler completes on its own ({@code deferReply(hold, true)}, as a
     * reply that waits for a disk write) outlives the end of the client's stream: the client that
     * sends SOON and MARK and then shuts down its side reads both replies, in order, and then the
     * end. With two shards SOON runs on the other shard, whose ticket the client's shard never
     * hears of: there it is a forwarded request whose reply is coming.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aTicketCompletedOnItsOwnOutlivesTheEndOfTheStream(int shards) throws IOException {
        List<RespClient> spare = new ArrayList<>();
        try (KevyRuntime rt = start(shards);
             RespClient c = clientOn(rt, 0, spare)) {
            String key = keyOwnedBy(shards - 1, shards);
            c.send(RespClient.command("SOON", key, "50"), RespClient.command("MARK"));
            c.socket.shutdownOutput();
            assertEquals("+FIRED\r\n+MARKED\r\n", c.readText(), "both replies, then the end");
            assertEquals(0, AsyncHandler.DEATHS.get(), "no ticket died");
        } finally {
            closeAll(spare);
        }
    }

    /**
     * A client held by its ticket (a blocked client) that closes is noticed while it waits: the
     * held connection goes on receiving, so the end of its stream kills the ticket at once
     * rather than when something completes it (which would hand a value to a client that left).
     * The bytes it sent after BLOCK were read but never run.
     */
    @Test
    void aHeldClientThatLeavesKillsItsTicketWhileItWaits() throws IOException {
        try (KevyRuntime rt = start(2)) {
            RespClient blocked = new RespClient(rt.port());
            blocked.send(RespClient.command("BLOCK", "k"), RespClient.command("MARK"));
            await(() -> AsyncHandler.BLOCKS.get() == 1, "BLOCK deferred its reply");
            blocked.close();
            await(() -> AsyncHandler.DEATHS.get() == 1, "the held ticket died with its connection");
            assertEquals(0, AsyncHandler.MARKS.get(), "MARK, sent behind BLOCK, never ran");
        }
    }

    @Test
    void aHoldingTicketKeepsLaterRequestsUnrunUntilItCompletes() throws IOException {
        try (KevyRuntime rt = start(2);
             RespClient blocked = new RespClient(rt.port());
             RespClient other = new RespClient(rt.port())) {
            blocked.send(RespClient.command("BLOCK", "k"), RespClient.command("MARK"));
            await(() -> AsyncHandler.BLOCKS.get() == 1, "BLOCK deferred its reply");
            assertEquals("+PONG\r\n", other.call("PING"));
            assertEquals(0, AsyncHandler.MARKS.get(), "MARK, read with BLOCK, has not run");
            assertEquals(":2\r\n", other.call("UNBLOCK", "k"));
            blocked.expect("+UNBLOCKED\r\n+MARKED\r\n");
            assertEquals(1, AsyncHandler.MARKS.get());
        }
    }

    @Test
    void pushedFramesReachSubscribersOnEveryShard() throws IOException {
        List<RespClient> spare = new ArrayList<>();
        try (KevyRuntime rt = start(2);
             RespClient sub0 = clientOn(rt, 0, spare);
             RespClient sub1 = clientOn(rt, 1, spare);
             RespClient publisher = new RespClient(rt.port())) {
            assertEquals("+OK\r\n", sub0.call("SUB"));
            assertEquals("+OK\r\n", sub1.call("SUB"));
            assertEquals(":2\r\n", publisher.call("PUB", "hello"));
            assertEquals(":2\r\n", publisher.call("PUB", "again"));
            sub0.expect("+hello\r\n+again\r\n");
            sub1.expect("+hello\r\n+again\r\n");
        } finally {
            closeAll(spare);
        }
    }

    /** RESP pushes go out at once, ahead of a reply still owed (as Redis delivers pub/sub messages). */
    @Test
    void aPushGoesAheadOfAReplyStillOwed() throws IOException {
        try (KevyRuntime rt = start(1);
             RespClient sub = new RespClient(rt.port());
             RespClient other = new RespClient(rt.port())) {
            sub.send(RespClient.command("SUB"), RespClient.command("WAIT", "q"));
            sub.expect("+OK\r\n");
            await(() -> AsyncHandler.WAITS.get() == 1, "WAIT deferred its reply");
            assertEquals(":1\r\n", other.call("PUB", "first"));
            sub.expect("+first\r\n");
            assertEquals(":1\r\n", other.call("WAKE", "q", "v"));
            sub.expect("$1\r\nv\r\n");
        }
    }

    /** A subscriber that stops reading is cut at its output limit; the publisher and others lose nothing. */
    @Test
    void aSubscriberThatStopsReadingIsCutAtItsLimitAndNobodyElseNotices() throws IOException {
        RuntimeConfig config = RuntimeConfig.builder().shards(1).outputLimitBytes(256 * 1024).build();
        String chunk = "x".repeat(32 * 1024);
        byte[] pub = RespClient.command("PUB", chunk);
        int batch = 8;
        try (KevyRuntime rt = start(config);
             RespClient stalled = new RespClient(rt.port(), 4096);
             RespClient reader = new RespClient(rt.port());
             RespClient publisher = new RespClient(rt.port())) {
            assertEquals("+OK\r\n", stalled.call("SUB"));
            assertEquals("+OK\r\n", reader.call("SUB"));
            int published = 0;
            while (AsyncHandler.CLOSES.get() == 0) {
                assertTrue(published < 20_000, "the stalled subscriber was never cut");
                for (int i = 0; i < batch; i++) {
                    publisher.send(pub);
                }
                for (int i = 0; i < batch; i++) {
                    publisher.expect(":1\r\n");
                    reader.expect("+" + chunk + "\r\n"); // the reading subscriber gets every frame
                }
                published += batch;
            }
            assertEquals("+PONG\r\n", publisher.call("PING"));
            long got = stalled.readToEnd();
            assertTrue(got < (long) published * (chunk.length() + 3),
                    "the stalled subscriber was closed before it got everything: " + got);
        }
    }

    @Test
    void aMessageNobodyHandlesIsCountedNotDropped() throws IOException {
        try (KevyRuntime rt = start(2); RespClient c = new RespClient(rt.port())) {
            assertEquals("+SENT\r\n", c.call("BADMSG"));
            await(() -> rt.stats(0).get(ShardStats.MESSAGES_UNHANDLED) + rt.stats(1).get(ShardStats.MESSAGES_UNHANDLED) == 1,
                    "the unhandled message was counted");
            assertEquals("+PONG\r\n", c.call("PING"), "and the shard serves on");
        }
    }

    @Test
    void deferringOutsideARequestIsRefused() throws IOException {
        try (KevyRuntime rt = start(1); RespClient c = new RespClient(rt.port())) {
            assertEquals("+OK\r\n", c.call("DEFEROUTSIDE"));
            await(() -> AsyncHandler.DEFER_OUTSIDE_REFUSED.get() == 1, "deferReply in onMessage threw");
            assertEquals("+PONG\r\n", c.call("PING"));
        }
    }
}
