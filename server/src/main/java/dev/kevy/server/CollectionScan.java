package dev.kevy.server;

import dev.kevy.io.codec.Request;
import dev.kevy.io.resp.RespWriter;
import dev.kevy.rt.buffer.BufferPool;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.server.command.Replies;
import dev.kevy.server.store.ElementSource;
import dev.kevy.server.store.Keyspace;

/**
 * HSCAN and SSCAN: {@code key cursor [MATCH pattern] [COUNT count]}, checked in Redis's order
 * (the cursor; then a missing key answers an empty scan whatever the options; then the type; then
 * the options). A small collection is answered whole with cursor 0, a large one about COUNT
 * elements per call from its table, through resizes (see {@code FieldTable.scan}).
 */
final class CollectionScan {
    private static final byte[] MATCH = Replies.bytes("MATCH");
    private static final byte[] COUNT = Replies.bytes("COUNT");
    private static final byte[] EMPTY_SCAN = Replies.bytes("*2\r\n$1\r\n0\r\n*0\r\n");

    private final ElementWriter writer = new ElementWriter();
    private final OutputBuffer found;

    CollectionScan(BufferPool pool) {
        this.found = new OutputBuffer(pool, Long.MAX_VALUE);
    }

    /** Runs the scan of {@code entry} (from {@code find}: a handle, ABSENT or WRONG_TYPE); {@code what} is what to write per element. */
    void run(ElementSource source, long entry, Request c, OutputBuffer out, int what) {
        if (!KeyCommands.isCursor(c, 2)) {
            out.writeBytes(KeyCommands.INVALID_CURSOR);
            return;
        }
        if (entry == Keyspace.ABSENT) {
            out.writeBytes(EMPTY_SCAN);
            return;
        }
        if (entry == Keyspace.WRONG_TYPE) {
            out.writeBytes(Replies.WRONG_TYPE);
            return;
        }
        int count = 10;
        int match = 0;
        for (int i = 3; i < c.argc(); i += 2) {
            if (i + 1 >= c.argc()) {
                out.writeBytes(Replies.SYNTAX);
                return;
            }
            if (c.equalsIgnoreCase(i, COUNT)) {
                if (!c.parseLong(i + 1)) {
                    out.writeBytes(Replies.NOT_INTEGER);
                    return;
                }
                if (c.longValue() < 1) {
                    out.writeBytes(Replies.SYNTAX);
                    return;
                }
                count = (int) Math.min(c.longValue(), Integer.MAX_VALUE);
            } else if (c.equalsIgnoreCase(i, MATCH)) {
                match = isMatchAll(c, i + 1) ? 0 : i + 1;
            } else {
                out.writeBytes(Replies.SYNTAX);
                return;
            }
        }
        long cursor = KeyCommands.cursor(c, 2);
        found.clear();
        writer.start(found, what, c, match);
        long next = source.scan(entry, cursor, count, writer);
        RespWriter.arrayHeader(out, 2);
        RespWriter.bulkLong(out, next);
        RespWriter.arrayHeader(out, writer.written() * (what == ElementWriter.PAIRS ? 2 : 1));
        out.copyFrom(found, 0, found.size());
        found.clear();
    }

    /** Redis skips matching for the pattern "*". */
    private static boolean isMatchAll(Request c, int arg) {
        return c.length(arg) == 1 && c.byteAt(arg, 0) == '*';
    }

    void release() {
        found.release();
    }
}
