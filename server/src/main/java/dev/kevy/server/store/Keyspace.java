package dev.kevy.server.store;

import dev.kevy.rt.KeyHash;
import java.lang.foreign.MemorySegment;

import static dev.kevy.server.store.EntryLayout.EXPIRE_AT;
import static dev.kevy.server.store.EntryLayout.HEADER;
import static dev.kevy.server.store.EntryLayout.INT;
import static dev.kevy.server.store.EntryLayout.KEY_LENGTH;
import static dev.kevy.server.store.EntryLayout.LONG;
import static dev.kevy.server.store.EntryLayout.META;
import static dev.kevy.server.store.EntryLayout.VALUE_LENGTH;

/**
 * One shard's keyspace, entirely off-heap: keys, values and the index live in
 * {@link MemorySegment}s, and no call allocates on the heap once the structures have grown to the
 * data (growth, a flush and large-value churn beyond a cache may).
 *
 * <p><b>Threading.</b> Single-threaded: the owning shard makes every call, including
 * {@link #close}. There are no locks and no fences.
 *
 * <p><b>Keys and values</b> are passed as (segment, offset, length) ranges and copied in. A value
 * range given to a mutating call must not lie inside this keyspace's own memory; to copy one key's
 * value to another use {@link #reserve} and {@link MemorySegment#copy}.
 *
 * <p><b>Entry handles.</b> {@link #lookup} returns a handle ({@code long > 0}) or {@link #ABSENT}.
 * The accessors read through it: to send a GET reply, copy {@link #valueLength} bytes of
 * {@link #segment} at {@link #valueOffset} into the output buffer. A handle stays valid until a
 * call writes or deletes that same key (a value that outgrows its block moves), an expiry pass
 * removes it, or {@link #flush}; calls on other keys never move it.
 *
 * <p><b>Time.</b> Every call that can meet an expired key takes {@code nowMillis}; a key whose
 * expiry is before it ({@code now > expireAt}, as Redis) is absent and is deleted when met.
 *
 * <p><b>Return codes.</b> Negative values: {@link #ABSENT}, {@link #WRONG_TYPE},
 * {@link #NOT_INTEGER}, {@link #OVERFLOW}, {@link #TOO_LARGE}; a call that returns a handle on
 * success returns one of these instead when it fails.
 */
public final class Keyspace implements AutoCloseable {
    /** No such key (or it expired). */
    public static final long ABSENT = -1;
    /** The key holds a value of another type (Redis WRONGTYPE). */
    public static final int WRONG_TYPE = -2;
    /** The value is not the canonical text of a 64-bit integer. */
    public static final int NOT_INTEGER = -3;
    /** The increment would overflow a 64-bit integer. */
    public static final int OVERFLOW = -4;
    /** The key or resulting value would exceed the maximum value size. */
    public static final int TOO_LARGE = -5;

    /** Type of a string value (the numbers are Redis's {@code OBJ_*}). */
    public static final byte TYPE_STRING = 0;
    /** Type of a list value. */
    public static final byte TYPE_LIST = 1;
    /** Type of a set value ({@link Sets}). */
    public static final byte TYPE_SET = 2;
    /** Type of a sorted set value. */
    public static final byte TYPE_ZSET = 3;
    /** Type of a hash value ({@link Hashes}). */
    public static final byte TYPE_HASH = 4;

    /** {@link #set} flag: keep the key's current expiry (SET KEEPTTL). */
    public static final int KEEP_TTL = 1;
    /** {@link #set} flag: write only if the key is absent (SET NX). */
    public static final int IF_ABSENT = 2;
    /** {@link #set} flag: write only if the key exists (SET XX). */
    public static final int IF_PRESENT = 4;

    /** Redis's default proto-max-bulk-len: 512 MiB. */
    public static final int DEFAULT_MAX_VALUE_BYTES = 512 << 20;
    /** Largest allowed maximum: a key and a value of this size still fit one block. */
    public static final int MAX_VALUE_BYTES_LIMIT = (SizeClasses.MAX_SIZE - HEADER) / 2;

