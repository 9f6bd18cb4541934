package dev.kevy.io.shard;

import dev.kevy.io.CommandHandler;
import dev.kevy.io.Listener;
import dev.kevy.io.codec.Codec;

/**
 * One listener as a shard serves it: its index (carried by every record a request of it makes),
 * its codec, this shard's handler, and every shard's handler (for atomic commands).
 */
final class Service {

    final int index;
    final Codec codec;
    final CommandHandler handler;
    /** Every shard's handler of this listener, filled in as the shards start (see Atomics). */
    final CommandHandler[] handlers;
    final boolean requireAuth;

    Service(int index, Listener listener, CommandHandler handler, CommandHandler[] handlers) {
        this.index = index;
        this.codec = listener.codec();
        this.handler = handler;
        this.handlers = handlers;
        this.requireAuth = listener.requireAuth();
    }
}
