package dev.kevy.server;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * INCRBYFLOAT's arithmetic, exactly as Redis on x86-64 does it: the operands are read the way
 * {@code string2ld} reads them (C's {@code strtold}), added, and printed with
 * {@code "%.17Lf"} minus trailing zeros, all in the x87 80-bit {@code long double} (a 64-bit
 * significand, binary exponents down to -16445). A {@code double} would print {@code 0.1 + 0.2}
 * as {@code 0.30000000000000004} where Redis prints {@code 0.3}, and would overflow at 1.8e308.
 *
 * <p>Values are held as exact {@link BigDecimal}s, each rounded to the nearest {@code long double}
 * (ties to even) after every operation, so the results are Redis's bit for bit. INCRBYFLOAT is not
 * a hot-path command: this allocates. Exponents are checked before any power is computed, so no
 * input makes it work harder than a value near the format's limits.
 */
final class LongDouble {

    /** Redis's {@code MAX_LONG_DOUBLE_CHARS}: longer text is not a number. */
    static final int MAX_CHARS = 5 * 1024;
    private static final int SIGNIFICAND_BITS = 64;
    private static final int MAX_EXPONENT = 16383;
    private static final int MIN_NORMAL_EXPONENT = -16382;
    /** Decimal exponents beyond which a value is certainly infinite or zero in a long double. */
    private static final int MAX_DECIMAL_EXPONENT = 4933;
    private static final int MIN_DECIMAL_EXPONENT = -4952;
    private static final int EXPONENT_CLAMP = 100_000;

    /** A long double: finite ({@code infinity == 0}) or an infinity of the given sign. */
    record Value(BigDecimal finite, int infinity) {
        boolean isInfinite() {
            return infinity != 0;
        }
    }

    private LongDouble() {
    }

    /**
     * {@code string2ld}: the whole text must be what {@code strtold} reads (decimal, hexadecimal,
     * {@code inf}/{@code infinity}), not start with a space, and be neither NaN nor out of range
     * (overflow to infinity, underflow to zero). Returns {@code null} when Redis says "not a
     * valid float".
     */
    static Value parse(byte[] text) {
        int n = text.length;
        if (n == 0 || n >= MAX_CHARS || isSpace(text[0])) {
            return null;
        }
        int p = 0;
        boolean negative = text[0] == '-';
        if (text[0] == '-' || text[0] == '+') {
            p++;
        }
        if (matchesWord(text, p, "inf")) {
            int end = p + 3;
            if (matchesWord(text, end, "inity")) {
                end += 5;
            }
            return end == n ? new Value(null, negative ? -1 : 1) : null;
        }
        if (p + 1 < n && text[p] == '0' && (text[p + 1] == 'x' || text[p + 1] == 'X')) {
            Value hex = parseHex(text, p + 2, negative);
            if (hex != null) {
                return hex;
            }
            return null; // "0x" without hex digits: strtold stops after the 0, leaving junk
        }
        return parseDecimal(text, p, negative);
    }

    private static Value parseDecimal(byte[] text, int p, boolean negative) {
        StringBuilder digits = new StringBuilder();
        int fractionDigits = 0;
        boolean point = false;
        for (; p < text.length; p++) {
            byte c = text[p];
            if (c == '.' && !point) {
                point = true;
            } else if (c >= '0' && c <= '9') {
                digits.append((char) c);
                fractionDigits += point ? 1 : 0;
            } else {
                break;
            }
        }
        if (digits.isEmpty()) {
            return null;
        }
        long exponent = 0;
        if (p < text.length && (text[p] == 'e' || text[p] == 'E')) {
            int[] end = {p + 1};
            long e = exponent(text, end);
            if (end[0] > p + 1) {
                exponent = e;
                p = end[0];
            }
        }
        if (p != text.length) {
            return null;
        }
        BigInteger unscaled = new BigInteger(digits.toString());
        if (unscaled.signum() == 0) {
            return new Value(BigDecimal.ZERO, 0); // an exact zero is no underflow
        }
        BigDecimal exact = new BigDecimal(unscaled, Math.toIntExact(fractionDigits - exponent));
        int magnitude = exact.precision() - exact.scale() - 1;
        if (magnitude > MAX_DECIMAL_EXPONENT || magnitude < MIN_DECIMAL_EXPONENT) {
            return null; // strtold's ERANGE: infinity or zero, both refused
        }
        Value v = round(negative ? exact.negate() : exact);
        return v.isInfinite() || v.finite().signum() == 0 ? null : v;
    }

    private static Value parseHex(byte[] text, int p, boolean negative) {
        BigInteger mantissa = BigInteger.ZERO;
        long binaryExponent = 0;
        boolean point = false;
        boolean anyDigit = false;
        for (; p < text.length; p++) {
            byte c = text[p];
            int d = Character.digit(c, 16);
            if (c == '.' && !point) {
                point = true;
            } else if (d >= 0 && c < 0x80) {
                anyDigit = true;
                mantissa = mantissa.shiftLeft(4).or(BigInteger.valueOf(d));
                binaryExponent -= point ? 4 : 0;
            } else {
                break;
            }
        }
        if (!anyDigit) {
            return null;
        }
        if (p < text.length && (text[p] == 'p' || text[p] == 'P')) {
            int[] end = {p + 1};
            long e = exponent(text, end);
            if (end[0] > p + 1) {
                binaryExponent += e;
                p = end[0];
            }
        }
        if (p != text.length) {
            return null;
        }
        if (mantissa.signum() == 0) {
            return new Value(BigDecimal.ZERO, 0);
        }
        long top = mantissa.bitLength() - 1 + binaryExponent;
        if (top > MAX_EXPONENT || top < MIN_NORMAL_EXPONENT - SIGNIFICAND_BITS - 1) {
            return null;
        }
        BigInteger num = binaryExponent >= 0 ? mantissa.shiftLeft((int) binaryExponent) : mantissa;
        BigInteger den = binaryExponent >= 0 ? BigInteger.ONE : BigInteger.ONE.shiftLeft((int) -binaryExponent);
        Value v = round(num, den, negative);
        return v.isInfinite() || v.finite().signum() == 0 ? null : v;
    }

    /** A C exponent: optional sign and at least one digit from {@code at[0]}; {@code at[0]} ends after it. */
    private static long exponent(byte[] text, int[] at) {
        int q = at[0];
        boolean negative = false;
        if (q < text.length && (text[q] == '-' || text[q] == '+')) {
            negative = text[q] == '-';
            q++;
        }
        if (q >= text.length || text[q] < '0' || text[q] > '9') {
            return 0; // no digits: the exponent is not part of the number
        }
        long e = 0;
        for (; q < text.length && text[q] >= '0' && text[q] <= '9'; q++) {
            e = Math.min(e * 10 + (text[q] - '0'), EXPONENT_CLAMP);
        }
        at[0] = q;
        return negative ? -e : e;
    }

    /** {@code a + b} in long double arithmetic; {@code null} for NaN (infinities of both signs). */
    static Value add(Value a, Value b) {
        if (a.isInfinite() || b.isInfinite()) {
            if (a.isInfinite() && b.isInfinite() && a.infinity() != b.infinity()) {
                return null;
            }
            return a.isInfinite() ? a : b;
        }
        return round(a.finite().add(b.finite()));
    }

    /** Redis's {@code ld2string(..., LD_STR_HUMAN)}: {@code %.17Lf}, trailing zeros and point dropped, "-0" as "0". */
    /** The text of {@code a + b} as Redis stores it, or {@code null} when the sum is NaN or infinite. */
    static byte[] sumText(Value a, Value b) {
        Value sum = add(a, b);
        return sum == null || sum.isInfinite() ? null : format(sum).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    static String format(Value v) {
        if (v.isInfinite()) {
            return v.infinity() > 0 ? "inf" : "-inf";
        }
        String s = v.finite().setScale(17, RoundingMode.HALF_EVEN).toPlainString();
        int end = s.length();
        while (s.charAt(end - 1) == '0') {
            end--;
        }
        if (s.charAt(end - 1) == '.') {
            end--;
        }
        s = s.substring(0, end);
        return s.equals("-0") ? "0" : s;
    }

    /** The long double nearest {@code exact} (ties to even), or an infinity when it is beyond the largest. */
    static Value round(BigDecimal exact) {
        if (exact.signum() == 0) {
            return new Value(BigDecimal.ZERO, 0);
        }
        BigDecimal abs = exact.abs();
        BigInteger num;
        BigInteger den;
        if (abs.scale() > 0) {
            num = abs.unscaledValue();
            den = BigInteger.TEN.pow(abs.scale());
        } else {
            num = abs.unscaledValue().multiply(BigInteger.TEN.pow(-abs.scale()));
            den = BigInteger.ONE;
        }
        return round(num, den, exact.signum() < 0);
    }

    /** The long double nearest {@code num / den} (both positive), negated if asked. */
    private static Value round(BigInteger num, BigInteger den, boolean negative) {
        int e = num.bitLength() - den.bitLength(); // floor(log2(num/den)) is e or e - 1
        if ((e >= 0 ? num.compareTo(den.shiftLeft(e)) : num.shiftLeft(-e).compareTo(den)) < 0) {
            e--;
        }
        if (e > MAX_EXPONENT) {
            return new Value(null, negative ? -1 : 1);
        }
        int quantum = Math.max(e, MIN_NORMAL_EXPONENT) - (SIGNIFICAND_BITS - 1); // subnormals keep this quantum
        BigInteger n = quantum < 0 ? num.shiftLeft(-quantum) : num;
        BigInteger d = quantum > 0 ? den.shiftLeft(quantum) : den;
        BigInteger[] qr = n.divideAndRemainder(d);
        BigInteger m = qr[0];
        int half = qr[1].shiftLeft(1).compareTo(d);
        if (half > 0 || (half == 0 && m.testBit(0))) {
            m = m.add(BigInteger.ONE);
        }
        if (m.bitLength() > SIGNIFICAND_BITS) {
            m = m.shiftRight(1);
            quantum++;
        }
        if (quantum + SIGNIFICAND_BITS - 1 > MAX_EXPONENT) {
            return new Value(null, negative ? -1 : 1);
        }
        BigDecimal value = quantum >= 0 ? new BigDecimal(m.shiftLeft(quantum))
                : new BigDecimal(m.multiply(BigInteger.valueOf(5).pow(-quantum)), -quantum);
        return new Value(negative ? value.negate() : value, 0);
    }

    private static boolean matchesWord(byte[] text, int p, String lower) {
        if (text.length - p < lower.length()) {
            return false;
        }
        for (int i = 0; i < lower.length(); i++) {
            int c = text[p + i];
            if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != lower.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }
}
