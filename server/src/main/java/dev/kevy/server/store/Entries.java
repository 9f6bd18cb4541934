package dev.kevy.server.store;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static dev.kevy.server.store.EntryLayout.EXPIRE_AT;
import static dev.kevy.server.store.EntryLayout.EXPIRY_INDEX;
import static dev.kevy.server.store.EntryLayout.HEADER;
import static dev.kevy.server.store.EntryLayout.INT;
import static dev.kevy.server.store.EntryLayout.KEY_LENGTH;
import static dev.kevy.server.store.EntryLayout.LONG;
import static dev.kevy.server.store.EntryLayout.META;
import static dev.kevy.server.store.EntryLayout.VALUE_LENGTH;

/**
 * The entry-level steps the {@link Keyspace} operations are made of: find a live key, create an
 * entry, resize its value (in place or by moving it), set its expiry, remove it. Each keeps the
 * three structures consistent: the index slot names the block, and the expiry index and the
 * header's recorded position name each other.
 */
final class Entries {
    private static final int SLACK_LIMIT = 1 << 20;

    final BlockAllocator memory = new BlockAllocator();
    final ExpiryIndex expiries = new ExpiryIndex();
    /** Descent scratch for the keyspace's large sorted sets. */
    final ScoreTree order = new ScoreTree();
    final Dict dict;
    final AccessTracker access;
    /** Told of keys created, expired and evicted ({@link Databases#listen}). */
    KeyListener listener = KeyListener.NONE;
    /** The database number this keyspace is now (it changes with SWAPDB), for the listener. */
    int db;
    /** {@link EntryLayout#SNAPSHOT_BIT} or 0: what new entries get, flipped at each snapshot's cut. */
    int snapshotBit;

    Entries(int minCapacity, AccessTracker access) {
        this.dict = new Dict(memory, minCapacity);
        this.access = access;
    }

    /** The key's ref if it is present and live; an expired key is deleted and reported absent. */
    long findLive(long hash, MemorySegment key, long keyOffset, int keyLength, long nowMillis) {
        long ref = dict.find(hash, key, keyOffset, keyLength);
        if (ref >= 0) {
            long entry = dict.entry(ref);
            long expireAt = memory.segment(entry).get(LONG, BlockAllocator.offset(entry) + EXPIRE_AT);
            if (EntryLayout.isExpired(expireAt, nowMillis)) {
                removeExpired(ref, entry);
                return -1;
            }
        }
        return ref;
    }

    /**
     * Makes {@code ref} (or a new entry when -1) hold a value of the given length and kind
     * ({@link EntryLayout#kind}); an old value's own blocks (a collection's table) are freed.
     */
    long write(long hash, long ref, MemorySegment key, long keyOffset, int keyLength, int valueLength,
               int kind, long expireAtMillis, int flags, long nowMillis) {
        boolean keepTtl = (flags & Keyspace.KEEP_TTL) != 0;
        if (ref < 0) {
            return insert(hash, key, keyOffset, keyLength, valueLength, kind, keepTtl ? 0 : expireAtMillis, nowMillis);
        }
        releaseValue(dict.entry(ref));
        long entry = resize(ref, dict.entry(ref), valueLength, 0, false, nowMillis);
        MemorySegment s = memory.segment(entry);
        long base = BlockAllocator.offset(entry);
        // resize recorded the access; an overwrite keeps the key's LRU/LFU history, as Redis's dbSetValue
        int old = EntryLayout.meta(s, base);
        s.set(INT, base + META, AccessTracker.keepAccess(EntryLayout.meta(kind, nowMillis), old)
                | (old & EntryLayout.SNAPSHOT_BIT));
        if (!keepTtl) {
            setExpireAt(entry, expireAtMillis);
        }
        return entry;
    }

    long insert(long hash, MemorySegment key, long keyOffset, int keyLength, int valueLength,
                int kind, long expireAtMillis, long nowMillis) {
        long entry = memory.allocate(HEADER + keyLength + valueLength);
        MemorySegment s = memory.segment(entry);
        long base = BlockAllocator.offset(entry);
        s.set(LONG, base + EXPIRE_AT, expireAtMillis);
        s.set(INT, base + KEY_LENGTH, keyLength);
        s.set(INT, base + VALUE_LENGTH, valueLength);
        s.set(INT, base + EXPIRY_INDEX, expireAtMillis == 0 ? -1 : expiries.add(entry));
        s.set(INT, base + META, access.fresh(EntryLayout.meta(kind, nowMillis), nowMillis) | snapshotBit);
        MemorySegment.copy(key, keyOffset, s, base + HEADER, keyLength);
        dict.insert(hash, entry);
        listener.created(db, s, base + HEADER, keyLength);
        return entry;
    }

    /**
     * Sets the value length of the entry at {@code ref}, keeping the first {@code keep} value
     * bytes. In place when the block holds it and stays over a quarter used; otherwise the entry
     * moves to a new block (with slack if asked) and the old block is freed. Returns the entry.
     */
    long resize(long ref, long entry, int valueLength, int keep, boolean slack, long nowMillis) {
        MemorySegment s = memory.segment(entry);
        long base = BlockAllocator.offset(entry);
        int keyLength = s.get(INT, base + KEY_LENGTH);
        int need = HEADER + keyLength + valueLength;
        int capacity = memory.capacity(entry);
        if (need <= capacity && (need > capacity >>> 2 || capacity <= 64)) {
            s.set(INT, base + VALUE_LENGTH, valueLength);
            touch(s, base, nowMillis);
            return entry;
        }
        int size = slack ? (int) Math.min(SizeClasses.MAX_SIZE, need < SLACK_LIMIT ? 2L * need : (long) need + SLACK_LIMIT) : need;
        long moved = memory.allocate(size);
        MemorySegment d = memory.segment(moved);
        long movedBase = BlockAllocator.offset(moved);
        MemorySegment.copy(s, base, d, movedBase, HEADER + keyLength + keep);
        d.set(INT, movedBase + VALUE_LENGTH, valueLength);
        touch(d, movedBase, nowMillis);
        dict.setEntry(ref, moved);
        if (s.get(LONG, base + EXPIRE_AT) != 0) {
            expiries.set(s.get(INT, base + EXPIRY_INDEX), moved);
        }
        memory.free(entry);
        return moved;
    }

