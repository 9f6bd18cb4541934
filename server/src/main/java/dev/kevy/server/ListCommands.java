package dev.kevy.server;

import dev.kevy.io.CommandHandler;
import dev.kevy.io.ShardContext;
import dev.kevy.io.codec.Request;
import dev.kevy.io.resp.RespWriter;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.server.command.Cmd;
import dev.kevy.server.command.Replies;
import dev.kevy.server.store.ElementVisitor;
import dev.kevy.server.store.Keyspace;
import dev.kevy.server.store.Lists;
import java.lang.foreign.MemorySegment;

/**
 * The list commands, checked in Redis 7.0's order (argument errors, then the key's type): LPUSH,
 * RPUSH, LPUSHX, RPUSHX, LPOP, RPOP, LLEN, LRANGE, LINDEX, LSET, LINSERT, LREM, LTRIM, LPOS, and
 * the two-key LMOVE, RPOPLPUSH and LMPOP, which run where their keys live or with every shard
 * frozen ({@link #runAtomic}). Nothing here allocates once the shard's scratch area has grown to
 * the largest element moved.
 */
final class ListCommands implements ElementVisitor {
    private static final byte[] NO_SUCH_KEY = Replies.bytes("-ERR no such key\r\n");
    private static final byte[] INDEX_OUT_OF_RANGE = Replies.bytes("-ERR index out of range\r\n");
    private static final byte[] NUMKEYS = Replies.bytes("-ERR numkeys should be greater than 0\r\n");
    private static final byte[] COUNT_POSITIVE = Replies.bytes("-ERR count should be greater than 0\r\n");
    private static final byte[] LPOP_ARITY = Replies.bytes("-ERR wrong number of arguments for 'lpop' command\r\n");
    private static final byte[] RPOP_ARITY = Replies.bytes("-ERR wrong number of arguments for 'rpop' command\r\n");
    /** {@link #side}: the argument is neither LEFT nor RIGHT. */
    private static final int NO_SIDE = -1;

    private final ElementWriter writer = new ElementWriter();
    private final Scratch scratch;
    private Keyspace[] owners = new Keyspace[8];
    /** The element {@link #visit} copied out of a list: {@link #heldLength} bytes at the start of {@link #held}. */
    private MemorySegment held;
    private int heldLength;

    ListCommands(Scratch scratch) {
        this.scratch = scratch;
    }

    /** Runs list command {@code id} on a keyspace that holds all its keys. */
    void run(int id, Keyspace ks, Request c, OutputBuffer out, long now) {
        switch (id) {
            case Cmd.LPUSH -> push(ks, c, out, now, true, false);
            case Cmd.RPUSH -> push(ks, c, out, now, false, false);
            case Cmd.LPUSHX -> push(ks, c, out, now, true, true);
            case Cmd.RPUSHX -> push(ks, c, out, now, false, true);
            case Cmd.LPOP -> pop(ks, c, out, now, true);
            case Cmd.RPOP -> pop(ks, c, out, now, false);
            case Cmd.LLEN -> llen(ks, c, out, now);
            case Cmd.LRANGE -> ListReads.lrange(ks, c, out, now, writer);
            case Cmd.LINDEX -> ListReads.lindex(ks, c, out, now, writer);
            case Cmd.LPOS -> ListReads.lpos(ks, c, out, now);
            case Cmd.LSET -> lset(ks, c, out, now);
            case Cmd.LINSERT -> linsert(ks, c, out, now);
            case Cmd.LREM -> lrem(ks, c, out, now);
            case Cmd.LTRIM -> ltrim(ks, c, out, now);
            case Cmd.LMOVE, Cmd.RPOPLPUSH -> lmove(ks, ks, c, out, now);
            case Cmd.LMPOP -> {
                java.util.Arrays.fill(owners(c.argc()), 0, c.argc(), ks);
                lmpop(c, out, now);
            }
            default -> Replies.unknownCommand(c, out);
        }
    }

