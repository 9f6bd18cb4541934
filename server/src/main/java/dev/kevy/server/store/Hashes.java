package dev.kevy.server.store;

import dev.kevy.rt.KeyHash;
import java.lang.foreign.MemorySegment;

import static dev.kevy.server.store.EntryLayout.ENC_PACKED;
import static dev.kevy.server.store.EntryLayout.ENC_TABLE;

/**
 * The hash operations of one {@link Keyspace}: fields and values kept in the entry's value bytes
 * while the hash is small ({@link Packed}, "listpack") and in a {@link FieldTable} once it has more
 * than {@code hash-max-listpack-entries} fields or a field or value longer than
 * {@code hash-max-listpack-value} bytes ({@link EncodingLimits}; "hashtable"); like Redis, a hash never converts back.
 *
 * <p><b>Positions.</b> {@link #get} answers a position: a {@code long} naming a stored value for
 * {@link #segment}, {@link #offset} and {@link #length}, valid until the next write to the keyspace.
 *
 * <p>A hash whose last field is deleted is deleted (Redis never keeps an empty collection).
 * Single-threaded, like the keyspace.
 */
public final class Hashes implements ElementSource {
    private final Entries entries;
    private final BlockAllocator memory;
    private final Dict dict;
    private final int maxValueBytes;
    private final Elements elements;
    private final EncodingLimits limits;

    Hashes(Entries entries, int maxValueBytes, EncodingLimits limits) {
        this.entries = entries;
        this.memory = entries.memory;
        this.dict = entries.dict;
        this.maxValueBytes = maxValueBytes;
        this.elements = new Elements(entries, true);
        this.limits = limits;
    }

    /**
     * HSET and HSETNX of one field: creates the hash if needed.
     *
     * @return 1 if the field was added, 0 if it existed (updated unless {@code onlyIfAbsent}),
     *         or {@link Keyspace#WRONG_TYPE} / {@link Keyspace#TOO_LARGE}
     */
    public int set(MemorySegment key, long keyOffset, int keyLength, MemorySegment field, long fieldOffset, int fieldLength,
                   MemorySegment value, long valueOffset, int valueLength, boolean onlyIfAbsent, long nowMillis) {
        if (keyLength > maxValueBytes || fieldLength > maxValueBytes || valueLength > maxValueBytes) {
            return Keyspace.TOO_LARGE;
        }
        long hash = KeyHash.hash(key, keyOffset, keyLength);
        long ref = entries.findLive(hash, key, keyOffset, keyLength, nowMillis);
        int maxPackedValue = limits.hashMaxListpackValue();
        int maxPackedEntries = limits.hashMaxListpackEntries();
        boolean small = fieldLength <= maxPackedValue && valueLength <= maxPackedValue;
        long entry;
        if (ref < 0) {
            int packed = Packed.HEADER + Prefixed.size(fieldLength) + Prefixed.size(valueLength);
            if (small && maxPackedEntries > 0) {
                entry = entries.insert(hash, key, keyOffset, keyLength, packed, EntryLayout.kind(Keyspace.TYPE_HASH, ENC_PACKED), 0, nowMillis);
                MemorySegment s = memory.segment(entry);
                long base = Elements.valueOffset(s, entry);
                Packed.setCount(s, base, 0);
                elements.appendPacked(s, base, Packed.HEADER, field, fieldOffset, fieldLength, value, valueOffset, valueLength);
                return 1;
            }
            entry = entries.insert(hash, key, keyOffset, keyLength, 8, EntryLayout.kind(Keyspace.TYPE_HASH, ENC_TABLE), 0, nowMillis);
            entries.setTable(entry, FieldTable.create(memory, 1));
            return elements.putInTable(entry, field, fieldOffset, fieldLength, value, valueOffset, valueLength, false);
        }
        entry = dict.entry(ref);
        int meta = Elements.meta(memory, entry);
        if (EntryLayout.type(meta) != Keyspace.TYPE_HASH) {
            return Keyspace.WRONG_TYPE;
        }
        entries.touch(memory.segment(entry), BlockAllocator.offset(entry), nowMillis);
        if (EntryLayout.encoding(meta) == ENC_PACKED) {
            MemorySegment s = memory.segment(entry);
            long base = Elements.valueOffset(s, entry);
            long at = Packed.find(s, base, true, field, fieldOffset, fieldLength);
            if (at >= 0 && onlyIfAbsent) {
                return 0;
            }
            int count = Packed.count(s, base);
            boolean fits = small && (at >= 0 || count < maxPackedEntries);
            if (fits) {
                int grown = Elements.valueLength(s, entry) + (at >= 0
                        ? Prefixed.size(valueLength) - Prefixed.size(Prefixed.length(s, Prefixed.next(s, at)))
                        : Prefixed.size(fieldLength) + Prefixed.size(valueLength));
                if (grown <= maxValueBytes) {
                    return elements.putPacked(ref, entry, at, field, fieldOffset, fieldLength, value, valueOffset, valueLength, nowMillis);
                }
            }
            entry = elements.toTable(ref, entry, nowMillis);
        }
        return elements.putInTable(entry, field, fieldOffset, fieldLength, value, valueOffset, valueLength, onlyIfAbsent);
    }

