package dev.kevy.server.persist;

import dev.kevy.io.codec.Request;
import dev.kevy.rt.ring.RingConsumer;
import dev.kevy.rt.ring.RingDescriptor;
import dev.kevy.rt.ring.RingProducer;
import dev.kevy.rt.ring.SpscRing;
import dev.kevy.sys.Mman;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.locks.LockSupport;

/**
 * One shard's end of the append-only log: the shard writes each change as a record into its own
 * ring, without a syscall or an allocation, and {@link #commit commits} once per loop iteration;
 * the {@link LogWriter} on its own thread takes what was committed and puts it on disk.
 *
 * <p>A record is built whole in {@link #record} ({@link #begin}, {@link #arg}, {@link #end}), then
 * copied into the ring; one larger than the ring can hold travels as a block of its own.
 *
 * <p>Written by the shard's thread, or by the coordinator of an atomic turn while this shard stands
 * still (the freeze protocol orders the two); {@link #consumer} is the writer's.
 */
public final class ShardLog {
    private static final long WAIT_NANOS = 50_000;

    private final int shard;
    private final AppendLog log;
    private final RingProducer producer;
    final RingConsumer consumer;
    private final int capacity;
    private final Arena arena = Arena.ofAuto();
    private MemorySegment record;
    private long at;
    private int argc;
    /** COMMIT records written: the sequence of the last one. */
    private long commits;
    /** Records were written since the last COMMIT. */
    private boolean dirty;

    ShardLog(int shard, AppendLog log, int capacity) {
        this.shard = shard;
        this.log = log;
        SpscRing ring = new SpscRing(ringMemory(capacity), 8);
        this.producer = ring.producer();
        this.capacity = capacity;
        this.consumer = ring.consumer();
        this.record = arena.allocate(4096, 8);
    }

    int shard() {
        return shard;
    }

    /**
     * The ring's memory: an anonymous mapping, which the kernel zeroes page by page as the ring is
     * first written, where allocating from an arena would zero all of it on this thread at once
     * (2.5 ms for 4 MiB here, on the shard that runs CONFIG SET appendonly yes); an arena's where
     * there is no such mapping. Freed once unreachable either way.
     */
    private static MemorySegment ringMemory(int capacity) {
        long size = RingDescriptor.segmentSize(capacity);
        MemorySegment mapped = Mman.isSupported() ? Mman.map(size, Arena.ofAuto()) : MemorySegment.NULL;
        return mapped.equals(MemorySegment.NULL)
                ? Arena.ofAuto().allocate(size, RingDescriptor.SEGMENT_ALIGNMENT)
                : mapped.asSlice(0, size); // the mapping is whole pages; the ring takes its exact size
    }

    // ---- records --------------------------------------------------------------------------------

    /** Starts a COMMAND record of database {@code db} run at clock {@code now}. */
    public void begin(int db, long now) {
        LogFormat.writeCommandHeader(record, 0, db, now, 0); // the count is set by end()
        at = LogFormat.COMMAND_HEADER;
        argc = 0;
    }

    /** Adds the argument {@code s[offset, +length)}. */
    public void arg(MemorySegment s, long offset, long length) {
        reserve(4 + length);
        at = LogFormat.writeArg(record, at, s, offset, length);
        argc++;
    }

    /** Adds an argument of ASCII bytes. */
    public void arg(byte[] ascii) {
        reserve(4 + ascii.length);
        record.set(LogFormat.INT, at, ascii.length);
        MemorySegment.copy(ascii, 0, record, java.lang.foreign.ValueLayout.JAVA_BYTE, at + 4, ascii.length);
        at += 4 + ascii.length;
        argc++;
    }

    /** Adds {@code value} in decimal. */
    public void arg(long value) {
        reserve(4 + 20);
        long digitsAt = at + 4;
        int n = 0;
        if (value < 0) {
            record.set(java.lang.foreign.ValueLayout.JAVA_BYTE, digitsAt + n++, (byte) '-');
        }
        int digits = 1;
        for (long v = value / 10; v != 0; v /= 10) {
            digits++;
        }
        long v = value;
        for (int i = digits - 1; i >= 0; i--) {
            record.set(java.lang.foreign.ValueLayout.JAVA_BYTE, digitsAt + n + i, (byte) ('0' + Math.abs(v % 10)));
            v /= 10;
        }
        n += digits;
        record.set(LogFormat.INT, at, n);
        at += 4 + n;
        argc++;
    }

    /** Ends the record begun by {@link #begin} and writes it to the ring. */
    public void end() {
        record.set(LogFormat.INT, 12, argc);
        append(LogFormat.COMMAND, record, at);
        dirty = true;
    }

