package dev.kevy.server;

import dev.kevy.io.codec.Request;
import dev.kevy.io.resp.RespWriter;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.server.command.Cmd;
import dev.kevy.server.command.Replies;
import dev.kevy.server.store.ElementVisitor;
import dev.kevy.server.store.EncodingLimits;
import dev.kevy.server.store.Keyspace;
import dev.kevy.server.store.ZsetWalk;
import java.lang.foreign.MemorySegment;

/**
 * ZUNION, ZINTER, ZDIFF, their STORE forms and ZINTERCARD (LIMIT), over sorted sets and plain sets (a set's members
 * score 1), with WEIGHTS and AGGREGATE SUM|MIN|MAX, as Redis 7.0 defines them: sources are taken
 * smallest first, a weighted score that is NaN (0 times infinity) counts as 0, and so does a sum
 * that is. The result is built in this shard's private scratch keyspace, then answered in order or
 * copied to the destination (which may be a source). Keys may live on several shards: the caller
 * fills {@link #owners} (one keyspace per argument) for the local case or an atomic turn.
 */
final class ZsetAlgebra implements ElementVisitor {
    private static final MemorySegment TEMP_KEY = MemorySegment.ofArray(new byte[] {'z'});
    private static final byte[] NOT_A_WEIGHT = Replies.bytes("-ERR weight value is not a float\r\n");
    private static final byte[] BAD_NUMKEYS = Replies.bytes("-ERR numkeys should be greater than 0\r\n");
    private static final byte[] BAD_COUNT = Replies.bytes("-ERR count should be greater than 0\r\n");
    private static final byte[] NEGATIVE_LIMIT = Replies.bytes("-ERR LIMIT can't be negative\r\n");
    private static final int SUM = 0;
    private static final int MIN = 1;
    private static final int MAX = 2;

    private final Keyspace scratch;
    private final ScoreText scores;
    private Keyspace[] owners = new Keyspace[8];
    private long[] entries = new long[8];
    private double[] weights = new double[8];
    private int[] order = new int[8];
    // the walk of a plain set in progress, read by visit()
    private int source;
    private int kind;
    private int aggregate;
    private int sources;
    private int firstArg;
    private long now;

    ZsetAlgebra(EncodingLimits limits, ScoreText scores) {
        this.scratch = new Keyspace(16, Keyspace.DEFAULT_MAX_VALUE_BYTES, limits);
        this.scores = scores;
    }

    /** Room for the keyspaces of {@code argc} arguments: the caller fills it, index = argument. */
    Keyspace[] owners(int argc) {
        if (owners.length < argc) {
            owners = new Keyspace[argc];
            entries = new long[argc];
            weights = new double[argc];
            order = new int[argc];
        }
        return owners;
    }

