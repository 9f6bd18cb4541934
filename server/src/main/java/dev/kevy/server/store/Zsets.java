package dev.kevy.server.store;

import dev.kevy.rt.KeyHash;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static dev.kevy.server.store.EntryLayout.ENC_PACKED;
import static dev.kevy.server.store.EntryLayout.ENC_TABLE;

/**
 * The sorted-set operations of one {@link Keyspace}, over two encodings as in Redis 7.0: members
 * with their scores packed in the entry's value in score-then-member order ({@link PackedZset},
 * "listpack") while there are at most {@code zset-max-listpack-entries} members of at most
 * {@code zset-max-listpack-value} bytes; beyond, a {@link FieldTable} from member to element and a
 * {@link ScoreTree} over the same elements ("skiplist", the name Redis reports for its large
 * encoding). A sorted set never converts back, and one whose last member goes is deleted.
 *
 * <p>The command layer decides ZADD's flags from {@link #score} and then calls {@link #put}; ranges
 * are ranks, found with {@link #countBelow} and {@link #countBelowLex} and walked with a
 * {@link ZsetWalk}. Single-threaded, like the keyspace.
 */
public final class Zsets {
    private static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED;
    /** How many pops at an end {@link #loadAhead} prepares at a time, a power of two. */
    private static final int POP_AHEAD = 8;

    private final Entries entries;
    private final BlockAllocator memory;
    private final Dict dict;
    private final int maxValueBytes;
    private final EncodingLimits limits;
    private final ScoreTree order;
    private final ZsetWalk walk;
    /** Members popped from either end of a large set, counted to pace {@link #loadAhead}. */
    private int endPops;

    Zsets(Entries entries, int maxValueBytes, EncodingLimits limits) {
        this.entries = entries;
        this.memory = entries.memory;
        this.dict = entries.dict;
        this.maxValueBytes = maxValueBytes;
        this.limits = limits;
        this.order = entries.order;
        this.walk = new ZsetWalk(memory, entries);
    }

    /**
     * The live sorted-set entry of a key (its access recorded), {@link Keyspace#ABSENT}, or
     * {@link Keyspace#WRONG_TYPE}; the handle is valid until the next write.
     */
    public long find(MemorySegment key, long keyOffset, int keyLength, long nowMillis) {
        long ref = entries.findLive(KeyHash.hash(key, keyOffset, keyLength), key, keyOffset, keyLength, nowMillis);
        if (ref < 0) {
            return Keyspace.ABSENT;
        }
        long entry = dict.entry(ref);
        if (EntryLayout.type(Elements.meta(memory, entry)) != Keyspace.TYPE_ZSET) {
            return Keyspace.WRONG_TYPE;
        }
        entries.touch(memory.segment(entry), BlockAllocator.offset(entry), nowMillis);
        return entry;
    }

    /** The one walker over this keyspace's sorted sets. */
    public ZsetWalk walk() {
        return walk;
    }

    static boolean packed(BlockAllocator memory, long entry) {
        return EntryLayout.encoding(Elements.meta(memory, entry)) == ENC_PACKED;
    }

    /** Whether a sorted-set entry is in the compact encoding. */
    public boolean isPacked(long entry) {
        return packed(memory, entry);
    }

    /** ZCARD of an entry. */
    public long count(long entry) {
        if (packed(memory, entry)) {
            MemorySegment s = memory.segment(entry);
            return Packed.count(s, Elements.valueOffset(s, entry));
        }
        return TreeNodes.length(memory, treeOf(entries, entry));
    }

    /** ZSCORE: the member's score, NaN when it is not in the set (scores are never NaN). */
    public double score(long entry, MemorySegment member, long memberOffset, int memberLength) {
        if (packed(memory, entry)) {
            MemorySegment s = memory.segment(entry);
            long at = Packed.find(s, Elements.valueOffset(s, entry), true, member, memberOffset, memberLength);
            return at < 0 ? Double.NaN : PackedZset.score(s, at);
        }
        long element = element(entry, member, memberOffset, memberLength);
        return element == 0 ? Double.NaN : TreeNodes.score(memory, element);
    }

