package dev.kevy.server.store;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A small sorted set packed in its entry's value ("listpack"): the {@link Packed} layout with
 * pairs of a member and its score, the score a {@link Prefixed} string of 8 bytes holding a double,
 * kept in score-then-member order. Lookups and inserts scan, as Redis's listpack code does; at
 * the default 128 members of at most 64 bytes a scan stays within a few cache lines.
 *
 * <p>Redis keeps a listpack's scores as text written with {@code d2string}, which prints -0 as
 * "0": a packed score of -0 is therefore stored as 0, so replies match.
 */
final class PackedZset {
    private static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED;
    private static final int SCORE_SIZE = 9;

    private PackedZset() {
    }

    /** Bytes one member of this length takes with its score. */
    static int groupSize(int memberLength) {
        return Prefixed.size(memberLength) + SCORE_SIZE;
    }

    /** The score of the group at {@code at}. */
    static double score(MemorySegment s, long at) {
        return s.get(DOUBLE, Prefixed.next(s, at) + 1);
    }

    /** Orders the group at {@code at} against (score, member): negative when the group comes first. */
    private static int compare(MemorySegment s, long at, double score, MemorySegment member, long memberOffset, int memberLength) {
        double gs = score(s, at);
        if (gs != score) {
            return gs < score ? -1 : 1;
        }
        return Prefixed.compare(s, Prefixed.data(s, at), Prefixed.length(s, at), member, memberOffset, memberLength);
    }

    /** Inserts an absent member in its place in the packed set at {@code ref}; the entry may move. */
    static void insert(Entries entries, long ref, long entry, MemorySegment member, long memberOffset, int memberLength,
                       double score, long nowMillis) {
        double stored = score + 0.0; // -0 becomes 0, as d2string's text does
        BlockAllocator memory = entries.memory;
        MemorySegment s = memory.segment(entry);
        long base = Elements.valueOffset(s, entry);
        int length = Elements.valueLength(s, entry);
        int count = Packed.count(s, base);
        long at = base + Packed.HEADER;
        for (int i = 0; i < count && compare(s, at, stored, member, memberOffset, memberLength) < 0; i++) {
            at = Packed.skip(s, at, true);
        }
        long position = at - base; // relative: the value may move
        int size = groupSize(memberLength);
        entry = entries.resize(ref, entry, length + size, length, true, nowMillis);
        s = memory.segment(entry);
        base = Elements.valueOffset(s, entry);
        MemorySegment.copy(s, base + position, s, base + position + size, length - position);
        long scoreAt = Prefixed.write(s, base + position, member, memberOffset, memberLength);
        s.set(ValueLayout.JAVA_BYTE, scoreAt, (byte) 8);
        s.set(DOUBLE, scoreAt + 1, stored);
        Packed.setCount(s, base, count + 1);
    }

    /** 0-based rank of a member, -1 when absent. */
    static long rank(MemorySegment s, long base, MemorySegment member, long memberOffset, int memberLength) {
        int count = Packed.count(s, base);
        long at = base + Packed.HEADER;
        for (int i = 0; i < count; i++) {
            if (Prefixed.equals(s, at, member, memberOffset, memberLength)) {
                return i;
            }
            at = Packed.skip(s, at, true);
        }
        return -1;
    }

    /** Members whose score is below {@code bound}, or not above it when {@code inclusive}. */
    static long countBelow(MemorySegment s, long base, double bound, boolean inclusive) {
        int count = Packed.count(s, base);
        long at = base + Packed.HEADER;
        int i = 0;
        for (; i < count; i++) {
            double score = score(s, at);
            if (!(score < bound || inclusive && score == bound)) {
                break;
            }
            at = Packed.skip(s, at, true);
        }
        return i;
    }

    /** Members that sort below the bytes, or not above them when {@code inclusive}. */
    static long countBelowLex(MemorySegment s, long base, MemorySegment bound, long boundOffset, int boundLength, boolean inclusive) {
        int count = Packed.count(s, base);
        long at = base + Packed.HEADER;
        int i = 0;
        for (; i < count; i++) {
            int c = Prefixed.compare(s, Prefixed.data(s, at), Prefixed.length(s, at), bound, boundOffset, boundLength);
            if (!(c < 0 || inclusive && c == 0)) {
                break;
            }
            at = Packed.skip(s, at, true);
        }
        return i;
    }

    /** Removes the groups of ranks {@code start..end} from a value of {@code length} bytes; returns the new length. */
    static int removeRange(MemorySegment s, long base, int length, int start, int end) {
        long from = Packed.groupAt(s, base, true, start);
        long to = from;
        for (int i = start; i <= end; i++) {
            to = Packed.skip(s, to, true);
        }
        MemorySegment.copy(s, to, s, from, base + length - to);
        Packed.setCount(s, base, Packed.count(s, base) - (end - start + 1));
        return (int) (length - (to - from));
    }
}
