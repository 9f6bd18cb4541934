package dev.kevy.server;

import dev.kevy.io.codec.Request;
import dev.kevy.io.resp.RespWriter;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.server.command.Replies;
import dev.kevy.server.store.Keyspace;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * LCS key1 key2 [LEN] [IDX] [MINMATCHLEN n] [WITHMATCHLEN]: the longest common subsequence of two
 * strings, by the classic table of LCS lengths of every pair of prefixes, then one walk back from
 * the table's far corner. The walk breaks ties as Redis's does, so the subsequence and the matched
 * ranges are Redis's own, not just one of the equally long answers.
 *
 * <p>The table ({@code (len1 + 1) * (len2 + 1)} 32-bit cells) lives in the shard's {@link Scratch},
 * and the subsequence is built backwards after it; a table over proto-max-bulk-len bytes is refused
 * with Redis's error. IDX replies with the number of ranges first, so the walk runs twice: once to
 * count the ranges MINMATCHLEN keeps, once to write them.
 */
final class LcsCommand {

    private static final byte[] NOT_STRINGS = Replies.bytes("-ERR The specified keys must contain string values\r\n");
    private static final byte[] LEN_AND_IDX =
            Replies.bytes("-ERR If you want both the length and indexes, please just use IDX.\r\n");
    private static final byte[] TABLE_TOO_LARGE = Replies.bytes(
            "-ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len\r\n");
    private static final byte[] NO_MEMORY =
            Replies.bytes("-ERR Insufficient memory, failed allocating transient memory for LCS\r\n");
    private static final byte[] MATCHES = Replies.bytes("matches");
    private static final byte[] LEN = Replies.bytes("len");
    private static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;
    private static final ValueLayout.OfInt CELL = ValueLayout.JAVA_INT;

    private final Scratch scratch;
    // The command being run: its two strings as (segment, offset, length) and its table. Set at
    // the start of each call, instead of passed around as an object a call would allocate.
    private MemorySegment a = MemorySegment.NULL;
    private long aAt;
    private long aLength;
    private MemorySegment b = MemorySegment.NULL;
    private long bAt;
    private long bLength;
    private MemorySegment table = MemorySegment.NULL;

    LcsCommand(Scratch scratch) {
        this.scratch = scratch;
    }

    /** LCS with key1 in {@code first} and key2 in {@code second} (the same keyspace unless in an atomic turn). */
    void run(Keyspace first, Keyspace second, Request c, OutputBuffer out, long now) {
        MemorySegment s = c.buffer();
        long ea = KeyEvents.read(first, first.lookup(s, c.offset(1), (int) c.length(1), now), c, 1);
        long eb = KeyEvents.read(second, second.lookup(s, c.offset(2), (int) c.length(2), now), c, 2);
        if ((ea != Keyspace.ABSENT && first.type(ea) != Keyspace.TYPE_STRING)
                || (eb != Keyspace.ABSENT && second.type(eb) != Keyspace.TYPE_STRING)) {
            out.writeBytes(NOT_STRINGS);
            return;
        }
        boolean len = false;
        boolean idx = false;
        boolean withMatchLen = false;
        long minMatchLen = 0;
        for (int j = 3; j < c.argc(); j++) {
            if (c.equalsIgnoreCase(j, "IDX")) {
                idx = true;
            } else if (c.equalsIgnoreCase(j, "LEN")) {
                len = true;
            } else if (c.equalsIgnoreCase(j, "WITHMATCHLEN")) {
                withMatchLen = true;
            } else if (c.equalsIgnoreCase(j, "MINMATCHLEN") && j + 1 < c.argc()) {
                if (!c.parseLong(j + 1)) {
                    out.writeBytes(Replies.NOT_INTEGER);
                    return;
                }
                minMatchLen = Math.max(0, c.longValue());
                j++;
            } else {
                out.writeBytes(Replies.SYNTAX);
                return;
            }
        }
        if (len && idx) {
            out.writeBytes(LEN_AND_IDX);
            return;
        }
        a = ea == Keyspace.ABSENT ? MemorySegment.NULL : first.segment(ea);
        aAt = ea == Keyspace.ABSENT ? 0 : first.valueOffset(ea);
        aLength = ea == Keyspace.ABSENT ? 0 : first.valueLength(ea);
        b = eb == Keyspace.ABSENT ? MemorySegment.NULL : second.segment(eb);
        bAt = eb == Keyspace.ABSENT ? 0 : second.valueOffset(eb);
        bLength = eb == Keyspace.ABSENT ? 0 : second.valueLength(eb);
        long tableBytes = (aLength + 1) * (bLength + 1) * Integer.BYTES;
        if (tableBytes > Keyspace.DEFAULT_MAX_VALUE_BYTES) {
            out.writeBytes(TABLE_TOO_LARGE);
            return;
        }
        try {
            table = scratch.atLeast(tableBytes + Math.min(aLength, bLength));
        } catch (OutOfMemoryError refused) {
            out.writeBytes(NO_MEMORY);
            return;
        }
        try {
            fill();
            long lcsLength = cell(aLength, bLength);
            if (len) {
                RespWriter.integer(out, lcsLength);
            } else if (idx) {
                RespWriter.mapHeader(out, 2);
                RespWriter.bulk(out, MATCHES);
                RespWriter.arrayHeader(out, walk(minMatchLen, withMatchLen, null, lcsLength));
                walk(minMatchLen, withMatchLen, out, lcsLength);
                RespWriter.bulk(out, LEN);
                RespWriter.integer(out, lcsLength);
            } else {
                walk(0, false, null, lcsLength); // writes the subsequence after the table
                RespWriter.bulk(out, table, tableBytes, lcsLength);
            }
        } finally {
            a = MemorySegment.NULL;
            b = MemorySegment.NULL;
            table = MemorySegment.NULL;
            scratch.trim();
        }
    }

