package dev.kevy.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kevy.server.compat.Differ;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Many clients block and push at random over keys on all three shards, and the model holds: every
 * element pushed was received exactly once by a blocked client or is still in a list. Pushers use
 * RPUSH, LPUSH and a cross-shard LMOVE (an atomic turn) from a staging list; blocked clients use
 * BLPOP and BRPOP on one to three keys of any shards, BLMPOP with a count, and BLMOVE into a sink
 * (its elements must all be in the sink); some give up mid-wait by closing their side of the
 * connection and reading what the server sent before it noticed (an element sent then counts as
 * received; one not sent must still be in its list). Short timeouts make many waits end in nil
 * while pushes race them.
 */
class BlockingModelTest {

    private static final int SHARDS = 3;
    private static final int PUSHERS = 3;
    private static final int BLOCKERS = 6;
    private static final int PUSHES_EACH = 250;
    private static final String[] TIMEOUTS = {"0.05", "0.1", "0.15", "0.2"};

    @Test
    void noElementIsLostOrDuplicatedWhileClientsBlockAndPushAtRandom() throws Exception {
        try (TestServer server = TestServer.start(SHARDS)) {
            List<String> keys = new ArrayList<>();
            for (int s = 0; s < SHARDS; s++) {
                Collections.addAll(keys, ShardKeys.on(s, SHARDS, "mk", 2));
            }
            String src = "{mv}src";
            String sink = "{mv}sink";
            List<String> pushed = Collections.synchronizedList(new ArrayList<>());
            List<String> received = Collections.synchronizedList(new ArrayList<>());
            List<String> moved = Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean stop = new AtomicBoolean();
            List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < PUSHERS; t++) {
                int id = t;
                threads.add(Thread.ofPlatform().start(() -> run(failures, () -> push(server, id, keys, src, pushed))));
            }
            List<Thread> blockers = new ArrayList<>();
            for (int t = 0; t < BLOCKERS; t++) {
                int id = t;
                blockers.add(Thread.ofPlatform().start(() -> run(failures,
                        () -> block(server, id, keys, src, sink, stop, received, moved))));
            }
            for (Thread t : threads) {
                t.join();
            }
            stop.set(true);
            for (Thread t : blockers) {
                t.join();
            }
            assertTrue(failures.isEmpty(), () -> "a client failed: " + failures);
            Map<String, Integer> seen = new HashMap<>();
            List<String> left = new ArrayList<>();
            try (RawClient c = new RawClient(server.port())) {
                List<String> all = new ArrayList<>(keys);
                Collections.addAll(all, src, sink, "stage{p0}", "stage{p1}", "stage{p2}");
                for (String k : all) {
                    left.addAll(Differ.bulkTexts(readOrDump(c.send("LRANGE", k, "0", "-1"), k)));
                }
                List<String> inSink = Differ.bulkTexts(c.send("LRANGE", sink, "0", "-1").readReply());
                assertTrue(inSink.containsAll(moved), "every element a BLMOVE returned is in the sink");
                assertEquals(moved.size(), inSink.size(), "and nothing else is");
            }
            for (String e : received) {
                seen.merge(e, 1, Integer::sum);
            }
            for (String e : left) {
                seen.merge(e, 1, Integer::sum);
            }
            assertEquals(pushed.size(), PUSHERS * PUSHES_EACH);
            for (String e : pushed) {
                assertEquals(1, seen.getOrDefault(e, 0), "element " + e + " received or left exactly once");
            }
            assertEquals(pushed.size(), seen.size(), "nothing that was never pushed came out");
            assertTrue(received.size() > PUSHERS * PUSHES_EACH / 10, "the blocked clients took a fair share: "
                    + received.size());
        }
    }

    /**
     * The reply, or, when none comes, every kevy thread's stack on stderr before the failure (the
     * exception carries the part of the reply that came). An LRANGE one element short, seen in CI,
     * was a list whose count disagreed with its nodes: a frozen shard had pushed into it beside
     * the coordinator's LMOVE (a give-back message handled during the turn; FrozenShardTest).
     */
    private static byte[] readOrDump(RawClient c, String key) {
        try {
            return c.readReply();
        } catch (java.io.UncheckedIOException e) {
            System.err.println("BlockingModelTest: no reply to LRANGE " + key + "; the threads:");
            Thread.getAllStackTraces().forEach((t, stack) -> {
                if (t.getName().startsWith("kevy")) {
                    System.err.println(t.getName() + " " + t.getState());
                    for (StackTraceElement f : stack) {
                        System.err.println("    at " + f);
                    }
                }
            });
            throw e;
        }
    }

    private interface Body {
        void run() throws Exception;
    }

    private static void run(List<Throwable> failures, Body body) {
        try {
            body.run();
        } catch (Throwable e) {
            failures.add(e);
        }
    }

    private static void push(TestServer server, int id, List<String> keys, String src, List<String> pushed) {
        Random random = new Random(id * 31L + 7);
        String stage = "stage{p" + id + "}";
        try (RawClient c = new RawClient(server.port())) {
            for (int n = 0; n < PUSHES_EACH; n++) {
                String element = "p" + id + "-" + n;
                pushed.add(element);
                int how = random.nextInt(10);
                String key = how == 0 ? src : keys.get(random.nextInt(keys.size()));
                if (how < 6) {
                    c.send(random.nextBoolean() ? "RPUSH" : "LPUSH", key, element).readReply();
                } else { // through a staging list, then LMOVE: across shards, an atomic turn
                    c.send("RPUSH", stage, element).readReply();
                    c.send("LMOVE", stage, key, "LEFT", random.nextBoolean() ? "LEFT" : "RIGHT").readReply();
                }
                if (random.nextInt(8) == 0) {
                    Thread.onSpinWait(); // no sleep: the pace is the round trip
                }
            }
        }
    }

    private static void block(TestServer server, int id, List<String> keys, String src, String sink, AtomicBoolean stop,
                              List<String> received, List<String> moved) {
        Random random = new Random(id * 131L + 3);
        RawClient c = new RawClient(server.port());
        try {
            while (!stop.get()) {
                String timeout = TIMEOUTS[random.nextInt(TIMEOUTS.length)];
                int op = random.nextInt(10);
                if (op < 5) {
                    int n = 1 + random.nextInt(3);
                    String[] command = new String[n + 2];
                    command[0] = random.nextBoolean() ? "BLPOP" : "BRPOP";
                    for (int i = 0; i < n; i++) {
                        command[1 + i] = keys.get(random.nextInt(keys.size()));
                    }
                    command[n + 1] = timeout;
                    record(c.send(command).readReply(), received);
                } else if (op < 7) {
                    String k1 = keys.get(random.nextInt(keys.size()));
                    String k2 = keys.get(random.nextInt(keys.size()));
                    byte[] reply = c.send("BLMPOP", timeout, "2", k1, k2, "LEFT", "COUNT", "2").readReply();
                    if (reply[1] != '-') {
                        received.addAll(Differ.bulkTexts(Differ.elements(reply).get(1)));
                    }
                } else if (op < 9) {
                    byte[] reply = c.send("BLMOVE", src, sink, "LEFT", "RIGHT", timeout).readReply();
                    if (reply[1] != '-') {
                        moved.add(Differ.bulkText(reply));
                    }
                } else { // gives up mid-wait: closes its side, reads what the server sent before it noticed
                    c.send("BLPOP", keys.get(random.nextInt(keys.size())), "0");
                    c.socket().shutdownOutput();
                    byte[] rest = c.readToEnd();
                    if (rest.length > 0) {
                        record(rest, received);
                    }
                    c.close();
                    c = new RawClient(server.port());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            c.close();
        }
    }

    /** A BLPOP/BRPOP reply: nil, or [key, element]. */
    private static void record(byte[] reply, List<String> received) {
        if (reply[1] == '-') {
            return;
        }
        received.add(Differ.bulkTexts(reply).get(1));
    }
}
