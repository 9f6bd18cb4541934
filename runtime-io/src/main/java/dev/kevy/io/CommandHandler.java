package dev.kevy.io;

import dev.kevy.io.codec.Request;
import dev.kevy.rt.buffer.OutputBuffer;
import java.lang.foreign.MemorySegment;

/**
 * One shard's request logic for one {@link Listener}: where a request runs, how it runs, and the
 * shard's housekeeping. The requests are whatever the listener's codec decodes, as a
 * {@link Request} of fields; the replies are written in the same protocol.
 *
 * <h2>Routing</h2>
 * For every command read from a connection the shard first calls {@link #route}:
 * <ul>
 *   <li>{@link #HERE}: run it on this shard with the connection's {@link Session} (PING, AUTH,
 *       CLIENT, anything that touches connection state or no key);</li>
 *   <li>a shard id {@code >= 0}: run it on that shard, typically the owner of its key
 *       ({@link ShardContext#shardOf}); when that is this shard it runs at once, otherwise its
 *       arguments travel to the owner, which runs it and sends the reply back;</li>
 *   <li>{@link #FAN_OUT}: {@link #fanOut} splits it into parts, each sent to one shard, and a
 *       {@link Reducer} combines the parts' replies (MGET, MSET, DEL of several keys, DBSIZE).</li>
 * </ul>
 * Commands from one connection to one shard keep their order (one FIFO per pair of shards), and
 * replies reach the client in command order whatever order they complete in.
 *
 * <h2>Execution</h2>
 * {@link #execute} writes exactly one complete reply, in the listener's protocol, into {@code reply}. It runs on the shard
 * thread, must not block, and should not allocate in steady state: the command's arguments are
 * views into off-heap input ({@link Request}), the reply goes to off-heap output. The
 * {@code session} is the client's when the command was routed {@link #HERE} or to this shard; for
 * a command forwarded from another shard it is this shard's shared {@link Session#isRemote() remote}
 * session, which carries no connection state.
 */
public interface CommandHandler {

    /** {@link #route} result: run on the shard that read the command, with its session. */
    int HERE = -1;
    /** {@link #route} result: split with {@link #fanOut}. */
    int FAN_OUT = -2;
    /**
     * {@link #route} result: run {@link #executeAtomic} on the coordinator shard (shard 0) during
     * a freeze turn, while every other shard stands still, for commands whose keys live on several
     * shards and that must not be seen half done (RENAME across shards, MSETNX).
     */
    int ATOMIC = -3;

    /**
     * Where {@code command} runs: {@link #HERE}, {@link #FAN_OUT} or a shard id.
     *
     * <p>It may also rewrite the request: point its fields at bytes of its own
     * ({@link Request#clear}, {@link Request#field}, {@link Request#complete}) and set its tag. The
     * runtime then runs, forwards, queues for the atomic turn or holds back the rewritten request,
     * never the bytes the client sent (the server's EXEC carries its queued commands this way).
     * Whatever leaves this call (a ring record, the atomic queue, a held-back copy) is copied
     * before the next request of the shard is routed, so the handler's bytes need only stay put
     * until then. A request held back by the order barrier is routed again later with its
     * rewritten fields and tag: recognise it by the tag (a fresh decode's is 0) and return the same
     * route.
     */
    int route(Request command, Session session);

    /** Runs {@code command}, writing exactly one reply. */
    void execute(Request command, Session session, OutputBuffer reply);

    /**
     * Splits a {@link #FAN_OUT} command into parts ({@link FanOut#part}) and names the
     * {@link Reducer} of their replies. Parts for this shard run after this method returns, in
     * part order; parts for other shards travel in the same FIFO as every other request to them.
     */
    default void fanOut(Request command, Session session, FanOut plan) {
        throw new UnsupportedOperationException("route() returned FAN_OUT but fanOut() is not implemented");
    }

    /**
     * Runs an {@link #ATOMIC} command on the coordinator during a freeze turn: every other shard
     * has finished an iteration, acknowledged, and touches nothing until it is thawed, and its
     * state is visible to this thread (the acknowledgement's ring publish and its acquire here
     * order it; see {@code dev.kevy.rt.freeze}). So the handler may read and write any shard's
     * state through {@code shards[i]}, the handler each shard created; nothing else may touch
     * another shard's handler, ever. Atomic commands run one at a time, in arrival order at the
     * coordinator, many in one turn.
     *
     * <p>Per-connection order: a command sent after an atomic one on the same connection, while
     * the atomic one is unanswered, runs in the same queue: the coordinator calls
     * {@code shards[owner].execute(command, remoteSession, reply)} during the turn, where
     * {@code owner} is its {@link #route}. So {@link #execute} of a keyed command must touch only
     * its own shard's state, which any shared-nothing handler does anyway. {@link #HERE} and
     * {@link #FAN_OUT} commands behind an atomic one wait for its reply.
     */
    default void executeAtomic(Request command, CommandHandler[] shards, OutputBuffer reply) {
        throw new UnsupportedOperationException("route() returned ATOMIC but executeAtomic() is not implemented");
    }

