package dev.kevy.server;

import dev.kevy.io.codec.Request;
import dev.kevy.io.resp.RespWriter;
import dev.kevy.rt.buffer.BufferPool;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.server.command.Cmd;
import dev.kevy.server.command.Replies;
import dev.kevy.server.store.ElementVisitor;
import dev.kevy.server.store.EncodingLimits;
import dev.kevy.server.store.Keyspace;
import dev.kevy.server.store.Sets;
import java.lang.foreign.MemorySegment;

/**
 * SINTER, SINTERCARD, SINTERSTORE, SUNION, SUNIONSTORE, SDIFF and SDIFFSTORE, over sets that may
 * live in several keyspaces: the caller says which keyspace owns each argument (all the same one
 * when the keys share a shard; the owning shards' when the command runs with every shard frozen).
 *
 * <p>An intersection walks the smallest set and keeps the members every other set has; a
 * difference walks the first set and keeps the members no other has; a union, and any result to
 * be stored, is built as a set in this shard's private scratch keyspace, then answered from there
 * or copied to the destination (which may be one of the sources). Types are checked for every
 * source before any work, as Redis does, and a missing key counts as an empty set.
 */
final class SetAlgebra implements ElementVisitor {
    private static final byte[] NUMKEYS = Replies.bytes("-ERR numkeys should be greater than 0\r\n");
    private static final byte[] TOO_MANY_KEYS = Replies.bytes("-ERR Number of keys can't be greater than number of args\r\n");
    private static final byte[] LIMIT_NEGATIVE = Replies.bytes("-ERR LIMIT can't be negative\r\n");
    private static final byte[] LIMIT = Replies.bytes("LIMIT");
    private static final MemorySegment TEMP_KEY = MemorySegment.ofArray(new byte[] {'t'});

    private static final int EMIT = 0;
    private static final int COUNT = 1;
    private static final int COLLECT = 2;

    private final Keyspace scratch;
    private final OutputBuffer found;
    private final ElementWriter writer = new ElementWriter();
    private long[] entries = new long[8];
    private Keyspace[] owners = new Keyspace[8];
    private int[] order = new int[8];

    // The walk in progress, read by visit().
    private int mode;
    private boolean intersect;
    private int first;
    private int sources;
    /** Sets each walked member is tested against: those at order[1 .. tests - 1]. */
    private int tests;
    private long kept;
    private long limit;
    private long now;

    /** @param limits the server's encoding limits, so a stored result is encoded as SADD would encode it */
    SetAlgebra(BufferPool pool, EncodingLimits limits) {
        this.found = new OutputBuffer(pool, Long.MAX_VALUE);
        this.scratch = new Keyspace(16, Keyspace.DEFAULT_MAX_VALUE_BYTES, limits);
    }

    /** Room for the keyspaces of {@code argc} arguments: the caller fills it, index = argument. */
    Keyspace[] owners(int argc) {
        if (owners.length < argc) {
            owners = new Keyspace[argc];
            entries = new long[argc];
            order = new int[argc];
        }
        return owners;
    }

    /** Runs command {@code id} with the keyspaces {@link #owners} was filled with. */
    void run(int id, Request c, OutputBuffer out, long nowMillis) {
        this.now = nowMillis;
        boolean store = id == Cmd.SINTERSTORE || id == Cmd.SUNIONSTORE || id == Cmd.SDIFFSTORE;
        int from = store ? 2 : 1;
        int to = c.argc();
        limit = 0;
        if (id == Cmd.SINTERCARD) {
            from = 2;
            to = cardArguments(c, out);
            if (to < 0) {
                return;
            }
        }
        for (int arg = from; arg < to; arg++) {
            long entry = owners[arg].sets.find(c.buffer(), c.offset(arg), (int) c.length(arg), nowMillis);
            if (entry == Keyspace.WRONG_TYPE) {
                out.writeBytes(Replies.WRONG_TYPE);
                return;
            }
            if (entry == Keyspace.ABSENT) { // Redis reads every source, a STORE's too, as a read
                KeyEvents.missed(owners[arg], c, arg);
            }
            entries[arg] = entry;
        }
        first = from;
        sources = to - from;
        kept = 0;
        found.clear();
        writer.start(found, ElementWriter.FIELDS, null, 0);
        int walkMode = store || id == Cmd.SUNION ? COLLECT : id == Cmd.SINTERCARD ? COUNT : EMIT;
        switch (id) {
            case Cmd.SINTER, Cmd.SINTERCARD, Cmd.SINTERSTORE -> intersect(walkMode);
            case Cmd.SUNION, Cmd.SUNIONSTORE -> union();
            default -> difference(walkMode);
        }
        if (store) {
            storeResult(c, out, id == Cmd.SINTERSTORE ? KeyEventNames.SINTERSTORE
                    : id == Cmd.SUNIONSTORE ? KeyEventNames.SUNIONSTORE : KeyEventNames.SDIFFSTORE);
        } else if (walkMode == COUNT) {
            RespWriter.integer(out, kept);
        } else if (walkMode == COLLECT) {
            long temp = scratch.sets.find(TEMP_KEY, 0, 1, nowMillis);
            if (temp < 0) {
                RespWriter.setHeader(out, 0);
            } else {
                RespWriter.setHeader(out, scratch.sets.count(temp));
                scratch.sets.forEach(temp, writer.start(out, ElementWriter.FIELDS, null, 0));
                scratch.delete(TEMP_KEY, 0, 1, nowMillis);
            }
        } else {
            RespWriter.setHeader(out, kept);
            out.copyFrom(found, 0, found.size());
        }
        found.clear();
    }

