package dev.kevy.server.persist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kevy.io.codec.Request;
import dev.kevy.sys.Errno;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The append-only log on its own: what the shards commit comes back at start-up, per shard and in
 * order, and only whole; a log cut or damaged at every byte of its last block loads what came
 * before it and is cut there; damage with valid blocks after it refuses to start unless told;
 * a failed fsync stops the log for good and is never retried.
 */
class AppendLogTest {
    private static final String NAME = "appendonly.aof";
    private static final String DIRNAME = "appendonlydir";
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(20);

    @TempDir
    Path dir;

    private LogStore store(int shards, boolean loadTruncated, boolean loadCorrupt) {
        return LogStore.open(dir.toString(), DIRNAME, NAME, shards, loadTruncated, loadCorrupt, () -> null);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static void set(ShardLog log, String key, String value) {
        log.begin(3, 1_000);
        log.arg(ascii("SET"));
        log.arg(ascii(key));
        log.arg(ascii(value));
        log.end();
    }

    /** {@code args} as one request, through {@link ShardLog#command} (a COMPACT record when it can be one). */
    static void command(ShardLog log, int db, long now, String... args) {
        byte[][] bytes = new byte[args.length][];
        int total = 0;
        for (int i = 0; i < args.length; i++) {
            bytes[i] = ascii(args[i]);
            total += bytes[i].length;
        }
        MemorySegment s = MemorySegment.ofArray(new byte[Math.max(1, total)]);
        Request r = new Request();
        r.clear();
        long at = 0;
        for (int i = 0; i < args.length; i++) {
            MemorySegment.copy(MemorySegment.ofArray(bytes[i]), 0, s, at, bytes[i].length);
            r.field(i, at, bytes[i].length);
            at += bytes[i].length;
        }
        r.complete(s, args.length);
        log.command(db, now, r);
    }

    static void awaitDurable(ShardLog log, long sequence) {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (log.durableSequence() < sequence) {
            if (System.nanoTime() > deadline) {
                fail("COMMIT " + sequence + " never became durable (at " + log.durableSequence() + ")");
            }
            LockSupport.parkNanos(100_000);
        }
    }

    /** Each of shard {@code shard}'s replayed commands as "db@clock ARG ARG ...". */
    static List<String> replay(AppendLog log, int shard) {
        List<String> seen = new ArrayList<>();
        log.replay(shard, (c, db, now) -> {
            StringBuilder b = new StringBuilder(db + "@" + now);
            for (int i = 0; i < c.argc(); i++) {
                b.append(' ').append(c.toString(i));
            }
            seen.add(b.toString());
        });
        return seen;
    }

    private Path incr() {
        return dir.resolve(DIRNAME).resolve(NAME + ".1.incr.klog");
    }

    @Test
    void committedRecordsComeBackPerShardInOrderAndUncommittedOnesDoNot() throws IOException {
        AppendLog log = new AppendLog(2, AppendLog.Policy.ALWAYS, store(2, true, false), 4096);
        log.start(shard -> { });
        set(log.shard(0), "a", "1");
        set(log.shard(0), "b", "2");
        log.shard(0).commit();
        set(log.shard(1), "c", "3");
        log.shard(1).commit();
        set(log.shard(0), "d", "4");
        log.shard(0).commit();
        awaitDurable(log.shard(0), 2);
        awaitDurable(log.shard(1), 1);
        long committedBytes = log.fileBytes(); // the file holds zeros after it (LogPreallocationTest)
        // More than the small ring holds, never committed: published in pieces as the ring fills, written, not replayed.
        String big = "x".repeat(900);
        for (int i = 0; i < 10; i++) {
            set(log.shard(1), "uncommitted" + i, big);
        }
        log.stop();
        assertTrue(Files.size(incr()) > committedBytes + 5 * 900, "the uncommitted records reached the file");

        AppendLog again = new AppendLog(2, AppendLog.Policy.ALWAYS, store(2, true, false));
        assertEquals(List.of("3@1000 SET a 1", "3@1000 SET b 2", "3@1000 SET d 4"), replay(again, 0));
        assertEquals(List.of("3@1000 SET c 3"), replay(again, 1));
        again.stop();
    }

    /** Three blocks, one COMMIT each; returns the file's bytes and where blocks 1 and 2 end. */
    private long[] threeBlocks() throws IOException {
        AppendLog log = new AppendLog(1, AppendLog.Policy.ALWAYS, store(1, true, false));
        log.start(shard -> { });
        long[] ends = new long[3];
        for (int i = 1; i <= 3; i++) {
            if (i == 3) {
                command(log.shard(0), 3, 1_000, "SET", "k" + i, "v" + i); // a COMPACT record in the block cut and damaged
            } else {
                set(log.shard(0), "k" + i, "v" + i);
            }
            log.shard(0).commit();
            awaitDurable(log.shard(0), i); // one block per COMMIT: the writer took it before the next
            ends[i - 1] = log.fileBytes();
        }
        log.stop();
        return ends;
    }

    private List<String> reopen(byte[] contents, boolean loadTruncated, boolean loadCorrupt) throws IOException {
        Files.write(incr(), contents);
        AppendLog log = new AppendLog(1, AppendLog.Policy.ALWAYS, store(1, loadTruncated, loadCorrupt));
        List<String> seen = replay(log, 0);
        log.stop();
        return seen;
    }

    @Test
    void aLogCutAtEveryByteOfItsLastBlockLoadsTheBlocksBeforeAndIsCutThere() throws IOException {
        long[] ends = threeBlocks();
        byte[] whole = Files.readAllBytes(incr());
        assertEquals(ends[2], whole.length);
        for (long cut = ends[1] + 1; cut < ends[2]; cut++) {
            List<String> seen = reopen(Arrays.copyOf(whole, (int) cut), true, false);
            assertEquals(List.of("3@1000 SET k1 v1", "3@1000 SET k2 v2"), seen, "cut at " + cut);
            assertEquals(ends[1], Files.size(incr()), "the torn block is cut off the file (cut at " + cut + ")");
        }
        assertEquals(3, reopen(whole, true, false).size());
    }

    @Test
    void aLogDamagedAtEveryByteOfItsLastBlockLoadsTheBlocksBefore() throws IOException {
        long[] ends = threeBlocks();
        byte[] whole = Files.readAllBytes(incr());
        for (long at = ends[1]; at < ends[2]; at++) {
            byte[] damaged = whole.clone();
            damaged[(int) at] ^= 0x5A;
            List<String> seen = reopen(damaged, true, false);
            assertEquals(List.of("3@1000 SET k1 v1", "3@1000 SET k2 v2"), seen, "damaged at " + at);
            assertEquals(ends[1], Files.size(incr()));
        }
    }

    @Test
    void aTornTailStopsTheStartWithoutAofLoadTruncated() throws IOException {
        long[] ends = threeBlocks();
        byte[] cut = Arrays.copyOf(Files.readAllBytes(incr()), (int) ends[2] - 3);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> reopen(cut, false, false));
        assertTrue(e.getMessage().contains("--aof-load-truncated yes"), e.getMessage());
        assertEquals(ends[2] - 3, Files.size(incr()), "nothing is cut when the start is refused");
    }