    /**
     * The coordinator starts an atomic turn: every shard stands still until {@link #turnEnded}, and
     * the turn's {@link #executeAtomic} and queued {@code execute} calls run between the two, on
     * the coordinator's thread. Called on the coordinator's handler with every shard's handler
     * of the listener; a handler that writes one record of the turn's changes to several places
     * (a log per shard) brackets them here. The default does nothing.
     */
    default void turnStarted(CommandHandler[] shards) {
    }

    /**
     * The turn's commands ran, and their replies are not sent yet: they leave, and the shards
     * thaw, when this returns. A handler may wait here for the turn's changes to be durable.
     */
    default void turnEnded(CommandHandler[] shards) {
    }

    /**
     * A connection was accepted from a peer that is not the local host (not exactly 127.0.0.1 or
     * ::1, Redis's test). Returns the bytes to send it before closing it (off-heap, allocated
     * once), or {@code null} to serve it. Asked once per such connection, before it is adopted,
     * on the shard that accepted it; never per request.
     */
    default MemorySegment refusalForRemotePeer() {
        return null;
    }

    /**
     * How many of a connection's buffered requests the runtime shows {@link #lookAhead} before
     * running them; 0 (the default) turns the look-ahead off. Asked once, when the shard starts.
     *
     * <p>A handler whose requests miss the cache on data of their own (a large table) uses it to
     * start the loads of a whole pipeline before the first request runs, so the misses overlap:
     * the server's keyspace measured a GET at a million keys 2.4 times faster in batches of 16.
     */
    default int lookAheadWindow() {
        return 0;
    }

    /**
     * A request this connection will run soon, shown before it runs: a hint, in request order, up
     * to {@link #lookAheadWindow()} of them, then {@link #lookAheadDone()}. Each is shown again
     * to {@link #route} and {@link #execute} when its turn comes. The runtime looks ahead only
     * when the input holds more than the request about to run, so a client that sends one request
     * at a time pays nothing.
     *
     * <p>It must change no state and write nothing: the requests may never run (the connection
     * may close first), and the state they read may change before they do (an earlier request of
     * the same pipeline may delete the key). The view is valid during the call only; it does not
     * carry a {@link Request#tag()}.
     *
     * <p>Returns whether looking further ahead helps: {@code false} ends the window at this
     * request, and the runtime shows no more of the input it has read for this connection (the
     * requests run as they would without a look-ahead) until the connection reads again. A handler
     * whose data fits in the cache for now answers {@code false} at the first request and costs
     * one call per read.
     */
    default boolean lookAhead(Request command, Session session) {
        return false;
    }

    /** The end of one look-ahead window: the handler may now issue what it gathered. */
    default void lookAheadDone() {
    }

    /** A connection opened on this shard (attach per-client state to the session here). */
    default void onOpen(Session session) {
    }

    /** A connection on this shard closed (a client's, or an outbound one that had connected). */
    default void onClose(Session session) {
    }

    /**
     * Housekeeping, about every {@link RuntimeConfig#tickIntervalMillis()} (expire keys, time out
     * blocked clients, sync files). Runs on the shard thread between loop iterations; keep it
     * bounded, because the shard serves nobody meanwhile.
     */
    default void onTick(long nowMillis) {
    }

    /**
     * Background work in short slices (the server's active expiry). The shard calls it after every
     * iteration, once the replies are written; {@code idle} says the iteration found nothing to
     * do. While it returns {@code true} the shard does not park. It runs on every iteration, so
     * return at once when there is nothing to do; keep a slice to a few hundred microseconds,
     * since nobody is served meanwhile; and limit a busy shard's share yourself: only an idle
     * shard has time to spare.
     *
     * @return whether more work is pending
     */
    default boolean backgroundWork(long nowMillis, boolean idle) {
        return false;
    }

    /**
     * A ticket this handler took ({@link ShardContext#deferReply}) died before it was completed:
     * its client left. Give back what the request held (a place in a queue of waiters, say);
     * {@link ShardContext#beginReply} returns {@code null} for it from now on.
     */
    default void onTicketDead(long ticket) {
    }

    /**
     * A message from this listener's handler on shard {@code fromShard} ({@link ShardContext#send}),
     * or from another thread ({@code fromShard} is -1). The payload is valid during the call only.
     * A handler that takes no messages of {@code type} must throw, as this default does: the shard
     * logs the message as unhandled and counts it, so a message never vanishes quietly.
     */
    default void onMessage(int fromShard, int type, MemorySegment payload, long offset, long length) {
        throw new UnsupportedOperationException("no handler for messages of type " + type);
    }

    /**
     * A timer this handler scheduled ({@link ShardContext#schedule}) is due. A handler that
     * schedules timers must override this; the default throws, and the shard logs the failure.
     */
    default void onTimer(long timerId, long payload) {
        throw new UnsupportedOperationException("a timer fired but onTimer() is not implemented");
    }

    /**
     * An outbound connection ({@link ShardContext#connect}) connected (0) or failed ({@code -errno};
     * the connection is closed already, and {@link #onClose} does not follow).
     */
    default void onConnect(long handle, int result) {
    }

    /**
     * A frame an outbound connection received, as its codec decoded it; valid during the call only.
     * A handler that opens connections must override this; the default throws, which closes the
     * connection.
     */
    default void onFrame(long handle, Request frame) {
        throw new UnsupportedOperationException("a frame arrived but onFrame() is not implemented");
    }

    /** The shard is stopping; release what the handler holds. */
    default void close() {
    }
}
