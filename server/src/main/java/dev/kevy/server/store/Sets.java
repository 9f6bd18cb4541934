package dev.kevy.server.store;

import dev.kevy.rt.KeyHash;
import java.lang.foreign.MemorySegment;

import static dev.kevy.server.store.EntryLayout.ENC_INTSET;
import static dev.kevy.server.store.EntryLayout.ENC_PACKED;
import static dev.kevy.server.store.EntryLayout.ENC_TABLE;

/**
 * The set operations of one {@link Keyspace}, over three encodings as in Redis 7.2: sorted
 * integers ({@link IntSet}, "intset") while every member is an integer and there are at most
 * {@code set-max-intset-entries}; members packed in the value ({@link Packed}, "listpack") while
 * there are at most {@code set-max-listpack-entries} of at most {@code set-max-listpack-value}
 * bytes; a {@link FieldTable} ("hashtable") beyond. A set never converts back, and a set whose last
 * member goes is deleted. Single-threaded, like the keyspace.
 */
public final class Sets implements ElementSource {
    /**
     * Marks the identity of an intset member, which names an 8-byte integer rather than a
     * prefixed string; offsets in a block stay below 2^31, so the bit is free.
     */
    private static final long INTEGER = 1L << 31;
    private static final long OFFSET = INTEGER - 1;

    private final Entries entries;
    private final BlockAllocator memory;
    private final Dict dict;
    private final int maxValueBytes;
    private final Elements elements;
    /** Decimal text of an intset member, for visitors: the longest is 20 bytes. */
    private final MemorySegment digits = MemorySegment.ofArray(new byte[Decimal.MAX_LENGTH]);
    private final EncodingLimits limits;

    Sets(Entries entries, int maxValueBytes, EncodingLimits limits) {
        this.entries = entries;
        this.memory = entries.memory;
        this.dict = entries.dict;
        this.maxValueBytes = maxValueBytes;
        this.elements = new Elements(entries, false);
        this.limits = limits;
    }

    /** SADD of one member: 1 if added, 0 if present, or {@link Keyspace#WRONG_TYPE} / {@link Keyspace#TOO_LARGE}. */
    public int add(MemorySegment key, long keyOffset, int keyLength, MemorySegment member, long memberOffset, int memberLength,
                   long nowMillis) {
        if (keyLength > maxValueBytes || memberLength > maxValueBytes) {
            return Keyspace.TOO_LARGE;
        }
        long hash = KeyHash.hash(key, keyOffset, keyLength);
        long ref = entries.findLive(hash, key, keyOffset, keyLength, nowMillis);
        boolean integer = Decimal.isInteger(member, memberOffset, memberLength);
        boolean small = memberLength <= limits.setMaxListpackValue();
        int maxPackedEntries = limits.setMaxListpackEntries();
        if (ref < 0) {
            return create(hash, key, keyOffset, keyLength, member, memberOffset, memberLength, integer, small, nowMillis);
        }
        long entry = dict.entry(ref);
        int meta = Elements.meta(memory, entry);
        if (EntryLayout.type(meta) != Keyspace.TYPE_SET) {
            return Keyspace.WRONG_TYPE;
        }
        entries.touch(memory.segment(entry), BlockAllocator.offset(entry), nowMillis);
        int encoding = EntryLayout.encoding(meta);
        if (encoding == ENC_INTSET) {
            MemorySegment s = memory.segment(entry);
            int count = Elements.valueLength(s, entry) / IntSet.WIDTH;
            if (integer) {
                long v = Decimal.value(member, memberOffset, memberLength);
                int index = IntSet.search(s, Elements.valueOffset(s, entry), count, v);
                if (index >= 0) {
                    return 0;
                }
                if (count < limits.setMaxIntsetEntries()) {
                    insertInteger(ref, entry, -index - 1, v, nowMillis);
                    return 1;
                }
                entry = intsToTable(ref, entry, nowMillis);
            } else if (count < maxPackedEntries && small) {
                entry = intsToPacked(ref, entry, nowMillis);
                encoding = ENC_PACKED;
            } else {
                entry = intsToTable(ref, entry, nowMillis);
            }
        }
        if (encoding == ENC_PACKED) {
            MemorySegment s = memory.segment(entry);
            long base = Elements.valueOffset(s, entry);
            if (Packed.find(s, base, false, member, memberOffset, memberLength) >= 0) {
                return 0;
            }
            int grown = Elements.valueLength(s, entry) + Prefixed.size(memberLength);
            if (small && Packed.count(s, base) < maxPackedEntries && grown <= maxValueBytes) {
                return elements.putPacked(ref, entry, -1, member, memberOffset, memberLength, null, 0, 0, nowMillis);
            }
            entry = elements.toTable(ref, entry, nowMillis);
        }
        return elements.putInTable(entry, member, memberOffset, memberLength, null, 0, 0, false);
    }

