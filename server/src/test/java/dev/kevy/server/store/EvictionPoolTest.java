package dev.kevy.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The eviction pool keeps the sixteen best candidates in score order, as Redis's pool does. */
class EvictionPoolTest {

    /** Takes every candidate out, best first, as (score, db, entry, hash) strings. */
    private static List<String> drain(EvictionPool pool) {
        List<String> out = new ArrayList<>();
        while (pool.size() > 0) {
            out.add(pool.bestScore() + "/" + pool.bestDb() + "/" + pool.bestEntry() + "/" + pool.bestHash());
            pool.removeBest();
        }
        return out;
    }

    @Test
    void candidatesComeOutBestFirstWithTheirDatabaseEntryAndHash() {
        EvictionPool pool = new EvictionPool();
        assertTrue(pool.offer(30, 0, 300, 3));
        assertTrue(pool.offer(10, 1, 100, 1));
        assertTrue(pool.offer(20, 2, 200, 2));
        assertEquals(List.of("30/0/300/3", "20/2/200/2", "10/1/100/1"), drain(pool));
    }

    @Test
    void aFullPoolKeepsTheSixteenBestAndRefusesOneNoBetterThanItsWorst() {
        EvictionPool pool = new EvictionPool();
        for (int i = 1; i <= EvictionPool.SIZE; i++) {
            assertTrue(pool.offer(i * 10, 0, i, i)); // 10, 20, ..., 160
        }
        assertEquals(EvictionPool.SIZE, pool.size());
        assertFalse(pool.offer(10, 0, 99, 99), "equal to the worst: not kept");
        assertFalse(pool.offer(5, 0, 98, 98), "worse than the worst: not kept");
        assertTrue(pool.offer(15, 0, 97, 97), "better than the worst: takes its place");
        assertTrue(pool.offer(1000, 0, 96, 96), "better than all: pushes out the worst (15)");
        List<String> out = drain(pool);
        assertEquals(EvictionPool.SIZE, out.size());
        assertEquals("1000/0/96/96", out.get(0));
        assertEquals("160/0/16/16", out.get(1));
        assertEquals("30/0/3/3", out.get(out.size() - 2));
        assertEquals("20/0/2/2", out.get(out.size() - 1), "10 and then 15 were pushed out");
    }

    @Test
    void anEqualScoreGoesBeforeTheEqualsAlreadyThere() {
        EvictionPool pool = new EvictionPool();
        pool.offer(5, 0, 1, 1);
        pool.offer(5, 0, 2, 2);
        pool.offer(5, 0, 3, 3);
        assertEquals(List.of("5/0/1/1", "5/0/2/2", "5/0/3/3"), drain(pool), "the first offered is taken first");
    }

    @Test
    void theSameEntryOfTheSameDatabaseIsHeldOnce() {
        EvictionPool pool = new EvictionPool();
        assertTrue(pool.offer(5, 0, 1, 1));
        assertFalse(pool.offer(9, 0, 1, 1), "already a candidate");
        assertTrue(pool.offer(9, 1, 1, 1), "the same handle in another database is another key");
        assertEquals(List.of("9/1/1/1", "5/0/1/1"), drain(pool));
    }

    @Test
    void matchesAReferenceModelOverRandomOffers() {
        Random random = new Random(7);
        EvictionPool pool = new EvictionPool();
        List<long[]> model = new ArrayList<>(); // sorted ascending by score, ties: newer first
        for (int i = 0; i < 20_000; i++) {
            if (random.nextInt(4) == 0 && !model.isEmpty()) {
                assertEquals(model.get(model.size() - 1)[0], pool.bestScore());
                assertEquals(model.remove(model.size() - 1)[1], pool.bestEntry());
                pool.removeBest();
                continue;
            }
            long score = random.nextInt(50);
            long entry = 1_000_000 + i;
            int k = 0;
            while (k < model.size() && model.get(k)[0] < score) {
                k++;
            }
            boolean kept = model.size() < EvictionPool.SIZE || k > 0;
            if (kept) {
                if (model.size() == EvictionPool.SIZE) {
                    model.remove(0);
                    k--;
                }
                model.add(k, new long[] {score, entry});
            }
            assertEquals(kept, pool.offer(score, 0, entry, entry));
            assertEquals(model.size(), pool.size());
        }
    }
}
