package dev.kevy.server;

import dev.kevy.io.codec.NumberParser;
import dev.kevy.io.resp.RespWriter;
import dev.kevy.rt.buffer.OutputBuffer;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Sorted-set scores as text, both ways, exactly as Redis 7.0 on glibc writes and reads them, without
 * allocating on the common path. One instance per shard (it holds scratch space).
 *
 * <p>Replies print a score with C's {@code "%.17g"} ({@code addReplyDouble}): 17 significant
 * digits of the exact binary value, rounded half to even, trailing zeros dropped, exponent form
 * below 1e-4 and from 1e17. The digits come from the exact decimal expansion of the double,
 * computed in base-10^9 limbs ({@code m * 2^e} or {@code m * 5^-e}), so no rounding error can creep
 * in. A packed set's ZSCAN prints Redis's {@code d2string} text instead: integers up to 2^62 in full.
 *
 * <p>Range bounds are read as {@code zslParseRange} reads them: an optional "(" for an exclusive
 * bound, then what {@code strtod} reads with nothing after it; unlike a score, a bound may start
 * with spaces, overflow to an infinity, be empty (zero), but never NaN.
 */
final class ScoreText {
    private static final int BASE = 1_000_000_000;
    private static final int FIVE_13 = 1_220_703_125;
    private static final int PRECISION = 17;
    private static final double LLONG_HALF = (double) (Long.MAX_VALUE / 2);
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern HEX = Pattern.compile("[+-]?0[xX]([0-9a-fA-F]+\\.?[0-9a-fA-F]*|\\.[0-9a-fA-F]+)([pP][+-]?\\d+)?");

    private final int[] limbs = new int[128];
    private final byte[] digits = new byte[1200];
    private final byte[] text = new byte[32];
    /** The text of the last {@link #format}, at offset 0. */
    final MemorySegment segment = MemorySegment.ofArray(text);
    private final NumberParser parser = new NumberParser();
    private double bound;
    private boolean exclusive;
    /** The decimal exponent of the first digit {@link #exactDigits} wrote (a scratch of the format step). */
    private int exponent;

    /** Writes {@code "%.17g"} of a score ("inf", "-inf" for infinities) to {@link #segment}; returns its length. */
    int format(double d) {
        if (Double.isInfinite(d)) {
            return ascii(d > 0 ? "inf" : "-inf");
        }
        boolean negative = (Double.doubleToRawLongBits(d) < 0);
        double a = Math.abs(d);
        int n = 0;
        if (negative) {
            text[n++] = '-';
        }
        if (a < 1e17 && a == Math.rint(a)) {
            return writeLong(n, (long) a);
        }
        int count = exactDigits(a);
        return layout(n, count);
    }

    /** Writes a score as a reply: RESP3's double, RESP2's bulk string, both with {@link #format}'s text. */
    boolean write(OutputBuffer out, double d) {
        return RespWriter.doubleText(out, segment, 0, format(d));
    }

    /**
     * The header of {@code members} members, each followed by its score when {@code withScores}:
     * RESP2 puts them all in one flat array, RESP3 gives each member and score its own pair
     * ({@link #pair}), as Redis 7 does.
     */
    static boolean header(OutputBuffer out, long members, boolean withScores) {
        boolean flat = !withScores || !RespWriter.isResp3(out);
        return RespWriter.arrayHeader(out, withScores && flat ? 2 * members : members);
    }

    /** Before a member followed by its score: the pair's header in RESP3, nothing in RESP2. See {@link #header}. */
    static boolean pair(OutputBuffer out, boolean withScores) {
        return !withScores || !RespWriter.isResp3(out) || RespWriter.arrayHeader(out, 2);
    }

    /** Redis's {@code d2string}: a double that is an integer within +-2^62 in full, else as {@link #format}. */
    int formatPacked(double d) {
        if (d >= -LLONG_HALF && d <= LLONG_HALF && (double) (long) d == d) {
            long v = (long) d;
            int n = 0;
            if (v < 0) {
                text[n++] = '-';
                return writeLong(n, -v);
            }
            return writeLong(n, v);
        }
        return format(d);
    }

