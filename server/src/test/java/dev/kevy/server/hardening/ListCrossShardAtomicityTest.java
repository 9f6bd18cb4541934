package dev.kevy.server.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kevy.server.ShardKeys;
import dev.kevy.server.compat.Differ;
import dev.kevy.server.compat.Kevy;
import dev.kevy.server.compat.Wire;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * LMOVE, RPOPLPUSH and LMPOP between lists on three shards, raced by four clients: the moves run
 * with every shard frozen, each answers an element or nil (never an error), and afterwards the
 * three lists hold exactly the elements they started with, none lost and none twice.
 */
class ListCrossShardAtomicityTest {

    private static final int SHARDS = 3;
    private static final int PER_LIST = 100;
    private static final int ROUNDS = 400;

    @Test
    void racingMovesAcrossShardsNeverLoseOrDuplicateAnElement() throws Exception {
        try (Kevy kevy = Kevy.start(SHARDS, null, b -> b)) {
            String[] lists = {ShardKeys.on(0, SHARDS, "la", 1)[0], ShardKeys.on(1, SHARDS, "lb", 1)[0],
                ShardKeys.on(2, SHARDS, "lc", 1)[0]};
            List<String> all = new ArrayList<>();
            try (Wire c = new Wire(kevy.port())) {
                for (String list : lists) {
                    for (int i = 0; i < PER_LIST; i++) {
                        String e = list + "-" + i;
                        c.call("RPUSH", list, e);
                        all.add(e);
                    }
                }
            }
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Integer>> movers = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    movers.add(pool.submit(mover(kevy.port(), lists, t)));
                }
                int moved = 0;
                for (Future<Integer> f : movers) {
                    moved += f.get(120, TimeUnit.SECONDS);
                }
                assertTrue(moved > ROUNDS, "elements moved: " + moved);
            } finally {
                pool.shutdownNow();
            }
            List<String> after = new ArrayList<>();
            try (Wire c = new Wire(kevy.port())) {
                for (String list : lists) {
                    after.addAll(Differ.bulkTexts(c.call("LRANGE", list, "0", "-1")));
                }
            }
            all.sort(null);
            after.sort(null);
            assertEquals(all, after, "every element once, in one of the lists");
        }
    }

    /** {@link #ROUNDS} random moves between the lists; returns how many moved an element. */
    private static Callable<Integer> mover(int port, String[] lists, int seed) {
        return () -> {
            Random random = new Random(seed);
            int moved = 0;
            try (Wire c = new Wire(port)) {
                for (int i = 0; i < ROUNDS; i++) {
                    String from = lists[random.nextInt(3)];
                    String to = lists[random.nextInt(3)];
                    int dice = random.nextInt(10);
                    if (dice < 6) {
                        String reply = Wire.text(c.call("LMOVE", from, to, random.nextBoolean() ? "LEFT" : "RIGHT",
                                random.nextBoolean() ? "LEFT" : "RIGHT"));
                        assertTrue(reply.startsWith("$"), "LMOVE: " + reply);
                        moved += reply.equals("$-1\r\n") ? 0 : 1;
                    } else if (dice < 8) {
                        String reply = Wire.text(c.call("RPOPLPUSH", from, to));
                        assertTrue(reply.startsWith("$"), "RPOPLPUSH: " + reply);
                        moved += reply.equals("$-1\r\n") ? 0 : 1;
                    } else {
                        byte[] reply = c.call("LMPOP", "3", lists[0], lists[1], lists[2], "RIGHT", "COUNT", "3");
                        List<byte[]> parts = Differ.elements(reply);
                        List<String> popped = Differ.bulkTexts(parts.get(1));
                        List<String> push = new ArrayList<>(List.of("LPUSH", to));
                        push.addAll(popped);
                        assertEquals(":", Wire.text(c.call(push.toArray(String[]::new))).substring(0, 1));
                        moved += popped.size();
                    }
                }
            }
            return moved;
        };
    }
}