    /** LMOVE, RPOPLPUSH and LMPOP with keys on several shards, every shard frozen: each key's owner's keyspace. */
    void runAtomic(Request c, CommandHandler[] shards, ShardContext context, OutputBuffer out, long now) {
        if (Routing.commandId(c.tag()) == Cmd.LMPOP) {
            Keyspace[] ks = owners(c.argc());
            int last = lmpopLastKey(c);
            for (int i = 2; i <= last; i++) {
                ks[i] = AtomicRun.ownerOf(context, c, i, shards);
            }
            lmpop(c, out, now);
        } else {
            lmove(AtomicRun.ownerOf(context, c, 1, shards), AtomicRun.ownerOf(context, c, 2, shards), c, out, now);
        }
    }

    private Keyspace[] owners(int argc) {
        if (owners.length < argc) {
            owners = new Keyspace[argc];
        }
        return owners;
    }

    /** LMPOP's last key argument ({@code 1 + numkeys}), or 0 when numkeys is not valid for the arguments given. */
    static int lmpopLastKey(Request c) {
        if (!c.parseLong(1) || c.longValue() < 1 || c.longValue() > c.argc() - 3) {
            return 0;
        }
        return 1 + (int) c.longValue();
    }

    /** Copies an element being popped into the scratch area (it is about to leave the list's memory). */
    @Override
    public void visit(MemorySegment segment, long offset, int length, long valueOffset, int valueLength) {
        held = scratch.atLeast(Math.max(1, length));
        MemorySegment.copy(segment, offset, held, 0, length);
        heldLength = length;
    }

    private void push(Keyspace ks, Request c, OutputBuffer out, long now, boolean left, boolean onlyIfPresent) {
        MemorySegment b = c.buffer();
        long length = 0;
        for (int i = 2; i < c.argc(); i++) {
            length = ks.lists.push(b, c.offset(1), (int) c.length(1), b, c.offset(i), (int) c.length(i), left, onlyIfPresent, now);
            if (length < 0) {
                HashCommands.writeError(length, out);
                return;
            }
        }
        if (length > 0) {
            KeyEvents.changed(ks, left ? KeyEventNames.LPUSH : KeyEventNames.RPUSH, c, 1);
        }
        RespWriter.integer(out, length);
    }

    /** LPOP/RPOP key [count]. */
    private void pop(Keyspace ks, Request c, OutputBuffer out, long now, boolean left) {
        if (c.argc() > 3) {
            out.writeBytes(left ? LPOP_ARITY : RPOP_ARITY);
            return;
        }
        long count = 1;
        if (c.argc() == 3) {
            if (!c.parseLong(2) || c.longValue() < 0) {
                out.writeBytes(SetCommands.MUST_BE_POSITIVE);
                return;
            }
            count = c.longValue();
        }
        long ref = ks.lists.findForPop(c.buffer(), c.offset(1), (int) c.length(1), now);
        if (ref == Keyspace.WRONG_TYPE) {
            out.writeBytes(Replies.WRONG_TYPE);
            return;
        }
        if (ref < 0) {
            if (c.argc() == 3) {
                RespWriter.nullArray(out);
            } else {
                RespWriter.nullBulk(out);
            }
            return;
        }
        long n = Math.min(count, ks.lists.lengthAt(ref));
        if (c.argc() == 3) {
            RespWriter.arrayHeader(out, n);
        }
        writer.start(out, ElementWriter.FIELDS, null, 0);
        ks.lists.pop(ref, left, n, writer);
        if (n > 0) {
            KeyEvents.removed(ks, left ? KeyEventNames.LPOP : KeyEventNames.RPOP, c, 1, now);
        }
    }

    private void llen(Keyspace ks, Request c, OutputBuffer out, long now) {
        long entry = KeyEvents.read(ks, ks.lists.find(c.buffer(), c.offset(1), (int) c.length(1), now), c, 1);
        if (entry == Keyspace.WRONG_TYPE) {
            out.writeBytes(Replies.WRONG_TYPE);
        } else {
            RespWriter.integer(out, entry < 0 ? 0 : ks.lists.length(entry));
        }
    }