    /** ZRANK: the member's 0-based rank, -1 when absent. */
    public long rank(long entry, MemorySegment member, long memberOffset, int memberLength) {
        if (packed(memory, entry)) {
            MemorySegment s = memory.segment(entry);
            return PackedZset.rank(s, Elements.valueOffset(s, entry), member, memberOffset, memberLength);
        }
        long element = element(entry, member, memberOffset, memberLength);
        return element == 0 ? -1 : order.rankOf(memory, treeOf(entries, entry), element);
    }

    /** Members whose score is below {@code bound}, or not above it when {@code inclusive}. */
    public long countBelow(long entry, double bound, boolean inclusive) {
        if (packed(memory, entry)) {
            MemorySegment s = memory.segment(entry);
            return PackedZset.countBelow(s, Elements.valueOffset(s, entry), bound, inclusive);
        }
        return TreeNodes.countBelow(memory, treeOf(entries, entry), bound, inclusive);
    }

    /** Members that sort below the bytes, or not above them when {@code inclusive}. */
    public long countBelowLex(long entry, MemorySegment bound, long boundOffset, int boundLength, boolean inclusive) {
        if (packed(memory, entry)) {
            MemorySegment s = memory.segment(entry);
            return PackedZset.countBelowLex(s, Elements.valueOffset(s, entry), bound, boundOffset, boundLength, inclusive);
        }
        return TreeNodes.countBelowLex(memory, treeOf(entries, entry), bound, boundOffset, boundLength, inclusive);
    }

    /**
     * Sets a member's score, adding the member (and the key) when absent. Returns 1 if added, 0 if
     * it was there, or {@link Keyspace#WRONG_TYPE} / {@link Keyspace#TOO_LARGE}.
     */
    public int put(MemorySegment key, long keyOffset, int keyLength, MemorySegment member, long memberOffset, int memberLength,
                   double score, long nowMillis) {
        if (keyLength > maxValueBytes || memberLength > maxValueBytes) {
            return Keyspace.TOO_LARGE;
        }
        long hash = KeyHash.hash(key, keyOffset, keyLength);
        long ref = entries.findLive(hash, key, keyOffset, keyLength, nowMillis);
        boolean small = memberLength <= limits.zsetMaxListpackValue();
        if (ref < 0) {
            if (small && limits.zsetMaxListpackEntries() > 0) {
                long entry = entries.insert(hash, key, keyOffset, keyLength, Packed.HEADER,
                        EntryLayout.kind(Keyspace.TYPE_ZSET, ENC_PACKED), 0, nowMillis);
                MemorySegment s = memory.segment(entry);
                Packed.setCount(s, Elements.valueOffset(s, entry), 0);
                PackedZset.insert(entries, ref(entry), entry, member, memberOffset, memberLength, score, nowMillis);
            } else {
                long entry = entries.insert(hash, key, keyOffset, keyLength, 16, EntryLayout.kind(Keyspace.TYPE_ZSET, ENC_TABLE), 0,
                        nowMillis);
                setTree(entries, entry, FieldTable.create(memory, 1), TreeNodes.create(memory));
                addElement(entry, member, memberOffset, memberLength, score);
            }
            return 1;
        }
        long entry = dict.entry(ref);
        if (EntryLayout.type(Elements.meta(memory, entry)) != Keyspace.TYPE_ZSET) {
            return Keyspace.WRONG_TYPE;
        }
        entries.touch(memory.segment(entry), BlockAllocator.offset(entry), nowMillis);
        if (packed(memory, entry)) {
            MemorySegment s = memory.segment(entry);
            long base = Elements.valueOffset(s, entry);
            long at = Packed.find(s, base, true, member, memberOffset, memberLength);
            if (at >= 0) {
                if (PackedZset.score(s, at) != score) {
                    int length = Packed.remove(s, base, Elements.valueLength(s, entry), at, true);
                    s.set(EntryLayout.INT, BlockAllocator.offset(entry) + EntryLayout.VALUE_LENGTH, length);
                    PackedZset.insert(entries, ref, entry, member, memberOffset, memberLength, score, nowMillis);
                }
                return 0;
            }
            long grown = (long) Elements.valueLength(s, entry) + PackedZset.groupSize(memberLength);
            if (small && Packed.count(s, base) < limits.zsetMaxListpackEntries() && grown <= maxValueBytes) {
                PackedZset.insert(entries, ref, entry, member, memberOffset, memberLength, score, nowMillis);
                return 1;
            }
            entry = toTree(ref, entry, nowMillis);
        }
        long element = element(entry, member, memberOffset, memberLength);
        if (element != 0) {
            if (TreeNodes.score(memory, element) != score) {
                order.rescore(memory, treeOf(entries, entry), element, score);
            }
            return 0;
        }
        if (FieldTable.count(memory, entries.tableOf(entry)) >= FieldTable.MAX_ELEMENTS) {
            return Keyspace.TOO_LARGE;
        }
        addElement(entry, member, memberOffset, memberLength, score);
        return 1;
    }