    /**
     * HGET: the position of the field's value, {@link Keyspace#ABSENT} when the key or the field is
     * missing, or {@link Keyspace#WRONG_TYPE}.
     */
    public long get(MemorySegment key, long keyOffset, int keyLength, MemorySegment field, long fieldOffset, int fieldLength,
                    long nowMillis) {
        long entry = find(key, keyOffset, keyLength, nowMillis);
        return entry < 0 ? entry : field(entry, field, fieldOffset, fieldLength);
    }

    /** The position of a field's value in a hash entry from {@link #find}, or {@link Keyspace#ABSENT} (HMGET's many fields, one key lookup). */
    public long field(long entry, MemorySegment field, long fieldOffset, int fieldLength) {
        long at = elements.find(entry, field, fieldOffset, fieldLength);
        if (at < 0) {
            return Keyspace.ABSENT;
        }
        return (at & ~0xFFFF_FFFFL) | Prefixed.next(memory.segment(at), BlockAllocator.offset(at));
    }

    /** The segment a position's bytes are in. */
    public MemorySegment segment(long position) {
        return memory.segment(position);
    }

    /** The offset of a position's first byte. */
    public long offset(long position) {
        return Prefixed.data(memory.segment(position), BlockAllocator.offset(position));
    }

    /** The length of a position's bytes. */
    public int length(long position) {
        return Prefixed.length(memory.segment(position), BlockAllocator.offset(position));
    }

    /** HDEL of one field: 1 if it was removed, 0 if absent, or {@link Keyspace#WRONG_TYPE}. */
    public int delete(MemorySegment key, long keyOffset, int keyLength, MemorySegment field, long fieldOffset, int fieldLength,
                      long nowMillis) {
        long ref = Elements.refOfType(entries, key, keyOffset, keyLength, Keyspace.TYPE_HASH, nowMillis);
        if (ref < 0) {
            return ref == Keyspace.WRONG_TYPE ? Keyspace.WRONG_TYPE : 0;
        }
        return elements.remove(ref, dict.entry(ref), field, fieldOffset, fieldLength, nowMillis) ? 1 : 0;
    }

    /** HLEN: the number of fields, 0 when the key is missing, or {@link Keyspace#WRONG_TYPE}. */
    public int count(MemorySegment key, long keyOffset, int keyLength, long nowMillis) {
        long entry = find(key, keyOffset, keyLength, nowMillis);
        if (entry < 0) {
            return entry == Keyspace.ABSENT ? 0 : (int) entry;
        }
        return elements.count(entry);
    }

    /**
     * The live hash entry of a key (looked up, so its access is recorded), {@link Keyspace#ABSENT},
     * or {@link Keyspace#WRONG_TYPE}. The handle is for {@link #count(long)}, {@link #forEach} and
     * {@link #random} until the next write.
     */
    public long find(MemorySegment key, long keyOffset, int keyLength, long nowMillis) {
        return elements.findOfType(key, keyOffset, keyLength, Keyspace.TYPE_HASH, nowMillis);
    }

    /** The number of fields of a hash entry from {@link #find}. */
    @Override
    public int count(long entry) {
        return elements.count(entry);
    }

    /** Visits every field and value of a hash entry: in insertion order while it is packed. */
    @Override
    public void forEach(long entry, ElementVisitor visitor) {
        elements.forEach(entry, visitor);
    }

    /**
     * HSCAN: visits about {@code count} fields from {@code cursor} and returns the next cursor, 0
     * when done. A packed hash is visited whole in one call, as Redis does.
     */
    @Override
    public long scan(long entry, long cursor, int count, ElementVisitor visitor) {
        return elements.scan(entry, cursor, count, visitor);
    }

    /**
     * A random element of a hash entry: an identity ({@code > 0}) for {@link #visit}, chosen with
     * {@code random} (64 random bits). Identities of distinct elements differ.
     */
    @Override
    public long random(long entry, long random) {
        return elements.random(entry, random);
    }

    /** Calls the visitor with the element named by an identity from {@link #random}. */
    @Override
    public void visit(long identity, ElementVisitor visitor) {
        elements.visit(identity, visitor);
    }
}
