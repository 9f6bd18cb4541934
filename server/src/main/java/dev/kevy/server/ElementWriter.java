package dev.kevy.server;

import dev.kevy.io.codec.Request;
import dev.kevy.io.resp.RespWriter;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.server.store.ElementVisitor;
import java.lang.foreign.MemorySegment;

/**
 * Writes the elements a hash or set walk visits as RESP bulk strings: the fields (or members),
 * the values, or both in turn, optionally only those whose field matches a glob (HSCAN/SSCAN
 * MATCH), optionally a uniform random subset of a known size (selection sampling, for
 * HRANDFIELD and SRANDMEMBER). One long-lived object per shard: {@link #start} sets it up for a
 * walk, so a walk allocates nothing.
 */
final class ElementWriter implements ElementVisitor {
    static final int FIELDS = 1;
    static final int VALUES = 2;
    static final int PAIRS = FIELDS | VALUES;
    /** With {@link #PAIRS}: each pair is an array of two for a RESP3 client (HRANDFIELD WITHVALUES). */
    static final int NESTED = 4;
    /** With {@link #VALUES}: the values are score texts, doubles for a RESP3 client (ZRANDMEMBER WITHSCORES). */
    static final int SCORES = 8;

    private OutputBuffer out;
    private int what;
    private Request pattern;
    private int patternArg;
    private long written;
    private long needed;
    private long remaining;
    private RandomBits random;

    /** Sets up a walk writing {@code what} to {@code out}; {@code patternArg} is the MATCH argument of {@code c}, or 0. */
    ElementWriter start(OutputBuffer out, int what, Request c, int patternArg) {
        this.out = out;
        this.what = what;
        this.pattern = c;
        this.patternArg = patternArg;
        this.written = 0;
        this.random = null;
        return this;
    }

    /**
     * Makes the walk write a uniform random {@code needed} of the {@code total} elements it
     * visits (Knuth's selection sampling: each is taken with probability needed/remaining).
     */
    ElementWriter sample(long needed, long total, RandomBits random) {
        this.needed = needed;
        this.remaining = total;
        this.random = random;
        return this;
    }

    /** Elements written since {@link #start}. */
    long written() {
        return written;
    }

    @Override
    public void visit(MemorySegment segment, long fieldOffset, int fieldLength, long valueOffset, int valueLength) {
        if (random != null) {
            boolean take = random.below(remaining--) < needed;
            if (!take) {
                return;
            }
            needed--;
        }
        if (patternArg != 0 && !Glob.matches(pattern.buffer(), pattern.offset(patternArg), pattern.length(patternArg),
                segment, fieldOffset, fieldLength, false)) {
            return;
        }
        if ((what & NESTED) != 0 && RespWriter.isResp3(out)) {
            RespWriter.arrayHeader(out, 2);
        }
        if ((what & FIELDS) != 0) {
            RespWriter.bulk(out, segment, fieldOffset, fieldLength);
        }
        if ((what & SCORES) != 0) {
            RespWriter.doubleText(out, segment, valueOffset, valueLength);
        } else if ((what & VALUES) != 0 && valueLength >= 0) {
            RespWriter.bulk(out, segment, valueOffset, valueLength);
        }
        written++;
    }

    /** Replies {@code what} writes per element on {@code out}: two for a pair, unless nested in RESP3. */
    static int width(int what, OutputBuffer out) {
        return (what & PAIRS) != PAIRS || (what & NESTED) != 0 && RespWriter.isResp3(out) ? 1 : 2;
    }
}
