package dev.kevy.rt.ring;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;

import static dev.kevy.rt.ring.RecordDescriptor.BLOCK_PAYLOAD_LENGTH;
import static dev.kevy.rt.ring.RecordDescriptor.BLOCK_SLOT_OFFSET;
import static dev.kevy.rt.ring.RecordDescriptor.BLOCK_TYPE;
import static dev.kevy.rt.ring.RecordDescriptor.BLOCK_USER_TYPE_OFFSET;
import static dev.kevy.rt.ring.RecordDescriptor.HEADER_LENGTH;
import static dev.kevy.rt.ring.RecordDescriptor.LENGTH_OFFSET;
import static dev.kevy.rt.ring.RecordDescriptor.PADDING_TYPE;
import static dev.kevy.rt.ring.RecordDescriptor.TYPE_OFFSET;
import static dev.kevy.rt.ring.RecordDescriptor.recordLength;

// Padding by class chain: the JVM lays superclass fields first, so the producer's mutable fields
// sit between two 128-byte pads and never share a line with the consumer object's fields.
abstract class RingProducerPad0 {
    long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p0a, p0b, p0c, p0d, p0e, p0f;
}

abstract class RingProducerFields extends RingProducerPad0 {
    static final long NO_CLAIM = -1;
    /** Position after the last committed record; published or not. */
    long tail;
    /** Last value release-stored to the shared tail. */
    long publishedTail;
    /** Last value read of the shared head; the producer re-reads it only when this says full. */
    long cachedHead;
    /** Position of the open claim's record, or {@link #NO_CLAIM}. */
    long claimPosition = NO_CLAIM;
    /** Payload length the open claim reserved. */
    int claimLength;
    /** Blocks offered so far; picks the next slot in turn. */
    long blockSequence;
}

abstract class RingProducerPad1 extends RingProducerFields {
    long p10, p11, p12, p13, p14, p15, p16, p17, p18, p19, p1a, p1b, p1c, p1d, p1e, p1f;
}

/**
 * The writing side of an {@link SpscRing}; one thread only.
 *
 * <p>Nothing written here is visible to the consumer until {@link #publish()}, so a caller batches
 * by writing many records and publishing once. Two ways to write a record:
 * <ul>
 *   <li>{@link #claim} reserves space and returns the payload's offset in {@link #segment()}; the
 *       caller writes the payload there in place, then calls {@link #commit()} (or
 *       {@link #commit(int)} with a shorter length, or {@link #abort()}). One claim may be open at a
 *       time.</li>
 *   <li>{@link #offer} copies a payload from another segment.</li>
 * </ul>
 * Both return "full" instead of waiting: a full ring never blocks its producer.
 */
public final class RingProducer extends RingProducerPad1 {
    /** Returned by {@link #claim} when the record does not fit now. */
    public static final long FULL = -1;

    private final MemorySegment segment;
    private final int capacity;
    private final int mask;
    private final int maxRecordLength;
    private final long tailOffset;
    private final long headOffset;
    private final MemorySegment[] blocks;
    private final Arena[] owners;
    private final int slotMask;

    RingProducer(MemorySegment segment, int capacity, long tailOffset, long headOffset,
                 MemorySegment[] blocks, Arena[] owners) {
        this.segment = segment;
        this.capacity = capacity;
        this.mask = capacity - 1;
        this.maxRecordLength = RingDescriptor.maxRecordLength(capacity);
        this.tailOffset = tailOffset;
        this.headOffset = headOffset;
        this.blocks = blocks;
        this.owners = owners;
        this.slotMask = blocks.length - 1;
    }

    /**
     * Reserves a record of {@code length} payload bytes and writes its header.
     *
     * @param type   the record type, {@code >= 0}
     * @param length payload bytes, {@code 0 <= length <= maxRecordLength()}
     * @return the payload's offset in {@link #segment()}, or {@link #FULL}
     * @throws IllegalStateException    if a claim is already open
     * @throws IllegalArgumentException if the type is negative or the length out of range
     */
    public long claim(int type, int length) {
        RecordDescriptor.checkUserType(type);
        return claimRecord(type, length);
    }

    /** Makes the open claim's record part of the next publish, with the length it was claimed with. */
    public void commit() {
        commit(claimLength);
    }

    /**
     * Makes the open claim's record part of the next publish with {@code length} payload bytes,
     * which may be less than claimed; the space beyond it is returned to the ring.
     */
    public void commit(int length) {
        long position = claimPosition;
        if (position == NO_CLAIM) {
            throw new IllegalStateException("no open claim");
        }
        if (length < 0 || length > claimLength) {
            throw new IllegalArgumentException("commit length " + length + " outside [0, " + claimLength + "]");
        }
        if (length != claimLength) {
            segment.set(ValueLayout.JAVA_INT, (position & mask) + LENGTH_OFFSET, length);
        }
        tail = position + recordLength(length);
        claimPosition = NO_CLAIM;
    }

