/**
 * Services built on the runtime in their own protocols: a line-based echo service, an HTTP/1.1
 * server (TechEmpower's plaintext and json routes), a length-prefixed binary key-value store
 * whose keys live on their shards, and a Redis proxy on outbound connections. They use nothing but the exported API of {@code dev.kevy.io}.
 */
module dev.kevy.examples {
    requires dev.kevy.io;
}
