package dev.kevy.io.shard;

import dev.kevy.io.CommandHandler;
import dev.kevy.io.Reducer;
import dev.kevy.io.codec.Request;
import dev.kevy.rt.buffer.BufferPool;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.rt.mesh.MeshPort;
import java.lang.foreign.MemorySegment;

/**
 * Where a shard's commands go.
 *
 * <p>A command read from a connection takes a sequence number in that connection's reply order,
 * then runs here, travels to its owner shard as a {@link Records#REQUEST}, or fans out. The owner
 * runs it ({@link Inbound}) and its reply travels back as a {@link Records#REPLY}, to fill its
 * sequence slot or its gather's part ({@link Delivery}). A handler may defer any reply but an atomic
 * command's ({@link Tickets}); the slot then stays open and later replies wait behind it.
 *
 * <p>Every request from this shard to a peer, single-key or fan-out part, goes through the same
 * {@link MeshPort} FIFO, so commands of one connection reach each shard in the order they were
 * sent, whichever path they took.
 *
 * <p>Atomic commands travel another path (to the coordinator's queue, run during a freeze turn),
 * so each connection keeps an order barrier around them:
 * <ul>
 *   <li>an atomic command waits until the connection's earlier forwarded and fanned-out commands
 *       have been answered (they may still be in a ring the turn does not wait for), except those
 *       forwarded to the coordinator itself, which run as it drains, before the turn;</li>
 *   <li>keyed commands behind an unanswered atomic one join the coordinator's queue too (they run
 *       during the turn, by their owner's handler), as do further atomic commands: the queue is
 *       FIFO, so they keep their order without waiting;</li>
 *   <li>commands that need the client's session ({@code HERE}) and fan-outs behind an unanswered
 *       atomic command wait for its reply.</li>
 * </ul>
 * A command that must wait is copied aside ({@link Connection#stash}) and the connection stops
 * being read until it can go.
 */
final class Dispatcher {

    private final int me;
    private final MeshPort port;
    private final ConnectionTable connections;
    private final Gathers gathers;
    private final Delivery delivery;
    private final Tickets tickets;
    private final PartEncoder encoder;
    /** The view of requests read from rings and scratch areas (peers' requests, local parts). */
    private final Request peerRequest = new Request();
    private final OutputBuffer partReply;
    private final RemoteSession remote;
    private final Counters stats;
    private final Atomics atomics;

    Dispatcher(int me, MeshPort port, ConnectionTable connections, Gathers gathers, Delivery delivery,
               Tickets tickets, Atomics atomics, BufferPool pool, Counters stats) {
        this.me = me;
        this.port = port;
        this.connections = connections;
        this.gathers = gathers;
        this.delivery = delivery;
        this.tickets = tickets;
        this.encoder = new PartEncoder(me, port, pool);
        this.partReply = new OutputBuffer(pool, Long.MAX_VALUE);
        this.remote = new RemoteSession(me);
        this.stats = stats;
        this.atomics = atomics;
    }

    /**
     * Runs, forwards or fans out one command of {@code c}; the caller made sure a reply slot is
     * free. Returns {@code false}, having done nothing, when the connection's order barrier holds
     * the command back (see the class comment): the caller keeps it and tries again later.
     */
    boolean dispatch(Connection c, Request command) {
        Service service = c.service;
        CommandHandler handler = service.handler;
        int route = handler.route(command, c);
        boolean keyed = route >= 0 && route < port.shards(); // HERE needs the session: it waits
        if (route == CommandHandler.ATOMIC ? c.remoteInFlight > 0 : c.atomicsInFlight > 0 && !keyed) {
            return false;
        }
        long seq = c.replies.open();
        stats.commands++;
        if (route == CommandHandler.ATOMIC) {
            c.atomicsInFlight++;
            atomic(c.token, seq, command, Records.RUN_ATOMIC, service.index);
        } else if (c.atomicsInFlight > 0) {
            // Behind an atomic command: through the turn too, run there by its owner's handler.
            c.atomicsInFlight++;
            atomic(c.token, seq, command, route, service.index);
        } else if (route == CommandHandler.HERE || route == me) {
            executeLocal(c, seq, command, handler, service.index);
        } else if (keyed) {
            if (countsForBarrier(me, route)) {
                c.remoteInFlight++;
            }
            forward(route, c.token, seq, command, -1, 0, service.index);
        } else if (route == CommandHandler.FAN_OUT) {
            c.remoteInFlight++;
            fanOut(c, seq, command, service);
        } else {
            throw new IllegalStateException("route() returned " + route + " with " + port.shards() + " shards");
        }
        return true;
    }

