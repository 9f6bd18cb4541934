package dev.kevy.io.shard;

import dev.kevy.io.RuntimeConfig;
import dev.kevy.io.Session;
import dev.kevy.io.ShardContext;
import dev.kevy.io.ShardStats;
import dev.kevy.rt.buffer.BufferPool;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.rt.idle.IdlePolicy;
import java.lang.foreign.MemorySegment;

/**
 * One listener's handler's view of its shard: the {@link ShardContext} it was created with. The
 * listener index is what this adds to the shard: messages go to the same listener's handler on the
 * target shard.
 */
final class Context implements ShardContext {

    private final ShardLoop loop;
    private final int listener;

    Context(ShardLoop loop, int listener) {
        this.loop = loop;
        this.listener = listener;
    }

    @Override
    public int shard() {
        return loop.me;
    }

    @Override
    public int shards() {
        return loop.config.shards();
    }

    @Override
    public String ioEngine() {
        return loop.engineName();
    }

    @Override
    public RuntimeConfig config() {
        return loop.config;
    }

    @Override
    public long nowMillis() {
        return loop.nowMillis();
    }

    @Override
    public BufferPool pool() {
        return loop.pool;
    }

    @Override
    public ShardStats stats() {
        return loop.allStats[loop.me];
    }

    @Override
    public ShardStats stats(int shard) {
        return loop.allStats[shard];
    }

    @Override
    public int sessionSlots() {
        return loop.table.capacity();
    }

    @Override
    public Session sessionAt(int i) {
        Connection c = loop.table.at(i);
        return c.isOpen() && !c.outbound ? c : null; // clients only: CLIENT LIST shows no outbound connection
    }

    @Override
    public void kill(Session session) {
        if (session instanceof Connection c && c.isOpen() && c.shard() == loop.me) {
            loop.io.kill(c);
        }
    }

    @Override
    public void closeNow(Session session) {
        if (session instanceof Connection c && c.isOpen() && c.shard() == loop.me) {
            c.broken = true; // the flush closes it without sending the rest (ConnectionIo.flush)
            loop.io.kill(c);
        }
    }

    @Override
    public void applyLimits(int maxClients, IdlePolicy idle) {
        loop.applyLimits(maxClients, idle);
    }

    @Override
    public IdlePolicy idlePolicy() {
        return loop.idlePolicy();
    }

    @Override
    public long deferReply(boolean holdLaterRequests, boolean completesOnItsOwn) {
        return loop.tickets.take(holdLaterRequests, completesOnItsOwn);
    }

    @Override
    public OutputBuffer beginReply(long ticket) {
        return loop.tickets.begin(ticket);
    }

    @Override
    public void endReply(long ticket) {
        loop.tickets.end(ticket);
    }

    @Override
    public boolean isLive(long ticket) {
        return loop.tickets.isLive(ticket);
    }

    @Override
    public OutputBuffer beginPush(long handle) {
        return loop.pushes.begin(handle);
    }

    @Override
    public void endPush(long handle) {
        loop.pushes.end(handle);
    }

    @Override
    public void send(int shard, int type, MemorySegment payload, long offset, long length) {
        if (shard < 0 || shard >= loop.config.shards()) {
            throw new IllegalArgumentException("no shard " + shard + " of " + loop.config.shards());
        }
        loop.messages.send(shard, listener, type, payload, offset, length);
    }

    @Override
    public long schedule(long deadlineMillis, long payload) {
        return loop.timers.schedule(listener, deadlineMillis, payload);
    }

    @Override
    public boolean cancelTimer(long timerId) {
        return loop.timers.cancel(listener, timerId);
    }

    @Override
    public long connect(java.net.InetAddress address, int port, dev.kevy.io.codec.Codec codec, long timeoutMillis) {
        if (port < 1 || port > 65535 || timeoutMillis < 0) {
            throw new IllegalArgumentException("connect to port " + port + " with a timeout of " + timeoutMillis + " ms");
        }
        return loop.outbound.connect(listener, address, port, codec, timeoutMillis, loop.nowMillis());
    }

    @Override
    public void disconnect(long handle) {
        Connection c = loop.table.get(handle);
        if (c != null && c.outbound) {
            loop.io.kill(c);
        }
    }
}
