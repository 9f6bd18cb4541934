package dev.kevy.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Pub/sub across shards: publishers and subscribers on different shards, every message delivered
 * once and in each publisher's order, every PUBLISH answering the number of receivers on all
 * shards; and a subscriber that stops reading is cut at the pubsub output limit while the others
 * get everything.
 */
class PubSubShardsTest {

    private static final int SHARDS = 3;
    private static final int MESSAGES = 4_000;
    private static final int BATCH = 200;

    @Test
    void everyShardsSubscribersGetEveryPublishersMessagesInOrder() throws Exception {
        try (TestServer server = TestServer.start(SHARDS)) {
            TestServer.ShardClient[] subscribers = new TestServer.ShardClient[SHARDS];
            TestServer.ShardClient[] publishers = new TestServer.ShardClient[SHARDS];
            List<TestServer.ShardClient> all = new ArrayList<>();
            try {
                int missing = 2 * SHARDS;
                for (int attempt = 0; attempt < 128 && missing > 0; attempt++) { // spares stay open until the end
                    TestServer.ShardClient c = server.connect();
                    all.add(c);
                    TestServer.ShardClient[] role = subscribers[c.shard()] == null ? subscribers
                            : publishers[c.shard()] == null ? publishers : null;
                    if (role != null) {
                        role[c.shard()] = c;
                        missing--;
                    }
                }
                assertEquals(0, missing, "a subscriber and a publisher on every shard");
                for (TestServer.ShardClient s : subscribers) {
                    s.client().call(Resp.bytes("*3\r\n$9\r\nsubscribe\r\n$2\r\nch\r\n:1\r\n"), "SUBSCRIBE", "ch");
                }
                subscribers[0].client().call(Resp.bytes("*3\r\n$10\r\npsubscribe\r\n$2\r\nc*\r\n:2\r\n"),
                        "PSUBSCRIBE", "c*");
                int receivers = SHARDS + 1;
                List<Thread> threads = new ArrayList<>();
                AtomicReference<Throwable> failure = new AtomicReference<>();
                for (int p = 0; p < SHARDS; p++) { // publisher p on shard p, subscriber s on shard s
                    RawClient pub = publishers[p].client();
                    int id = p;
                    threads.add(run(failure, () -> publish(pub, id, receivers)));
                }
                long[][] counts = new long[SHARDS][];
                for (int s = 0; s < SHARDS; s++) {
                    RawClient sub = subscribers[s].client();
                    long[] next = new long[SHARDS];
                    counts[s] = next;
                    boolean patterns = s == 0;
                    threads.add(run(failure, () -> receive(sub, next, patterns)));
                }
                for (Thread t : threads) {
                    t.join();
                }
                if (failure.get() != null) {
                    throw new AssertionError(failure.get());
                }
                for (int s = 0; s < SHARDS; s++) {
                    for (int p = 0; p < SHARDS; p++) {
                        assertEquals(MESSAGES, counts[s][p], "messages of publisher " + p + " at subscriber " + s);
                    }
                }
            } finally {
                all.forEach(TestServer.ShardClient::close);
            }
        }
    }