    /** ZREM of one member: 1 if removed, 0 if absent, or {@link Keyspace#WRONG_TYPE}; the key goes with its last member. */
    public int remove(MemorySegment key, long keyOffset, int keyLength, MemorySegment member, long memberOffset, int memberLength,
                      long nowMillis) {
        long ref = Elements.refOfType(entries, key, keyOffset, keyLength, Keyspace.TYPE_ZSET, nowMillis);
        if (ref < 0) {
            return ref == Keyspace.WRONG_TYPE ? Keyspace.WRONG_TYPE : 0;
        }
        long entry = dict.entry(ref);
        if (packed(memory, entry)) {
            MemorySegment s = memory.segment(entry);
            long base = Elements.valueOffset(s, entry);
            long at = Packed.find(s, base, true, member, memberOffset, memberLength);
            if (at < 0) {
                return 0;
            }
            int length = Packed.remove(s, base, Elements.valueLength(s, entry), at, true);
            finishPacked(ref, entry, length, nowMillis);
            return 1;
        }
        long table = entries.tableOf(entry);
        int slot = FieldTable.find(memory, table, KeyHash.hash(member, memberOffset, memberLength), member, memberOffset, memberLength);
        if (slot < 0) {
            return 0;
        }
        removeSlot(ref, entry, table, slot, nowMillis);
        return 1;
    }

    /**
     * Removes the members of 0-based ranks {@code start..end} (within the set) from the set under
     * {@code key}; the key goes with its last member. The ZREMRANGEBY* and ZPOP* step.
     */
    public void removeRange(MemorySegment key, long keyOffset, int keyLength, long start, long end, long nowMillis) {
        long ref = entries.findLive(KeyHash.hash(key, keyOffset, keyLength), key, keyOffset, keyLength, nowMillis);
        long entry = dict.entry(ref);
        if (packed(memory, entry)) {
            MemorySegment s = memory.segment(entry);
            long base = Elements.valueOffset(s, entry);
            int length = PackedZset.removeRange(s, base, Elements.valueLength(s, entry), (int) start, (int) end);
            finishPacked(ref, entry, length, nowMillis);
            return;
        }
        long tree = treeOf(entries, entry);
        boolean front = start == 0;
        boolean back = !front && end == TreeNodes.length(memory, tree) - 1;
        for (long i = start; i <= end; i++) { // each removal may rebalance the tree: find the next member afresh
            long element = TreeNodes.elementAt(memory, TreeNodes.atRank(memory, tree, start));
            long table = entries.tableOf(entry);
            MemorySegment s = memory.segment(element);
            long at = BlockAllocator.offset(element);
            long hash = KeyHash.hash(s, Prefixed.data(s, at), Prefixed.length(s, at));
            int slot = FieldTable.find(memory, table, hash, s, Prefixed.data(s, at), Prefixed.length(s, at));
            if (removeSlot(ref, entry, table, slot, nowMillis)) {
                return;
            }
            if ((front || back) && (++endPops & (POP_AHEAD - 1)) == 0) {
                loadAhead(entry, tree, back);
            }
        }
    }

