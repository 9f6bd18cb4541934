package dev.kevy.server;

import java.lang.foreign.Arena;
import dev.kevy.rt.KeyHash;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * The owner's side of blocking commands: the keys of this shard that blocked clients wait on,
 * each with its first-come first-served queue of registrations, and the keys a write made ready
 * since they were last served (Redis's {@code ready_keys}).
 *
 * <p>A <em>registration</em> is one blocked command's interest on this shard: where its client
 * lives ({@code origin}, the waiter's id there), what to do when served (kind, sides, count, the
 * destination of a move) and one <em>node</em> per key of this shard it waits on, linked both into
 * that key's queue and into the registration's own chain. Keys are copied off-heap into areas kept
 * with their slots and reused, so that after warm-up registering, serving and cancelling allocate
 * nothing.
 *
 * <p>Only the owning shard's thread uses it, except {@link #markReady} during an atomic turn,
 * when the owner stands still.
 */
final class WaitQueues {

    // ---- keys (entries) -------------------------------------------------------------------------
    /** Each key's bytes off-heap (a slot's area is reused while large enough), like every key the keyspace sees. */
    private MemorySegment[] keySegments = new MemorySegment[16];
    private int[] keyLength = new int[16];
    private int[] keyDb = new int[16];
    private int[] keyHash = new int[16];
    private int[] head = new int[16];
    private int[] tail = new int[16];
    private boolean[] ready = new boolean[16];
    private boolean[] inUse = new boolean[16];
    private int[] freeEntries = new int[16];
    private int freeEntryCount;
    private int entriesCreated;
    private int liveEntries;
    /** Open addressing, linear probing: entry + 1, or 0 for an empty slot. */
    private int[] index = new int[64];
    private int[] readyStack = new int[16];
    private int readyCount;

    // ---- registrations ----------------------------------------------------------------------------
    int[] regOrigin = new int[16];
    long[] regWaiter = new long[16];
    int[] regDb = new int[16];
    int[] regKind = new int[16];
    int[] regSide = new int[16];
    int[] regToSide = new int[16];
    long[] regCount = new long[16];
    private MemorySegment[] regDstSegment = new MemorySegment[16];
    int[] regDstLength = new int[16];
    private int[] regFirstNode = new int[16];
    private boolean[] regLive = new boolean[16];
    private int[] freeRegs = new int[16];
    private int freeRegCount;
    private int regsCreated;
    private int liveRegs;

    // ---- nodes: one per (registration, key) ---------------------------------------------------
    private int[] nodeReg = new int[16];
    private int[] nodeEntry = new int[16];
    private int[] nodeNext = new int[16];
    private int[] nodePrev = new int[16];
    private int[] nodeRegNext = new int[16];
    private int[] freeNodes = new int[16];
    private int freeNodeCount;
    private int nodesCreated;

    /** Whether nobody waits on this shard: the one branch a write pays when no client blocks here. */
    boolean isEmpty() {
        return liveRegs == 0;
    }

    /** Registrations waiting here now. */
    int registrations() {
        return liveRegs;
    }

    /** Keys waited on here now (INFO's {@code total_blocking_keys}). */
    int keys() {
        return liveEntries;
    }

    boolean hasReady() {
        return readyCount > 0;
    }

    // ---- registrations ------------------------------------------------------------------------------

    /** A new registration, not yet in any queue; {@link #addKey} links it into its keys' queues. */
    int register(int origin, long waiter, int db, int kind, int side, int toSide, long count) {
        int r;
        if (freeRegCount > 0) {
            r = freeRegs[--freeRegCount];
        } else {
            if (regsCreated == regOrigin.length) {
                growRegs();
            }
            r = regsCreated++;
        }
        regOrigin[r] = origin;
        regWaiter[r] = waiter;
        regDb[r] = db;
        regKind[r] = kind;
        regSide[r] = side;
        regToSide[r] = toSide;
        regCount[r] = count;
        regDstLength[r] = 0;
        regFirstNode[r] = -1;
        regLive[r] = true;
        liveRegs++;
        return r;
    }

    /** Sets the destination key of a move registration. */
    void destination(int r, MemorySegment s, long offset, int length) {
        if (regDstSegment[r] == null || regDstSegment[r].byteSize() < length) {
            regDstSegment[r] = area(length);
        }
        MemorySegment.copy(s, offset, regDstSegment[r], 0, length);
        regDstLength[r] = length;
    }

    MemorySegment destination(int r) {
        return regDstSegment[r];
    }

    /** Appends registration {@code r} to the queue of key {@code key} of its database. */
    void addKey(int r, MemorySegment s, long offset, int length) {
        int e = entry(regDb[r], s, offset, length, true);
        int n = node();
        nodeReg[n] = r;
        nodeEntry[n] = e;
        nodeNext[n] = -1;
        nodePrev[n] = tail[e];
        if (tail[e] >= 0) {
            nodeNext[tail[e]] = n;
        } else {
            head[e] = n;
        }
        tail[e] = n;
        nodeRegNext[n] = regFirstNode[r];
        regFirstNode[r] = n;
    }

    /** The live registration of {@code waiter} from {@code origin}, or -1. A scan: cancels are rarer than pushes. */
    int find(int origin, long waiter) {
        for (int r = 0; r < regsCreated; r++) {
            if (regLive[r] && regWaiter[r] == waiter && regOrigin[r] == origin) {
                return r;
            }
        }
        return -1;
    }

    /** Takes registration {@code r} out of every queue it is in and frees it. */
    void remove(int r) {
        for (int n = regFirstNode[r]; n >= 0; ) {
            int following = nodeRegNext[n];
            int e = nodeEntry[n];
            if (nodePrev[n] >= 0) {
                nodeNext[nodePrev[n]] = nodeNext[n];
            } else {
                head[e] = nodeNext[n];
            }
            if (nodeNext[n] >= 0) {
                nodePrev[nodeNext[n]] = nodePrev[n];
            } else {
                tail[e] = nodePrev[n];
            }
            freeNodes[freeNodeCount++] = n;
            releaseIfIdle(e);
            n = following;
        }
        regFirstNode[r] = -1;
        regLive[r] = false;
        freeRegs[freeRegCount++] = r;
        liveRegs--;
    }

    // ---- keys -----------------------------------------------------------------------------------

    /** Whether registrations wait on {@code key} of {@code db}. */
    boolean hasWaiters(int db, MemorySegment s, long offset, int length) {
        int e = entry(db, s, offset, length, false);
        return e >= 0 && head[e] >= 0;
    }

    /** Marks {@code key} of {@code db} ready if anyone waits on it (Redis's signalKeyAsReady). */
    void markReady(int db, MemorySegment s, long offset, int length) {
        markReady(entry(db, s, offset, length, false));
    }

    /**
     * Marks every key of {@code db} that someone waits on ready: SWAPDB brought in a whole other
     * database (Redis scans both for ready keys). A walk over the keys waited on, not the database.
     */
    void markDbReady(int db) {
        for (int e = 0; e < entriesCreated; e++) {
            if (inUse[e] && keyDb[e] == db) {
                markReady(e);
            }
        }
    }

    private void markReady(int e) {
        if (e >= 0 && !ready[e] && head[e] >= 0) {
            ready[e] = true;
            if (readyCount == readyStack.length) {
                readyStack = Arrays.copyOf(readyStack, readyCount * 2);
            }
            readyStack[readyCount++] = e;
        }
    }

    /** The oldest ready key (its flag cleared), or -1 when none is ready. */
    int nextReady() {
        if (readyCount == 0) {
            return -1;
        }
        int e = readyStack[0];
        System.arraycopy(readyStack, 1, readyStack, 0, --readyCount);
        ready[e] = false;
        return e;
    }

    /** The registration first in key {@code e}'s queue, or -1. */
    int first(int e) {
        return head[e] >= 0 ? nodeReg[head[e]] : -1;
    }

    MemorySegment key(int e) {
        return keySegments[e];
    }

    int keyLength(int e) {
        return keyLength[e];
    }

    int db(int e) {
        return keyDb[e];
    }

    /** Frees key {@code e} once nobody waits on it and it is not waiting to be served. */
    void releaseIfIdle(int e) {
        if (!inUse[e] || head[e] >= 0 || ready[e]) {
            return;
        }
        inUse[e] = false;
        unindex(e);
        freeEntries[freeEntryCount++] = e;
        liveEntries--;
    }

    private int entry(int db, MemorySegment s, long offset, int length, boolean create) {
        int h = hash(db, s, offset, length);
        int mask = index.length - 1;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            int e = index[i] - 1;
            if (e < 0) {
                break;
            }
            if (keyHash[e] == h && keyDb[e] == db && keyLength[e] == length
                    && MemorySegment.mismatch(keySegments[e], 0, length, s, offset, offset + length) < 0) {
                return e;
            }
        }
        if (!create) {
            return -1;
        }
        int e = newEntry();
        if (keySegments[e] == null || keySegments[e].byteSize() < length) {
            keySegments[e] = area(length);
        }
        MemorySegment.copy(s, offset, keySegments[e], 0, length);
        keyLength[e] = length;
        keyDb[e] = db;
        keyHash[e] = h;
        head[e] = -1;
        tail[e] = -1;
        ready[e] = false;
        inUse[e] = true;
        liveEntries++;
        if (liveEntries * 2 > index.length) {
            rehash(index.length * 2);
        } else {
            insert(e);
        }
        return e;
    }

    private void insert(int e) {
        int mask = index.length - 1;
        int i = keyHash[e] & mask;
        while (index[i] != 0) {
            i = (i + 1) & mask;
        }
        index[i] = e + 1;
    }

    /** Removes {@code e} from the index, shifting later members of its probe run back (no tombstones). */
    private void unindex(int e) {
        int mask = index.length - 1;
        int i = keyHash[e] & mask;
        while (index[i] != e + 1) {
            i = (i + 1) & mask;
        }
        index[i] = 0;
        for (int j = (i + 1) & mask; index[j] != 0; j = (j + 1) & mask) {
            int moved = index[j] - 1;
            int home = keyHash[moved] & mask;
            boolean stays = i <= j ? (i < home && home <= j) : (i < home || home <= j);
            if (!stays) {
                index[i] = index[j];
                index[j] = 0;
                i = j;
            }
        }
    }

    private void rehash(int size) {
        index = new int[size];
        for (int e = 0; e < entriesCreated; e++) {
            if (inUse[e]) {
                insert(e);
            }
        }
    }

    /**
     * An off-heap area for a key: native like the request buffers, so the keyspace's lookups see
     * one kind of segment (a heap segment there made its compiled code allocate). Freed by the
     * collector once its slot takes a larger one.
     */
    private static MemorySegment area(int length) {
        return Arena.ofAuto().allocate(Math.max(16, length));
    }

    /** The key's hash (the keyspace's own, {@link KeyHash}), mixed with its database. */
    private static int hash(int db, MemorySegment s, long offset, int length) {
        long h = KeyHash.hash(s, offset, length) + db * 0x9E37_79B9_7F4A_7C15L;
        return (int) (h ^ (h >>> 32));
    }

    private int newEntry() {
        if (freeEntryCount > 0) {
            return freeEntries[--freeEntryCount];
        }
        if (entriesCreated == keySegments.length) {
            int n = keySegments.length * 2;
            keySegments = Arrays.copyOf(keySegments, n);
            keyLength = Arrays.copyOf(keyLength, n);
            keyDb = Arrays.copyOf(keyDb, n);
            keyHash = Arrays.copyOf(keyHash, n);
            head = Arrays.copyOf(head, n);
            tail = Arrays.copyOf(tail, n);
            ready = Arrays.copyOf(ready, n);
            inUse = Arrays.copyOf(inUse, n);
            freeEntries = Arrays.copyOf(freeEntries, n);
        }
        return entriesCreated++;
    }

    private int node() {
        if (freeNodeCount > 0) {
            return freeNodes[--freeNodeCount];
        }
        if (nodesCreated == nodeReg.length) {
            int n = nodeReg.length * 2;
            nodeReg = Arrays.copyOf(nodeReg, n);
            nodeEntry = Arrays.copyOf(nodeEntry, n);
            nodeNext = Arrays.copyOf(nodeNext, n);
            nodePrev = Arrays.copyOf(nodePrev, n);
            nodeRegNext = Arrays.copyOf(nodeRegNext, n);
            freeNodes = Arrays.copyOf(freeNodes, n);
        }
        return nodesCreated++;
    }

    private void growRegs() {
        int n = regOrigin.length * 2;
        regOrigin = Arrays.copyOf(regOrigin, n);
        regWaiter = Arrays.copyOf(regWaiter, n);
        regDb = Arrays.copyOf(regDb, n);
        regKind = Arrays.copyOf(regKind, n);
        regSide = Arrays.copyOf(regSide, n);
        regToSide = Arrays.copyOf(regToSide, n);
        regCount = Arrays.copyOf(regCount, n);
        regDstSegment = Arrays.copyOf(regDstSegment, n);
        regDstLength = Arrays.copyOf(regDstLength, n);
        regFirstNode = Arrays.copyOf(regFirstNode, n);
        regLive = Arrays.copyOf(regLive, n);
        freeRegs = Arrays.copyOf(freeRegs, n);
    }
}
