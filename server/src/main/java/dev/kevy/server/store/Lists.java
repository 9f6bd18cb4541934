package dev.kevy.server.store;

import dev.kevy.rt.KeyHash;
import java.lang.foreign.MemorySegment;

import static dev.kevy.server.store.EntryLayout.ENC_TABLE;

/**
 * The list operations of one {@link Keyspace}. A list is a directory ({@link ListNodes}) of nodes,
 * each a block of {@link Framed} elements holding up to {@code list-max-listpack-size} (8 KiB of
 * elements by default, or a number of elements when positive), as Redis's quicklist: pushes and
 * pops at either end are O(1) amortized, an index lookup sums node counts from the nearer end and
 * then walks one node. An element longer than a node's limit gets a node of its own.
 *
 * <p>The entry's value holds the directory's block, as a hash's holds its table (the "table"
 * encoding), so releasing, copying and moving a list follow the same paths. A list whose last
 * element goes is deleted. Single-threaded, like the keyspace; nothing here allocates on the heap.
 */
public final class Lists {
    /** {@link #set}: the index is outside the list. */
    public static final int OUT_OF_RANGE = -6;

    private final Entries entries;
    private final BlockAllocator memory;
    private final int maxValueBytes;
    private final EncodingLimits limits;
    private final ListCursor cursor;
    private final ListEdits edits;

    Lists(Entries entries, int maxValueBytes, EncodingLimits limits) {
        this.entries = entries;
        this.memory = entries.memory;
        this.maxValueBytes = maxValueBytes;
        this.limits = limits;
        this.cursor = new ListCursor(memory);
        this.edits = new ListEdits(memory, limits);
    }

    /** The live list entry of a key (its access recorded), {@link Keyspace#ABSENT}, or {@link Keyspace#WRONG_TYPE}. */
    public long find(MemorySegment key, long keyOffset, int keyLength, long nowMillis) {
        long ref = entries.findLive(KeyHash.hash(key, keyOffset, keyLength), key, keyOffset, keyLength, nowMillis);
        return ref < 0 ? Keyspace.ABSENT : ofList(ref, nowMillis);
    }

    /** The entry at {@code ref} if it is a list (its access recorded), else {@link Keyspace#WRONG_TYPE}. */
    private long ofList(long ref, long nowMillis) {
        long entry = entries.dict.entry(ref);
        if (EntryLayout.type(Elements.meta(memory, entry)) != Keyspace.TYPE_LIST) {
            return Keyspace.WRONG_TYPE;
        }
        entries.touch(memory.segment(entry), BlockAllocator.offset(entry), nowMillis);
        return entry;
    }

    /** LLEN of a list entry from {@link #find}. */
    public long length(long entry) {
        return ListNodes.elements(memory, entries.tableOf(entry));
    }

    /** A cursor before element {@code index} ({@code 0 <= index < length}) walking to the tail or the head; valid until the next write. */
    public ListCursor cursor(long entry, long index, boolean forward) {
        cursor.open(entries.tableOf(entry), index, forward);
        return cursor;
    }

    /**
     * LPUSH/RPUSH (and the X forms with {@code onlyIfPresent}) of one element.
     *
     * @return the list's new length, 0 when {@code onlyIfPresent} and there is no list, or
     *         {@link Keyspace#WRONG_TYPE} / {@link Keyspace#TOO_LARGE}
     */
    public long push(MemorySegment key, long keyOffset, int keyLength, MemorySegment element, long elementOffset,
                     int elementLength, boolean left, boolean onlyIfPresent, long nowMillis) {
        if (keyLength > maxValueBytes || elementLength > maxValueBytes) {
            return Keyspace.TOO_LARGE;
        }
        long hash = KeyHash.hash(key, keyOffset, keyLength);
        long ref = entries.findLive(hash, key, keyOffset, keyLength, nowMillis);
        long entry;
        if (ref < 0) {
            if (onlyIfPresent) {
                return 0;
            }
            entry = entries.insert(hash, key, keyOffset, keyLength, 8, EntryLayout.kind(Keyspace.TYPE_LIST, ENC_TABLE), 0, nowMillis);
            entries.setTable(entry, ListNodes.create(memory, 1));
        } else {
            entry = ofList(ref, nowMillis);
            if (entry < 0) {
                return entry;
            }
        }
        long dir = edits.push(entries.tableOf(entry), element, elementOffset, elementLength, left);
        entries.setTable(entry, dir);
        return ListNodes.elements(memory, dir);
    }