    /** LSET key index element: the key is looked up before the index is read, as in Redis. */
    private void lset(Keyspace ks, Request c, OutputBuffer out, long now) {
        MemorySegment b = c.buffer();
        long entry = ks.lists.find(b, c.offset(1), (int) c.length(1), now);
        if (entry < 0) {
            out.writeBytes(entry == Keyspace.WRONG_TYPE ? Replies.WRONG_TYPE : NO_SUCH_KEY);
            return;
        }
        if (!c.parseLong(2)) {
            out.writeBytes(Replies.NOT_INTEGER);
            return;
        }
        int r = ks.lists.set(b, c.offset(1), (int) c.length(1), c.longValue(), b, c.offset(3), (int) c.length(3), now);
        if (r == Lists.OUT_OF_RANGE) {
            out.writeBytes(INDEX_OUT_OF_RANGE);
        } else if (r < 0) {
            HashCommands.writeError(r, out);
        } else {
            KeyEvents.changed(ks, KeyEventNames.LSET, c, 1);
            RespWriter.ok(out);
        }
    }

    /** LINSERT key BEFORE|AFTER pivot element. */
    private void linsert(Keyspace ks, Request c, OutputBuffer out, long now) {
        boolean after = c.equalsIgnoreCase(2, "AFTER");
        if (!after && !c.equalsIgnoreCase(2, "BEFORE")) {
            out.writeBytes(Replies.SYNTAX);
            return;
        }
        MemorySegment b = c.buffer();
        long r = ks.lists.insert(b, c.offset(1), (int) c.length(1), after, b, c.offset(3), (int) c.length(3),
                b, c.offset(4), (int) c.length(4), now);
        if (r < -1) {
            HashCommands.writeError(r, out);
        } else {
            if (r > 0) {
                KeyEvents.changed(ks, KeyEventNames.LINSERT, c, 1);
            }
            RespWriter.integer(out, r);
        }
    }

    private void lrem(Keyspace ks, Request c, OutputBuffer out, long now) {
        if (!c.parseLong(2)) {
            out.writeBytes(Replies.NOT_INTEGER);
            return;
        }
        MemorySegment b = c.buffer();
        long r = ks.lists.remove(b, c.offset(1), (int) c.length(1), c.longValue(), b, c.offset(3), (int) c.length(3), now);
        if (r < 0) {
            out.writeBytes(Replies.WRONG_TYPE);
        } else {
            if (r > 0) {
                KeyEvents.removed(ks, KeyEventNames.LREM, c, 1, now);
            }
            RespWriter.integer(out, r);
        }
    }

    private void ltrim(Keyspace ks, Request c, OutputBuffer out, long now) {
        if (!c.parseLong(2)) {
            out.writeBytes(Replies.NOT_INTEGER);
            return;
        }
        long start = c.longValue();
        if (!c.parseLong(3)) {
            out.writeBytes(Replies.NOT_INTEGER);
            return;
        }
        int r = ks.lists.trim(c.buffer(), c.offset(1), (int) c.length(1), start, c.longValue(), now);
        if (r < 0) {
            out.writeBytes(Replies.WRONG_TYPE);
        } else {
            if (r > 0) {
                KeyEvents.removed(ks, KeyEventNames.LTRIM, c, 1, now);
            }
            RespWriter.ok(out);
        }
    }

    /** LEFT (true), RIGHT (false) or {@link #NO_SIDE}, for argument {@code i}. */
    private static int side(Request c, int i) {
        return c.equalsIgnoreCase(i, "LEFT") ? 1 : c.equalsIgnoreCase(i, "RIGHT") ? 0 : NO_SIDE;
    }

