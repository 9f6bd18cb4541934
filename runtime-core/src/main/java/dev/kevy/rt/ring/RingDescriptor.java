package dev.kevy.rt.ring;

import static dev.kevy.rt.ring.RecordDescriptor.HEADER_LENGTH;

/**
 * Layout of a ring's memory: a data region of {@code capacity} bytes (a power of two) followed by
 * a trailer that holds the two shared indexes.
 *
 * <pre>
 *   0                capacity        +128            +256            +384
 *   +----------------+---------------+---------------+---------------+
 *   | records ...    | (spacer)      | tail          | head          |
 *   +----------------+---------------+---------------+---------------+
 * </pre>
 *
 * <p>{@code tail} (written by the producer) and {@code head} (written by the consumer) each sit
 * alone at the start of a 128-byte region, so neither shares a cache line, nor an adjacent-line
 * prefetch pair, with the other or with the records. Both are byte positions that only grow; a
 * position's offset in the data region is {@code position & (capacity - 1)}.
 */
public final class RingDescriptor {
    /** Bytes reserved around each shared index: two 64-byte lines, the adjacent-line prefetch unit. */
    public static final int REGION = 128;
    /** Offset of {@code tail} from the start of the trailer. */
    public static final int TAIL_OFFSET = REGION;
    /** Offset of {@code head} from the start of the trailer. */
    public static final int HEAD_OFFSET = 2 * REGION;
    /** Bytes of trailer after the data region. */
    public static final int TRAILER_LENGTH = 3 * REGION;
    /** Smallest data region: room for eight 16-byte records (a block record is 16 bytes). */
    public static final int MIN_CAPACITY = 128;
    /** Largest data region, so offsets fit an {@code int}. */
    public static final int MAX_CAPACITY = 1 << 30;
    /** Alignment the segment should have: records then never straddle a region of another owner. */
    public static final int SEGMENT_ALIGNMENT = REGION;

    private RingDescriptor() {
    }

    /** Bytes of memory a ring with this data capacity needs. */
    public static long segmentSize(int capacity) {
        checkCapacity(capacity);
        return (long) capacity + TRAILER_LENGTH;
    }

    /**
     * Largest payload a ring of this capacity carries inline: an eighth of the ring, less the
     * header. Larger messages travel as blocks. An eighth keeps the space lost to a wrap small and
     * lets many records batch into one publish.
     */
    public static int maxRecordLength(int capacity) {
        return capacity / 8 - HEADER_LENGTH;
    }

    /** Throws unless {@code capacity} is a power of two in {@code [MIN_CAPACITY, MAX_CAPACITY]}. */
    public static int checkCapacity(long capacity) {
        if (capacity < MIN_CAPACITY || capacity > MAX_CAPACITY || Long.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("ring capacity must be a power of two in ["
                    + MIN_CAPACITY + ", " + MAX_CAPACITY + "]: " + capacity);
        }
        return (int) capacity;
    }
}
