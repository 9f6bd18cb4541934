package dev.kevy.io.shard;

import dev.kevy.rt.buffer.BufferPool;
import java.util.Arrays;

/**
 * A shard's connections by slot, with a generation per slot so that a token outlives nothing:
 * {@code token = generation << 32 | slot}. Looking a token up is an array index and one compare,
 * with no map and no boxing; slots are reused lowest-free-first from a stack. The table also lists
 * the connections with new output, for the flush at the end of each loop iteration.
 */
final class ConnectionTable {

    private final int shard;
    private final BufferPool pool;
    private final long queryBufferLimit;
    private final long outputLimit;
    private final int maxInFlight;
    private final int listeners;

    private Connection[] slots = new Connection[64];
    private int[] free = new int[64];
    private int freeCount;
    private int created;
    private int open;
    /** Connections with new output to write this iteration, each listed once. */
    private Connection[] dirty = new Connection[64];
    private int dirtyCount;

    ConnectionTable(int shard, BufferPool pool, long queryBufferLimit, long outputLimit, int maxInFlight,
                    int listeners) {
        this.shard = shard;
        this.pool = pool;
        this.queryBufferLimit = queryBufferLimit;
        this.outputLimit = outputLimit;
        this.maxInFlight = maxInFlight;
        this.listeners = listeners;
    }

    /** Takes a slot (reusing a closed connection's object) and returns its connection, not yet opened. */
    Connection acquire() {
        Connection c;
        if (freeCount > 0) {
            c = slots[free[--freeCount]];
        } else {
            if (created == slots.length) {
                slots = Arrays.copyOf(slots, created * 2);
                free = Arrays.copyOf(free, created * 2);
            }
            c = new Connection(shard, created, pool, queryBufferLimit, outputLimit, maxInFlight, listeners);
            slots[created++] = c;
        }
        c.generation = (c.generation + 1) & Integer.MAX_VALUE;
        open++;
        return c;
    }

    /** The token for a connection's current generation. */
    static long token(Connection c) {
        return ((long) c.generation << 32) | c.slot;
    }

    /** The open connection {@code token} names, or {@code null} if it closed since. */
    Connection get(long token) {
        int slot = (int) token;
        if (slot < 0 || slot >= created) {
            return null;
        }
        Connection c = slots[slot];
        return c.token == token && c.isOpen() ? c : null;
    }

    /** Gives a closed connection's slot back. */
    void release(Connection c) {
        c.release();
        free[freeCount++] = c.slot;
        open--;
    }

    /**
     * Closes {@code c} but keeps its buffers and slot: the I/O engine still has operations on them
     * in the kernel. {@link #releaseHeld} gives them back when it lets go.
     */
    void hold(Connection c) {
        c.fd = -1; // closed: its token finds nothing any more
        c.heldByEngine = true;
        open--;
    }

    /** The engine let go of a connection {@link #hold} kept: its buffers and slot are free now. */
    void releaseHeld(long token) {
        int slot = (int) token;
        if (slot < 0 || slot >= created) {
            return;
        }
        Connection c = slots[slot];
        if (c.heldByEngine && c.token == token) {
            c.heldByEngine = false;
            c.release();
            free[freeCount++] = c.slot;
        }
    }

    /** Lists {@code c} for this iteration's flush, once. */
    void markDirty(Connection c) {
        if (!c.dirty) {
            c.dirty = true;
            if (dirtyCount == dirty.length) {
                dirty = Arrays.copyOf(dirty, dirtyCount * 2);
            }
            dirty[dirtyCount++] = c;
        }
    }

    /** Connections listed for the flush; the list may grow while it is walked. */
    int dirtyCount() {
        return dirtyCount;
    }

    /** Takes listed connection {@code i} off the list (it may be listed again). */
    Connection takeDirty(int i) {
        Connection c = dirty[i];
        dirty[i] = null;
        c.dirty = false;
        return c;
    }

    /** Empties the list once every entry was taken. */
    void clearDirty() {
        dirtyCount = 0;
    }

    /** Connections open now. */
    int openCount() {
        return open;
    }

    /** Slots ever created (iterate {@link #at} over {@code [0, capacity())}). */
    int capacity() {
        return created;
    }

    /** The connection object in {@code slot} (open or not). */
    Connection at(int slot) {
        return slots[slot];
    }
}
