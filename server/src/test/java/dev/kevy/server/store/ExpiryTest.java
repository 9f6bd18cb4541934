package dev.kevy.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExpiryTest {
    private static final long NOW = 1_700_000_000_000L;

    private final Keyspace ks = new Keyspace(0, Keyspace.DEFAULT_MAX_VALUE_BYTES);
    private final Bytes bytes = new Bytes();

    @AfterEach
    void close() {
        ks.close();
    }

    private long key;
    private int keyLength;

    private MemorySegment key(String name) {
        byte[] b = Bytes.utf8(name);
        key = bytes.put(b);
        keyLength = b.length;
        return bytes.segment();
    }

    private void set(String name, long expireAt) {
        MemorySegment s = key(name);
        ks.set(s, key, keyLength, s, key, keyLength, expireAt, 0, NOW);
    }

    @Test
    void aKeyLivesThroughItsExpiryMillisecondAndIsGoneAfterIt() {
        set("a", NOW + 100);
        assertNotEquals(Keyspace.ABSENT, ks.lookup(key("a"), key, keyLength, NOW + 100));
        assertEquals(1, ks.size());
        assertEquals(Keyspace.ABSENT, ks.lookup(key("a"), key, keyLength, NOW + 101));
        assertEquals(0, ks.size(), "lazy expiry deletes the key it meets");
        assertEquals(0, ks.expiresCount());
    }

    @Test
    void everyKeyedOperationTreatsAnExpiredKeyAsAbsent() {
        long later = NOW + 11;
        set("s", NOW + 10);
        MemorySegment s = key("s");
        assertEquals(0, ks.set(s, key, keyLength, s, key, keyLength, 0, Keyspace.IF_ABSENT, later),
            "NX on an expired key writes it");
        set("d", NOW + 10);
        assertFalse(ks.delete(key("d"), key, keyLength, later), "DEL of an expired key reports 0");
        set("i", NOW + 10);
        long incremented = ks.incrBy(key("i"), key, keyLength, 5, later);
        assertTrue(incremented > 0, "INCRBY of an expired key succeeds");
        assertEquals("5", new String(Bytes.value(ks, incremented), StandardCharsets.ISO_8859_1),
            "INCR of an expired key starts from 0");
        set("x", NOW + 10);
        assertFalse(ks.exists(key("x"), key, keyLength, later));
        assertEquals(2, ks.size()); // s and i
    }

    @Test
    void overwritingClearsTheExpiryUnlessKeepTtl() {
        set("k", NOW + 50);
        MemorySegment s = key("k");
        ks.set(s, key, keyLength, s, key, keyLength, 0, Keyspace.KEEP_TTL, NOW);
        assertEquals(NOW + 50, ks.expireAt(ks.lookup(key("k"), key, keyLength, NOW)));
        s = key("k");
        ks.set(s, key, keyLength, s, key, keyLength, 0, 0, NOW);
        assertEquals(0, ks.expireAt(ks.lookup(key("k"), key, keyLength, NOW)));
        assertEquals(0, ks.expiresCount());
    }

    @Test
    void persistRemovesTheKeyFromActiveExpiry() {
        set("p", NOW + 1);
        long entry = ks.lookup(key("p"), key, keyLength, NOW);
        ks.setExpireAt(entry, 0);
        assertEquals(0, ks.expiresCount());
        assertEquals(0, ks.expireSome(NOW + 1_000, 100));
        assertTrue(ks.exists(key("p"), key, keyLength, NOW + 1_000));
    }

    @Test
    void activeExpiryDoesBoundedWorkWhenAMillionKeysExpireAtOnce() {
        int count = 1_000_000;
        for (int i = 0; i < count; i++) {
            set("e" + i, NOW + 10);
        }
        for (int i = 0; i < 1_000; i++) {
            set("keep" + i, i % 2 == 0 ? 0 : NOW + 1_000_000);
        }
        long later = NOW + 11;
        int expiredTotal = 0;
        int size = ks.size();
        while (ks.size() > 1_000) {
            int expired = ks.expireSome(later, 20);
            assertTrue(expired <= 20, "one call expired " + expired + " keys");
            expiredTotal += expired;
            assertEquals(size - expired, ks.size(), "the return value counts deleted keys");
            size = ks.size();
        }
        assertEquals(count, expiredTotal);
        assertEquals(500, ks.expiresCount());
        for (int i = 0; i < 1_000; i++) {
            assertTrue(ks.exists(key("keep" + i), key, keyLength, later), "keep" + i + " expired early");
        }
        assertEquals(0, ks.expireSome(later, 1_000));
    }

    @Test
    void randomKeySkipsAndDeletesExpiredKeys() {
        for (int i = 0; i < 100; i++) {
            set("gone" + i, NOW + 1);
        }
        set("live", 0);
        long entry = ks.randomEntry(NOW + 2);
        assertNotEquals(Keyspace.ABSENT, entry);
        assertEquals("live", Bytes.key(ks.segment(entry), ks.keyOffset(entry), ks.keyLength(entry)));
        ks.delete(key("live"), key, keyLength, NOW + 2);
        assertEquals(Keyspace.ABSENT, ks.randomEntry(NOW + 2));
        assertEquals(0, ks.size());
    }
}
