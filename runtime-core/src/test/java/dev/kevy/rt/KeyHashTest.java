package dev.kevy.rt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyHashTest {
    /** The tail a byte at a time, as the hash first read it: the word reads must give the same number. */
    private static long tailByBytes(MemorySegment s, long at, int n) {
        long tail = 0;
        for (int k = 0; k < n; k++) {
            tail |= (s.get(ValueLayout.JAVA_BYTE, at + k) & 0xFFL) << 8 * k;
        }
        return tail;
    }

    @Test
    void aTailReadInWordsIsTheTailReadByteByByte() {
        byte[] bytes = new byte[24];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (0x81 + i * 37); // high bits set: a sign extension would show
        }
        MemorySegment s = MemorySegment.ofArray(bytes);
        for (int n = 0; n < 8; n++) {
            for (int at = 0; at + n <= bytes.length; at++) { // up to the segment's last byte: no read past it
                assertEquals(tailByBytes(s, at, n), KeyHash.tail(s, at, n), "tail of " + n + " at " + at);
            }
        }
    }

    @Test
    void everyByteOfAShortKeyChangesItsHash() {
        Set<Long> seen = new HashSet<>();
        for (int length = 0; length <= 16; length++) {
            byte[] key = new byte[length];
            long base = KeyHash.hash(key, 0, length);
            assertEquals(true, seen.add(base), "length " + length + " hashes apart from the others");
            for (int i = 0; i < length; i++) {
                key[i] = 1;
                assertNotEquals(base, KeyHash.hash(key, 0, length), "byte " + i + " of " + length);
                key[i] = 0;
            }
        }
    }

    @Test
    void theSameBytesHashTheSameWhereverTheyLie() {
        byte[] key = "user:1000:session".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] padded = new byte[key.length + 11];
        System.arraycopy(key, 0, padded, 5, key.length);
        assertEquals(KeyHash.hash(key, 0, key.length), KeyHash.hash(padded, 5, key.length));
    }
}
