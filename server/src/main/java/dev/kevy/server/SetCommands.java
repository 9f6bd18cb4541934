package dev.kevy.server;

import dev.kevy.io.codec.Request;
import dev.kevy.io.resp.RespWriter;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.server.command.Replies;
import dev.kevy.server.store.Keyspace;
import dev.kevy.server.store.Sets;
import java.lang.foreign.MemorySegment;

/**
 * The single-key set commands: SADD, SREM, SMEMBERS, SISMEMBER, SMISMEMBER, SCARD, SPOP,
 * SRANDMEMBER, SSCAN, and SMOVE (two keys: run where both live, or with every shard frozen). The
 * multi-set commands are in {@link SetAlgebra}. Nothing here allocates.
 */
final class SetCommands {
    static final byte[] MUST_BE_POSITIVE = Replies.bytes("-ERR value is out of range, must be positive\r\n");
    static final byte[] COUNT_OUT_OF_RANGE = Replies.bytes(
            "-ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807\r\n");

    private final ElementWriter writer = new ElementWriter();
    private final RandomElements randomElements;
    private final RandomBits random;
    private final CollectionScan scan;

    SetCommands(RandomElements randomElements, RandomBits random, CollectionScan scan) {
        this.randomElements = randomElements;
        this.random = random;
        this.scan = scan;
    }

    /** One member's write (add or remove) to the collection under a key: 1, 0, or a negative error. */
    interface MemberWrite {
        int apply(Keyspace keyspace, MemorySegment b, long keyOffset, int keyLength, long memberOffset, int memberLength,
                  long now);
    }

    /**
     * Applies {@code write} to each member argument (2 on) of the key at argument 1 and answers how
     * many counted, or the first error (SADD, SREM, ZREM). Pass a non-capturing lambda: it is a
     * constant, so this allocates nothing.
     */
    static void eachMember(Keyspace keyspace, Request c, OutputBuffer out, long now, int event, MemberWrite write) {
        long counted = 0;
        MemorySegment b = c.buffer();
        for (int i = 2; i < c.argc(); i++) {
            int r = write.apply(keyspace, b, c.offset(1), (int) c.length(1), c.offset(i), (int) c.length(i), now);
            if (r < 0) {
                HashCommands.writeError(r, out);
                return;
            }
            counted += r;
        }
        if (counted > 0) {
            if (event == KeyEventNames.SADD) {
                KeyEvents.changed(keyspace, event, c, 1);
            } else {
                KeyEvents.removed(keyspace, event, c, 1, now);
            }
        }
        RespWriter.integer(out, counted);
    }

    /** SADD key member [member ...]. */
    void sadd(Keyspace keyspace, Request c, OutputBuffer out, long now) {
        eachMember(keyspace, c, out, now, KeyEventNames.SADD, (k, b, ko, kl, mo, ml, t) -> k.sets.add(b, ko, kl, b, mo, ml, t));
    }

    /** SREM key member [member ...]. */
    void srem(Keyspace keyspace, Request c, OutputBuffer out, long now) {
        eachMember(keyspace, c, out, now, KeyEventNames.SREM, (k, b, ko, kl, mo, ml, t) -> k.sets.remove(b, ko, kl, b, mo, ml, t));
    }

    /** SMEMBERS key. */
    void smembers(Keyspace keyspace, Request c, OutputBuffer out, long now) {
        Sets sets = keyspace.sets;
        long entry = KeyEvents.read(keyspace, sets.find(c.buffer(), c.offset(1), (int) c.length(1), now), c, 1);
        if (entry == Keyspace.WRONG_TYPE) {
            out.writeBytes(Replies.WRONG_TYPE);
        } else if (entry < 0) {
            RespWriter.setHeader(out, 0);
        } else {
            RespWriter.setHeader(out, sets.count(entry));
            sets.forEach(entry, writer.start(out, ElementWriter.FIELDS, null, 0));
        }
    }

    /** SISMEMBER key member ({@code many} false) and SMISMEMBER key member [member ...] ({@code many} true). */
    void sismember(Keyspace keyspace, Request c, OutputBuffer out, long now, boolean many) {
        Sets sets = keyspace.sets;
        long entry = KeyEvents.read(keyspace, sets.find(c.buffer(), c.offset(1), (int) c.length(1), now), c, 1);
        if (entry == Keyspace.WRONG_TYPE) {
            out.writeBytes(Replies.WRONG_TYPE);
            return;
        }
        if (many) {
            RespWriter.arrayHeader(out, c.argc() - 2);
        }
        for (int i = 2; i < c.argc(); i++) {
            boolean member = entry >= 0 && sets.contains(entry, c.buffer(), c.offset(i), (int) c.length(i));
            RespWriter.integer(out, member ? 1 : 0);
        }
    }

    /** SCARD key. */
    void scard(Keyspace keyspace, Request c, OutputBuffer out, long now) {
        Sets sets = keyspace.sets;
        long entry = KeyEvents.read(keyspace, sets.find(c.buffer(), c.offset(1), (int) c.length(1), now), c, 1);
        if (entry == Keyspace.WRONG_TYPE) {
            out.writeBytes(Replies.WRONG_TYPE);
        } else {
            RespWriter.integer(out, entry < 0 ? 0 : sets.count(entry));
        }
    }