    private int create(long hash, MemorySegment key, long keyOffset, int keyLength, MemorySegment member, long memberOffset,
                       int memberLength, boolean integer, boolean small, long nowMillis) {
        if (integer && limits.setMaxIntsetEntries() > 0) {
            long entry = entries.insert(hash, key, keyOffset, keyLength, IntSet.WIDTH,
                    EntryLayout.kind(Keyspace.TYPE_SET, ENC_INTSET), 0, nowMillis);
            MemorySegment s = memory.segment(entry);
            s.set(EntryLayout.LONG, Elements.valueOffset(s, entry), Decimal.value(member, memberOffset, memberLength));
        } else if (small && limits.setMaxListpackEntries() > 0) {
            long entry = entries.insert(hash, key, keyOffset, keyLength, Packed.HEADER + Prefixed.size(memberLength),
                    EntryLayout.kind(Keyspace.TYPE_SET, ENC_PACKED), 0, nowMillis);
            MemorySegment s = memory.segment(entry);
            long base = Elements.valueOffset(s, entry);
            Packed.setCount(s, base, 0);
            elements.appendPacked(s, base, Packed.HEADER, member, memberOffset, memberLength, null, 0, 0);
        } else {
            long entry = entries.insert(hash, key, keyOffset, keyLength, 8, EntryLayout.kind(Keyspace.TYPE_SET, ENC_TABLE), 0, nowMillis);
            entries.setTable(entry, FieldTable.create(memory, 1));
            elements.putInTable(entry, member, memberOffset, memberLength, null, 0, 0, false);
        }
        return 1;
    }

    /** SREM of one member: 1 if removed, 0 if absent, or {@link Keyspace#WRONG_TYPE}. */
    public int remove(MemorySegment key, long keyOffset, int keyLength, MemorySegment member, long memberOffset, int memberLength,
                      long nowMillis) {
        long ref = Elements.refOfType(entries, key, keyOffset, keyLength, Keyspace.TYPE_SET, nowMillis);
        if (ref < 0) {
            return ref == Keyspace.WRONG_TYPE ? Keyspace.WRONG_TYPE : 0;
        }
        return removeFrom(ref, dict.entry(ref), member, memberOffset, memberLength, nowMillis);
    }

    /** Removes a member from the set at {@code ref}; the key goes with its last member. Returns 1 or 0. */
    private int removeFrom(long ref, long entry, MemorySegment member, long memberOffset, int memberLength, long nowMillis) {
        if (EntryLayout.encoding(Elements.meta(memory, entry)) != ENC_INTSET) {
            return elements.remove(ref, entry, member, memberOffset, memberLength, nowMillis) ? 1 : 0;
        }
        if (!Decimal.isInteger(member, memberOffset, memberLength)) {
            return 0;
        }
        MemorySegment s = memory.segment(entry);
        long base = Elements.valueOffset(s, entry);
        int length = Elements.valueLength(s, entry);
        int index = IntSet.search(s, base, length / IntSet.WIDTH, Decimal.value(member, memberOffset, memberLength));
        if (index < 0) {
            return 0;
        }
        if (length == IntSet.WIDTH) {
            entries.removeEntry(ref, entry);
            return 1;
        }
        long at = base + (long) index * IntSet.WIDTH;
        MemorySegment.copy(s, at + IntSet.WIDTH, s, at, base + length - at - IntSet.WIDTH);
        entries.resize(ref, entry, length - IntSet.WIDTH, length - IntSet.WIDTH, false, nowMillis);
        return 1;
    }

