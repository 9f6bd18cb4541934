package dev.kevy.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The evictor on one shard's databases, with fixed seeds: which keys each policy picks, that it
 * stops under the budget or when nothing is left, and that it deletes through the keyspace.
 * Keys are written at chosen times, so their idle times, counters and expiries are exact.
 */
class EvictorTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final long SECOND = 1000;
    private static final long LONG_AGO = 3600 * SECOND;

    private final Databases databases = new Databases(16);
    private final Evictor evictor = new Evictor(databases, 12345);
    private final Bytes bytes = new Bytes();
    private final byte[] value = new byte[100];

    @AfterEach
    void close() {
        databases.close();
    }

    /** Keys of one length (so of one block size): a three-letter prefix and a three-digit number. */
    private static String key(String prefix, int i) {
        return String.format("%s:%03d", prefix, i);
    }

    private void set(int db, String key, long expireAt, long now) {
        MemorySegment s = bytes.segment();
        byte[] k = Bytes.utf8(key);
        long ko = bytes.put(k);
        long vo = bytes.put(value);
        databases.get(db).set(s, ko, k.length, s, vo, value.length, expireAt, 0, now);
    }

    private boolean exists(int db, String key, long now) {
        byte[] k = Bytes.utf8(key);
        return databases.get(db).exists(bytes.segment(), bytes.put(k), k.length, now);
    }

    private long lookup(int db, String key) {
        byte[] k = Bytes.utf8(key);
        return databases.get(db).peek(bytes.segment(), bytes.put(k), k.length, T0);
    }

    private void read(int db, String key, long now) {
        byte[] k = Bytes.utf8(key);
        assertTrue(databases.get(db).lookup(bytes.segment(), bytes.put(k), k.length, now) != Keyspace.ABSENT, key);
    }

    private List<String> present(int db, String prefix, int count, long now) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (exists(db, key(prefix, i), now)) {
                out.add(key(prefix, i));
            }
        }
        return out;
    }

    /** One test entry's block: header, a 7-byte key, the 100-byte value. */
    private long block() {
        return SizeClasses.sizeOf(SizeClasses.classOf(EntryLayout.HEADER + 7 + value.length));
    }

    /** The budget met once exactly {@code keys} more test entries are gone. */
    private long budgetFreeing(int keys) {
        return databases.usedMemory() - keys * block() + 1;
    }

    @Test
    void allKeysLruEvictsOnlyKeysIdleLongerThanAnyRecentlyUsedOne() {
        evictor.configure(EvictionPolicy.ALLKEYS_LRU, 5);
        long now = T0 + LONG_AGO;
        for (int i = 0; i < 600; i++) {
            set(0, key("old", i), 0, T0 + i * SECOND); // idle 3000 s and more at `now`
        }
        for (int i = 0; i < 100; i++) {
            set(0, key("hot", i), 0, T0);
            read(0, key("hot", i), now);
            set(0, key("new", i), 0, now - 10 * SECOND);
        }
        long budget = budgetFreeing(150);
        assertEquals(Evictor.OK, evictor.evict(budget, Long.MAX_VALUE, now));
        assertTrue(databases.usedMemory() < budget);
        assertEquals(150, evictor.evicted());
        assertEquals(100, present(0, "new", 100, now).size(), "no recently written key went");
        assertEquals(100, present(0, "hot", 100, now).size(), "no recently read key went");
        assertEquals(450, present(0, "old", 600, now).size(), "150 of the idle keys went");
    }

    @Test
    void withManySamplesLruAndTtlEvictInExactOrder() {
        evictor.configure(EvictionPolicy.ALLKEYS_LRU, 2000); // every key is sampled each round
        for (int i = 0; i < 100; i++) {
            set(0, key("key", i), T0 + LONG_AGO * 10 - i * SECOND, T0 + i * SECOND); // older keys expire later
        }
        long now = T0 + LONG_AGO;
        for (int i = 0; i < 10; i++) {
            assertTrue(evictor.evictOne(now));
            assertFalse(exists(0, key("key", i), now), "LRU eviction " + i + " takes the least recently used");
            assertEquals(99 - i, databases.get(0).size());
        }
        evictor.configure(EvictionPolicy.VOLATILE_TTL, 2000);
        for (int i = 99; i >= 90; i--) {
            assertTrue(evictor.evictOne(now));
            assertFalse(exists(0, key("key", i), now), "TTL eviction takes the soonest expiry, " + key("key", i));
        }
        assertEquals(80, databases.get(0).size());
    }

    @Test
    void volatilePoliciesEvictOnlyKeysWithAnExpiryAndFailWhenNoneIsLeft() {
        for (EvictionPolicy policy : new EvictionPolicy[] {EvictionPolicy.VOLATILE_LRU, EvictionPolicy.VOLATILE_LFU,
            EvictionPolicy.VOLATILE_RANDOM, EvictionPolicy.VOLATILE_TTL}) {
            databases.flushAll();
            evictor.configure(policy, 5);
            for (int i = 0; i < 100; i++) {
                set(0, key("kep", i), 0, T0);
                set(i % 2 == 0 ? 0 : 7, key("ttl", i), T0 + LONG_AGO, T0);
            }
            long before = evictor.evicted();
            assertEquals(Evictor.FAIL, evictor.evict(1, Long.MAX_VALUE, T0 + SECOND), policy.redisName());
            assertEquals(100, evictor.evicted() - before, policy.redisName() + " evicted every key with an expiry");
            assertEquals(100, databases.get(0).size(), policy.redisName() + ": keys without expiry stay");
            assertEquals(0, databases.get(0).expiresCount());
            assertEquals(0, databases.get(7).size());
            assertEquals(100, present(0, "kep", 100, T0).size());
        }
    }

    @Test
    void noevictionFailsWithoutTouchingAnything() {
        for (int i = 0; i < 50; i++) {
            set(0, key("key", i), T0 + LONG_AGO, T0);
        }
        long used = databases.usedMemory();
        assertEquals(Evictor.FAIL, evictor.evict(1, Long.MAX_VALUE, T0));
        assertEquals(Evictor.OK, evictor.evict(used + 1, Long.MAX_VALUE, T0), "under the budget: nothing to do");
        assertEquals(50, databases.get(0).size());
        assertEquals(used, databases.usedMemory());
        assertEquals(0, evictor.evicted());
    }

    @Test
    void allKeysLfuKeepsFrequentlyReadKeys() {
        databases.access().configure(true, 10, 1);
        evictor.configure(EvictionPolicy.ALLKEYS_LFU, 5);
        for (int i = 0; i < 400; i++) {
            set(0, key("key", i), 0, T0);
        }
        for (int i = 0; i < 40; i++) {
            for (int r = 0; r < 200; r++) {
                read(0, key("key", i), T0 + SECOND); // counters about 9 or 10; the others stay at 5
            }
            assertTrue(databases.access().frequency(databases.get(0), lookup(0, key("key", i)), T0 + SECOND) > Lfu.INIT);
        }
        long budget = budgetFreeing(200);
        assertEquals(Evictor.OK, evictor.evict(budget, Long.MAX_VALUE, T0 + 2 * SECOND));
        assertEquals(200, databases.get(0).size());
        assertEquals(40, present(0, "key", 40, T0).size(), "every frequently read key stays");
    }

    @Test
    void poolPoliciesChooseAcrossDatabasesAndRandomOnesTakeThemInTurn() {
        evictor.configure(EvictionPolicy.ALLKEYS_LRU, 5);
        long now = T0 + LONG_AGO;
        for (int i = 0; i < 300; i++) {
            set(5, key("old", i), 0, T0);
            set(0, key("new", i), 0, now);
        }
        assertEquals(Evictor.OK, evictor.evict(budgetFreeing(100), Long.MAX_VALUE, now));
        assertEquals(300, databases.get(0).size(), "database 0 holds the recently used keys");
        assertEquals(200, databases.get(5).size(), "the idle keys of database 5 went first");

        evictor.configure(EvictionPolicy.ALLKEYS_RANDOM, 5);
        assertEquals(Evictor.OK, evictor.evict(budgetFreeing(100), Long.MAX_VALUE, now));
        assertEquals(250, databases.get(0).size(), "random: 50 from database 0");
        assertEquals(150, databases.get(5).size(), "random: 50 from database 5");
    }

    @Test
    void aRunStopsAtItsTimeLimitEverySixteenEvictions() {
        evictor.configure(EvictionPolicy.ALLKEYS_RANDOM, 5);
        for (int i = 0; i < 100; i++) {
            set(0, key("key", i), 0, T0);
        }
        assertEquals(Evictor.RUNNING, evictor.evict(1, 0, T0), "a zero time limit: one batch");
        assertEquals(Evictor.CHECK_EVERY, evictor.evicted());
        assertEquals(100 - Evictor.CHECK_EVERY, databases.get(0).size());
    }

    @Test
    void ghostsInThePoolAreSkippedEvenWhenTheirBlockWasReused() {
        evictor.configure(EvictionPolicy.ALLKEYS_LRU, 5);
        long now = T0 + LONG_AGO;
        for (int i = 0; i < 40; i++) {
            set(0, key("old", i), 0, T0);
        }
        assertTrue(evictor.evictOne(now)); // the pool now holds other old keys
        MemorySegment s = bytes.segment();
        for (int i = 0; i < 40; i++) {
            byte[] k = Bytes.utf8(key("old", i));
            databases.get(0).delete(s, bytes.put(k), k.length, now);
        }
        for (int i = 0; i < 40; i++) {
            set(0, key("new", i), 0, now); // same block size: these reuse the freed blocks
        }
        assertTrue(evictor.evictOne(now));
        assertEquals(39, present(0, "new", 40, now).size(), "exactly one live key went");
        assertEquals(2, evictor.evicted());
    }

    @Test
    void evictionReleasesTheEntryAndItsExpirySlotThroughTheKeyspace() {
        evictor.configure(EvictionPolicy.VOLATILE_RANDOM, 5);
        set(0, key("ttl", 1), T0 + LONG_AGO, T0);
        Keyspace ks = databases.get(0);
        long used = databases.usedMemory();
        assertTrue(evictor.evictOne(T0));
        assertEquals(0, ks.size());
        assertEquals(0, ks.expiresCount());
        assertEquals(used - block() - 8, databases.usedMemory(), "the block and the expiry index slot");
        assertFalse(evictor.evictOne(T0), "nothing left");
    }
}