    /** SPOP key [count]. */
    void spop(Keyspace keyspace, Request c, OutputBuffer out, long now) {
        if (c.argc() > 3) {
            out.writeBytes(Replies.SYNTAX);
            return;
        }
        long count = 1;
        if (c.argc() == 3) {
            if (!c.parseLong(2) || c.longValue() < 0) {
                out.writeBytes(MUST_BE_POSITIVE); // Redis words a count that is not a number so too
                return;
            }
            count = c.longValue();
        }
        Sets sets = keyspace.sets;
        MemorySegment b = c.buffer();
        long entry = sets.find(b, c.offset(1), (int) c.length(1), now);
        if (entry == Keyspace.WRONG_TYPE) {
            out.writeBytes(Replies.WRONG_TYPE);
            return;
        }
        if (c.argc() == 2) {
            if (entry < 0) {
                RespWriter.nullBulk(out);
            } else {
                sets.pop(b, c.offset(1), (int) c.length(1), random.next(), writer.start(out, ElementWriter.FIELDS, null, 0), now);
                KeyEvents.removed(keyspace, KeyEventNames.SPOP, c, 1, now);
            }
            return;
        }
        if (entry < 0 || count == 0) {
            RespWriter.setHeader(out, 0);
            return;
        }
        int size = sets.count(entry);
        if (count >= size) {
            RespWriter.setHeader(out, size);
            sets.forEach(entry, writer.start(out, ElementWriter.FIELDS, null, 0));
            keyspace.delete(b, c.offset(1), (int) c.length(1), now);
            KeyEvents.removed(keyspace, KeyEventNames.SPOP, c, 1, now);
            return;
        }
        RespWriter.setHeader(out, count);
        writer.start(out, ElementWriter.FIELDS, null, 0);
        for (long i = 0; i < count; i++) {
            sets.pop(b, c.offset(1), (int) c.length(1), random.next(), writer, now);
        }
        KeyEvents.removed(keyspace, KeyEventNames.SPOP, c, 1, now);
    }

    /** SRANDMEMBER key [count]. */
    void srandmember(Keyspace keyspace, Request c, OutputBuffer out, long now) {
        if (c.argc() > 3) {
            out.writeBytes(Replies.SYNTAX);
            return;
        }
        long count = 0;
        if (c.argc() == 3) {
            if (!c.parseLong(2)) {
                out.writeBytes(Replies.NOT_INTEGER);
                return;
            }
            count = c.longValue();
            if (count == Long.MIN_VALUE) {
                out.writeBytes(COUNT_OUT_OF_RANGE);
                return;
            }
        }
        Sets sets = keyspace.sets;
        randomElements.reply(sets, KeyEvents.read(keyspace, sets.find(c.buffer(), c.offset(1), (int) c.length(1), now), c, 1), c.argc() > 2, count,
                ElementWriter.FIELDS, out);
    }

    /** SSCAN key cursor [MATCH pattern] [COUNT count]. */
    void sscan(Keyspace keyspace, Request c, OutputBuffer out, long now) {
        scan.run(keyspace.sets, KeyEvents.read(keyspace, keyspace.sets.find(c.buffer(), c.offset(1), (int) c.length(1), now), c, 1), c, out,
                ElementWriter.FIELDS);
    }

    /**
     * SMOVE source destination member, {@code from} owning the source and {@code to} the
     * destination (the same keyspace when both keys live on one shard).
     */
    static void smove(Keyspace from, Keyspace to, Request c, OutputBuffer out, long now) {
        MemorySegment b = c.buffer();
        long src = from.sets.find(b, c.offset(1), (int) c.length(1), now);
        long dst = to.sets.find(b, c.offset(2), (int) c.length(2), now);
        if (src == Keyspace.ABSENT) {
            RespWriter.integer(out, 0);
            return;
        }
        if (src == Keyspace.WRONG_TYPE || dst == Keyspace.WRONG_TYPE) {
            out.writeBytes(Replies.WRONG_TYPE);
            return;
        }
        if (from == to && src == dst) {
            RespWriter.integer(out, from.sets.contains(src, b, c.offset(3), (int) c.length(3)) ? 1 : 0);
            return;
        }
        if (from.sets.remove(b, c.offset(1), (int) c.length(1), b, c.offset(3), (int) c.length(3), now) == 0) {
            RespWriter.integer(out, 0);
            return;
        }
        KeyEvents.removed(from, KeyEventNames.SREM, c, 1, now);
        int r = to.sets.add(b, c.offset(2), (int) c.length(2), b, c.offset(3), (int) c.length(3), now);
        if (r < 0) {
            HashCommands.writeError(r, out);
        } else {
            if (r > 0) {
                KeyEvents.changed(to, KeyEventNames.SADD, c, 2);
            }
            RespWriter.integer(out, 1);
        }
    }
}
