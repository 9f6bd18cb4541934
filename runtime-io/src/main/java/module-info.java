/**
 * The runtime: shards that accept, read, decode, route, run and answer requests in any protocol.
 * A team builds on {@code dev.kevy.io} (runtime, listeners, handlers), {@code dev.kevy.io.codec}
 * (the codec SPI) and the two codecs shipped, {@code dev.kevy.io.resp} and {@code dev.kevy.io.http};
 * {@code dev.kevy.io.shard}, the event loop itself, is internal.
 */
module dev.kevy.io {
    requires transitive dev.kevy.sys;
    requires transitive dev.kevy.rt;
    exports dev.kevy.io;
    exports dev.kevy.io.codec;
    exports dev.kevy.io.http;
    exports dev.kevy.io.poll;
    exports dev.kevy.io.resp;
}
