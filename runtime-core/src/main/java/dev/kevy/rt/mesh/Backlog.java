package dev.kevy.rt.mesh;

import dev.kevy.rt.ring.RecordDescriptor;
import dev.kevy.rt.ring.RingProducer;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.Objects;

import static dev.kevy.rt.ring.RecordDescriptor.BLOCK_PAYLOAD_LENGTH;
import static dev.kevy.rt.ring.RecordDescriptor.BLOCK_TYPE;
import static dev.kevy.rt.ring.RecordDescriptor.BLOCK_USER_TYPE_OFFSET;
import static dev.kevy.rt.ring.RecordDescriptor.HEADER_LENGTH;
import static dev.kevy.rt.ring.RecordDescriptor.LENGTH_OFFSET;
import static dev.kevy.rt.ring.RecordDescriptor.TYPE_OFFSET;
import static dev.kevy.rt.ring.RecordDescriptor.recordLength;

/**
 * A producer's private FIFO of records that found their ring full; one thread only.
 *
 * <p>Records use the ring's format ({@link RecordDescriptor}) in one linear off-heap segment, so
 * {@link #flushTo} moves each with a claim and one copy. Blocks wait in an on-heap FIFO beside the
 * bytes, in the same order as their records.
 *
 * <h2>Memory</h2>
 * The segment is allocated on the first spill and grows by doubling when the live records need
 * more than half of it; otherwise the live records are moved down to offset 0 first. Either way a
 * backlog that keeps spilling at a steady rate stops allocating once it has grown to that rate.
 * Segments come from {@link Arena#ofAuto()}: one that growth replaced is freed by the garbage
 * collector's cleaner, the only moment this class leaves memory to the GC, and a rare one.
 */
public final class Backlog {
    private static final long NO_CLAIM = -1;

    private final int initialCapacity;
    private final int maxRecordLength;
    private MemorySegment segment = MemorySegment.NULL;
    private long head;
    private long tail;
    private int records;
    private long claimOffset = NO_CLAIM;
    private int claimLength;
    private MemorySegment[] blocks = new MemorySegment[0];
    private Arena[] owners = new Arena[0];
    private int blockHead;
    private int blockTail;

    /**
     * @param initialCapacity bytes allocated on the first spill (rounded up to fit the first record)
     * @param maxRecordLength largest inline payload accepted; larger messages must travel as blocks
     */
    public Backlog(int initialCapacity, int maxRecordLength) {
        if (initialCapacity < 1 || maxRecordLength < 0) {
            throw new IllegalArgumentException("bad backlog sizes: " + initialCapacity + ", " + maxRecordLength);
        }
        this.initialCapacity = initialCapacity;
        this.maxRecordLength = maxRecordLength;
    }

    /** Whether no committed record waits. */
    public boolean isEmpty() {
        return head == tail;
    }

    /** Bytes of the committed records waiting (a block record counts its reference, not its block). */
    public long committedBytes() {
        return tail - head;
    }

    /** Committed records waiting, blocks included. */
    public int size() {
        return records;
    }

    /** Bytes currently allocated. */
    public long capacity() {
        return segment.byteSize();
    }

    /** The current segment, where {@link #claim} offsets point; valid until the next claim or offer. */
    public MemorySegment segment() {
        return segment;
    }

    /** Reserves a record and writes its header; returns the payload's offset in {@link #segment()}. */
    public long claim(int type, int length) {
        RecordDescriptor.checkUserType(type);
        return claimRecord(type, length);
    }

    /** Appends the open claim with its claimed length. */
    public void commit() {
        commit(claimLength);
    }

    /** Appends the open claim with {@code length <= claimed} payload bytes. */
    public void commit(int length) {
        long offset = claimOffset;
        if (offset == NO_CLAIM) {
            throw new IllegalStateException("no open claim");
        }
        if (length < 0 || length > claimLength) {
            throw new IllegalArgumentException("commit length " + length + " outside [0, " + claimLength + "]");
        }
        segment.set(ValueLayout.JAVA_INT, offset + LENGTH_OFFSET, length);
        tail = offset + recordLength(length);
        records++;
        claimOffset = NO_CLAIM;
    }

    /** Drops the open claim. */
    public void abort() {
        if (claimOffset == NO_CLAIM) {
            throw new IllegalStateException("no open claim");
        }
        claimOffset = NO_CLAIM;
    }

