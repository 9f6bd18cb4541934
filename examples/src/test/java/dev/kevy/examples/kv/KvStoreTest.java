package dev.kevy.examples.kv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kevy.rt.buffer.BufferPool;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link KvStore} against a {@link HashMap}, and its size classes and memory bound. */
class KvStoreTest {

    private static MemorySegment segment(byte[] bytes) {
        return MemorySegment.ofArray(bytes);
    }

    private static byte[] get(KvStore store, byte[] key) {
        long entry = store.find(segment(key), 0, key.length);
        if (entry == KvStore.NONE) {
            return null;
        }
        return store.segmentOf(entry).asSlice(store.valueOffset(entry), store.valueLength(entry))
                .toArray(ValueLayout.JAVA_BYTE);
    }

    private static boolean put(KvStore store, byte[] key, byte[] value) {
        return store.put(segment(key), 0, key.length, segment(value), 0, value.length);
    }

    @Test
    void randomPutsOverwritesAndRemovesMatchAHashMap() {
        Random random = new Random(11);
        try (BufferPool pool = new BufferPool()) {
            KvStore store = new KvStore(pool, 1 << 16, 64L << 20);
            Map<String, byte[]> model = new HashMap<>();
            for (int op = 0; op < 200_000; op++) {
                // Few distinct keys: overwrites, deletes of present keys and long probe runs are common.
                byte[] key = ("k" + random.nextInt(3_000)).getBytes(StandardCharsets.US_ASCII);
                String name = new String(key, StandardCharsets.US_ASCII);
                switch (random.nextInt(3)) {
                    case 0 -> {
                        byte[] value = new byte[random.nextInt(random.nextInt(8) == 0 ? 5_000 : 100)];
                        random.nextBytes(value);
                        assertTrue(put(store, key, value));
                        model.put(name, value);
                    }
                    case 1 -> assertEquals(model.remove(name) != null, store.remove(segment(key), 0, key.length));
                    default -> assertArrayEquals(model.get(name), get(store, key), name);
                }
                assertEquals(model.size(), store.size());
            }
            for (Map.Entry<String, byte[]> e : model.entrySet()) {
                assertArrayEquals(e.getValue(), get(store, e.getKey().getBytes(StandardCharsets.US_ASCII)));
            }
            store.close();
            assertEquals(0, pool.blocksOut());
        }
    }

    @Test
    void aSteadyChurnReusesBlocksAndStopsTakingPages() {
        Random random = new Random(12);
        try (BufferPool pool = new BufferPool()) {
            KvStore store = new KvStore(pool, 1 << 16, 64L << 20);
            byte[] value = new byte[2_000];
            long reserved = 0;
            for (int round = 0; round < 20; round++) {
                for (int i = 0; i < 1_000; i++) {
                    byte[] key = ("churn" + i).getBytes(StandardCharsets.US_ASCII);
                    assertTrue(put(store, key, Arrays.copyOf(value, random.nextInt(value.length))));
                    if (random.nextBoolean()) {
                        store.remove(segment(key), 0, key.length);
                    }
                }
                if (round == 1) {
                    reserved = store.reservedBytes();
                }
            }
            assertEquals(reserved, store.reservedBytes(), "pages held after the working set was reached");
            store.close();
        }
    }

    @Test
    void aPutBeyondTheMemoryBoundFailsAndKeepsTheOldValue() {
        try (BufferPool pool = new BufferPool()) {
            KvStore store = new KvStore(pool, 4 << 20, 2L << 20);
            byte[] key = {1};
            assertTrue(put(store, key, new byte[] {7}));
            int stored = 0;
            while (put(store, ("fill" + stored).getBytes(StandardCharsets.US_ASCII), new byte[100_000])) {
                stored++;
            }
            assertTrue(stored > 0, "some fit before the bound");
            assertTrue(store.reservedBytes() <= 2L << 20);
            assertFalse(put(store, key, new byte[1_500_000]), "a new size class needs a page it cannot have");
            assertArrayEquals(new byte[] {7}, get(store, key));
            store.close();
        }
    }

    @Test
    void sizeClassesAreTheSmallestThatFitAndWasteLessThanAThird() {
        assertEquals(0, KvStore.classOf(1));
        assertEquals(0, KvStore.classOf(64));
        assertEquals(1, KvStore.classOf(65));
        assertEquals(1, KvStore.classOf(96));
        assertEquals(2, KvStore.classOf(97));
        assertEquals(3, KvStore.classOf(129));
        for (long bytes = 65; bytes < 5_000_000; bytes = bytes * 17 / 16 + 1) {
            int c = KvStore.classOf(bytes);
            long size = KvStore.classSize(c);
            assertTrue(size >= bytes && KvStore.classSize(c - 1) < bytes, bytes + " in class " + c);
            assertTrue(size - bytes < size / 3 + 1, bytes + " wastes too much of " + size);
        }
    }
}
