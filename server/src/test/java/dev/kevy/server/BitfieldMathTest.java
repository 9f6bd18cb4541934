package dev.kevy.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigInteger;
import java.util.BitSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link BitfieldMath} and {@link BitScan} against simple models on random inputs (fixed seeds):
 * fields against a {@link BitSet} read one bit at a time, overflow decisions against exact
 * {@link BigInteger} arithmetic, scans against a bit-by-bit loop.
 */
class BitfieldMathTest {

    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
    private static final int BYTES = 40;

    @Test
    void fieldsReadAndWriteTheBitsABitSetModelHolds() {
        SplittableRandom random = new SplittableRandom(141);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(BYTES + 8);
            BitSet model = new BitSet();
            long base = 3; // not 8-byte aligned
            for (int round = 0; round < 20_000; round++) {
                int bits = 1 + random.nextInt(64);
                long offset = random.nextInt(BYTES * 8 - bits + 1);
                long value = random.nextLong();
                BitfieldMath.set(s, base, offset, bits, value);
                for (int i = 0; i < bits; i++) {
                    model.set((int) offset + i, (value >>> (bits - 1 - i) & 1) != 0);
                }
                int readBits = 1 + random.nextInt(64);
                long readAt = random.nextInt(BYTES * 8 + 16); // may run past the end: zeros there
                long expected = 0;
                for (int i = 0; i < readBits; i++) {
                    long bit = readAt + i;
                    expected = expected << 1 | (bit < BYTES * 8 && model.get((int) bit) ? 1 : 0);
                }
                assertEquals(expected, BitfieldMath.getUnsigned(s, base, BYTES, readAt, readBits));
                long signed = readBits == 64 ? expected : expected << (64 - readBits) >> (64 - readBits);
                assertEquals(signed, BitfieldMath.getSigned(s, base, BYTES, readAt, readBits));
            }
            for (int bit = 0; bit < BYTES * 8; bit++) {
                boolean stored = (s.get(ValueLayout.JAVA_BYTE, base + bit / 8) >>> (7 - bit % 8) & 1) != 0;
                assertEquals(model.get(bit), stored, "bit " + bit);
            }
        }
    }

    @Test
    void signedOverflowMatchesExactArithmetic() {
        SplittableRandom random = new SplittableRandom(142);
        for (int round = 0; round < 200_000; round++) {
            int bits = 1 + random.nextInt(64);
            BigInteger max = BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE);
            BigInteger min = max.negate().subtract(BigInteger.ONE);
            boolean set = random.nextInt(3) == 0;
            long value = set ? interesting(random) : BitfieldMath.wrapSigned(interesting(random), bits);
            long incr = set ? 0 : interesting(random);
            BigInteger sum = BigInteger.valueOf(value).add(BigInteger.valueOf(incr));
            int expected = sum.compareTo(max) > 0 ? BitfieldMath.ABOVE : sum.compareTo(min) < 0 ? BitfieldMath.BELOW
                    : BitfieldMath.FITS;
            if (set && bits < 64 && BigInteger.valueOf(max.longValue()).subtract(BigInteger.valueOf(value))
                    .compareTo(BigInteger.valueOf(Long.MAX_VALUE)) > 0) {
                expected = BitfieldMath.ABOVE; // Redis's max - value wraps in 64 bits for values near Long.MIN_VALUE
            }
            String what = (set ? "SET i" : "INCRBY i") + bits + " " + value + " + " + incr;
            assertEquals(expected, BitfieldMath.signedOverflow(value, incr, bits), what);
            BigInteger wrapped = sum.mod(BigInteger.ONE.shiftLeft(bits));
            if (wrapped.compareTo(max) > 0) {
                wrapped = wrapped.subtract(BigInteger.ONE.shiftLeft(bits));
            }
            assertEquals(wrapped.longValueExact(), BitfieldMath.wrapSigned(value + incr, bits), what);
            assertEquals(max.longValueExact(), BitfieldMath.signedMax(bits));
            assertEquals(min.longValueExact(), BitfieldMath.signedMin(bits));
        }
    }

    @Test
    void unsignedOverflowMatchesExactArithmetic() {
        SplittableRandom random = new SplittableRandom(143);
        for (int round = 0; round < 200_000; round++) {
            int bits = 1 + random.nextInt(63);
            BigInteger max = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
            boolean set = random.nextInt(3) == 0;
            long value = set ? interesting(random) : BitfieldMath.wrapUnsigned(interesting(random), bits);
            long incr = set ? 0 : interesting(random);
            BigInteger unsignedValue = BigInteger.valueOf(value).mod(TWO_64); // SET reads its argument as unsigned
            BigInteger sum = unsignedValue.add(BigInteger.valueOf(incr));
            int expected = sum.compareTo(max) > 0 ? BitfieldMath.ABOVE : sum.signum() < 0 ? BitfieldMath.BELOW
                    : BitfieldMath.FITS;
            String what = (set ? "SET u" : "INCRBY u") + bits + " " + value + " + " + incr;
            assertEquals(expected, BitfieldMath.unsignedOverflow(value, incr, bits), what);
            assertEquals(sum.mod(BigInteger.ONE.shiftLeft(bits)).longValueExact(),
                    BitfieldMath.wrapUnsigned(value + incr, bits), what);
            assertEquals(max.longValueExact(), BitfieldMath.unsignedMax(bits));
        }
    }

    @Test
    void scansCountAndFindBitsAsABitByBitLoop() {
        SplittableRandom random = new SplittableRandom(144);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(BYTES + 8);
            long base = 5;
            for (int round = 0; round < 20_000; round++) {
                int density = random.nextInt(4); // runs of ones and zeros exercise the word steps
                for (int i = 0; i < BYTES; i++) {
                    int b = density == 0 ? 0xFF : density == 1 ? 0 : random.nextInt(256);
                    if (random.nextInt(30) == 0) {
                        b ^= 1 << random.nextInt(8);
                    }
                    s.set(ValueLayout.JAVA_BYTE, base + i, (byte) b);
                }
                long from = random.nextInt(BYTES * 8);
                long to = from + random.nextInt((int) (BYTES * 8 - from));
                long count = 0;
                long firstOne = -1;
                long firstZero = -1;
                for (long bit = from; bit <= to; bit++) {
                    boolean one = (s.get(ValueLayout.JAVA_BYTE, base + bit / 8) >>> (7 - bit % 8) & 1) != 0;
                    count += one ? 1 : 0;
                    firstOne = firstOne < 0 && one ? bit : firstOne;
                    firstZero = firstZero < 0 && !one ? bit : firstZero;
                }
                String range = "bits " + from + ".." + to;
                assertEquals(count, BitScan.count(s, base, from, to), range);
                assertEquals(firstOne, BitScan.first(s, base, from, to, 1), range);
                assertEquals(firstZero, BitScan.first(s, base, from, to, 0), range);
            }
        }
    }

    /** Values at and near the edges of every width, or anything. */
    private static long interesting(SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> random.nextLong();
            case 1 -> random.nextLong(-300, 300);
            case 2 -> (1L << random.nextInt(64)) + random.nextLong(-2, 3);
            default -> -(1L << random.nextInt(64)) + random.nextLong(-2, 3);
        };
    }
}
