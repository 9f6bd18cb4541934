package dev.kevy.server;

import dev.kevy.io.Session;

/**
 * The session a transaction's commands run with away from their connection (on the owner of its
 * keys, or in the atomic turn): like the runtime's remote session it has no connection and inert
 * switches, but it carries the id of the client whose transaction runs, so a command that names
 * its caller (CLIENT KILL's SKIPME) still knows it. One per shard, reset for each transaction.
 */
final class DetachedSession implements Session {

    private final int shard;
    private long client;

    DetachedSession(int shard) {
        this.shard = shard;
    }

    /** Stands in for client {@code id} from now on. */
    DetachedSession of(long id) {
        this.client = id;
        return this;
    }

    @Override
    public long id() {
        return client;
    }

    @Override
    public int shard() {
        return shard;
    }

    @Override
    public long handle() {
        return -1; // no connection: pushes to it go nowhere
    }

    @Override
    public boolean isRemote() {
        return true;
    }

    @Override
    public boolean isOutbound() {
        return false;
    }

    @Override
    public long openedMillis() {
        return 0;
    }

    @Override
    public Object attachment() {
        return null;
    }

    @Override
    public void attach(Object state) {
    }

    @Override
    public boolean isAuthenticated() {
        return true;
    }

    @Override
    public void setAuthenticated(boolean authenticated) {
    }

    @Override
    public void closeAfterReply() {
    }
}
