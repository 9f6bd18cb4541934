package dev.kevy.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.kevy.rt.KeyHash;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Keys that share a hash tag live on one shard, so MSET, MGET and RENAME on them run there whole:
 * a reader racing a writer never sees a half-applied MSET, and nothing of it crosses shards.
 * The tag is chosen so that the two keys' whole-key hashes would put them on different shards.
 */
class HashTagAtomicityTest {

    private static final int SHARDS = 3;

    /** A tag whose keys {@code {tag}a} and {@code {tag}b} would live apart without the tag rule. */
    private static String splitTag() {
        for (int n = 0; ; n++) {
            String tag = "u" + n;
            if (wholeKeyShard("{" + tag + "}a") != wholeKeyShard("{" + tag + "}b")) {
                return tag;
            }
        }
    }

    private static int wholeKeyShard(String key) {
        byte[] b = key.getBytes(StandardCharsets.ISO_8859_1);
        return KeyHash.shardOf(KeyHash.hash(b, 0, b.length), SHARDS);
    }

    @Test
    void keysWithOneTagLandOnOneShard() {
        try (TestServer server = TestServer.start(SHARDS);
             RawClient c = new RawClient(server.port())) {
            String tag = splitTag();
            c.call(Resp.ok(), "MSET", "{" + tag + "}a", "1", "{" + tag + "}b", "2");
            String info = Resp.text(c.send("INFO", "kevy").readReply());
            int owner = ShardKeys.shardOf(tag, SHARDS);
            for (int s = 0; s < SHARDS; s++) {
                String expected = "shard" + s + ":keys=" + (s == owner ? 2 : 0) + ",";
                assertNotEquals(-1, info.indexOf(expected), expected + " in " + info);
            }
            c.call(Resp.ok(), "RENAME", "{" + tag + "}a", "{" + tag + "}c");
            c.call(Resp.array(Resp.nil(), Resp.bulk("2"), Resp.bulk("1")),
                    "MGET", "{" + tag + "}a", "{" + tag + "}b", "{" + tag + "}c");
        }
    }

    /**
     * A writer sets both keys to the same number, round after round; a reader reads both at once.
     * Run whole on the tag's shard, MSET and MGET never interleave: every MGET sees two equal
     * values. (With the keys on two shards, MGET reads each when its shard gets to it and can
     * see one key updated and the other not.)
     */
    @Test
    void msetAndMgetOnOneTagAreAtomic() throws Exception {
        String tag = splitTag();
        String a = "{" + tag + "}a";
        String b = "{" + tag + "}b";
        int rounds = 3_000;
        try (TestServer server = TestServer.start(SHARDS)) {
            try (RawClient c = new RawClient(server.port())) {
                c.call(Resp.ok(), "MSET", a, "0", b, "0");
            }
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<?> writer = pool.submit(() -> {
                    try (RawClient c = new RawClient(server.port())) {
                        for (int i = 1; i <= rounds; i++) {
                            c.call(Resp.ok(), "MSET", a, Integer.toString(i), b, Integer.toString(i));
                        }
                    }
                    return null;
                });
                Future<Integer> reader = pool.submit(() -> {
                    int unequal = 0;
                    try (RawClient c = new RawClient(server.port())) {
                        for (int i = 0; i < rounds; i++) {
                            String reply = Resp.text(c.send("MGET", a, b).readReply());
                            String[] lines = reply.split("\r\n"); // *2 $n first $n second
                            unequal += lines[2].equals(lines[4]) ? 0 : 1;
                        }
                    }
                    return unequal;
                });
                writer.get(60, TimeUnit.SECONDS);
                assertEquals(0, reader.get(60, TimeUnit.SECONDS), "MGETs that saw a half-applied MSET");
            } finally {
                pool.shutdownNow();
            }
            try (RawClient c = new RawClient(server.port())) {
                String last = Integer.toString(rounds);
                c.call(Resp.array(Resp.bulk(last), Resp.bulk(last)), "MGET", a, b);
            }
        }
    }
}