    final Entries entries; // the Evictor samples through it
    private final BlockAllocator memory;
    private final ExpiryIndex expiries;
    final Dict dict;
    private final int maxValueBytes;
    /** The hash operations on this keyspace. */
    public final Hashes hashes;
    /** The set operations on this keyspace. */
    public final Sets sets;
    /** The list operations on this keyspace. */
    public final Lists lists;
    /** The sorted-set operations on this keyspace. */
    public final Zsets zsets;
    private final StringWrites strings;
    private long randomState;

    /** A keyspace sized for about a thousand keys, with Redis's default value limit. */
    public Keyspace() {
        this(1024, DEFAULT_MAX_VALUE_BYTES);
    }

    /**
     * @param expectedKeys  keys to hold without resizing; also the size it never shrinks below
     * @param maxValueBytes largest value (and key), at most {@link #MAX_VALUE_BYTES_LIMIT}
     */
    public Keyspace(int expectedKeys, int maxValueBytes) {
        this(expectedKeys, maxValueBytes, new EncodingLimits(), new AccessTracker());
    }

    /**
     * @param expectedKeys  keys to hold without resizing; also the size it never shrinks below
     * @param maxValueBytes largest value (and key), at most {@link #MAX_VALUE_BYTES_LIMIT}
     * @param limits        when hashes and sets leave their compact encodings (shared, live)
     */
    public Keyspace(int expectedKeys, int maxValueBytes, EncodingLimits limits) {
        this(expectedKeys, maxValueBytes, limits, new AccessTracker());
    }

    /** A keyspace whose entries record accesses as {@code access} says (one tracker per shard). */
    Keyspace(int expectedKeys, int maxValueBytes, EncodingLimits limits, AccessTracker access) {
        if (expectedKeys < 0 || expectedKeys > 1 << 29) {
            throw new IllegalArgumentException("expectedKeys out of range: " + expectedKeys);
        }
        if (maxValueBytes < 0 || maxValueBytes > MAX_VALUE_BYTES_LIMIT) {
            throw new IllegalArgumentException("maxValueBytes out of range: " + maxValueBytes);
        }
        int slots = Math.max(16, expectedKeys + expectedKeys / 3 + 1);
        this.entries = new Entries(Integer.highestOneBit(slots - 1) << 1, access);
        this.memory = entries.memory;
        this.expiries = entries.expiries;
        this.dict = entries.dict;
        this.maxValueBytes = maxValueBytes;
        this.hashes = new Hashes(entries, maxValueBytes, limits);
        this.sets = new Sets(entries, maxValueBytes, limits);
        this.lists = new Lists(entries, maxValueBytes, limits);
        this.zsets = new Zsets(entries, maxValueBytes, limits);
        this.strings = new StringWrites(entries, maxValueBytes);
        this.randomState = System.nanoTime();
    }

    // ---- lookup and accessors ----------------------------------------------------------------

    /** The live entry for a key, or {@link #ABSENT}; records the access (LRU clock or LFU counter). */
    public long lookup(MemorySegment key, long keyOffset, int keyLength, long nowMillis) {
        long entry = peek(key, keyOffset, keyLength, nowMillis);
        if (entry != ABSENT) {
            entries.touch(memory.segment(entry), BlockAllocator.offset(entry), nowMillis);
        }
        return entry;
    }

    /** As {@link #lookup} without recording the access (EXISTS, TTL, OBJECT IDLETIME). */
    public long peek(MemorySegment key, long keyOffset, int keyLength, long nowMillis) {
        long ref = entries.findLive(KeyHash.hash(key, keyOffset, keyLength), key, keyOffset, keyLength, nowMillis);
        return ref < 0 ? ABSENT : dict.entry(ref);
    }

