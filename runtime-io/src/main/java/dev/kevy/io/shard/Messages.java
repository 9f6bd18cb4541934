package dev.kevy.io.shard;

import dev.kevy.rt.buffer.BufferPool;
import dev.kevy.rt.mesh.MeshPort;
import java.lang.foreign.MemorySegment;

/**
 * Handlers' messages to each other: typed, with an off-heap payload, from one listener's handler on
 * one shard to the same listener's handler on another (or the same) shard.
 *
 * <p>A message to another shard is a {@link Records#MESSAGE} record in the same FIFO ring as every
 * other record between the pair, so it keeps its order with the requests and replies around it. A
 * message to this shard waits in a local queue and is delivered at the next step of the loop that
 * drains inbound records, never inside the call that sent it (a handler is never re-entered).
 *
 * <p>The type is the handlers' business; the runtime only carries it. A message whose handler
 * does not take it ({@code onMessage} throws, as its default does) is logged as an error with its
 * type and sender, and counted ({@code ShardStats.MESSAGES_UNHANDLED}): it is never dropped quietly.
 */
final class Messages {

    /** Payload offset in a MESSAGE record. */
    static final int HEADER = 2 * Integer.BYTES;

    private final int me;
    private final MeshPort port;
    private final Counters stats;
    private final Service[] services;
    /** Messages to this shard, each {@code int length, int listener, int type, payload}. */
    private Scratch queued;
    /** The batch being delivered; swapped with {@link #queued} so sends meanwhile wait for the next drain. */
    private Scratch running;

    Messages(int me, MeshPort port, BufferPool pool, Counters stats, Service[] services) {
        this.me = me;
        this.port = port;
        this.stats = stats;
        this.services = services;
        this.queued = new Scratch(pool, false);
        this.running = new Scratch(pool, false);
    }

    /** Sends a message of {@code type} to listener {@code listener}'s handler on {@code target}. */
    void send(int target, int listener, int type, MemorySegment payload, long offset, long length) {
        if (length < 0 || length > Integer.MAX_VALUE - HEADER - Integer.BYTES) {
            throw new IllegalArgumentException("message payload of " + length + " bytes");
        }
        stats.messagesSent++;
        if (target == me) {
            long at = queued.reserve(Integer.BYTES + HEADER + length);
            MemorySegment q = queued.segment();
            q.set(Records.INT, at, (int) length);
            q.set(Records.INT, at + Integer.BYTES, listener);
            q.set(Records.INT, at + 2 * Integer.BYTES, type);
            MemorySegment.copy(payload, offset, q, at + Integer.BYTES + HEADER, length);
            return;
        }
        long at = port.claim(target, Records.MESSAGE, (int) (HEADER + length));
        MemorySegment s = port.claimedSegment();
        s.set(Records.INT, at, listener);
        s.set(Records.INT, at + Integer.BYTES, type);
        MemorySegment.copy(payload, offset, s, at + HEADER, length);
        port.commit();
    }

    /** A MESSAGE record from {@code from}, read in place. */
    void onRecord(int from, MemorySegment s, long offset, int length) {
        deliver(from, s.get(Records.INT, offset), s.get(Records.INT, offset + Integer.BYTES), s,
                offset + HEADER, length - HEADER);
    }

    /**
     * Delivers the messages this shard sent itself since the last call (those sent meanwhile wait
     * for the next call, so a handler that messages itself in a loop cannot starve the shard).
     * Returns how many were delivered.
     */
    int deliverSelf() {
        if (queued.position() == 0) {
            return 0;
        }
        Scratch batch = queued;
        queued = running;
        running = batch;
        int count = 0;
        long end = batch.position();
        for (long at = 0; at < end; count++) {
            MemorySegment q = batch.segment();
            int length = q.get(Records.INT, at);
            deliver(me, q.get(Records.INT, at + Integer.BYTES), q.get(Records.INT, at + 2 * Integer.BYTES), q,
                    at + Integer.BYTES + HEADER, length);
            at += Integer.BYTES + HEADER + length;
        }
        batch.releaseBlock();
        return count;
    }

    /** Hands one message to its handler; a handler that does not take it is reported, loudly. */
    void deliver(int from, int listener, int type, MemorySegment payload, long offset, long length) {
        stats.messagesReceived++;
        if (listener < 0 || listener >= services.length) {
            stats.messagesUnhandled++;
            ShardLog.warn(me, "a message of type " + type + " from shard " + from + " for listener " + listener
                    + ", which does not exist; dropped");
            return;
        }
        try {
            services[listener].handler.onMessage(from, type, payload, offset, length);
        } catch (RuntimeException e) {
            stats.messagesUnhandled++;
            ShardLog.error(me, "message of type " + type + " from shard " + from + " to listener " + listener
                    + " failed", e);
        }
    }

    void release() {
        queued.release();
        running.release();
    }
}
