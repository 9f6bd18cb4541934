package dev.kevy.io.shard;

import dev.kevy.io.Reducer;
import dev.kevy.rt.buffer.BufferPool;
import dev.kevy.rt.buffer.OutputBuffer;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * The fan-outs of one shard that wait for their parts' replies.
 *
 * <p>A gather slot is taken when a fanned-out command is split, keeps each part's reply as it
 * arrives (in any order: local parts at once, remote ones as their shards answer), and when the
 * last one is in, the {@link Reducer} writes the command's reply at the command's place in its
 * connection's reply order. A slot is freed only once every part has answered, so a late reply
 * never lands in a reused slot; if the connection closed meanwhile, the result is dropped.
 *
 * <p>{@link #deliver} and {@link #seal} say when the gather is complete; the caller
 * ({@link Delivery}) then reduces it through {@link #parts} and {@link #free frees} it.
 */
final class Gathers implements Reducer.Parts {

    private final BufferPool pool;
    private Slot[] slots = new Slot[16];
    private int[] free = new int[16];
    private int freeCount;
    private int created;
    private Slot current;

    Gathers(BufferPool pool) {
        this.pool = pool;
    }

    /** Takes a slot for the command {@code seq} of connection {@code token}. */
    int open(long token, long seq) {
        int index;
        if (freeCount > 0) {
            index = free[--freeCount];
        } else {
            if (created == slots.length) {
                slots = Arrays.copyOf(slots, created * 2);
                free = Arrays.copyOf(free, created * 2);
            }
            index = created++;
            slots[index] = new Slot(pool);
        }
        Slot s = slots[index];
        s.token = token;
        s.seq = seq;
        s.expected = -1;
        s.received = 0;
        s.reducer = null;
        s.data.clear();
        return index;
    }

    /** Declares how many parts the gather has and how they combine; returns whether all are in. */
    boolean seal(int index, int parts, Reducer reducer) {
        Slot s = slots[index];
        s.expected = parts;
        s.reducer = reducer;
        s.ensureParts(parts);
        return isComplete(s);
    }

    /** Part {@code part}'s reply, given as bytes; returns whether the gather is complete. */
    boolean deliver(int index, int part, MemorySegment src, long offset, long length) {
        Slot s = slots[index];
        s.ensureParts(part + 1);
        long at = s.data.position();
        s.data.append(src, offset, length);
        s.record(part, at, length);
        return isComplete(s);
    }

    /** Part {@code part}'s reply, given as a chunked buffer (not consumed); returns whether the gather is complete. */
    boolean deliver(int index, int part, OutputBuffer src) {
        Slot s = slots[index];
        s.ensureParts(part + 1);
        long at = s.data.position();
        s.data.append(src);
        s.record(part, at, src.size());
        return isComplete(s);
    }

    private static boolean isComplete(Slot s) {
        return s.expected >= 0 && s.received >= s.expected;
    }

    /** The connection token of gather {@code index}. */
    long token(int index) {
        return slots[index].token;
    }

    /** The command's place in its connection's reply order. */
    long seq(int index) {
        return slots[index].seq;
    }

    Reducer reducer(int index) {
        return slots[index].reducer;
    }

    /** The parts of a complete gather, as its reducer reads them (valid until {@link #free}). */
    Reducer.Parts parts(int index) {
        current = slots[index];
        return this;
    }

    /**
     * Frees a complete gather. A free slot keeps no block: a burst of fan-outs (a deep pipeline of
     * MGETs, say) must not leave its peak memory held by the shard for good.
     */
    void free(int index) {
        Slot s = slots[index];
        current = null;
        s.reducer = null;
        s.data.releaseBlock();
        free[freeCount++] = index;
    }

    /** Gathers waiting for parts. */
    int pending() {
        return created - freeCount;
    }

    @Override
    public int count() {
        return current.expected;
    }

    @Override
    public MemorySegment segment() {
        return current.data.segment();
    }

    @Override
    public long offset(int i) {
        return current.offsets[i];
    }

    @Override
    public long length(int i) {
        return current.lengths[i];
    }

    /** Returns every slot's memory to the pool. */
    void release() {
        for (int i = 0; i < created; i++) {
            slots[i].data.release();
        }
    }

    private static final class Slot {
        final Scratch data;
        long token;
        long seq;
        int expected;
        int received;
        Reducer reducer;
        long[] offsets = new long[8];
        long[] lengths = new long[8];

        Slot(BufferPool pool) {
            this.data = new Scratch(pool);
        }

        void ensureParts(int n) {
            if (n > offsets.length) {
                int size = Math.max(n, offsets.length * 2);
                offsets = Arrays.copyOf(offsets, size);
                lengths = Arrays.copyOf(lengths, size);
            }
        }

        void record(int part, long offset, long length) {
            offsets[part] = offset;
            lengths[part] = length;
            received++;
        }
    }
}
