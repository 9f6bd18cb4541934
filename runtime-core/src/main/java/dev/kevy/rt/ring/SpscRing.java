package dev.kevy.rt.ring;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import static dev.kevy.rt.ring.RingDescriptor.HEAD_OFFSET;
import static dev.kevy.rt.ring.RingDescriptor.TAIL_OFFSET;
import static dev.kevy.rt.ring.RingDescriptor.TRAILER_LENGTH;

/**
 * A single-producer, single-consumer ring of variable-length records in one off-heap segment
 * (layout in {@link RingDescriptor}, record format in {@link RecordDescriptor}).
 *
 * <h2>Protocol</h2>
 * The {@link RingProducer} writes records past {@code tail} with plain stores and makes a whole
 * batch visible with one release store of {@code tail} ({@link RingProducer#publish()}). The
 * {@link RingConsumer} acquire-loads {@code tail}, reads the records before it in place, and returns
 * their space with one release store of {@code head} at the end of each
 * {@link RingConsumer#drain drain}. Each side keeps the last value it read of the other's index and
 * reads the shared one again only when its copy says "full" (producer) or "empty" (consumer), so in
 * steady state a side touches the other side's cache line once per batch, not once per record.
 *
 * <h2>Sizes</h2>
 * A record's payload is at most {@link #maxRecordLength()} bytes ({@code capacity / 8 - 8}). A
 * record never wraps: when it would not fit before the end of the data region, a padding record
 * fills the gap and the record starts at offset 0.
 *
 * <h2>Blocks: messages of any size</h2>
 * A message larger than the inline limit travels as a block: an off-heap segment whose ownership
 * moves from producer to consumer in the same FIFO order as the inline records. Segments cannot be
 * rebuilt from an address without restricted methods, so the ring carries the reference beside
 * the data: an on-heap slot array of {@link #blockSlots()} entries. The producer takes the next
 * slot in turn, acquire-loads it to check the consumer has emptied it, stores the segment (and its
 * owning arena) there with plain stores, and writes a 16-byte {@link RecordDescriptor#BLOCK_TYPE}
 * record naming the slot. The release store of {@code tail} that publishes the record also
 * publishes the slot contents (they were written before it); the consumer reads the slot after its
 * acquire load of {@code tail}, then clears it with a release store that the producer's next
 * acquire load of that slot pairs with. A block therefore needs both a free slot and 16 bytes of
 * ring; when either is missing the offer fails like any full ring.
 *
 * <h2>Who frees what</h2>
 * The ring's own memory belongs to the arena it was allocated from. An inline record's bytes belong
 * to the ring and are valid only during the handler call. A block belongs to the producer until
 * {@link RingProducer#offerBlock} returns {@code true}, to the ring until the consumer's handler is
 * called, and to the handler from then on ({@link RecordHandler#onBlock}). A ring abandoned with
 * blocks still in it does not free them.
 *
 * <p>Each ring has exactly one producer thread and one consumer thread; the two views are created
 * once, here, and must be handed to those threads through a safe publication (a thread start, a
 * volatile field, a final field of a published object).
 */
public final class SpscRing {
    /** Default number of block slots: blocks in flight per ring before a block offer reports full. */
    public static final int DEFAULT_BLOCK_SLOTS = 64;

    /** Ordered access to {@code head} and {@code tail}; coordinates (segment, byte offset). */
    static final VarHandle INDEX = ValueLayout.JAVA_LONG.varHandle();
    /** Ordered access to the block slots. */
    static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(MemorySegment[].class);

    private final MemorySegment segment;
    private final int capacity;
    private final int blockSlots;
    private final RingProducer producer;
    private final RingConsumer consumer;

    /**
     * Wraps {@code segment} as an empty ring and zeroes its indexes. The segment must be
     * {@link RingDescriptor#segmentSize(int)} bytes for a power-of-two capacity, writable, and
     * aligned to at least 8 bytes ({@link RingDescriptor#SEGMENT_ALIGNMENT} avoids false sharing
     * with neighbouring memory).
     *
     * @param blockSlots slots for blocks in flight, a power of two {@code >= 1}
     */
    public SpscRing(MemorySegment segment, int blockSlots) {
        if (segment.isReadOnly()) {
            throw new IllegalArgumentException("ring segment is read-only");
        }
        if (segment.maxByteAlignment() < Long.BYTES) {
            throw new IllegalArgumentException("ring segment must be 8-byte aligned");
        }
        if (blockSlots < 1 || Integer.bitCount(blockSlots) != 1) {
            throw new IllegalArgumentException("block slots must be a power of two >= 1: " + blockSlots);
        }
        this.capacity = RingDescriptor.checkCapacity(segment.byteSize() - TRAILER_LENGTH);
        this.segment = segment;
        this.blockSlots = blockSlots;
        long tailOffset = capacity + (long) TAIL_OFFSET;
        long headOffset = capacity + (long) HEAD_OFFSET;
        // Plain: the threads that use the ring see these through the ring's safe publication.
        segment.set(ValueLayout.JAVA_LONG, tailOffset, 0L);
        segment.set(ValueLayout.JAVA_LONG, headOffset, 0L);
        MemorySegment[] blocks = new MemorySegment[blockSlots];
        Arena[] owners = new Arena[blockSlots];
        this.producer = new RingProducer(segment, capacity, tailOffset, headOffset, blocks, owners);
        this.consumer = new RingConsumer(segment, capacity, tailOffset, headOffset, blocks, owners);
    }

    /** A ring with {@code capacity} data bytes and {@link #DEFAULT_BLOCK_SLOTS}, allocated from {@code arena}. */
    public static SpscRing allocate(Arena arena, int capacity) {
        return allocate(arena, capacity, DEFAULT_BLOCK_SLOTS);
    }

    /**
     * A ring with {@code capacity} data bytes allocated from {@code arena}. The arena must allow
     * access from both threads ({@link Arena#ofShared()}, {@link Arena#ofAuto()},
     * {@link Arena#global()}); closing it frees the ring.
     */
    public static SpscRing allocate(Arena arena, int capacity, int blockSlots) {
        MemorySegment segment = arena.allocate(RingDescriptor.segmentSize(capacity), RingDescriptor.SEGMENT_ALIGNMENT);
        return new SpscRing(segment, blockSlots);
    }

    /** The single producer view; use it from one thread only. */
    public RingProducer producer() {
        return producer;
    }

    /** The single consumer view; use it from one thread only. */
    public RingConsumer consumer() {
        return consumer;
    }

    /** The ring's memory: data region then trailer. */
    public MemorySegment segment() {
        return segment;
    }

    /** Bytes in the data region. */
    public int capacity() {
        return capacity;
    }

    /** Largest inline payload, {@code capacity / 8 - 8}. */
    public int maxRecordLength() {
        return RingDescriptor.maxRecordLength(capacity);
    }

    /** Blocks that can be in flight at once. */
    public int blockSlots() {
        return blockSlots;
    }
}
