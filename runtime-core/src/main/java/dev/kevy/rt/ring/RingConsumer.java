package dev.kevy.rt.ring;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static dev.kevy.rt.ring.RecordDescriptor.BLOCK_SLOT_OFFSET;
import static dev.kevy.rt.ring.RecordDescriptor.BLOCK_TYPE;
import static dev.kevy.rt.ring.RecordDescriptor.BLOCK_USER_TYPE_OFFSET;
import static dev.kevy.rt.ring.RecordDescriptor.HEADER_LENGTH;
import static dev.kevy.rt.ring.RecordDescriptor.LENGTH_OFFSET;
import static dev.kevy.rt.ring.RecordDescriptor.TYPE_OFFSET;
import static dev.kevy.rt.ring.RecordDescriptor.recordLength;

// Padding by class chain, as for the producer: the consumer's mutable fields get lines of their own.
abstract class RingConsumerPad0 {
    long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p0a, p0b, p0c, p0d, p0e, p0f;
}

abstract class RingConsumerFields extends RingConsumerPad0 {
    /** Position of the next record to read. */
    long head;
    /** Last value read of the shared tail; the consumer re-reads it only when this says empty. */
    long cachedTail;
}

abstract class RingConsumerPad1 extends RingConsumerFields {
    long p10, p11, p12, p13, p14, p15, p16, p17, p18, p19, p1a, p1b, p1c, p1d, p1e, p1f;
}

/**
 * The reading side of an {@link SpscRing}; one thread only.
 *
 * <p>{@link #drain} hands records to a {@link RecordHandler} in place, in the order they were
 * written, without allocating. The space of everything a drain read goes back to the producer in
 * one release store of {@code head} when the drain returns (also when the handler throws: the
 * record that threw counts as consumed, so a poison record cannot wedge the ring).
 */
public final class RingConsumer extends RingConsumerPad1 {
    private final MemorySegment segment;
    private final int mask;
    private final long tailOffset;
    private final long headOffset;
    private final MemorySegment[] blocks;
    private final Arena[] owners;

    RingConsumer(MemorySegment segment, int capacity, long tailOffset, long headOffset,
                 MemorySegment[] blocks, Arena[] owners) {
        this.segment = segment;
        this.mask = capacity - 1;
        this.tailOffset = tailOffset;
        this.headOffset = headOffset;
        this.blocks = blocks;
        this.owners = owners;
    }

    /**
     * Delivers up to {@code limit} published records (inline records and blocks; padding is
     * skipped and not counted) to {@code handler}, oldest first.
     *
     * <p>The shared tail is acquire-loaded at most twice: when the cached copy says empty at the
     * start, and once more if the batch it promised runs out before {@code limit}.
     *
     * @return records delivered, 0 if none were published
     */
    public int drain(RecordHandler handler, int limit) {
        final long head = this.head;
        long tail = cachedTail;
        boolean refreshed = false;
        if (head == tail) {
            tail = laTail();
            cachedTail = tail;
            if (head == tail) {
                return 0;
            }
            refreshed = true;
        }
        int count = 0;
        long position = head;
        try {
            while (count < limit) {
                if (position == tail) {
                    if (refreshed) {
                        break;
                    }
                    refreshed = true;
                    tail = laTail();
                    cachedTail = tail;
                    if (position == tail) {
                        break;
                    }
                }
                int index = (int) position & mask;
                int length = segment.get(ValueLayout.JAVA_INT, index + LENGTH_OFFSET);
                int type = segment.get(ValueLayout.JAVA_INT, index + TYPE_OFFSET);
                position += recordLength(length);
                if (type >= 0) {
                    count++;
                    handler.onRecord(type, segment, index + HEADER_LENGTH, length);
                } else if (type == BLOCK_TYPE) {
                    count++;
                    deliverBlock(handler, index + HEADER_LENGTH);
                }
                // Anything else is padding: skipped, not counted.
            }
        } finally {
            if (position != head) {
                this.head = position;
                soHead(position);
            }
        }
        return count;
    }

    /** Whether a drain now would find nothing: a cheap check that reads the shared tail. */
    public boolean isEmpty() {
        return head == laTail();
    }

    private void deliverBlock(RecordHandler handler, long payload) {
        int type = segment.get(ValueLayout.JAVA_INT, payload + BLOCK_USER_TYPE_OFFSET);
        int slot = segment.get(ValueLayout.JAVA_INT, payload + BLOCK_SLOT_OFFSET);
        // Plain loads: the producer stored both before the tail we acquire-loaded.
        MemorySegment block = blocks[slot];
        Arena owner = owners[slot];
        owners[slot] = null;
        soSlot(slot);
        handler.onBlock(type, block, owner);
    }

    private long laTail() {
        // Acquire: pairs with RingProducer.soTail; records (and block slots) before the loaded
        // position are fully written.
        return (long) SpscRing.INDEX.getAcquire(segment, tailOffset);
    }

    private void soHead(long value) {
        // Release: pairs with RingProducer.laHead; our reads of the records before this position
        // are done before the producer may overwrite them.
        SpscRing.INDEX.setRelease(segment, headOffset, value);
    }

    private void soSlot(int slot) {
        // Release: pairs with RingProducer.laSlot; our reads of this slot (and the plain clear of
        // its owner) happen-before the producer stores the next block into it.
        SpscRing.SLOT.setRelease(blocks, slot, (MemorySegment) null);
    }
}