    /**
     * LPOP/RPOP of one element: shows it to the visitor, then removes it; the key goes with its
     * last element. Returns 1, 0 when there is no list, or {@link Keyspace#WRONG_TYPE}.
     */
    public int pop(MemorySegment key, long keyOffset, int keyLength, boolean left, ElementVisitor visitor, long nowMillis) {
        long ref = entries.findLive(KeyHash.hash(key, keyOffset, keyLength), key, keyOffset, keyLength, nowMillis);
        if (ref < 0) {
            return 0;
        }
        long entry = ofList(ref, nowMillis);
        if (entry < 0) {
            return (int) entry;
        }
        popOne(ref, entry, left, visitor);
        return 1;
    }

    /**
     * The live list under a key, as a handle for {@link #pop(long, boolean, long, ElementVisitor)}
     * (its access recorded): a dictionary reference, {@link Keyspace#ABSENT} or
     * {@link Keyspace#WRONG_TYPE}. One lookup for a pop of any count.
     */
    public long findForPop(MemorySegment key, long keyOffset, int keyLength, long nowMillis) {
        long ref = entries.findLive(KeyHash.hash(key, keyOffset, keyLength), key, keyOffset, keyLength, nowMillis);
        if (ref < 0) {
            return Keyspace.ABSENT;
        }
        return ofList(ref, nowMillis) < 0 ? Keyspace.WRONG_TYPE : ref;
    }

    /** LLEN of the list at a handle from {@link #findForPop}. */
    public long lengthAt(long ref) {
        return length(entries.dict.entry(ref));
    }

    /**
     * LPOP/RPOP of {@code count} elements (at most the list's length) of the list at a handle from
     * {@link #findForPop}: shows each to the visitor, then removes it; the key goes with its last.
     */
    public void pop(long ref, boolean left, long count, ElementVisitor visitor) {
        long entry = entries.dict.entry(ref);
        for (long i = 0; i < count; i++) {
            popOne(ref, entry, left, visitor);
        }
    }

    private void popOne(long ref, long entry, boolean left, ElementVisitor visitor) {
        long dir = entries.tableOf(entry);
        int i = left ? 0 : ListNodes.nodes(memory, dir) - 1;
        long block = ListNodes.block(memory, dir, i);
        MemorySegment s = memory.segment(block);
        long base = BlockAllocator.offset(block);
        long at = left ? base + ListNodes.start(memory, dir, i) : Framed.previous(s, base + ListNodes.end(memory, dir, i));
        visitor.visit(s, Framed.data(s, at), Framed.length(s, at), 0, -1);
        finish(ref, entry, edits.removeAt(dir, i, at));
    }

    /** LINDEX on a list entry: visits the element at {@code index} (negative from the tail); false when out of range. */
    public boolean index(long entry, long index, ElementVisitor visitor) {
        long dir = entries.tableOf(entry);
        long length = ListNodes.elements(memory, dir);
        long i = index < 0 ? index + length : index;
        if (i < 0 || i >= length) {
            return false;
        }
        long located = ListEdits.locate(memory, dir, i);
        long block = ListNodes.block(memory, dir, (int) (located >>> 32));
        MemorySegment s = memory.segment(block);
        long at = BlockAllocator.offset(block) + (located & 0xFFFF_FFFFL);
        visitor.visit(s, Framed.data(s, at), Framed.length(s, at), 0, -1);
        return true;
    }

    /**
     * LSET: replaces the element at {@code index} (negative from the tail). Returns 1,
     * {@link Keyspace#ABSENT}, {@link Keyspace#WRONG_TYPE}, {@link #OUT_OF_RANGE} or {@link Keyspace#TOO_LARGE}.
     */
    public int set(MemorySegment key, long keyOffset, int keyLength, long index, MemorySegment element, long elementOffset,
                   int elementLength, long nowMillis) {
        long ref = entries.findLive(KeyHash.hash(key, keyOffset, keyLength), key, keyOffset, keyLength, nowMillis);
        if (ref < 0) {
            return (int) Keyspace.ABSENT;
        }
        long entry = ofList(ref, nowMillis);
        if (entry < 0) {
            return (int) entry;
        }
        if (elementLength > maxValueBytes) {
            return Keyspace.TOO_LARGE;
        }
        long dir = entries.tableOf(entry);
        long length = ListNodes.elements(memory, dir);
        long i = index < 0 ? index + length : index;
        if (i < 0 || i >= length) {
            return OUT_OF_RANGE;
        }
        long located = ListEdits.locate(memory, dir, i);
        int node = (int) (located >>> 32);
        long block = ListNodes.block(memory, dir, node);
        MemorySegment s = memory.segment(block);
        long at = BlockAllocator.offset(block) + (located & 0xFFFF_FFFFL);
        if (Framed.size(Framed.length(s, at)) == Framed.size(elementLength)) {
            Framed.write(s, at, element, elementOffset, elementLength);
            return 1;
        }
        dir = edits.removeAt(dir, node, at);
        entries.setTable(entry, edits.insertAt(dir, i, element, elementOffset, elementLength));
        return 1;
    }

