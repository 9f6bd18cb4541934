package dev.kevy.io.async;

import dev.kevy.io.CommandHandler;
import dev.kevy.io.Commands;
import dev.kevy.io.Session;
import dev.kevy.io.ShardContext;
import dev.kevy.io.codec.Request;
import dev.kevy.io.resp.RespWriter;
import dev.kevy.rt.buffer.OutputBuffer;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A RESP handler that exercises the asynchronous parts of the runtime and allocates nothing per
 * request: keys are one byte, waiting tickets and subscribers live in primitive arrays, and
 * message payloads go through one off-heap buffer per shard.
 *
 * <pre>
 *   PING            +PONG                          here
 *   SHARD           :the connection's shard         here
 *   WAIT k          (deferred) the value WAKE gives on the owner of k
 *   WAKE k v        :1 woke a waiter, :0 none, :-1 its ticket was dead   on the owner of k
 *   BLOCK k         (deferred, holding later requests) +UNBLOCKED        here
 *   UNBLOCK k       :shards messaged; each shard completes its BLOCK k   here
 *   MARK            +MARKED, and counts                                   here
 *   SUB             +OK; this connection gets every PUB                   here
 *   PUB m           :shards messaged; each pushes "+m" to its subscribers here
 *   BADMSG          +SENT, after sending a message type nobody handles    here
 *   DEFEROUTSIDE    +OK; a message then tries deferReply outside execute  here
 *   TIMER ms        (deferred) +FIRED when a timer of ms milliseconds fires           here
 *   CANCEL          +CANCELLED for the last TIMER, whose timer is cancelled            here
 *   SOON k ms       (deferred, completed on its own) +FIRED after ms milliseconds  on the owner of k
 * </pre>
 */
final class AsyncHandler implements CommandHandler {

    static final int PUBLISH = 1;
    static final int UNBLOCK = 2;
    static final int TRY_DEFER = 3;
    static final int UNKNOWN_TYPE = 999;

    /** Observations the tests read, across shards. */
    static final AtomicInteger DEATHS = new AtomicInteger();
    static final AtomicInteger MARKS = new AtomicInteger();
    static final AtomicInteger DEFER_OUTSIDE_REFUSED = new AtomicInteger();
    static final AtomicInteger WAITS = new AtomicInteger();
    static final AtomicInteger BLOCKS = new AtomicInteger();
    static final AtomicInteger CLOSES = new AtomicInteger();
    static final AtomicInteger TIMERS_FIRED = new AtomicInteger();

    static final Commands COMMANDS = AsyncHandler::new;

    private final ShardContext context;
    private final long[] waiting = new long[256];
    private final long[] blocked = new long[256];
    private final long[] subscribers = new long[1024];
    private int subscriberCount;
    private long lastTimer;
    private long lastTimerTicket = -1;
    private final MemorySegment payload = Arena.ofAuto().allocate(64 * 1024);

    AsyncHandler(ShardContext context) {
        this.context = context;
        java.util.Arrays.fill(waiting, -1);
        java.util.Arrays.fill(blocked, -1);
    }

    static void reset() {
        DEATHS.set(0);
        MARKS.set(0);
        DEFER_OUTSIDE_REFUSED.set(0);
        WAITS.set(0);
        BLOCKS.set(0);
        CLOSES.set(0);
        TIMERS_FIRED.set(0);
    }

    private static int key(Request c) {
        return c.byteAt(1, 0) & 0xff;
    }

    @Override
    public int route(Request c, Session session) {
        if (c.equalsIgnoreCase(0, "WAIT") || c.equalsIgnoreCase(0, "WAKE") || c.equalsIgnoreCase(0, "SOON")) {
            return context.shardOf(c, 1);
        }
        return HERE;
    }

