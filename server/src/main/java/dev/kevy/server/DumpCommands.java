package dev.kevy.server;

import dev.kevy.io.codec.Request;
import dev.kevy.io.resp.RespWriter;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.server.command.Replies;
import dev.kevy.server.rdb.DumpWriter;
import dev.kevy.server.rdb.RdbFormatException;
import dev.kevy.server.rdb.RdbInput;
import dev.kevy.server.rdb.RdbReader;
import dev.kevy.server.rdb.RestoreLoader;
import dev.kevy.server.store.Keyspace;
import java.lang.foreign.MemorySegment;

/**
 * DUMP and RESTORE: a value serialized in Redis's RDB format with a version and a CRC-64, so values
 * move between Redis and kevy in both directions (migration tools, MIGRATE-style scripts).
 * RESTORE checks its arguments in Redis's order (options, then an existing key, then the TTL,
 * then the payload's footer, then its data) and answers each failure with Redis's error.
 */
final class DumpCommands {
    private static final byte[] REPLACE = Replies.bytes("REPLACE");
    private static final byte[] ABSTTL = Replies.bytes("ABSTTL");
    private static final byte[] IDLETIME = Replies.bytes("IDLETIME");
    private static final byte[] FREQ = Replies.bytes("FREQ");
    private static final byte[] BUSY_KEY = Replies.bytes("-BUSYKEY Target key name already exists.\r\n");
    private static final byte[] BAD_FOOTER = Replies.bytes("-ERR DUMP payload version or checksum are wrong\r\n");
    private static final byte[] BAD_DATA = Replies.bytes("-ERR Bad data format\r\n");

    private final DumpWriter writer = new DumpWriter();
    private final RestoreLoader loader = new RestoreLoader();
    private final RdbInput cursor = new RdbInput();

    /** DUMP key: the payload, or nil when the key does not exist. */
    void dump(Keyspace keyspace, Request c, OutputBuffer out, long now) {
        long entry = KeyEvents.read(keyspace, keyspace.lookup(c.buffer(), c.offset(1), (int) c.length(1), now), c, 1);
        if (entry == Keyspace.ABSENT) {
            RespWriter.nullBulk(out);
            return;
        }
        long length = writer.dump(keyspace, entry);
        if (length < 0) {
            RespWriter.error(out, "DUMP of this type is not supported yet");
            return;
        }
        RespWriter.bulk(out, writer.segment(), 0, length);
    }

    /** RESTORE key ttl payload [REPLACE] [ABSTTL] [IDLETIME seconds] [FREQ frequency]. */
    void restore(Keyspace keyspace, Request c, OutputBuffer out, long now) {
        boolean replace = false;
        boolean absolute = false;
        long idle = -1;
        long freq = -1;
        for (int j = 4; j < c.argc(); j++) {
            boolean more = j + 1 < c.argc();
            if (c.equalsIgnoreCase(j, REPLACE)) {
                replace = true;
            } else if (c.equalsIgnoreCase(j, ABSTTL)) {
                absolute = true;
            } else if (c.equalsIgnoreCase(j, IDLETIME) && more && freq == -1) {
                if (!c.parseLong(++j)) {
                    out.writeBytes(Replies.NOT_INTEGER);
                    return;
                }
                idle = c.longValue();
                if (idle < 0) {
                    RespWriter.error(out, "Invalid IDLETIME value, must be >= 0");
                    return;
                }
            } else if (c.equalsIgnoreCase(j, FREQ) && more && idle == -1) {
                if (!c.parseLong(++j)) {
                    out.writeBytes(Replies.NOT_INTEGER);
                    return;
                }
                freq = c.longValue();
                if (freq < 0 || freq > 255) {
                    RespWriter.error(out, "Invalid FREQ value, must be >= 0 and <= 255");
                    return;
                }
            } else {
                out.writeBytes(Replies.SYNTAX);
                return;
            }
        }
        MemorySegment s = c.buffer();
        long keyOffset = c.offset(1);
        int keyLength = (int) c.length(1);
        if (!replace && keyspace.exists(s, keyOffset, keyLength, now)) {
            out.writeBytes(BUSY_KEY);
            return;
        }
        if (!c.parseLong(2)) {
            out.writeBytes(Replies.NOT_INTEGER);
            return;
        }
        long ttl = c.longValue();
        if (ttl < 0) {
            RespWriter.error(out, "Invalid TTL value, must be >= 0");
            return;
        }
        if (!RdbReader.dumpFooterValid(s, c.offset(3), c.length(3))) {
            out.writeBytes(BAD_FOOTER);
            return;
        }
        boolean replaced = replace && keyspace.delete(s, keyOffset, keyLength, now);
        long expireAt = ttl == 0 ? 0 : absolute ? ttl : now + ttl;
        boolean dead = expireAt != 0 && expireAt <= now;
        KeyEvents.replacing(keyspace, true); // Redis adds the key once the payload is whole (never, if expired)
        loader.begin(keyspace, now);
        try {
            RdbReader.readDump(s, c.offset(3), c.length(3), s, keyOffset, keyLength, loader, cursor);
        } catch (RdbFormatException e) {
            loader.abandon();
            out.writeBytes(BAD_DATA);
            return;
        } finally {
            KeyEvents.replacing(keyspace, false);
            cursor.trim(); // a large value's buffers go back at once
            loader.trim();
        }
        if (loader.refusal() != null) {
            loader.abandon();
            RespWriter.error(out, loader.refusal());
            return;
        }
        long entry = keyspace.peek(s, keyOffset, keyLength, now);
        if (entry == Keyspace.ABSENT) { // an empty collection: Redis refuses it as it loads
            out.writeBytes(BAD_DATA);
            return;
        }
        if (dead) { // already expired: OK, and nothing stays (Redis)
            keyspace.delete(s, keyOffset, keyLength, now);
            if (replaced) {
                KeyEvents.changed(keyspace, KeyEventNames.DEL, s, keyOffset, keyLength);
            }
        } else {
            if (expireAt != 0) {
                keyspace.setExpireAt(entry, expireAt);
            }
            KeyEvents.created(keyspace, s, keyOffset, keyLength);
            KeyEvents.changed(keyspace, KeyEventNames.RESTORE, s, keyOffset, keyLength);
        }
        RespWriter.ok(out);
    }

    /** Frees the payload buffers. */
    void close() {
        writer.close();
        loader.close();
        cursor.close();
    }
}
