package dev.kevy.server;

import dev.kevy.io.codec.Request;
import dev.kevy.io.resp.RespWriter;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.server.command.Replies;
import dev.kevy.server.store.Keyspace;

/** APPEND, STRLEN, GETRANGE and SETRANGE: commands on parts of a string. */
final class RangeCommands {

    private static final byte[] OFFSET_OUT_OF_RANGE = Replies.bytes("-ERR offset is out of range\r\n");


    RangeCommands() {
    }

    void append(Keyspace keyspace, Request c, OutputBuffer out, long now) {
        long r = keyspace.append(c.buffer(), c.offset(1), (int) c.length(1), c.buffer(), c.offset(2),
                (int) c.length(2), now);
        if (r >= 0) {
            KeyEvents.changed(keyspace, KeyEventNames.APPEND, c, 1);
        }
        lengthReply(r, out);
    }

    void strlen(Keyspace keyspace, Request c, OutputBuffer out, long now) {
        long e = KeyEvents.read(keyspace, keyspace.lookup(c.buffer(), c.offset(1), (int) c.length(1), now), c, 1);
        if (e == Keyspace.ABSENT) {
            RespWriter.integer(out, 0);
        } else if (keyspace.type(e) != Keyspace.TYPE_STRING) {
            out.writeBytes(Replies.WRONG_TYPE);
        } else {
            RespWriter.integer(out, keyspace.valueLength(e));
        }
    }

    /** GETRANGE key start end: inclusive, negative indexes count from the end, clamped like Redis. */
    void getrange(Keyspace keyspace, Request c, OutputBuffer out, long now) {
        if (!c.parseLong(2)) {
            out.writeBytes(Replies.NOT_INTEGER);
            return;
        }
        long start = c.longValue();
        if (!c.parseLong(3)) {
            out.writeBytes(Replies.NOT_INTEGER);
            return;
        }
        long end = c.longValue();
        long e = KeyEvents.read(keyspace, keyspace.lookup(c.buffer(), c.offset(1), (int) c.length(1), now), c, 1);
        if (e == Keyspace.ABSENT) {
            RespWriter.emptyBulk(out);
            return;
        }
        if (keyspace.type(e) != Keyspace.TYPE_STRING) {
            out.writeBytes(Replies.WRONG_TYPE);
            return;
        }
        long len = keyspace.valueLength(e);
        if (start < 0 && end < 0 && start > end) {
            RespWriter.emptyBulk(out);
            return;
        }
        if (start < 0) {
            start = Math.max(0, len + start);
        }
        if (end < 0) {
            end = Math.max(0, len + end);
        }
        if (end >= len) {
            end = len - 1;
        }
        if (len == 0 || start > end) {
            RespWriter.emptyBulk(out);
            return;
        }
        RespWriter.bulk(out, keyspace.segment(e), keyspace.valueOffset(e) + start, end - start + 1);
    }

    /** SETRANGE key offset value: the new length; zero bytes pad any gap. */
    void setrange(Keyspace keyspace, Request c, OutputBuffer out, long now) {
        if (!c.parseLong(2)) {
            out.writeBytes(Replies.NOT_INTEGER);
            return;
        }
        long offset = c.longValue();
        if (offset < 0) {
            out.writeBytes(OFFSET_OUT_OF_RANGE);
            return;
        }
        if (offset > Keyspace.DEFAULT_MAX_VALUE_BYTES - c.length(3)) { // (no overflow near Long.MAX_VALUE)
            // Redis: an empty value only reports the length (0 if absent); otherwise the size is
            // checked after the type, for a missing key too
            long e = keyspace.peek(c.buffer(), c.offset(1), (int) c.length(1), now);
            boolean string = e != Keyspace.ABSENT && keyspace.type(e) == Keyspace.TYPE_STRING;
            if (e != Keyspace.ABSENT && !string) {
                out.writeBytes(Replies.WRONG_TYPE);
            } else if (c.length(3) == 0) {
                RespWriter.integer(out, string ? keyspace.valueLength(e) : 0);
            } else {
                out.writeBytes(Replies.TOO_LARGE);
            }
            return;
        }
        long r = keyspace.setRange(c.buffer(), c.offset(1), (int) c.length(1), offset, c.buffer(), c.offset(3),
                (int) c.length(3), now);
        if (r >= 0 && c.length(3) > 0) {
            KeyEvents.changed(keyspace, KeyEventNames.SETRANGE, c, 1);
        }
        lengthReply(r, out);
    }

    private static void lengthReply(long r, OutputBuffer out) {
        if (r == Keyspace.WRONG_TYPE) {
            out.writeBytes(Replies.WRONG_TYPE);
        } else if (r == Keyspace.TOO_LARGE) {
            out.writeBytes(Replies.TOO_LARGE);
        } else {
            RespWriter.integer(out, r);
        }
    }
}
