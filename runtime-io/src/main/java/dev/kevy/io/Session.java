package dev.kevy.io;

/**
 * One client connection as a {@link CommandHandler} sees it: its id, an attachment for the
 * handler's per-client state, and the few switches the handler may flip.
 *
 * <p>The runtime implements it and reuses the object after its connection closes; a handler must
 * not keep one past {@link CommandHandler#onClose}. Only the owning shard's thread uses a session.
 * Each shard's {@link #isRemote() remote} session stands in for clients of other shards whose
 * commands were forwarded to it: it has no connection, and its switches do nothing.
 */
public interface Session {

    /** The client id: unique in the process for its lifetime (CLIENT ID). */
    long id();

    /** The shard that owns the connection. */
    int shard();

    /**
     * A name for the connection that outlives this object's reuse: give it to
     * {@link ShardContext#beginPush} to write to the connection later. Once the connection has
     * closed the handle is dead for good, even after its slot serves another client (it carries
     * the slot's generation). The remote session's handle is -1.
     */
    long handle();

    /** Whether this is the stand-in for forwarded commands, with no connection behind it. */
    boolean isRemote();

    /**
     * Whether this shard opened the connection ({@link ShardContext#connect}): its frames are the
     * peer's answers and go to {@link CommandHandler#onFrame}; what the handler sends it goes out
     * with {@link ShardContext#beginPush}.
     */
    boolean isOutbound();

    /** When the connection was accepted (epoch milliseconds). */
    long openedMillis();

    /** The handler's per-client state, or {@code null}. */
    Object attachment();

    /** Sets the handler's per-client state. */
    void attach(Object state);

    /**
     * Whether the client has authenticated (always, on a listener that does not require it).
     * Until it has, its codec may apply tighter limits (RESP: Redis's 10 arguments and 16 KiB per
     * bulk argument), and its unsent replies are capped at 16 KiB, as Redis caps them.
     */
    boolean isAuthenticated();

    /** Marks the client (un)authenticated; takes effect from the next command. */
    void setAuthenticated(boolean authenticated);

    /** Closes the connection once this command's reply, and every earlier one, has been sent (QUIT). */
    void closeAfterReply();
}
