package dev.kevy.io.shard;

import dev.kevy.io.RuntimeConfig;
import dev.kevy.io.engine.IoEngine;
import dev.kevy.sys.Errno;
import dev.kevy.sys.Net;
import dev.kevy.sys.Posix;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How a shard's connections begin and end: adopting accepted sockets, the server-wide client limit,
 * protected mode's refusal, registering with the poller, and closing (which tells the handler,
 * kills the connection's deferred replies, and frees the slot).
 */
final class Connections {

    private static final byte[] MAX_CLIENTS = "-ERR max number of clients reached\r\n".getBytes(StandardCharsets.US_ASCII);

    private final int me;
    private final int shards;
    private final IoEngine engine;
    private final ConnectionTable table;
    private final Tickets tickets;
    private final Counters stats;
    /**
     * Open connections of the whole server. The one counter shards share: it is touched only
     * when a connection is accepted or closed, never per request, so its cache line moves between
     * cores at the rate of connects, and it makes maxclients exact however the kernel spreads
     * connections over the shards' listeners.
     */
    private final AtomicInteger openClients;
    private final MemorySegment maxClientsReply;
    /** The server-wide limit, as this shard last applied it (a live setting, refreshed each tick). */
    private int maxClients;
    private long nextClientSerial;
    private long nowMillis;

    Connections(int me, RuntimeConfig config, IoEngine engine, ConnectionTable table, Tickets tickets, Counters stats,
                AtomicInteger openClients, Arena arena) {
        this.me = me;
        this.shards = config.shards();
        this.engine = engine;
        this.table = table;
        this.tickets = tickets;
        this.stats = stats;
        this.openClients = openClients;
        this.maxClients = config.maxClients();
        this.maxClientsReply = arena.allocate(MAX_CLIENTS.length);
        MemorySegment.copy(MAX_CLIENTS, 0, maxClientsReply, ValueLayout.JAVA_BYTE, 0, MAX_CLIENTS.length);
    }

    /** Sets the server-wide client limit. */
    void maxClients(int serverWide) {
        this.maxClients = serverWide;
    }

    void now(long nowMillis) {
        this.nowMillis = nowMillis;
    }

    /**
     * Counts one more open connection unless the server has {@link #maxClients} already (Redis
     * refuses the connection that would exceed it).
     */
    private boolean takeClientSlot() {
        while (true) {
            int open = openClients.get();
            if (open >= maxClients) {
                return false;
            }
            if (openClients.compareAndSet(open, open + 1)) {
                return true;
            }
        }
    }

    /**
     * A socket accepted on {@code service}'s listener: refused when the handler does not serve
     * remote peers and this one is not the local host (protected mode: its reply is written and
     * the socket closed, as Redis does on accept). The peer is looked at once per connection, here,
     * never per request, and only when the handler refuses remote peers (the io_uring engine asks
     * the kernel for it). {@code completion} is the accept's completion in the engine. Returns
     * whether it was refused.
     */
    boolean refusedAsRemote(int fd, Service service, int completion) {
        MemorySegment refusal = service.handler.refusalForRemotePeer();
        if (refusal == null || engine.peerIsLocal(completion)) {
            return false;
        }
        Posix.write(fd, refusal, 0, refusal.byteSize());
        Posix.close(fd);
        stats.rejected++;
        return true;
    }

    /** Counts a socket accepted and sets it up for requests and replies (no delay). */
    void accepted(int fd) {
        stats.accepted++;
        Net.setNoDelay(fd, true);
    }

    /** Takes an accepted socket of {@code service} as one of this shard's connections, or refuses it over the limit. */
    void adopt(int fd, Service service) {
        if (!takeClientSlot()) {
            Posix.write(fd, maxClientsReply, 0, maxClientsReply.byteSize());
            Posix.close(fd);
            stats.rejected++;
            return;
        }
        Connection c = table.acquire();
        long token = ConnectionTable.token(c);
        long clientId = ++nextClientSerial * shards + me;
        c.open(fd, token, clientId, service, nowMillis);
        int r = engine.open(token, fd);
        if (r < 0) {
            ShardLog.warn(me, "registering a connection: " + Errno.name(r));
            engine.close(token, fd);
            table.release(c);
            openClients.decrementAndGet();
            return;
        }
        c.receiving = true;
        engine.receive(token, fd, c.in, 0);
        stats.connections = table.openCount();
        service.handler.onOpen(c);
    }

    /** An outbound connection is up: it starts receiving, and sends what was written meanwhile. */
    void started(Connection c) {
        stats.connections = table.openCount();
        c.receiving = true;
        engine.receive(c.token, c.fd, c.in, 0);
        table.markDirty(c);
    }

    /** Closes an outbound connection whose connect failed: its handler hears that, not {@code onClose}. */
    void closeUnannounced(Connection c) {
        closeAndRelease(c);
    }

    /** Closes the socket and gives the slot back, or holds it while the engine's operations finish. */
    private void closeAndRelease(Connection c) {
        boolean held = engine.close(c.token, c.fd); // cancels what runs on it
        c.dirty = false;
        if (held) {
            table.hold(c);
        } else {
            table.release(c);
        }
        stats.connections = table.openCount();
    }

    /** The engine let go of a closed connection's buffers ({@link IoEngine#RELEASED}). */
    int released(long token) {
        table.releaseHeld(token);
        return 1;
    }

    /**
     * Closes {@code c} now: its deferred replies die (their handlers are told), the handler hears
     * of the close, and the slot is free for the next client. Idempotent.
     */
    void close(Connection c) {
        if (!c.isOpen()) {
            return;
        }
        if (c.connecting) {
            closeUnannounced(c); // an outbound connection that never connected: its handler heard nothing yet
            return;
        }
        try {
            tickets.connectionClosed(c);
            c.service.handler.onClose(c);
        } finally {
            // The slot is free before the descriptor closes: a client that has seen the end of
            // the stream can count on a new connection being admitted.
            if (!c.outbound) {
                openClients.decrementAndGet(); // outbound connections do not count against maxclients
            }
            closeAndRelease(c);
        }
    }

    /** Closes every connection now. */
    void closeAll() {
        for (int i = 0; i < table.capacity(); i++) {
            close(table.at(i));
        }
    }

    int openCount() {
        return table.openCount();
    }
}
