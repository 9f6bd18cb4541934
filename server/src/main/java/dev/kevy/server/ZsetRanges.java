package dev.kevy.server;

import dev.kevy.io.codec.Request;
import dev.kevy.io.resp.RespWriter;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.server.command.Replies;
import dev.kevy.server.store.Keyspace;
import dev.kevy.server.store.ZsetWalk;
import dev.kevy.server.store.Zsets;
import java.lang.foreign.MemorySegment;

/**
 * The sorted-set commands that take a range: ZRANGE (BYSCORE, BYLEX, REV, LIMIT, WITHSCORES) and
 * its older forms, ZRANGESTORE, ZCOUNT, ZLEXCOUNT and ZREMRANGEBYRANK/SCORE/LEX. Every range becomes a span of
 * ranks: a score or lex bound is the number of members below it ({@link Zsets#countBelow}), found
 * in O(log n), one descent of the set's tree. Arguments are checked in Redis's order: options, then the range, then
 * the key and its type. Nothing here allocates.
 */
final class ZsetRanges {
    static final byte[] NOT_FLOAT_RANGE = Replies.bytes("-ERR min or max is not a float\r\n");
    static final byte[] NOT_LEX_RANGE = Replies.bytes("-ERR min or max not valid string range item\r\n");
    private static final byte[] LIMIT_NEEDS_BY =
            Replies.bytes("-ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX\r\n");
    private static final byte[] LEX_NO_SCORES = Replies.bytes("-ERR syntax error, WITHSCORES not supported in combination with BYLEX\r\n");

    /** Range kinds. */
    static final int RANK = 0;
    static final int SCORE = 1;
    static final int LEX = 2;

    private final ScoreText scores;
    /** The span of ranks the last {@link #span} found: the first rank and how many. */
    private long first;
    private long length;
    /** ZRANGESTORE's copy of the members it stores: their bytes end to end, where each ends, their scores. */
    private MemorySegment stash = MemorySegment.ofArray(new byte[1024]);
    private long[] stashEnds = new long[64];
    private double[] stashScores = new double[64];

    ZsetRanges(ScoreText scores) {
        this.scores = scores;
    }

    /**
     * ZRANGE and its older forms: {@code kind} is fixed by the older forms (-1 for ZRANGE, which reads
     * BYSCORE/BYLEX), {@code reverse} too ({@code fixedDirection} false for ZRANGE, which reads REV).
     */
    void zrange(Keyspace keyspace, Request c, OutputBuffer out, long now, int kind, boolean reverse, boolean fixedDirection) {
        zrange(keyspace, null, c, out, now, kind, reverse, fixedDirection);
    }

    /**
     * ZRANGE, its older forms, and ZRANGESTORE dst src ... ({@code to} the destination's keyspace,
     * null when answering): the source key is argument 1, or 2 when storing.
     */
    void zrange(Keyspace keyspace, Keyspace to, Request c, OutputBuffer out, long now, int kind, boolean reverse,
                boolean fixedDirection) {
        int key = to == null ? 1 : 2;
        boolean withScores = false;
        boolean limit = false;
        long offset = 0;
        long count = -1;
        for (int j = key + 3; j < c.argc(); j++) {
            int left = c.argc() - j - 1;
            if (to == null && c.equalsIgnoreCase(j, "withscores")) {
                withScores = true;
            } else if (c.equalsIgnoreCase(j, "limit") && left >= 2) {
                if (!c.parseLong(j + 1)) {
                    out.writeBytes(Replies.NOT_INTEGER);
                    return;
                }
                offset = c.longValue();
                if (!c.parseLong(j + 2)) {
                    out.writeBytes(Replies.NOT_INTEGER);
                    return;
                }
                count = c.longValue();
                limit = true;
                j += 2;
            } else if (!fixedDirection && !reverse && c.equalsIgnoreCase(j, "rev")) {
                reverse = true;
            } else if (kind < 0 && c.equalsIgnoreCase(j, "bylex")) {
                kind = LEX;
            } else if (kind < 0 && c.equalsIgnoreCase(j, "byscore")) {
                kind = SCORE;
            } else {
                out.writeBytes(Replies.SYNTAX);
                return;
            }
        }
        if (kind < 0) {
            kind = RANK;
        }
        if (limit && count != -1 && kind == RANK) {
            out.writeBytes(LIMIT_NEEDS_BY);
            return;
        }
        if (withScores && kind == LEX) {
            out.writeBytes(LEX_NO_SCORES);
            return;
        }
        int minArg = reverse && kind != RANK ? key + 2 : key + 1;
        int maxArg = reverse && kind != RANK ? key + 1 : key + 2;
        if (kind == RANK && (!c.parseLong(key + 1) || !c.parseLong(key + 2))) {
            out.writeBytes(Replies.NOT_INTEGER);
            return;
        }
        if (!checkRange(c, kind, minArg, maxArg, out)) {
            return;
        }
        Zsets zsets = keyspace.zsets;
        long entry = zsets.find(c.buffer(), c.offset(key), (int) c.length(key), now);
        if (entry == Keyspace.WRONG_TYPE) {
            out.writeBytes(Replies.WRONG_TYPE);
            return;
        }
        if (entry == Keyspace.ABSENT) {
            KeyEvents.missed(keyspace, c, key);
            if (to == null) {
                RespWriter.emptyArray(out);
            } else {
                if (to.delete(c.buffer(), c.offset(1), (int) c.length(1), now)) {
                    KeyEvents.changed(to, KeyEventNames.DEL, c, 1);
                }
                RespWriter.integer(out, 0);
            }
            return;
        }
        long size = zsets.count(entry);
        if (kind == RANK) {
            c.parseLong(key + 1);
            long start = c.longValue();
            c.parseLong(key + 2);
            long end = c.longValue();
            rankSpan(start, end, size);
            offset = 0;
            count = -1;
        } else {
            span(zsets, entry, c, kind, minArg, maxArg);
        }
        long take = offset < 0 || (offset > 0 && offset >= length) ? 0 : length - offset;
        if (count >= 0 && count < take) {
            take = count;
        }
        long rank = kind == RANK ? first : first + offset;
        if (reverse) {
            rank = kind == RANK ? first : size - (first + length) + offset;
        }
        if (to == null) {
            write(zsets, entry, rank, take, reverse, withScores, out);
        } else {
            store(zsets, entry, rank, take, reverse, to, c, out, now);
        }
    }