    /** True if the key is present and not expired. */
    public boolean exists(MemorySegment key, long keyOffset, int keyLength, long nowMillis) {
        return peek(key, keyOffset, keyLength, nowMillis) != ABSENT;
    }

    /** As {@link #exists}, changing nothing: an expired key stays (for listeners, which a removal would call). */
    public boolean holdsLive(MemorySegment key, long keyOffset, int keyLength, long nowMillis) {
        long ref = dict.find(KeyHash.hash(key, keyOffset, keyLength), key, keyOffset, keyLength);
        return ref >= 0 && !EntryLayout.isExpired(expireAt(dict.entry(ref)), nowMillis);
    }

    /** The segment holding the entry's key and value. */
    public MemorySegment segment(long entry) {
        return memory.segment(entry);
    }

    public long keyOffset(long entry) {
        return BlockAllocator.offset(entry) + HEADER;
    }

    public int keyLength(long entry) {
        return memory.segment(entry).get(INT, BlockAllocator.offset(entry) + KEY_LENGTH);
    }

    public long valueOffset(long entry) {
        return keyOffset(entry) + keyLength(entry);
    }

    /** Value length in bytes (STRLEN). */
    public int valueLength(long entry) {
        return memory.segment(entry).get(INT, BlockAllocator.offset(entry) + VALUE_LENGTH);
    }

    /** The value's type: {@link #TYPE_STRING}, {@link #TYPE_HASH}, ... */
    public byte type(long entry) {
        return (byte) EntryLayout.type(memory.segment(entry).get(INT, BlockAllocator.offset(entry) + META));
    }

    /** Marks a string changed in place (SETBIT, BITFIELD, BITOP's result): OBJECT ENCODING says "raw", as Redis's does. */
    public void markRaw(long entry) {
        entries.setKind(entry, EntryLayout.kind(TYPE_STRING, EntryLayout.ENC_RAW));
    }

    /** The value's encoding as OBJECT ENCODING names it ("listpack", "hashtable", "intset", "embstr", ...). */
    public String encodingName(long entry) {
        return Encodings.name(entries.kindOf(entry), segment(entry), valueOffset(entry), valueLength(entry));
    }

    /**
     * MEMORY USAGE: bytes of the entry's block, its index slot and, for a table-encoded
     * collection, the table and its elements, estimated from the first {@code samples} of them
     * as Redis does (0: every element).
     */
    public long memoryUsage(long entry, int samples) {
        long bytes = memory.capacity(entry) + HashTable.SLOT_BYTES;
        int kind = entries.kindOf(entry);
        if (EntryLayout.ownsTable(kind)) {
            bytes += EntryLayout.type(kind) == TYPE_LIST ? ListNodes.memoryUsage(memory, entries.tableOf(entry), samples)
                    : EntryLayout.type(kind) == TYPE_ZSET ? Zsets.memoryUsage(entries, entry, samples)
                    : FieldTable.memoryUsage(memory, entries.tableOf(entry), samples);
        }
        return bytes;
    }

    /** Absolute expiry in epoch milliseconds, 0 when the key does not expire. */
    public long expireAt(long entry) {
        return memory.segment(entry).get(LONG, BlockAllocator.offset(entry) + EXPIRE_AT);
    }

    /** Seconds since the entry was last looked up or written (OBJECT IDLETIME, under an LRU policy). */
    public int idleSeconds(long entry, long nowMillis) {
        int lru = memory.segment(entry).get(INT, BlockAllocator.offset(entry) + META) >>> 8;
        return (EntryLayout.lruClock(nowMillis) - lru) & EntryLayout.LRU_MASK;
    }

