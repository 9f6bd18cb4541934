package dev.kevy.io.shard;

import dev.kevy.rt.buffer.OutputBuffer;

/**
 * Frames a handler writes to a connection of its own accord (pub/sub messages, invalidations), not
 * as the reply to a request.
 *
 * <p>A push names its connection by {@link Connection#handle()}, so a handler may keep the handle
 * for as long as it likes: once the connection has closed, even if its slot now serves another
 * client, {@link #begin} returns {@code null} and nothing is written. Where the frame goes relative
 * to replies still owed is the codec's choice ({@code Codec.pushesFollowReplies}): at once, or after
 * them.
 *
 * <p>Output limits hold as for replies: a pushed frame that would take the connection's unsent
 * output past its limit is refused by the buffer, and the flush closes that connection, so a
 * subscriber that stops reading is cut off and costs nobody else anything.
 */
final class Pushes {

    private final ConnectionTable connections;
    private final Counters stats;
    /** The push being written, or {@code null}. */
    private Connection pushing;
    private long pushingSeq = -1;

    Pushes(ConnectionTable connections, Counters stats) {
        this.connections = connections;
        this.stats = stats;
    }

    /**
     * Starts a frame for the connection {@code handle} names: write it whole into the returned
     * buffer, then {@link #end}. Returns {@code null} if the connection is gone or closing.
     */
    OutputBuffer begin(long handle) {
        if (pushing != null) {
            throw new IllegalStateException("beginPush() while another push is being written");
        }
        Connection c = connections.get(handle);
        if (c == null || c.closing || c.broken) {
            return null;
        }
        if (c.replies.isWriting()) {
            throw new IllegalStateException("a push to the connection whose reply is being written: write the "
                    + "frame into that reply instead (before the reply's own bytes, for a frame that goes first)");
        }
        pushing = c;
        if (!c.outbound && c.service.codec.pushesFollowReplies()) { // an outbound connection owes no replies
            pushingSeq = c.replies.openAfterAll();
            return c.replies.begin(pushingSeq);
        }
        pushingSeq = -1;
        return c.out; // between whole replies: a frame here never splits one
    }

    /** Ends the frame begun by {@link #begin}; it leaves with the iteration's flush. */
    void end(long handle) {
        Connection c = pushing;
        if (c == null || c.token != handle) {
            throw new IllegalStateException("endPush(" + handle + ") without a matching beginPush");
        }
        pushing = null;
        if (pushingSeq >= 0) {
            c.replies.complete(pushingSeq);
            pushingSeq = -1;
        }
        stats.pushes++;
        connections.markDirty(c);
    }
}
