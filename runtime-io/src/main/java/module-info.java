/** Pollers, wakers, sockets, connections, RESP framing and the shard event loop. */
module dev.kevy.io {
    requires transitive dev.kevy.sys;
    requires transitive dev.kevy.rt;
    exports dev.kevy.io;
    exports dev.kevy.io.poll;
    exports dev.kevy.io.resp;
    exports dev.kevy.io.shard;
}
