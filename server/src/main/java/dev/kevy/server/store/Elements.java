package dev.kevy.server.store;

import dev.kevy.rt.KeyHash;
import java.lang.foreign.MemorySegment;

import static dev.kevy.server.store.EntryLayout.ENC_PACKED;
import static dev.kevy.server.store.EntryLayout.ENC_TABLE;
import static dev.kevy.server.store.EntryLayout.HEADER;
import static dev.kevy.server.store.EntryLayout.INT;
import static dev.kevy.server.store.EntryLayout.KEY_LENGTH;
import static dev.kevy.server.store.EntryLayout.META;
import static dev.kevy.server.store.EntryLayout.VALUE_LENGTH;

/**
 * The element steps hashes and sets share, over their two string encodings: packed in the entry's
 * value ({@link Packed}) and a {@link FieldTable}. {@code pairs} says whether an element is a field
 * with a value (a hash) or a member alone (a set).
 *
 * <p>An element's <em>identity</em> is a {@code long} naming where it is stored: the entry's block
 * with the element's offset for a packed collection, the element's own block in a table. It is
 * valid until the collection is next written.
 */
final class Elements {
    private static final long OFFSET_BITS = 0xFFFF_FFFFL;

    private final Entries entries;
    private final BlockAllocator memory;
    private final boolean pairs;

    Elements(Entries entries, boolean pairs) {
        this.entries = entries;
        this.memory = entries.memory;
        this.pairs = pairs;
    }

    static int meta(BlockAllocator memory, long entry) {
        return memory.segment(entry).get(INT, BlockAllocator.offset(entry) + META);
    }

    /** Offset of an entry's value bytes in its segment. */
    static long valueOffset(MemorySegment s, long entry) {
        long base = BlockAllocator.offset(entry);
        return base + HEADER + s.get(INT, base + KEY_LENGTH);
    }

    static int valueLength(MemorySegment s, long entry) {
        return s.get(INT, BlockAllocator.offset(entry) + VALUE_LENGTH);
    }

    /**
     * The live entry of a key holding a value of {@code type} (its access recorded),
     * {@link Keyspace#ABSENT}, or {@link Keyspace#WRONG_TYPE}.
     */
    long findOfType(MemorySegment key, long keyOffset, int keyLength, int type, long nowMillis) {
        long ref = entries.findLive(KeyHash.hash(key, keyOffset, keyLength), key, keyOffset, keyLength, nowMillis);
        if (ref < 0) {
            return Keyspace.ABSENT;
        }
        long entry = entries.dict.entry(ref);
        if (EntryLayout.type(meta(memory, entry)) != type) {
            return Keyspace.WRONG_TYPE;
        }
        entries.touch(memory.segment(entry), BlockAllocator.offset(entry), nowMillis);
        return entry;
    }

    /**
     * The index ref of a live key holding a value of {@code type}, without recording an access (the
     * removals' first step), {@link Keyspace#ABSENT}, or {@link Keyspace#WRONG_TYPE}.
     */
    static long refOfType(Entries entries, MemorySegment key, long keyOffset, int keyLength, int type, long nowMillis) {
        long ref = entries.findLive(KeyHash.hash(key, keyOffset, keyLength), key, keyOffset, keyLength, nowMillis);
        if (ref < 0) {
            return Keyspace.ABSENT;
        }
        return EntryLayout.type(meta(entries.memory, entries.dict.entry(ref))) == type ? ref : Keyspace.WRONG_TYPE;
    }

    private boolean packed(long entry) {
        return EntryLayout.encoding(meta(memory, entry)) == ENC_PACKED;
    }

    /** The identity of the element whose field (or member) is the given bytes, or -1. */
    long find(long entry, MemorySegment field, long fieldOffset, int fieldLength) {
        if (packed(entry)) {
            MemorySegment s = memory.segment(entry);
            long at = Packed.find(s, valueOffset(s, entry), pairs, field, fieldOffset, fieldLength);
            return at < 0 ? -1 : (entry & ~OFFSET_BITS) | at;
        }
        long table = entries.tableOf(entry);
        int slot = FieldTable.find(memory, table, KeyHash.hash(field, fieldOffset, fieldLength), field, fieldOffset, fieldLength);
        return slot < 0 ? -1 : FieldTable.elementAt(memory, table, slot);
    }

