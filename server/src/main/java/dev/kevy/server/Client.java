package dev.kevy.server;

/**
 * The server's per-connection state, attached to each {@link dev.kevy.io.Session} when it opens
 * (one object per connection, not per request): the client's name and library, and what it did
 * last, for CLIENT LIST, CLIENT INFO and SLOWLOG.
 */
final class Client {
    byte[] name;
    String libName = "";
    String libVersion = "";
    /** Spec id of the last command, 0 before the first. */
    int lastCommand;
    long lastActiveMillis;

    Client(long nowMillis) {
        this.lastActiveMillis = nowMillis;
    }
}
