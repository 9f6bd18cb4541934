package dev.kevy.server;

import dev.kevy.io.codec.Request;
import dev.kevy.rt.buffer.BufferPool;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.server.store.ElementSource;
import dev.kevy.server.store.ElementVisitor;
import dev.kevy.server.store.ZsetWalk;
import dev.kevy.server.store.Zsets;
import java.lang.foreign.MemorySegment;

/**
 * A keyspace's sorted sets seen as an {@link ElementSource} of member and score-text pairs, so that
 * ZSCAN runs through the same {@link CollectionScan} as HSCAN and ZRANDMEMBER through the same
 * {@link RandomElements} as HRANDFIELD. Scores are printed as Redis prints them there: ZSCAN of a
 * packed set with {@code d2string}, everything else with {@code "%.17g"}. Member and text are
 * copied side by side into one scratch array (visitors expect one segment), which grows to the
 * longest member seen and is then reused. An identity is a rank plus one.
 */
final class ZsetSource implements ElementSource, ElementVisitor {
    private static final byte[] WITHSCORES = dev.kevy.server.command.Replies.bytes("WITHSCORES");

    private final CollectionScan scan;
    private final ScoreText scores;
    private final RandomElements randomElements;
    private byte[] scratch = new byte[256];
    private MemorySegment scratchSegment = MemorySegment.ofArray(scratch);
    private Zsets zsets;
    private long entry;
    private ElementVisitor target;
    private boolean packedText;

    ZsetSource(BufferPool pool, ScoreText scores, RandomElements randomElements) {
        this.scan = new CollectionScan(pool);
        this.scores = scores;
        this.randomElements = randomElements;
    }

    /** ZSCAN key cursor [MATCH pattern] [COUNT count]. */
    void zscan(Zsets zsets, Request c, OutputBuffer out, long now) {
        this.zsets = zsets;
        scan.run(this, zsets.find(c.buffer(), c.offset(1), (int) c.length(1), now), c, out, ElementWriter.PAIRS);
    }

    /** ZRANDMEMBER key [count [WITHSCORES]], checked as HRANDFIELD is. */
    void zrandmember(Zsets zsets, Request c, OutputBuffer out, long now) {
        long count = 0;
        boolean withScores = false;
        if (c.argc() >= 3) {
            if (!c.parseLong(2)) {
                out.writeBytes(dev.kevy.server.command.Replies.NOT_INTEGER);
                return;
            }
            count = c.longValue();
            if (c.argc() > 4 || (c.argc() == 4 && !c.equalsIgnoreCase(3, WITHSCORES))) {
                out.writeBytes(dev.kevy.server.command.Replies.SYNTAX);
                return;
            }
            withScores = c.argc() == 4;
            if (count == Long.MIN_VALUE) {
                out.writeBytes(SetCommands.COUNT_OUT_OF_RANGE);
                return;
            }
            if (withScores && (count > Long.MAX_VALUE / 2 || count < -Long.MAX_VALUE / 2)) {
                out.writeBytes(HashCommands.OUT_OF_RANGE);
                return;
            }
        }
        this.zsets = zsets;
        randomElements.reply(this, zsets.find(c.buffer(), c.offset(1), (int) c.length(1), now), c.argc() > 2, count,
                withScores ? ElementWriter.PAIRS | ElementWriter.NESTED | ElementWriter.SCORES : ElementWriter.FIELDS, out);
    }

    @Override
    public long scan(long entry, long cursor, int count, ElementVisitor visitor) {
        target = visitor;
        packedText = zsets.isPacked(entry);
        return zsets.scan(entry, cursor, count, this);
    }

    /** A member and its 8-byte score from {@link Zsets#scan}. */
    @Override
    public void visit(MemorySegment segment, long fieldOffset, int fieldLength, long valueOffset, int valueLength) {
        emit(segment, fieldOffset, fieldLength, Zsets.scoreAt(segment, valueOffset), target);
    }

    @Override
    public int count(long entry) {
        return (int) Math.min(Integer.MAX_VALUE, zsets.count(entry));
    }

    /** Every member from the highest score down: the order of Redis's ZRANDMEMBER answering the whole set. */
    @Override
    public void forEach(long entry, ElementVisitor visitor) {
        packedText = false;
        ZsetWalk walk = zsets.walk();
        if (walk.seek(entry, 0, true)) {
            do {
                emit(walk.segment(), walk.memberOffset(), walk.memberLength(), walk.score(), visitor);
            } while (walk.next());
        }
    }

    @Override
    public long random(long entry, long random) {
        this.entry = entry;
        return ((random >>> 32) * zsets.count(entry) >>> 32) + 1;
    }

    @Override
    public void visit(long identity, ElementVisitor visitor) {
        packedText = false;
        ZsetWalk walk = zsets.walk();
        walk.seek(entry, identity - 1, false);
        emit(walk.segment(), walk.memberOffset(), walk.memberLength(), walk.score(), visitor);
    }

    private void emit(MemorySegment segment, long memberOffset, int memberLength, double score, ElementVisitor visitor) {
        int textLength = packedText ? scores.formatPacked(score) : scores.format(score);
        if (scratch.length < memberLength + textLength) {
            scratch = new byte[Math.max(memberLength + textLength, scratch.length * 2)];
            scratchSegment = MemorySegment.ofArray(scratch);
        }
        MemorySegment.copy(segment, memberOffset, scratchSegment, 0, memberLength);
        MemorySegment.copy(scores.segment, 0, scratchSegment, memberLength, textLength);
        visitor.visit(scratchSegment, 0, memberLength, memberLength, textLength);
    }

    void release() {
        scan.release();
    }
}
