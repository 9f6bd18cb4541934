package dev.kevy.io.shard;

import dev.kevy.rt.buffer.BufferPool;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.rt.mesh.MeshPort;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * Deferred replies: a handler takes a ticket for the request it is executing and writes the reply
 * later (from a timer, on a message from another shard, when a key it waits for changes).
 *
 * <h2>Where a ticket's reply goes</h2>
 * A ticket remembers the request's address: the shard of the client ({@code origin}), the
 * connection's token, the request's place in the reply order ({@code seq}), and, for a fan-out
 * part, the gather and part. Until the ticket completes, the connection's later replies wait
 * behind it ({@code OrderedReplies} keeps the slot open). Completing a ticket whose client is on
 * this shard writes straight into the connection's output; any other is delivered like every
 * other reply ({@link Delivery}).
 *
 * <h2>Dead tickets</h2>
 * A ticket id is {@code generation << 32 | slot}; completing or killing a ticket bumps its slot's
 * generation, so a stale id is recognised, never confused with whichever ticket took the slot next.
 * <ul>
 *   <li>The client is on this shard: the connection keeps a list of its tickets, and closing it
 *       kills each one and tells its handler ({@code onTicketDead}).</li>
 *   <li>The client is on another shard: this shard tells the origin the request was deferred
 *       ({@link Records#DEFERRED}); the origin keeps the ticket with the connection, and when the
 *       connection closes first sends {@link Records#CANCEL} back, which kills it the same way.
 *       Until then a reply to a gone client is dropped at the origin, whose connection token
 *       carries its own generation.</li>
 *   <li>The peer ends its stream (a FIN) while the connection still owes replies: its tickets die
 *       as on a close, since the runtime cannot tell a half-close from a client that has gone and
 *       a ticket may never complete; the replies ahead of the first of them still go out. One the
 *       handler completes on its own ({@code deferReply(hold, true)}) lives on until answered.</li>
 * </ul>
 * A fan-out part's ticket is never killed (its gather waits for every part); its late reply is
 * dropped with the gather's.
 *
 * <p>Only the shard thread uses this. Nothing allocates once the arrays have grown to the most
 * tickets open at once.
 */
final class Tickets {

    /** What {@link #take} returns when no request is being executed. */
    static final long NONE = -1;

    private final int me;
    private final MeshPort port;
    private final ConnectionTable connections;
    private final Delivery delivery;
    private final Counters stats;
    /** The reply of a ticket that is not written straight into a connection. */
    private final OutputBuffer detached;
    /**
     * Replies of tickets completed while their connection was writing another reply (a handler
     * completing, during one request, a ticket of the same client): each {@code long token, long
     * seq, long length, bytes}, placed once that reply is done ({@link #placeHeld}).
     */
    private final Scratch held;
    /** The ticket whose reply {@link #begin} sent to {@link #detached} though it is direct, or NONE. */
    private long heldTicket = NONE;
    /** This shard's listeners, whose handlers hear of their dead tickets. */
    private final Service[] services;

    private int[] generation = new int[16];
    private long[] token = new long[16];
    private long[] seq = new long[16];
    private int[] origin = new int[16];
    private int[] gather = new int[16];
    private int[] part = new int[16];
    private int[] listener = new int[16];
    private boolean[] holds = new boolean[16];
    /** The handler completes it on its own: it survives the end of its client's stream. */
    private boolean[] outlives = new boolean[16];
    /** Per-connection list of its local tickets (slot indices), -1 ending it. */
    private int[] next = new int[16];
    private int[] prev = new int[16];
    private int[] free = new int[16];
    private int freeCount;
    private int created;
    private int open;

    /** The request being executed, set around each handler call that may defer. */
    private boolean executing;
    private Connection current;
    private int currentOrigin;
    private long currentToken;
    private long currentSeq;
    private int currentGather;
    private int currentPart;
    private int currentListener;
    private long taken = NONE;

    Tickets(int me, MeshPort port, ConnectionTable connections, Delivery delivery, BufferPool pool, Counters stats,
            Service[] services) {
        this.me = me;
        this.port = port;
        this.connections = connections;
        this.delivery = delivery;
        this.stats = stats;
        this.detached = new OutputBuffer(pool, Long.MAX_VALUE);
        this.held = new Scratch(pool, false);
        this.services = services;
    }

    // ---- the request being executed -------------------------------------------------------------

    /** A handler is about to execute request {@code seq} of a client on this shard ({@code c}). */
    void enterLocal(Connection c, long seq, int listener) {
        enter(c, me, c.token, seq, -1, 0, listener);
    }

    /** A handler is about to execute a request that is not a local connection's own (a part, a peer's). */
    void enterDetached(int origin, long token, long seq, int gather, int part, int listener) {
        enter(null, origin, token, seq, gather, part, listener);
    }

    private void enter(Connection c, int origin, long token, long seq, int gather, int part, int listener) {
        executing = true;
        current = c;
        currentOrigin = origin;
        currentToken = token;
        currentSeq = seq;
        currentGather = gather;
        currentPart = part;
        currentListener = listener;
        taken = NONE;
    }

    /**
     * The handler is done with the request; returns the ticket it took, or {@link #NONE} (then its
     * reply is written). A handler that threw ({@code returned} false) keeps no ticket: it is
     * discarded, and the request is answered with the error.
     */
    long exit(boolean returned) {
        executing = false;
        current = null;
        long t = taken;
        taken = NONE;
        if (!returned && t != NONE) {
            discard(t);
            return NONE;
        }
        return t;
    }

    /** Frees a ticket without telling its handler (it voided it itself, by failing). */
    void discard(long ticket) {
        int slot = slotOf(ticket);
        if (slot < 0) {
            return;
        }
        Connection c = origin[slot] == me && gather[slot] < 0 ? connections.get(token[slot]) : null;
        if (c != null) {
            unlink(c, slot);
        }
        release(c, slot);
    }

    /**
     * Takes a ticket for the request being executed. With {@code hold}, the connection reads and
     * runs none of its later requests until the ticket completes or dies (a blocking command's
     * semantics); that needs the client's own shard. With {@code outlivesStream}, the handler
     * completes it on its own: it survives the end of the client's stream ({@link #endStream}),
     * and a remote one is not reported to the origin, for which it is a forwarded request whose
     * reply is coming.
     */
    long take(boolean hold, boolean outlivesStream) {
        if (!executing) {
            throw new IllegalStateException("deferReply() outside the execution of a request (or during an atomic turn)");
        }
        if (taken != NONE) {
            throw new IllegalStateException("deferReply() called twice for one request");
        }
        boolean direct = currentOrigin == me && currentGather < 0;
        if (hold && !direct) {
            throw new IllegalStateException("a reply that holds later requests must be deferred on the client's own "
                    + "shard: route the command HERE or to its connection's shard");
        }
        int slot = acquire();
        token[slot] = currentToken;
        seq[slot] = currentSeq;
        origin[slot] = currentOrigin;
        gather[slot] = currentGather;
        part[slot] = currentPart;
        listener[slot] = currentListener;
        holds[slot] = hold;
        outlives[slot] = outlivesStream;
        long id = id(slot);
        if (direct) {
            link(current, slot);
            if (hold) {
                current.holds++;
            }
        } else if (currentOrigin != me && currentGather < 0 && !outlivesStream) {
            tellOrigin(slot, id); // so that the origin can cancel it if its client leaves first
        }
        taken = id;
        return id;
    }

    // ---- completing -----------------------------------------------------------------------------

    /** Whether {@code ticket} may still be completed. */
    boolean isLive(long ticket) {
        int slot = slotOf(ticket);
        return slot >= 0;
    }

    /**
     * Starts the reply of {@code ticket}: write it whole into the returned buffer, then call
     * {@link #end}. Returns {@code null} when the ticket is dead (completed, or its client left).
     */
    OutputBuffer begin(long ticket) {
        int slot = slotOf(ticket);
        if (slot < 0) {
            return null;
        }
        detached.clear();
        if (origin[slot] == me && gather[slot] < 0) {
            Connection c = connections.get(token[slot]);
            if (c == null) {
                return null;
            }
            if (c.replies.isWriting()) {
                heldTicket = ticket; // its connection is mid-reply: placed when that reply is done
                return detached;
            }
            return c.replies.begin(seq[slot]);
        }
        return detached;
    }

    /** Ends the reply begun by {@link #begin}: sends it on its way and frees the ticket. */
    void end(long ticket) {
        int slot = slotOf(ticket);
        if (slot < 0) {
            throw new IllegalStateException("endReply(" + ticket + ") of a dead ticket: beginReply returned null");
        }
        if (origin[slot] == me && gather[slot] < 0) {
            Connection c = connections.get(token[slot]);
            if (c == null) {
                throw new IllegalStateException("ticket " + ticket + " outlived its connection");
            }
            if (heldTicket == ticket) {
                heldTicket = NONE;
                hold(token[slot], seq[slot]);
            } else {
                c.replies.complete(seq[slot]);
                connections.markDirty(c);
            }
            unlink(c, slot);
            release(c, slot);
        } else if (origin[slot] == me) {
            release(null, slot);
            delivery.part(gather[slot], part[slot], detached); // may reduce the gather
        } else {
            delivery.send(origin[slot], token[slot], seq[slot], gather[slot], part[slot], detached);
            release(null, slot);
        }
        detached.clear();
    }

    /** Keeps {@link #detached} as the reply of {@code seq} of {@code token}, for {@link #placeHeld}. */
    private void hold(long token, long seq) {
        long at = held.reserve(3 * Long.BYTES + detached.size());
        var s = held.segment();
        s.set(Records.LONG, at, token);
        s.set(Records.LONG, at + Long.BYTES, seq);
        s.set(Records.LONG, at + 2 * Long.BYTES, detached.size());
        at += 3 * Long.BYTES;
        for (int i = 0; i < detached.segmentCount(); i++) {
            long len = detached.segmentLength(i);
            MemorySegment.copy(detached.segment(i), detached.segmentOffset(i), s, at, len);
            at += len;
        }
    }

    /**
     * Places the replies of tickets completed while their connection was mid-reply; called once
     * that reply is complete (after each local request).
     */
    void placeHeld() {
        if (held.position() == 0) {
            return;
        }
        MemorySegment s = held.segment();
        long end = held.position();
        for (long at = 0; at < end; ) {
            long length = s.get(Records.LONG, at + 2 * Long.BYTES);
            delivery.place(s.get(Records.LONG, at), s.get(Records.LONG, at + Long.BYTES), s, at + 3 * Long.BYTES, length);
            at += 3 * Long.BYTES + length;
        }
        held.releaseBlock();
    }

    // ---- death ----------------------------------------------------------------------------------

    /** Connection {@code c} is closing: every ticket of it dies ({@link #kill}). */
    long connectionClosed(Connection c) {
        return kill(c, false);
    }

    /** Whether {@code c} holds a ticket that the end of its stream would kill. */
    boolean holdsMortal(Connection c) {
        int slot = c.firstTicket;
        while (slot >= 0 && outlives[slot]) {
            slot = next[slot];
        }
        return slot >= 0 || c.remoteTicketCount > 0;
    }

    /**
     * Kills {@code c}'s tickets (at the end of its stream, {@code streamEnded}, not those the handler
     * completes on its own) and cancels its remote ones (never such: those are not reported).
     * Returns the lowest request sequence among the dead, or {@link Long#MAX_VALUE}.
     */
    private long kill(Connection c, boolean streamEnded) {
        long lowest = Long.MAX_VALUE;
        for (int slot = c.firstTicket; slot >= 0; ) {
            int following = next[slot];
            if (!streamEnded || !outlives[slot]) {
                long id = id(slot);
                int l = listener[slot];
                lowest = Math.min(lowest, seq[slot]);
                unlink(c, slot);
                release(c, slot);
                tellDead(l, id);
            }
            slot = following;
        }
        for (int i = 0; i < c.remoteTicketCount; i++) {
            lowest = Math.min(lowest, c.remoteTicketSeqs[i]);
            cancelRemote(c.remoteTicketShards[i], c.remoteTicketIds[i]);
        }
        c.remoteTicketCount = 0;
        return lowest;
    }

    /** {@link Records#CANCEL} from {@code origin}: its client left; kills the ticket if it is still live. */
    void onCancel(long ticket) {
        int slot = slotOf(ticket);
        if (slot >= 0) {
            int l = listener[slot];
            release(null, slot);
            tellDead(l, ticket);
        }
    }

    /**
     * {@link Records#DEFERRED} from {@code owner}: it took a ticket for request {@code seq} of
     * connection {@code token}, kept until the reply arrives, or cancelled at once if the client
     * has left or its stream has ended (it comes before the reply, on the same ring).
     */
    void onDeferred(int owner, long token, long seq, long ticket) {
        Connection c = connections.get(token);
        if (c == null) {
            cancelRemote(owner, ticket);
            return;
        }
        c.addRemoteTicket(owner, ticket, seq);
        if (c.peerClosed) {
            endStream(c); // a reply that may never come is not awaited for a client that may have gone
        }
    }

    /**
     * The peer of {@code c} ended its stream, and what was read of it has run or will not (it
     * waits behind a deferred reply): nothing more runs, its tickets die, and the flush closes it
     * once the replies ahead of the first of them are out ({@link Connection#isQuiet}).
     */
    void endStream(Connection c) {
        c.closing = true;
        c.deadFrom = Math.min(c.deadFrom, kill(c, true));
        connections.markDirty(c);
    }

    /** Tells the handler its ticket died; a handler that fails here is logged, and the shard goes on. */
    private void tellDead(int listener, long ticket) {
        try {
            services[listener].handler.onTicketDead(ticket);
        } catch (RuntimeException e) {
            ShardLog.error(me, "onTicketDead failed", e);
        }
    }

    private void tellOrigin(int slot, long id) {
        long at = port.claim(origin[slot], Records.DEFERRED, 3 * Long.BYTES);
        var s = port.claimedSegment();
        s.set(Records.LONG, at, token[slot]);
        s.set(Records.LONG, at + Long.BYTES, seq[slot]);
        s.set(Records.LONG, at + 2 * Long.BYTES, id);
        port.commit();
    }

    private void cancelRemote(int owner, long ticket) {
        long at = port.claim(owner, Records.CANCEL, Long.BYTES);
        port.claimedSegment().set(Records.LONG, at, ticket);
        port.commit();
    }

    // ---- slots ----------------------------------------------------------------------------------

    /** Tickets open now. */
    int open() {
        return open;
    }

    private static long id(int slot, int generation) {
        return ((long) generation << 32) | slot;
    }

    private long id(int slot) {
        return id(slot, generation[slot]);
    }

    /** The slot of a live ticket, or -1. */
    private int slotOf(long ticket) {
        int slot = (int) ticket;
        if (ticket < 0 || slot < 0 || slot >= created) {
            return -1;
        }
        return generation[slot] == (int) (ticket >>> 32) && (generation[slot] & 1) == 1 ? slot : -1;
    }

    /** Takes a slot; its generation becomes odd (live). */
    private int acquire() {
        int slot;
        if (freeCount > 0) {
            slot = free[--freeCount];
        } else {
            if (created == generation.length) {
                grow();
            }
            slot = created++;
        }
        generation[slot] = (generation[slot] + 1) & Integer.MAX_VALUE; // odd: live
        open++;
        stats.ticketsOpen = open;
        return slot;
    }

    /** Frees a slot; its generation becomes even, so every id of it is dead. */
    private void release(Connection c, int slot) {
        if (holds[slot] && c != null) {
            c.holds--;
            if (c.holds == 0) {
                connections.markDirty(c); // the flush reads the connection again
            }
        }
        holds[slot] = false;
        generation[slot] = (generation[slot] + 1) & Integer.MAX_VALUE;
        free[freeCount++] = slot;
        open--;
        stats.ticketsOpen = open;
    }

    private void link(Connection c, int slot) {
        prev[slot] = -1;
        next[slot] = c.firstTicket;
        if (c.firstTicket >= 0) {
            prev[c.firstTicket] = slot;
        }
        c.firstTicket = slot;
    }

    private void unlink(Connection c, int slot) {
        if (prev[slot] >= 0) {
            next[prev[slot]] = next[slot];
        } else {
            c.firstTicket = next[slot];
        }
        if (next[slot] >= 0) {
            prev[next[slot]] = prev[slot];
        }
    }

    private void grow() {
        int n = generation.length * 2;
        generation = Arrays.copyOf(generation, n);
        token = Arrays.copyOf(token, n);
        seq = Arrays.copyOf(seq, n);
        origin = Arrays.copyOf(origin, n);
        gather = Arrays.copyOf(gather, n);
        part = Arrays.copyOf(part, n);
        listener = Arrays.copyOf(listener, n);
        holds = Arrays.copyOf(holds, n);
        outlives = Arrays.copyOf(outlives, n);
        next = Arrays.copyOf(next, n);
        prev = Arrays.copyOf(prev, n);
        free = Arrays.copyOf(free, n);
    }

    void release() {
        detached.release();
        held.release();
    }
}
