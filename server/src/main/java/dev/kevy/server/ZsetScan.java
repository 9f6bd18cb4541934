package dev.kevy.server;

import dev.kevy.io.codec.Request;
import dev.kevy.rt.buffer.BufferPool;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.server.store.ElementSource;
import dev.kevy.server.store.ElementVisitor;
import dev.kevy.server.store.Zsets;
import java.lang.foreign.MemorySegment;

/**
 * ZSCAN key cursor [MATCH pattern] [COUNT count], through the same {@link CollectionScan} as HSCAN:
 * this adapter shows it each member with its score as text, as Redis's ZSCAN writes it
 * ({@code d2string} for a packed set, {@code "%.17g"} for a skiplist). Member and text are copied
 * side by side into one scratch array, which grows to the longest member seen and is then reused.
 */
final class ZsetScan implements ElementSource, ElementVisitor {
    private final CollectionScan scan;
    private final ScoreText scores;
    private byte[] scratch = new byte[256];
    private MemorySegment scratchSegment = MemorySegment.ofArray(scratch);
    private Zsets zsets;
    private ElementVisitor target;
    private boolean packed;

    ZsetScan(BufferPool pool, ScoreText scores) {
        this.scan = new CollectionScan(pool);
        this.scores = scores;
    }

    void run(Zsets zsets, Request c, OutputBuffer out, long now) {
        this.zsets = zsets;
        scan.run(this, zsets.find(c.buffer(), c.offset(1), (int) c.length(1), now), c, out, ElementWriter.PAIRS);
    }

    @Override
    public long scan(long entry, long cursor, int count, ElementVisitor visitor) {
        target = visitor;
        packed = zsets.isPacked(entry);
        return zsets.scan(entry, cursor, count, this);
    }

    @Override
    public void visit(MemorySegment segment, long fieldOffset, int fieldLength, long valueOffset, int valueLength) {
        double score = Zsets.scoreAt(segment, valueOffset);
        int textLength = packed ? scores.formatPacked(score) : scores.format(score);
        if (scratch.length < fieldLength + textLength) {
            scratch = new byte[Math.max(fieldLength + textLength, scratch.length * 2)];
            scratchSegment = MemorySegment.ofArray(scratch);
        }
        MemorySegment.copy(segment, fieldOffset, scratchSegment, 0, fieldLength);
        MemorySegment.copy(scores.segment, 0, scratchSegment, fieldLength, textLength);
        target.visit(scratchSegment, 0, fieldLength, fieldLength, textLength);
    }

    @Override
    public int count(long entry) {
        return (int) zsets.count(entry);
    }

    @Override
    public void forEach(long entry, ElementVisitor visitor) {
        throw new UnsupportedOperationException("ZSCAN only scans");
    }

    @Override
    public long random(long entry, long random) {
        throw new UnsupportedOperationException("ZSCAN only scans");
    }

    @Override
    public void visit(long identity, ElementVisitor visitor) {
        throw new UnsupportedOperationException("ZSCAN only scans");
    }

    void release() {
        scan.release();
    }
}