    /** Runs ZUNION, ZINTER, ZDIFF or a STORE form with {@link #owners} filled. */
    void run(int id, Request c, OutputBuffer out, long nowMillis) {
        boolean store = id == Cmd.ZUNIONSTORE || id == Cmd.ZINTERSTORE || id == Cmd.ZDIFFSTORE;
        boolean cardinality = id == Cmd.ZINTERCARD;
        kind = id == Cmd.ZUNION || id == Cmd.ZUNIONSTORE ? 0 : id == Cmd.ZDIFF || id == Cmd.ZDIFFSTORE ? 2 : 1;
        long limit = 0;
        int numkeysArg = store ? 2 : 1;
        if (!c.parseLong(numkeysArg)) {
            out.writeBytes(Replies.NOT_INTEGER);
            return;
        }
        long setnum = c.longValue();
        if (setnum < 1) {
            out.writeAscii("-ERR at least 1 input key is needed for '" + c.toString(0).toLowerCase() + "' command\r\n");
            return;
        }
        if (setnum > c.argc() - (numkeysArg + 1)) {
            out.writeBytes(Replies.SYNTAX);
            return;
        }
        sources = (int) setnum;
        int first = numkeysArg + 1;
        now = nowMillis;
        for (int i = 0; i < sources; i++) {
            Keyspace ks = owners[first + i];
            long entry = ks.lookup(c.buffer(), c.offset(first + i), (int) c.length(first + i), now);
            if (entry != Keyspace.ABSENT && ks.type(entry) != Keyspace.TYPE_ZSET && ks.type(entry) != Keyspace.TYPE_SET) {
                out.writeBytes(Replies.WRONG_TYPE);
                return;
            }
            if (entry == Keyspace.ABSENT) {
                KeyEvents.missed(ks, c, first + i);
            }
            entries[i] = entry;
            weights[i] = 1;
        }
        aggregate = SUM;
        boolean withScores = false;
        int j = first + sources;
        while (j < c.argc()) {
            int remaining = c.argc() - j;
            if (cardinality && remaining >= 2 && c.equalsIgnoreCase(j, "limit")) {
                if (!c.parseLong(j + 1) || c.longValue() < 0) {
                    out.writeBytes(NEGATIVE_LIMIT);
                    return;
                }
                limit = c.longValue();
                j += 2;
            } else if (!cardinality && kind != 2 && remaining >= sources + 1 && c.equalsIgnoreCase(j, "weights")) {
                j++;
                for (int i = 0; i < sources; i++, j++) {
                    if (!c.parseDouble(j)) {
                        out.writeBytes(NOT_A_WEIGHT);
                        return;
                    }
                    weights[i] = c.doubleValue();
                }
            } else if (!cardinality && kind != 2 && remaining >= 2 && c.equalsIgnoreCase(j, "aggregate")) {
                if (c.equalsIgnoreCase(j + 1, "sum")) {
                    aggregate = SUM;
                } else if (c.equalsIgnoreCase(j + 1, "min")) {
                    aggregate = MIN;
                } else if (c.equalsIgnoreCase(j + 1, "max")) {
                    aggregate = MAX;
                } else {
                    out.writeBytes(Replies.SYNTAX);
                    return;
                }
                j += 2;
            } else if (!store && !cardinality && c.equalsIgnoreCase(j, "withscores")) {
                withScores = true;
                j++;
            } else {
                out.writeBytes(Replies.SYNTAX);
                return;
            }
        }
        compute(first);
        long temp = scratch.zsets.find(TEMP_KEY, 0, 1, now);
        if (cardinality) {
            long n = temp < 0 ? 0 : scratch.zsets.count(temp);
            RespWriter.integer(out, limit > 0 ? Math.min(n, limit) : n);
        } else if (store) {
            store(temp, c, out, id == Cmd.ZUNIONSTORE ? KeyEventNames.ZUNIONSTORE
                    : id == Cmd.ZINTERSTORE ? KeyEventNames.ZINTERSTORE : KeyEventNames.ZDIFFSTORE);
        } else if (temp < 0) {
            RespWriter.emptyArray(out);
        } else {
            long n = scratch.zsets.count(temp);
            ScoreText.header(out, n, withScores);
            ZsetWalk walk = scratch.zsets.walk();
            walk.seek(temp, 0, false);
            do {
                ScoreText.pair(out, withScores);
                RespWriter.bulk(out, walk.segment(), walk.memberOffset(), walk.memberLength());
                if (withScores) {
                    scores.write(out, walk.score());
                }
            } while (walk.next());
        }
        scratch.delete(TEMP_KEY, 0, 1, now);
    }

    private void store(long temp, Request c, OutputBuffer out, int event) {
        Keyspace to = owners[1];
        MemorySegment b = c.buffer();
        boolean existed = to.delete(b, c.offset(1), (int) c.length(1), now);
        if (temp < 0) {
            if (existed) {
                KeyEvents.changed(to, KeyEventNames.DEL, c, 1);
            }
            RespWriter.integer(out, 0);
            return;
        }
        ZsetWalk walk = scratch.zsets.walk();
        walk.seek(temp, 0, false);
        KeyEvents.replacing(to, existed);
        do {
            int r = to.zsets.put(b, c.offset(1), (int) c.length(1), walk.segment(), walk.memberOffset(), walk.memberLength(),
                    walk.score(), now);
            if (r < 0) {
                KeyEvents.replacing(to, false);
                HashCommands.writeError(r, out);
                return;
            }
        } while (walk.next());
        KeyEvents.replacing(to, false);
        KeyEvents.changed(to, event, c, 1);
        RespWriter.integer(out, scratch.zsets.count(temp));
    }

    /**
     * ZMPOP numkeys key [key ...] MIN|MAX [COUNT count] with {@link #owners} filled: pops from the
     * first key that holds a sorted set, as Redis does (a key of another type before it is an error).
     */
    void zmpop(Request c, OutputBuffer out, long nowMillis) {
        if (!c.parseLong(1) || c.longValue() < 1) {
            out.writeBytes(BAD_NUMKEYS);
            return;
        }
        long numkeys = c.longValue();
        if (numkeys >= c.argc() - 2) {
            out.writeBytes(Replies.SYNTAX);
            return;
        }
        int where = (int) numkeys + 2;
        boolean max = c.equalsIgnoreCase(where, "max");
        if (!max && !c.equalsIgnoreCase(where, "min")) {
            out.writeBytes(Replies.SYNTAX);
            return;
        }
        long count = -1;
        for (int j = where + 1; j < c.argc(); j++) {
            if (count == -1 && c.equalsIgnoreCase(j, "count") && j + 1 < c.argc()) {
                j++;
                if (!c.parseLong(j) || c.longValue() < 1) {
                    out.writeBytes(BAD_COUNT);
                    return;
                }
                count = c.longValue();
            } else {
                out.writeBytes(Replies.SYNTAX);
                return;
            }
        }
        if (count == -1) {
            count = 1;
        }
        MemorySegment b = c.buffer();
        for (int k = 2; k < where; k++) {
            Keyspace ks = owners[k];
            long entry = ks.zsets.find(b, c.offset(k), (int) c.length(k), nowMillis);
            if (entry == Keyspace.WRONG_TYPE) {
                out.writeBytes(Replies.WRONG_TYPE);
                return;
            }
            if (entry < 0) {
                continue;
            }
            long size = ks.zsets.count(entry);
            long take = Math.min(count, size);
            RespWriter.arrayHeader(out, 2);
            RespWriter.bulk(out, b, c.offset(k), c.length(k));
            RespWriter.arrayHeader(out, take);
            ZsetWalk walk = ks.zsets.walk();
            walk.seek(entry, 0, max);
            for (long i = 0; i < take; i++) {
                RespWriter.arrayHeader(out, 2);
                RespWriter.bulk(out, walk.segment(), walk.memberOffset(), walk.memberLength());
                scores.write(out, walk.score());
                walk.next();
            }
            long start = max ? size - take : 0;
            ks.zsets.removeRange(b, c.offset(k), (int) c.length(k), start, start + take - 1, nowMillis);
            KeyEvents.removed(ks, max ? KeyEventNames.ZPOPMAX : KeyEventNames.ZPOPMIN, c, k, nowMillis);
            return;
        }
        RespWriter.nullArray(out);
    }

