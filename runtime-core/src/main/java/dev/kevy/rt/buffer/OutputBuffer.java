package dev.kevy.rt.buffer;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A connection's reply bytes waiting for the socket: a queue of pooled chunks.
 *
 * <p>Appends fill the last chunk and take a new one from the {@link BufferPool} when it is full,
 * so growth never copies and memory follows the unsent bytes chunk by chunk. The unsent region is
 * exposed as up to {@link #segmentCount()} pieces for one {@code write} (the first piece) or one
 * {@code writev} (all of them); {@link #consume} after a write, possibly partial, returns chunks that
 * were sent completely.
 *
 * <p>The limit ({@code client-output-buffer-limit}) bounds the unsent bytes. An append that would
 * exceed it writes nothing and returns {@code false}, and the buffer stays
 * {@linkplain #isOverLimit() over limit}, refusing all later appends, until {@link #clear()}: the
 * caller disconnects the client, and a reply cut short on the way never reaches it.
 *
 * <p>Not thread-safe: used by one shard thread.
 */
public final class OutputBuffer {
    private static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;
    private static final ValueLayout.OfShort PAIR = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);
    /** "00" to "99", each as the two bytes a little-endian short store writes in order. */
    private static final short[] DIGIT_PAIRS = new short[100];
    private static final short CRLF = (short) ('\r' | '\n' << 8);

    static {
        for (int i = 0; i < 100; i++) {
            DIGIT_PAIRS[i] = (short) (('0' + i / 10) | ('0' + i % 10) << 8);
        }
    }
    /** Digits of Long.MIN_VALUE plus its sign: the longest decimal a long needs. */
    private static final int MAX_LONG_CHARS = 20;

    private final BufferPool pool;
    private final long chunkSize;
    private final int chunkShift;
    private final long limit;

    /** Chunks oldest first, a ring whose length is a power of two. */
    private MemorySegment[] ring = new MemorySegment[4];
    private int head;
    private int count;
    /** Offset of the first unsent byte in the oldest chunk. */
    private long headOffset;
    /** The newest chunk and how far it is filled; {@code tail == null} when no chunk is held. */
    private MemorySegment tail;
    private long tailOffset;
    private long size;
    private boolean overLimit;
    /** See {@link #dialect()}. */
    private int dialect;
    private final byte[] digits = new byte[MAX_LONG_CHARS];

    /**
     * @param pool  the shard's pool; chunks are {@link BufferPool#chunkSize()} bytes
     * @param limit most unsent bytes held before appends fail; {@link Long#MAX_VALUE} for none
     *              (Redis's default for normal clients)
     */
    public OutputBuffer(BufferPool pool, long limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        this.pool = pool;
        this.chunkSize = pool.chunkSize();
        this.chunkShift = Integer.numberOfTrailingZeros(pool.chunkSize());
        this.limit = limit;
    }

    /**
     * Which variant of its wire format the reply being written uses, a number the codec defines
     * (RESP: 3 for RESP3, anything else RESP2); 0 until set. It changes nothing in the buffer:
     * writers such as {@code RespWriter} read it to choose an encoding, and the handler sets it
     * before writing a reply for a client, so a connection's choice reaches code that only holds
     * the buffer. {@link #clear()} and {@link #release()} keep it.
     */
    public int dialect() {
        return dialect;
    }

    /** Sets {@link #dialect()} for the replies written from now on. */
    public void dialect(int dialect) {
        this.dialect = dialect;
    }

    /** Unsent bytes. */
    public long size() {
        return size;
    }

    /** The most unsent bytes this buffer accepts. */
    public long limit() {
        return limit;
    }

    /** True once an append was refused for the limit; stays true until {@link #clear()}. */
    public boolean isOverLimit() {
        return overLimit;
    }

    /** Native bytes held in chunks, sent or not (for memory reports). */
    public long memoryBytes() {
        return count * chunkSize;
    }

    /** Appends one byte; {@code false} if refused for the limit. */
    public boolean writeByte(int value) {
        if (!admit(1)) {
            return false;
        }
        if (tail == null || tailOffset == chunkSize) {
            addChunk();
        }
        tail.set(BYTE, tailOffset++, (byte) value);
        size++;
        return true;
    }

    /** Appends CR LF; {@code false} if refused for the limit. */
    public boolean writeCrlf() {
        if (!admit(2)) {
            return false;
        }
        if (tail != null && chunkSize - tailOffset >= 2) {
            tail.set(BYTE, tailOffset, (byte) '\r');
            tail.set(BYTE, tailOffset + 1, (byte) '\n');
            tailOffset += 2;
            size += 2;
            return true;
        }
        putByte('\r');
        putByte('\n');
        return true;
    }

    /** Appends all of {@code src}; {@code false} if refused for the limit. */
    public boolean writeBytes(byte[] src) {
        return writeBytes(src, 0, src.length);
    }

    /** Appends {@code length} bytes of {@code src} from {@code offset}; {@code false} if refused. */
    public boolean writeBytes(byte[] src, int offset, int length) {
        if (!admit(length)) {
            return false;
        }
        size += length;
        while (length > 0) {
            if (tail == null || tailOffset == chunkSize) {
                addChunk();
            }
            int n = (int) Math.min(length, chunkSize - tailOffset);
            MemorySegment.copy(src, offset, tail, BYTE, tailOffset, n);
            tailOffset += n;
            offset += n;
            length -= n;
        }
        return true;
    }

    /** Appends {@code length} bytes of {@code src} from {@code offset}; {@code false} if refused. */
    public boolean writeBytes(MemorySegment src, long offset, long length) {
        if (!admit(length)) {
            return false;
        }
        put(src, offset, length);
        return true;
    }

    /**
     * Appends the characters of {@code ascii} as single bytes (a character above 0x7F becomes
     * {@code '?'}); {@code false} if refused for the limit.
     */
    public boolean writeAscii(String ascii) {
        int length = ascii.length();
        if (!admit(length)) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = ascii.charAt(i);
            putByte(c < 0x80 ? c : '?');
        }
        return true;
    }

    /** Appends {@code value} in decimal, without allocating; {@code false} if refused. */
    public boolean writeLong(long value) {
        int length = decimalLength(value);
        if (!admit(length)) {
            return false;
        }
        if (tail != null && chunkSize - tailOffset >= length) {
            writeDecimal(value, length, tail, tailOffset);
            tailOffset += length;
            size += length;
            return true;
        }
        putDecimalAside(value, length); // the digits straddle two chunks
        return true;
    }

    /** Formats {@code value} ({@code length} characters) aside, then appends it byte by byte across chunks. */
    private void putDecimalAside(long value, int length) {
        long v = value < 0 ? value : -value;
        int at = length - 1;
        do {
            digits[at--] = (byte) ('0' - (v % 10));
            v /= 10;
        } while (v != 0);
        if (value < 0) {
            digits[0] = '-';
        }
        for (int i = 0; i < length; i++) {
            putByte(digits[i]);
        }
    }

    /**
     * Appends the byte {@code prefix}, {@code value} in decimal and CR LF, all or nothing: a RESP
     * integer ({@code :42}), bulk or array header ({@code $5}, {@code *2}) in one step, with one
     * limit check and, when the line fits the current chunk, one room check. {@code false} if
     * refused for the limit.
     */
    public boolean writeNumberLine(int prefix, long value) {
        int digits = decimalLength(value);
        int length = digits + 3;
        if (!admit(length)) {
            return false;
        }
        if (tail != null && chunkSize - tailOffset >= length) {
            MemorySegment t = tail;
            long at = tailOffset;
            t.set(BYTE, at, (byte) prefix);
            writeDecimal(value, digits, t, at + 1);
            t.set(PAIR, at + 1 + digits, CRLF);
            tailOffset = at + length;
            size += length;
            return true;
        }
        putByte(prefix); // the line straddles two chunks
        putDecimalAside(value, digits);
        putByte('\r');
        putByte('\n');
        return true;
    }

    /**
     * Appends {@code length} unsent bytes of {@code source} starting {@code from} bytes after its
     * first unsent byte; {@code source} is not changed. {@code false} if refused for the limit.
     */
    public boolean copyFrom(OutputBuffer source, long from, long length) {
        if (from < 0 || length < 0 || from > source.size - length) {
            throw new IndexOutOfBoundsException("range " + from + "+" + length + " of " + source.size);
        }
        if (!admit(length)) {
            return false;
        }
        long position = source.headOffset + from;
        int ringMask = source.ring.length - 1;
        while (length > 0) {
            MemorySegment chunk = source.ring[(source.head + (int) (position >>> source.chunkShift)) & ringMask];
            long offset = position & (source.chunkSize - 1);
            long n = Math.min(length, source.chunkSize - offset);
            put(chunk, offset, n);
            position += n;
            length -= n;
        }
        return true;
    }

    /** Pieces of the unsent region, oldest first: 0 when nothing is unsent. */
    public int segmentCount() {
        return size == 0 ? 0 : count;
    }

    /** The chunk holding piece {@code i} of the unsent region. */
    public MemorySegment segment(int i) {
        checkPiece(i);
        return ring[(head + i) & (ring.length - 1)];
    }

    /** Offset of piece {@code i} in its {@link #segment(int) chunk}. */
    public long segmentOffset(int i) {
        checkPiece(i);
        return i == 0 ? headOffset : 0;
    }

    /** Length of piece {@code i}. */
    public long segmentLength(int i) {
        checkPiece(i);
        long end = i == count - 1 ? tailOffset : chunkSize;
        return end - (i == 0 ? headOffset : 0);
    }

    /** Drops {@code bytes} sent bytes from the front, returning chunks sent completely. */
    public void consume(long bytes) {
        if (bytes < 0 || bytes > size) {
            throw new IllegalArgumentException("consume of " + bytes + " with " + size + " unsent");
        }
        size -= bytes;
        while (bytes > 0) {
            long inHead = (count == 1 ? tailOffset : chunkSize) - headOffset;
            if (bytes < inHead) {
                headOffset += bytes;
                break;
            }
            bytes -= inHead;
            if (count == 1) {
                headOffset = 0;
                tailOffset = 0;
            } else {
                pool.release(ring[head]);
                ring[head] = null;
                head = (head + 1) & (ring.length - 1);
                count--;
                headOffset = 0;
            }
        }
        if (size == 0) {
            // One chunk is left; rewind it so the next reply starts a fresh, contiguous piece.
            headOffset = 0;
            tailOffset = 0;
        }
    }

    /** Drops every unsent byte, keeps one chunk, and clears the over-limit state. */
    public void clear() {
        while (count > 1) {
            int last = (head + count - 1) & (ring.length - 1);
            pool.release(ring[last]);
            ring[last] = null;
            count--;
        }
        tail = count == 1 ? ring[head] : null;
        headOffset = 0;
        tailOffset = 0;
        size = 0;
        overLimit = false;
    }

    /** Gives every chunk back to the pool when nothing is unsent (an idle connection). */
    public void releaseIfEmpty() {
        if (size == 0) {
            release();
        }
    }

    /** Drops every unsent byte and gives every chunk back; the buffer may be used again. */
    public void release() {
        while (count > 0) {
            pool.release(ring[head]);
            ring[head] = null;
            head = (head + 1) & (ring.length - 1);
            count--;
        }
        head = 0;
        tail = null;
        headOffset = 0;
        tailOffset = 0;
        size = 0;
        overLimit = false;
    }

    private boolean admit(long bytes) {
        if (overLimit || bytes > limit - size) {
            overLimit = true;
            return false;
        }
        return true;
    }

    private void put(MemorySegment src, long offset, long length) {
        size += length;
        while (length > 0) {
            if (tail == null || tailOffset == chunkSize) {
                addChunk();
            }
            long n = Math.min(length, chunkSize - tailOffset);
            MemorySegment.copy(src, offset, tail, tailOffset, n);
            tailOffset += n;
            offset += n;
            length -= n;
        }
    }

    private void putByte(int value) {
        if (tail == null || tailOffset == chunkSize) {
            addChunk();
        }
        tail.set(BYTE, tailOffset++, (byte) value);
        size++;
    }

    private void addChunk() {
        if (count == ring.length) {
            // Unroll the ring into a doubled array, oldest first; only beyond the peak so far.
            MemorySegment[] bigger = new MemorySegment[ring.length * 2];
            for (int i = 0; i < count; i++) {
                bigger[i] = ring[(head + i) & (ring.length - 1)];
            }
            ring = bigger;
            head = 0;
        }
        MemorySegment chunk = pool.acquireChunk();
        ring[(head + count) & (ring.length - 1)] = chunk;
        if (count == 0) {
            headOffset = 0;
        }
        count++;
        tail = chunk;
        tailOffset = 0;
    }

    private void checkPiece(int i) {
        if (i < 0 || i >= segmentCount()) {
            throw new IndexOutOfBoundsException("piece " + i + " of " + segmentCount());
        }
    }

    static int decimalLength(long value) {
        if (value >= 0) { // the common case: compare against powers of ten, no division
            int length = 1;
            for (long power = 10; length < 19 && value >= power; power *= 10) {
                length++;
            }
            return length;
        }
        // Count on the negative side, where every long has a magnitude.
        long v = value;
        int length = 2;
        while (v <= -10) {
            v /= 10;
            length++;
        }
        return length;
    }

    private static void writeDecimal(long value, int length, MemorySegment dst, long offset) {
        if (value >= 0) { // two digits per division, from the right
            long v = value;
            long at = offset + length;
            while (v >= 100) {
                long q = v / 100;
                at -= 2;
                dst.set(PAIR, at, DIGIT_PAIRS[(int) (v - q * 100)]);
                v = q;
            }
            if (v >= 10) {
                dst.set(PAIR, at - 2, DIGIT_PAIRS[(int) v]);
            } else {
                dst.set(BYTE, at - 1, (byte) ('0' + v));
            }
            return;
        }
        long v = value; // negative: digits from the negative side, where every long has a magnitude
        long at = offset + length - 1;
        do {
            dst.set(BYTE, at--, (byte) ('0' - (v % 10)));
            v /= 10;
        } while (v != 0);
        dst.set(BYTE, offset, (byte) '-');
    }

    @Override
    public String toString() {
        return "OutputBuffer[size=" + size + ", chunks=" + count + ", limit=" + limit
                + (overLimit ? ", over limit" : "") + "]";
    }
}
