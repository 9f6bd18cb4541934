package dev.kevy.io.resp;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * The arguments of the command a {@link RespParser} last returned, as (offset, length) pairs
 * into the connection's input buffer: no argument is copied.
 *
 * <p>One instance per parser, reused for every command: the view is valid until the next
 * {@code parse} and only while the input buffer is neither compacted, grown nor consumed past the
 * command. A command whose arguments must outlive that (forwarded to another shard, queued by
 * MULTI) is copied with {@link #copyTo}.
 *
 * <p>Every accessor here is allocation-free except {@link #toString(int)}. The arrays of offsets
 * and lengths grow when a command has more arguments than any before it, and are kept.
 */
public final class RespCommand {
    private static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;

    private MemorySegment buffer = MemorySegment.NULL;
    private int argc;
    private long[] offsets = new long[16];
    private long[] lengths = new long[16];
    private final NumberParser numbers = new NumberParser();

    /** Only a {@link RespParser} makes one: the view it fills. */
    RespCommand() {
    }

    /** Number of arguments, the command name included. */
    public int argc() {
        return argc;
    }

    /** The segment the offsets point into. */
    public MemorySegment buffer() {
        return buffer;
    }

    /** Offset of argument {@code i} in {@link #buffer()}. */
    public long offset(int i) {
        Objects.checkIndex(i, argc);
        return offsets[i];
    }

    /** Length of argument {@code i}. */
    public long length(int i) {
        Objects.checkIndex(i, argc);
        return lengths[i];
    }

    /** Byte {@code index} of argument {@code i}. */
    public byte byteAt(int i, long index) {
        Objects.checkIndex(index, length(i));
        return buffer.get(BYTE, offsets[i] + index);
    }

    /**
     * Whether argument {@code i} is the ASCII name {@code name}, ignoring the case of letters, as
     * Redis's {@code strcasecmp} of a command name does.
     */
    public boolean equalsIgnoreCase(int i, String name) {
        long length = length(i);
        if (length != name.length()) {
            return false;
        }
        long offset = offsets[i];
        for (int k = 0; k < length; k++) {
            if (lower(buffer.get(BYTE, offset + k)) != lower((byte) name.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    /** Whether argument {@code i} is {@code name}, ignoring the case of ASCII letters. */
    public boolean equalsIgnoreCase(int i, byte[] name) {
        long length = length(i);
        if (length != name.length) {
            return false;
        }
        long offset = offsets[i];
        for (int k = 0; k < name.length; k++) {
            if (lower(buffer.get(BYTE, offset + k)) != lower(name[k])) {
                return false;
            }
        }
        return true;
    }

    /** Whether argument {@code i} holds exactly {@code bytes}. */
    public boolean equals(int i, byte[] bytes) {
        long length = length(i);
        if (length != bytes.length) {
            return false;
        }
        long offset = offsets[i];
        for (int k = 0; k < bytes.length; k++) {
            if (buffer.get(BYTE, offset + k) != bytes[k]) {
                return false;
            }
        }
        return true;
    }

    /** Whether argument {@code i} holds exactly the {@code length} bytes of {@code other} at {@code offset}. */
    public boolean equals(int i, MemorySegment other, long offset, long length) {
        long own = length(i);
        return own == length
                && MemorySegment.mismatch(buffer, offsets[i], offsets[i] + own, other, offset, offset + length) == -1;
    }

    /**
     * Parses argument {@code i} as Redis's {@code string2ll} does; on success the value is
     * {@link #longValue()}.
     */
    public boolean parseLong(int i) {
        return numbers.parseLong(buffer, offsets[checked(i)], lengths[i]);
    }

    /** The value of the last successful {@link #parseLong}. */
    public long longValue() {
        return numbers.longValue();
    }

    /**
     * Parses argument {@code i} as Redis's {@code string2d} does; on success the value is
     * {@link #doubleValue()}. See {@link NumberParser} for when this allocates.
     */
    public boolean parseDouble(int i) {
        return numbers.parseDouble(buffer, offsets[checked(i)], lengths[i]);
    }

    /** The value of the last successful {@link #parseDouble}. */
    public double doubleValue() {
        return numbers.doubleValue();
    }

    /** Copies argument {@code i} to {@code dst} at {@code dstOffset}. */
    public void copyTo(int i, MemorySegment dst, long dstOffset) {
        MemorySegment.copy(buffer, offsets[checked(i)], dst, dstOffset, lengths[i]);
    }

    /** Argument {@code i} as a string, one char per byte. Allocates: for tests and logs only. */
    public String toString(int i) {
        byte[] bytes = buffer.asSlice(offsets[checked(i)], lengths[i]).toArray(BYTE);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("RespCommand[");
        for (int i = 0; i < argc; i++) {
            s.append(i == 0 ? "" : ", ").append(toString(i));
        }
        return s.append(']').toString();
    }

    void setArg(int i, long offset, long length) {
        if (i >= offsets.length) {
            int capacity = Math.max(offsets.length * 2, i + 1);
            offsets = Arrays.copyOf(offsets, capacity);
            lengths = Arrays.copyOf(lengths, capacity);
        }
        offsets[i] = offset;
        lengths[i] = length;
    }

    void complete(MemorySegment buffer, int argc) {
        this.buffer = buffer;
        this.argc = argc;
    }

    void clear() {
        argc = 0;
    }

    private int checked(int i) {
        return Objects.checkIndex(i, argc);
    }

    private static int lower(byte b) {
        return b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
    }
}
