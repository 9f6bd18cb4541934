package dev.kevy.io.shard;

import dev.kevy.io.Reducer;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.rt.mesh.MeshPort;
import java.lang.foreign.MemorySegment;

/**
 * Where a finished reply goes: into its connection's place in the reply order, into its fan-out's
 * gather, or back to the shard whose client asked (a {@link Records#REPLY}). Every path that
 * produces a reply (a local command, a peer's request, a fan-out part, an atomic command, a
 * deferred reply completed later) ends here, so each of them treats a closed connection the same
 * way: the reply is dropped, and nothing is written to whoever holds the slot now.
 */
final class Delivery {

    private final int me;
    private final MeshPort port;
    private final ConnectionTable connections;
    private final Gathers gathers;

    Delivery(int me, MeshPort port, ConnectionTable connections, Gathers gathers) {
        this.me = me;
        this.port = port;
        this.connections = connections;
        this.gathers = gathers;
    }

    int me() {
        return me;
    }

    /**
     * Sends {@code reply} as the answer to request {@code seq} of connection {@code token} on shard
     * {@code origin}, addressed to its gather and part when it is a fan-out part.
     */
    void send(int origin, long token, long seq, int gather, int part, OutputBuffer reply) {
        long at = port.claim(origin, Records.REPLY, (int) (Records.HEADER + reply.size()));
        MemorySegment out = port.claimedSegment();
        Records.writeHeader(out, at, token, seq, gather, part, -1); // a reply goes to its connection
        at += Records.HEADER;
        for (int i = 0; i < reply.segmentCount(); i++) {
            long len = reply.segmentLength(i);
            MemorySegment.copy(reply.segment(i), reply.segmentOffset(i), out, at, len);
            at += len;
        }
        port.commit();
    }

    /**
     * Places {@code reply} (copied) at {@code seq} in the order of connection {@code token}, or
     * drops it when that connection closed. Returns the connection, or {@code null}.
     */
    Connection place(long token, long seq, OutputBuffer reply) {
        Connection c = connections.get(token);
        if (c != null) {
            c.replies.begin(seq).copyFrom(reply, 0, reply.size());
            c.replies.complete(seq);
            connections.markDirty(c);
        }
        return c;
    }

    /** Places a reply given as bytes (from a ring); returns the connection, or {@code null}. */
    Connection place(long token, long seq, MemorySegment s, long offset, long length) {
        Connection c = connections.get(token);
        if (c != null) {
            c.replies.begin(seq).writeBytes(s, offset, length);
            c.replies.complete(seq);
            connections.markDirty(c);
        }
        return c;
    }

    /** Part {@code part} of local gather {@code gather}, as a buffer; reduces the gather if it was the last. */
    void part(int gather, int part, OutputBuffer reply) {
        if (gathers.deliver(gather, part, reply)) {
            reduce(gather);
        }
    }

    /** Part {@code part} of local gather {@code gather}, as bytes; reduces the gather if it was the last. */
    void part(int gather, int part, MemorySegment s, long offset, long length) {
        if (gathers.deliver(gather, part, s, offset, length)) {
            reduce(gather);
        }
    }

    /** Declares a gather's parts and reducer; reduces it at once if every part is in. */
    void seal(int gather, int parts, Reducer reducer) {
        if (gathers.seal(gather, parts, reducer)) {
            reduce(gather);
        }
    }

    /**
     * Writes a complete gather's reply at its command's place, and frees the gather. A reducer that
     * fails leaves a reply that may be half written: the connection is marked broken and closed
     * before anything more of it is sent.
     */
    private void reduce(int gather) {
        try {
            Connection c = connections.get(gathers.token(gather));
            if (c == null) {
                return; // the client left; the parts were still awaited so the slot is not reused early
            }
            c.remoteInFlight--;
            long seq = gathers.seq(gather);
            OutputBuffer out = c.replies.begin(seq);
            try {
                gathers.reducer(gather).reduce(gathers.parts(gather), out);
            } catch (RuntimeException e) {
                ShardLog.error(me, "closing client " + c.id() + " after a reducer failed", e);
                c.broken = true;
            } finally {
                c.replies.complete(seq);
                connections.markDirty(c);
            }
        } finally {
            gathers.free(gather);
        }
    }
}