    /**
     * SET: stores a string value, creating or overwriting the key (whatever its type). An
     * overwrite that fits the key's block is done in place (unless it would use under a quarter of
     * it). {@code expireAtMillis} (0 = none) replaces the expiry unless {@link #KEEP_TTL} is given.
     * With {@link #IF_ABSENT} or {@link #IF_PRESENT} nothing is written when the condition fails.
     *
     * @return 1 if the key existed (live) before the call, 0 if not, or {@link #TOO_LARGE}
     */
    public int set(MemorySegment key, long keyOffset, int keyLength,
                   MemorySegment value, long valueOffset, int valueLength,
                   long expireAtMillis, int flags, long nowMillis) {
        if (keyLength > maxValueBytes || valueLength > maxValueBytes) {
            return TOO_LARGE;
        }
        long hash = KeyHash.hash(key, keyOffset, keyLength);
        long ref = entries.findLive(hash, key, keyOffset, keyLength, nowMillis);
        int existed = ref >= 0 ? 1 : 0;
        if ((flags & (existed == 1 ? IF_ABSENT : IF_PRESENT)) != 0) {
            return existed;
        }
        long entry = entries.write(hash, ref, key, keyOffset, keyLength, valueLength, TYPE_STRING, expireAtMillis, flags, nowMillis);
        MemorySegment.copy(value, valueOffset, memory.segment(entry), valueOffset(entry), valueLength);
        return existed;
    }

    /**
     * Creates or overwrites a key with a value of {@code valueLength} bytes whose contents the
     * caller then writes through the returned handle (the bytes are unspecified until then).
     * For building values in place: RENAME/COPY, values of other types, restore.
     *
     * @return the entry handle, or {@link #TOO_LARGE}
     */
    public long reserve(MemorySegment key, long keyOffset, int keyLength, int valueLength, byte type,
                        long expireAtMillis, int flags, long nowMillis) {
        return reserveKind(key, keyOffset, keyLength, valueLength, type, expireAtMillis, flags, nowMillis);
    }

    private long reserveKind(MemorySegment key, long keyOffset, int keyLength, int valueLength, int kind,
                             long expireAtMillis, int flags, long nowMillis) {
        if (keyLength > maxValueBytes || valueLength > maxValueBytes || valueLength < 0) {
            return TOO_LARGE;
        }
        long hash = KeyHash.hash(key, keyOffset, keyLength);
        long ref = entries.findLive(hash, key, keyOffset, keyLength, nowMillis);
        return entries.write(hash, ref, key, keyOffset, keyLength, valueLength, kind, expireAtMillis, flags & KEEP_TTL, nowMillis);
    }

    /**
     * RENAME, MOVE and COPY: gives {@code key} in this keyspace the value, type and expiry
     * ({@code expireAtMillis}) of entry {@code src} of {@code from}, replacing what the key held;
     * with {@code move} the source key is deleted. A collection is copied element by element into
     * this keyspace's memory, except when it moves within one keyspace: then its table changes
     * hands. The key must differ from the source's when both are this keyspace.
     *
     * @return the new entry, or {@link #TOO_LARGE} changing nothing
     */
    public long copyFrom(Keyspace from, long src, MemorySegment key, long keyOffset, int keyLength, long expireAtMillis,
                         boolean move, long nowMillis) {
        int kind = from.entries.kindOf(src);
        boolean handOver = move && from == this && EntryLayout.ownsTable(kind);
        long dst = reserveKind(key, keyOffset, keyLength, from.valueLength(src), kind, expireAtMillis, 0, nowMillis);
        if (dst >= 0) {
            Copies.value(from.entries, src, entries, dst, handOver);
            if (move) {
                from.remove(src, !handOver);
            }
        }
        return dst;
    }

    /** Deletes a live entry by its handle; with {@code release} false its table is kept (handed over). */
    private void remove(long entry, boolean release) {
        MemorySegment s = memory.segment(entry);
        long base = BlockAllocator.offset(entry);
        long ref = dict.findEntry(KeyHash.hash(s, base + HEADER, s.get(INT, base + KEY_LENGTH)), entry);
        if (release) {
            entries.removeEntry(ref, entry);
        } else {
            entries.unlinkEntry(ref, entry);
        }
    }