    /** Writes an element after the {@code length} bytes of the packed value at {@code base} and counts it. */
    void appendPacked(MemorySegment s, long base, int length, MemorySegment field, long fieldOffset, int fieldLength,
                      MemorySegment value, long valueOffset, int valueLength) {
        long at = Prefixed.write(s, base + length, field, fieldOffset, fieldLength);
        if (pairs) {
            Prefixed.write(s, at, value, valueOffset, valueLength);
        }
        Packed.setCount(s, base, Packed.count(s, base) + 1);
    }

    /**
     * Adds an element to a packed collection, or (a hash) replaces the value of the field at
     * {@code at} when {@code at >= 0}. Returns 1 if an element was added, 0 if replaced.
     */
    int putPacked(long ref, long entry, long at, MemorySegment field, long fieldOffset, int fieldLength,
                  MemorySegment value, long valueOffset, int valueLength, long nowMillis) {
        MemorySegment s = memory.segment(entry);
        long base = valueOffset(s, entry);
        int length = valueLength(s, entry);
        if (at < 0) {
            int grown = length + Prefixed.size(fieldLength) + (pairs ? Prefixed.size(valueLength) : 0);
            entry = entries.resize(ref, entry, grown, length, true, nowMillis);
            s = memory.segment(entry);
            appendPacked(s, valueOffset(s, entry), length, field, fieldOffset, fieldLength, value, valueOffset, valueLength);
            return 1;
        }
        long valueAt = Prefixed.next(s, at) - base; // relative: the value may move
        int oldSize = Prefixed.size(Prefixed.length(s, base + valueAt));
        int newSize = Prefixed.size(valueLength);
        int resized = length - oldSize + newSize;
        long tail = valueAt + oldSize;
        if (newSize > oldSize) {
            entry = entries.resize(ref, entry, resized, length, true, nowMillis);
            s = memory.segment(entry);
            base = valueOffset(s, entry);
        }
        MemorySegment.copy(s, base + tail, s, base + valueAt + newSize, length - tail);
        Prefixed.write(s, base + valueAt, value, valueOffset, valueLength);
        if (newSize < oldSize) {
            entries.resize(ref, entry, resized, resized, false, nowMillis);
        } else if (newSize == oldSize) {
            entries.touch(s, BlockAllocator.offset(entry), nowMillis);
        }
        return 0;
    }

    /** Moves a packed collection's elements into a new table; returns the entry (it may move). */
    long toTable(long ref, long entry, long nowMillis) {
        MemorySegment s = memory.segment(entry);
        long base = valueOffset(s, entry);
        int count = Packed.count(s, base);
        long table = FieldTable.create(memory, count + 1);
        long at = base + Packed.HEADER;
        for (int i = 0; i < count; i++) {
            long after = Packed.skip(s, at, pairs);
            long element = memory.allocate((int) (after - at));
            MemorySegment.copy(s, at, memory.segment(element), BlockAllocator.offset(element), after - at);
            long hash = KeyHash.hash(s, Prefixed.data(s, at), Prefixed.length(s, at));
            table = FieldTable.add(memory, table, hash, element);
            at = after;
        }
        return adoptTable(ref, entry, table, nowMillis);
    }

    /** Makes an entry's value the given table, in place of its packed bytes. Returns the entry. */
    long adoptTable(long ref, long entry, long table, long nowMillis) {
        entry = entries.resize(ref, entry, 8, 0, false, nowMillis);
        entries.setKind(entry, EntryLayout.kind(EntryLayout.type(meta(memory, entry)), ENC_TABLE));
        entries.setTable(entry, table);
        return entry;
    }

    /**
     * Adds an element to a table-encoded collection, or replaces a hash field's value (unless
     * {@code onlyIfAbsent}). Returns 1 if added, 0 if it existed, or {@link Keyspace#TOO_LARGE}
     * when the collection is full.
     */
    int putInTable(long entry, MemorySegment field, long fieldOffset, int fieldLength,
                   MemorySegment value, long valueOffset, int valueLength, boolean onlyIfAbsent) {
        long table = entries.tableOf(entry);
        long hash = KeyHash.hash(field, fieldOffset, fieldLength);
        int slot = FieldTable.find(memory, table, hash, field, fieldOffset, fieldLength);
        if (slot >= 0) {
            if (onlyIfAbsent || !pairs) {
                return 0;
            }
            long old = FieldTable.elementAt(memory, table, slot);
            int size = Prefixed.size(fieldLength) + Prefixed.size(valueLength);
            int capacity = memory.capacity(old);
            if (size <= capacity && (size > capacity >>> 2 || capacity <= 64)) {
                MemorySegment s = memory.segment(old);
                Prefixed.write(s, Prefixed.next(s, BlockAllocator.offset(old)), value, valueOffset, valueLength);
            } else {
                FieldTable.setElementAt(memory, table, slot, element(field, fieldOffset, fieldLength, value, valueOffset, valueLength));
                memory.free(old);
            }
            return 0;
        }
        if (FieldTable.count(memory, table) >= FieldTable.MAX_ELEMENTS) {
            return Keyspace.TOO_LARGE;
        }
        long grown = FieldTable.add(memory, table, hash, element(field, fieldOffset, fieldLength, value, valueOffset, valueLength));
        if (grown != table) {
            entries.setTable(entry, grown);
        }
        return 1;
    }

