package dev.kevy.io.resp;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The grammar of RESP3's scalar lines that a {@link RespReplyDecoder} checks beyond their CR LF:
 * booleans, doubles and big numbers, read in place over {@code [p, end)} without allocating. The
 * values are not computed: a frame is copied on as it is, and a proxy has no use for them.
 */
final class RespScalars {
    private static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;

    private RespScalars() {
    }

    /** {@code t} or {@code f}. */
    static boolean isBoolean(byte b) {
        return b == 't' || b == 'f';
    }

    /** A decimal with optional sign, fraction and exponent, or {@code inf}/{@code nan}, case ignored. */
    static boolean isDouble(MemorySegment in, long p, long end) {
        if (p < end && (in.get(BYTE, p) == '-' || in.get(BYTE, p) == '+')) {
            p++;
        }
        if (end - p == 3 && (isWord(in, p, 'i', 'n', 'f') || isWord(in, p, 'n', 'a', 'n'))) {
            return true;
        }
        long digitsFrom = p;
        p = skipDigits(in, p, end);
        long digits = p - digitsFrom;
        if (p < end && in.get(BYTE, p) == '.') {
            long fractionFrom = ++p;
            p = skipDigits(in, p, end);
            digits += p - fractionFrom;
        }
        if (digits == 0) {
            return false;
        }
        if (p < end && (in.get(BYTE, p) | 0x20) == 'e') {
            p++;
            if (p < end && (in.get(BYTE, p) == '-' || in.get(BYTE, p) == '+')) {
                p++;
            }
            long exponentFrom = p;
            p = skipDigits(in, p, end);
            if (p == exponentFrom) {
                return false;
            }
        }
        return p == end;
    }

    /** An optional minus, then one or more decimal digits. */
    static boolean isBigNumber(MemorySegment in, long p, long end) {
        if (p < end && in.get(BYTE, p) == '-') {
            p++;
        }
        return p < end && skipDigits(in, p, end) == end;
    }

    private static long skipDigits(MemorySegment in, long p, long end) {
        while (p < end && in.get(BYTE, p) >= '0' && in.get(BYTE, p) <= '9') {
            p++;
        }
        return p;
    }

    private static boolean isWord(MemorySegment in, long p, char a, char b, char c) {
        return (in.get(BYTE, p) | 0x20) == a && (in.get(BYTE, p + 1) | 0x20) == b && (in.get(BYTE, p + 2) | 0x20) == c;
    }
}