    /** DEL: removes the key. Returns true if a live key was removed (an expired one is removed too). */
    public boolean delete(MemorySegment key, long keyOffset, int keyLength, long nowMillis) {
        long ref = dict.find(KeyHash.hash(key, keyOffset, keyLength), key, keyOffset, keyLength);
        return ref >= 0 && entries.removeAt(ref, nowMillis);
    }

    /**
     * Sets or clears ({@code 0}) the expiry of a live entry. Redis deletes a key given an expiry
     * in the past instead; that decision belongs to the command, which calls {@link #delete}.
     */
    public void setExpireAt(long entry, long expireAtMillis) {
        entries.setExpireAt(entry, expireAtMillis);
    }

    /**
     * APPEND: appends to a string, creating it if absent; keeps the expiry. A value that outgrows
     * its block moves to one with room to spare (double, or +1 MiB past 1 MiB, as Redis's sds).
     *
     * @return the new length, or {@link #WRONG_TYPE} / {@link #TOO_LARGE}
     */
    public long append(MemorySegment key, long keyOffset, int keyLength,
                       MemorySegment value, long valueOffset, int valueLength, long nowMillis) {
        return strings.append(key, keyOffset, keyLength, value, valueOffset, valueLength, nowMillis);
    }

    /**
     * SETRANGE: overwrites the string from {@code offset} ({@code >= 0}), zero-padding any gap and
     * growing it as needed; keeps the expiry. An empty value changes nothing and creates nothing.
     *
     * @return the new length, or {@link #WRONG_TYPE} / {@link #TOO_LARGE}
     */
    public long setRange(MemorySegment key, long keyOffset, int keyLength, long offset,
                         MemorySegment value, long valueOffset, int valueLength, long nowMillis) {
        return strings.setRange(key, keyOffset, keyLength, offset, value, valueOffset, valueLength, nowMillis);
    }

    /**
     * INCRBY/DECRBY/INCR/DECR: adds {@code delta} to the integer a string holds (an absent key
     * counts as 0), rewriting its decimal text in place; keeps the expiry. The value must be
     * exactly the text Redis's {@code string2ll} accepts: "0", or an optional '-' and digits
     * without leading zeros, within 64 bits.
     *
     * @return the key's entry handle ({@code > 0}), its value now the result in that same
     *         canonical text (which is also RESP's integer reply, digit for digit), or
     *         {@link #WRONG_TYPE}, {@link #NOT_INTEGER}, {@link #OVERFLOW}, {@link #TOO_LARGE}
     */
    public long incrBy(MemorySegment key, long keyOffset, int keyLength, long delta, long nowMillis) {
        return strings.incrBy(key, keyOffset, keyLength, delta, nowMillis);
    }

    /** FLUSHDB/FLUSHALL: removes every key and returns all memory beyond the initial table. */
    public void flush() {
        dict.reset();
        expiries.reset();
        memory.reset();
    }

    /** Keys held, including expired ones not yet removed (as Redis DBSIZE). */
    public int size() {
        return dict.size();
    }

    /** Keys that have an expiry (INFO keyspace "expires"). */
    public int expiresCount() {
        return expiries.size();
    }

    /**
     * Active expiry: samples up to {@code maxSamples} keys that have an expiry, uniformly at
     * random, and deletes those expired. Work is bounded by {@code maxSamples} whatever the number
     * of expired keys. Returns how many were deleted; a tick repeats while that stays a large
     * share of the samples and its time budget lasts (Redis: 20 samples, repeat above 25%).
     */
    public int expireSome(long nowMillis, int maxSamples) {
        int expired = 0;
        for (int i = 0; i < maxSamples && expiries.size() > 0; i++) {
            int index = (int) ((nextRandom() >>> 32) * expiries.size() >>> 32);
            long entry = expiries.get(index);
            MemorySegment s = memory.segment(entry);
            long base = BlockAllocator.offset(entry);
            if (EntryLayout.isExpired(s.get(LONG, base + EXPIRE_AT), nowMillis)) {
                entries.listener.expired(entries.db, s, base + HEADER, s.get(INT, base + KEY_LENGTH));
                remove(entry, true);
                expired++;
            }
        }
        return expired;
    }