    /**
     * Starts the cache misses of the next {@link #POP_AHEAD} pops at one end of a large set, all
     * at once, so that they overlap. A pop from an end finds its member in a leaf the last pop
     * left in cache, but the member's block and its table slot lie anywhere in memory: two
     * dependent misses of 250-300 ns each on this VM (nested page walks), paid one after the other
     * by every ZPOPMIN of a pipeline. Every {@code POP_AHEAD}th pop from an end loads the blocks
     * of the members next in line in one loop of independent loads, then, their bytes hashed,
     * their home slots in a second: the processor keeps these in flight together, and the next
     * pops find both warm. {@code ZPOPMIN} on a set of about 10 million members at {@code -P 16}:
     * 2,030-2,260 ns of server CPU a pop before, 1,400-1,450 after (docs/BENCHMARKS.md "Popping
     * and reading a large sorted set").
     *
     * <p>A hint only: it changes no state, and a guess gone wrong (the next command pops another
     * set) costs sixteen loads ({@link BlockAllocator#touch}, {@link BlockAllocator#keep}). Java
     * has no prefetch instruction; these loads hold the processor's retirement until they arrive,
     * which is why they are issued together rather than one per pop.
     */
    private void loadAhead(long entry, long tree, boolean back) {
        long leaf = TreeNodes.headerLong(memory, tree, back ? TreeNodes.LAST : TreeNodes.FIRST);
        MemorySegment s = memory.segment(leaf);
        long b = BlockAllocator.offset(leaf);
        int count = TreeNodes.count(s, b);
        int n = Math.min(POP_AHEAD, count);
        for (int i = 0; i < n; i++) {
            memory.touch(TreeNodes.leafElement(s, b, back ? count - 1 - i : i));
        }
        long table = entries.tableOf(entry);
        long sum = 0;
        for (int i = 0; i < n; i++) {
            long element = TreeNodes.leafElement(s, b, back ? count - 1 - i : i);
            MemorySegment e = memory.segment(element);
            long at = BlockAllocator.offset(element);
            sum += FieldTable.homeWord(memory, table, KeyHash.hash(e, Prefixed.data(e, at), Prefixed.length(e, at)));
        }
        memory.keep(sum);
    }

    /** ZSCAN: about {@code count} pairs of member and 8-byte score from {@code cursor}; a packed set whole. */
    public long scan(long entry, long cursor, int count, ElementVisitor visitor) {
        if (packed(memory, entry)) {
            MemorySegment s = memory.segment(entry);
            Packed.forEach(s, Elements.valueOffset(s, entry), true, visitor);
            return 0;
        }
        return FieldTable.scan(memory, entries.tableOf(entry), cursor, count, true, visitor);
    }

    /** The score a visited 8-byte value holds ({@link #scan}). */
    public static double scoreAt(MemorySegment s, long valueOffset) {
        return s.get(DOUBLE, valueOffset);
    }

    // ---- steps ---------------------------------------------------------------------------------

    private long ref(long entry) {
        MemorySegment s = memory.segment(entry);
        long base = BlockAllocator.offset(entry);
        return dict.findEntry(KeyHash.hash(s, base + EntryLayout.HEADER, s.get(EntryLayout.INT, base + EntryLayout.KEY_LENGTH)), entry);
    }

    private void finishPacked(long ref, long entry, int length, long nowMillis) {
        MemorySegment s = memory.segment(entry);
        if (Packed.count(s, Elements.valueOffset(s, entry)) == 0) {
            entries.removeEntry(ref, entry);
        } else {
            entries.resize(ref, entry, length, length, false, nowMillis);
        }
    }

    /** Removes the member in a table slot; returns whether the key went with it. */
    private boolean removeSlot(long ref, long entry, long table, int slot, long nowMillis) {
        long element = FieldTable.elementAt(memory, table, slot);
        order.remove(memory, treeOf(entries, entry), element);
        long shrunk = FieldTable.removeAt(memory, table, slot);
        memory.free(element);
        entries.setTable(entry, shrunk);
        if (FieldTable.count(memory, shrunk) == 0) {
            entries.removeEntry(ref, entry);
            return true;
        }
        entries.touch(memory.segment(entry), BlockAllocator.offset(entry), nowMillis);
        return false;
    }

    private long element(long entry, MemorySegment member, long memberOffset, int memberLength) {
        long table = entries.tableOf(entry);
        int slot = FieldTable.find(memory, table, KeyHash.hash(member, memberOffset, memberLength), member, memberOffset, memberLength);
        return slot < 0 ? 0 : FieldTable.elementAt(memory, table, slot);
    }

