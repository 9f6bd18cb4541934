package dev.kevy.server;

/**
 * The server-wide settings every shard reads: fixed at start-up here (issue-4 scope), made live
 * through CONFIG SET later.
 *
 * @param requirePass password clients must AUTH with, or {@code null}
 * @param maxMemory   bytes of keys and values per server, 0 for no limit
 * @param port        the port served (for CONFIG GET port)
 * @param bind        the address served
 * @param shards      number of shards
 */
public record ServerSettings(String requirePass, long maxMemory, int port, String bind, int shards) {
}
