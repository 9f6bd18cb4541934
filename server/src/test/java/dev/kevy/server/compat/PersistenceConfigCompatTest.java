package dev.kevy.server.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The snapshot settings and commands against Redis 7: {@code save}, {@code dir} and
 * {@code dbfilename} accepted and refused with the same words, BGSAVE's and SAVE's argument errors,
 * LASTSAVE's type, the append-only log's file and directory names. (What the snapshots write is checked end to end in {@code SnapshotTest}.)
 */
class PersistenceConfigCompatTest extends DifferentialBase {

    @Test
    void settingsAreCheckedAsRedisChecksThem() {
        try (Differ d = differ()) {
            d.same("CONFIG", "SET", "save", "3600 1 300 100");
            d.same("CONFIG", "GET", "save");
            d.same("CONFIG", "SET", "save", "1");
            d.same("CONFIG", "SET", "save", "abc 1");
            d.same("CONFIG", "SET", "save", "10 -1");
            d.same("CONFIG", "GET", "save"); // a refused value changed nothing
            d.same("CONFIG", "SET", "save", "");
            d.same("CONFIG", "GET", "save");
            d.same("CONFIG", "SET", "dbfilename", "sub/dump.rdb"); // protected, as Redis 7 by default
            d.same("CONFIG", "SET", "dbfilename", "other.rdb");
            d.same("CONFIG", "GET", "dbfilename");
            d.same("CONFIG", "SET", "dir", "/tmp");
            d.same("CONFIG", "SET", "save", "10 1", "dir", "/tmp"); // the whole call is refused
            d.same("CONFIG", "GET", "save");
            d.same("CONFIG", "GET", "stop-writes-on-bgsave-error");
            d.same("CONFIG", "SET", "stop-writes-on-bgsave-error", "maybe");
            d.same("CONFIG", "SET", "stop-writes-on-bgsave-error", "no");
            d.same("CONFIG", "GET", "stop-writes-on-bgsave-error");
            d.same("CONFIG", "SET", "stop-writes-on-bgsave-error", "yes");
            d.same("BGSAVE", "NOW");
            d.same("BGSAVE", "SCHEDULE", "extra");
            d.same("SAVE", "extra");
            d.same("LASTSAVE", "extra");
            d.same("SHUTDOWN", "NOSAVE", "SAVE"); // the refusals only: a valid SHUTDOWN would end Redis
            d.same("SHUTDOWN", "ABORT");
            d.same("SHUTDOWN", "ABORT", "NOW");
            d.same("SHUTDOWN", "BOGUS");
        }
    }

    /** Where the append-only log's files go: read as Redis 7 reads it, and fixed at start-up. */
    @Test
    void theLogsNamesAreRedisesAndCannotChangeWhileRunning() {
        try (Differ d = differ()) {
            d.same("CONFIG", "GET", "appenddirname");
            d.same("CONFIG", "GET", "appendfilename");
            d.same("CONFIG", "SET", "appenddirname", "elsewhere");
            d.same("CONFIG", "SET", "appendfilename", "other.aof");
            d.sortedPairs("CONFIG", "GET", "append*name");
        }
    }

    @Test
    void lastsaveIsASecondsTimestampOnBoth() {
        try (Differ d = differ()) {
            String kevy = Wire.text(d.kevy().call("LASTSAVE"));
            String redis = Wire.text(d.redis().call("LASTSAVE"));
            assertEquals(':', kevy.charAt(0), kevy);
            assertEquals(':', redis.charAt(0), redis);
            long now = System.currentTimeMillis() / 1000;
            long at = Long.parseLong(kevy.substring(1).strip());
            assertEquals(true, at <= now && at > now - 3600, "the server's start (no snapshot yet): " + at);
        }
    }
}
