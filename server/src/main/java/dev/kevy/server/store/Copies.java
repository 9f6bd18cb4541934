package dev.kevy.server.store;

import java.lang.foreign.MemorySegment;

/** Copying a value between entries, possibly of two keyspaces (RENAME, MOVE, COPY). */
final class Copies {
    private Copies() {
    }

    /**
     * Fills entry {@code dst} (already of the source's kind and value length) with the value of
     * {@code src}: the bytes, or for a table-encoded collection a copy of its table and elements in
     * {@code to}'s memory, unless {@code handOver} (same keyspace, the source is going): then the
     * table itself, which the source must then leave without freeing.
     */
    static void value(Entries from, long src, Entries to, long dst, boolean handOver) {
        int kind = from.kindOf(src);
        if (EntryLayout.type(kind) == Keyspace.TYPE_LIST && EntryLayout.ownsTable(kind) && !handOver) {
            to.setTable(dst, ListNodes.copy(from.memory, from.tableOf(src), to.memory));
            return;
        }
        if (EntryLayout.ownsTable(kind) && !handOver && EntryLayout.type(kind) == Keyspace.TYPE_ZSET) {
            Zsets.copy(from, src, to, dst);
            return;
        }
        if (EntryLayout.ownsTable(kind) && !handOver) {
            to.setTable(dst, FieldTable.copy(from.memory, from.tableOf(src), to.memory,
                    EntryLayout.type(kind) == Keyspace.TYPE_HASH));
            return;
        }
        MemorySegment s = from.memory.segment(src);
        MemorySegment d = to.memory.segment(dst);
        MemorySegment.copy(s, Elements.valueOffset(s, src), d, Elements.valueOffset(d, dst), Elements.valueLength(s, src));
    }
}
