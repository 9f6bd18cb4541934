package dev.kevy.server.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Random operations against a plain HashMap model, through growth and shrink of the index, value
 * moves between size classes (including large blocks) and expiry.
 */
class KeyspaceModelTest {
    private static final byte TYPE_OTHER = 3;

    private final Keyspace ks = new Keyspace(0, Keyspace.DEFAULT_MAX_VALUE_BYTES);
    private final Bytes bytes = new Bytes();
    private final Map<String, byte[]> values = new HashMap<>();
    private final Map<String, Long> expiry = new HashMap<>();
    private final Map<String, Byte> types = new HashMap<>();
    private final Map<Long, Integer> outcomes = new HashMap<>(); // incrBy and append codes seen
    /** The outcome of an incrBy that returned an entry handle. */
    private static final long INCREMENTED = 0;
    private Random random;
    private long now = 1_700_000_000_000L;

    @AfterEach
    void close() {
        ks.close();
    }

    @Test
    void randomOperationsMatchTheModelThroughGrowthAndShrink() {
        random = new Random(42);
        boolean grew = false;
        boolean shrank = false;
        int capacity = ks.capacity();
        int[] keyRanges = {50, 5_000, 30_000, 300, 20, 3_000};
        for (int phase = 0; phase < keyRanges.length; phase++) {
            int range = keyRanges[phase];
            for (int i = range; phase > 0 && i < keyRanges[phase - 1]; i++) {
                step("key:" + i, 50); // delete every key outside the new range
            }
            for (int op = 0; op < 40_000; op++) {
                step("key:" + random.nextInt(range), random.nextInt(100));
                if (random.nextInt(8) == 0) {
                    now += random.nextInt(20);
                }
                grew |= ks.capacity() > capacity;
                shrank |= ks.capacity() < capacity;
                capacity = ks.capacity();
            }
            assertMatchesModel();
        }
        assertTrue(grew && shrank, "expected the index to grow and to shrink");
        for (long code : new long[] {INCREMENTED, Keyspace.NOT_INTEGER, Keyspace.OVERFLOW, Keyspace.WRONG_TYPE, 1_000_000}) {
            assertTrue(outcomes.getOrDefault(code, 0) > 0, "the run never produced outcome " + code);
        }
    }

    private void step(String name, int dice) {
        byte[] key = Bytes.utf8(name);
        MemorySegment seg = bytes.segment();
        long k = bytes.put(key);
        dropIfExpired(name);
        boolean present = values.containsKey(name);
        if (dice < 25) {
            byte[] value = randomValue();
            long v = bytes.put(value);
            int flags = 0;
            int f = random.nextInt(10);
            if (f == 0) {
                flags |= Keyspace.IF_ABSENT;
            } else if (f == 1) {
                flags |= Keyspace.IF_PRESENT;
            } else if (f == 2) {
                flags |= Keyspace.KEEP_TTL;
            }
            long expireAt = random.nextInt(4) == 0 ? now + 1 + random.nextInt(300) : 0;
            int result = ks.set(seg, k, key.length, seg, v, value.length, expireAt, flags, now);
            assertEquals(present ? 1 : 0, result, "set " + name);
            boolean writes = !((flags & Keyspace.IF_ABSENT) != 0 && present) && !((flags & Keyspace.IF_PRESENT) != 0 && !present);
            if (writes) {
                values.put(name, value);
                types.put(name, Keyspace.TYPE_STRING);
                if ((flags & Keyspace.KEEP_TTL) == 0 || !present) {
                    putExpiry(name, (flags & Keyspace.KEEP_TTL) == 0 ? expireAt : 0);
                }
            }
        } else if (dice < 45) {
            long entry = ks.lookup(seg, k, key.length, now);
            if (!present) {
                assertEquals(Keyspace.ABSENT, entry, "get " + name);
            } else {
                assertArrayEquals(values.get(name), Bytes.value(ks, entry), "get " + name);
                assertEquals((byte) types.get(name), ks.type(entry));
                assertEquals(expiry.getOrDefault(name, 0L), ks.expireAt(entry));
                assertEquals(key.length, ks.keyLength(entry));
            }
        } else if (dice < 55) {
            assertEquals(present, ks.delete(seg, k, key.length, now), "del " + name);
            forget(name);
        } else if (dice < 63) {
            long entry = ks.lookup(seg, k, key.length, now);
            assertEquals(present, entry != Keyspace.ABSENT);
            if (present) {
                long at = random.nextInt(3) == 0 ? 0 : now + random.nextInt(200);
                ks.setExpireAt(entry, at);
                putExpiry(name, at);
            }
        } else if (dice < 75) {
            long delta = random.nextInt(10) == 0 ? Long.MAX_VALUE - random.nextInt(3) : random.nextInt(2001) - 1000;
            long result = ks.incrBy(seg, k, key.length, delta, now);
            assertEquals(expectedIncr(name, delta), result > 0 ? INCREMENTED : result, "incrby " + name);
            outcomes.merge(result > 0 ? INCREMENTED : result, 1, Integer::sum);
            if (result > 0) {
                assertEquals(new String(values.get(name), StandardCharsets.ISO_8859_1),
                        new String(Bytes.value(ks, result), StandardCharsets.ISO_8859_1), "incrby " + name + "'s entry");
            }
        } else if (dice < 85) {
            byte[] value = randomValue();
            long v = bytes.put(value);
            long result = ks.append(seg, k, key.length, seg, v, value.length, now);
            outcomes.merge(result < 0 ? result : 1_000_000, 1, Integer::sum);
            if (present && types.get(name) != Keyspace.TYPE_STRING) {
                assertEquals(Keyspace.WRONG_TYPE, result);
            } else {
                byte[] old = present ? values.get(name) : new byte[0];
                byte[] joined = Arrays.copyOf(old, old.length + value.length);
                System.arraycopy(value, 0, joined, old.length, value.length);
                assertEquals(joined.length, result, "append " + name);
                values.put(name, joined);
                types.put(name, Keyspace.TYPE_STRING);
                expiry.putIfAbsent(name, 0L);
            }
        } else if (dice < 95) {
            byte[] value = random.nextInt(5) == 0 ? new byte[0] : randomSmall(1 + random.nextInt(20));
            long v = bytes.put(value);
            long offset = random.nextInt(20) == 0 ? 5_000 + random.nextInt(50_000) : random.nextInt(100);
            long result = ks.setRange(seg, k, key.length, offset, seg, v, value.length, now);
            assertEquals(expectedSetRange(name, offset, value), result, "setrange " + name);
        } else {
            byte[] value = randomSmall(random.nextInt(40));
            long entry = ks.reserve(seg, k, key.length, value.length, TYPE_OTHER, now + 500, Keyspace.KEEP_TTL, now);
            MemorySegment.copy(value, 0, ks.segment(entry), ValueLayout.JAVA_BYTE, ks.valueOffset(entry), value.length);
            values.put(name, value);
            types.put(name, TYPE_OTHER);
            if (!present) {
                putExpiry(name, 0); // KEEP_TTL on a new key means no expiry, as SET KEEPTTL
            }
        }
    }