    /** Builds the result in the scratch key from the sources at arguments {@code first ..}. */
    private void compute(int first) {
        for (int i = 0; i < sources; i++) {
            order[i] = i;
        }
        if (kind != 2) { // smallest first, as Redis sorts them (a stable insertion sort)
            for (int i = 1; i < sources; i++) {
                int o = order[i];
                int k = i - 1;
                while (k >= 0 && size(order[k], first) > size(o, first)) {
                    order[k + 1] = order[k];
                    k--;
                }
                order[k + 1] = o;
            }
        }
        if (kind == 0) {
            for (int i = 0; i < sources; i++) {
                walkSource(order[i], first);
            }
        } else if (size(order[0], first) > 0) {
            walkSource(order[0], first);
        }
    }

    private long size(int i, int first) {
        long e = entries[i];
        if (e == Keyspace.ABSENT) {
            return 0;
        }
        Keyspace ks = owners[first + i];
        return ks.type(e) == Keyspace.TYPE_ZSET ? ks.zsets.count(e) : ks.sets.count(e);
    }

    private void walkSource(int i, int first) {
        long e = entries[i];
        if (e == Keyspace.ABSENT) {
            return;
        }
        source = i;
        firstArg = first;
        Keyspace ks = owners[first + i];
        if (ks.type(e) == Keyspace.TYPE_SET) {
            ks.sets.forEach(e, this);
            return;
        }
        ZsetWalk walk = ks.zsets.walk();
        walk.seek(e, 0, false);
        do {
            add(walk.segment(), walk.memberOffset(), walk.memberLength(), walk.score());
        } while (walk.next());
    }

    /** A plain set's member, scored 1. */
    @Override
    public void visit(MemorySegment segment, long fieldOffset, int fieldLength, long valueOffset, int valueLength) {
        add(segment, fieldOffset, fieldLength, 1.0);
    }

    /** Takes one member of source {@link #source} into the result as the operation says. */
    private void add(MemorySegment s, long offset, int length, double score) {
        double v = weighted(source, score);
        if (kind == 0) {
            long temp = scratch.zsets.find(TEMP_KEY, 0, 1, now);
            double current = temp < 0 ? Double.NaN : scratch.zsets.score(temp, s, offset, length);
            scratch.zsets.put(TEMP_KEY, 0, 1, s, offset, length, Double.isNaN(current) ? v : combine(current, v), now);
            return;
        }
        for (int k = 1; k < sources; k++) {
            int other = order[k];
            double found = scoreIn(other, s, offset, length);
            if (kind == 2) {
                if (!Double.isNaN(found)) {
                    return;
                }
            } else {
                if (Double.isNaN(found)) {
                    return;
                }
                v = combine(v, weighted(other, found));
            }
        }
        scratch.zsets.put(TEMP_KEY, 0, 1, s, offset, length, kind == 2 ? score : v, now);
    }

    private double scoreIn(int i, MemorySegment s, long offset, int length) {
        long e = entries[i];
        if (e == Keyspace.ABSENT) {
            return Double.NaN;
        }
        Keyspace ks = owners[firstArg + i];
        if (ks.type(e) == Keyspace.TYPE_SET) {
            return ks.sets.contains(e, s, offset, length) ? 1.0 : Double.NaN;
        }
        return ks.zsets.score(e, s, offset, length);
    }

    private double weighted(int i, double score) {
        double v = weights[i] * score;
        return Double.isNaN(v) ? 0 : v;
    }

    private double combine(double a, double b) {
        return switch (aggregate) {
            case MIN -> Math.min(a, b);
            case MAX -> Math.max(a, b);
            default -> {
                double sum = a + b;
                yield Double.isNaN(sum) ? 0 : sum;
            }
        };
    }

    /** Frees the scratch keyspace's memory. */
    void release() {
        scratch.close();
    }
}
