package dev.kevy.io;

import dev.kevy.io.codec.Request;
import dev.kevy.rt.KeyHash;
import dev.kevy.rt.buffer.BufferPool;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.rt.idle.IdlePolicy;
import java.lang.foreign.MemorySegment;

/**
 * What a shard tells its {@link CommandHandler}, and what the handler may ask of it: who it is, how
 * keys map to shards, the time, its buffer pool; deferred replies, pushed frames and messages to
 * other shards. Each listener's handler has its own context on each shard. Only the shard's own
 * thread uses it.
 *
 * <h2>Deferred replies</h2>
 * A handler that cannot answer a request yet (it waits for a key, a timer, another shard, a disk)
 * calls {@link #deferReply} while executing it, writes nothing, and returns. Later, on the same
 * shard, it completes the ticket:
 * <pre>{@code
 *   OutputBuffer out = context.beginReply(ticket);
 *   if (out == null) {
 *       giveBack(...);              // the client left: nothing will be written, ever
 *   } else {
 *       RespWriter.bulk(out, value);
 *       context.endReply(ticket);
 *   }
 * }</pre>
 * The connection's later replies wait behind the ticket, so the client sees every reply in request
 * order. When the client leaves first, {@link CommandHandler#onTicketDead} says so. A ticket is a
 * {@code long}, valid on the shard that issued it, and dead for good once completed or dead.
 *
 * <h2>Pushed frames</h2>
 * {@link #beginPush} / {@link #endPush} write a frame to a connection of this shard named by its
 * {@link Session#handle() handle}, at any time (pub/sub). Where it goes relative to replies still
 * owed is the codec's choice ({@code Codec.pushesFollowReplies}).
 *
 * <h2>Timers</h2>
 * {@link #schedule} calls {@link CommandHandler#onTimer} at or after a deadline (millisecond
 * resolution, this shard's clock); {@link #cancelTimer} takes it back. Neither allocates once the
 * shard's wheel has grown to the most timers pending at once.
 *
 * <h2>Outbound connections</h2>
 * {@link #connect} opens a connection from this shard to another server, framed by a codec of the
 * handler's choice: {@link CommandHandler#onConnect} reports the outcome, each frame received goes
 * to {@link CommandHandler#onFrame}, and the handler writes to it with {@link #beginPush}.
 *
 * <h2>Messages</h2>
 * {@link #send} hands a typed message with an off-heap payload to this listener's handler on
 * another shard ({@link CommandHandler#onMessage}), in the same FIFO as every other record between
 * the two shards. Nothing allocates.
 */
public interface ShardContext {

    /** This shard's id, {@code 0 <= shard() < shards()}. */
    int shard();

    /** Number of shards. */
    int shards();

    /** The I/O engine the shards run: {@code io_uring}, {@code epoll} or {@code kqueue}. */
    String ioEngine();

    /** The runtime's configuration. */
    RuntimeConfig config();

    /**
     * Wall-clock milliseconds, read once per loop iteration: every command of one iteration sees
     * the same time, and reading it costs nothing.
     */
    long nowMillis();

    /** The shard's pool of off-heap chunks. */
    BufferPool pool();

    /** This shard's runtime counters (connections, commands, forwarded requests, parks, wakes). */
    ShardStats stats();

    /** The counters of shard {@code shard}, as of its last tick (any shard's may be read). */
    ShardStats stats(int shard);

    /**
     * Sessions of this shard's connections by slot, for CLIENT LIST and the like: iterate
     * {@code i} over {@code [0, sessionSlots())}; {@link #sessionAt} is {@code null} for a free slot.
     */
    int sessionSlots();

    /** The open client session in slot {@code i}, or {@code null} (free, or an outbound connection). */
    Session sessionAt(int i);

    /**
     * Disconnects a client of this shard: it is read no more and closes as soon as the replies it
     * is owed (including the current one, when it kills itself) have been written.
     */
    void kill(Session session);

    /**
     * Disconnects a client of this shard at once, dropping what it has not been sent yet, as Redis
     * drops a client past its output buffer limit (a subscriber that stopped reading would never
     * take its owed bytes, so {@link #kill} would wait for ever). {@code onClose} follows at the
     * shard's next flush, never inside this call.
     */
    default void closeNow(Session session) {
        kill(session);
    }

    /**
     * Applies live limits to this shard from its next loop iteration (CONFIG SET, read by the
     * handler on its tick): the shard's share of the client limit, and a new idle policy (or
     * {@code null} to keep the current one).
     */
    void applyLimits(int maxClients, IdlePolicy idle);

