package dev.kevy.server;

import dev.kevy.io.codec.Request;
import dev.kevy.io.resp.RespWriter;
import dev.kevy.rt.buffer.BufferPool;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.server.command.Cmd;
import dev.kevy.server.command.Replies;
import dev.kevy.server.store.EncodingLimits;
import dev.kevy.server.store.Keyspace;
import dev.kevy.server.store.ZsetWalk;
import dev.kevy.server.store.Zsets;
import java.lang.foreign.MemorySegment;

/**
 * The sorted-set commands, one entry point ({@link #run}) switching on the id. The single-member
 * commands are here; the range commands in {@link ZsetRanges}, ZSCAN and ZRANDMEMBER in
 * {@link ZsetSource}, ZUNION, ZINTER, ZDIFF and their STORE forms in {@link ZsetAlgebra}. Scores
 * are read as Redis reads them ({@code string2d}) and printed as it prints them ({@link ScoreText}).
 * Nothing here allocates.
 */
final class ZsetCommands {
    private static final byte[] NX_AND_XX = Replies.bytes("-ERR XX and NX options at the same time are not compatible\r\n");
    private static final byte[] GT_LT_NX = Replies.bytes("-ERR GT, LT, and/or NX options at the same time are not compatible\r\n");
    private static final byte[] INCR_PAIRS = Replies.bytes("-ERR INCR option supports a single increment-element pair\r\n");
    private static final byte[] NAN_RESULT = Replies.bytes("-ERR resulting score is not a number (NaN)\r\n");
    private static final int NX = 1;
    private static final int XX = 2;
    private static final int CH = 4;
    private static final int INCR = 8;
    private static final int GT = 16;
    private static final int LT = 32;

    private final ScoreText scores = new ScoreText();
    private final ZsetRanges ranges = new ZsetRanges(scores);
    private final ZsetSource source;

    private final ZsetAlgebra algebra;

    ZsetCommands(BufferPool pool, RandomElements randomElements, EncodingLimits limits) {
        this.source = new ZsetSource(pool, scores, randomElements);
        this.algebra = new ZsetAlgebra(limits, scores);
    }

    /** Runs sorted-set command {@code id} (a {@link Cmd} id from 170 to 209). */
    void run(int id, Keyspace keyspace, Request c, OutputBuffer out, long now) {
        switch (id) {
            case Cmd.ZADD -> zadd(keyspace, c, out, now, 2, 0);
            case Cmd.ZINCRBY -> zadd(keyspace, c, out, now, 2, INCR);
            case Cmd.ZREM -> zrem(keyspace, c, out, now);
            case Cmd.ZSCORE -> zscore(keyspace, c, out, now, false);
            case Cmd.ZMSCORE -> zscore(keyspace, c, out, now, true);
            case Cmd.ZCARD -> zcard(keyspace, c, out, now);
            case Cmd.ZRANK -> zrank(keyspace, c, out, now, false);
            case Cmd.ZREVRANK -> zrank(keyspace, c, out, now, true);
            case Cmd.ZCOUNT -> ranges.count(keyspace, c, out, now, ZsetRanges.SCORE);
            case Cmd.ZLEXCOUNT -> ranges.count(keyspace, c, out, now, ZsetRanges.LEX);
            case Cmd.ZRANGE -> ranges.zrange(keyspace, c, out, now, -1, false, false);
            case Cmd.ZREVRANGE -> ranges.zrange(keyspace, c, out, now, ZsetRanges.RANK, true, true);
            case Cmd.ZRANGEBYSCORE -> ranges.zrange(keyspace, c, out, now, ZsetRanges.SCORE, false, true);
            case Cmd.ZREVRANGEBYSCORE -> ranges.zrange(keyspace, c, out, now, ZsetRanges.SCORE, true, true);
            case Cmd.ZRANGEBYLEX -> ranges.zrange(keyspace, c, out, now, ZsetRanges.LEX, false, true);
            case Cmd.ZREVRANGEBYLEX -> ranges.zrange(keyspace, c, out, now, ZsetRanges.LEX, true, true);
            case Cmd.ZREMRANGEBYRANK -> ranges.remove(keyspace, c, out, now, ZsetRanges.RANK);
            case Cmd.ZREMRANGEBYSCORE -> ranges.remove(keyspace, c, out, now, ZsetRanges.SCORE);
            case Cmd.ZREMRANGEBYLEX -> ranges.remove(keyspace, c, out, now, ZsetRanges.LEX);
            case Cmd.ZPOPMIN -> zpop(keyspace, c, out, now, false);
            case Cmd.ZPOPMAX -> zpop(keyspace, c, out, now, true);
            case Cmd.ZSCAN -> {
                KeyEvents.missedIfAbsent(keyspace, c, 1, now);
                source.zscan(keyspace.zsets, c, out, now);
            }
            case Cmd.ZRANDMEMBER -> {
                KeyEvents.missedIfAbsent(keyspace, c, 1, now);
                source.zrandmember(keyspace.zsets, c, out, now);
            }
            case Cmd.ZRANGESTORE -> ranges.zrange(keyspace, keyspace, c, out, now, -1, false, false);
            case Cmd.ZUNION, Cmd.ZUNIONSTORE, Cmd.ZINTER, Cmd.ZINTERSTORE, Cmd.ZDIFF, Cmd.ZDIFFSTORE, Cmd.ZINTERCARD,
                 Cmd.ZMPOP -> {
                java.util.Arrays.fill(algebra.owners(c.argc()), 0, c.argc(), keyspace);
                algebra(id, c, out, now);
            }
            default -> throw new IllegalArgumentException("not a sorted-set command: " + id);
        }
    }