    /** A new element block holding the field (and, for a hash, the value). */
    long element(MemorySegment field, long fieldOffset, int fieldLength, MemorySegment value, long valueOffset, int valueLength) {
        long element = memory.allocate(Prefixed.size(fieldLength) + (pairs ? Prefixed.size(valueLength) : 0));
        MemorySegment s = memory.segment(element);
        long at = Prefixed.write(s, BlockAllocator.offset(element), field, fieldOffset, fieldLength);
        if (pairs) {
            Prefixed.write(s, at, value, valueOffset, valueLength);
        }
        return element;
    }

    /**
     * Removes the element with this field (or member); the key goes when it was the last. Returns
     * whether it was there. The field bytes may lie in the collection itself (an element being
     * popped): they are not read after the element is found.
     */
    boolean remove(long ref, long entry, MemorySegment field, long fieldOffset, int fieldLength, long nowMillis) {
        if (packed(entry)) {
            MemorySegment s = memory.segment(entry);
            long base = valueOffset(s, entry);
            long at = Packed.find(s, base, pairs, field, fieldOffset, fieldLength);
            if (at < 0) {
                return false;
            }
            int length = Packed.remove(s, base, valueLength(s, entry), at, pairs);
            if (Packed.count(s, base) == 0) {
                entries.removeEntry(ref, entry);
            } else {
                entries.resize(ref, entry, length, length, false, nowMillis);
            }
            return true;
        }
        long table = entries.tableOf(entry);
        int slot = FieldTable.find(memory, table, KeyHash.hash(field, fieldOffset, fieldLength), field, fieldOffset, fieldLength);
        if (slot < 0) {
            return false;
        }
        long element = FieldTable.elementAt(memory, table, slot);
        long shrunk = FieldTable.removeAt(memory, table, slot);
        memory.free(element);
        entries.setTable(entry, shrunk);
        if (FieldTable.count(memory, shrunk) == 0) {
            entries.removeEntry(ref, entry);
        } else {
            entries.touch(memory.segment(entry), BlockAllocator.offset(entry), nowMillis);
        }
        return true;
    }

    int count(long entry) {
        if (packed(entry)) {
            MemorySegment s = memory.segment(entry);
            return Packed.count(s, valueOffset(s, entry));
        }
        return FieldTable.count(memory, entries.tableOf(entry));
    }

    void forEach(long entry, ElementVisitor visitor) {
        if (packed(entry)) {
            MemorySegment s = memory.segment(entry);
            Packed.forEach(s, valueOffset(s, entry), pairs, visitor);
        } else {
            FieldTable.forEach(memory, entries.tableOf(entry), pairs, visitor);
        }
    }

    long scan(long entry, long cursor, int count, ElementVisitor visitor) {
        if (packed(entry)) {
            forEach(entry, visitor);
            return 0;
        }
        return FieldTable.scan(memory, entries.tableOf(entry), cursor, count, pairs, visitor);
    }

    /** The identity of a random element chosen with 64 random bits; the collection is not empty. */
    long random(long entry, long random) {
        if (packed(entry)) {
            MemorySegment s = memory.segment(entry);
            long base = valueOffset(s, entry);
            int index = (int) ((random >>> 32) * Packed.count(s, base) >>> 32);
            return (entry & ~OFFSET_BITS) | Packed.groupAt(s, base, pairs, index);
        }
        long table = entries.tableOf(entry);
        return FieldTable.elementAt(memory, table, FieldTable.randomSlot(memory, table, random));
    }

    /** Calls the visitor with the element an identity names. */
    void visit(long identity, ElementVisitor visitor) {
        Packed.visit(memory.segment(identity), BlockAllocator.offset(identity), pairs, visitor);
    }
}