    /**
     * SPOP of one member: removes a member chosen with {@code random} after showing it to the
     * visitor. Returns 1, 0 when the key is missing, or {@link Keyspace#WRONG_TYPE}.
     */
    public int pop(MemorySegment key, long keyOffset, int keyLength, long random, ElementVisitor visitor, long nowMillis) {
        long ref = entries.findLive(KeyHash.hash(key, keyOffset, keyLength), key, keyOffset, keyLength, nowMillis);
        if (ref < 0) {
            return 0;
        }
        long entry = dict.entry(ref);
        if (EntryLayout.type(Elements.meta(memory, entry)) != Keyspace.TYPE_SET) {
            return Keyspace.WRONG_TYPE;
        }
        long identity = random(entry, random);
        visit(identity, visitor);
        MemorySegment s = memory.segment(identity);
        long at = identity & OFFSET;
        if ((identity & INTEGER) != 0) {
            long v = s.get(EntryLayout.LONG, at);
            int length = Decimal.length(v);
            Decimal.write(digits, 0, length, v);
            removeFrom(ref, entry, digits, 0, length, nowMillis);
        } else {
            removeFrom(ref, entry, s, Prefixed.data(s, at), Prefixed.length(s, at), nowMillis);
        }
        return 1;
    }

    /**
     * The live set entry of a key (its access recorded), {@link Keyspace#ABSENT}, or
     * {@link Keyspace#WRONG_TYPE}; the handle is valid until the next write.
     */
    public long find(MemorySegment key, long keyOffset, int keyLength, long nowMillis) {
        return elements.findOfType(key, keyOffset, keyLength, Keyspace.TYPE_SET, nowMillis);
    }

    /** SISMEMBER on a set entry from {@link #find}. */
    public boolean contains(long entry, MemorySegment member, long memberOffset, int memberLength) {
        if (EntryLayout.encoding(Elements.meta(memory, entry)) != ENC_INTSET) {
            return elements.find(entry, member, memberOffset, memberLength) >= 0;
        }
        if (!Decimal.isInteger(member, memberOffset, memberLength)) {
            return false;
        }
        MemorySegment s = memory.segment(entry);
        return IntSet.search(s, Elements.valueOffset(s, entry), Elements.valueLength(s, entry) / IntSet.WIDTH,
                Decimal.value(member, memberOffset, memberLength)) >= 0;
    }

    /** SCARD of a set entry. */
    @Override
    public int count(long entry) {
        if (EntryLayout.encoding(Elements.meta(memory, entry)) == ENC_INTSET) {
            return Elements.valueLength(memory.segment(entry), entry) / IntSet.WIDTH;
        }
        return elements.count(entry);
    }

    /** Visits every member: ascending for an intset, insertion order for a packed set. */
    @Override
    public void forEach(long entry, ElementVisitor visitor) {
        if (EntryLayout.encoding(Elements.meta(memory, entry)) != ENC_INTSET) {
            elements.forEach(entry, visitor);
            return;
        }
        MemorySegment s = memory.segment(entry);
        long base = Elements.valueOffset(s, entry);
        int count = Elements.valueLength(s, entry) / IntSet.WIDTH;
        for (int i = 0; i < count; i++) {
            visitInteger(IntSet.get(s, base, i), visitor);
        }
    }

    /** SSCAN: about {@code count} members from {@code cursor}; a small set whole in one call. */
    @Override
    public long scan(long entry, long cursor, int count, ElementVisitor visitor) {
        if (EntryLayout.encoding(Elements.meta(memory, entry)) == ENC_INTSET) {
            forEach(entry, visitor);
            return 0;
        }
        return elements.scan(entry, cursor, count, visitor);
    }

