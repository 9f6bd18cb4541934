package dev.kevy.server.store;

import dev.kevy.rt.KeyHash;
import java.lang.foreign.MemorySegment;

import static dev.kevy.server.store.Keyspace.NOT_INTEGER;
import static dev.kevy.server.store.Keyspace.OVERFLOW;
import static dev.kevy.server.store.Keyspace.TOO_LARGE;
import static dev.kevy.server.store.Keyspace.TYPE_STRING;
import static dev.kevy.server.store.Keyspace.WRONG_TYPE;

/** The string writes that change a value in place: APPEND, SETRANGE, INCRBY (see their {@link Keyspace} methods). */
final class StringWrites {
    private final Entries entries;
    private final BlockAllocator memory;
    private final Dict dict;
    private final int maxValueBytes;

    StringWrites(Entries entries, int maxValueBytes) {
        this.entries = entries;
        this.memory = entries.memory;
        this.dict = entries.dict;
        this.maxValueBytes = maxValueBytes;
    }

    long append(MemorySegment key, long keyOffset, int keyLength,
                MemorySegment value, long valueOffset, int valueLength, long nowMillis) {
        if (keyLength > maxValueBytes || valueLength > maxValueBytes) {
            return TOO_LARGE;
        }
        long hash = KeyHash.hash(key, keyOffset, keyLength);
        long ref = entries.findLive(hash, key, keyOffset, keyLength, nowMillis);
        long entry;
        int old = 0;
        if (ref < 0) {
            entry = entries.insert(hash, key, keyOffset, keyLength, valueLength, TYPE_STRING, 0, nowMillis);
        } else {
            entry = dict.entry(ref);
            if (EntryLayout.type(entries.kindOf(entry)) != TYPE_STRING) {
                return WRONG_TYPE;
            }
            old = valueLength(entry);
            if ((long) old + valueLength > maxValueBytes) {
                return TOO_LARGE;
            }
            entry = entries.resize(ref, entry, old + valueLength, old, true, nowMillis);
            entries.setKind(entry, EntryLayout.kind(TYPE_STRING, EntryLayout.ENC_RAW));
        }
        MemorySegment.copy(value, valueOffset, memory.segment(entry), valueOffset(entry) + old, valueLength);
        return (long) old + valueLength;
    }

    long setRange(MemorySegment key, long keyOffset, int keyLength, long offset,
                  MemorySegment value, long valueOffset, int valueLength, long nowMillis) {
        if (offset < 0) {
            throw new IllegalArgumentException("negative offset");
        }
        if (keyLength > maxValueBytes) {
            return TOO_LARGE;
        }
        long end = offset + valueLength;
        long hash = KeyHash.hash(key, keyOffset, keyLength);
        long ref = entries.findLive(hash, key, keyOffset, keyLength, nowMillis);
        long entry;
        int old = 0;
        if (ref < 0) {
            if (valueLength == 0) {
                return 0;
            }
            if (end > maxValueBytes) {
                return TOO_LARGE;
            }
            entry = entries.insert(hash, key, keyOffset, keyLength, (int) end, TYPE_STRING, 0, nowMillis);
        } else {
            entry = dict.entry(ref);
            if (EntryLayout.type(entries.kindOf(entry)) != TYPE_STRING) {
                return WRONG_TYPE;
            }
            old = valueLength(entry);
            if (valueLength == 0) {
                return old;
            }
            if (end > maxValueBytes) {
                return TOO_LARGE;
            }
            if (end > old) {
                entry = entries.resize(ref, entry, (int) end, old, true, nowMillis);
            } else {
                entries.touch(memory.segment(entry), BlockAllocator.offset(entry), nowMillis);
            }
        }
        entries.setKind(entry, EntryLayout.kind(TYPE_STRING, EntryLayout.ENC_RAW));
        MemorySegment s = memory.segment(entry);
        long start = valueOffset(entry);
        if (offset > old) {
            Entries.fillZero(s, start + old, offset - old);
        }
        MemorySegment.copy(value, valueOffset, s, start + offset, valueLength);
        return Math.max(old, end);
    }

    long incrBy(MemorySegment key, long keyOffset, int keyLength, long delta, long nowMillis) {
        if (keyLength > maxValueBytes) {
            return TOO_LARGE;
        }
        long hash = KeyHash.hash(key, keyOffset, keyLength);
        long ref = entries.findLive(hash, key, keyOffset, keyLength, nowMillis);
        long result = delta;
        long entry;
        int length = Decimal.length(result);
        if (ref < 0) {
            entry = entries.insert(hash, key, keyOffset, keyLength, length, TYPE_STRING, 0, nowMillis);
        } else {
            entry = dict.entry(ref);
            if (EntryLayout.type(entries.kindOf(entry)) != TYPE_STRING) {
                return WRONG_TYPE;
            }
            MemorySegment s = memory.segment(entry);
            if (!Decimal.isInteger(s, valueOffset(entry), valueLength(entry))) {
                return NOT_INTEGER;
            }
            long old = Decimal.value(s, valueOffset(entry), valueLength(entry));
            result = old + delta;
            if (((old ^ result) & (delta ^ result)) < 0) {
                return OVERFLOW;
            }
            length = Decimal.length(result);
            entry = entries.resize(ref, entry, length, 0, false, nowMillis);
            entries.setKind(entry, TYPE_STRING);
        }
        Decimal.write(memory.segment(entry), valueOffset(entry), length, result);
        return entry;
    }

    private long valueOffset(long entry) {
        return Elements.valueOffset(memory.segment(entry), entry);
    }

    private int valueLength(long entry) {
        return Elements.valueLength(memory.segment(entry), entry);
    }
}
