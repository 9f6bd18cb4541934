package dev.kevy.io.resp;

import dev.kevy.io.codec.NumberParser;
import dev.kevy.io.codec.Request;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Splits an inline command line into arguments as Redis's {@code sdssplitargs} does, in place.
 *
 * <p>Words are separated by blanks; {@code "double"} quotes understand {@code \n \r \t \b \a},
 * {@code \xHH} and a backslash before any other character; {@code 'single'} quotes understand
 * only {@code \'}; a closing quote must be followed by a blank or the end of the line; an
 * unterminated quote is an error. As in C, a NUL byte ends the line. Empty arguments ({@code ""})
 * are dropped, as Redis's inline reader drops them.
 *
 * <p>Decoding never makes an argument longer than its source text, so each argument is written
 * over its own source bytes and recorded as an (offset, length) pair like a bulk argument: the
 * line's bytes in the input buffer are rewritten. The line is consumed either way.
 */
final class InlineSplitter {
    private static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;

    private InlineSplitter() {
    }

    /**
     * Splits {@code [from, to)} of {@code buf} into {@code command}'s argument slots.
     *
     * @return the argument count, or -1 for unbalanced quotes
     */
    static int split(MemorySegment buf, long from, long to, Request command) {
        long end = from;
        while (end < to && buf.get(BYTE, end) != 0) {
            end++;
        }
        int argc = 0;
        long p = from;
        while (true) {
            while (p < end && NumberParser.isSpace(buf.get(BYTE, p))) {
                p++;
            }
            if (p >= end) {
                return argc;
            }
            boolean inDouble = false;
            boolean inSingle = false;
            boolean done = false;
            long start = p;
            long w = p; // w <= p throughout: decoding only shrinks
            while (!done) {
                int c = at(buf, p, end);
                if (inDouble) {
                    if (c == '\\' && at(buf, p + 1, end) == 'x'
                            && isHex(at(buf, p + 2, end)) && isHex(at(buf, p + 3, end))) {
                        buf.set(BYTE, w++, (byte) (hex(at(buf, p + 2, end)) * 16 + hex(at(buf, p + 3, end))));
                        p += 3;
                    } else if (c == '\\' && at(buf, p + 1, end) != 0) {
                        p++;
                        buf.set(BYTE, w++, (byte) unescape(at(buf, p, end)));
                    } else if (c == '"') {
                        if (!closesToken(at(buf, p + 1, end))) {
                            return -1;
                        }
                        done = true;
                    } else if (c == 0) {
                        return -1;
                    } else {
                        buf.set(BYTE, w++, (byte) c);
                    }
                } else if (inSingle) {
                    if (c == '\\' && at(buf, p + 1, end) == '\'') {
                        p++;
                        buf.set(BYTE, w++, (byte) '\'');
                    } else if (c == '\'') {
                        if (!closesToken(at(buf, p + 1, end))) {
                            return -1;
                        }
                        done = true;
                    } else if (c == 0) {
                        return -1;
                    } else {
                        buf.set(BYTE, w++, (byte) c);
                    }
                } else {
                    switch (c) {
                        case ' ', '\n', '\r', '\t', 0 -> done = true;
                        case '"' -> inDouble = true;
                        case '\'' -> inSingle = true;
                        default -> buf.set(BYTE, w++, (byte) c);
                    }
                }
                if (p < end) {
                    p++;
                }
            }
            if (w > start) {
                command.field(argc++, start, w - start);
            }
        }
    }

    /** The byte at {@code i}, or 0 past the end, like reading a C string up to its NUL. */
    private static int at(MemorySegment buf, long i, long end) {
        return i < end ? buf.get(BYTE, i) & 0xFF : 0;
    }

    private static boolean closesToken(int next) {
        return next == 0 || NumberParser.isSpace(next);
    }

    private static int unescape(int c) {
        return switch (c) {
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'b' -> '\b';
            case 'a' -> 7;
            default -> c;
        };
    }

    private static boolean isHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static int hex(int c) {
        return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
    }
}
