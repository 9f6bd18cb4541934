package dev.kevy.server.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** APPEND, SETRANGE, INCRBY and SET edge cases, each against Redis's documented behaviour. */
class StringOpsTest {
    private static final long NOW = 1_700_000_000_000L;

    private final Keyspace ks = new Keyspace(0, 1 << 20);
    private final Bytes bytes = new Bytes();
    private long key;
    private int keyLength;
    private long value;
    private int valueLength;

    @AfterEach
    void close() {
        ks.close();
    }

    private MemorySegment key(String name) {
        byte[] b = Bytes.utf8(name);
        key = bytes.put(b);
        keyLength = b.length;
        return bytes.segment();
    }

    private MemorySegment value(String text) {
        byte[] b = Bytes.utf8(text);
        value = bytes.put(b);
        valueLength = b.length;
        return bytes.segment();
    }

    private void set(String name, String text) {
        MemorySegment v = value(text);
        MemorySegment k = key(name);
        ks.set(k, key, keyLength, v, value, valueLength, 0, 0, NOW);
    }

    private String get(String name) {
        long entry = ks.lookup(key(name), key, keyLength, NOW);
        return entry == Keyspace.ABSENT ? null : new String(Bytes.value(ks, entry), StandardCharsets.ISO_8859_1);
    }

    private long incr(String name, long delta) {
        return ks.incrBy(key(name), key, keyLength, delta, NOW);
    }

    /** INCRBY that must succeed: the text its returned handle reads, which must be what GET sees. */
    private String incrOk(String name, long delta) {
        long entry = incr(name, delta);
        assertTrue(entry > 0, "INCRBY " + name + " " + delta + " failed with " + entry);
        String text = new String(Bytes.value(ks, entry), StandardCharsets.ISO_8859_1);
        assertEquals(get(name), text, "the handle is the key's entry");
        return text;
    }

    @Test
    void incrParsesOnlyCanonicalIntegers() {
        String[] notIntegers = {" 1", "1 ", "01", "-0", "+1", "", "abc", "1.5", "9223372036854775808", "0x1"};
        for (String text : notIntegers) {
            set("n", text);
            assertEquals(Keyspace.NOT_INTEGER, incr("n", 1), "'" + text + "'");
            assertEquals(text, get("n"), "a failed INCR leaves the value alone");
        }
        set("n", "-9223372036854775808");
        assertEquals("-9223372036854775807", incrOk("n", 1));
    }

    @Test
    void incrOverflowIsDistinctFromNotAnInteger() {
        set("max", "9223372036854775807");
        assertEquals(Keyspace.OVERFLOW, incr("max", 1));
        assertEquals("9223372036854775807", get("max"));
        set("min", "-9223372036854775808");
        assertEquals(Keyspace.OVERFLOW, incr("min", -1));
        assertEquals("-1", incrOk("min", Long.MAX_VALUE));
    }

    @Test
    void incrCreatesMissingKeysAndRewritesTheTextAcrossLengths() {
        assertEquals("99", incrOk("c", 99));
        assertEquals("100", incrOk("c", 1));
        assertEquals("-100", incrOk("c", -200));
        assertEquals(Long.toString(Long.MAX_VALUE - 1_100), incrOk("c", Long.MAX_VALUE - 1_000));
        assertEquals("0", incrOk("c", -(Long.MAX_VALUE - 1_100)));
    }

    @Test
    void incrKeepsTheExpiry() {
        MemorySegment v = value("10");
        MemorySegment k = key("t");
        ks.set(k, key, keyLength, v, value, valueLength, NOW + 5_000, 0, NOW);
        assertEquals("123456789022", incrOk("t", 123_456_789_012L)); // grows the text
        assertEquals(NOW + 5_000, ks.expireAt(ks.lookup(key("t"), key, keyLength, NOW)));
        assertEquals(1, ks.expiresCount());
    }

    @Test
    void stringOperationsOnAnotherTypeReportWrongType() {
        MemorySegment k = key("list");
        long entry = ks.reserve(k, key, keyLength, 8, (byte) 1, 0, 0, NOW);
        assertNotEquals(Keyspace.ABSENT, entry);
        assertEquals(Keyspace.WRONG_TYPE, incr("list", 1));
        MemorySegment v = value("x");
        assertEquals(Keyspace.WRONG_TYPE, ks.append(key("list"), key, keyLength, v, value, valueLength, NOW));
        assertEquals(Keyspace.WRONG_TYPE, ks.setRange(key("list"), key, keyLength, 0, v, value, valueLength, NOW));
        assertEquals(Keyspace.WRONG_TYPE, ks.setRange(key("list"), key, keyLength, 0, v, value, 0, NOW),
            "type is checked before the empty-value shortcut");
        set("list", "now a string");
        assertEquals(Keyspace.TYPE_STRING, ks.type(ks.lookup(key("list"), key, keyLength, NOW)));
    }