    /** Appends a copy of {@code length} bytes of {@code src} from {@code srcOffset}. */
    public void offer(int type, MemorySegment src, long srcOffset, int length) {
        long offset = claim(type, length);
        MemorySegment.copy(src, srcOffset, segment, offset, length);
        commit();
    }

    /** Appends a block handoff; the backlog owns {@code block} until it reaches a ring. */
    public void offerBlock(int type, MemorySegment block, Arena owner) {
        RecordDescriptor.checkUserType(type);
        Objects.requireNonNull(block, "block");
        long offset = claimRecord(BLOCK_TYPE, BLOCK_PAYLOAD_LENGTH);
        segment.set(ValueLayout.JAVA_LONG, offset, 0L);
        segment.set(ValueLayout.JAVA_INT, offset + BLOCK_USER_TYPE_OFFSET, type);
        if (blockTail == blocks.length) {
            growBlocks();
        }
        blocks[blockTail] = block;
        owners[blockTail] = owner;
        blockTail++;
        commit();
    }

    /**
     * Moves records, oldest first, into {@code ring} until the ring is full or this backlog is
     * empty. The caller publishes the ring afterwards.
     *
     * @return records moved
     */
    public int flushTo(RingProducer ring) {
        if (claimOffset != NO_CLAIM) {
            throw new IllegalStateException("flush with an open claim");
        }
        int moved = 0;
        long head = this.head;
        while (head < tail) {
            int length = segment.get(ValueLayout.JAVA_INT, head + LENGTH_OFFSET);
            int type = segment.get(ValueLayout.JAVA_INT, head + TYPE_OFFSET);
            if (type == BLOCK_TYPE) {
                int userType = segment.get(ValueLayout.JAVA_INT, head + HEADER_LENGTH + BLOCK_USER_TYPE_OFFSET);
                if (!ring.offerBlock(userType, blocks[blockHead], owners[blockHead])) {
                    break;
                }
                blocks[blockHead] = null;
                owners[blockHead] = null;
                blockHead++;
            } else if (!ring.offer(type, segment, head + HEADER_LENGTH, length)) {
                break;
            }
            head += recordLength(length);
            moved++;
        }
        records -= moved;
        if (head == tail) {
            head = 0;
            tail = 0;
            blockHead = 0;
            blockTail = 0;
        }
        this.head = head;
        return moved;
    }

    private long claimRecord(int type, int length) {
        if (claimOffset != NO_CLAIM) {
            throw new IllegalStateException("a claim is already open");
        }
        if (length < 0 || length > maxRecordLength) {
            throw new IllegalArgumentException("record length " + length + " outside [0, " + maxRecordLength + "]");
        }
        int recordLength = recordLength(length);
        ensureRoom(recordLength);
        long offset = tail;
        segment.set(ValueLayout.JAVA_INT, offset + LENGTH_OFFSET, length);
        segment.set(ValueLayout.JAVA_INT, offset + TYPE_OFFSET, type);
        claimOffset = offset;
        claimLength = length;
        return offset + HEADER_LENGTH;
    }

    private void ensureRoom(int recordLength) {
        long capacity = segment.byteSize();
        if (tail + recordLength <= capacity) {
            return;
        }
        long live = tail - head;
        long needed = live + recordLength;
        if (needed <= capacity / 2) {
            // Compact in place: copy() handles the overlap.
            MemorySegment.copy(segment, head, segment, 0, live);
        } else {
            long grown = Math.max(Math.max(capacity * 2, initialCapacity), needed);
            MemorySegment next = Arena.ofAuto().allocate(grown, RecordDescriptor.ALIGNMENT);
            if (live > 0) {
                MemorySegment.copy(segment, head, next, 0, live);
            }
            segment = next;
        }
        head = 0;
        tail = live;
    }

    private void growBlocks() {
        int live = blockTail - blockHead;
        if (blockHead > 0 && live <= blocks.length / 2) {
            System.arraycopy(blocks, blockHead, blocks, 0, live);
            System.arraycopy(owners, blockHead, owners, 0, live);
            Arrays.fill(blocks, live, blockTail, null);
            Arrays.fill(owners, live, blockTail, null);
        } else {
            int grown = Math.max(8, blocks.length * 2);
            MemorySegment[] nextBlocks = new MemorySegment[grown];
            Arena[] nextOwners = new Arena[grown];
            System.arraycopy(blocks, blockHead, nextBlocks, 0, live);
            System.arraycopy(owners, blockHead, nextOwners, 0, live);
            blocks = nextBlocks;
            owners = nextOwners;
        }
        blockHead = 0;
        blockTail = live;
    }
}