    /**
     * Runs a command of a client of this shard, writing its reply straight into its place in the
     * reply order; or leaves the place open when the handler deferred the reply (a ticket).
     */
    private void executeLocal(Connection c, long seq, Request command, CommandHandler handler, int listener) {
        OutputBuffer out = c.replies.begin(seq);
        long before = out.size();
        tickets.enterLocal(c, seq, listener);
        boolean returned = false;
        try {
            handler.execute(command, c, out);
            returned = true;
        } finally {
            long ticket = tickets.exit(returned); // a handler that threw keeps no ticket
            if (ticket != Tickets.NONE && out.size() == before) {
                c.replies.postpone(seq);
            } else {
                if (ticket != Tickets.NONE) {
                    tickets.discard(ticket);
                    ShardLog.warn(me, "a handler wrote a reply and deferred it too; the ticket is void");
                }
                c.replies.complete(seq);
                connections.markDirty(c);
            }
            tickets.placeHeld(); // tickets of this client the handler completed meanwhile
        }
    }

    /**
     * Whether a command forwarded to {@code target} must be answered before an atomic command of
     * the same connection may go. Not when it goes to the coordinator from another shard: it
     * travels the ring the atomic command will take, and the coordinator runs it as it drains
     * (it is never frozen), before the atomic command's turn.
     */
    static boolean countsForBarrier(int me, int target) {
        return target != Atomics.COORDINATOR || me == Atomics.COORDINATOR;
    }

    /**
     * Queues a command for the coordinator's turn (here, or through the ring to it): an atomic
     * command ({@code runOn} = {@link Records#RUN_ATOMIC}), or a keyed command behind one, to run
     * there by shard {@code runOn}'s handler.
     */
    private void atomic(long token, long seq, Request command, int runOn, int listener) {
        if (me != Atomics.COORDINATOR) {
            forward(Atomics.COORDINATOR, token, seq, command, Records.ATOMIC, runOn, listener);
            atomics.forwarded();
            return;
        }
        long at = atomics.enqueue(me, (int) (Records.HEADER + Records.fieldsLength(command)));
        MemorySegment q = atomics.queueSegment();
        Records.writeHeader(q, at, token, seq, Records.ATOMIC, runOn, listener);
        Records.writeFields(q, at + Records.HEADER, command);
    }

    /** Writes the request's fields in place into a request record for {@code target}. */
    private void forward(int target, long token, long seq, Request command, int gather, int part, int listener) {
        long body = Records.fieldsLength(command);
        long length = Records.HEADER + body;
        if (length > Integer.MAX_VALUE) {
            throw new IllegalStateException("command of " + length + " bytes is too large to forward");
        }
        long at = port.claim(target, Records.REQUEST, (int) length);
        MemorySegment s = port.claimedSegment();
        Records.writeHeader(s, at, token, seq, gather, part, listener);
        Records.writeFields(s, at + Records.HEADER, command);
        port.commit();
        stats.forwarded++;
    }

    private void fanOut(Connection c, long seq, Request command, Service service) {
        int gather = gathers.open(c.token, seq);
        encoder.begin(c.token, seq, gather, service.index);
        service.handler.fanOut(command, c, encoder);
        int parts = encoder.finish();
        Reducer reducer = encoder.reducer();
        stats.forwarded += parts - encoder.localCount();
        MemorySegment local = encoder.local.segment();
        for (int i = 0; i < encoder.localCount(); i++) {
            long start = encoder.localStart(i);
            int part = local.get(Records.INT, start + Records.PART);
            OutputBuffer reply = runDetached(me, c.token, seq, gather, part, local, start + Records.HEADER,
                    encoder.localEnd(i), service);
            if (reply != null) {
                delivery.part(gather, part, reply);
            }
        }
        delivery.seal(gather, parts, reducer);
    }

    /**
     * Runs a request that is not a local client's own (a fan-out part, a peer's request), read from
     * its fields at {@code [from, to)}, with the remote session. Returns its reply (valid until the
     * next call), or {@code null} when the handler deferred it: the ticket delivers it later.
     */
    OutputBuffer runDetached(int origin, long token, long seq, int gather, int part, MemorySegment s, long from,
                             long to, Service service) {
        partReply.clear();
        if (!Records.readFields(s, from, to, peerRequest)) {
            service.codec.writeInternalError(partReply, "internal: malformed forwarded request");
            return partReply;
        }
        tickets.enterDetached(origin, token, seq, gather, part, service.index);
        boolean returned = false;
        try {
            service.handler.execute(peerRequest, remote, partReply);
            returned = true;
        } catch (RuntimeException e) {
            partReply.clear();
            service.codec.writeInternalError(partReply, "internal error: " + e);
            ShardLog.error(me, "command failed", e);
        } finally {
            long ticket = tickets.exit(returned);
            if (ticket != Tickets.NONE) {
                if (partReply.size() == 0) {
                    return null;
                }
                tickets.discard(ticket);
                ShardLog.warn(me, "a handler wrote a reply and deferred it too; the ticket is void");
            }
        }
        return partReply;
    }

    /** Whether this shard is frozen for another shard's atomic command (execute nothing). */
    boolean frozen() {
        return atomics.frozen();
    }

    /** Fan-outs still waiting for parts (for a clean shutdown and for tests). */
    int pendingGathers() {
        return gathers.pending();
    }

    void release() {
        encoder.release();
        partReply.release();
    }
}