    /**
     * Eviction: removes {@code entry} by the normal path if the index still holds it under {@code hash}
     * (with an expiry, if {@code onlyVolatile}); false for a sample since deleted, moved or persisted.
     */
    boolean evict(long hash, long entry, boolean onlyVolatile) {
        long ref = dict.findEntry(hash, entry);
        if (ref < 0 || dict.hash(ref) != hash || (onlyVolatile && expireAt(entry) == 0)) {
            return false;
        }
        entries.listener.evicted(entries.db, segment(entry), keyOffset(entry), keyLength(entry));
        entries.removeEntry(ref, entry);
        return true;
    }

    /**
     * SCAN: visits about {@code count} live keys from {@code cursor} (start with 0) and returns
     * the next cursor, 0 when the scan is complete. Every key present for the whole scan is
     * visited at least once, even if the table resizes between calls; a key may be visited twice.
     * The visitor must not change the keyspace.
     */
    public long scan(long cursor, int count, EntryVisitor visitor, long nowMillis) {
        return dict.scan(cursor, count, visitor, nowMillis);
    }

    /** KEYS: visits every live key. The visitor must not change the keyspace. */
    public void forEach(EntryVisitor visitor, long nowMillis) {
        dict.forEach(visitor, nowMillis);
    }

    /**
     * RANDOMKEY: a random live entry, or {@link #ABSENT} when there is none. Expired keys met on
     * the way are deleted, so the work is bounded by the number of expired keys.
     */
    public long randomEntry(long nowMillis) {
        for (;;) {
            long ref = dict.randomRef(nextRandom());
            if (ref < 0) {
                return ABSENT;
            }
            long entry = dict.entry(ref);
            if (!EntryLayout.isExpired(expireAt(entry), nowMillis)) {
                return entry;
            }
            entries.removeExpired(ref, entry);
        }
    }

    /**
     * Advances an incremental resize by up to {@code maxSlots} old slots (the shard's tick calls
     * this while it has time; writes also advance it). Returns the slots moved, 0 when idle.
     */
    public int rehash(int maxSlots) {
        return dict.rehash(maxSlots);
    }

    public boolean isRehashing() {
        return dict.isRehashing();
    }

    /** Slots of the table new keys go to (tests observe resizes through it). */
    int capacity() {
        return dict.capacity();
    }

    /**
     * Bytes in use (INFO used_memory, maxmemory): entry blocks at their size-class size, the slots
     * of the index table(s), and the expiry index. Returns to its initial value when all keys are
     * deleted and any shrink has finished.
     */
    public long usedMemory() {
        return memory.liveBytes() + dict.byteSize() + 8L * expiries.size();
    }

    /** Off-heap bytes held from the operating system, including free blocks and cached memory. */
    public long reservedMemory() {
        return memory.reservedBytes() + dict.reservedBytes() + expiries.reservedBytes();
    }

    /**
     * Gives back memory the keyspace has not used since the previous call (pooled pages, cached
     * large blocks): call it from the shard's tick when idle. Returns the bytes given back.
     */
    public long trimMemory() {
        return memory.trim();
    }

    /** Frees all memory; the keyspace must not be used afterwards. */
    @Override
    public void close() {
        dict.close();
        expiries.close();
        memory.close();
    }

    /** SplitMix64: a fast, allocation-free generator for sampling; not for anything secret. */
    private long nextRandom() {
        long z = (randomState += 0x9E37_79B9_7F4A_7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }
}
