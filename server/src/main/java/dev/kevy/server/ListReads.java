package dev.kevy.server;

import dev.kevy.io.codec.Request;
import dev.kevy.io.resp.RespWriter;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.server.command.Replies;
import dev.kevy.server.store.Keyspace;
import dev.kevy.server.store.ListCursor;
import java.lang.foreign.MemorySegment;

/** The list commands that only read: LRANGE, LINDEX and LPOS, with Redis 7.0's index and option rules. */
final class ListReads {
    private static final byte[] RANK_ZERO = Replies.bytes("-ERR RANK can't be zero: use 1 to start from the first match, "
            + "2 from the second ... or use negative to start from the end of the list\r\n");
    private static final byte[] COUNT_NEGATIVE = Replies.bytes("-ERR COUNT can't be negative\r\n");
    private static final byte[] MAXLEN_NEGATIVE = Replies.bytes("-ERR MAXLEN can't be negative\r\n");
    /** LPOS without COUNT. */
    private static final long NO_COUNT = -1;

    private ListReads() {
    }

    /** LRANGE key start stop: both indexes read before the key, then clamped as Redis clamps them. */
    static void lrange(Keyspace ks, Request c, OutputBuffer out, long now, ElementWriter writer) {
        if (!c.parseLong(2)) {
            out.writeBytes(Replies.NOT_INTEGER);
            return;
        }
        long start = c.longValue();
        if (!c.parseLong(3)) {
            out.writeBytes(Replies.NOT_INTEGER);
            return;
        }
        long stop = c.longValue();
        long entry = KeyEvents.read(ks, ks.lists.find(c.buffer(), c.offset(1), (int) c.length(1), now), c, 1);
        if (entry == Keyspace.WRONG_TYPE) {
            out.writeBytes(Replies.WRONG_TYPE);
            return;
        }
        long length = entry < 0 ? 0 : ks.lists.length(entry);
        start = start < 0 ? Math.max(0, length + start) : start;
        stop = stop < 0 ? length + stop : stop;
        if (start > stop || start >= length) {
            RespWriter.emptyArray(out);
            return;
        }
        stop = Math.min(stop, length - 1);
        RespWriter.arrayHeader(out, stop - start + 1);
        ListCursor cursor = ks.lists.cursor(entry, start, true);
        for (long i = start; i <= stop && cursor.next(); i++) {
            RespWriter.bulk(out, cursor.segment(), cursor.offset(), cursor.length());
        }
    }

    /** LINDEX key index: the key is looked up before the index is read, as in Redis. */
    static void lindex(Keyspace ks, Request c, OutputBuffer out, long now, ElementWriter writer) {
        long entry = KeyEvents.read(ks, ks.lists.find(c.buffer(), c.offset(1), (int) c.length(1), now), c, 1);
        if (entry == Keyspace.WRONG_TYPE) {
            out.writeBytes(Replies.WRONG_TYPE);
        } else if (entry < 0) {
            RespWriter.nullBulk(out);
        } else if (!c.parseLong(2)) {
            out.writeBytes(Replies.NOT_INTEGER);
        } else if (!ks.lists.index(entry, c.longValue(), writer.start(out, ElementWriter.FIELDS, null, 0))) {
            RespWriter.nullBulk(out);
        }
    }

    /**
     * LPOS key element [RANK rank] [COUNT num-matches] [MAXLEN len], as Redis 7.0 computes it:
     * RANK's sign picks the direction, MAXLEN bounds the elements compared, COUNT 0 means every
     * match. A rank of Long.MIN_VALUE stays negative when negated, in Redis's C as in Java, and
     * then every match qualifies.
     */
    static void lpos(Keyspace ks, Request c, OutputBuffer out, long now) {
        long rank = 1;
        long count = NO_COUNT;
        long maxlen = 0;
        for (int j = 3; j < c.argc(); j++) {
            boolean more = j + 1 < c.argc();
            if (more && c.equalsIgnoreCase(j, "RANK")) {
                if (!c.parseLong(++j)) {
                    out.writeBytes(Replies.NOT_INTEGER);
                    return;
                }
                rank = c.longValue();
                if (rank == 0) {
                    out.writeBytes(RANK_ZERO);
                    return;
                }
            } else if (more && c.equalsIgnoreCase(j, "COUNT")) {
                if (!c.parseLong(++j) || c.longValue() < 0) {
                    out.writeBytes(COUNT_NEGATIVE);
                    return;
                }
                count = c.longValue();
            } else if (more && c.equalsIgnoreCase(j, "MAXLEN")) {
                if (!c.parseLong(++j) || c.longValue() < 0) {
                    out.writeBytes(MAXLEN_NEGATIVE);
                    return;
                }
                maxlen = c.longValue();
            } else {
                out.writeBytes(Replies.SYNTAX);
                return;
            }
        }
        long entry = KeyEvents.read(ks, ks.lists.find(c.buffer(), c.offset(1), (int) c.length(1), now), c, 1);
        if (entry == Keyspace.WRONG_TYPE) {
            out.writeBytes(Replies.WRONG_TYPE);
            return;
        }
        if (entry < 0) {
            if (count == NO_COUNT) {
                RespWriter.nullBulk(out);
            } else {
                RespWriter.emptyArray(out);
            }
            return;
        }
        if (count == NO_COUNT) {
            long match = matches(ks, entry, c, rank, count, maxlen, null);
            if (match < 0) {
                RespWriter.nullBulk(out);
            } else {
                RespWriter.integer(out, match);
            }
            return;
        }
        RespWriter.arrayHeader(out, matches(ks, entry, c, rank, count, maxlen, null));
        matches(ks, entry, c, rank, count, maxlen, out);
    }

    /**
     * Walks for LPOS's matches. With a count: writes the matching indexes to {@code out} (when
     * given) and returns how many there are. Without: returns the index of the match, or -1.
     */
    private static long matches(Keyspace ks, long entry, Request c, long rank, long count, long maxlen, OutputBuffer out) {
        boolean fromTail = rank < 0;
        long wanted = fromTail ? -rank : rank;
        long length = ks.lists.length(entry);
        ListCursor cursor = ks.lists.cursor(entry, fromTail ? length - 1 : 0, !fromTail);
        MemorySegment b = c.buffer();
        long element = c.offset(2);
        int elementLength = (int) c.length(2);
        long index = 0;
        long found = 0;
        long written = 0;
        while (cursor.next() && (maxlen == 0 || index < maxlen)) {
            if (cursor.matches(b, element, elementLength)) {
                found++;
                long at = fromTail ? length - index - 1 : index;
                if (found >= wanted) {
                    if (count == NO_COUNT) {
                        return at;
                    }
                    written++;
                    if (out != null) {
                        RespWriter.integer(out, at);
                    }
                    if (count != 0 && found - wanted + 1 >= count) {
                        break;
                    }
                }
            }
            index++;
        }
        return count == NO_COUNT ? -1 : written;
    }
}