    /** The idle policy in force on this shard. */
    IdlePolicy idlePolicy();

    /**
     * Takes a ticket for the request being executed (call it from {@link CommandHandler#execute}
     * and write no reply): the reply is written later with {@link #beginReply}. With
     * {@code holdLaterRequests}, the connection runs none of its later requests until the ticket
     * completes or dies, as a client blocked in Redis does; that needs the client's own shard
     * (a command routed {@link CommandHandler#HERE} or to the connection's shard).
     *
     * @throws IllegalStateException outside {@code execute}, during an atomic turn, or twice for
     *         one request
     */
    default long deferReply(boolean holdLaterRequests) {
        return deferReply(holdLaterRequests, false);
    }

    /**
     * As {@link #deferReply(boolean)}; with {@code completesOnItsOwn}, the handler promises to
     * complete the ticket soon whatever the client does (a reply that waits for a disk write, not
     * for another client or a timeout). Such a ticket outlives the end of the client's stream: a
     * client that sends a request and then shuts down its side of the connection still reads the
     * reply before the connection closes, as it would from Redis. Any other ticket dies when the
     * stream ends (the runtime cannot tell a half-close from a client that has gone), and so does
     * this one when the connection closes. A remote {@code completesOnItsOwn} ticket is not
     * reported to the client's shard: its reply travels like any other and is dropped there if the
     * client has left.
     */
    long deferReply(boolean holdLaterRequests, boolean completesOnItsOwn);

    /**
     * Starts the reply of {@code ticket}: write it whole into the returned buffer, then call
     * {@link #endReply}. Returns {@code null} when the ticket is dead (completed, or its client
     * left): write nothing, and give back whatever the request held.
     */
    OutputBuffer beginReply(long ticket);

    /** Ends the reply begun by {@link #beginReply} and sends it on its way; the ticket is dead after. */
    void endReply(long ticket);

    /** Whether {@code ticket} may still be completed. */
    boolean isLive(long ticket);

    /**
     * Starts a frame pushed to the connection {@code handle} names ({@link Session#handle()}):
     * write it whole into the returned buffer, then call {@link #endPush}. Returns {@code null} if
     * that connection is gone or closing. A frame for the connection whose request is being
     * executed belongs in that request's reply.
     */
    OutputBuffer beginPush(long handle);

    /** Ends the frame begun by {@link #beginPush}; it is written with the iteration's replies. */
    void endPush(long handle);

    /**
     * Sends a message of {@code type} (any value the handlers agree on) with the {@code length}
     * bytes of {@code payload} at {@code offset} (copied) to this listener's handler on
     * {@code shard}, this one included; it arrives through {@link CommandHandler#onMessage}, in
     * order with everything else this shard sends there, never inside this call.
     */
    void send(int shard, int type, MemorySegment payload, long offset, long length);

    /**
     * Calls this handler's {@link CommandHandler#onTimer} with {@code payload} at the first loop
     * iteration at or after {@code deadlineMillis} (wall-clock, as {@link #nowMillis()}); returns
     * the timer's id. The shard parks no longer than the next deadline.
     */
    long schedule(long deadlineMillis, long payload);

    /** Cancels a timer of this handler; {@code false} if it fired or was cancelled already. */
    boolean cancelTimer(long timerId);

    /**
     * Opens a connection from this shard to {@code address:port}, framed by {@code codec}'s
     * decoder, and returns its handle at once. {@link CommandHandler#onConnect} reports the
     * outcome later (never inside this call): 0, or {@code -errno} ({@code -ETIMEDOUT} after
     * {@code timeoutMillis}). Write to it with {@link #beginPush}; frames it receives go to
     * {@link CommandHandler#onFrame}; {@link #disconnect} closes it. Allocates a little per
     * connect (the socket address), nothing per frame.
     *
     * @throws IllegalStateException when no socket can be made (out of descriptors)
     */
    long connect(java.net.InetAddress address, int port, dev.kevy.io.codec.Codec codec, long timeoutMillis);

    /** Closes an outbound connection once what was written to it is sent; {@code onClose} follows. */
    void disconnect(long handle);

    /** The shard that owns a key given as bytes. */
    default int shardOf(MemorySegment key, long offset, long length) {
        return KeyHash.shardOf(KeyHash.hash(key, offset, length), shards());
    }

    /** The shard that owns the key in argument {@code index} of {@code command}. */
    default int shardOf(Request command, int index) {
        return shardOf(command.buffer(), command.offset(index), command.length(index));
    }
}