    /**
     * The whole request {@code c} as a record of database {@code db} at clock {@code now}: a
     * COMPACT record written straight into the ring when it has room (one copy of each argument,
     * none of the record), or a COMMAND built in {@link #record} and copied as the other records
     * are (a large value, a database or argument count past 255, or a full ring).
     */
    public void command(int db, long now, Request c) {
        int argc = c.argc();
        long length = LogFormat.COMPACT_HEADER;
        for (int i = 0; i < argc; i++) {
            length += LogFormat.compactArgBytes(c.length(i));
        }
        long at = length <= producer.maxRecordLength() && (db | argc) < 256
                ? producer.claim(LogFormat.COMPACT, (int) length) : RingProducer.FULL;
        if (at == RingProducer.FULL) { // the slow path
            begin(db, now);
            for (int i = 0; i < argc; i++) {
                arg(c.buffer(), c.offset(i), c.length(i));
            }
            end();
            return;
        }
        MemorySegment ring = producer.segment();
        LogFormat.writeCompactHeader(ring, at, db, now, argc);
        at += LogFormat.COMPACT_HEADER;
        for (int i = 0; i < argc; i++) {
            at = LogFormat.writeCompactArg(ring, at, c.buffer(), c.offset(i), c.length(i));
        }
        producer.commit();
        dirty = true;
    }

    private void reserve(long more) {
        if (at + more > record.byteSize()) {
            MemorySegment bigger = arena.allocate(Math.max(record.byteSize() * 2, at + more), 8); // rare: a large value
            MemorySegment.copy(record, 0, bigger, 0, at);
            record = bigger;
        }
    }

    // ---- commits --------------------------------------------------------------------------------

    /**
     * Ends a unit of records (a loop iteration's, or an atomic turn's): a COMMIT, then one publish
     * and a wake of the writer if it sleeps. Returns whether there was anything to commit.
     */
    public boolean commit() {
        if (!dirty) {
            return false;
        }
        record.set(LogFormat.LONG, 0, commits + 1);
        append(LogFormat.COMMIT, record, 8);
        commits++;
        dirty = false;
        producer.publish();
        log.wakeWriter();
        return true;
    }

    /**
     * A rewrite's cut on this shard (its snapshot holds everything before this point): ends the
     * unit with a COMMIT, then tells the writer that this shard's later records go to log
     * {@code seq}, which starts at this very point.
     */
    public void switchTo(long seq) {
        commit();
        record.set(LogFormat.LONG, 0, seq);
        append(LogFormat.SWITCH, record, 8);
        producer.publish();
        log.wakeWriter();
    }

    /** The COMMIT that covers every record written so far: the next one if some are uncommitted. */
    public long pendingSequence() {
        return dirty ? commits + 1 : commits;
    }

    /** The COMMIT that will cover a record written now. */
    public long nextSequence() {
        return commits + 1;
    }

    /** The last COMMIT sequence the writer made durable (under {@code always}: fsynced). */
    public long durableSequence() {
        return log.durable(shard);
    }

    /** The shared log this shard writes to. */
    public AppendLog shared() {
        return log;
    }

    // ---- the ring -------------------------------------------------------------------------------

    private void append(int type, MemorySegment src, long length) {
        if (length > producer.maxRecordLength()) {
            appendBlock(type, src, length);
            return;
        }
        while (true) {
            long offset = producer.claim(type, (int) length);
            if (offset != RingProducer.FULL) {
                MemorySegment.copy(src, 0, producer.segment(), offset, length);
                producer.commit();
                return;
            }
            if (!awaitRoom(length)) {
                return;
            }
        }
    }

    /** A record larger than the ring: its own segment, which the writer frees once written. */
    private void appendBlock(int type, MemorySegment src, long length) {
        Arena owner = Arena.ofShared();
        MemorySegment block = owner.allocate(length, 8);
        MemorySegment.copy(src, 0, block, 0, length);
        while (!producer.offerBlock(type, block, owner)) {
            if (!awaitRoom(64)) {
                owner.close();
                return;
            }
        }
    }

    /**
     * The ring has no room for {@code needed} bytes (the disk is slower than the writes): publish what is there, wake the
     * writer and wait for room. This shard serves nobody meanwhile: that is the back-pressure, no
     * record is ever dropped. Returns false once the log has failed (its records go nowhere).
     */
    private boolean awaitRoom(long needed) {
        producer.publish();
        boolean turn = log.releaseTurnIfHeld(); // the writer needs the turn lock to take records
        log.wakeWriter();
        do {
            LockSupport.parkNanos(WAIT_NANOS);
        } while (!log.failed() && producer.occupiedBytes() + needed + 64 > capacity);
        if (turn) {
            log.lockTurn();
        }
        return !log.failed();
    }
}