    private int ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            text[i] = (byte) s.charAt(i);
        }
        return s.length();
    }

    private int writeLong(int n, long v) {
        int length = 1;
        for (long t = v; t >= 10; t /= 10) {
            length++;
        }
        for (int i = n + length - 1; i >= n; i--) {
            text[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        return n + length;
    }

    /**
     * Fills {@link #digits} with the exact decimal digits of a positive finite double and sets
     * {@link #exponent}; returns how many digits there are.
     */
    private int exactDigits(double a) {
        long bits = Double.doubleToRawLongBits(a);
        int biased = (int) (bits >>> 52) & 0x7FF;
        long m = bits & ((1L << 52) - 1);
        int e;
        if (biased == 0) {
            e = -1074;
        } else {
            m |= 1L << 52;
            e = biased - 1075;
        }
        while ((m & 1) == 0 && e < 0) {
            m >>>= 1;
            e++;
        }
        limbs[0] = (int) (m % BASE);
        limbs[1] = (int) (m / BASE);
        int size = limbs[1] == 0 ? 1 : 2;
        int scale = 0;
        if (e > 0) {
            for (int left = e; left > 0; left -= 30) {
                size = multiply(size, 1 << Math.min(30, left));
            }
        } else if (e < 0) {
            scale = -e;
            int left = scale;
            for (; left >= 13; left -= 13) {
                size = multiply(size, FIVE_13);
            }
            int p = 1;
            for (int i = 0; i < left; i++) {
                p *= 5;
            }
            size = multiply(size, p);
        }
        int count = 0;
        for (int i = size - 1; i >= 0; i--) {
            int limb = limbs[i];
            if (i == size - 1) {
                int start = count;
                do {
                    digits[count++] = (byte) ('0' + limb % 10);
                    limb /= 10;
                } while (limb > 0);
                for (int x = start, y = count - 1; x < y; x++, y--) {
                    byte t = digits[x];
                    digits[x] = digits[y];
                    digits[y] = t;
                }
            } else {
                for (int k = 8; k >= 0; k--) {
                    digits[count + k] = (byte) ('0' + limb % 10);
                    limb /= 10;
                }
                count += 9;
            }
        }
        exponent = count - 1 - scale;
        return count;
    }

    private int multiply(int size, int factor) {
        long carry = 0;
        for (int i = 0; i < size; i++) {
            long v = (long) limbs[i] * factor + carry;
            limbs[i] = (int) (v % BASE);
            carry = v / BASE;
        }
        while (carry != 0) {
            limbs[size++] = (int) (carry % BASE);
            carry /= BASE;
        }
        return size;
    }

    /** Rounds {@code count} digits to 17 (half to even) and writes them as %g does after {@code n} bytes. */
    private int layout(int n, int count) {
        int x = exponent;
        if (count > PRECISION) {
            int next = digits[PRECISION] - '0';
            boolean up;
            if (next != 5) {
                up = next > 5;
            } else {
                boolean rest = false;
                for (int i = PRECISION + 1; i < count && !rest; i++) {
                    rest = digits[i] != '0';
                }
                up = rest || ((digits[PRECISION - 1] - '0') & 1) == 1;
            }
            count = PRECISION;
            if (up) {
                int i = PRECISION - 1;
                while (i >= 0 && digits[i] == '9') {
                    digits[i--] = '0';
                }
                if (i < 0) {
                    digits[0] = '1';
                    x++;
                } else {
                    digits[i]++;
                }
            }
        }
        while (count > 1 && digits[count - 1] == '0') {
            count--;
        }
        if (x < -4 || x >= PRECISION) {
            text[n++] = digits[0];
            if (count > 1) {
                text[n++] = '.';
                for (int i = 1; i < count; i++) {
                    text[n++] = digits[i];
                }
            }
            text[n++] = 'e';
            text[n++] = (byte) (x < 0 ? '-' : '+');
            int ax = Math.abs(x);
            if (ax >= 100) {
                text[n++] = (byte) ('0' + ax / 100);
            }
            text[n++] = (byte) ('0' + ax / 10 % 10);
            text[n++] = (byte) ('0' + ax % 10);
            return n;
        }
        if (x < 0) {
            text[n++] = '0';
            text[n++] = '.';
            for (int i = -1; i > x; i--) {
                text[n++] = '0';
            }
            for (int i = 0; i < count; i++) {
                text[n++] = digits[i];
            }
            return n;
        }
        for (int i = 0; i <= x; i++) {
            text[n++] = i < count ? digits[i] : (byte) '0';
        }
        if (count > x + 1) {
            text[n++] = '.';
            for (int i = x + 1; i < count; i++) {
                text[n++] = digits[i];
            }
        }
        return n;
    }

    /** Reads a score range bound ({@code zslParseRange}); false when it is not a float. See {@link #bound}, {@link #exclusive}. */
    boolean parseBound(MemorySegment s, long offset, long length) {
        exclusive = length > 0 && s.get(ValueLayout.JAVA_BYTE, offset) == '(';
        if (exclusive) {
            offset++;
            length--;
        }
        if (length == 0) {
            bound = 0;
            return true;
        }
        long start = offset;
        long end = offset + length;
        while (start < end && isSpace(s.get(ValueLayout.JAVA_BYTE, start))) {
            start++;
        }
        if (start == end) {
            return false;
        }
        if (parser.parseDouble(s, start, end - start)) {
            bound = parser.doubleValue();
            return true;
        }
        return parseRare(s, start, end - start);
    }

    /** Overflow and underflow, which a score refuses and a bound accepts: the text is checked, then Java reads it. */
    private boolean parseRare(MemorySegment s, long offset, long length) {
        if (length > 5000) {
            return false;
        }
        String t = new String(s.asSlice(offset, length).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.ISO_8859_1);
        if (DECIMAL.matcher(t).matches()) {
            bound = Double.parseDouble(t);
            return true;
        }
        var hex = HEX.matcher(t);
        if (hex.matches()) {
            bound = Double.parseDouble(hex.group(2) == null ? t + "p0" : t);
            return true;
        }
        return false;
    }

    /** The value of the last {@link #parseBound}. */
    double bound() {
        return bound;
    }

    /** Whether the last {@link #parseBound} was exclusive ("("). */
    boolean exclusive() {
        return exclusive;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || (b >= '\t' && b <= '\r');
    }
}
