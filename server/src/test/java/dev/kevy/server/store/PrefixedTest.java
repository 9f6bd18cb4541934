package dev.kevy.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The prefixed strings collections store and the word-wise compare every lookup makes. */
class PrefixedTest {

    @Test
    void sameBytesAgreesWithArraysEqualsForEveryLengthAndEveryDifferingByte() {
        Random random = new Random(5);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment a = arena.allocate(64);
            MemorySegment b = arena.allocate(64);
            int compared = 0;
            for (int length = 0; length <= 40; length++) {
                byte[] x = new byte[length];
                random.nextBytes(x);
                for (int differ = -1; differ < length; differ++) { // -1: equal; else flip one byte
                    byte[] y = x.clone();
                    if (differ >= 0) {
                        y[differ] ^= (byte) (1 + random.nextInt(255));
                    }
                    int offsetA = random.nextInt(8);
                    int offsetB = random.nextInt(8);
                    MemorySegment.copy(x, 0, a, ValueLayout.JAVA_BYTE, offsetA, length);
                    MemorySegment.copy(y, 0, b, ValueLayout.JAVA_BYTE, offsetB, length);
                    assertEquals(Arrays.equals(x, y), Prefixed.sameBytes(a, offsetA, b, offsetB, length),
                            "length " + length + ", byte " + differ + " differs");
                    compared++;
                }
            }
            assertEquals(861, compared, "every length from 0 to 40, equal and with each byte differing");
        }
    }

    @Test
    void stringsRoundTripAcrossThePrefixFormats() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(1 << 12);
            MemorySegment src = arena.allocate(1 << 11);
            long at = 0;
            int[] lengths = {0, 1, 254, 255, 256, 1000};
            for (int length : lengths) {
                at = Prefixed.write(s, at, src, 0, length);
            }
            long read = 0;
            for (int length : lengths) {
                assertEquals(length, Prefixed.length(s, read));
                assertEquals(read + Prefixed.size(length), Prefixed.next(s, read));
                assertEquals(Prefixed.next(s, read) - length, Prefixed.data(s, read));
                read = Prefixed.next(s, read);
            }
            assertEquals(at, read);
        }
    }
}