    /**
     * LMOVE source destination LEFT|RIGHT LEFT|RIGHT and RPOPLPUSH source destination, {@code from}
     * owning the source and {@code to} the destination. The element is copied out before it is
     * pushed: source and destination may be one list.
     */
    private void lmove(Keyspace from, Keyspace to, Request c, OutputBuffer out, long now) {
        boolean rpoplpush = c.argc() == 3;
        int wherefrom = rpoplpush ? 0 : side(c, 3);
        int whereto = rpoplpush ? 1 : side(c, 4);
        if (wherefrom == NO_SIDE || whereto == NO_SIDE) {
            out.writeBytes(Replies.SYNTAX);
            return;
        }
        MemorySegment b = c.buffer();
        long src = from.lists.find(b, c.offset(1), (int) c.length(1), now);
        if (src == Keyspace.ABSENT) {
            RespWriter.nullBulk(out);
            return;
        }
        long dst = to.lists.find(b, c.offset(2), (int) c.length(2), now);
        if (src == Keyspace.WRONG_TYPE || dst == Keyspace.WRONG_TYPE) {
            out.writeBytes(Replies.WRONG_TYPE);
            return;
        }
        if (from == to && src == dst && from.lists.length(src) == 1) { // rotating a one-element list changes nothing
            from.lists.index(src, 0, writer.start(out, ElementWriter.FIELDS, null, 0));
            KeyEvents.changed(to, whereto == 1 ? KeyEventNames.LPUSH : KeyEventNames.RPUSH, c, 2); // but Redis tells it
            KeyEvents.changed(from, wherefrom == 1 ? KeyEventNames.LPOP : KeyEventNames.RPOP, c, 1);
            return;
        }
        from.lists.pop(b, c.offset(1), (int) c.length(1), wherefrom == 1, this, now);
        long r = to.lists.push(b, c.offset(2), (int) c.length(2), held, 0, heldLength, whereto == 1, false, now);
        if (r < 0) {
            HashCommands.writeError(r, out);
        } else {
            KeyEvents.changed(to, whereto == 1 ? KeyEventNames.LPUSH : KeyEventNames.RPUSH, c, 2);
            KeyEvents.removed(from, wherefrom == 1 ? KeyEventNames.LPOP : KeyEventNames.RPOP, c, 1, now);
            RespWriter.bulk(out, held, 0, heldLength);
        }
        scratch.trim();
    }

    /** LMPOP numkeys key [key ...] LEFT|RIGHT [COUNT count], with {@link #owners} filled for the keys. */
    private void lmpop(Request c, OutputBuffer out, long now) {
        if (!c.parseLong(1) || c.longValue() < 1) {
            out.writeBytes(NUMKEYS);
            return;
        }
        int last = lmpopLastKey(c);
        if (last == 0) {
            out.writeBytes(Replies.SYNTAX);
            return;
        }
        int where = side(c, last + 1);
        if (where == NO_SIDE) {
            out.writeBytes(Replies.SYNTAX);
            return;
        }
        long count = -1;
        for (int j = last + 2; j < c.argc(); j++) {
            if (count == -1 && c.equalsIgnoreCase(j, "COUNT") && j + 1 < c.argc()) {
                j++;
                if (!c.parseLong(j) || c.longValue() < 1) {
                    out.writeBytes(COUNT_POSITIVE);
                    return;
                }
                count = c.longValue();
            } else {
                out.writeBytes(Replies.SYNTAX);
                return;
            }
        }
        count = count == -1 ? 1 : count;
        MemorySegment b = c.buffer();
        for (int i = 2; i <= last; i++) {
            Keyspace ks = owners[i];
            long entry = ks.lists.find(b, c.offset(i), (int) c.length(i), now);
            if (entry == Keyspace.WRONG_TYPE) {
                out.writeBytes(Replies.WRONG_TYPE);
                return;
            }
            if (entry >= 0) {
                long n = Math.min(count, ks.lists.length(entry));
                RespWriter.arrayHeader(out, 2);
                RespWriter.bulk(out, b, c.offset(i), c.length(i));
                RespWriter.arrayHeader(out, n);
                writer.start(out, ElementWriter.FIELDS, null, 0);
                for (long k = 0; k < n; k++) {
                    ks.lists.pop(b, c.offset(i), (int) c.length(i), where == 1, writer, now);
                }
                KeyEvents.removed(ks, where == 1 ? KeyEventNames.LPOP : KeyEventNames.RPOP, c, i, now);
                return;
            }
        }
        RespWriter.nullArray(out);
    }
}
