package dev.kevy.server;

import dev.kevy.io.Session;
import dev.kevy.io.ShardContext;
import dev.kevy.io.codec.Request;
import dev.kevy.io.resp.RespWriter;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.server.command.Cmd;
import dev.kevy.server.command.Replies;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * Pub/sub on one shard: the subscriptions of this shard's clients, the (P|S)SUBSCRIBE and
 * (P|S)UNSUBSCRIBE commands that change them, and the local part of PUBLISH and SPUBLISH.
 *
 * <p>A subscriber is registered only on its connection's shard. PUBLISH runs on every shard as a
 * fan-out (one part each, summed by the reducer): each part pushes the message to the shard's
 * own subscribers ({@link ShardContext#beginPush}) and answers how many it reached. The parts from
 * one publisher to one shard travel one FIFO, so a subscriber gets a publisher's messages in the
 * order they were published. Delivery allocates nothing: the channel is looked up straight from
 * the request's bytes and the frames are written from pre-encoded headers.
 *
 * <p>A subscriber whose unsent output passes the {@code pubsub} class of
 * {@code client-output-buffer-limit} (hard, or soft for longer than its seconds) is disconnected
 * at once, its unsent output dropped, as Redis does; nobody else waits for it.
 */
final class PubSub {

    static final int CHANNEL = 0;
    static final int PATTERN = 1;
    static final int SHARD = 2;

    // Frame heads, each as RESP2 writes it (an array) and RESP3 (a push): [resp3 ? 1 : 0][kind].
    private static final byte[][][] SUBSCRIBED = {{head('*', 3, "subscribe"), head('*', 3, "psubscribe"),
        head('*', 3, "ssubscribe")}, {head('>', 3, "subscribe"), head('>', 3, "psubscribe"), head('>', 3, "ssubscribe")}};
    private static final byte[][][] UNSUBSCRIBED = {{head('*', 3, "unsubscribe"), head('*', 3, "punsubscribe"),
        head('*', 3, "sunsubscribe")}, {head('>', 3, "unsubscribe"), head('>', 3, "punsubscribe"), head('>', 3, "sunsubscribe")}};
    // A message frame's head in RESP2's form; RESP3's differs in its first byte ({@link #push}).
    private static final byte[] MESSAGE = head('*', 3, "message");
    private static final byte[] PMESSAGE = head('*', 4, "pmessage");
    private static final byte[] SMESSAGE = head('*', 3, "smessage");
    private static final byte[] PONG = Replies.bytes("*2\r\n$4\r\npong\r\n");
    private static final byte[] ERROR_START = Replies.bytes("-ERR Can't execute '");
    private static final byte[] ERROR_END = Replies.bytes(
            "': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context\r\n");

    private static byte[] head(char type, int count, String kind) {
        return Replies.bytes(type + Integer.toString(count) + "\r\n$" + kind.length() + "\r\n" + kind + "\r\n");
    }

    /** Which of a frame's two heads {@code out} takes: 1 in RESP3, 0 in RESP2. */
    private static int form(OutputBuffer out) {
        return RespWriter.isResp3(out) ? 1 : 0;
    }

    private final ShardContext context;
    private final LiveSettings settings;
    private final Subscriptions[] tables = {new Subscriptions(), new Subscriptions(), new Subscriptions()};
    /**
     * The frame being delivered, encoded once per publish (and once per matching pattern) in its
     * RESP2 form: each subscriber then takes its first byte ({@code *}, or RESP3's {@code >}) and
     * one copy of the rest, instead of five appends.
     */
    private final OutputBuffer frame;

    PubSub(ShardContext context, LiveSettings settings) {
        this.context = context;
        this.settings = settings;
        this.frame = new OutputBuffer(context.pool(), Long.MAX_VALUE);
    }

    /** Runs one of the pub/sub commands. */
    void run(int id, Request c, Session session, OutputBuffer out) {
        switch (id) {
            case Cmd.SUBSCRIBE -> subscribe(c, session, out, CHANNEL);
            case Cmd.PSUBSCRIBE -> subscribe(c, session, out, PATTERN);
            case Cmd.SSUBSCRIBE -> subscribe(c, session, out, SHARD);
            case Cmd.UNSUBSCRIBE -> unsubscribe(c, session, out, CHANNEL);
            case Cmd.PUNSUBSCRIBE -> unsubscribe(c, session, out, PATTERN);
            case Cmd.SUNSUBSCRIBE -> unsubscribe(c, session, out, SHARD);
            case Cmd.PUBLISH -> publish(c, out, false);
            case Cmd.SPUBLISH -> publish(c, out, true);
            case Cmd.PUBSUB -> PubSubIntrospection.localPart(tables, c, out);
            default -> Replies.unknownCommand(c, out);
        }
    }

    /** Names of this shard's channels, patterns and shard channels (for INFO and PUBSUB). */
    Subscriptions table(int kind) {
        return tables[kind];
    }

    /**
     * Whether a client in subscribed mode may run command {@code id} (Redis 7.0's RESP2 rule; a
     * RESP3 client may run anything, its messages being pushes that cannot be mistaken for replies).
     */
    static boolean allowedWhileSubscribed(int id) {
        return switch (id) {
            case Cmd.SUBSCRIBE, Cmd.PSUBSCRIBE, Cmd.SSUBSCRIBE, Cmd.UNSUBSCRIBE, Cmd.PUNSUBSCRIBE, Cmd.SUNSUBSCRIBE,
                 Cmd.PING, Cmd.QUIT, Cmd.RESET -> true;
            default -> false;
        };
    }

    /** Whether the session's client is in subscribed mode. */
    static boolean subscribed(Session session) {
        return session.attachment() instanceof Client client && client.subscriber != null
                && client.subscriber.subscribed();
    }

    /** Whether the session's client is limited to the commands {@link #allowedWhileSubscribed}: subscribed, in RESP2. */
    static boolean restricted(Session session) {
        return subscribed(session) && !Routing.resp3(session);
    }

    /** Redis's refusal of a command in subscribed mode, naming it as Redis does ({@code config|get}). */
    static byte[] notAllowed(String fullName) {
        byte[] name = fullName.getBytes(StandardCharsets.UTF_8);
        byte[] r = new byte[ERROR_START.length + name.length + ERROR_END.length];
        System.arraycopy(ERROR_START, 0, r, 0, ERROR_START.length);
        System.arraycopy(name, 0, r, ERROR_START.length, name.length);
        System.arraycopy(ERROR_END, 0, r, ERROR_START.length + name.length, ERROR_END.length);
        return r;
    }

    /**
     * PING in subscribed mode, which Redis answers {@code ["pong", message or ""]} in RESP2; returns
     * {@code false} (nothing written) when the client is not so restricted, for the ordinary PING.
     */
    boolean ping(Request c, Session session, OutputBuffer out) {
        if (c.argc() > 2 || !restricted(session)) {
            return false;
        }
        out.writeBytes(PONG);
        if (c.argc() == 2) {
            RespWriter.bulk(out, c.buffer(), c.offset(1), c.length(1));
        } else {
            RespWriter.emptyBulk(out);
        }
        return true;
    }

    private void subscribe(Request c, Session session, OutputBuffer out, int kind) {
        Client client = ConnectionCommands.client(session);
        if (client.subscriber == null) {
            client.subscriber = new Subscriber(session);
        }
        Subscriber sub = client.subscriber;
        java.util.Set<String> mine = names(sub, kind);
        for (int i = 1; i < c.argc(); i++) {
            byte[] name = bytes(c, i);
            if (mine.add(new String(name, StandardCharsets.ISO_8859_1))) {
                tables[kind].add(name, sub);
            }
            out.writeBytes(SUBSCRIBED[form(out)][kind]);
            RespWriter.bulk(out, name);
            RespWriter.integer(out, kind == SHARD ? sub.shardChannels.size() : sub.count());
        }
        counted();
    }

    /** Publishes this shard's count of channels and patterns for the other shards' {@link KeyEvents}. */
    private void counted() {
        settings.subscribers(context.shard(), tables[CHANNEL].size() + tables[PATTERN].size());
    }

    private void unsubscribe(Request c, Session session, OutputBuffer out, int kind) {
        Client client = ConnectionCommands.client(session);
        Subscriber sub = client.subscriber;
        java.util.Set<String> mine = sub == null ? java.util.Set.of() : names(sub, kind);
        if (c.argc() == 1) {
            if (mine.isEmpty()) {
                out.writeBytes(UNSUBSCRIBED[form(out)][kind]);
                RespWriter.nullBulk(out);
                RespWriter.integer(out, sub == null ? 0 : kind == SHARD ? sub.shardChannels.size() : sub.count());
                return;
            }
            for (String name : mine.toArray(new String[0])) {
                byte[] b = name.getBytes(StandardCharsets.ISO_8859_1);
                mine.remove(name);
                tables[kind].remove(b, sub);
                unsubscribed(out, kind, b, sub);
            }
            counted();
            return;
        }
        for (int i = 1; i < c.argc(); i++) {
            byte[] name = bytes(c, i);
            if (sub != null && mine.remove(new String(name, StandardCharsets.ISO_8859_1))) {
                tables[kind].remove(name, sub);
            }
            unsubscribed(out, kind, name, sub);
        }
        counted();
    }

    private static void unsubscribed(OutputBuffer out, int kind, byte[] name, Subscriber sub) {
        out.writeBytes(UNSUBSCRIBED[form(out)][kind]);
        RespWriter.bulk(out, name);
        RespWriter.integer(out, sub == null ? 0 : kind == SHARD ? sub.shardChannels.size() : sub.count());
    }

    /** Drops every subscription of the session's client (RESET, and the connection closing). */
    void drop(Session session) {
        if (!(session.attachment() instanceof Client client) || client.subscriber == null) {
            return;
        }
        Subscriber sub = client.subscriber;
        for (int kind = CHANNEL; kind <= SHARD; kind++) {
            for (String name : names(sub, kind)) {
                tables[kind].remove(name.getBytes(StandardCharsets.ISO_8859_1), sub);
            }
        }
        client.subscriber = null;
        counted();
    }

    /**
     * The local part of PUBLISH channel message (or SPUBLISH): pushes the message to this shard's
     * subscribers of the channel and of every matching pattern, and answers how many it reached.
     */
    private void publish(Request c, OutputBuffer out, boolean shard) {
        RespWriter.integer(out, deliver(c.buffer(), c.offset(1), c.length(1), c.buffer(), c.offset(2), c.length(2), shard));
    }

    /**
     * Keyspace notifications ({@link KeyEvents}): pushes {@code message} on {@code channel} (both
     * given as bytes of {@code channel}/{@code message}) to this shard's subscribers of the channel
     * and of every matching pattern, as PUBLISH does; allocates nothing.
     */
    int deliver(MemorySegment channel, long channelLength, MemorySegment message, long messageOffset, long messageLength) {
        return deliver(channel, 0, channelLength, message, messageOffset, messageLength, false);
    }

    /** Gives the frame's chunk back to the shard's pool (the shard stops). */
    void release() {
        frame.release();
    }

    /** Whether any client of this shard subscribes to a channel or a pattern. */
    boolean hasSubscriptions() {
        return tables[CHANNEL].size() + tables[PATTERN].size() > 0;
    }

    private int deliver(MemorySegment s, long channel, long channelLength, MemorySegment m, long message,
                        long messageLength, boolean shard) {
        // One volatile read per publish, none per message; its partner is the volatile write of a
        // fresh array in LiveSettings.set (CONFIG SET), so the three numbers are read whole.
        long[] limits = settings.outputBufferLimits();
        int receivers = 0;
        Subscriptions.Entry e = tables[shard ? SHARD : CHANNEL].find(s, channel, channelLength);
        if (e != null && e.count > 0) {
            encode(shard ? SMESSAGE : MESSAGE, null, s, channel, channelLength, m, message, messageLength);
            for (int i = 0; i < e.count; i++) {
                receivers += push(e.subscribers[i], limits);
            }
        }
        if (!shard) {
            Subscriptions patterns = tables[PATTERN];
            for (int p = 0; p < patterns.size(); p++) {
                Subscriptions.Entry pe = patterns.at(p);
                if (pe.count > 0 && Glob.matches(pe.segment, 0, pe.name.length, s, channel, channelLength, false)) {
                    encode(PMESSAGE, pe.name, s, channel, channelLength, m, message, messageLength);
                    for (int i = 0; i < pe.count; i++) {
                        receivers += push(pe.subscribers[i], limits);
                    }
                }
            }
        }
        frame.consume(frame.size()); // keeps one chunk for the next publish
        return receivers;
    }

    /** Encodes a message frame (RESP2's form) into {@link #frame}, replacing the last one. */
    private void encode(byte[] header, byte[] pattern, MemorySegment s, long channel, long channelLength,
                        MemorySegment m, long message, long messageLength) {
        frame.consume(frame.size());
        frame.writeBytes(header);
        if (pattern != null) {
            RespWriter.bulk(frame, pattern);
        }
        RespWriter.bulk(frame, s, channel, channelLength);
        RespWriter.bulk(frame, m, message, messageLength);
    }

    /** Pushes {@link #frame} to {@code sub} in its protocol; 1 if it was written, 0 if the client is gone or cut. */
    private int push(Subscriber sub, long[] limits) {
        if (sub.cut) {
            return 0;
        }
        OutputBuffer out = context.beginPush(sub.handle);
        if (out == null) {
            return 0;
        }
        boolean resp3 = Routing.resp3(sub.session);
        out.dialect(resp3 ? RespWriter.RESP3 : 2); // the subscriber's protocol
        out.writeByte(resp3 ? '>' : '*'); // the two forms differ in this byte only (a push, an array)
        out.copyFrom(frame, 1, frame.size() - 1);
        context.endPush(sub.handle);
        checkLimits(sub, out.size(), limits);
        return 1;
    }

    /** Redis's {@code checkClientOutputBufferLimits} for the pubsub class: {@code limits} as {@link LiveSettings#outputBufferLimits}. */
    private void checkLimits(Subscriber sub, long unsent, long[] limits) {
        long hard = limits[LiveSettings.PUBSUB_LIMITS];
        long soft = limits[LiveSettings.PUBSUB_LIMITS + 1];
        long softSeconds = limits[LiveSettings.PUBSUB_LIMITS + 2];
        boolean over = hard > 0 && unsent >= hard;
        if (!over && soft > 0 && unsent >= soft) {
            long now = context.nowMillis();
            if (sub.overSoftSince == 0) {
                sub.overSoftSince = now;
            }
            over = (now - sub.overSoftSince) / 1000 > softSeconds;
        } else if (!over) {
            sub.overSoftSince = 0;
        }
        if (over) {
            sub.cut = true;
            context.closeNow(sub.session);
        }
    }

    private static java.util.Set<String> names(Subscriber sub, int kind) {
        return kind == CHANNEL ? sub.channels : kind == PATTERN ? sub.patterns : sub.shardChannels;
    }

    private static byte[] bytes(Request c, int i) {
        byte[] b = new byte[(int) c.length(i)];
        MemorySegment.copy(c.buffer(), ValueLayout.JAVA_BYTE, c.offset(i), b, 0, b.length);
        return b;
    }
}
