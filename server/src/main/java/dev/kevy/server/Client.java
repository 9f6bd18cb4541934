package dev.kevy.server;

/**
 * The server's per-connection state, attached to each {@link dev.kevy.io.Session} when it opens
 * (one object per connection, not per request): the client's name and library, its selected
 * database, and what it did last, for CLIENT LIST, CLIENT INFO and SLOWLOG.
 */
final class Client {
    byte[] name;
    String libName = "";
    String libVersion = "";
    /**
     * The selected database (SELECT), read by {@link Routing#route} for every command of this
     * connection and carried in the command's tag to whichever shard runs it.
     */
    int db;
    /**
     * Whether the client switched to RESP3 ({@code HELLO 3}); read by {@link Routing#route} and
     * carried in the command's tag, like {@link #db}, so every shard answers in its protocol.
     */
    boolean resp3;
    /** Spec id of the last command, 0 before the first. */
    int lastCommand;
    long lastActiveMillis;
    /** MULTI state, queued commands and watched shards, {@code null} until the first MULTI or WATCH ({@link Transactions}). */
    TransactionQueue tx;
    /** Pub/sub subscriptions, {@code null} until the first SUBSCRIBE ({@link PubSub}). */
    Subscriber subscriber;
    /** The waiter of the blocking command this client waits in ({@link BlockedClients}), or -1 (CLIENT LIST flag b). */
    long blockedOn = -1;
    /**
     * The log COMMIT sequence this client's last held reply waits for ({@link Durability}): a later
     * reply covered by the same COMMIT queues behind it with no ticket of its own.
     */
    long durableWait = -1;

    Client(long nowMillis) {
        this.lastActiveMillis = nowMillis;
    }
}
