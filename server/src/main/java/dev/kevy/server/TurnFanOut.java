package dev.kevy.server;

import dev.kevy.io.CommandHandler;
import dev.kevy.io.FanOut;
import dev.kevy.io.Reducer;
import dev.kevy.io.Session;
import dev.kevy.io.codec.Request;
import dev.kevy.rt.buffer.BufferPool;
import dev.kevy.rt.buffer.OutputBuffer;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * A fanned-out command inside EXEC (MGET, DEL or DBSIZE across shards, INFO, SCAN), run in place:
 * the handler plans its parts as the runtime would ({@link CommandHandler#fanOut}), then each part
 * runs at once on its shard's handler (which the atomic turn, or a single shard, makes safe) and
 * the plan's {@link Reducer} combines the replies. One per shard; its two blocks come from the
 * shard's pool and are kept, so after warm-up it allocates nothing.
 */
final class TurnFanOut implements FanOut, Reducer.Parts {

    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;

    private final BufferPool pool;
    private final Request part = new Request();
    private final OutputBuffer partReply;
    private MemorySegment plan = MemorySegment.NULL;
    private long planSize;
    private int parts;
    private MemorySegment replies = MemorySegment.NULL;
    private long[] offsets = new long[16];
    private long[] lengths = new long[16];
    private Reducer reducer;

    TurnFanOut(BufferPool pool) {
        this.pool = pool;
        this.partReply = new OutputBuffer(pool, Long.MAX_VALUE);
    }

    /**
     * Plans {@code c} with {@code planner}, runs every part on {@code shards[part's shard]} (on
     * {@code planner} itself when {@code shards} is {@code null}: one shard) with {@code session},
     * and writes the reduced reply to {@code out}.
     */
    void run(ShardHandler planner, CommandHandler[] shards, Request c, Session session, OutputBuffer out) {
        planSize = 0;
        parts = 0;
        reducer = null;
        planner.fanOut(c, session, this);
        long at = 0;
        long used = 0;
        for (int p = 0; p < parts; p++) {
            int shard = plan.get(INT, at);
            int tag = plan.get(INT, at + 4);
            int argc = plan.get(INT, at + 8);
            at += 12;
            part.clear();
            for (int i = 0; i < argc; i++) {
                int len = plan.get(INT, at);
                part.field(i, at + 4, len);
                at += 4 + len;
            }
            part.complete(plan, argc);
            part.tag(tag);
            partReply.clear();
            CommandHandler runner = shards == null ? planner : shards[shard];
            runner.execute(part, session, partReply);
            used = keepReply(p, used);
        }
        if (reducer != null) {
            reducer.reduce(this, out);
        }
        partReply.clear();
    }

    /** Copies the reply of part {@code p} after the earlier ones; returns the bytes now used. */
    private long keepReply(int p, long used) {
        long n = partReply.size();
        if (replies.byteSize() < used + n) {
            MemorySegment grown = pool.acquire(Math.max(used + n, Math.max(4096, replies.byteSize() * 2)));
            if (replies.byteSize() > 0) {
                MemorySegment.copy(replies, 0, grown, 0, used);
                pool.release(replies);
            }
            replies = grown;
        }
        if (p >= offsets.length) {
            offsets = java.util.Arrays.copyOf(offsets, offsets.length * 2);
            lengths = java.util.Arrays.copyOf(lengths, lengths.length * 2);
        }
        offsets[p] = used;
        lengths[p] = n;
        long at = used;
        for (int s = 0; s < partReply.segmentCount(); s++) {
            long len = partReply.segmentLength(s);
            MemorySegment.copy(partReply.segment(s), partReply.segmentOffset(s), replies, at, len);
            at += len;
        }
        return at;
    }

    @Override
    public FanOut part(int shard, int argc, int tag) {
        long at = reserve(12);
        plan.set(INT, at, shard);
        plan.set(INT, at + 4, tag);
        plan.set(INT, at + 8, argc);
        parts++;
        return this;
    }

    @Override
    public FanOut arg(byte[] bytes) {
        long at = reserve(4L + bytes.length);
        plan.set(INT, at, bytes.length);
        MemorySegment.copy(bytes, 0, plan, ValueLayout.JAVA_BYTE, at + 4, bytes.length);
        return this;
    }

    @Override
    public FanOut arg(Request command, int index) {
        long len = command.length(index);
        long at = reserve(4 + len);
        plan.set(INT, at, (int) len);
        command.copyTo(index, plan, at + 4);
        return this;
    }

    @Override
    public FanOut arg(long value) {
        return arg(Long.toString(value).getBytes(StandardCharsets.US_ASCII)); // cold: CLIENT KILL, SCAN parts
    }

    @Override
    public void reduce(Reducer reducer) {
        this.reducer = reducer;
    }

    private long reserve(long bytes) {
        if (plan.byteSize() < planSize + bytes) {
            MemorySegment grown = pool.acquire(Math.max(planSize + bytes, Math.max(4096, plan.byteSize() * 2)));
            if (plan.byteSize() > 0) {
                MemorySegment.copy(plan, 0, grown, 0, planSize);
                pool.release(plan);
            }
            plan = grown;
        }
        long at = planSize;
        planSize += bytes;
        return at;
    }

    @Override
    public int count() {
        return parts;
    }

    @Override
    public MemorySegment segment() {
        return replies;
    }

    @Override
    public long offset(int i) {
        return offsets[i];
    }

    @Override
    public long length(int i) {
        return lengths[i];
    }

    void release() {
        if (plan.byteSize() > 0) {
            pool.release(plan);
            plan = MemorySegment.NULL;
        }
        if (replies.byteSize() > 0) {
            pool.release(replies);
            replies = MemorySegment.NULL;
        }
        partReply.release();
    }
}
