package dev.kevy.io.shard;

import dev.kevy.io.CommandHandler;
import dev.kevy.io.Listener;
import dev.kevy.io.codec.Codec;
import dev.kevy.io.codec.Decoder;

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
    /** Requests to show {@link CommandHandler#lookAhead} ahead of running them; 0 for none. */
    final int lookAheadWindow;
    /** Decodes the look-ahead (a connection's own decoder keeps its state); made on first use, on the shard. */
    private Decoder lookAheadDecoder;

    /** The listener a record names; a record naming none is a bug in the sender. */
    static Service of(Service[] services, java.lang.foreign.MemorySegment s, long record) {
        int listener = s.get(Records.INT, record + Records.LISTENER);
        if (listener < 0 || listener >= services.length) {
            throw new IllegalStateException("a record for listener " + listener + " of " + services.length);
        }
        return services[listener];
    }

    Service(int index, Listener listener, CommandHandler handler, CommandHandler[] handlers) {
        this.index = index;
        this.codec = listener.codec();
        this.handler = handler;
        this.handlers = handlers;
        this.requireAuth = listener.requireAuth();
        this.lookAheadWindow = Math.max(0, handler.lookAheadWindow());
    }

    /** This shard's look-ahead decoder, made on the shard thread as {@link Codec#newDecoder} asks. */
    Decoder lookAheadDecoder() {
        if (lookAheadDecoder == null) {
            lookAheadDecoder = codec.newDecoder();
        }
        return lookAheadDecoder;
    }
}
