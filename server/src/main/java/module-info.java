/** A Redis-compatible server on the kevy runtime. */
module dev.kevy.server {
    requires dev.kevy.io;
    exports dev.kevy.server;
    exports dev.kevy.server.command;
    exports dev.kevy.server.metrics;
    exports dev.kevy.server.store;
}
