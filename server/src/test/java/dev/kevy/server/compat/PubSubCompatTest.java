package dev.kevy.server.compat;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Pub/sub compared frame by frame with Redis 7: the (un)subscribe confirmations in a pipeline
 * with other replies, the commands refused in subscribed mode, messages and pattern messages as
 * subscribers receive them, PUBSUB introspection, and the output limit's configuration. Each
 * connection is a {@link Differ}: the same bytes go to both servers and every frame read from
 * one must equal the other's. Subscribers and publishers land on whichever of kevy's three
 * shards the kernel gives them, so messages cross shards here too ({@code PubSubShardsTest} pins
 * that down).
 */
class PubSubCompatTest extends DifferentialBase {

    /**
     * A differ once both servers have dropped the subscriptions of earlier tests' connections,
     * which they do when they notice the close, after the test that closed them has ended.
     */
    @Override
    Differ differ() {
        Differ d = super.differ();
        d.onEach((name, w) -> {
            long deadline = System.nanoTime() + Wire.READ_TIMEOUT_MILLIS * 1_000_000L;
            while (!(Wire.text(w.call("PUBSUB", "NUMPAT")).equals(":0\r\n")
                    && Wire.text(w.call("PUBSUB", "CHANNELS")).equals("*0\r\n")
                    && Wire.text(w.call("PUBSUB", "SHARDCHANNELS")).equals("*0\r\n"))) {
                assertTrue(System.nanoTime() < deadline, name + " still has subscribers of closed connections");
                Thread.onSpinWait();
            }
        });
        return d;
    }

    @Test
    void subscribeConfirmationsKeepPipelineOrderWithOtherReplies() {
        try (Differ d = differ(); Differ sub = connection()) {
            d.same("SET", "k", "v");
            sub.sameRaw("no subscriptions", pipeline(c("UNSUBSCRIBE"), c("PUNSUBSCRIBE"), c("SUNSUBSCRIBE"),
                    c("UNSUBSCRIBE", "x", "y"), c("PING")), 6);
            sub.sameRaw("mixed", pipeline(c("SUBSCRIBE", "a", "b", "a"), c("PING"), c("PING", "hi"), c("GET", "k"),
                    c("SET", "k", "w"), c("CONFIG", "GET", "maxmemory"), c("PUBLISH", "a", "m"), c("NOSUCH", "x"),
                    c("GET"), c("PING", "a", "b"), c("SUBSCRIBE"), c("PSUBSCRIBE", "p*", "q?"), c("UNSUBSCRIBE", "a"),
                    c("UNSUBSCRIBE", "zz"), c("PUNSUBSCRIBE", "q?"), c("UNSUBSCRIBE"), c("PUNSUBSCRIBE"),
                    c("SSUBSCRIBE", "s1", "s2"), c("GET", "k"), c("SUNSUBSCRIBE", "s2"), c("SUNSUBSCRIBE"),
                    c("PING"), c("GET", "k")), 27);
            sub.sameRaw("reset", pipeline(c("SUBSCRIBE", "r"), c("PSUBSCRIBE", "r*"), c("RESET"), c("PING"),
                    c("GET", "k")), 5);
            sub.assertSame();
            d.assertSame();
        }
        try (Differ quitter = connection()) {
            quitter.sameRaw("subscribe", pipeline(c("SUBSCRIBE", "q"), c("PSUBSCRIBE", "q*")), 2);
            quitter.sameThenClosed("QUIT"); // allowed in subscribed mode: +OK, then the connection closes
            quitter.assertSame();
        }
    }

    @Test
    void messagesAndPatternMessagesReachSubscribersAsInRedis() {
        try (Differ d = differ(); Differ a = connection(); Differ p = connection(); Differ pub = connection()) {
            a.sameRaw("subscribe", pipeline(c("SUBSCRIBE", "news", "", "bin\r\nary")), 3);
            p.sameRaw("psubscribe", pipeline(c("PSUBSCRIBE", "n?ws", "h[ae]llo", "a\\*b", "x*")), 4);
            String[][] publishes = {
                c("PUBLISH", "news", "first"), c("PUBLISH", "nows", "pattern only"), c("PUBLISH", "", "empty channel"),
                c("PUBLISH", "bin\r\nary", "m\u0000\u00ff"), c("PUBLISH", "hallo", ""), c("PUBLISH", "hillo", "none"),
                c("PUBLISH", "a*b", "escaped"), c("PUBLISH", "axb", "none"), c("PUBLISH", "xylophone", "x*"),
                c("PUBLISH", "news", "x".repeat(70_000)), c("SPUBLISH", "news", "not a shard subscriber")};
            for (String[] command : publishes) {
                pub.same(command);
            }
            a.sameRaw("messages", new byte[0], 4);
            p.sameRaw("pattern messages", new byte[0], 6);
            a.sameRaw("after", pipeline(c("PING", "end")), 1); // nothing else was queued before it
            p.sameRaw("after", pipeline(c("PING", "end")), 1);
            a.sameRaw("ssubscribe", pipeline(c("SSUBSCRIBE", "news")), 1);
            pub.same("SPUBLISH", "news", "shard message");
            pub.same("PUBLISH", "news", "both kinds");
            a.sameRaw("smessage, message", new byte[0], 2);
            a.assertSame();
            p.assertSame();
            pub.assertSame();
        }
    }