    @Override
    public void execute(Request c, Session session, OutputBuffer reply) {
        if (c.equalsIgnoreCase(0, "PING")) {
            RespWriter.pong(reply);
        } else if (c.equalsIgnoreCase(0, "SHARD")) {
            RespWriter.integer(reply, session.shard());
        } else if (c.equalsIgnoreCase(0, "WAIT")) {
            waiting[key(c)] = context.deferReply(false);
            WAITS.incrementAndGet();
        } else if (c.equalsIgnoreCase(0, "WAKE")) {
            RespWriter.integer(reply, wake(c));
        } else if (c.equalsIgnoreCase(0, "BLOCK")) {
            blocked[key(c)] = context.deferReply(true);
            BLOCKS.incrementAndGet();
        } else if (c.equalsIgnoreCase(0, "UNBLOCK")) {
            payload.set(ValueLayout.JAVA_BYTE, 0, c.byteAt(1, 0));
            broadcast(UNBLOCK, 1);
            RespWriter.integer(reply, context.shards());
        } else if (c.equalsIgnoreCase(0, "MARK")) {
            MARKS.incrementAndGet();
            RespWriter.simpleString(reply, "MARKED");
        } else if (c.equalsIgnoreCase(0, "SUB")) {
            subscribers[subscriberCount++] = session.handle();
            RespWriter.ok(reply);
        } else if (c.equalsIgnoreCase(0, "PUB")) {
            c.copyTo(1, payload, 0);
            broadcast(PUBLISH, c.length(1));
            RespWriter.integer(reply, context.shards());
        } else if (c.equalsIgnoreCase(0, "BADMSG")) {
            context.send((context.shard() + 1) % context.shards(), UNKNOWN_TYPE, payload, 0, 0);
            RespWriter.simpleString(reply, "SENT");
        } else if (c.equalsIgnoreCase(0, "DEFEROUTSIDE")) {
            context.send(context.shard(), TRY_DEFER, payload, 0, 0);
            RespWriter.ok(reply);
        } else if (c.equalsIgnoreCase(0, "TIMER") && c.parseLong(1)) {
            lastTimerTicket = context.deferReply(false);
            lastTimer = context.schedule(context.nowMillis() + c.longValue(), lastTimerTicket);
        } else if (c.equalsIgnoreCase(0, "SOON") && c.parseLong(2)) {
            context.schedule(context.nowMillis() + c.longValue(), context.deferReply(false, true));
        } else if (c.equalsIgnoreCase(0, "CANCEL")) {
            if (context.cancelTimer(lastTimer)) {
                complete(lastTimerTicket, "CANCELLED");
            }
            RespWriter.ok(reply);
        } else {
            RespWriter.error(reply, "ERR unknown command");
        }
    }

    @Override
    public void onTimer(long timerId, long ticket) {
        TIMERS_FIRED.incrementAndGet();
        complete(ticket, "FIRED");
    }

    private void complete(long ticket, String text) {
        OutputBuffer out = context.beginReply(ticket);
        if (out != null) {
            RespWriter.simpleString(out, text);
            context.endReply(ticket);
        }
    }

    /** A wake from another thread ({@code KevyRuntime.submit}): completes WAIT k with {@code value}. */
    int wakeFromTask(int k, byte[] value) {
        return wake(k, MemorySegment.ofArray(value), 0, value.length);
    }

    private int wake(Request c) {
        return wake(key(c), c.buffer(), c.offset(2), c.length(2));
    }

    /** Completes WAIT k with a bulk of the given bytes: 1, or 0 when nobody waits, -1 when its ticket died. */
    private int wake(int k, MemorySegment value, long offset, long length) {
        long ticket = waiting[k];
        if (ticket < 0) {
            return 0;
        }
        waiting[k] = -1;
        OutputBuffer out = context.beginReply(ticket);
        if (out == null) {
            return -1;
        }
        RespWriter.bulk(out, value, offset, length);
        context.endReply(ticket);
        return 1;
    }

    private void broadcast(int type, long length) {
        for (int s = 0; s < context.shards(); s++) {
            context.send(s, type, payload, 0, length);
        }
    }

    @Override
    public void onMessage(int fromShard, int type, MemorySegment bytes, long offset, long length) {
        switch (type) {
            case PUBLISH -> publish(bytes, offset, length);
            case UNBLOCK -> unblock(bytes.get(ValueLayout.JAVA_BYTE, offset) & 0xff);
            case TRY_DEFER -> {
                try {
                    context.deferReply(false);
                } catch (IllegalStateException expected) {
                    DEFER_OUTSIDE_REFUSED.incrementAndGet();
                }
            }
            default -> CommandHandler.super.onMessage(fromShard, type, bytes, offset, length);
        }
    }

    private void publish(MemorySegment bytes, long offset, long length) {
        int kept = 0;
        for (int i = 0; i < subscriberCount; i++) {
            long handle = subscribers[i];
            OutputBuffer out = context.beginPush(handle);
            if (out == null) {
                continue; // gone: forget it
            }
            out.writeByte((byte) '+');
            out.writeBytes(bytes, offset, length);
            RespWriter.crlf(out);
            context.endPush(handle);
            subscribers[kept++] = handle;
        }
        subscriberCount = kept;
    }

    private void unblock(int k) {
        long ticket = blocked[k];
        if (ticket < 0) {
            return;
        }
        blocked[k] = -1;
        OutputBuffer out = context.beginReply(ticket);
        if (out != null) {
            RespWriter.simpleString(out, "UNBLOCKED");
            context.endReply(ticket);
        }
    }

    /** Counts only: the dead ticket stays in its table, so a later WAKE shows that completing it writes nothing. */
    @Override
    public void onTicketDead(long ticket) {
        DEATHS.incrementAndGet();
    }

    @Override
    public void onClose(Session session) {
        CLOSES.incrementAndGet();
    }
}
