package dev.kevy.server.persist;

import static dev.kevy.server.persist.AppendLogTest.awaitDurable;
import static dev.kevy.server.persist.AppendLogTest.replay;
import static dev.kevy.server.persist.AppendLogTest.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kevy.server.rdb.Crc64;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A log turned on while running ({@link AppendLog#turnOn}), driven by hand where the server's
 * snapshot would drive it: no manifest until its first base is written; a failed base leaves the
 * log unlisted, going on into its file, and the retry takes the next sequence; the success lists
 * the new base and log alone and deletes every file before them; a stop before any success leaves
 * no file behind; a turn-off takes what the shards committed before they detached, then stops.
 */
class LogTurnOnTest {
    private static final String NAME = "appendonly.aof";
    private static final String DIRNAME = "appendonlydir";
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(20);

    @TempDir
    Path dir;

    private AppendLog turnOn(int shards) {
        return AppendLog.turnOn(shards, AppendLog.Policy.ALWAYS, dir.toString(), DIRNAME, NAME, shard -> { });
    }

    private static void awaitRewriteEnded(AppendLog log) {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (log.rewriting()) {
            if (System.nanoTime() > deadline) {
                fail("the rewrite never ended");
            }
            LockSupport.parkNanos(100_000);
        }
    }

    /** What the snapshot writer does for rewrite {@code seq}: its base file on disk, then the outcome. */
    private void baseWritten(AppendLog log, long seq) throws IOException {
        byte[] rdb = new byte[18]; // an empty RDB: magic and version, EOF, CRC-64 of those
        System.arraycopy("REDIS0011".getBytes(StandardCharsets.US_ASCII), 0, rdb, 0, 9);
        rdb[9] = (byte) 0xFF;
        long crc = Crc64.update(0, MemorySegment.ofArray(rdb), 0, 10);
        for (int i = 0; i < 8; i++) {
            rdb[10 + i] = (byte) (crc >>> (8 * i)); // little-endian, as Redis writes it
        }
        Files.write(dir.resolve(log.rewriteBase(seq)), rdb);
        log.rewriteFinished(true);
    }

    @Test
    void aFailedBaseIsTriedAgainAndOnlyTheSuccessWritesAManifest() throws IOException {
        AppendLog log = turnOn(2);
        assertTrue(log.awaitingBase());
        assertTrue(log.rewriteDue(100, 64L << 20), "the first base is due at once");
        long first = log.beginRewrite();
        assertEquals(1, first);
        log.shard(0).switchTo(first); // shard 0's cut: it logs from here; shard 1 never cuts (the snapshot fails)
        set(log.shard(0), "a", "lost with the failed base");
        log.shard(0).commit();
        awaitDurable(log.shard(0), 1);
        log.rewriteFinished(false);
        awaitRewriteEnded(log);
        assertFalse(log.lastRewriteSucceeded());
        assertTrue(log.awaitingBase());
        assertFalse(log.rewriteDue(100, 64L << 20), "the next try waits " + AppendLog.BASE_RETRY_MILLIS + " ms");
        assertFalse(Files.exists(dir.resolve(DIRNAME).resolve(NAME + ".manifest")), "no manifest names a log without its base");
        assertTrue(Files.exists(dir.resolve(DIRNAME).resolve(NAME + ".1.incr.klog")));

        long second = log.beginRewrite();
        assertEquals(2, second, "the retry takes the next sequence");
        log.shard(0).switchTo(second);
        log.shard(1).switchTo(second);
        set(log.shard(0), "a", "after");
        set(log.shard(1), "b", "after");
        log.shard(0).commit();
        log.shard(1).commit();
        awaitDurable(log.shard(1), 1);
        baseWritten(log, second);
        awaitRewriteEnded(log);
        assertTrue(log.lastRewriteSucceeded());
        assertFalse(log.awaitingBase());
        assertEquals("file appendonly.aof.2.base.rdb seq 2 type b\nfile appendonly.aof.2.incr.klog seq 2 type i\n",
                Files.readString(dir.resolve(DIRNAME).resolve(NAME + ".manifest")));
        assertFalse(Files.exists(dir.resolve(DIRNAME).resolve(NAME + ".1.incr.klog")), "the failed try's log is deleted");
        log.stop();
        LogStore store = LogStore.open(dir.toString(), DIRNAME, NAME, 2, true, false, () -> null);
        AppendLog again = new AppendLog(2, AppendLog.Policy.ALWAYS, store);
        assertEquals(List.of("3@1000 SET a after"), replay(again, 0));
        assertEquals(List.of("3@1000 SET b after"), replay(again, 1));
        again.stop();
    }

    @Test
    void aTurnOffTakesEveryCommittedRecordThenStopsTheWriterOnceEveryShardDetached() throws IOException {
        AppendLog log = new AppendLog(2, AppendLog.Policy.ALWAYS, LogStore.open(dir.toString(), DIRNAME, NAME, 2, true, false,
                () -> null));
        log.start(shard -> { });
        log.attached();
        log.attached();
        long seq = log.beginRewrite();
        assertEquals(-1, log.beginRewrite(), "a rewrite runs");
        assertFalse(log.turnOff(), "not while a rewrite runs");
        log.rewriteFinished(false); // before any cut: the writer ends it at once
        awaitRewriteEnded(log);
        set(log.shard(0), "a", "1");
        log.shard(0).commit();
        assertTrue(log.turnOff());
        assertFalse(log.turnOff(), "once");
        assertEquals(-1, log.beginRewrite(), "no rewrite of a log turned off");
        set(log.shard(1), "b", "2"); // before shard 1's tick saw the turn-off: still logged
        log.shard(1).commit();
        log.detached();
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        assertFalse(log.writerEnded(), "shard 1 still logs");
        log.detached();
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (!log.writerEnded()) {
            if (System.nanoTime() > deadline) {
                fail("the writer never stopped");
            }
            LockSupport.parkNanos(100_000);
        }
        assertEquals(1, log.shard(1).durableSequence(), "its last records were synced before it stopped");
        assertEquals(2, seq);
        AppendLog again = new AppendLog(2, AppendLog.Policy.ALWAYS, LogStore.open(dir.toString(), DIRNAME, NAME, 2, true, false,
                () -> null));
        assertEquals(List.of("3@1000 SET a 1"), replay(again, 0));
        assertEquals(List.of("3@1000 SET b 2"), replay(again, 1));
        again.stop();
    }

    @Test
    void aStopBeforeTheFirstBaseLeavesNoFileBehind() throws IOException {
        AppendLog log = turnOn(1);
        long seq = log.beginRewrite();
        log.shard(0).switchTo(seq);
        set(log.shard(0), "k", "v");
        log.shard(0).commit();
        awaitDurable(log.shard(0), 1);
        log.stop(); // SHUTDOWN while the base is still being written
        try (var files = Files.list(dir.resolve(DIRNAME))) {
            assertEquals(List.of(), files.map(p -> p.getFileName().toString()).toList());
        }
    }
}