    /** Drops the open claim; its space is reused by the next claim. */
    public void abort() {
        if (claimPosition == NO_CLAIM) {
            throw new IllegalStateException("no open claim");
        }
        claimPosition = NO_CLAIM;
    }

    /**
     * Copies {@code length} bytes of {@code src} from {@code srcOffset} into a new record.
     *
     * @return {@code false} if the ring is full (nothing was written)
     */
    public boolean offer(int type, MemorySegment src, long srcOffset, int length) {
        long offset = claim(type, length);
        if (offset == FULL) {
            return false;
        }
        MemorySegment.copy(src, srcOffset, segment, offset, length);
        commit();
        return true;
    }

    /**
     * Hands {@code block} to the consumer, after every record written before it. On {@code true}
     * the producer must no longer touch the block: it is the ring's until the consumer's
     * {@link RecordHandler#onBlock} receives it together with {@code owner}.
     *
     * @param owner the arena that frees the block (closed by the consumer's handler), or {@code null}
     * @return {@code false} if the ring is full or every block slot is still in flight
     */
    public boolean offerBlock(int type, MemorySegment block, Arena owner) {
        RecordDescriptor.checkUserType(type);
        Objects.requireNonNull(block, "block");
        int slot = (int) blockSequence & slotMask;
        if (laSlot(slot) != null) {
            return false;
        }
        long offset = claimRecord(BLOCK_TYPE, BLOCK_PAYLOAD_LENGTH);
        if (offset == FULL) {
            return false;
        }
        segment.set(ValueLayout.JAVA_INT, offset + BLOCK_USER_TYPE_OFFSET, type);
        segment.set(ValueLayout.JAVA_INT, offset + BLOCK_SLOT_OFFSET, slot);
        // Plain stores: the release store of tail in publish() orders them before the record's
        // visibility, and the consumer reads them only after its acquire load of tail.
        owners[slot] = owner;
        blocks[slot] = block;
        blockSequence++;
        commit();
        return true;
    }

    /**
     * Makes every committed record visible to the consumer with one release store of tail.
     *
     * @return {@code true} if there was anything new to publish
     */
    public boolean publish() {
        long tail = this.tail;
        if (tail == publishedTail) {
            return false;
        }
        soTail(tail);
        publishedTail = tail;
        return true;
    }

    /** Whether records were committed since the last {@link #publish()}. */
    public boolean hasUnpublished() {
        return tail != publishedTail;
    }

    /** The ring's segment, where {@link #claim} offsets point. */
    public MemorySegment segment() {
        return segment;
    }

    /** Largest inline payload. */
    public int maxRecordLength() {
        return maxRecordLength;
    }

    private long claimRecord(int type, int length) {
        if (claimPosition != NO_CLAIM) {
            throw new IllegalStateException("a claim is already open");
        }
        if (length < 0 || length > maxRecordLength) {
            throw new IllegalArgumentException("record length " + length + " outside [0, " + maxRecordLength + "]");
        }
        int recordLength = recordLength(length);
        long tail = this.tail;
        int index = (int) tail & mask;
        int toEnd = capacity - index;
        // A record never wraps: if it does not fit before the end, pad to the end and start at 0.
        int padding = recordLength > toEnd ? toEnd : 0;
        int required = padding + recordLength;
        if (required > capacity - (tail - cachedHead)) {
            cachedHead = laHead();
            if (required > capacity - (tail - cachedHead)) {
                return FULL;
            }
        }
        if (padding != 0) {
            segment.set(ValueLayout.JAVA_INT, index + LENGTH_OFFSET, padding - HEADER_LENGTH);
            segment.set(ValueLayout.JAVA_INT, index + TYPE_OFFSET, PADDING_TYPE);
            tail += padding;
            this.tail = tail;
            index = 0;
        }
        segment.set(ValueLayout.JAVA_INT, index + LENGTH_OFFSET, length);
        segment.set(ValueLayout.JAVA_INT, index + TYPE_OFFSET, type);
        claimPosition = tail;
        claimLength = length;
        return index + HEADER_LENGTH;
    }

    /**
     * Bytes of this ring that hold records the consumer has not yet released: what is written,
     * published or not, minus what it consumed. For gauges (metrics), read on the producer's
     * thread; never on the hot path (the acquire load touches the consumer's cache line).
     */
    public long occupiedBytes() {
        return tail - laHead();
    }

    private long laHead() {
        // Acquire: pairs with RingConsumer.soHead; the consumer's reads of the space we are about
        // to overwrite happen-before our writes to it.
        return (long) SpscRing.INDEX.getAcquire(segment, headOffset);
    }

    private void soTail(long value) {
        // Release: pairs with RingConsumer.laTail; every record, padding and block slot written
        // before this store is visible to a consumer that loads this value.
        SpscRing.INDEX.setRelease(segment, tailOffset, value);
    }

    private MemorySegment laSlot(int slot) {
        // Acquire: pairs with RingConsumer's release store of null into the slot; the consumer has
        // finished with the previous block in it before we reuse it.
        return (MemorySegment) SpscRing.SLOT.getAcquire(blocks, slot);
    }
}
