package dev.kevy.server;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The server settings CONFIG GET reports and CONFIG SET changes, shared by every shard.
 *
 * <p>This is the one piece of server state that all shards read. Writes are rare (CONFIG SET)
 * and serialized by the object's monitor; each write bumps {@link #version()}, a volatile, and
 * every shard compares it with the version it last applied on its next tick (about every
 * 100 ms), so a change reaches all shards without any shard reading shared memory per request.
 * {@code requirepass} is the exception: AUTH reads it directly, so a new password works at once.
 */
public final class LiveSettings {

    /** A CONFIG SET that cannot be applied; the message is Redis's reply text without "-ERR ". */
    public static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;

        Rejected(String message) {
            super(message, null, false, false);
        }
    }

    private final String bind;
    private final int port;
    private final int shards;
    private final long protoMaxBulkLen;
    private final long startMillis = System.currentTimeMillis();

    private volatile long version;
    private volatile String requirePass;
    private volatile long maxMemory;
    private volatile int maxClients;
    private volatile long slowlogSlowerThanMicros = 10_000;
    private volatile int slowlogMaxLen = 128;
    private volatile int spinLimit;
    private volatile int parkTimeoutMs;

    /** Settings from the command line, with the runtime's resolved spin limit and bulk limit. */
    public LiveSettings(ServerOptions options, int spinLimit, long protoMaxBulkLen) {
        this(options.bind(), options.port(), options.shards(), options.requirePass(), options.maxMemory(),
                options.maxClients(), spinLimit, options.parkTimeoutMs(), protoMaxBulkLen);
    }

    /** Settings for a server started from a {@link dev.kevy.io.RuntimeConfig} (embedding, tests). */
    public static LiveSettings of(dev.kevy.io.RuntimeConfig config, String requirePass, long maxMemory) {
        return new LiveSettings(config.bindAddress(), config.port(), config.shards(), requirePass, maxMemory,
                config.maxClients(), config.idle().spinLimit(), (int) (config.idle().parkTimeoutNanos() / 1_000_000L),
                config.respLimits().maxBulkLength());
    }

    LiveSettings(String bind, int port, int shards, String requirePass, long maxMemory, int maxClients,
                 int spinLimit, int parkTimeoutMs, long protoMaxBulkLen) {
        this.bind = bind;
        this.port = port;
        this.shards = shards;
        this.protoMaxBulkLen = protoMaxBulkLen;
        this.requirePass = requirePass;
        this.maxMemory = maxMemory;
        this.maxClients = maxClients;
        this.spinLimit = spinLimit;
        this.parkTimeoutMs = parkTimeoutMs;
    }

    public long version() {
        return version;
    }

    public String requirePass() {
        return requirePass;
    }

    public long maxMemory() {
        return maxMemory;
    }

    public int maxClients() {
        return maxClients;
    }

    public long slowlogSlowerThanMicros() {
        return slowlogSlowerThanMicros;
    }

    public int slowlogMaxLen() {
        return slowlogMaxLen;
    }

    public int spinLimit() {
        return spinLimit;
    }

    public int parkTimeoutMs() {
        return parkTimeoutMs;
    }

    public int shards() {
        return shards;
    }

    public int port() {
        return port;
    }

    public long startMillis() {
        return startMillis;
    }

    /** Every parameter and its current value, in CONFIG GET order. */
    synchronized Map<String, String> snapshot() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("bind", bind);
        v.put("port", Integer.toString(port));
        v.put("databases", "1");
        v.put("save", "");
        v.put("appendonly", "no");
        v.put("requirepass", requirePass == null ? "" : requirePass);
        v.put("maxmemory", Long.toString(maxMemory));
        v.put("maxmemory-policy", "noeviction");
        v.put("maxclients", Integer.toString(maxClients));
        v.put("proto-max-bulk-len", Long.toString(protoMaxBulkLen));
        v.put("slowlog-log-slower-than", Long.toString(slowlogSlowerThanMicros));
        v.put("slowlog-max-len", Integer.toString(slowlogMaxLen));
        v.put("timeout", "0");
        v.put("shards", Integer.toString(shards));
        v.put("spin-limit", Integer.toString(spinLimit));
        v.put("park-timeout-ms", Integer.toString(parkTimeoutMs));
        return v;
    }

    /** CONFIG SET one parameter. */
    synchronized void set(String name, String value) throws Rejected {
        String n = name.toLowerCase(Locale.ROOT);
        switch (n) {
            case "requirepass" -> requirePass = value.isEmpty() ? null : value;
            case "maxmemory" -> maxMemory = memory(n, value);
            case "maxclients" -> maxClients = (int) number(n, value, 1, 1_000_000);
            case "slowlog-log-slower-than" -> slowlogSlowerThanMicros = number(n, value, -1, Long.MAX_VALUE);
            case "slowlog-max-len" -> slowlogMaxLen = (int) number(n, value, 0, Integer.MAX_VALUE);
            case "spin-limit" -> spinLimit = (int) number(n, value, 0, Integer.MAX_VALUE);
            case "park-timeout-ms" -> parkTimeoutMs = (int) number(n, value, 1, 60_000);
            case "save", "appendonly", "timeout", "maxmemory-policy" -> {
                if (!value.equals(snapshot().get(n))) {
                    throw new Rejected("CONFIG SET failed (possibly related to argument '" + n
                            + "') - kevy keeps data in memory only and supports just the value shown by CONFIG GET");
                }
            }
            case "bind", "port", "databases", "proto-max-bulk-len", "shards" -> throw new Rejected(
                    "CONFIG SET failed (possibly related to argument '" + n + "') - can't set immutable config");
            default -> throw new Rejected("Unknown option or number of arguments for CONFIG SET - '" + name + "'");
        }
        version++; // volatile write, under the monitor: shards compare it on their next tick
    }

    private static long number(String name, String value, long min, long max) throws Rejected {
        try {
            long v = Long.parseLong(value.trim());
            if (v < min || v > max) {
                throw new Rejected("CONFIG SET failed (possibly related to argument '" + name
                        + "') - argument must be between " + min + " and " + max + " inclusive");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new Rejected("CONFIG SET failed (possibly related to argument '" + name
                    + "') - argument couldn't be parsed into an integer");
        }
    }

    private static long memory(String name, String value) throws Rejected {
        try {
            return ServerOptions.bytes(value);
        } catch (IllegalArgumentException e) {
            throw new Rejected("CONFIG SET failed (possibly related to argument '" + name
                    + "') - argument must be a memory value");
        }
    }
}