    /** Cell (i, j): the LCS length of a's first i bytes and b's first j bytes. */
    private int cell(long i, long j) {
        return table.get(CELL, (i * (bLength + 1) + j) * Integer.BYTES);
    }

    private void fill() {
        long width = bLength + 1;
        for (long j = 0; j < width; j++) {
            table.set(CELL, j * Integer.BYTES, 0);
        }
        for (long i = 1; i <= aLength; i++) {
            long row = i * width * Integer.BYTES;
            long above = row - width * Integer.BYTES;
            table.set(CELL, row, 0);
            byte x = a.get(BYTE, aAt + i - 1);
            for (long j = 1; j < width; j++) {
                long at = j * Integer.BYTES;
                int v;
                if (x == b.get(BYTE, bAt + j - 1)) {
                    v = table.get(CELL, above + at - Integer.BYTES) + 1;
                } else {
                    v = Math.max(table.get(CELL, above + at), table.get(CELL, row + at - Integer.BYTES));
                }
                table.set(CELL, row + at, v);
            }
        }
    }

    /**
     * Walks back from cell (len1, len2): on equal bytes diagonally (a byte of the subsequence),
     * otherwise towards the larger of the cells above and to the left (left on a tie).
     * Consecutive diagonal steps form a range, closed by the next non-diagonal step or by reaching
     * the start of a string; a closed range at least {@code minMatchLen} long (any, for 0) counts,
     * and is written to {@code out} when that is given. Without {@code out}, the subsequence's
     * bytes are stored after the table. Returns the ranges counted.
     */
    private int walk(long minMatchLen, boolean withMatchLen, OutputBuffer out, long lcsLength) {
        long textAt = (aLength + 1) * (bLength + 1) * Integer.BYTES;
        long k = lcsLength;
        int ranges = 0;
        boolean open = false;
        long aStart = 0;
        long aEnd = 0;
        long bStart = 0;
        long bEnd = 0;
        long i = aLength;
        long j = bLength;
        while (i > 0 && j > 0) {
            boolean close;
            byte x = a.get(BYTE, aAt + i - 1);
            if (x == b.get(BYTE, bAt + j - 1)) {
                if (out == null) {
                    table.set(BYTE, textAt + --k, x);
                }
                if (open) { // the previous step was diagonal too: the range grows backwards
                    aStart--;
                    bStart--;
                } else {
                    open = true;
                    aStart = aEnd = i - 1;
                    bStart = bEnd = j - 1;
                }
                close = aStart == 0 || bStart == 0;
                i--;
                j--;
            } else {
                if (cell(i - 1, j) > cell(i, j - 1)) {
                    i--;
                } else {
                    j--;
                }
                close = open;
            }
            if (close) {
                long matchLen = aEnd - aStart + 1;
                if (minMatchLen == 0 || matchLen >= minMatchLen) {
                    ranges++;
                    if (out != null) {
                        writeRange(out, aStart, aEnd, bStart, bEnd, withMatchLen ? matchLen : -1);
                    }
                }
                open = false;
            }
        }
        return ranges;
    }

    private static void writeRange(OutputBuffer out, long aStart, long aEnd, long bStart, long bEnd, long matchLen) {
        RespWriter.arrayHeader(out, matchLen < 0 ? 2 : 3);
        RespWriter.arrayHeader(out, 2);
        RespWriter.integer(out, aStart);
        RespWriter.integer(out, aEnd);
        RespWriter.arrayHeader(out, 2);
        RespWriter.integer(out, bStart);
        RespWriter.integer(out, bEnd);
        if (matchLen >= 0) {
            RespWriter.integer(out, matchLen);
        }
    }
}
