package dev.kevy.server.compat;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kevy.server.HashTags;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * A real Redis and a three-shard kevy, started once per test class; each test gets a
 * {@link Differ} on both after both were flushed. Skipped (not failed) where redis-server is not
 * installed: there is nothing to compare against.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DifferentialBase {

    static final int SHARDS = 3;
    /** An absolute time far in the future (2100-01-01), so expiry replies do not depend on the clock. */
    static final long FAR_SECONDS = 4_102_444_800L;
    static final long FAR_MILLIS = FAR_SECONDS * 1000 + 123;

    RedisProcess redis;
    Kevy kevy;

    /** Extra redis-server arguments; the same password goes to kevy. */
    String requirePass() {
        return null;
    }

    @BeforeAll
    void startBoth() {
        assumeTrue(RedisProcess.installed(), "no redis-server at " + RedisProcess.BINARY + ": nothing to compare with");
        String pass = requirePass();
        redis = pass == null ? RedisProcess.start() : RedisProcess.start("--requirepass", pass);
        kevy = Kevy.start(SHARDS, pass, b -> b);
    }

    @AfterAll
    void stopBoth() {
        try {
            if (redis != null) {
                redis.close();
            }
        } finally {
            if (kevy != null) {
                kevy.close();
            }
        }
    }

    /** A differ on freshly flushed servers. */
    Differ differ() {
        Differ d = new Differ(redis.port(), kevy.port());
        if (requirePass() == null) {
            d.same("FLUSHALL");
        }
        return d;
    }

    /** A second pair of connections to the same two servers, not flushed (another client). */
    Differ connection() {
        return new Differ(redis.port(), kevy.port());
    }

    /** The commands encoded back to back, for one write. */
    static byte[] pipeline(String[]... commands) {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        for (String[] c : commands) {
            b.writeBytes(Wire.encode(c));
        }
        return b.toByteArray();
    }

    /** A command as its arguments, for {@link #pipeline}. */
    static String[] c(String... args) {
        return args;
    }

    /** The shard of the three that owns {@code key}. */
    static int shardOf(String key) {
        return HashTags.shardOf(Wire.bytes(key), SHARDS);
    }

    /** A key {@code prefix + n} owned by {@code shard}. */
    static String onShard(int shard, String prefix) {
        for (int n = 0; ; n++) {
            if (shardOf(prefix + n) == shard) {
                return prefix + n;
            }
        }
    }
}