    private long expectedIncr(String name, long delta) {
        if (!values.containsKey(name)) {
            values.put(name, Long.toString(delta).getBytes());
            types.put(name, Keyspace.TYPE_STRING);
            putExpiry(name, 0);
            return INCREMENTED;
        }
        if (types.get(name) != Keyspace.TYPE_STRING) {
            return Keyspace.WRONG_TYPE;
        }
        String text = new String(values.get(name), StandardCharsets.ISO_8859_1);
        long old;
        try {
            old = Long.parseLong(text);
        } catch (NumberFormatException e) {
            return Keyspace.NOT_INTEGER;
        }
        if (!Long.toString(old).equals(text)) {
            return Keyspace.NOT_INTEGER; // "+1", "01", "-0"
        }
        long sum;
        try {
            sum = Math.addExact(old, delta);
        } catch (ArithmeticException e) {
            return Keyspace.OVERFLOW;
        }
        values.put(name, Long.toString(sum).getBytes());
        return INCREMENTED;
    }

    private long expectedSetRange(String name, long offset, byte[] value) {
        boolean present = values.containsKey(name);
        if (present && types.get(name) != Keyspace.TYPE_STRING) {
            return Keyspace.WRONG_TYPE;
        }
        byte[] old = present ? values.get(name) : new byte[0];
        if (value.length == 0) {
            return old.length;
        }
        byte[] updated = Arrays.copyOf(old, (int) Math.max(old.length, offset + value.length));
        System.arraycopy(value, 0, updated, (int) offset, value.length);
        values.put(name, updated);
        types.put(name, Keyspace.TYPE_STRING);
        expiry.putIfAbsent(name, 0L);
        return updated.length;
    }

    private byte[] randomValue() {
        int r = random.nextInt(100);
        int length = r < 70 ? random.nextInt(24) : r < 97 ? random.nextInt(3000) : 33_000 + random.nextInt(40_000);
        if (r < 10) {
            return Long.toString(random.nextLong() % 100_000).getBytes(); // integers for INCR
        }
        return randomSmall(length);
    }

    private byte[] randomSmall(int length) {
        byte[] b = new byte[length];
        random.nextBytes(b);
        return b;
    }

    private void putExpiry(String name, long at) {
        expiry.put(name, at);
    }

    private void forget(String name) {
        values.remove(name);
        expiry.remove(name);
        types.remove(name);
    }

    private void dropIfExpired(String name) {
        long at = expiry.getOrDefault(name, 0L);
        if (at != 0 && now > at) {
            forget(name);
        }
    }

    private void assertMatchesModel() {
        for (String name : Set.copyOf(values.keySet())) {
            dropIfExpired(name);
        }
        Map<String, Long> seen = new HashMap<>();
        ks.forEach((segment, keyOffset, keyLength, entry) -> seen.put(Bytes.key(segment, keyOffset, keyLength), entry), now);
        assertEquals(values.keySet(), seen.keySet());
        int withExpiry = 0;
        for (Map.Entry<String, Long> e : seen.entrySet()) {
            assertArrayEquals(values.get(e.getKey()), Bytes.value(ks, e.getValue()), e.getKey());
            assertEquals(expiry.get(e.getKey()), ks.expireAt(e.getValue()), e.getKey());
            withExpiry += expiry.get(e.getKey()) != 0 ? 1 : 0;
        }
        assertTrue(ks.size() >= values.size());
        assertTrue(ks.expiresCount() >= withExpiry);
        // Active expiry removes only expired keys, and after enough passes none remain.
        while (ks.expireSome(now, 50) > 0) {
            // keep sampling
        }
        for (int i = 0; i < 100 && ks.size() != values.size(); i++) {
            ks.expireSome(now, 1000);
        }
        assertEquals(values.size(), ks.size());
        assertEquals(withExpiry, ks.expiresCount());
        Set<String> again = new HashSet<>();
        ks.forEach((segment, keyOffset, keyLength, entry) -> again.add(Bytes.key(segment, keyOffset, keyLength)), now);
        assertEquals(values.keySet(), again);
    }
}