    @Test
    void unsubscribeDropsNothingPublishedBeforeIt() {
        try (Differ d = differ(); Differ sub = connection(); Differ pub = connection()) {
            sub.sameRaw("subscribe", pipeline(c("SUBSCRIBE", "c1"), c("PSUBSCRIBE", "c*")), 2);
            int n = 500;
            String[][] burst = new String[n][];
            for (int i = 0; i < n; i++) {
                burst[i] = c("PUBLISH", "c1", "message " + i);
            }
            pub.sameRaw("burst", pipeline(burst), n); // every reply 2: each publish reached both subscriptions
            sub.sameRaw("unsubscribe after the burst", pipeline(c("UNSUBSCRIBE"), c("PUNSUBSCRIBE")), 2 * n + 2);
            pub.same("PUBLISH", "c1", "after");
            sub.sameRaw("not subscribed any more", pipeline(c("PING")), 1);
            sub.assertSame();
            pub.assertSame();
        }
    }

    @Test
    void pubsubIntrospectionCountsEveryShardsSubscribers() {
        try (Differ d = differ(); Differ s1 = connection(); Differ s2 = connection(); Differ s3 = connection()) {
            d.same("PUBSUB", "NUMPAT");
            d.same("PUBSUB", "CHANNELS");
            s1.sameRaw("s1", pipeline(c("SUBSCRIBE", "red", "green"), c("PSUBSCRIBE", "r*"), c("SSUBSCRIBE", "sh")), 4);
            s2.sameRaw("s2", pipeline(c("SUBSCRIBE", "red", "blue"), c("PSUBSCRIBE", "r*", "b*")), 4);
            s3.sameRaw("s3", pipeline(c("SUBSCRIBE", "red"), c("SSUBSCRIBE", "sh", "sh2")), 3);
            d.sorted("PUBSUB", "CHANNELS");
            d.sorted("PUBSUB", "channels", "r*");
            d.same("PUBSUB", "CHANNELS", "nomatch*");
            d.same("PUBSUB", "NUMSUB");
            d.same("PUBSUB", "NUMSUB", "red", "green", "blue", "nobody", "red");
            d.same("PUBSUB", "NUMPAT");
            d.sorted("PUBSUB", "SHARDCHANNELS");
            d.same("PUBSUB", "SHARDNUMSUB", "sh", "sh2", "x");
            d.same("PUBLISH", "red", "m");
            d.same("PUBLISH", "blue", "m");
            d.same("SPUBLISH", "sh", "m");
            d.same("PUBSUB", "HELP");
            d.same("PUBSUB", "NOSUCH");
            d.same("PUBSUB");
            d.same("PUBSUB", "CHANNELS", "a", "b");
            d.same("PUBSUB", "NUMPAT", "x");
            d.same("PUBLISH", "x");
            d.same("SPUBLISH", "x", "y", "z");
            // s1 first gets the three messages published above (message, pmessage, smessage), then +RESET
            s1.sameRaw("s1 leaves", pipeline(c("RESET")), 4);
            d.same("PUBSUB", "NUMSUB", "red", "green");
            d.same("PUBSUB", "NUMPAT");
            s2.redis().close(); // closing a connection drops its subscriptions
            s2.kevy().close();
            awaitNumsub(d, "blue");
            d.same("PUBSUB", "NUMSUB", "red", "blue");
            d.same("PUBSUB", "NUMPAT");
            d.assertSame();
            s1.assertSame();
            s3.assertSame();
        }
    }

    /** A closed connection's subscriptions go when the server notices the close: polled, on both servers. */
    private static void awaitNumsub(Differ d, String channel) {
        d.onEach((name, w) -> {
            long deadline = System.nanoTime() + Wire.READ_TIMEOUT_MILLIS * 1_000_000L;
            while (!Wire.text(w.call("PUBSUB", "NUMSUB", channel)).endsWith(":0\r\n")) {
                assertTrue(System.nanoTime() < deadline, name + " still counts a closed subscriber");
                Thread.onSpinWait();
            }
        });
    }

    @Test
    void outputBufferLimitConfigurationAsRedis() {
        try (Differ d = differ()) {
            d.same("CONFIG", "GET", "client-output-buffer-limit");
            d.same("CONFIG", "SET", "client-output-buffer-limit", "pubsub 1 2");
            d.same("CONFIG", "SET", "client-output-buffer-limit", "foo 1 2 3");
            d.same("CONFIG", "SET", "client-output-buffer-limit", "pubsub 1mb x 3");
            d.same("CONFIG", "SET", "client-output-buffer-limit", "pubsub 1mb 2 3 replica 1 2 3");
            d.same("CONFIG", "GET", "client-output-buffer-limit");
            d.same("CONFIG", "SET", "client-output-buffer-limit", "pubsub 32mb 8mb 60 slave 256mb 64mb 60");
            d.same("CONFIG", "GET", "client-output-buffer-limit");
            d.assertSame();
        }
    }

    @Test
    void clientListAndInfoShowSubscriptions() {
        try (Differ d = differ(); Differ sub = connection()) {
            sub.sameRaw("subscribe", pipeline(c("SUBSCRIBE", "i1", "i2"), c("PSUBSCRIBE", "i*"), c("SSUBSCRIBE", "j")), 4);
            d.onEach((name, w) -> {
                String list = Wire.text(w.call("CLIENT", "LIST"));
                assertTrue(list.contains(" flags=P ") && list.contains(" sub=2 psub=1 ssub=1 "), name + ": " + list);
                String info = Wire.text(w.call("INFO", "stats"));
                assertTrue(info.contains("\r\npubsub_channels:2\r\npubsub_patterns:1\r\n"), name + ": " + info);
                assertTrue(info.contains("\r\npubsubshard_channels:1\r\n"), name + ": " + info);
            });
            sub.assertSame();
        }
    }
}
