package dev.kevy.server.rdb;

import dev.kevy.server.store.Decimal;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * A cursor over RDB bytes: lengths in Redis's variable encoding, strings (plain, integer-encoded,
 * LZF-compressed) and fixed-width numbers. A string read is a view: {@link #segment},
 * {@link #offset}, {@link #length}, valid until the next string read (a compressed or
 * integer-encoded one is written into a buffer this cursor reuses). Its buffers grow to the largest
 * string read and are given back by {@link #trim}; reuse one cursor per thread.
 */
public final class RdbInput implements AutoCloseable {
    private static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;
    private static final ValueLayout.OfShort SHORT_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt INT_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LONG_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt INT_BE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(java.nio.ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfLong LONG_BE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(java.nio.ByteOrder.BIG_ENDIAN);
    /** Strings over this are refused: Redis's proto-max-bulk-len default, the largest we store. */
    static final long MAX_STRING = 512L << 20;

    private static final int ENC_INT8 = 0;
    private static final int ENC_INT16 = 1;
    private static final int ENC_INT32 = 2;
    private static final int ENC_LZF = 3;

    MemorySegment in;
    long pos;
    long end;
    private final Arena arena = Arena.ofShared();
    private final GrowableBuffer scratch = new GrowableBuffer();
    private final GrowableBuffer keptBuffer = new GrowableBuffer();
    /** Integer texts go here, apart from {@link #scratch}, which may hold the listpack being walked. */
    private final MemorySegment numberText = arena.allocate(20);

    MemorySegment segment;
    long offset;
    int length;

    /** A copy of one earlier view ({@link #keep}), for a value read in two parts (member, then score). */
    MemorySegment kept;
    int keptLength;

    /** A cursor with buffers of its own; {@link #close} frees them. */
    public RdbInput() {
    }

    /** Reads {@code [from, end)} of {@code in} next. */
    RdbInput reset(MemorySegment in, long from, long end) {
        this.in = in;
        this.pos = from;
        this.end = end;
        return this;
    }

    private void need(long bytes) {
        if (end - pos < bytes) {
            throw new RdbFormatException("truncated at byte " + pos + ": " + bytes + " more expected");
        }
    }

    int u8() {
        need(1);
        return in.get(BYTE, pos++) & 0xFF;
    }

    int int32Le() {
        need(4);
        int v = in.get(INT_LE, pos);
        pos += 4;
        return v;
    }

    long int64Le() {
        need(8);
        long v = in.get(LONG_LE, pos);
        pos += 8;
        return v;
    }

    double doubleLe() {
        return Double.longBitsToDouble(int64Le());
    }

    /** A length; an integer or compressed string encoding here is malformed. */
    long length() {
        long v = lengthOrEncoding();
        if (v < 0) {
            throw new RdbFormatException("a string encoding where a length was expected, at byte " + (pos - 1));
        }
        return v;
    }

    /** A length, or {@code -1 - encoding} for the special string encodings (first two bits 11). */
    private long lengthOrEncoding() {
        int first = u8();
        switch (first >>> 6) {
            case 0 -> {
                return first & 0x3F;
            }
            case 1 -> {
                return (first & 0x3F) << 8 | u8();
            }
            case 2 -> {
                if (first == 0x80) {
                    need(4);
                    long v = in.get(INT_BE, pos) & 0xFFFF_FFFFL;
                    pos += 4;
                    return v;
                }
                if (first == 0x81) {
                    need(8);
                    long v = in.get(LONG_BE, pos);
                    pos += 8;
                    if (v < 0) {
                        throw new RdbFormatException("a length over 2^63 at byte " + (pos - 9));
                    }
                    return v;
                }
                throw new RdbFormatException("unknown length encoding 0x" + Integer.toHexString(first) + " at byte " + (pos - 1));
            }
            default -> {
                return -1 - (first & 0x3F);
            }
        }
    }

    /** Reads a string into the view ({@link #segment}, {@link #offset}, {@link #length}). */
    void string() {
        long v = lengthOrEncoding();
        if (v >= 0) {
            if (v > MAX_STRING) {
                throw new RdbFormatException("a string of " + v + " bytes at byte " + pos + " (limit " + MAX_STRING + ")");
            }
            need(v);
            segment = in;
            offset = pos;
            length = (int) v;
            pos += v;
            return;
        }
        int encoding = (int) (-1 - v);
        switch (encoding) {
            case ENC_INT8 -> integerText((byte) u8());
            case ENC_INT16 -> {
                need(2);
                short x = in.get(SHORT_LE, pos);
                pos += 2;
                integerText(x);
            }
            case ENC_INT32 -> integerText(int32Le());
            case ENC_LZF -> {
                long compressed = length();
                long plain = length();
                if (plain > MAX_STRING) {
                    throw new RdbFormatException("a compressed string of " + plain + " bytes (limit " + MAX_STRING + ")");
                }
                need(compressed);
                MemorySegment out = scratch.atLeast(plain);
                if (!Lzf.decompress(in, pos, compressed, out, 0, plain)) {
                    throw new RdbFormatException("a malformed LZF string at byte " + pos);
                }
                pos += compressed;
                view(out, 0, (int) plain);
            }
            default -> throw new RdbFormatException("unknown string encoding " + encoding + " at byte " + (pos - 1));
        }
    }

    /** Copies the current view into {@link #kept}, which the next reads leave alone. */
    void keep() {
        kept = keptBuffer.atLeast(length);
        MemorySegment.copy(segment, offset, kept, 0, length);
        keptLength = length;
    }

    /** The current view as a score: an integer or decimal text, or inf, +inf, -inf as Redis writes them. */
    double score() {
        String t = text();
        return switch (t) {
            case "inf", "+inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> {
                try {
                    double d = Double.parseDouble(t);
                    if (Double.isNaN(d)) {
                        throw new NumberFormatException();
                    }
                    yield d;
                } catch (NumberFormatException e) {
                    throw new RdbFormatException("a sorted-set score that is not a number: " + t);
                }
            }
        };
    }

    /** The string just read as Java text (AUX fields). */
    String text() {
        byte[] b = new byte[length];
        MemorySegment.copy(segment, BYTE, offset, b, 0, length);
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    /** Sets the view to the decimal text of {@code v} (its own reused buffer). */
    void integerText(long v) {
        int n = Decimal.length(v);
        Decimal.write(numberText, 0, n, v);
        view(numberText, 0, n);
    }

    private void view(MemorySegment s, long at, int n) {
        segment = s;
        offset = at;
        length = n;
    }

    /** Gives back buffers a large value grew past {@link GrowableBuffer#KEEP_BYTES}; call between values. */
    public void trim() {
        scratch.trim();
        keptBuffer.trim();
    }

    @Override
    public void close() {
        scratch.close();
        keptBuffer.close();
        arena.close();
    }
}
