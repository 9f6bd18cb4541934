package dev.kevy.io.shard;

/**
 * The shard's few log lines, on standard error. Only unexpected conditions are logged (a failing
 * downcall, a handler that threw), never per request, so this may allocate.
 */
final class ShardLog {

    private ShardLog() {
    }

    static void warn(int shard, String message) {
        System.err.println("kevy: shard " + shard + ": " + message);
    }

    static void error(int shard, String message, Throwable cause) {
        System.err.println("kevy: shard " + shard + ": " + message + ": " + cause);
    }
}
