package dev.kevy.server.store;

import java.lang.foreign.MemorySegment;

import static dev.kevy.server.store.EntryLayout.INT;

/**
 * The compact encoding of a small hash or set ("listpack" in OBJECT ENCODING), kept in the entry's
 * own value bytes: a 4-byte element count, then the elements in insertion order, each a group of
 * {@link Prefixed} strings (field then value for a hash, the member alone for a set).
 *
 * <p>Lookups scan the groups, as Redis scans a listpack: for the small sizes this encoding is
 * limited to (128 elements of at most 64 bytes by default) a scan of a few kilobytes in one block
 * costs less than the cache misses of a table, and the whole collection costs one allocation.
 */
final class Packed {
    static final int HEADER = 4;

    private Packed() {
    }

    static int count(MemorySegment s, long base) {
        return s.get(INT, base);
    }

    static void setCount(MemorySegment s, long base, int count) {
        s.set(INT, base, count);
    }

    /** Offset just past the group at {@code at}. */
    static long skip(MemorySegment s, long at, boolean pairs) {
        long next = Prefixed.next(s, at);
        return pairs ? Prefixed.next(s, next) : next;
    }

    /** The offset of the group whose first string is the given bytes, or -1. */
    static long find(MemorySegment s, long base, boolean pairs, MemorySegment key, long keyOffset, int keyLength) {
        int count = count(s, base);
        long at = base + HEADER;
        for (int i = 0; i < count; i++) {
            if (Prefixed.equals(s, at, key, keyOffset, keyLength)) {
                return at;
            }
            at = skip(s, at, pairs);
        }
        return -1;
    }

    /** The offset of group {@code index} ({@code 0 <= index < count}). */
    static long groupAt(MemorySegment s, long base, boolean pairs, int index) {
        long at = base + HEADER;
        for (int i = 0; i < index; i++) {
            at = skip(s, at, pairs);
        }
        return at;
    }

    /** Calls the visitor with the group at {@code at}. */
    static void visit(MemorySegment s, long at, boolean pairs, ElementVisitor visitor) {
        if (pairs) {
            long value = Prefixed.next(s, at);
            visitor.visit(s, Prefixed.data(s, at), Prefixed.length(s, at), Prefixed.data(s, value), Prefixed.length(s, value));
        } else {
            visitor.visit(s, Prefixed.data(s, at), Prefixed.length(s, at), 0, -1);
        }
    }

    /** Visits every group in order. */
    static void forEach(MemorySegment s, long base, boolean pairs, ElementVisitor visitor) {
        int count = count(s, base);
        long at = base + HEADER;
        for (int i = 0; i < count; i++) {
            visit(s, at, pairs, visitor);
            at = skip(s, at, pairs);
        }
    }

    /**
     * Removes the group at {@code at} from a value of {@code length} bytes at {@code base}, moving
     * the groups after it down; returns the value's new length.
     */
    static int remove(MemorySegment s, long base, int length, long at, boolean pairs) {
        long after = skip(s, at, pairs);
        long end = base + length;
        MemorySegment.copy(s, after, s, at, end - after);
        setCount(s, base, count(s, base) - 1);
        return (int) (length - (after - at));
    }
}