    @Test
    void appendGrowsTheValueAndCreatesMissingKeys() {
        MemorySegment v = value("abc");
        assertEquals(3, ks.append(key("a"), key, keyLength, v, value, valueLength, NOW));
        StringBuilder expected = new StringBuilder("abc");
        for (int i = 0; i < 2_000; i++) {
            String piece = "-" + i;
            v = value(piece);
            expected.append(piece);
            assertEquals(expected.length(), ks.append(key("a"), key, keyLength, v, value, valueLength, NOW));
        }
        assertEquals(expected.toString(), get("a"));
    }

    @Test
    void setRangePadsWithZerosAndIgnoresEmptyWrites() {
        MemorySegment v = value("");
        assertEquals(0, ks.setRange(key("r"), key, keyLength, 10, v, value, valueLength, NOW));
        assertFalse(ks.exists(key("r"), key, keyLength, NOW), "an empty SETRANGE creates nothing");
        v = value("xy");
        assertEquals(7, ks.setRange(key("r"), key, keyLength, 5, v, value, valueLength, NOW));
        assertEquals("\0\0\0\0\0xy", get("r"));
        v = value("AB");
        assertEquals(7, ks.setRange(key("r"), key, keyLength, 1, v, value, valueLength, NOW));
        assertEquals("\0AB\0\0xy", get("r"));
        v = value("");
        assertEquals(7, ks.setRange(key("r"), key, keyLength, 100, v, value, valueLength, NOW));
        set("dirty", "0123456789".repeat(100)); // leaves non-zero bytes in blocks freed below
        ks.delete(key("dirty"), key, keyLength, NOW);
        v = value("z");
        assertEquals(1_001, ks.setRange(key("r"), key, keyLength, 1_000, v, value, valueLength, NOW));
        String r = get("r");
        assertEquals("\0AB\0\0xy" + "\0".repeat(993) + "z", r);
    }

    @Test
    void valuesBeyondTheLimitAreRejectedWithoutChange() {
        int limit = 1 << 20;
        set("big", "x");
        MemorySegment v = value("yy");
        assertEquals(Keyspace.TOO_LARGE, ks.setRange(key("big"), key, keyLength, limit - 1, v, value, valueLength, NOW));
        assertEquals(Keyspace.TOO_LARGE, ks.setRange(key("new"), key, keyLength, limit, v, value, valueLength, NOW));
        assertFalse(ks.exists(key("new"), key, keyLength, NOW));
        assertEquals(0, ks.setRange(key("ok"), key, keyLength, 2L * limit, v, value, 0, NOW),
            "an empty write on a missing key returns 0 even past the limit");
        assertEquals("x", get("big"));
    }

    @Test
    void setReportsExistenceAndHonoursNxXx() {
        MemorySegment v = value("1");
        assertEquals(0, ks.set(key("k"), key, keyLength, v, value, valueLength, 0, Keyspace.IF_PRESENT, NOW));
        assertFalse(ks.exists(key("k"), key, keyLength, NOW), "XX on a missing key writes nothing");
        assertEquals(0, ks.set(key("k"), key, keyLength, v, value, valueLength, 0, Keyspace.IF_ABSENT, NOW));
        v = value("2");
        assertEquals(1, ks.set(key("k"), key, keyLength, v, value, valueLength, 0, Keyspace.IF_ABSENT, NOW));
        assertEquals("1", get("k"), "NX on an existing key writes nothing");
        assertEquals(1, ks.set(key("k"), key, keyLength, v, value, valueLength, 0, Keyspace.IF_PRESENT, NOW));
        assertEquals("2", get("k"));
    }

    @Test
    void anOverwriteThatFitsStaysInItsBlockAndOneThatDoesNotMoves() {
        set("m", "0123456789");
        long before = ks.lookup(key("m"), key, keyLength, NOW);
        set("m", "abcdefghij");
        assertEquals(before, ks.lookup(key("m"), key, keyLength, NOW), "same size is in place");
        set("m", "x".repeat(500));
        long moved = ks.lookup(key("m"), key, keyLength, NOW);
        assertNotEquals(before, moved);
        assertEquals("x".repeat(500), get("m"));
        set("m", "y".repeat(450));
        assertEquals(moved, ks.lookup(key("m"), key, keyLength, NOW), "a shorter value that fits is in place");
        assertArrayEquals(Bytes.utf8("y".repeat(450)), Bytes.value(ks, moved));
    }
}
