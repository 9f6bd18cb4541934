package dev.kevy.server.store;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The key index: one {@link HashTable}, or two while it is being resized, with Redis-style
 * incremental rehash and the reverse-binary SCAN cursor.
 *
 * <p>Resizing allocates the new table (whose chunks are zeroed lazily) and then moves the old
 * table's slots across a few at a time: {@link #REHASH_SLOTS_PER_WRITE} slots on every insert and
 * delete, and as many as the shard's tick grants through {@link #rehash}. Inserts go to the new
 * table; lookups and deletes look in both. Old slots below {@code rehashIndex} are empty and stay
 * so, because nothing is inserted into the old table and a backward shift only moves entries
 * towards their home. A grow starts at 3/4 load and a shrink below 1/8; sixteen slots per write
 * finish either before the new table can pass 3/4 load (a grow doubles; a shrink target is chosen
 * so it holds at least 1/16 of the old capacity in inserts), so the synchronous finish in
 * {@link #insert} is only a safety net.
 *
 * <p>A "ref" names a slot: the slot index, plus {@link #IN_TARGET} when it is in the new table.
 * A ref is valid until the next insert, delete or rehash step.
 */
final class Dict {
    static final int REHASH_SLOTS_PER_WRITE = 16;
    /**
     * Fewest buckets one SCAN step may walk. A table never shrinks below its initial size (2048
     * slots by default), so a database of a few keys is mostly empty buckets: ten per requested
     * key, Redis's budget for its dense tables, took a hundred calls to cross it. 4096 empty
     * buckets cost a few microseconds and cover any table at its initial size in one step; a
     * larger table is at least 1/16 full (it shrinks below 1/8), where Redis's budget suffices.
     */
    static final long SCAN_MIN_BUCKETS = 4096;
    /** Buckets a scan loads ahead at a time ({@link #loadAhead}), a power of two. */
    private static final int SCAN_AHEAD = 16;
    /**
     * Slots a walk in slot order (KEYS, a snapshot) loads the entries of at a time, a power of
     * two: 32 slots hold 12 to 24 entries at this table's loads, against 6 to 12 for 16 (KEYS over
     * 1M keys: medians 85 against 81 ms).
     */
    private static final int WALK_AHEAD = 32;
    static final long IN_TARGET = 1L << 32;
    /** Largest table: 2^30 slots (16 GiB of slots, about 800 million keys in one shard). */
    static final int MAX_CAPACITY = 1 << 30;

    private final BlockAllocator memory;
    private final int minCapacity;
    private HashTable main;
    private HashTable target; // non-null while rehashing
    private int rehashIndex;
    /** Changes whenever {@link #main} or {@link #target} is replaced: a snapshot's walk holds only while it does not. */
    private int tables;
    /** The entries a scan or a walk is about to visit ({@link #loadAheadEntries}). */
    private final long[] aheadEntries = new long[Math.max(2 * SCAN_AHEAD, WALK_AHEAD)];
    /** The home slots of the buckets a scan is about to visit ({@link #loadAhead}). */
    private final int[] aheadHomes = new int[SCAN_AHEAD];

    Dict(BlockAllocator memory, int minCapacity) {
        this.memory = memory;
        this.minCapacity = minCapacity;
        this.main = new HashTable(minCapacity);
    }

    int size() {
        return main.count + (target == null ? 0 : target.count);
    }

    boolean isRehashing() {
        return target != null;
    }

    /** Slots of both tables, in bytes, as if fully allocated. */
    long byteSize() {
        return main.byteSize() + (target == null ? 0 : target.byteSize());
    }

    long reservedBytes() {
        return main.reservedBytes() + (target == null ? 0 : target.reservedBytes());
    }

    /** Capacity of the table new keys go to. */
    int capacity() {
        return target == null ? main.capacity : target.capacity;
    }

    /** The ref of the key's slot, or -1. */
    long find(long hash, MemorySegment key, long keyOffset, int keyLength) {
        int slot = main.find(hash, key, keyOffset, keyLength, memory);
        if (slot >= 0) {
            return slot;
        }
        if (target != null) {
            slot = target.find(hash, key, keyOffset, keyLength, memory);
            if (slot >= 0) {
                return slot | IN_TARGET;
            }
        }
        return -1;
    }

    /** The entry word of the home slot of {@code hash} in the table new keys go to ({@link HashTable#homeEntryWord}). */
    long homeEntryWord(long hash) {
        return (target == null ? main : target).homeEntryWord(hash);
    }

    /**
     * Loads an entry: its first word and, when the entry starts past the first eight bytes of a
     * cache line, the first byte of the next line, where a small entry's key or value goes on (a
     * 56-byte block straddles two lines unless it starts in the first eight bytes of one). The
     * second address does not wait for the first load. Returns their sum.
     */
    long loadEntry(long entry) {
        MemorySegment s = memory.segment(entry);
        long base = BlockAllocator.offset(entry);
        long first = s.get(EntryLayout.LONG, base);
        long inLine = (s.address() + base) & 63;
        long next = base + 64 - inLine;
        return inLine > 8 && next < s.byteSize() ? first + s.get(ValueLayout.JAVA_BYTE, next) : first;
    }

    /** The entry whose slot stores {@code hash}, or 0; compares hashes only ({@link HashTable#entryWithHash}). */
    long entryWithHash(long hash) {
        long entry = main.entryWithHash(hash);
        return entry != 0 || target == null ? entry : target.entryWithHash(hash);
    }

    /** The ref of the slot holding this entry block, or -1. */
    long findEntry(long hash, long entry) {
        int slot = main.findEntry(hash, entry);
        if (slot >= 0) {
            return slot;
        }
        if (target != null) {
            slot = target.findEntry(hash, entry);
            if (slot >= 0) {
                return slot | IN_TARGET;
            }
        }
        return -1;
    }

    long entry(long ref) {
        return table(ref).entryAt((int) ref);
    }

    /** The hash stored with the entry at {@code ref}. */
    long hash(long ref) {
        return table(ref).hashAt((int) ref);
    }

    void setEntry(long ref, long entry) {
        table(ref).setEntryAt((int) ref, entry);
    }

    /** Adds an entry whose key is absent, growing the index if needed. */
    void insert(long hash, long entry) {
        if (target != null) {
            rehash(REHASH_SLOTS_PER_WRITE);
        }
        if (target != null && target.count + 1 > maxLoad(target.capacity)) {
            rehash(Integer.MAX_VALUE); // unreachable by the argument above; never corrupt instead
        }
        if (target == null && main.count + 1 > maxLoad(main.capacity)) {
            if (main.capacity == MAX_CAPACITY) {
                throw new IllegalStateException("keyspace index full: " + main.count + " keys");
            }
            startRehash(main.capacity * 2);
        }
        (target != null ? target : main).insert(hash, entry);
    }

    /** Removes a slot's entry from the index (not from memory). Invalidates refs. */
    void removeAt(long ref) {
        table(ref).removeAt((int) ref);
        if (target != null) {
            rehash(REHASH_SLOTS_PER_WRITE);
        } else {
            maybeShrink();
        }
    }

    /**
     * Moves up to {@code maxSlots} old slots (with all their entries) to the new table, first
     * starting a shrink if one is due. Returns the slots visited, 0 when there is nothing to do.
     */
    int rehash(int maxSlots) {
        if (target == null && !maybeShrink()) {
            return 0;
        }
        int visited = 0;
        while (visited < maxSlots && rehashIndex < main.capacity) {
            long entry;
            while ((entry = main.entryAt(rehashIndex)) != 0) {
                long hash = main.hashAt(rehashIndex);
                main.removeAt(rehashIndex); // may pull the next displaced entry into this slot
                target.insert(hash, entry);
            }
            rehashIndex++;
            visited++;
        }
        if (rehashIndex == main.capacity) {
            main.close();
            main = target;
            target = null;
            rehashIndex = 0;
            tables++;
        }
        return visited;
    }

    /**
     * Visits the entries whose home is the cursor's bucket, advancing the cursor in reverse-binary
     * order (Redis {@code dictScan}) until about {@code count} entries were visited, ten times
     * {@code count} buckets (at least {@link #SCAN_MIN_BUCKETS}) were walked, or the scan is
     * complete (returns 0). Expired entries are
     * skipped. Every key present from the first call to the last is visited at least once, through
     * any number of resizes, because the buckets of a table of size 2^n and of size 2^(n+1) nest
     * and reverse-binary order visits each nest's prefix once.
     */
    long scan(long cursor, int count, EntryVisitor visitor, long nowMillis) {
        int visited = 0;
        long budget = Math.max(Math.max(1L, count) * 10, SCAN_MIN_BUCKETS);
        long v = cursor;
        int buckets = 0;
        do {
            if (target == null) {
                if ((buckets++ & (SCAN_AHEAD - 1)) == 0) {
                    loadAhead(v);
                }
                visited += visitBucket(main, (int) (v & main.mask), visitor, nowMillis);
                v = nextCursor(v, main.mask);
            } else {
                HashTable small = main.capacity <= target.capacity ? main : target;
                HashTable large = small == main ? target : main;
                long smallMask = small.mask;
                long largeMask = large.mask;
                visited += visitBucket(small, (int) (v & smallMask), visitor, nowMillis);
                do { // every bucket of the larger table that nests under the smaller's bucket
                    visited += visitBucket(large, (int) (v & largeMask), visitor, nowMillis);
                    v = nextCursor(v, largeMask);
                } while ((v & (smallMask ^ largeMask)) != 0);
            }
        } while (v != 0 && visited < count && --budget > 0);
        return v;
    }

    /** A snapshot cursor's mark for a walk in slot order; its epoch ({@link #tables}) sits in bits 32 to 61. */
    private static final long WALK = 1L << 62;

    /**
     * A snapshot's scan: visits about {@code count} entries from {@code cursor} (start with 0) and
     * returns the next cursor, 0 when every entry present throughout was visited at least once.
     * While no resize runs it walks the buckets in slot order ({@link #walk}), where the scan's
     * reversed-bit order would make every slot a miss of its own (the slots of sixteen buckets
     * then share four lines, and only the entries miss); once a resize starts or the tables
     * change, it starts over as a {@link #scan}, whose order survives resizes. A key may be
     * visited twice (a snapshot's pending bit writes it once).
     */
    long snapshotScan(long cursor, int count, EntryVisitor visitor, long nowMillis) {
        boolean walking = cursor == 0 || (cursor & WALK) != 0;
        long epoch = (long) (tables & 0x3FFF_FFFF) << 32;
        if (walking && target == null && (cursor == 0 || (cursor & ~WALK & ~0xFFFF_FFFFL) == epoch)) {
            int next = walk((int) cursor, count, visitor, nowMillis);
            return next == 0 ? 0 : WALK | epoch | next;
        }
        return scan(walking ? 0 : cursor, count, visitor, nowMillis); // a walk cut short by a resize starts over
    }

    /**
     * Visits the buckets of {@link #main} from home slot {@code home} on, in slot order, until
     * about {@code count} entries were visited or ten times as many buckets walked (at least
     * {@link #SCAN_MIN_BUCKETS}); returns the next home slot, 0 at the end. A bucket's entries
     * move within its run as keys come and go, never out of it, so every entry present
     * throughout is visited while the table is not replaced.
     */
    private int walk(int home, int count, EntryVisitor visitor, long nowMillis) {
        HashTable table = main;
        int visited = 0;
        long budget = Math.max(Math.max(1L, count) * 10, SCAN_MIN_BUCKETS);
        int h = home;
        for (; h < table.capacity && visited < count && budget-- > 0; h++) {
            if (((h - home) & (WALK_AHEAD - 1)) == 0) {
                loadSlotsAhead(table, h);
            }
            visited += visitBucket(table, h, visitor, nowMillis);
        }
        return h == table.capacity ? 0 : h;
    }

    /**
     * Loads what the next {@link #SCAN_AHEAD} buckets of a scan from cursor {@code v} will visit,
     * in three passes: the buckets' home slots (a loop of independent loads), then the entries
     * each bucket holds, found in those slots and the ones after them (Robin Hood keeps a
     * bucket's occupants together, often after occupants of earlier homes), then those entries.
     * A scan's cursor runs in reversed-bit order, so its buckets lie all over the index and
     * their entries all over memory: visited one by one, each bucket cost two misses in a row
     * (the slot, then the entry), which made a snapshot's scan (automatic log rewrites, BGSAVE)
     * cost about 400 ns a key at 100,000 keys. Loaded ahead, a pass's misses overlap. Loading
     * only the home slot's entry missed every bucket whose home slot a displaced occupant holds.
     * A hint only: what a visit finds is read again then ({@link BlockAllocator#keep} keeps the
     * loads).
     */
    private void loadAhead(long v) {
        HashTable table = main;
        long w = v;
        long sum = 0;
        for (int i = 0; i < SCAN_AHEAD; i++) {
            int home = (int) (w & table.mask);
            aheadHomes[i] = home;
            sum += table.entryAt(home);
            w = nextCursor(w, table.mask);
        }
        memory.keep(sum);
        int n = 0;
        for (int i = 0; i < SCAN_AHEAD && n < aheadEntries.length; i++) {
            for (int slot = aheadHomes[i], distance = 0; n < aheadEntries.length;
                    slot = (slot + 1) & table.mask, distance++) {
                long entry = table.entryAt(slot);
                if (entry == 0) {
                    break;
                }
                int displacement = table.displacementAt(slot);
                if (displacement < distance) {
                    break;
                }
                if (displacement == distance) {
                    aheadEntries[n++] = entry;
                }
            }
        }
        loadAheadEntries(n);
    }

    /**
     * Loads the entries named in the first {@code n} of {@link #aheadEntries} (0: none), in a
     * loop that does nothing else: a load that misses holds retirement until it arrives, so work
     * between two of them (stepping a cursor, reading a slot) would leave fewer in flight.
     */
    private void loadAheadEntries(int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            long entry = aheadEntries[i];
            if (entry != 0) {
                sum += loadEntry(entry);
            }
        }
        memory.keep(sum);
    }

    /** Visits every live entry. The visitor must not change the keyspace. */
    void forEach(EntryVisitor visitor, long nowMillis) {
        visitAll(main, target == null ? 0 : rehashIndex, visitor, nowMillis);
        if (target != null) {
            visitAll(target, 0, visitor, nowMillis);
        }
    }

    /** Loads the entries in the {@link #WALK_AHEAD} slots of {@code table} from {@code from} on (fewer at its end). */
    private void loadSlotsAhead(HashTable table, int from) {
        int n = Math.min(table.capacity - from, WALK_AHEAD);
        for (int i = 0; i < n; i++) {
            aheadEntries[i] = table.entryAt(from + i);
        }
        loadAheadEntries(n);
    }

    /** Visits the slots of {@code table} from {@code from} on, loading the entries of the next {@link #WALK_AHEAD} slots before visiting them (see {@link #loadAhead}). */
    private void visitAll(HashTable table, int from, EntryVisitor visitor, long nowMillis) {
        for (int slot = from; slot < table.capacity; slot++) {
            if (((slot - from) & (WALK_AHEAD - 1)) == 0) {
                loadSlotsAhead(table, slot);
            }
            visitSlot(table, slot, visitor, nowMillis);
        }
    }

    /** The ref of a random occupied slot (bias towards slots after long gaps), or -1 when empty. */
    long randomRef(long random) {
        int total = size();
        if (total == 0) {
            return -1;
        }
        boolean inTarget = target != null && ((random >>> 32) * total >>> 32) >= main.count;
        HashTable table = inTarget ? target : main;
        int start = inTarget || target == null ? 0 : rehashIndex;
        int slot = start + (int) ((random & 0xFFFF_FFFFL) * (table.capacity - start) >>> 32);
        while (table.entryAt(slot) == 0) {
            slot = (slot + 1) & table.mask;
        }
        return inTarget ? slot | IN_TARGET : slot;
    }

    /**
     * Makes an empty index big enough for {@code keys} keys at once, so loading them never grows it
     * step by step (a snapshot's load knows the count ahead: RDB's RESIZEDB, as Redis expands its
     * dict on it). Does nothing once the index holds a key.
     */
    void reserve(long keys) {
        if (size() != 0 || target != null) {
            return;
        }
        long wanted = Math.max(minCapacity, keys + keys / 3 + 1); // under the 3/4 load that starts a grow
        int capacity = (int) Math.min(MAX_CAPACITY, Long.highestOneBit(wanted - 1) << 1);
        if (capacity > main.capacity) {
            main.close();
            main = new HashTable(capacity);
            tables++;
        }
    }

    /** Drops every key (not their memory) and returns to the initial capacity. */
    void reset() {
        close();
        main = new HashTable(minCapacity);
        target = null;
        rehashIndex = 0;
        tables++;
    }

    void close() {
        main.close();
        if (target != null) {
            target.close();
        }
    }

    private HashTable table(long ref) {
        return (ref & IN_TARGET) != 0 ? target : main;
    }

    /**
     * Starts a shrink when the table is under 1/8 full; the target holds at least four times the
     * keys and at least 1/8 of the old capacity (so the shrink finishes before it fills), and at
     * most half. Called on delete and when the tick asks for rehash work, so a keyspace emptied
     * by deletes returns to its initial size.
     */
    private boolean maybeShrink() {
        if (main.capacity <= minCapacity || main.count >= main.capacity / 8) {
            return false;
        }
        int wanted = Integer.highestOneBit(Math.max(1, main.count * 4) - 1) << 1;
        startRehash(Math.max(minCapacity, Math.clamp(wanted, main.capacity / 8, main.capacity / 2)));
        return true;
    }

    private void startRehash(int capacity) {
        target = new HashTable(capacity);
        rehashIndex = 0;
        tables++;
    }

    private static int maxLoad(int capacity) {
        return capacity - (capacity >>> 2);
    }

    /** The reverse-binary cursor after {@code v} in a table of {@code mask + 1} buckets (SCAN's order, shared with {@link FieldTable#scan}). */
    static long nextCursor(long v, long mask) {
        v |= ~mask;             // set the bits above the mask so the increment carries past them
        v = Long.reverse(v);
        v++;
        return Long.reverse(v);
    }

    private int visitBucket(HashTable table, int home, EntryVisitor visitor, long nowMillis) {
        int visited = 0;
        for (int slot = home, distance = 0; ; slot = (slot + 1) & table.mask, distance++) {
            if (table.entryAt(slot) == 0) {
                return visited;
            }
            int displacement = table.displacementAt(slot);
            if (displacement < distance) {
                return visited; // occupants from here on belong to later homes
            }
            if (displacement == distance && visitSlot(table, slot, visitor, nowMillis)) {
                visited++;
            }
        }
    }

    private boolean visitSlot(HashTable table, int slot, EntryVisitor visitor, long nowMillis) {
        long entry = table.entryAt(slot);
        if (entry == 0) {
            return false;
        }
        MemorySegment s = memory.segment(entry);
        long base = BlockAllocator.offset(entry);
        if (EntryLayout.isExpired(EntryLayout.expireAt(s, base), nowMillis)) {
            return false;
        }
        visitor.visit(s, base + EntryLayout.HEADER, EntryLayout.keyLength(s, base), entry);
        return true;
    }
}