    /** ZADD key [NX|XX] [GT|LT] [CH] [INCR] score member ... and ZINCRBY key increment member (flags INCR). */
    private void zadd(Keyspace keyspace, Request c, OutputBuffer out, long now, int first, int flags) {
        int at = first;
        if (flags == 0) {
            for (; at < c.argc(); at++) {
                int flag = flag(c, at);
                if (flag == 0) {
                    break;
                }
                flags |= flag;
            }
        }
        int elements = c.argc() - at;
        if (elements == 0 || (elements & 1) != 0) {
            out.writeBytes(Replies.SYNTAX);
            return;
        }
        if ((flags & (NX | XX)) == (NX | XX)) {
            out.writeBytes(NX_AND_XX);
            return;
        }
        if (Integer.bitCount(flags & (NX | GT | LT)) > 1) {
            out.writeBytes(GT_LT_NX);
            return;
        }
        if ((flags & INCR) != 0 && elements > 2) {
            out.writeBytes(INCR_PAIRS);
            return;
        }
        for (int i = at; i < c.argc(); i += 2) {
            if (!c.parseDouble(i)) {
                out.writeBytes(Replies.NOT_FLOAT);
                return;
            }
        }
        Zsets zsets = keyspace.zsets;
        MemorySegment b = c.buffer();
        long entry = zsets.find(b, c.offset(1), (int) c.length(1), now);
        if (entry == Keyspace.WRONG_TYPE) {
            out.writeBytes(Replies.WRONG_TYPE);
            return;
        }
        long added = 0;
        long updated = 0;
        boolean done = false;
        double result = 0;
        for (int i = at; i < c.argc(); i += 2) {
            c.parseDouble(i);
            double score = c.doubleValue();
            int member = i + 1;
            entry = zsets.find(b, c.offset(1), (int) c.length(1), now);
            double current = entry < 0 ? Double.NaN : zsets.score(entry, b, c.offset(member), (int) c.length(member));
            if (Double.isNaN(current)) {
                if ((flags & XX) != 0) {
                    continue;
                }
            } else {
                if ((flags & NX) != 0) {
                    continue;
                }
                if ((flags & INCR) != 0) {
                    score += current;
                    if (Double.isNaN(score)) {
                        out.writeBytes(NAN_RESULT);
                        return;
                    }
                }
                if ((flags & LT) != 0 && score >= current || (flags & GT) != 0 && score <= current) {
                    continue;
                }
            }
            int r = zsets.put(b, c.offset(1), (int) c.length(1), b, c.offset(member), (int) c.length(member), score, now);
            if (r < 0) {
                HashCommands.writeError(r, out);
                return;
            }
            if (r == 1) {
                added++;
            } else if (score != current) {
                updated++;
            }
            done = true;
            result = score;
        }
        if (added + updated > 0) {
            KeyEvents.changed(keyspace, (flags & INCR) != 0 ? KeyEventNames.ZINCR : KeyEventNames.ZADD, c, 1);
        }
        if ((flags & INCR) != 0) {
            if (done) {
                scores.write(out, result);
            } else {
                RespWriter.nullBulk(out);
            }
        } else {
            RespWriter.integer(out, (flags & CH) != 0 ? added + updated : added);
        }
    }

    private static int flag(Request c, int i) {
        if (c.length(i) > 4) {
            return 0;
        }
        if (c.equalsIgnoreCase(i, "nx")) {
            return NX;
        } else if (c.equalsIgnoreCase(i, "xx")) {
            return XX;
        } else if (c.equalsIgnoreCase(i, "ch")) {
            return CH;
        } else if (c.equalsIgnoreCase(i, "incr")) {
            return INCR;
        } else if (c.equalsIgnoreCase(i, "gt")) {
            return GT;
        } else if (c.equalsIgnoreCase(i, "lt")) {
            return LT;
        }
        return 0;
    }

    /** ZREM key member [member ...]. */
    private void zrem(Keyspace keyspace, Request c, OutputBuffer out, long now) {
        SetCommands.eachMember(keyspace, c, out, now, KeyEventNames.ZREM, (k, b, ko, kl, mo, ml, t) -> k.zsets.remove(b, ko, kl, b, mo, ml, t));
    }

