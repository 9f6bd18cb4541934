package dev.kevy.server;

import dev.kevy.io.Session;
import java.util.LinkedHashSet;

/**
 * One client's pub/sub state, made at its first SUBSCRIBE, PSUBSCRIBE or SSUBSCRIBE and kept by
 * its {@link Client}: the names it listens to (for the counts Redis replies with, UNSUBSCRIBE with
 * no arguments and CLIENT LIST), the handle messages are pushed to, and how long its unsent
 * output has been over the soft limit. Lives on the connection's shard only.
 */
final class Subscriber {

    /** What the shard's tables hold for delivery: the connection to push to. */
    final long handle;
    /** Kept only while subscribed: the shard drops every subscription in {@code onClose}, before the session is reused. */
    final Session session;
    /** Names as ISO-8859-1 strings (one char per byte), in subscription order. */
    final LinkedHashSet<String> channels = new LinkedHashSet<>();
    final LinkedHashSet<String> patterns = new LinkedHashSet<>();
    final LinkedHashSet<String> shardChannels = new LinkedHashSet<>();
    /** When the unsent output first passed the soft limit without falling back under it; 0 when under. */
    long overSoftSince;
    /** Set once the client is cut for its output: it gets nothing more. */
    boolean cut;

    Subscriber(Session session) {
        this.session = session;
        this.handle = session.handle();
    }

    /** The count SUBSCRIBE, PSUBSCRIBE and their UNSUBSCRIBEs reply with: channels and patterns. */
    int count() {
        return channels.size() + patterns.size();
    }

    /** Whether the client is in Redis's subscribed mode, where only a few commands are allowed. */
    boolean subscribed() {
        return !channels.isEmpty() || !patterns.isEmpty() || !shardChannels.isEmpty();
    }
}