    private static Thread run(AtomicReference<Throwable> failure, Runnable body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        });
        t.start();
        return t;
    }

    /** {@link #MESSAGES} PUBLISH ch p:seq in pipelined batches; each must reach {@code receivers}. */
    private static void publish(RawClient pub, int id, int receivers) {
        byte[] reply = Resp.integer(receivers);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int i = 0; i < BATCH; i++) {
            expected.writeBytes(reply);
        }
        for (int from = 0; from < MESSAGES; from += BATCH) {
            ByteArrayOutputStream batch = new ByteArrayOutputStream();
            for (int i = from; i < from + BATCH; i++) {
                Resp.appendCommand(batch, "PUBLISH", "ch", id + ":" + i);
            }
            pub.send(batch.toByteArray());
            pub.expect(expected.toByteArray());
        }
    }

    /**
     * Reads every publisher's messages (and, with {@code patterns}, each again as a pattern
     * message right after it), checking each publisher's sequence has no gap and no repeat.
     */
    private static void receive(RawClient sub, long[] next, boolean patterns) {
        long total = (long) SHARDS * MESSAGES;
        for (long n = 0; n < total; n++) {
            String[] message = Resp.text(sub.readReply()).split("\r\n");
            assertEquals("message", message[2]);
            String body = message[6];
            if (patterns) {
                String[] pmessage = Resp.text(sub.readReply()).split("\r\n");
                assertEquals("pmessage", pmessage[2]);
                assertEquals("c*", pmessage[4]);
                assertEquals(body, pmessage[8]);
            }
            int p = Integer.parseInt(body.substring(0, body.indexOf(':')));
            long seq = Long.parseLong(body.substring(body.indexOf(':') + 1));
            assertEquals(next[p], seq, "publisher " + p + "'s next message");
            next[p]++;
        }
    }

    @Test
    void aSubscriberThatStopsReadingIsCutAtThePubsubLimitAndOthersGetEverything() throws Exception {
        try (TestServer server = TestServer.start(SHARDS);
             RawClient admin = new RawClient(server.port());
             RawClient good = new RawClient(server.port());
             RawClient pub = new RawClient(server.port());
             Socket slow = new Socket()) {
            admin.call(Resp.ok(), "CONFIG", "SET", "client-output-buffer-limit", "pubsub 256kb 0 0");
            slow.setReceiveBufferSize(4096);
            slow.connect(new InetSocketAddress("127.0.0.1", server.port()));
            slow.setSoTimeout(20_000);
            slow.getOutputStream().write(Resp.command("SUBSCRIBE", "big"));
            byte[] subscribed = Resp.bytes("*3\r\n$9\r\nsubscribe\r\n$3\r\nbig\r\n:1\r\n");
            // subscribed before the first PUBLISH: otherwise early messages reach only the good one (:1)
            assertEquals(Resp.text(subscribed), Resp.text(slow.getInputStream().readNBytes(subscribed.length)));
            good.call(Resp.bytes("*3\r\n$9\r\nsubscribe\r\n$3\r\nbig\r\n:1\r\n"), "SUBSCRIBE", "big");
            int messages = 20_000; // 20 MB: more than the kernel's socket buffers can hold for the slow one
            String payload = "x".repeat(1000);
            int batchSize = 100; // 100 KB: the good subscriber, read after each batch, never holds 256 KB unsent
            long cutAt = -1;
            for (int from = 0; from < messages; from += batchSize) {
                ByteArrayOutputStream batch = new ByteArrayOutputStream();
                for (int i = from; i < from + batchSize; i++) {
                    Resp.appendCommand(batch, "PUBLISH", "big", i + ":" + payload);
                }
                pub.send(batch.toByteArray());
                for (int i = from; i < from + batchSize; i++) {
                    String r = Resp.text(pub.readReply());
                    if (r.equals(":1\r\n") && cutAt < 0) {
                        cutAt = i;
                    }
                    assertTrue(r.equals(cutAt < 0 ? ":2\r\n" : ":1\r\n"), "reply " + i + ": " + r);
                }
                for (int i = from; i < from + batchSize; i++) {
                    String[] m = Resp.text(good.readReply()).split("\r\n");
                    assertEquals(i + ":" + payload, m[6]);
                }
            }
            assertTrue(cutAt > 0, "the slow subscriber was cut, after receiving some messages: " + cutAt);
            InputStream in = slow.getInputStream(); // what it had been sent, then the end of the stream
            byte[] chunk = new byte[64 * 1024];
            long bytes = 0;
            try {
                for (int n; (n = in.read(chunk)) >= 0; ) {
                    bytes += n;
                }
            } catch (IOException e) { // a reset: the server closed with data unread, also a cut
                assertTrue(e.getMessage() != null, e.toString());
            }
            assertTrue(bytes < (long) messages * 1000, "the slow subscriber did not get everything: " + bytes);
            admin.call(Resp.bytes("*2\r\n$3\r\nbig\r\n:1\r\n"), "PUBSUB", "NUMSUB", "big");
        }
    }
}
