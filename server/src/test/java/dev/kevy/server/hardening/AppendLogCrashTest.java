package dev.kevy.server.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.args.ListDirection;

/**
 * {@code appendonly yes} under {@code kill -9}: every write is back after a restart exactly as it
 * was (every type, cross-shard atomic commands, transactions, blocking pops served later, SPOP,
 * expiries, SWAPDB), and under {@code appendfsync always} no write a client saw acknowledged is
 * ever lost, with several clients writing when the process dies at a random moment.
 */
class AppendLogCrashTest {
    /** Kill rounds in {@code make test}; {@code -Dkevy.crash.rounds=N} runs more ({@code make stress}). */
    private static final int ROUNDS = Integer.getInteger("kevy.crash.rounds", 3);
    private static final int WRITERS = 4;

    @TempDir
    Path dir;

    private String[] flags(String fsync) {
        return new String[] {"--shards", "2", "--dir", dir.toString(), "--appendonly", "yes", "--appendfsync", fsync};
    }

    @Test
    void everyWriteComesBackAfterKillNine() throws Exception {
        Map<String, String> written;
        try (ServerProcess kevy = ServerProcess.start(flags("always")); Jedis j = new Jedis("127.0.0.1", kevy.port())) {
            DataSet.populate(j);
            mixedWrites(j, kevy.port());
            written = DataSet.contents(j);
            kevy.kill();
        }
        assertTrue(written.size() > 3000, "the dataset was written: " + written.size());
        try (ServerProcess kevy = ServerProcess.start(flags("always")); Jedis j = new Jedis("127.0.0.1", kevy.port())) {
            DataSet.assertSameContents(written, DataSet.contents(j), "replayed after kill -9");
            j.set("after", "restart"); // the log goes on where it was cut
            written.put("0:after", "string " + java.util.HexFormat.of().formatHex("restart".getBytes()) + " expires -1");
            kevy.kill();
        }
        try (ServerProcess kevy = ServerProcess.start(flags("everysec")); Jedis j = new Jedis("127.0.0.1", kevy.port())) {
            DataSet.assertSameContents(written, DataSet.contents(j), "replayed after a second kill -9");
        }
    }

    @Test
    void bgrewriteaofMakesASnapshotTheBaseAndKeepsEveryWrite() throws Exception {
        Map<String, String> written;
        try (ServerProcess kevy = ServerProcess.start(flags("always")); Jedis j = new Jedis("127.0.0.1", kevy.port());
             Jedis other = new Jedis("127.0.0.1", kevy.port())) {
            DataSet.populate(j);
            assertEquals("Background append only file rewriting started", j.bgrewriteaof());
            for (int i = 0; i < 2000; i++) { // while the snapshot scans: each on one side of its shard's cut
                other.set("during:" + i, Integer.toString(i));
                other.del("s:" + (100 + i));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (j.info("persistence").contains("aof_rewrite_in_progress:1")) {
                assertTrue(System.nanoTime() < deadline, "the rewrite did not end");
                Thread.onSpinWait();
            }
            assertTrue(j.info("persistence").contains("aof_last_bgrewrite_status:ok"), j.info("persistence"));
            assertEquals("file appendonly.aof.2.base.rdb seq 2 type b\nfile appendonly.aof.2.incr.klog seq 2 type i\n",
                    Files.readString(dir.resolve("appendonlydir/appendonly.aof.manifest")));
            assertTrue(Files.exists(dir.resolve("appendonlydir/appendonly.aof.2.base.rdb")));
            assertTrue(!Files.exists(dir.resolve("appendonlydir/appendonly.aof.1.incr.klog")), "the old log is deleted");
            j.set("after", "rewrite");
            written = DataSet.contents(j);
            kevy.kill();
        }
        try (ServerProcess kevy = ServerProcess.start(flags("always")); Jedis j = new Jedis("127.0.0.1", kevy.port())) {
            DataSet.assertSameContents(written, DataSet.contents(j), "the new base and the new log, after kill -9");
        }
    }

    @Test
    void killNineAtAnyMomentOfARewriteKeepsEveryAcknowledgedWrite() throws Exception {
        long[] killAfterMillis = {0, 20, 150};
        for (int round = 0; round < killAfterMillis.length; round++) {
            long delay = killAfterMillis[round];
            Map<String, String> expected;
            String state;
            try (ServerProcess kevy = ServerProcess.start(flags("always")); Jedis j = new Jedis("127.0.0.1", kevy.port())) {
                if (round == 0) {
                    DataSet.populate(j); // megabytes: the snapshot and its scan take a while
                }
                expected = DataSet.contents(j);
                j.bgrewriteaof();
                long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay); // the crash point, on purpose
                int i = 0;
                do { // acknowledged under always: each must survive, on whichever side of the cuts it fell
                    String value = Integer.toString(i);
                    j.set("r" + round + ":" + i, value);
                    expected.put("0:r" + round + ":" + i, "string " + java.util.HexFormat.of().formatHex(value.getBytes())
                            + " expires -1");
                    i++;
                } while (System.nanoTime() < until);
                state = j.info("persistence").contains("aof_rewrite_in_progress:1") ? "still running" : "done";
                kevy.kill();
                System.out.println("kill -9 " + delay + " ms into a BGREWRITEAOF (" + state + ")");
            }
            try (ServerProcess kevy = ServerProcess.start(flags("always")); Jedis j = new Jedis("127.0.0.1", kevy.port())) {
                DataSet.assertSameContents(expected, DataSet.contents(j), "killed " + delay + " ms into a rewrite ("
                        + state + "), then restarted");
            }
        }
    }

