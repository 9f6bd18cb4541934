package dev.kevy.io.codec;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * Reads numbers from bytes exactly as Redis does, without allocating on the common path.
 *
 * <p>{@link #parseLong} is Redis's {@code string2ll}: an optional {@code -}, then {@code 0} alone
 * or a digit 1-9 followed by digits, fitting a signed 64-bit integer; no {@code +}, no leading
 * zeros, no spaces, at most 20 characters. {@link #parseDouble} is Redis's {@code string2d}: what
 * C's {@code strtod} reads (decimal or hexadecimal, {@code inf}/{@code infinity}), provided the
 * text does not start with a space, is consumed entirely, is not NaN, and neither overflows nor
 * underflows to zero.
 *
 * <p>The result of the last successful parse is kept in this object ({@link #longValue()},
 * {@link #doubleValue()}), which is why one instance belongs to one thread.
 *
 * <p>Doubles: a decimal with at most 19 significant digits whose value times a power of ten up to
 * 22 is exact (Clinger's fast path, which covers what clients send: {@code 1.5}, {@code -0.25},
 * {@code 3e10}) converts without allocation; longer mantissas and larger exponents fall back to
 * {@link Double#parseDouble}, which rounds correctly, as glibc's {@code strtod} does, but
 * allocates its input string.
 */
public final class NumberParser {
    private static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;
    /** Redis's {@code LONG_STR_SIZE}: no valid long has this many characters. */
    private static final int LONG_STR_SIZE = 21;
    private static final long ULLONG_MAX_DIV_10 = Long.divideUnsigned(-1L, 10);
    private static final int MAX_EXACT_DIGITS = 19;
    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
    };

    private long longValue;
    private double doubleValue;

    /** A parser with no value yet; one per thread. */
    public NumberParser() {
    }

    /** The value of the last successful {@link #parseLong}. */
    public long longValue() {
        return longValue;
    }

    /** The value of the last successful {@link #parseDouble}. */
    public double doubleValue() {
        return doubleValue;
    }

    /** Redis's {@code string2ll} over {@code length} bytes at {@code offset}; see the class comment. */
    public boolean parseLong(MemorySegment s, long offset, long length) {
        if (length <= 0 || length >= LONG_STR_SIZE) {
            return false;
        }
        long p = offset;
        long end = offset + length;
        int c = s.get(BYTE, p);
        if (length == 1 && c == '0') {
            longValue = 0;
            return true;
        }
        boolean negative = c == '-';
        if (negative && ++p == end) {
            return false;
        }
        c = s.get(BYTE, p++);
        if (c < '1' || c > '9') {
            return false;
        }
        // Accumulate as unsigned, as Redis does, so that -9223372036854775808 is representable.
        long v = c - '0';
        while (p < end) {
            c = s.get(BYTE, p++);
            if (c < '0' || c > '9' || Long.compareUnsigned(v, ULLONG_MAX_DIV_10) > 0) {
                return false;
            }
            v *= 10;
            if (Long.compareUnsigned(v, -1L - (c - '0')) > 0) {
                return false;
            }
            v += c - '0';
        }
        if (negative) {
            if (Long.compareUnsigned(v, Long.MIN_VALUE) > 0) {
                return false;
            }
            longValue = -v;
        } else {
            if (v < 0) {
                return false;
            }
            longValue = v;
        }
        return true;
    }

    /** Redis's {@code string2d} over {@code length} bytes at {@code offset}; see the class comment. */
    public boolean parseDouble(MemorySegment s, long offset, long length) {
        if (length <= 0 || isSpace(s.get(BYTE, offset))) {
            return false;
        }
        long p = offset;
        long end = offset + length;
        int c = s.get(BYTE, p);
        boolean negative = c == '-';
        if (c == '-' || c == '+') {
            p++;
        }
        if (p == end) {
            return false;
        }
        c = lower(s.get(BYTE, p));
        if (c == 'i') {
            return parseInfinity(s, p, end, negative);
        }
        if (c == 'n') {
            return false; // "nan" and "nan(...)" parse, but Redis refuses NaN; anything else is junk
        }
        if (c == '0' && p + 1 < end && lower(s.get(BYTE, p + 1)) == 'x') {
            return parseHex(s, p + 2, end, negative);
        }
        return parseDecimal(s, offset, p, end, negative);
    }

    private boolean parseInfinity(MemorySegment s, long p, long end, boolean negative) {
        if (!matchesIgnoreCase(s, p, end, "inf")) {
            return false;
        }
        p += 3;
        if (matchesIgnoreCase(s, p, end, "inity")) {
            p += 5;
        }
        if (p != end) {
            return false;
        }
        doubleValue = negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        return true;
    }

    private boolean parseDecimal(MemorySegment s, long textStart, long p, long end, boolean negative) {
        long mantissa = 0;
        int digits = 0;
        long exponent = 0;
        boolean anyDigit = false;
        boolean inexact = false;
        boolean fraction = false;
        for (; p < end; p++) {
            int c = s.get(BYTE, p);
            if (c == '.' && !fraction) {
                fraction = true;
                continue;
            }
            if (c < '0' || c > '9') {
                break;
            }
            anyDigit = true;
            if (mantissa == 0 && c == '0') {
                exponent -= fraction ? 1 : 0; // a leading zero is not significant
            } else if (digits < MAX_EXACT_DIGITS) {
                mantissa = mantissa * 10 + (c - '0');
                digits++;
                exponent -= fraction ? 1 : 0;
            } else {
                inexact |= c != '0';
                exponent += fraction ? 0 : 1;
            }
        }
        if (!anyDigit) {
            return false;
        }
        if (p < end && lower(s.get(BYTE, p)) == 'e') {
            long q = p + 1;
            boolean negativeExponent = false;
            if (q < end && (s.get(BYTE, q) == '-' || s.get(BYTE, q) == '+')) {
                negativeExponent = s.get(BYTE, q) == '-';
                q++;
            }
            if (q < end && isDigit(s.get(BYTE, q))) {
                long e = 0;
                for (; q < end && isDigit(s.get(BYTE, q)); q++) {
                    e = Math.min(e * 10 + (s.get(BYTE, q) - '0'), 1_000_000);
                }
                exponent += negativeExponent ? -e : e;
                p = q;
            }
            // Without digits strtod stops before the 'e', which then is trailing junk.
        }
        if (p != end) {
            return false;
        }
        if (mantissa == 0) {
            doubleValue = negative ? -0.0 : 0.0;
            return true;
        }
        double value;
        if (!inexact && mantissa < (1L << 53) && exponent >= -22 && exponent <= 22) {
            value = exponent >= 0 ? mantissa * POWERS_OF_TEN[(int) exponent]
                    : mantissa / POWERS_OF_TEN[(int) -exponent];
        } else {
            byte[] text = s.asSlice(textStart, end - textStart).toArray(BYTE);
            value = Math.abs(Double.parseDouble(new String(text, StandardCharsets.US_ASCII)));
        }
        return accept(negative ? -value : value);
    }

    private boolean parseHex(MemorySegment s, long p, long end, boolean negative) {
        long mantissa = 0;
        long binaryExponent = 0;
        int significant = 0;
        boolean anyDigit = false;
        boolean sticky = false;
        boolean fraction = false;
        for (; p < end; p++) {
            int c = s.get(BYTE, p);
            if (c == '.' && !fraction) {
                fraction = true;
                continue;
            }
            int d = hexValue(c);
            if (d < 0) {
                break;
            }
            anyDigit = true;
            if (mantissa == 0 && d == 0) {
                binaryExponent -= fraction ? 4 : 0;
            } else if (significant < 15) {
                mantissa = (mantissa << 4) | d;
                significant++;
                binaryExponent -= fraction ? 4 : 0;
            } else {
                sticky |= d != 0;
                binaryExponent += fraction ? 0 : 4;
            }
        }
        if (!anyDigit) {
            return false; // "0x" alone: strtod reads the "0" and stops at the 'x'
        }
        if (p < end && lower(s.get(BYTE, p)) == 'p') {
            long q = p + 1;
            boolean negativeExponent = false;
            if (q < end && (s.get(BYTE, q) == '-' || s.get(BYTE, q) == '+')) {
                negativeExponent = s.get(BYTE, q) == '-';
                q++;
            }
            if (q < end && isDigit(s.get(BYTE, q))) {
                long e = 0;
                for (; q < end && isDigit(s.get(BYTE, q)); q++) {
                    e = Math.min(e * 10 + (s.get(BYTE, q) - '0'), 1_000_000);
                }
                binaryExponent += negativeExponent ? -e : e;
                p = q;
            }
        }
        if (p != end) {
            return false;
        }
        if (mantissa == 0) {
            doubleValue = negative ? -0.0 : 0.0;
            return true;
        }
        // 15 hex digits are 57+ bits, so a dropped non-zero digit lands below the rounding bit.
        long bits = sticky ? mantissa | 1 : mantissa;
        double value = Math.scalb((double) bits, (int) Math.max(Math.min(binaryExponent, 4096), -4096));
        return accept(negative ? -value : value);
    }

    /** strtod's ERANGE cases Redis refuses: overflow to infinity and underflow to zero. */
    private boolean accept(double value) {
        if (Double.isInfinite(value) || value == 0 || Double.isNaN(value)) {
            return false;
        }
        doubleValue = value;
        return true;
    }

    private static boolean matchesIgnoreCase(MemorySegment s, long p, long end, String lowerWord) {
        if (end - p < lowerWord.length()) {
            return false;
        }
        for (int i = 0; i < lowerWord.length(); i++) {
            if (lower(s.get(BYTE, p + i)) != lowerWord.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int hexValue(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        int l = lower((byte) c);
        return l >= 'a' && l <= 'f' ? l - 'a' + 10 : -1;
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static int lower(byte b) {
        return b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
    }

    /** C's {@code isspace} in the C locale. */
    public static boolean isSpace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }
}