    /** Sets or clears the entry's expiry, keeping the expiry index in step. */
    void setExpireAt(long entry, long expireAtMillis) {
        MemorySegment s = memory.segment(entry);
        long base = BlockAllocator.offset(entry);
        long old = s.get(LONG, base + EXPIRE_AT);
        if (old == 0 && expireAtMillis != 0) {
            s.set(INT, base + EXPIRY_INDEX, expiries.add(entry));
        } else if (old != 0 && expireAtMillis == 0) {
            dropExpiry(s, base);
        }
        s.set(LONG, base + EXPIRE_AT, expireAtMillis);
    }

    /** Removes the entry at {@code ref}; true if it was live, false if expired (the listener is told). */
    boolean removeAt(long ref, long nowMillis) {
        long entry = dict.entry(ref);
        if (EntryLayout.isExpired(memory.segment(entry).get(LONG, BlockAllocator.offset(entry) + EXPIRE_AT), nowMillis)) {
            removeExpired(ref, entry);
            return false;
        }
        removeEntry(ref, entry);
        return true;
    }

    /** Removes an expired entry as {@link #removeEntry}, telling the listener first. */
    void removeExpired(long ref, long entry) {
        MemorySegment s = memory.segment(entry);
        long base = BlockAllocator.offset(entry);
        listener.expired(db, s, base + HEADER, s.get(INT, base + KEY_LENGTH));
        removeEntry(ref, entry);
    }

    /** Removes the entry at {@code ref} from the index, the expiry index and memory, with its value's blocks. */
    void removeEntry(long ref, long entry) {
        releaseValue(entry);
        unlinkEntry(ref, entry);
    }

    /**
     * Removes the entry at {@code ref} but not its value's own blocks, which the caller has handed
     * to another entry of this keyspace (RENAME within a keyspace moves a collection's table).
     */
    void unlinkEntry(long ref, long entry) {
        MemorySegment s = memory.segment(entry);
        long base = BlockAllocator.offset(entry);
        if (s.get(LONG, base + EXPIRE_AT) != 0) {
            dropExpiry(s, base);
        }
        dict.removeAt(ref);
        memory.free(entry);
    }

    /** The block of the table an entry's value holds (the entry must own one). */
    long tableOf(long entry) {
        long base = BlockAllocator.offset(entry);
        MemorySegment s = memory.segment(entry);
        return s.get(LONG, base + HEADER + s.get(INT, base + KEY_LENGTH));
    }

    /** Points an entry's value at a (rebuilt) table block. */
    void setTable(long entry, long table) {
        long base = BlockAllocator.offset(entry);
        MemorySegment s = memory.segment(entry);
        s.set(LONG, base + HEADER + s.get(INT, base + KEY_LENGTH), table);
    }

    /** Frees the blocks an entry's value owns beyond the entry itself (a collection's table and elements). */
    void releaseValue(long entry) {
        int meta = memory.segment(entry).get(INT, BlockAllocator.offset(entry) + META);
        if (!EntryLayout.ownsTable(meta)) {
            return;
        }
        if (EntryLayout.type(meta) == Keyspace.TYPE_LIST) {
            ListNodes.release(memory, tableOf(entry));
        } else if (EntryLayout.type(meta) == Keyspace.TYPE_ZSET) {
            Zsets.release(this, entry);
        } else {
            FieldTable.release(memory, tableOf(entry), true);
        }
    }

    /** The kind (type and encoding, {@link EntryLayout#kind}) of an entry's value. */
    int kindOf(long entry) {
        return memory.segment(entry).get(INT, BlockAllocator.offset(entry) + META) & EntryLayout.KIND_MASK;
    }

    /** Sets the kind (type and encoding) of an entry, keeping its LRU clock. */
    void setKind(long entry, int kind) {
        MemorySegment s = memory.segment(entry);
        long base = BlockAllocator.offset(entry);
        s.set(INT, base + META, (s.get(INT, base + META) & ~EntryLayout.KIND_MASK) | (kind & EntryLayout.KIND_MASK));
    }

    private void dropExpiry(MemorySegment s, long base) {
        int index = s.get(INT, base + EXPIRY_INDEX);
        long moved = expiries.removeAt(index);
        if (moved != 0) {
            memory.segment(moved).set(INT, BlockAllocator.offset(moved) + EXPIRY_INDEX, index);
        }
    }

    /** Records an access in the entry's LRU clock or LFU counter ({@link AccessTracker}). */
    void touch(MemorySegment s, long base, long nowMillis) {
        access.touch(s, base, nowMillis);
    }

    static void fillZero(MemorySegment s, long offset, long length) {
        long end = offset + length;
        long at = offset;
        for (; at + 8 <= end; at += 8) {
            s.set(LONG, at, 0L);
        }
        for (; at < end; at++) {
            s.set(ValueLayout.JAVA_BYTE, at, (byte) 0);
        }
    }
}