    @Test
    void theLogIsRewrittenOnItsOwnOnceItHasGrownEnough() throws Exception {
        Map<String, String> written;
        String[] auto = {"--auto-aof-rewrite-percentage", "100", "--auto-aof-rewrite-min-size", "1mb"};
        try (ServerProcess kevy = ServerProcess.start(concat(flags("everysec"), auto));
             Jedis j = new Jedis("127.0.0.1", kevy.port())) {
            assertEquals(Map.of("auto-aof-rewrite-min-size", "1048576"), j.configGet("auto-aof-rewrite-min-size"));
            String value = "v".repeat(1000);
            for (int i = 0; i < 1500; i++) { // 1.5 MB of log: past the minimum, and double its size at start
                j.set("k" + i, value);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.exists(dir.resolve("appendonlydir/appendonly.aof.2.base.rdb")) || j.info("persistence")
                    .contains("aof_rewrite_in_progress:1")) {
                assertTrue(System.nanoTime() < deadline, "no automatic rewrite: " + j.info("persistence"));
                Thread.onSpinWait();
            }
            assertEquals("file appendonly.aof.2.base.rdb seq 2 type b\nfile appendonly.aof.2.incr.klog seq 2 type i\n",
                    Files.readString(dir.resolve("appendonlydir/appendonly.aof.manifest")));
            j.set("after", "rewrite");
            written = DataSet.contents(j);
            j.save(); // the dump file is not the log's base: the log alone must bring everything back
            kevy.kill();
        }
        try (ServerProcess kevy = ServerProcess.start(flags("everysec")); Jedis j = new Jedis("127.0.0.1", kevy.port())) {
            DataSet.assertSameContents(written, DataSet.contents(j), "after the automatic rewrite and kill -9");
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /** Writes whose replay needs more than the command as sent. */
    private static void mixedWrites(Jedis j, int port) throws Exception {
        j.rename("s:1", "renamed:1"); // across shards, most likely: an atomic turn
        j.msetnx("new:1", "a", "new:2", "b", "new:3", "c");
        j.del("s:2", "s:3", "s:5");
        j.incrByFloat("float", 1.1);
        j.incrByFloat("float", 2.25);
        j.expire("s:4", 5000);
        j.setex("ex", 3000, "v");
        j.spop("set:large", 7); // random: logged as what it left
        j.smove("set:small", "set:moved", "a");
        j.lmove("list:short", "list:dst", ListDirection.LEFT, ListDirection.RIGHT);
        j.zincrby("z:small", 2.5, "a");
        j.zpopmin("z:large", 3);
        j.hincrBy("h:small", "f1", 5);
        j.copy("h:small", "h:copy", false);
        j.sunionstore("union", "set:small", "set:int");
        j.append("s:6", "-tail");
        j.setrange("s:7", 2, "XY");
        j.getDel("s:8");
        j.persist("s:14");
        j.pexpire("short", 1); // expires at once: replayed at its clock, it expires there too
        j.set("short", "gone", redis.clients.jedis.params.SetParams.setParams().px(1));
        Transaction t = j.multi();
        t.set("{tx}1", "1"); // one shard: EXEC runs there, its reply held whole for the fsync
        t.incr("{tx}1");
        t.rpush("{tx}list", "a", "b");
        assertEquals(List.of("OK", 2L, 2L), t.exec().subList(0, 3));
        t = j.multi();
        t.set("tx:far:1", "x"); // keys on both shards: the transaction runs as one atomic turn
        t.set("tx:far:2", "y");
        t.set("tx:far:3", "z");
        t.exec();
        j.swapDB(1, 2);
        j.select(15);
        j.flushDB();
        j.select(0);
        // A pop served later: the client blocks first, the push wakes it.
        try (Jedis blocked = new Jedis("127.0.0.1", port)) {
            Thread popper = new Thread(() -> blocked.blpop(0, "queue"));
            popper.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!j.info("clients").contains("blocked_clients:1") && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            j.rpush("queue", "first", "second");
            popper.join(20_000);
        }
        assertEquals(List.of("second"), j.lrange("queue", 0, -1));
    }

    @Test
    void alwaysLosesNoAcknowledgedWriteWhenKilledMidStream() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String p = "r" + round + ":";
            AtomicLongArray acked = new AtomicLongArray(WRITERS); // writes of each writer whose three replies came
            try (ServerProcess kevy = ServerProcess.start(flags("always"))) {
                List<Thread> writers = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++) {
                    int me = w;
                    Thread t = new Thread(() -> write(kevy.port(), p + me, acked, me));
                    t.start();
                    writers.add(t);
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                long target = 200 + ThreadLocalRandom.current().nextInt(800); // writes per writer before the kill
                while (minimum(acked) < target && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                kevy.kill();
                for (Thread t : writers) {
                    t.join(30_000);
                }
            }
            try (ServerProcess kevy = ServerProcess.start(flags("always")); Jedis j = new Jedis("127.0.0.1", kevy.port())) {
                for (int w = 0; w < WRITERS; w++) {
                    String k = p + w;
                    long n = acked.get(w);
                    assertTrue(n > 0, "writer " + w + " wrote before the kill");
                    long counter = Long.parseLong(j.get(k + ":counter"));
                    assertTrue(counter >= n && counter <= n + 1, "counter " + counter + " after " + n + " acknowledged INCRs");
                    List<String> list = j.lrange(k + ":list", 0, -1);
                    assertTrue(list.size() >= n && list.size() <= n + 1, list.size() + " elements after " + n + " RPUSHes");
                    for (int i = 0; i < n; i++) {
                        assertEquals(Integer.toString(i), list.get(i), "element " + i + " of " + k);
                        assertEquals(Integer.toString(i), j.get(k + ":" + i), "acknowledged SET " + k + ":" + i);
                    }
                }
            }
        }
        assertTrue(Files.exists(dir.resolve("appendonlydir/appendonly.aof.manifest")));
    }

    private static long minimum(AtomicLongArray a) {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < a.length(); i++) {
            min = Math.min(min, a.get(i));
        }
        return min;
    }

    /** SET, INCR, RPUSH, one after the other, until the connection dies; counts the fully answered rounds. */
    private static void write(int port, String k, AtomicLongArray acked, int me) {
        try (Jedis j = new Jedis("127.0.0.1", port)) {
            for (int i = 0; ; i++) {
                j.set(k + ":" + i, Integer.toString(i));
                j.incr(k + ":counter");
                j.rpush(k + ":list", Integer.toString(i));
                acked.set(me, i + 1);
            }
        } catch (RuntimeException expected) {
            // the server was killed
        }
    }
}