    /** SINTERCARD numkeys key... [LIMIT limit]: checks the arguments, sets {@link #limit}; the end of the keys, or -1 after an error reply. */
    private int cardArguments(Request c, OutputBuffer out) {
        if (!c.parseLong(1) || c.longValue() < 1) {
            out.writeBytes(NUMKEYS);
            return -1;
        }
        if (c.longValue() > c.argc() - 2) {
            out.writeBytes(TOO_MANY_KEYS);
            return -1;
        }
        int end = 2 + (int) c.longValue();
        for (int i = end; i < c.argc(); i += 2) {
            if (!c.equalsIgnoreCase(i, LIMIT) || i + 1 >= c.argc()) {
                out.writeBytes(Replies.SYNTAX);
                return -1;
            }
            if (!c.parseLong(i + 1) || c.longValue() < 0) {
                out.writeBytes(LIMIT_NEGATIVE);
                return -1;
            }
            limit = c.longValue();
        }
        return end;
    }

    private void intersect(int walkMode) {
        for (int i = 0; i < sources; i++) {
            if (entries[first + i] < 0) {
                return; // an empty set empties the intersection
            }
            order[i] = first + i;
        }
        for (int i = 1; i < sources; i++) { // by size, smallest first: few sets, insertion sort
            int arg = order[i];
            int j = i - 1;
            for (; j >= 0 && size(order[j]) > size(arg); j--) {
                order[j + 1] = order[j];
            }
            order[j + 1] = arg;
        }
        walk(order[0], walkMode, true);
    }

    private void difference(int walkMode) {
        for (int i = 0; i < sources; i++) {
            order[i] = first + i;
        }
        if (entries[first] >= 0) {
            walk(first, walkMode, false);
        }
    }

    private void union() {
        mode = COLLECT;
        tests = 0; // no membership tests: every member of every set is kept
        for (int arg = first; arg < first + sources; arg++) {
            if (entries[arg] >= 0) {
                owners[arg].sets.forEach(entries[arg], this);
            }
        }
    }

    /** Walks the set of argument {@code arg}, testing each member against the sets in order[1..]. */
    private void walk(int arg, int walkMode, boolean intersection) {
        mode = walkMode;
        intersect = intersection;
        tests = sources;
        owners[arg].sets.forEach(entries[arg], this);
    }

    private int size(int arg) {
        return owners[arg].sets.count(entries[arg]);
    }

    @Override
    public void visit(MemorySegment segment, long fieldOffset, int fieldLength, long valueOffset, int valueLength) {
        if (mode == COUNT && limit > 0 && kept >= limit) {
            return;
        }
        for (int i = 1; i < tests; i++) {
            int arg = order[i];
            long entry = entries[arg];
            boolean member = entry >= 0 && owners[arg].sets.contains(entry, segment, fieldOffset, fieldLength);
            if (member != intersect) {
                return;
            }
        }
        kept++;
        if (mode == EMIT) {
            writer.visit(segment, fieldOffset, fieldLength, valueOffset, valueLength);
        } else if (mode == COLLECT) {
            scratch.sets.add(TEMP_KEY, 0, 1, segment, fieldOffset, fieldLength, now);
        }
    }

    /** The STORE variants: the destination (argument 1) becomes the result, or goes when it is empty. */
    private void storeResult(Request c, OutputBuffer out, int event) {
        Keyspace destination = owners[1];
        MemorySegment b = c.buffer();
        long temp = scratch.sets.find(TEMP_KEY, 0, 1, now);
        if (temp < 0) {
            if (destination.delete(b, c.offset(1), (int) c.length(1), now)) {
                KeyEvents.changed(destination, KeyEventNames.DEL, c, 1);
            }
            RespWriter.integer(out, 0);
            return;
        }
        long stored = destination.copyFrom(scratch, temp, b, c.offset(1), (int) c.length(1), 0, false, now);
        long size = scratch.sets.count(temp);
        scratch.delete(TEMP_KEY, 0, 1, now);
        if (stored < 0) {
            out.writeBytes(Replies.TOO_LARGE);
        } else {
            KeyEvents.changed(destination, event, c, 1);
            RespWriter.integer(out, size);
        }
    }

    void release() {
        found.release();
        scratch.close();
    }
}