    /** The identity of a random member (distinct members have distinct identities); the set is not empty. */
    @Override
    public long random(long entry, long random) {
        if (EntryLayout.encoding(Elements.meta(memory, entry)) != ENC_INTSET) {
            return elements.random(entry, random);
        }
        MemorySegment s = memory.segment(entry);
        int count = Elements.valueLength(s, entry) / IntSet.WIDTH;
        int index = (int) ((random >>> 32) * count >>> 32);
        return (entry & ~0xFFFF_FFFFL) | INTEGER | (Elements.valueOffset(s, entry) + (long) index * IntSet.WIDTH);
    }

    /** Calls the visitor with the member an identity from {@link #random} names. */
    @Override
    public void visit(long identity, ElementVisitor visitor) {
        if ((identity & INTEGER) != 0) {
            visitInteger(memory.segment(identity).get(EntryLayout.LONG, identity & OFFSET), visitor);
        } else {
            elements.visit(identity, visitor);
        }
    }

    private void visitInteger(long v, ElementVisitor visitor) {
        int length = Decimal.length(v);
        Decimal.write(digits, 0, length, v);
        visitor.visit(digits, 0, length, 0, -1);
    }

    private void insertInteger(long ref, long entry, int index, long v, long nowMillis) {
        MemorySegment s = memory.segment(entry);
        int length = Elements.valueLength(s, entry);
        entry = entries.resize(ref, entry, length + IntSet.WIDTH, length, true, nowMillis);
        s = memory.segment(entry);
        long at = Elements.valueOffset(s, entry) + (long) index * IntSet.WIDTH;
        long end = Elements.valueOffset(s, entry) + length;
        MemorySegment.copy(s, at, s, at + IntSet.WIDTH, end - at);
        s.set(EntryLayout.LONG, at, v);
    }

    /** Rewrites an intset as packed decimal text, in ascending order. Returns the entry. */
    private long intsToPacked(long ref, long entry, long nowMillis) {
        MemorySegment s = memory.segment(entry);
        int count = Elements.valueLength(s, entry) / IntSet.WIDTH;
        int size = IntSet.packedSize(s, Elements.valueOffset(s, entry), count);
        long scratch = memory.allocate(size);
        MemorySegment t = memory.segment(scratch);
        long at = BlockAllocator.offset(scratch);
        t.set(EntryLayout.INT, at, count);
        long write = at + Packed.HEADER;
        for (int i = 0; i < count; i++) {
            long v = IntSet.get(s, Elements.valueOffset(s, entry), i);
            int length = Decimal.length(v);
            Decimal.write(digits, 0, length, v);
            write = Prefixed.write(t, write, digits, 0, length);
        }
        entry = entries.resize(ref, entry, size, 0, true, nowMillis);
        entries.setKind(entry, EntryLayout.kind(Keyspace.TYPE_SET, ENC_PACKED));
        MemorySegment d = memory.segment(entry);
        MemorySegment.copy(t, at, d, Elements.valueOffset(d, entry), size);
        memory.free(scratch);
        return entry;
    }

    /** Moves an intset's members into a new table. Returns the entry. */
    private long intsToTable(long ref, long entry, long nowMillis) {
        MemorySegment s = memory.segment(entry);
        int count = Elements.valueLength(s, entry) / IntSet.WIDTH;
        long table = FieldTable.create(memory, count + 1);
        for (int i = 0; i < count; i++) {
            long v = IntSet.get(s, Elements.valueOffset(s, entry), i);
            int length = Decimal.length(v);
            Decimal.write(digits, 0, length, v);
            long element = elements.element(digits, 0, length, null, 0, 0);
            table = FieldTable.add(memory, table, KeyHash.hash(digits, 0, length), element);
        }
        return elements.adoptTable(ref, entry, table, nowMillis);
    }
}
