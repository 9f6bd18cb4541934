package dev.kevy.io.shard;

import dev.kevy.io.Session;

/** The stand-in session for commands forwarded from other shards: no connection, inert switches. */
final class RemoteSession implements Session {

    private final int shard;

    RemoteSession(int shard) {
        this.shard = shard;
    }

    @Override
    public long id() {
        return 0;
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
    public boolean isOutbound() {
        return false;
    }

    @Override
    public boolean isRemote() {
        return true;
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