    /** ZSCORE key member ({@code many} false) and ZMSCORE key member [member ...]. */
    private void zscore(Keyspace keyspace, Request c, OutputBuffer out, long now, boolean many) {
        Zsets zsets = keyspace.zsets;
        long entry = KeyEvents.read(keyspace, zsets.find(c.buffer(), c.offset(1), (int) c.length(1), now), c, 1);
        if (entry == Keyspace.WRONG_TYPE) {
            out.writeBytes(Replies.WRONG_TYPE);
            return;
        }
        if (many) {
            RespWriter.arrayHeader(out, c.argc() - 2);
        }
        for (int i = 2; i < c.argc(); i++) {
            double score = entry < 0 ? Double.NaN : zsets.score(entry, c.buffer(), c.offset(i), (int) c.length(i));
            if (Double.isNaN(score)) {
                RespWriter.nullBulk(out);
            } else {
                scores.write(out, score);
            }
        }
    }

    /** ZCARD key. */
    private void zcard(Keyspace keyspace, Request c, OutputBuffer out, long now) {
        long entry = KeyEvents.read(keyspace, keyspace.zsets.find(c.buffer(), c.offset(1), (int) c.length(1), now), c, 1);
        if (entry == Keyspace.WRONG_TYPE) {
            out.writeBytes(Replies.WRONG_TYPE);
        } else {
            RespWriter.integer(out, entry < 0 ? 0 : keyspace.zsets.count(entry));
        }
    }

    /** ZRANK and ZREVRANK key member. */
    private void zrank(Keyspace keyspace, Request c, OutputBuffer out, long now, boolean reverse) {
        Zsets zsets = keyspace.zsets;
        long entry = KeyEvents.read(keyspace, zsets.find(c.buffer(), c.offset(1), (int) c.length(1), now), c, 1);
        if (entry == Keyspace.WRONG_TYPE) {
            out.writeBytes(Replies.WRONG_TYPE);
            return;
        }
        long rank = entry < 0 ? -1 : zsets.rank(entry, c.buffer(), c.offset(2), (int) c.length(2));
        if (rank < 0) {
            RespWriter.nullBulk(out);
        } else {
            RespWriter.integer(out, reverse ? zsets.count(entry) - 1 - rank : rank);
        }
    }

    /** ZPOPMIN and ZPOPMAX key [count]. */
    private void zpop(Keyspace keyspace, Request c, OutputBuffer out, long now, boolean max) {
        if (c.argc() > 3) {
            out.writeBytes(Replies.SYNTAX);
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
        Zsets zsets = keyspace.zsets;
        MemorySegment b = c.buffer();
        long entry = zsets.find(b, c.offset(1), (int) c.length(1), now);
        if (entry == Keyspace.WRONG_TYPE) {
            out.writeBytes(Replies.WRONG_TYPE);
            return;
        }
        if (entry < 0 || count == 0) {
            RespWriter.emptyArray(out);
            return;
        }
        long size = zsets.count(entry);
        long take = Math.min(count, size);
        boolean pairs = c.argc() == 3; // with a count, RESP3 gives each member and score a pair
        ScoreText.header(out, pairs ? take : 2, pairs);
        ZsetWalk walk = zsets.walk();
        walk.seek(entry, 0, max);
        for (long i = 0; i < take; i++) {
            ScoreText.pair(out, pairs);
            RespWriter.bulk(out, walk.segment(), walk.memberOffset(), walk.memberLength());
            scores.write(out, walk.score());
            walk.next();
        }
        long start = max ? size - take : 0;
        zsets.removeRange(b, c.offset(1), (int) c.length(1), start, start + take - 1, now);
        KeyEvents.removed(keyspace, max ? KeyEventNames.ZPOPMAX : KeyEventNames.ZPOPMIN, c, 1, now);
    }

    /** ZRANGESTORE dst src ... with the source in {@code from} and the destination in {@code to} (an atomic turn). */
    void zrangestore(Keyspace from, Keyspace to, Request c, OutputBuffer out, long now) {
        ranges.zrange(from, to, c, out, now, -1, false, false);
    }

    /** The keyspaces of a multi-set command's arguments, to fill for an atomic turn before {@link #algebra}. */
    Keyspace[] owners(int argc) {
        return algebra.owners(argc);
    }

    /** ZUNION, ZINTER, ZDIFF, their STORE forms, ZINTERCARD and ZMPOP once {@link #owners} is filled. */
    void algebra(int id, Request c, OutputBuffer out, long now) {
        if (id == Cmd.ZMPOP) {
            algebra.zmpop(c, out, now);
        } else {
            algebra.run(id, c, out, now);
        }
    }

    void release() {
        source.release();
        algebra.release();
    }
}
