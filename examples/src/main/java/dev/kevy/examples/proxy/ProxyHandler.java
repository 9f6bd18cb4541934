package dev.kevy.examples.proxy;

import dev.kevy.io.CommandHandler;
import dev.kevy.io.Session;
import dev.kevy.io.ShardContext;
import dev.kevy.io.codec.Codec;
import dev.kevy.io.codec.Request;
import dev.kevy.io.resp.RespWriter;
import dev.kevy.rt.buffer.OutputBuffer;
import java.net.InetAddress;

/**
 * One shard's half of the proxy: a single connection to the upstream Redis, shared by every
 * client of the shard, with their requests pipelined on it.
 *
 * <p>A request is written to the upstream as a RESP array and its reply deferred (a ticket). The
 * upstream answers in order on its one connection, so the tickets wait in a FIFO and each frame
 * the upstream sends completes the oldest: the bytes of the frame go to the client unchanged, error
 * replies included. A client that left meanwhile keeps its place in the FIFO; its reply is dropped.
 *
 * <p>When the upstream is down, requests are answered {@code -ERR upstream unavailable} at once,
 * requests in flight get {@code -ERR upstream closed the connection}, and the shard reconnects
 * every {@link #RETRY_MILLIS} ms. Commands whose meaning depends on the connection they run on
 * (blocking pops, pub/sub, transactions, database selection, authentication) would leak between
 * clients on a shared connection, so they are refused; QUIT is answered here.
 *
 * <p>Nothing is allocated per request: the request is re-encoded straight into the upstream's
 * output, and the reply copied straight from its input.
 */
final class ProxyHandler implements CommandHandler {

    static final long CONNECT_TIMEOUT_MILLIS = 1_000;
    static final long RETRY_MILLIS = 100;
    private static final byte[] UNAVAILABLE = "-ERR upstream unavailable\r\n"
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] CLOSED = "-ERR upstream closed the connection\r\n"
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** Commands that change or depend on the state of the connection they run on. */
    private static final String[] CONNECTION_BOUND = {"BLPOP", "BRPOP", "BLMOVE", "BRPOPLPUSH", "BLMPOP", "BZPOPMIN",
        "BZPOPMAX", "BZMPOP", "XREAD", "XREADGROUP", "WAIT", "WAITAOF", "SUBSCRIBE", "PSUBSCRIBE", "SSUBSCRIBE",
        "UNSUBSCRIBE", "PUNSUBSCRIBE", "SUNSUBSCRIBE", "MONITOR", "MULTI", "EXEC", "DISCARD", "WATCH", "UNWATCH",
        "SELECT", "AUTH", "HELLO", "RESET", "CLIENT", "SYNC", "PSYNC", "REPLICAOF", "SLAVEOF"};

    private final ShardContext context;
    private final InetAddress host;
    private final int port;
    private final Codec upstreamCodec;
    private long upstream = -1;
    private boolean connected;
    /** Tickets of requests sent upstream and not answered yet, oldest at {@code head}. */
    private long[] waiting = new long[256];
    private int head;
    private int count;

    ProxyHandler(ShardContext context, InetAddress host, int port, Codec upstreamCodec) {
        this.context = context;
        this.host = host;
        this.port = port;
        this.upstreamCodec = upstreamCodec;
        connect();
    }

    private void connect() {
        upstream = context.connect(host, port, upstreamCodec, CONNECT_TIMEOUT_MILLIS);
    }

    @Override
    public int route(Request command, Session session) {
        return HERE; // the shard that read the request owns the upstream connection it goes on
    }

    @Override
    public void execute(Request c, Session session, OutputBuffer reply) {
        if (c.equalsIgnoreCase(0, "QUIT")) {
            RespWriter.ok(reply);
            session.closeAfterReply();
            return;
        }
        for (String name : CONNECTION_BOUND) {
            if (c.equalsIgnoreCase(0, name)) {
                reply.writeAscii("-ERR ");
                reply.writeBytes(c.buffer(), c.offset(0), c.length(0));
                reply.writeAscii(" is not supported by this proxy: clients share one upstream connection\r\n");
                return;
            }
        }
        OutputBuffer out = connected ? context.beginPush(upstream) : null;
        if (out == null) {
            reply.writeBytes(UNAVAILABLE);
            return;
        }
        RespWriter.arrayHeader(out, c.argc());
        for (int i = 0; i < c.argc(); i++) {
            RespWriter.bulk(out, c.buffer(), c.offset(i), c.length(i));
        }
        context.endPush(upstream);
        enqueue(context.deferReply(false));
    }

    @Override
    public void onConnect(long handle, int result) {
        if (handle != upstream) {
            return;
        }
        if (result == 0) {
            connected = true;
        } else {
            upstream = -1;
            context.schedule(context.nowMillis() + RETRY_MILLIS, 0);
        }
    }

    @Override
    public void onFrame(long handle, Request frame) {
        if (count == 0) {
            return; // a push we did not ask for (never on a RESP2 connection we only send requests on)
        }
        long ticket = waiting[head];
        head = (head + 1) & (waiting.length - 1);
        count--;
        OutputBuffer out = context.beginReply(ticket);
        if (out != null) { // null: the client left; its reply is dropped, the FIFO keeps its order
            out.writeBytes(frame.buffer(), frame.offset(0), frame.length(0));
            context.endReply(ticket);
        }
    }

    @Override
    public void onClose(Session session) {
        if (!session.isOutbound() || session.handle() != upstream) {
            return;
        }
        connected = false;
        upstream = -1;
        while (count > 0) {
            long ticket = waiting[head];
            head = (head + 1) & (waiting.length - 1);
            count--;
            OutputBuffer out = context.beginReply(ticket);
            if (out != null) {
                out.writeBytes(CLOSED);
                context.endReply(ticket);
            }
        }
        context.schedule(context.nowMillis() + RETRY_MILLIS, 0);
    }

    @Override
    public void onTimer(long timerId, long payload) {
        if (upstream < 0) {
            connect();
        }
    }

    private void enqueue(long ticket) {
        if (count == waiting.length) {
            long[] bigger = new long[waiting.length * 2]; // grows to the deepest backlog, then stays
            for (int i = 0; i < count; i++) {
                bigger[i] = waiting[(head + i) & (waiting.length - 1)];
            }
            waiting = bigger;
            head = 0;
        }
        waiting[(head + count) & (waiting.length - 1)] = ticket;
        count++;
    }
}
