package dev.kevy.server.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kevy.server.compat.RedisProcess;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * RDB snapshots end to end, with the real {@code Main} in child JVMs: what SAVE acknowledged
 * survives {@code kill -9} and loads on any shard count; the file is one Redis 7 loads and
 * {@code redis-check-rdb} accepts, and a file Redis wrote loads here; a damaged file stops the
 * start with one line; BGSAVE, the save rules and the final save on SIGTERM write it on their own.
 */
class SnapshotTest {
    private static final String CHECKER = "/usr/bin/redis-check-rdb";
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);

    @TempDir
    Path dir;

    private String[] flags(int shards, String... more) {
        String[] base = {"--shards", Integer.toString(shards), "--dir", dir.toString()};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void whatSaveAcknowledgedSurvivesKillNineOnAnyShardCount() {
        Map<String, String> written;
        try (ServerProcess kevy = ServerProcess.start(flags(2)); Jedis j = new Jedis("127.0.0.1", kevy.port())) {
            DataSet.populate(j);
            written = DataSet.contents(j);
            assertEquals("OK", j.save());
            kevy.kill(); // no shutdown hook, nothing flushed: only what SAVE put on disk
        }
        assertTrue(written.size() > 3000, "the dataset was written: " + written.size());
        for (int shards : new int[] {1, 3}) {
            try (ServerProcess kevy = ServerProcess.start(flags(shards)); Jedis j = new Jedis("127.0.0.1", kevy.port())) {
                DataSet.assertSameContents(written, DataSet.contents(j), "loaded by " + shards + " shards");
            }
        }
    }

    @Test
    void redisLoadsWhatKevySavedAndItsCheckerAcceptsIt() throws Exception {
        assumeTrue(RedisProcess.installed() && new File(CHECKER).canExecute(), "no redis-server and redis-check-rdb");
        Map<String, String> written;
        try (ServerProcess kevy = ServerProcess.start(flags(2)); Jedis j = new Jedis("127.0.0.1", kevy.port())) {
            DataSet.populate(j);
            written = DataSet.contents(j);
            assertEquals("OK", j.save());
        }
        Process check = new ProcessBuilder(CHECKER, dir.resolve("dump.rdb").toString()).redirectErrorStream(true).start();
        String report = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, check.waitFor(), report);
        assertTrue(report.contains("RDB looks OK"), report);
        try (RedisProcess redis = RedisProcess.start("--dir", dir.toString(), "--dbfilename", "dump.rdb");
             Jedis j = new Jedis("127.0.0.1", redis.port())) {
            DataSet.assertSameContents(written, DataSet.contents(j), "loaded by Redis");
        }
    }

    @Test
    void aFileRedisSavedLoadsWithEveryValueAndExpiry() {
        assumeTrue(RedisProcess.installed(), "no redis-server to write the file");
        Map<String, String> written;
        try (RedisProcess redis = RedisProcess.start("--dir", dir.toString(), "--dbfilename", "dump.rdb");
             Jedis j = new Jedis("127.0.0.1", redis.port())) {
            DataSet.populate(j); // Redis picks its compact encodings: listpacks, intsets, quicklists, LZF strings
            written = DataSet.contents(j);
            assertEquals("OK", j.save());
        }
        try (ServerProcess kevy = ServerProcess.start(flags(2)); Jedis j = new Jedis("127.0.0.1", kevy.port())) {
            DataSet.assertSameContents(written, DataSet.contents(j), "Redis's file loaded by kevy");
        }
    }

    /**
     * A crash at any moment of a BGSAVE (while shards scan, while the writer appends, around the
     * fsync and rename) leaves the previous snapshot or the new one, whole: never a mix, never a
     * file that does not load.
     */
    @Test
    void killNineDuringBgsaveLeavesTheOldFileOrTheNewOne() {
        long[] killAfterMillis = {0, 20, 80, 250};
        for (long delay : killAfterMillis) {
            Map<String, String> before;
            Map<String, String> after;
            try (ServerProcess kevy = ServerProcess.start(flags(2)); Jedis j = new Jedis("127.0.0.1", kevy.port())) {
                j.flushAll();
                j.set("generation", "old");
                assertEquals("OK", j.save());
                before = DataSet.contents(j);
                DataSet.populate(j); // megabytes: the scan and the writer take a while
                j.set("generation", "new");
                after = DataSet.contents(j);
                assertEquals("Background saving started", j.bgsave());
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(delay)); // the crash point, on purpose
                kevy.kill();
            }
            try (ServerProcess kevy = ServerProcess.start(flags(1)); Jedis j = new Jedis("127.0.0.1", kevy.port())) {
                Map<String, String> loaded = DataSet.contents(j);
                String generation = j.get("generation");
                System.out.println("kill -9 " + delay + " ms into a BGSAVE: the " + generation + " snapshot loaded");
                DataSet.assertSameContents("old".equals(generation) ? before : after, loaded,
                        "killed " + delay + " ms into a BGSAVE, the " + generation + " snapshot");
            }
        }
    }

    @Test
    void aDamagedOrCutFileStopsTheStartWithOneLine() throws Exception {
        try (ServerProcess kevy = ServerProcess.start(flags(1)); Jedis j = new Jedis("127.0.0.1", kevy.port())) {
            DataSet.populate(j);
            assertEquals("OK", j.save());
        }
        Path file = dir.resolve("dump.rdb");
        byte[] good = Files.readAllBytes(file);
        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x20;
        Files.write(file, flipped);
        assertStartRefused("checksum");
        Files.write(file, java.util.Arrays.copyOf(good, good.length - 5));
        assertStartRefused(file.toString());
        Files.write(file, good);
        try (ServerProcess kevy = ServerProcess.start(flags(1)); Jedis j = new Jedis("127.0.0.1", kevy.port())) {
            assertEquals("value-7", j.get("s:7"), "the good file loads again");
        }
    }

    private void assertStartRefused(String mentioned) throws Exception {
        Process p = ServerProcess.launch(flags(1));
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, p.waitFor(), output);
        assertFalse(output.contains("kevy ready"), output);
        String[] lines = output.strip().split("\n");
        assertEquals(1, lines.length, "one line: " + output);
        assertTrue(lines[0].startsWith("kevy: ") && lines[0].contains(mentioned) && lines[0].contains("dump.rdb"), output);
    }

    @Test
    void bgsaveWritesTheFileInTheBackground() {
        Map<String, String> written;
        try (ServerProcess kevy = ServerProcess.start(flags(2)); Jedis j = new Jedis("127.0.0.1", kevy.port())) {
            DataSet.populate(j);
            written = DataSet.contents(j);
            assertEquals("Background saving started", j.bgsave());
            awaitInfo(j, "rdb_bgsave_in_progress:0");
            assertTrue(j.info("persistence").contains("rdb_last_bgsave_status:ok"));
            kevy.kill();
        }
        try (ServerProcess kevy = ServerProcess.start(flags(1)); Jedis j = new Jedis("127.0.0.1", kevy.port())) {
            DataSet.assertSameContents(written, DataSet.contents(j), "BGSAVE's file");
        }
    }

    /**
     * The cut: writes sent after BGSAVE's reply, on the same connection, reach every shard after
     * its cut (the shard that ran BGSAVE cut before answering; the others get the snapshot's
     * message on the same rings before any forwarded write), so the file must hold exactly the
     * data of the moment BGSAVE ran, while those writes run during the scan: overwrites, deletes,
     * new keys, collection edits, renames, expiries, a FLUSHDB (which finishes the scan first).
     */
    @Test
    void writesDuringBgsaveStayOutOfItsFile() {
        for (int shards : new int[] {1, 2}) {
            Map<String, String> atCut;
            try (ServerProcess kevy = ServerProcess.start(flags(shards)); Jedis j = new Jedis("127.0.0.1", kevy.port())) {
                redis.clients.jedis.Pipeline fill = j.pipelined();
                for (int i = 0; i < 40_000; i++) {
                    fill.set("k:" + i, "before-" + i + "-" + "x".repeat(64));
                }
                fill.sync();
                DataSet.populate(j);
                atCut = DataSet.contents(j);
                assertEquals("Background saving started", j.bgsave());
                redis.clients.jedis.Pipeline after = j.pipelined();
                for (int i = 0; i < 40_000; i += 3) {
                    after.set("k:" + i, "after");
                    after.del("k:" + (i + 1));
                    after.set("new:" + i, "born after the cut");
                }
                after.hset("h:large", "field:1", "changed");
                after.rpush("list:long", "appended");
                after.zadd("z:small", 100, "a");
                after.sadd("set:int", "42");
                after.rename("s:1", "s:renamed");
                after.pexpire("s:2", 1);
                after.append("int", "0");
                after.select(1);
                after.sendCommand(redis.clients.jedis.Protocol.Command.FLUSHDB, new String[0]);
                after.select(0);
                after.sync();
                awaitInfo(j, "rdb_bgsave_in_progress:0");
                assertTrue(j.info("persistence").contains("rdb_last_bgsave_status:ok"));
                assertEquals("after", j.get("k:0"), "the writes happened");
                assertEquals("changed", j.hget("h:large", "field:1"));
                kevy.kill();
            }
            try (ServerProcess kevy = ServerProcess.start(flags(1)); Jedis j = new Jedis("127.0.0.1", kevy.port())) {
                DataSet.assertSameContents(atCut, DataSet.contents(j), "BGSAVE's file with " + shards + " shards");
            }
        }
    }

    @Test
    void aSaveRuleSnapshotsOnItsOwnAndCountsChanges() {
        try (ServerProcess kevy = ServerProcess.start(flags(2, "--save", "1 3"));
             Jedis j = new Jedis("127.0.0.1", kevy.port())) {
            assertEquals("1 3", j.configGet("save").get("save"));
            long start = j.lastsave();
            j.set("a", "1");
            j.set("b", "2");
            awaitInfo(j, "rdb_changes_since_last_save:2"); // one short of the rule: no snapshot
            assertEquals(start, j.lastsave());
            assertFalse(Files.exists(dir.resolve("dump.rdb")));
            j.del("a");
            awaitInfo(j, "rdb_changes_since_last_save:0"); // the third change: the rule saves, the count starts over
            assertNotEquals(start, j.lastsave());
            kevy.kill();
        }
        try (ServerProcess kevy = ServerProcess.start(flags(1)); Jedis j = new Jedis("127.0.0.1", kevy.port())) {
            assertEquals("2", j.get("b"));
            assertEquals(1, j.dbSize());
        }
    }

    @Test
    void sigtermWithSaveRulesSavesAFinalSnapshot() {
        try (ServerProcess kevy = ServerProcess.start(flags(2, "--save", "3600 1"));
             Jedis j = new Jedis("127.0.0.1", kevy.port())) {
            j.set("kept", "on shutdown");
            j.rpush("queue", "a", "b");
        } // close(): SIGTERM, a graceful stop
        try (ServerProcess kevy = ServerProcess.start(flags(1)); Jedis j = new Jedis("127.0.0.1", kevy.port())) {
            assertEquals("on shutdown", j.get("kept"));
            assertEquals(java.util.List.of("a", "b"), j.lrange("queue", 0, -1));
        }
    }

    @Test
    void withoutSaveRulesSigtermWritesNothing() {
        try (ServerProcess kevy = ServerProcess.start(flags(1)); Jedis j = new Jedis("127.0.0.1", kevy.port())) {
            j.set("gone", "with the process");
        }
        assertFalse(Files.exists(dir.resolve("dump.rdb")), "no save rule, no SAVE: memory only, as configured");
    }

    @Test
    void aFailedSnapshotRefusesWritesWithRedisMisconfUntilOneSucceeds() throws IOException {
        Path gone = dir.resolve("gone");
        Files.createDirectory(gone);
        try (ServerProcess kevy = ServerProcess.start("--shards", "2", "--dir", gone.toString(), "--save", "3600 1");
             Jedis j = new Jedis("127.0.0.1", kevy.port())) {
            j.set("a", "1");
            Files.delete(gone); // the directory vanishes: the temporary file cannot be created
            assertEquals("Background saving started", j.bgsave());
            awaitInfo(j, "rdb_last_bgsave_status:err");
            String refused = awaitSetRefused(j, true); // every shard refuses from its next tick
            assertEquals(MISCONF, refused, "Redis 7.0's words");
            assertEquals("1", j.get("a"), "reads still work");
            assertEquals("ERR", assertThrowsData(j::save), "SAVE fails too: the directory is gone");
            Files.createDirectory(gone);
            assertEquals("Background saving started", j.bgsave());
            awaitInfo(j, "rdb_last_bgsave_status:ok");
            awaitSetRefused(j, false);
            assertEquals("2", j.get("b"));
        }
    }

    @Test
    void shutdownSavesWhenRulesAreSetAndEndsTheProcess() throws Exception {
        try (ServerProcess kevy = ServerProcess.start(flags(2, "--save", "3600 1"));
             Jedis j = new Jedis("127.0.0.1", kevy.port())) {
            j.set("kept", "by shutdown");
            assertShutdownCloses(j, "SHUTDOWN");
            assertEquals(0, kevy.awaitExit());
        }
        try (ServerProcess kevy = ServerProcess.start(flags(1)); Jedis j = new Jedis("127.0.0.1", kevy.port())) {
            assertEquals("by shutdown", j.get("kept"));
        }
    }

    @Test
    void shutdownNosaveSkipsTheSnapshotAndSaveTakesOneWithoutRules() throws Exception {
        try (ServerProcess kevy = ServerProcess.start(flags(1, "--save", "3600 1"));
             Jedis j = new Jedis("127.0.0.1", kevy.port())) {
            j.set("lost", "on purpose");
            assertShutdownCloses(j, "SHUTDOWN", "NOSAVE");
            assertEquals(0, kevy.awaitExit());
        }
        assertFalse(Files.exists(dir.resolve("dump.rdb")), "NOSAVE: no final snapshot, not even from the exit hook");
        try (ServerProcess kevy = ServerProcess.start(flags(1)); Jedis j = new Jedis("127.0.0.1", kevy.port())) {
            j.set("saved", "by SHUTDOWN SAVE");
            assertShutdownCloses(j, "SHUTDOWN", "SAVE");
            assertEquals(0, kevy.awaitExit());
        }
        try (ServerProcess kevy = ServerProcess.start(flags(1)); Jedis j = new Jedis("127.0.0.1", kevy.port())) {
            assertEquals("by SHUTDOWN SAVE", j.get("saved"));
        }
    }

    @Test
    void shutdownDuringABgsaveWaitsForItThenTakesItsOwn() throws Exception {
        Map<String, String> written;
        try (ServerProcess kevy = ServerProcess.start(flags(2, "--save", "3600 1"));
             Jedis j = new Jedis("127.0.0.1", kevy.port());
             dev.kevy.server.compat.Wire w = new dev.kevy.server.compat.Wire(kevy.port())) {
            DataSet.populate(j);
            written = DataSet.contents(j);
            w.send(dev.kevy.server.compat.Wire.bytes("*1\r\n$6\r\nBGSAVE\r\n*1\r\n$8\r\nSHUTDOWN\r\n"));
            // one write: SHUTDOWN runs while the BGSAVE it follows is still writing
            assertEquals("+Background saving started\r\n", dev.kevy.server.compat.Wire.text(w.readToEnd()),
                    "BGSAVE answered; SHUTDOWN did not: the connection closed with the process");
            assertEquals(0, kevy.awaitExit());
        }
        try (ServerProcess kevy = ServerProcess.start(flags(1)); Jedis j = new Jedis("127.0.0.1", kevy.port())) {
            DataSet.assertSameContents(written, DataSet.contents(j), "SHUTDOWN's snapshot");
        }
    }

    /** Sends a SHUTDOWN form and expects no reply, only the connection closing. */
    private static void assertShutdownCloses(Jedis j, String... command) {
        try {
            Object reply = j.sendCommand(() -> redis.clients.jedis.util.SafeEncoder.encode(command[0]),
                    java.util.Arrays.copyOfRange(command, 1, command.length));
            throw new AssertionError("SHUTDOWN answered " + reply);
        } catch (redis.clients.jedis.exceptions.JedisConnectionException closed) {
            // the process ended
        }
    }

    private static final String MISCONF = "MISCONF Redis is configured to save RDB snapshots, but it's currently unable"
            + " to persist to disk. Commands that may modify the data set are disabled, because this instance is"
            + " configured to report errors during writes if RDB snapshotting fails (stop-writes-on-bgsave-error option)."
            + " Please check the Redis logs for details about the RDB error.";

    /** Sets b=2 until the server refuses it ({@code refused}) or takes it; returns the refusal, or null. */
    private static String awaitSetRefused(Jedis j, boolean refused) {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (System.nanoTime() < deadline) {
            String error = null;
            try {
                j.set("b", "2");
            } catch (redis.clients.jedis.exceptions.JedisDataException e) {
                error = e.getMessage();
            }
            if ((error != null) == refused) {
                return error;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // polling interval
        }
        throw new AssertionError("writes were never " + (refused ? "refused" : "taken again"));
    }

    private static String assertThrowsData(Runnable call) {
        try {
            call.run();
        } catch (redis.clients.jedis.exceptions.JedisDataException e) {
            return e.getMessage();
        }
        throw new AssertionError("no error");
    }

    /** Polls INFO persistence until it holds {@code line}. */
    private static void awaitInfo(Jedis j, String line) {
        long deadline = System.nanoTime() + WAIT_NANOS;
        String info;
        while (!(info = j.info("persistence")).contains(line + "\r\n")) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("INFO persistence never showed " + line + ":\n" + info);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // polling interval
        }
    }
}