    /**
     * ZRANGESTORE's result: the members are copied aside first (the destination may be the source,
     * or share its keyspace), then the destination is replaced by a set of them, or deleted when
     * there are none. The copy space grows to the largest range stored and is then reused.
     */
    private void store(Zsets zsets, long entry, long rank, long take, boolean reverse, Keyspace to, Request c,
                       OutputBuffer out, long now) {
        int n = (int) Math.max(0, take);
        if (stashScores.length < n) {
            stashScores = new double[Math.max(n, stashScores.length * 2)];
            stashEnds = new long[stashScores.length];
        }
        long used = 0;
        ZsetWalk walk = zsets.walk();
        if (n > 0) {
            walk.seek(entry, rank, reverse);
        }
        for (int i = 0; i < n; i++) {
            int length = walk.memberLength();
            if (stash.byteSize() < used + length) {
                MemorySegment grown = MemorySegment.ofArray(new byte[(int) Math.min(Integer.MAX_VALUE - 8,
                        Math.max(used + length, stash.byteSize() * 2))]);
                MemorySegment.copy(stash, 0, grown, 0, used);
                stash = grown;
            }
            MemorySegment.copy(walk.segment(), walk.memberOffset(), stash, used, length);
            used += length;
            stashEnds[i] = used;
            stashScores[i] = walk.score();
            walk.next();
        }
        MemorySegment b = c.buffer();
        boolean existed = to.delete(b, c.offset(1), (int) c.length(1), now);
        KeyEvents.replacing(to, existed);
        for (int i = 0; i < n; i++) {
            long start = i == 0 ? 0 : stashEnds[i - 1];
            int r = to.zsets.put(b, c.offset(1), (int) c.length(1), stash, start, (int) (stashEnds[i] - start), stashScores[i], now);
            if (r < 0) {
                KeyEvents.replacing(to, false);
                HashCommands.writeError(r, out);
                return;
            }
        }
        KeyEvents.replacing(to, false);
        if (n > 0 || existed) {
            KeyEvents.changed(to, n > 0 ? KeyEventNames.ZRANGESTORE : KeyEventNames.DEL, c, 1);
        }
        RespWriter.integer(out, n);
    }

    /** Writes {@code take} members (and scores) from rank {@code rank} in the walk's direction. */
    void write(Zsets zsets, long entry, long rank, long take, boolean reverse, boolean withScores, OutputBuffer out) {
        if (take <= 0) {
            RespWriter.emptyArray(out);
            return;
        }
        ScoreText.header(out, take, withScores);
        ZsetWalk walk = zsets.walk();
        walk.seek(entry, rank, reverse);
        for (long i = 0; i < take; i++) {
            ScoreText.pair(out, withScores);
            RespWriter.bulk(out, walk.segment(), walk.memberOffset(), walk.memberLength());
            if (withScores) {
                scores.write(out, walk.score());
            }
            walk.next();
        }
    }