    /**
     * LINSERT: inserts before (or after) the first element equal to the pivot. Returns the new
     * length, -1 when the pivot is missing, 0 when there is no list, or {@link Keyspace#WRONG_TYPE}
     * / {@link Keyspace#TOO_LARGE}.
     */
    public long insert(MemorySegment key, long keyOffset, int keyLength, boolean after, MemorySegment pivot, long pivotOffset,
                       int pivotLength, MemorySegment element, long elementOffset, int elementLength, long nowMillis) {
        long entry = find(key, keyOffset, keyLength, nowMillis);
        if (entry < 0) {
            return entry == Keyspace.ABSENT ? 0 : entry;
        }
        if (elementLength > maxValueBytes) {
            return Keyspace.TOO_LARGE;
        }
        ListCursor c = cursor(entry, 0, true);
        long index = 0;
        while (c.next() && !c.matches(pivot, pivotOffset, pivotLength)) {
            index++;
        }
        long dir = entries.tableOf(entry);
        if (index == ListNodes.elements(memory, dir)) {
            return -1;
        }
        dir = edits.insertAt(dir, after ? index + 1 : index, element, elementOffset, elementLength);
        entries.setTable(entry, dir);
        return ListNodes.elements(memory, dir);
    }

    /**
     * LREM: removes up to {@code count} elements equal to the given bytes from the head (all for
     * 0; the last {@code -count} for a negative count). Returns how many, or {@link Keyspace#WRONG_TYPE}.
     */
    public long remove(MemorySegment key, long keyOffset, int keyLength, long count, MemorySegment element, long elementOffset,
                       int elementLength, long nowMillis) {
        long ref = entries.findLive(KeyHash.hash(key, keyOffset, keyLength), key, keyOffset, keyLength, nowMillis);
        if (ref < 0) {
            return 0;
        }
        long entry = ofList(ref, nowMillis);
        if (entry < 0) {
            return entry;
        }
        long limit = count == 0 ? Long.MAX_VALUE : count;
        long skip = 0;
        if (count < 0) {
            long matches = 0;
            ListCursor c = cursor(entry, 0, true);
            while (c.next()) {
                matches += c.matches(element, elementOffset, elementLength) ? 1 : 0;
            }
            limit = count == Long.MIN_VALUE ? matches : Math.min(matches, -count);
            skip = matches - limit;
        }
        long dir = entries.tableOf(entry);
        long before = ListNodes.elements(memory, dir);
        dir = edits.removeMatches(dir, element, elementOffset, elementLength, skip, limit);
        long removed = before - ListNodes.elements(memory, dir);
        finish(ref, entry, dir);
        return removed;
    }

    /**
     * LTRIM with Redis's index rules: keeps elements {@code start..stop} (negative from the
     * tail); an empty range deletes the key. Returns 1, 0 when there is no list, or {@link Keyspace#WRONG_TYPE}.
     */
    public int trim(MemorySegment key, long keyOffset, int keyLength, long start, long stop, long nowMillis) {
        long ref = entries.findLive(KeyHash.hash(key, keyOffset, keyLength), key, keyOffset, keyLength, nowMillis);
        if (ref < 0) {
            return 0;
        }
        long entry = ofList(ref, nowMillis);
        if (entry < 0) {
            return (int) entry;
        }
        long dir = entries.tableOf(entry);
        long length = ListNodes.elements(memory, dir);
        long from = start < 0 ? length + start : start;
        long to = stop < 0 ? length + stop : stop;
        from = Math.max(0, from);
        long dropFront;
        long dropBack;
        if (from > to || from >= length) {
            dropFront = length;
            dropBack = 0;
        } else {
            to = Math.min(to, length - 1);
            dropFront = from;
            dropBack = length - to - 1;
        }
        dir = edits.removeFront(dir, dropFront);
        dir = edits.removeBack(dir, dropBack);
        finish(ref, entry, dir);
        return 1;
    }

    /** Stores the list's directory in its entry, or deletes the key when the list is empty. */
    private void finish(long ref, long entry, long dir) {
        entries.setTable(entry, dir);
        if (ListNodes.elements(memory, dir) == 0) {
            entries.removeEntry(ref, entry);
        }
    }
}
