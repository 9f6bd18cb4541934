package dev.kevy.io.codec;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A decoded request as a list of byte fields, each an (offset, length) pair into one segment: the
 * view a {@link Decoder} fills and a handler reads, whatever the protocol. Nothing is copied: the
 * fields point into the connection's off-heap input buffer (or, for a request forwarded from
 * another shard, into the ring that carried it).
 *
 * <p>What the fields mean is the codec's to say: RESP gives the command name and its arguments;
 * {@code dev.kevy.io.http.HttpCodec} gives method, target, version, body and the header pairs;
 * a binary codec may give an opcode, a key and a value. The runtime moves a request between shards
 * as this list of fields (never re-encoded in any protocol), so a handler sees the same view on the
 * shard that read the request and on the shard that owns its key.
 *
 * <p>The runtime owns the instances (one per decoding site, reused for every request): a view is
 * valid until the next decode into it and only while its bytes are neither compacted, grown nor
 * consumed. A handler that must keep a field longer copies it ({@link #copyTo}).
 *
 * <p>Every accessor is allocation-free except {@link #toString(int)}. The arrays of offsets and
 * lengths grow when a request has more fields than any before it, and are kept.
 *
 * <h2>Filling one (codecs)</h2>
 * <pre>{@code
 *   request.clear();
 *   request.field(0, opcodeAt, 1);
 *   request.field(1, keyAt, keyLength);
 *   request.complete(segment, 2);   // from here on the handler may read it
 * }</pre>
 */
public final class Request {
    private static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;

    private MemorySegment buffer = MemorySegment.NULL;
    private int argc;
    private int tag;
    private long[] offsets = new long[16];
    private long[] lengths = new long[16];
    private final NumberParser numbers = new NumberParser();

    /** An empty request; the runtime makes one per decoding site and reuses it. */
    public Request() {
    }

    /** Number of fields (for RESP: arguments, the command name included). */
    public int argc() {
        return argc;
    }

    /** The segment the offsets point into. */
    public MemorySegment buffer() {
        return buffer;
    }

    /** Offset of field {@code i} in {@link #buffer()}. */
    public long offset(int i) {
        Objects.checkIndex(i, argc);
        return offsets[i];
    }

    /** Length of field {@code i}. */
    public long length(int i) {
        Objects.checkIndex(i, argc);
        return lengths[i];
    }

    /** Byte {@code index} of field {@code i}. */
    public byte byteAt(int i, long index) {
        Objects.checkIndex(index, length(i));
        return buffer.get(BYTE, offsets[i] + index);
    }

    /**
     * Whether field {@code i} is the ASCII name {@code name}, ignoring the case of letters, as
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

    /** Whether field {@code i} is {@code name}, ignoring the case of ASCII letters. */
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

    /** Whether field {@code i} holds exactly {@code bytes}. */
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

    /** Whether field {@code i} holds exactly the {@code length} bytes of {@code other} at {@code offset}. */
    public boolean equals(int i, MemorySegment other, long offset, long length) {
        long own = length(i);
        return own == length
                && MemorySegment.mismatch(buffer, offsets[i], offsets[i] + own, other, offset, offset + length) == -1;
    }

    /**
     * Parses field {@code i} as Redis's {@code string2ll} does; on success the value is
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
     * Parses field {@code i} as Redis's {@code string2d} does; on success the value is
     * {@link #doubleValue()}. See {@link NumberParser} for when this allocates.
     */
    public boolean parseDouble(int i) {
        return numbers.parseDouble(buffer, offsets[checked(i)], lengths[i]);
    }

    /** The value of the last successful {@link #parseDouble}. */
    public double doubleValue() {
        return numbers.doubleValue();
    }

    /** Copies field {@code i} to {@code dst} at {@code dstOffset}. */
    public void copyTo(int i, MemorySegment dst, long dstOffset) {
        MemorySegment.copy(buffer, offsets[checked(i)], dst, dstOffset, lengths[i]);
    }

    /** Field {@code i} as a string, one char per byte. Allocates: for tests and logs only. */
    public String toString(int i) {
        byte[] bytes = buffer.asSlice(offsets[checked(i)], lengths[i]).toArray(BYTE);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Request[");
        for (int i = 0; i < argc; i++) {
            s.append(i == 0 ? "" : ", ").append(toString(i));
        }
        return s.append(']').toString();
    }

    /**
     * Sets field {@code i} (codecs): its bytes are {@code [offset, offset + length)} of the segment
     * given to {@link #complete}. Fields may be set in any order; each index below the count must
     * be set before {@code complete}.
     */
    public void field(int i, long offset, long length) {
        if (i >= offsets.length) {
            int capacity = Math.max(offsets.length * 2, i + 1);
            offsets = Arrays.copyOf(offsets, capacity);
            lengths = Arrays.copyOf(lengths, capacity);
        }
        offsets[i] = offset;
        lengths[i] = length;
    }

    /** Ends filling (codecs): {@code count} fields, all in {@code buffer}. */
    public void complete(MemorySegment buffer, int argc) {
        this.buffer = buffer;
        this.argc = argc;
    }

    /** Empties the view (codecs: before filling it again); the tag goes back to 0. */
    public void clear() {
        argc = 0;
        tag = 0;
    }

    /**
     * The handler's note about this request, or 0: what {@code CommandHandler.route} learned about
     * it (a command's id in the handler's table, say), so that {@code execute} need not learn it
     * again. It travels with the request wherever it runs (to the owner shard, into the atomic
     * queue), and is 0 for a request nobody tagged (a fresh decode, a fan-out part given no tag).
     */
    public int tag() {
        return tag;
    }

    /** Sets {@link #tag()}; any value, 0 meaning "nothing known". */
    public void tag(int tag) {
        this.tag = tag;
    }

    private int checked(int i) {
        return Objects.checkIndex(i, argc);
    }

    private static int lower(byte b) {
        return b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
    }
}
