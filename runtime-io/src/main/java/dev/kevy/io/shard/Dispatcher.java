package dev.kevy.io.shard;

import dev.kevy.io.CommandHandler;
import dev.kevy.io.Reducer;
import dev.kevy.io.resp.RespCommand;
import dev.kevy.io.resp.RespParseState;
import dev.kevy.io.resp.RespParser;
import dev.kevy.io.resp.RespWriter;
import dev.kevy.rt.buffer.BufferPool;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.rt.mesh.MeshPort;
import dev.kevy.rt.ring.RecordHandler;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Where a shard's commands go and where its peers' records land.
 *
 * <p>A command read from a connection takes a sequence number in that connection's reply order,
 * then runs here, travels to its owner shard as a {@link Records#REQUEST}, or fans out. Inbound,
 * a request from a peer runs against this shard's handler and its reply travels back as a
 * {@link Records#REPLY}; a reply fills its sequence slot, or its gather's part.
 *
 * <p>Every request from this shard to a peer, single-key or fan-out part, goes through the same
 * {@link MeshPort} FIFO, so commands of one connection reach each shard in the order they were
 * sent, whichever path they took.
 */
final class Dispatcher implements RecordHandler, Gathers.Completion, Atomics.Completion, Atomics.Replay {

    private final int me;
    private final MeshPort port;
    private final ConnectionTable connections;
    private final Gathers gathers;
    private final PartEncoder encoder;
    private final RespParser partParser;
    private final RespParseState partState = new RespParseState();
    private final OutputBuffer partReply;
    private final RemoteSession remote;
    private final ShardStats stats;
    private final Atomics atomics;
    private final Scratch atomicRecord;
    private CommandHandler handler;
    private ConnectionIo io;

    Dispatcher(int me, MeshPort port, ConnectionTable connections, BufferPool pool, RespParser partParser,
               ShardStats stats, CommandHandler[] handlers, MemorySegment empty) {
        this.me = me;
        this.port = port;
        this.connections = connections;
        this.gathers = new Gathers(pool);
        this.encoder = new PartEncoder(me, port, pool);
        this.partParser = partParser;
        this.partReply = new OutputBuffer(pool, Long.MAX_VALUE);
        this.remote = new RemoteSession(me);
        this.stats = stats;
        this.atomics = new Atomics(me, port, handlers, partParser, pool, empty);
        this.atomicRecord = new Scratch(pool);
        atomics.bind(this);
    }

    /** Whether this shard is frozen for another shard's atomic command (execute nothing). */
    boolean frozen() {
        return atomics.frozen();
    }

    void bind(CommandHandler handler, ConnectionIo io) {
        this.handler = handler;
        this.io = io;
    }

    /** Runs, forwards or fans out one command of {@code c}; the caller made sure a reply slot is free. */
    void dispatch(Connection c, RespCommand command) {
        long seq = c.replies.open();
        stats.commands++;
        int route = handler.route(command, c);
        if (route == CommandHandler.HERE || route == me) {
            OutputBuffer out = c.replies.begin(seq);
            handler.execute(command, c, out);
            c.replies.complete(seq);
            io.markDirty(c);
        } else if (route >= 0 && route < port.shards()) {
            forward(route, c.token, seq, command);
        } else if (route == CommandHandler.FAN_OUT) {
            fanOut(c, seq, command);
        } else if (route == CommandHandler.ATOMIC) {
            atomic(c.token, seq, command);
        } else {
            throw new IllegalStateException("route() returned " + route + " with " + port.shards() + " shards");
        }
    }

    /** Queues an atomic command at the coordinator, shard 0 (here, or through the ring to it). */
    private void atomic(long token, long seq, RespCommand command) {
        if (me != 0) {
            forward(0, token, seq, command, Records.ATOMIC);
            return;
        }
        atomicRecord.clear();
        long length = Records.HEADER + Records.commandLength(command);
        long at = atomicRecord.reserve(length);
        Records.writeHeader(atomicRecord.segment(), at, token, seq, Records.ATOMIC, 0);
        Records.writeCommand(atomicRecord.segment(), at + Records.HEADER, command);
        atomics.submit(me, atomicRecord.segment(), at, (int) length);
    }

    /** Writes the command in place into a request record for {@code target}. */
    private void forward(int target, long token, long seq, RespCommand command) {
        forward(target, token, seq, command, -1);
    }

    private void forward(int target, long token, long seq, RespCommand command, int gather) {
        long body = Records.commandLength(command);
        long length = Records.HEADER + body;
        if (length > Integer.MAX_VALUE) {
            throw new IllegalStateException("command of " + length + " bytes is too large to forward");
        }
        long at = port.claim(target, Records.REQUEST, (int) length);
        MemorySegment s = port.claimedSegment();
        Records.writeHeader(s, at, token, seq, gather, 0);
        Records.writeCommand(s, at + Records.HEADER, command);
        port.commit();
        stats.forwarded++;
    }

    private void fanOut(Connection c, long seq, RespCommand command) {
        int gather = gathers.open(c.token, seq);
        encoder.begin(c.token, seq, gather);
        handler.fanOut(command, c, encoder);
        int parts = encoder.finish();
        Reducer reducer = encoder.reducer();
        stats.forwarded += parts - encoder.localCount();
        MemorySegment local = encoder.local.segment();
        for (int i = 0; i < encoder.localCount(); i++) {
            long start = encoder.localStart(i);
            int part = local.get(Records.INT, start + Records.PART);
            runPart(local, start + Records.HEADER, encoder.localEnd(i));
            gathers.deliver(gather, part, partReply, this);
            partReply.clear();
        }
        gathers.seal(gather, parts, reducer, this);
    }

    /** Parses the request at {@code [from, to)} and runs it with the remote session into {@link #partReply}. */
    private void runPart(MemorySegment segment, long from, long to) {
        partState.reset();
        int status = partParser.parse(segment, from, to, partState);
        if (status != RespParser.COMMAND) {
            RespWriter.error(partReply, "internal: malformed forwarded request");
            return;
        }
        try {
            handler.execute(partParser.command(), remote, partReply);
        } catch (RuntimeException e) {
            partReply.clear();
            RespWriter.error(partReply, "internal error: " + e); // error() adds the "-ERR "
            ShardLog.error(me, "command failed", e);
        }
    }

    @Override
    public void onRecord(int type, MemorySegment segment, long offset, int length) {
        switch (type) {
            case Records.REQUEST -> onRequest(segment, offset, length);
            case Records.REPLY -> onReply(segment, offset, length);
            case Records.HANDOFF -> io.adopt(segment.get(Records.INT, offset));
            case Records.FREEZE -> atomics.freeze(port.drainingFrom());
            case Records.FROZEN -> atomics.onFrozen();
            case Records.THAW -> atomics.thaw(this);
            default -> ShardLog.warn(me, "dropped a record of unknown type " + type);
        }
    }

    @Override
    public void onBlock(int type, MemorySegment block, Arena owner) {
        try {
            onRecord(type, block, 0, (int) block.byteSize());
        } finally {
            if (owner != null) {
                owner.close();
            }
        }
    }

    private void onRequest(MemorySegment s, long offset, int length) {
        int origin = port.drainingFrom();
        if (s.get(Records.INT, offset + Records.GATHER) == Records.ATOMIC) {
            atomics.submit(origin, s, offset, length);
        } else if (atomics.frozen()) {
            atomics.defer(origin, s, offset, length);
        } else {
            replay(origin, s, offset, length);
        }
    }

    /** Runs a peer's request and sends the reply back to {@code origin}. */
    @Override
    public void replay(int origin, MemorySegment s, long offset, int length) {
        long token = s.get(Records.LONG, offset + Records.TOKEN);
        long seq = s.get(Records.LONG, offset + Records.SEQ);
        int gather = s.get(Records.INT, offset + Records.GATHER);
        int part = s.get(Records.INT, offset + Records.PART);
        runPart(s, offset + Records.HEADER, offset + length);
        stats.executedForPeers++;
        long size = partReply.size();
        long at = port.claim(origin, Records.REPLY, (int) (Records.HEADER + size));
        MemorySegment out = port.claimedSegment();
        Records.writeHeader(out, at, token, seq, gather, part);
        at += Records.HEADER;
        for (int i = 0; i < partReply.segmentCount(); i++) {
            long len = partReply.segmentLength(i);
            MemorySegment.copy(partReply.segment(i), partReply.segmentOffset(i), out, at, len);
            at += len;
        }
        port.commit();
        partReply.clear();
    }

    private void onReply(MemorySegment s, long offset, int length) {
        long token = s.get(Records.LONG, offset + Records.TOKEN);
        long seq = s.get(Records.LONG, offset + Records.SEQ);
        int gather = s.get(Records.INT, offset + Records.GATHER);
        long body = offset + Records.HEADER;
        long bodyLength = length - Records.HEADER;
        if (gather >= 0) {
            int part = s.get(Records.INT, offset + Records.PART);
            gathers.deliver(gather, part, s, body, bodyLength, this);
            return;
        }
        Connection c = connections.get(token);
        if (c == null) {
            return; // the client left; its reply has nowhere to go
        }
        c.replies.begin(seq).writeBytes(s, body, bodyLength);
        c.replies.complete(seq);
        io.markDirty(c);
    }

    @Override
    public void local(long token, long seq, OutputBuffer reply) {
        Connection c = connections.get(token);
        if (c == null) {
            return;
        }
        c.replies.begin(seq).copyFrom(reply, 0, reply.size());
        c.replies.complete(seq);
        io.markDirty(c);
    }

    @Override
    public void complete(long token, long seq, Reducer reducer, Reducer.Parts parts) {
        Connection c = connections.get(token);
        if (c == null) {
            return;
        }
        OutputBuffer out = c.replies.begin(seq);
        try {
            reducer.reduce(parts, out);
        } catch (RuntimeException e) {
            ShardLog.error(me, "closing client " + c.id() + " after a reducer failed", e);
            c.replies.complete(seq);
            io.close(c); // part of a reply may be written: the stream cannot be trusted any more
            return;
        }
        c.replies.complete(seq);
        io.markDirty(c);
    }

    /** Fan-outs still waiting for parts (for a clean shutdown and for tests). */
    int pendingGathers() {
        return gathers.pending();
    }

    void release() {
        atomics.release();
        atomicRecord.release();
        gathers.release();
        encoder.release();
        partReply.release();
    }
}
