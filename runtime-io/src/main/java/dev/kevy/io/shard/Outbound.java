package dev.kevy.io.shard;

import dev.kevy.io.codec.Codec;
import dev.kevy.io.engine.IoEngine;
import dev.kevy.rt.timer.TimerWheel;
import dev.kevy.sys.Errno;
import dev.kevy.sys.Net;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Connections this shard opens to other servers ({@code ShardContext.connect}): a proxy's
 * upstream, a replica's primary. Each is a {@link Connection} in the same table as accepted ones,
 * with the same buffers, limits and engine, framed by the codec the handler chose; what it
 * receives goes to the handler's {@code onFrame}, what the handler writes goes out as a push.
 *
 * <p>A connect that has not finished by its deadline is abandoned: the handler hears
 * {@code onConnect(handle, -ETIMEDOUT)}, as for any other failure, and the socket closes. A
 * connection that never connected is not reported to {@code onClose}.
 */
final class Outbound implements TimerWheel.Expiry {

    private final int me;
    private final int shards;
    private final IoEngine engine;
    private final ConnectionTable table;
    private final Connections connections;
    private final Service[] services;
    private final Timers timers;
    private long nextSerial;

    /** @param timers the shard's timers; the loop fires their runtime wheel into {@link #onTimer} */
    Outbound(int me, int shards, IoEngine engine, ConnectionTable table, Connections connections, Service[] services,
             Timers timers) {
        this.me = me;
        this.shards = shards;
        this.engine = engine;
        this.table = table;
        this.connections = connections;
        this.services = services;
        this.timers = timers;
    }

    /**
     * Starts a connection of listener {@code listener}'s handler to {@code address:port}; returns
     * its handle. The outcome is {@code onConnect}, later, never inside this call.
     */
    long connect(int listener, InetAddress address, int port, Codec codec, long timeoutMillis, long nowMillis) {
        int fd = Net.openSocket(address instanceof Inet6Address ? Net.AF_INET6 : Net.AF_INET);
        if (fd < 0) {
            throw new IllegalStateException("socket for a connection to " + address.getHostAddress() + ":" + port
                    + ": " + Errno.name(fd));
        }
        Connection c = table.acquire();
        long token = ConnectionTable.token(c);
        // Outbound ids count down from -1, apart from client ids (CLIENT LIST shows clients only).
        c.openOutbound(fd, token, -(++nextSerial * shards + me), listener, codec, nowMillis);
        int r = engine.open(token, fd);
        if (r < 0) {
            engine.close(token, fd);
            table.release(c);
            throw new IllegalStateException("registering a connection: " + Errno.name(r));
        }
        Net.setNoDelay(fd, true);
        long result = engine.connect(token, fd, address, port);
        // Connected or failed at once: reported from the next iteration's completions all the same.
        c.connectTimer = timers.schedule(-1, result == IoEngine.PENDING ? nowMillis + timeoutMillis : nowMillis,
                result == IoEngine.PENDING ? token : token | Long.MIN_VALUE);
        c.connectResult = result == IoEngine.PENDING ? 0 : (int) result;
        return token;
    }

    /** A connect completed (or failed) on {@code token}. Returns the work done. */
    int onConnected(long token, long result) {
        Connection c = table.get(token);
        if (c == null || !c.connecting) {
            return 0;
        }
        timers.cancel(-1, c.connectTimer);
        finish(c, (int) result);
        return 1;
    }

    /**
     * The runtime wheel's timer: a connect's deadline passed (payload: its token), or a connect
     * that finished inside {@link #connect} is reported (payload: token with the top bit set).
     */
    @Override
    public void onTimer(long timerId, long payload) {
        boolean immediate = payload < 0;
        Connection c = table.get(payload & Long.MAX_VALUE);
        if (c == null || !c.connecting) {
            return;
        }
        finish(c, immediate ? c.connectResult : -Errno.ETIMEDOUT);
    }

    /**
     * Ends the connect of {@code c}: a connection that is up starts receiving and sends what the
     * handler wrote meanwhile; one that failed closes first. Then the handler hears the outcome.
     */
    private void finish(Connection c, int result) {
        c.connecting = false;
        c.connectTimer = 0;
        long handle = c.token;
        Service service = services[c.outboundListener];
        c.service = service; // the handlers exist by now: connects finish in the loop
        if (result < 0) {
            connections.closeUnannounced(c);
        } else {
            connections.started(c);
        }
        try {
            service.handler.onConnect(handle, result);
        } catch (RuntimeException e) {
            ShardLog.error(me, "onConnect failed", e);
        }
    }
}
