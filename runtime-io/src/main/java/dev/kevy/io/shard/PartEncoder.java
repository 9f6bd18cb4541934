package dev.kevy.io.shard;

import dev.kevy.io.FanOut;
import dev.kevy.io.Reducer;
import dev.kevy.io.codec.Request;
import dev.kevy.rt.buffer.BufferPool;
import dev.kevy.rt.mesh.MeshPort;
import java.lang.foreign.MemorySegment;

/**
 * The {@link FanOut} a shard hands to {@link dev.kevy.io.CommandHandler#fanOut}: encodes each
 * part as a request record (header plus fields, see {@link Records}) and, once the part's last field is in,
 * offers it to its shard's ring, or keeps it for local execution after the split returns.
 */
final class PartEncoder implements FanOut {

    private final int me;
    private final MeshPort port;
    private final Scratch part;
    /** Local parts, back to back, each a request record; executed after the split. */
    final Scratch local;
    private long[] localStarts = new long[16];
    private int localCount;

    private long token;
    private long seq;
    private int gather;
    private int listener;
    private int parts;
    private int target = -1;
    private int remainingArgs;
    private Reducer reducer;

    PartEncoder(int me, MeshPort port, BufferPool pool) {
        this.me = me;
        this.port = port;
        this.part = new Scratch(pool);
        this.local = new Scratch(pool);
    }

    void begin(long token, long seq, int gather, int listener) {
        this.token = token;
        this.seq = seq;
        this.gather = gather;
        this.listener = listener;
        this.parts = 0;
        this.target = -1;
        this.remainingArgs = 0;
        this.reducer = null;
        this.localCount = 0;
        local.clear();
    }

    /** Parts written; every part must be complete. */
    int finish() {
        if (remainingArgs != 0) {
            throw new IllegalStateException("fan-out part " + (parts - 1) + " is missing " + remainingArgs + " argument(s)");
        }
        if (reducer == null) {
            throw new IllegalStateException("fanOut() did not name a reducer");
        }
        return parts;
    }

    Reducer reducer() {
        return reducer;
    }

    int localCount() {
        return localCount;
    }

    /** Where local part {@code i}'s record starts in {@link #local}; it ends where the next starts. */
    long localStart(int i) {
        return localStarts[i];
    }

    long localEnd(int i) {
        return i + 1 < localCount ? localStarts[i + 1] : local.position();
    }

    @Override
    public FanOut part(int shard, int argc, int tag) {
        if (remainingArgs != 0) {
            throw new IllegalStateException("fan-out part " + (parts - 1) + " is missing " + remainingArgs + " argument(s)");
        }
        if (shard < 0 || shard >= port.shards() || argc < 1) {
            throw new IllegalArgumentException("bad fan-out part: shard " + shard + ", argc " + argc);
        }
        target = shard;
        remainingArgs = argc;
        part.clear();
        long at = part.reserve(Records.HEADER + 2 * Integer.BYTES);
        Records.writeHeader(part.segment(), at, token, seq, gather, parts, listener);
        part.segment().set(Records.INT, at + Records.HEADER, argc);
        part.segment().set(Records.INT, at + Records.HEADER + Integer.BYTES, tag);
        parts++;
        return this;
    }

    @Override
    public FanOut arg(byte[] bytes) {
        long at = argHeader(bytes.length);
        MemorySegment.copy(bytes, 0, part.segment(), java.lang.foreign.ValueLayout.JAVA_BYTE, at, bytes.length);
        return argDone();
    }

    @Override
    public FanOut arg(Request command, int index) {
        long len = command.length(index);
        long at = argHeader(len);
        MemorySegment.copy(command.buffer(), command.offset(index), part.segment(), at, len);
        return argDone();
    }

    @Override
    public FanOut arg(long value) {
        boolean negative = value < 0;
        long magnitude = negative ? -value : value; // Long.MIN_VALUE is not a count anyone fans out
        int digits = Records.digits(magnitude);
        int len = digits + (negative ? 1 : 0);
        long at = argHeader(len);
        MemorySegment s = part.segment();
        if (negative) {
            s.set(java.lang.foreign.ValueLayout.JAVA_BYTE, at, (byte) '-');
        }
        for (int i = len - 1; i >= len - digits; i--) {
            s.set(java.lang.foreign.ValueLayout.JAVA_BYTE, at + i, (byte) ('0' + magnitude % 10));
            magnitude /= 10;
        }
        return argDone();
    }

    @Override
    public void reduce(Reducer reducer) {
        this.reducer = reducer;
    }

    /** Reserves the field's length and bytes; returns where the bytes go. */
    private long argHeader(long length) {
        if (remainingArgs == 0) {
            throw new IllegalStateException("argument outside a fan-out part (call part() first)");
        }
        long at = part.reserve(Integer.BYTES + length);
        part.segment().set(Records.INT, at, (int) length);
        return at + Integer.BYTES;
    }

    private FanOut argDone() {
        if (--remainingArgs == 0) {
            emit();
        }
        return this;
    }

    private void emit() {
        long length = part.position();
        if (target == me) {
            if (localCount == localStarts.length) {
                localStarts = java.util.Arrays.copyOf(localStarts, localCount * 2);
            }
            localStarts[localCount++] = local.position();
            local.append(part.segment(), 0, length);
        } else {
            port.offer(target, Records.REQUEST, part.segment(), 0, (int) length);
        }
    }

    void release() {
        part.release();
        local.release();
    }
}