    private void addElement(long entry, MemorySegment member, long memberOffset, int memberLength, double score) {
        long element = TreeNodes.element(memory, member, memberOffset, memberLength, score);
        long table = FieldTable.add(memory, entries.tableOf(entry), KeyHash.hash(member, memberOffset, memberLength), element);
        entries.setTable(entry, table);
        order.insert(memory, treeOf(entries, entry), element);
    }

    /** Moves a packed set's members into a table and a tree; returns the entry (it may move). */
    private long toTree(long ref, long entry, long nowMillis) {
        MemorySegment s = memory.segment(entry);
        long base = Elements.valueOffset(s, entry);
        int count = Packed.count(s, base);
        long table = FieldTable.create(memory, count + 1);
        long tree = TreeNodes.create(memory);
        long at = base + Packed.HEADER;
        for (int i = 0; i < count; i++) {
            long data = Prefixed.data(s, at);
            int length = Prefixed.length(s, at);
            long element = TreeNodes.element(memory, s, data, length, PackedZset.score(s, at));
            table = FieldTable.add(memory, table, KeyHash.hash(s, data, length), element);
            order.insert(memory, tree, element);
            at = Packed.skip(s, at, true);
        }
        entry = entries.resize(ref, entry, 16, 0, false, nowMillis);
        entries.setKind(entry, EntryLayout.kind(Keyspace.TYPE_ZSET, ENC_TABLE));
        setTree(entries, entry, table, tree);
        return entry;
    }

    /** The tree header of a large sorted set's entry (the 8 value bytes after its table). */
    static long treeOf(Entries entries, long entry) {
        MemorySegment s = entries.memory.segment(entry);
        return s.get(EntryLayout.LONG, Elements.valueOffset(s, entry) + 8);
    }

    private static void setTree(Entries entries, long entry, long table, long tree) {
        MemorySegment s = entries.memory.segment(entry);
        long value = Elements.valueOffset(s, entry);
        s.set(EntryLayout.LONG, value, table);
        s.set(EntryLayout.LONG, value + 8, tree);
    }

    /** Frees a large sorted set's table, elements and tree. */
    static void release(Entries entries, long entry) {
        TreeNodes.release(entries.memory, treeOf(entries, entry));
        FieldTable.release(entries.memory, entries.tableOf(entry), true);
    }

    /** Bytes of a large sorted set's tree, table and elements (estimated from {@code samples}). */
    static long memoryUsage(Entries entries, long entry, int samples) {
        return TreeNodes.memoryUsage(entries.memory, treeOf(entries, entry))
                + FieldTable.memoryUsage(entries.memory, entries.tableOf(entry), samples);
    }

    /**
     * Fills {@code dst} (a large sorted set's entry of {@code to}, value bytes reserved) with a copy
     * of the sorted set {@code src} of {@code from}: new elements, table and tree in {@code to}'s
     * memory, inserted in order (so its leaves come out full).
     */
    static void copy(Entries from, long src, Entries to, long dst) {
        BlockAllocator fm = from.memory;
        BlockAllocator tm = to.memory;
        long srcTree = treeOf(from, src);
        long table = FieldTable.create(tm, (int) TreeNodes.length(fm, srcTree));
        long tree = TreeNodes.create(tm);
        for (long leaf = ScoreTree.firstLeaf(fm, srcTree); leaf != 0; leaf = TreeNodes.nextLeaf(fm, leaf)) {
            MemorySegment ls = fm.segment(leaf);
            long lb = BlockAllocator.offset(leaf);
            for (int i = 0, n = TreeNodes.count(ls, lb); i < n; i++) {
                long e = TreeNodes.leafElement(ls, lb, i);
                MemorySegment s = fm.segment(e);
                long at = BlockAllocator.offset(e);
                long data = Prefixed.data(s, at);
                int length = Prefixed.length(s, at);
                long element = TreeNodes.element(tm, s, data, length, TreeNodes.leafScore(ls, lb, i));
                table = FieldTable.add(tm, table, KeyHash.hash(s, data, length), element);
                to.order.insert(tm, tree, element);
            }
        }
        setTree(to, dst, table, tree);
    }
}
