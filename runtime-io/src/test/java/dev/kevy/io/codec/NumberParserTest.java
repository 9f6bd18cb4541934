package dev.kevy.io.codec;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kevy.io.resp.AllocationMeter;
import java.lang.foreign.MemorySegment;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NumberParserTest {
    private final NumberParser numbers = new NumberParser();

    private boolean parseLong(String s) {
        byte[] b = s.getBytes(ISO_8859_1);
        return numbers.parseLong(MemorySegment.ofArray(b), 0, b.length);
    }

    private boolean parseDouble(String s) {
        byte[] b = s.getBytes(ISO_8859_1);
        return numbers.parseDouble(MemorySegment.ofArray(b), 0, b.length);
    }

    private void assertLong(long expected, String s) {
        assertTrue(parseLong(s), s);
        assertEquals(expected, numbers.longValue(), s);
    }

    private void assertDouble(double expected, String s) {
        assertTrue(parseDouble(s), s);
        assertEquals(expected, numbers.doubleValue(), s);
    }

    @Test
    void longsAcceptedAsRedisString2llAcceptsThem() {
        assertLong(0, "0");
        assertLong(7, "7");
        assertLong(-7, "-7");
        assertLong(1234567890, "1234567890");
        assertLong(Long.MAX_VALUE, "9223372036854775807");
        assertLong(Long.MIN_VALUE, "-9223372036854775808");
    }

    @Test
    void longsRejectedAsRedisString2llRejectsThem() {
        for (String s : new String[] {"", "-", "+1", "01", "-0", "00", " 1", "1 ", "1a", "0x10", "1.0",
                "9223372036854775808", "-9223372036854775809", "18446744073709551615", "18446744073709551616",
                "99999999999999999999", "123456789012345678901", "--1", "\u00001"}) {
            assertFalse(parseLong(s), "'" + s + "'");
        }
    }

    @Test
    void doublesAcceptedAsStrtodReadsThem() {
        assertDouble(1.5, "1.5");
        assertDouble(-0.25, "-0.25");
        assertDouble(3e10, "3e10");
        assertDouble(3e10, "+3E+10");
        assertDouble(0.5, ".5");
        assertDouble(5.0, "5.");
        assertDouble(0.1, "0.1");
        assertDouble(1e-3, "0.001");
        assertDouble(1e22, "1e22");
        assertDouble(Double.POSITIVE_INFINITY, "inf");
        assertDouble(Double.POSITIVE_INFINITY, "+Infinity");
        assertDouble(Double.NEGATIVE_INFINITY, "-INF");
        assertDouble(0.0, "0e-400");
        assertDouble(-0.0, "-0");
        assertDouble(16.0, "0x10");
        assertDouble(0.25, "0x1p-2");
        assertDouble(-3.0, "-0X1.8P1");
        assertDouble(4.9e-324, "4.9e-324");
        assertDouble(Double.parseDouble("123456789012345678901234"), "123456789012345678901234");
        assertDouble(Double.parseDouble("2.2250738585072014E-308"), "2.2250738585072014E-308");
        assertDouble(1.7976931348623157e308, "1.7976931348623157e308");
    }

    @Test
    void doublesRejectedAsRedisString2dRejectsThem() {
        for (String s : new String[] {"", " 1", "\t1", "1 ", "nan", "NaN", "-nan", "nan(1)", "1e", "1e+", ".",
                "-", "+", "e5", "1.2.3", "0x", "0x1p", "infin", "1e400", "-1e400", "1e-400", "abc", "1f", "1d",
                "1,5"}) {
            assertFalse(parseDouble(s), "'" + s + "'");
        }
    }

    @Test
    void fastPathDoublesEqualCorrectlyRoundedConversion() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            long mantissa = random.nextLong() >>> (11 + random.nextInt(40));
            int exponent = random.nextInt(45) - 22;
            String text = (random.nextBoolean() ? "-" : "") + mantissa + "e" + exponent;
            assertDouble(Double.parseDouble(text), text);
            String fraction = mantissa / 1000 + "." + Math.floorMod(mantissa, 1000);
            assertDouble(Double.parseDouble(fraction), fraction);
        }
    }

    @Test
    void commonDoublesAndLongsParseWithoutAllocating() {
        byte[][] inputs = {"1.5".getBytes(ISO_8859_1), "-0.125".getBytes(ISO_8859_1), "3e10".getBytes(ISO_8859_1),
            "123456789".getBytes(ISO_8859_1)};
        MemorySegment[] segments = new MemorySegment[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            segments[i] = MemorySegment.ofArray(inputs[i]);
        }
        double[] sum = new double[1];
        long bytes = AllocationMeter.bytesPerRound(30, 10_000, i -> {
            MemorySegment s = segments[i & 3];
            if (numbers.parseDouble(s, 0, s.byteSize())) {
                sum[0] += numbers.doubleValue();
            }
            if (numbers.parseLong(s, 0, s.byteSize())) {
                sum[0] += numbers.longValue();
            }
        });
        assertEquals(0, bytes);
        assertTrue(sum[0] != 0);
    }
}