    @Test
    void damageBeforeTheEndRefusesToStartUnlessToldToLoadWhatIsValid() throws IOException {
        long[] ends = threeBlocks();
        byte[] damaged = Files.readAllBytes(incr());
        damaged[(int) ends[0] + 20] ^= 0x01; // inside block 2's payload: block 3 is valid after it
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> reopen(damaged, true, false));
        assertTrue(e.getMessage().contains("damaged") && e.getMessage().contains("offset " + ends[0]), e.getMessage());
        assertEquals(List.of("3@1000 SET k1 v1"), reopen(damaged, true, true));
        assertEquals(ends[0], Files.size(incr()));
    }

    @Test
    void aLogWrittenByAnotherShardCountIsRefused() {
        new AppendLog(2, AppendLog.Policy.NO, store(2, true, false)).stop();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> store(1, true, false));
        assertTrue(e.getMessage().contains("start with --shards 2"), e.getMessage());
    }

    @Test
    void aFailedFsyncStopsTheLogAndIsNeverRetried() {
        AtomicInteger syncs = new AtomicInteger();
        AppendLog log = new AppendLog(1, AppendLog.Policy.ALWAYS, store(1, true, false));
        log.start(shard -> { }, new AppendLog.Disk() {
            @Override
            public int fdatasync(int fd) {
                syncs.incrementAndGet();
                return -Errno.EIO;
            }
        });
        set(log.shard(0), "k", "v");
        log.shard(0).commit();
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (!log.failed()) {
            if (System.nanoTime() > deadline) {
                fail("the failed fsync was not noticed");
            }
            LockSupport.parkNanos(100_000);
        }
        assertTrue(log.failure().contains("Input/output error"), log.failure()); // strerror, as Redis words it
        set(log.shard(0), "k2", "v2");
        log.shard(0).commit();
        log.stop(); // joins the writer: nothing it could still do is left
        assertEquals(0, log.shard(0).durableSequence(), "nothing was made durable");
        assertEquals(1, syncs.get(), "the failed fsync is not tried again");
    }

    @Test
    void largeRecordsTravelAsBlocksOfTheirOwn() {
        AppendLog log = new AppendLog(1, AppendLog.Policy.EVERYSEC, store(1, true, false), 4096);
        log.start(shard -> { });
        String value = "v".repeat(100_000); // far beyond the ring
        set(log.shard(0), "big", value);
        log.shard(0).commit();
        log.stop();
        AppendLog again = new AppendLog(1, AppendLog.Policy.EVERYSEC, store(1, true, false));
        assertEquals(List.of("3@1000 SET big " + value), replay(again, 0));
        again.stop();
    }

    @Test
    void wholeRequestsComeBackAsTheyWereWhateverTheirLengths() {
        AppendLog log = new AppendLog(1, AppendLog.Policy.NO, store(1, true, false), 4096);
        log.start(shard -> { });
        ShardLog l = log.shard(0);
        List<String> expected = new ArrayList<>();
        for (int length : new int[] {0, 1, 254, 255, 256, 70_000}) { // one-byte lengths, the escape, more than the ring holds
            command(l, 5, 42 + length, "SET", "k" + length, "v".repeat(length));
            expected.add("5@" + (42 + length) + " SET k" + length + " " + "v".repeat(length));
        }
        for (int db : new int[] {0, 255, 256, 4_000}) { // past 255: a COMMAND record
            command(l, db, 7, "DEL", "d" + db);
            expected.add(db + "@7 DEL d" + db);
        }
        set(l, "between", "x"); // a COMMAND among COMPACT records keeps its place
        expected.add("3@1000 SET between x");
        for (int argc : new int[] {255, 256}) {
            String[] args = new String[argc];
            Arrays.fill(args, "m");
            args[0] = "SADD";
            command(l, 1, 9, args);
            expected.add("1@9" + " " + String.join(" ", args));
        }
        l.commit();
        log.stop();
        AppendLog again = new AppendLog(1, AppendLog.Policy.NO, store(1, true, false));
        assertEquals(expected, replay(again, 0));
        again.stop();
    }

    @Test
    void aWholeRequestIsWrittenAsACompactRecord() throws IOException {
        AppendLog log = new AppendLog(1, AppendLog.Policy.NO, store(1, true, false));
        log.start(shard -> { });
        command(log.shard(0), 0, 1, "SET", "key:000000012345", "xxx"); // redis-benchmark's SET
        log.shard(0).commit(); // one publish: the writer takes both records into one block
        log.stop();
        long set = LogFormat.RECORD_HEADER + LogFormat.COMPACT_HEADER + (1 + 3) + (1 + 16) + (1 + 3);
        long commit = LogFormat.RECORD_HEADER + 8;
        assertEquals(LogFormat.FILE_HEADER + LogFormat.BLOCK_HEADER + set + commit, Files.size(incr()));
        assertEquals(43, set, "bytes of the SET in the log (Redis's AOF: 45)");
    }

    @Test
    void aVersionTwoLogIsReadAndANewerOneRefused() throws IOException {
        long[] ends = threeBlocks();
        byte[] whole = Files.readAllBytes(incr());
        byte[] older = whole.clone();
        older[8] = 2; // a version 2 log, which this version appends COMPACT records to after an upgrade
        assertEquals(List.of("3@1000 SET k1 v1", "3@1000 SET k2 v2", "3@1000 SET k3 v3"), reopen(older, true, false));
        byte[] newer = whole.clone();
        newer[8] = (byte) (LogFormat.VERSION + 1);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> reopen(newer, true, false));
        assertTrue(e.getMessage().contains("log version " + (LogFormat.VERSION + 1)), e.getMessage());
    }

    @Test
    void numbersAreWrittenInDecimal() {
        AppendLog log = new AppendLog(1, AppendLog.Policy.NO, store(1, true, false));
        log.start(shard -> { });
        ShardLog l = log.shard(0);
        l.begin(0, 7);
        for (long v : new long[] {0, 9, 10, -1, Long.MAX_VALUE, Long.MIN_VALUE}) {
            l.arg(v);
        }
        l.arg(MemorySegment.ofArray(ascii("xyz")), 1, 2);
        l.end();
        l.commit();
        log.stop();
        AppendLog again = new AppendLog(1, AppendLog.Policy.NO, store(1, true, false));
        assertEquals(List.of("0@7 0 9 10 -1 9223372036854775807 -9223372036854775808 yz"), replay(again, 0));
        again.stop();
    }

    @Test
    void aRewriteWhoseSnapshotFailedKeepsBothLogsAndReplaysThemInOrder() throws IOException {
        AppendLog log = new AppendLog(2, AppendLog.Policy.ALWAYS, store(2, true, false));
        log.start(shard -> { });
        set(log.shard(0), "a", "before");
        set(log.shard(1), "b", "before");
        long seq = log.beginRewrite();
        assertEquals(2, seq);
        assertEquals(-1, log.beginRewrite(), "one rewrite at a time");
        log.shard(0).switchTo(seq); // shard 0 made its cut; shard 1 never does (the snapshot failed first)
        set(log.shard(0), "a", "after");
        log.shard(0).commit();
        log.shard(1).commit();
        awaitDurable(log.shard(0), 2);
        log.rewriteFinished(false);
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (log.rewriting()) {
            if (System.nanoTime() > deadline) {
                fail("the failed rewrite never ended");
            }
            LockSupport.parkNanos(100_000);
        }
        assertTrue(!log.lastRewriteSucceeded());
        set(log.shard(1), "b", "later"); // goes to the second log now
        log.shard(1).commit();
        log.stop();
        assertEquals("file appendonly.aof.1.incr.klog seq 1 type i\nfile appendonly.aof.2.incr.klog seq 2 type i\n",
                Files.readString(dir.resolve(DIRNAME).resolve(NAME + ".manifest")));
        AppendLog again = new AppendLog(2, AppendLog.Policy.ALWAYS, store(2, true, false));
        assertEquals(List.of("3@1000 SET a before", "3@1000 SET a after"), replay(again, 0));
        assertEquals(List.of("3@1000 SET b before", "3@1000 SET b later"), replay(again, 1));
        again.stop();
    }
}
