package dev.kevy.server.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * CONFIG SET appendonly yes on a running server, as Redis 7 does it: a rewrite writes everything
 * so far as the log's base, each shard logs from its cut of that rewrite, and only then does a
 * manifest name the files. After {@code kill -9} and a start with {@code --appendonly yes}, every
 * key is back: those written before the turn-on (in the base), during the cut (on either side of
 * their shard's cut, atomic commands across shards included) and after it (in the log). CONFIG
 * SET appendonly no stops the log without losing a held reply, and turning it on again makes the
 * running data the next base.
 */
class AppendLogTurnOnTest {

    @TempDir
    Path dir;

    private String[] flags(String appendonly) {
        return new String[] {"--shards", "2", "--dir", dir.toString(), "--appendonly", appendonly, "--appendfsync", "always"};
    }

    @Test
    void configSetAppendonlyYesKeepsEveryWriteAcrossAKillNine() throws Exception {
        Map<String, String> written;
        try (ServerProcess kevy = ServerProcess.start(flags("no")); Jedis j = new Jedis("127.0.0.1", kevy.port());
             Jedis other = new Jedis("127.0.0.1", kevy.port())) {
            DataSet.populate(j);
            assertEquals("no", j.configGet("appendonly").get("appendonly"));
            AtomicReference<Throwable> failed = new AtomicReference<>();
            Thread writer = new Thread(() -> { // while the cut goes round the shards, and after
                try {
                    for (int i = 0; i < 2000; i++) {
                        other.set("during:" + i, Integer.toString(i));
                        other.rename("during:" + i, "renamed:" + i); // across shards for about half: atomic turns
                        other.msetnx("nx:a:" + i, "1", "nx:b:" + i, "2");
                    }
                } catch (Throwable t) {
                    failed.set(t);
                }
            });
            writer.start();
            assertEquals("OK", j.configSet("appendonly", "yes"));
            writer.join();
            assertEquals(null, failed.get(), "the writes during the turn-on");
            awaitBase(j);
            assertEquals("yes", j.configGet("appendonly").get("appendonly"));
            assertEquals("file appendonly.aof.1.base.rdb seq 1 type b\nfile appendonly.aof.1.incr.klog seq 1 type i\n",
                    Files.readString(dir.resolve("appendonlydir/appendonly.aof.manifest")));
            assertTrue(j.info("persistence").contains("aof_enabled:1"), j.info("persistence"));
            assertEquals("OK", j.configSet("appendonly", "yes"), "on already: nothing to do");
            for (int i = 0; i < 200; i++) { // acknowledged under always, after the base: in the log
                j.set("after:" + i, "v" + i);
            }
            j.del("s:1", "s:2");
            written = DataSet.contents(j);
            kevy.kill();
        }
        assertBackAfterARestart(written, "the base and the log of a turn-on, after kill -9");
    }

    @Test
    void configSetAppendonlyNoStopsTheLogAndYesStartsANewOneOverTheRunningData() throws Exception {
        Map<String, String> written;
        try (ServerProcess kevy = ServerProcess.start(flags("yes")); Jedis j = new Jedis("127.0.0.1", kevy.port());
             Jedis other = new Jedis("127.0.0.1", kevy.port())) {
            DataSet.populate(j);
            redis.clients.jedis.Pipeline burst = other.pipelined(); // under always: replies held for the writer's fsync
            for (int i = 0; i < 500; i++) {
                burst.set("burst:" + i, Integer.toString(i));
            }
            assertEquals("OK", j.configSet("appendonly", "no"));
            assertEquals(java.util.Collections.nCopies(500, "OK"), burst.syncAndReturnAll(), "every held reply left");
            assertEquals("no", j.configGet("appendonly").get("appendonly"));
            assertTrue(j.info("persistence").contains("aof_enabled:0"), j.info("persistence"));
            assertEquals("OK", j.configSet("appendonly", "no"), "off already: nothing to do");
            JedisDataException noLog = assertThrows(JedisDataException.class, j::bgrewriteaof);
            assertEquals("ERR the append-only log is off: turn it on with CONFIG SET appendonly yes", noLog.getMessage());
            for (int i = 0; i < 300; i++) { // with the log off (once each shard's tick has seen it)
                j.set("off:" + i, "v" + i);
            }
            j.rename("s:1", "renamed:1");
            turnOnOverAnEarlierLog(j);
            j.set("on:again", "yes");
            written = DataSet.contents(j);
            kevy.kill();
        }
        assertBackAfterARestart(written, "off, on again, kill -9");
    }

    @Test
    void aTurnOffAfterARewriteClosesOnlyTheLogsOwnDescriptors() throws Exception {
        try (ServerProcess kevy = ServerProcess.start(flags("yes")); Jedis j = new Jedis("127.0.0.1", kevy.port())) {
            j.set("k", "v");
            assertEquals("Background append only file rewriting started", j.bgrewriteaof());
            awaitBase(j); // the writer closed the start-up log's descriptor: its number is free again
            try (Jedis late = new Jedis("127.0.0.1", kevy.port())) {
                assertEquals("PONG", late.ping()); // accepted now: most likely on that number
                assertEquals("OK", j.configSet("appendonly", "no"));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (logsOpen(kevy.pid()) > 0) { // the writer stops once every shard has seen the turn-off
                    assertTrue(System.nanoTime() < deadline, "the log stayed open after CONFIG SET appendonly no");
                    Thread.onSpinWait();
                }
                assertEquals("PONG", late.ping(), "the turn-off closed a client's descriptor");
                assertEquals("v", late.get("k"));
            }
        }
    }

    /** The process's descriptors open on a log file. */
    private static long logsOpen(long pid) throws java.io.IOException {
        try (var fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().endsWith(".incr.klog");
                } catch (java.io.IOException e) {
                    return false; // closed while we looked
                }
            }).count();
        }
    }

    @Test
    void theLogOfAnEarlierRunIsReplacedByTheRunningDataNotReplayed() throws Exception {
        try (ServerProcess kevy = ServerProcess.start(flags("yes")); Jedis j = new Jedis("127.0.0.1", kevy.port())) {
            j.set("earlier", "run");
            kevy.kill();
        }
        assertTrue(Files.exists(dir.resolve("appendonlydir/appendonly.aof.1.incr.klog")));
        Map<String, String> written;
        try (ServerProcess kevy = ServerProcess.start(flags("no")); Jedis j = new Jedis("127.0.0.1", kevy.port())) {
            assertEquals(0L, j.dbSize(), "the log is off: the earlier run's log is not loaded");
            j.set("running", "data");
            turnOnOverAnEarlierLog(j);
            j.set("after", "turn-on");
            written = DataSet.contents(j);
            kevy.kill();
        }
        assertBackAfterARestart(written, "the running data, not the earlier run's"); // and so no "earlier" key
    }

    @Test
    void aDirectoryThatCannotBeWrittenRefusesTheTurnOnAndTheServerGoesOn() throws Exception {
        try (ServerProcess kevy = ServerProcess.start(flags("no")); Jedis j = new Jedis("127.0.0.1", kevy.port())) {
            j.set("k", "v");
            Files.delete(dir); // empty: nothing was saved there yet
            JedisDataException refused = assertThrows(JedisDataException.class, () -> j.configSet("appendonly", "yes"));
            assertTrue(refused.getMessage().startsWith("ERR CONFIG SET failed (possibly related to argument 'appendonly') - "
                    + "Can't open or create append-only dir " + dir + "/appendonlydir: No such file or directory"),
                    refused.getMessage());
            assertEquals("no", j.configGet("appendonly").get("appendonly"));
            assertTrue(j.info("persistence").contains("aof_enabled:0"), j.info("persistence"));
            assertEquals("v", j.get("k"));
            j.set("k", "w"); // writes go on: the log never started
            assertEquals("w", j.get("k"));
        }
    }

    /** Starts with {@code --appendonly yes} and finds exactly {@code written} (every key, no other). */
    private void assertBackAfterARestart(Map<String, String> written, String what) {
        try (ServerProcess kevy = ServerProcess.start(flags("yes")); Jedis j = new Jedis("127.0.0.1", kevy.port())) {
            DataSet.assertSameContents(written, DataSet.contents(j), what);
        }
    }

    /** CONFIG SET appendonly yes where log 1 exists: base and log 2 replace it in the manifest, log 1 is deleted. */
    private void turnOnOverAnEarlierLog(Jedis j) throws java.io.IOException {
        assertEquals("OK", j.configSet("appendonly", "yes"));
        awaitBase(j);
        assertEquals("file appendonly.aof.2.base.rdb seq 2 type b\nfile appendonly.aof.2.incr.klog seq 2 type i\n",
                Files.readString(dir.resolve("appendonlydir/appendonly.aof.manifest")));
        assertFalse(Files.exists(dir.resolve("appendonlydir/appendonly.aof.1.incr.klog")), "the earlier log is deleted");
    }

    /** Waits until the turn-on's rewrite has written the base (in progress until then, as in Redis). */
    static void awaitBase(Jedis j) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (j.info("persistence").contains("aof_rewrite_in_progress:1")) {
            assertTrue(System.nanoTime() < deadline, "the turn-on's base was not written: " + j.info("persistence"));
            Thread.onSpinWait();
        }
        assertTrue(j.info("persistence").contains("aof_last_bgrewrite_status:ok"), j.info("persistence"));
    }
}