    /** Z[REV]RANGE's rank span: negative ranks count from the end, clamped to the set. */
    private void rankSpan(long start, long end, long size) {
        if (start < 0) {
            start = size + start;
        }
        if (end < 0) {
            end = size + end;
        }
        if (start < 0) {
            start = 0;
        }
        if (start > end || start >= size) {
            first = 0;
            length = 0;
            return;
        }
        if (end >= size) {
            end = size - 1;
        }
        first = start;
        length = end - start + 1;
    }

    /** Checks a score or lex range's two bounds, writing Redis's error when one is bad. */
    boolean checkRange(Request c, int kind, int minArg, int maxArg, OutputBuffer out) {
        if (kind == SCORE && (!scores.parseBound(c.buffer(), c.offset(minArg), c.length(minArg))
                || !scores.parseBound(c.buffer(), c.offset(maxArg), c.length(maxArg)))) {
            out.writeBytes(NOT_FLOAT_RANGE);
            return false;
        }
        if (kind == LEX && (!isLexBound(c, minArg) || !isLexBound(c, maxArg))) {
            out.writeBytes(NOT_LEX_RANGE);
            return false;
        }
        return true;
    }

    /** Sets {@link #first} and {@link #length} to the ranks of a checked score or lex range. */
    private void span(Zsets zsets, long entry, Request c, int kind, int minArg, int maxArg) {
        long start = below(zsets, entry, c, kind, minArg, true);
        long end = below(zsets, entry, c, kind, maxArg, false);
        first = start;
        length = Math.max(0, end - start);
    }

    /** Members below a bound: for a minimum those before the range, for a maximum those up to its end. */
    private long below(Zsets zsets, long entry, Request c, int kind, int arg, boolean min) {
        if (kind == SCORE) {
            scores.parseBound(c.buffer(), c.offset(arg), c.length(arg));
            return zsets.countBelow(entry, scores.bound(), min == scores.exclusive());
        }
        byte b = c.byteAt(arg, 0);
        if (b == '-') {
            return 0;
        }
        if (b == '+') {
            return zsets.count(entry);
        }
        boolean inclusive = min == (b == '(');
        return zsets.countBelowLex(entry, c.buffer(), c.offset(arg) + 1, (int) c.length(arg) - 1, inclusive);
    }

    private static boolean isLexBound(Request c, int arg) {
        if (c.length(arg) == 0) {
            return false;
        }
        byte b = c.byteAt(arg, 0);
        if (b == '+' || b == '-') {
            return c.length(arg) == 1;
        }
        return b == '(' || b == '[';
    }

    /** ZCOUNT key min max ({@code kind} SCORE) and ZLEXCOUNT key min max (LEX). */
    void count(Keyspace keyspace, Request c, OutputBuffer out, long now, int kind) {
        if (!checkRange(c, kind, 2, 3, out)) {
            return;
        }
        Zsets zsets = keyspace.zsets;
        long entry = KeyEvents.read(keyspace, zsets.find(c.buffer(), c.offset(1), (int) c.length(1), now), c, 1);
        if (entry == Keyspace.WRONG_TYPE) {
            out.writeBytes(Replies.WRONG_TYPE);
            return;
        }
        if (entry < 0) {
            RespWriter.integer(out, 0);
            return;
        }
        span(zsets, entry, c, kind, 2, 3);
        RespWriter.integer(out, length);
    }

    /** ZREMRANGEBYRANK, ZREMRANGEBYSCORE and ZREMRANGEBYLEX key min max. */
    void remove(Keyspace keyspace, Request c, OutputBuffer out, long now, int kind) {
        if (kind == RANK && (!c.parseLong(2) || !c.parseLong(3))) {
            out.writeBytes(Replies.NOT_INTEGER);
            return;
        }
        if (!checkRange(c, kind, 2, 3, out)) {
            return;
        }
        Zsets zsets = keyspace.zsets;
        MemorySegment b = c.buffer();
        long entry = zsets.find(b, c.offset(1), (int) c.length(1), now);
        if (entry == Keyspace.WRONG_TYPE) {
            out.writeBytes(Replies.WRONG_TYPE);
            return;
        }
        if (entry < 0) {
            RespWriter.integer(out, 0);
            return;
        }
        if (kind == RANK) {
            c.parseLong(2);
            long start = c.longValue();
            c.parseLong(3);
            rankSpan(start, c.longValue(), zsets.count(entry));
        } else {
            span(zsets, entry, c, kind, 2, 3);
        }
        if (length > 0) {
            zsets.removeRange(b, c.offset(1), (int) c.length(1), first, first + length - 1, now);
            KeyEvents.removed(keyspace, kind == RANK ? KeyEventNames.ZREMRANGEBYRANK
                    : kind == SCORE ? KeyEventNames.ZREMRANGEBYSCORE : KeyEventNames.ZREMRANGEBYLEX, c, 1, now);
        }
        RespWriter.integer(out, length);
    }
}
