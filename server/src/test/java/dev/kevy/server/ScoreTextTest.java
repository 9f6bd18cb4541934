package dev.kevy.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link ScoreText} against a BigDecimal rendering of C's {@code "%.17g"} (the exact value rounded
 * half to even to 17 digits, then %g's layout) over random bit patterns of the whole double range,
 * and its range-bound reading on the texts {@code zslParseRange} accepts and refuses.
 */
class ScoreTextTest {
    private final ScoreText text = new ScoreText();

    @Test
    void formatsEveryKindOfDoubleAsPercentSeventeenG() {
        Random random = new Random(5);
        double[] fixed = {0.0, -0.0, 1, -1, 0.1, 0.3, 1e17, 1e16, 99999999999999999.0, 1e-4, 1e-5, 0.00012345, 123456.789,
            Double.MIN_VALUE, Double.MAX_VALUE, Double.MIN_NORMAL, 4503599627370496.5, 9007199254740993.0, 1e300, 2.5e-5, 5e-324};
        for (double d : fixed) {
            assertEquals(reference(d), format(d), "of " + d);
            assertEquals(reference(-d), format(-d), "of " + -d);
        }
        for (int i = 0; i < 200_000; i++) {
            double d = switch (i % 3) {
                case 0 -> Double.longBitsToDouble(random.nextLong());
                case 1 -> (random.nextInt(2_000_000) - 1_000_000) / 1000.0;
                default -> random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
            };
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                continue;
            }
            assertEquals(reference(d), format(d), "of " + d + " (bits " + Long.toHexString(Double.doubleToRawLongBits(d)) + ")");
        }
        assertEquals("inf", format(Double.POSITIVE_INFINITY));
        assertEquals("-inf", format(Double.NEGATIVE_INFINITY));
    }

    @Test
    void packedTextPrintsIntegersUpToTwoToTheSixtySecondInFull() {
        assertEquals("100000000000000000", string(text.formatPacked(1e17)));
        assertEquals("4611686018427387904", string(text.formatPacked(Math.pow(2, 62))));
        assertEquals("-4611686018427387904", string(text.formatPacked(-Math.pow(2, 62))));
        assertEquals("4.7e+18", string(text.formatPacked(4.7e18)));
        assertEquals("0", string(text.formatPacked(-0.0)));
        assertEquals("1.5", string(text.formatPacked(1.5)));
        assertEquals("inf", string(text.formatPacked(Double.POSITIVE_INFINITY)));
    }

    @Test
    void rangeBoundsReadAsZslParseRangeReadsThem() {
        assertBound("", 0, false);
        assertBound("(", 0, true);
        assertBound(" 5", 5, false);
        assertBound("(\t-2.5", -2.5, true);
        assertBound("1e400", Double.POSITIVE_INFINITY, false);
        assertBound("(-1e400", Double.NEGATIVE_INFINITY, true);
        assertBound("1e-400", 0, false);
        assertBound("0x1p99999", Double.POSITIVE_INFINITY, false);
        assertBound("0x10", 16, false);
        assertBound("-inf", Double.NEGATIVE_INFINITY, false);
        for (String bad : new String[] {" ", "((1", "[1", "nan", "(nan", "1 ", "x", "1e", "0x", "--1", "1e400x"}) {
            byte[] b = bad.getBytes(StandardCharsets.ISO_8859_1);
            assertFalse(text.parseBound(MemorySegment.ofArray(b), 0, b.length), "'" + bad + "' is not a bound");
        }
    }

    private void assertBound(String s, double value, boolean exclusive) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        assertTrue(text.parseBound(MemorySegment.ofArray(b), 0, b.length), s);
        assertEquals(value, text.bound(), s);
        assertEquals(exclusive, text.exclusive(), s);
    }

    private String format(double d) {
        return string(text.format(d));
    }

    private String string(int length) {
        return new String(text.segment.asSlice(0, length).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.US_ASCII);
    }

    /** C's %.17g from the exact value: 17 significant digits half to even, zeros dropped, %g's choice of layout. */
    static String reference(double d) {
        if (d == 0) {
            return Double.doubleToRawLongBits(d) < 0 ? "-0" : "0";
        }
        BigDecimal rounded = new BigDecimal(d).round(new MathContext(17, RoundingMode.HALF_EVEN));
        String digits = rounded.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - rounded.scale();
        digits = digits.replaceAll("0+$", "");
        if (digits.isEmpty()) {
            digits = "0";
        }
        String sign = d < 0 ? "-" : "";
        if (exponent < -4 || exponent >= 17) {
            String mantissa = digits.length() > 1 ? digits.charAt(0) + "." + digits.substring(1) : digits;
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
        }
        if (exponent < 0) {
            return sign + "0." + "0".repeat(-exponent - 1) + digits;
        }
        if (digits.length() <= exponent + 1) {
            return sign + digits + "0".repeat(exponent + 1 - digits.length());
        }
        return sign + digits.substring(0, exponent + 1) + "." + digits.substring(exponent + 1);
    }
}
