package dev.kevy.server.persist;

import static dev.kevy.server.persist.AppendLogTest.awaitDurable;
import static dev.kevy.server.persist.AppendLogTest.replay;
import static dev.kevy.server.persist.AppendLogTest.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kevy.sys.Errno;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The zeros the writer keeps ahead of the log under {@code appendfsync always}: there while it
 * runs, cut when it stops, cut without complaint after a crash (and a torn block before them is
 * still torn), and a log that cannot have them is appended to without them.
 */
class LogPreallocationTest {
    private static final String NAME = "appendonly.aof";
    private static final String DIRNAME = "appendonlydir";

    @TempDir
    Path dir;

    private LogStore store(boolean loadTruncated) {
        return LogStore.open(dir.toString(), DIRNAME, NAME, 1, loadTruncated, false, () -> null);
    }

    private Path incr() {
        return dir.resolve(DIRNAME).resolve(NAME + ".1.incr.klog");
    }

    /** Writes SETs {@code from} to {@code to}, one COMMIT and block each, and waits until each is durable. */
    private static void commitSets(AppendLog log, int from, int to) {
        for (int i = from; i <= to; i++) {
            set(log.shard(0), "k" + i, "v" + i);
            log.shard(0).commit();
            awaitDurable(log.shard(0), i);
        }
    }

    private static boolean allZero(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    @Test
    void underAlwaysZerosRunAheadOfTheLogAndAreCutWhenTheWriterStops() throws IOException {
        AppendLog log = new AppendLog(1, AppendLog.Policy.ALWAYS, store(true));
        log.start(shard -> { });
        commitSets(log, 1, 3);
        long end = log.fileBytes();
        byte[] running = Files.readAllBytes(incr());
        assertEquals(Zeros.STEP, running.length, "one step of zeros covers three small blocks");
        assertTrue(allZero(running, (int) end), "only zeros after the last block");
        log.stop();
        assertEquals(end, Files.size(incr()), "the zeros are cut when the writer stops");
        AppendLog again = new AppendLog(1, AppendLog.Policy.ALWAYS, store(false));
        assertEquals(List.of("3@1000 SET k1 v1", "3@1000 SET k2 v2", "3@1000 SET k3 v3"), replay(again, 0));
        again.stop();
    }

    @Test
    void underEverysecNoZerosAreWritten() throws IOException {
        AppendLog log = new AppendLog(1, AppendLog.Policy.EVERYSEC, store(true));
        log.start(shard -> { });
        commitSets(log, 1, 2);
        assertEquals(log.fileBytes(), Files.size(incr()));
        log.stop();
    }

    @Test
    void zerosLeftByACrashAreCutAndAreNotATornTail() throws IOException {
        AppendLog log = new AppendLog(1, AppendLog.Policy.ALWAYS, store(true));
        log.start(shard -> { });
        commitSets(log, 1, 2);
        long end = log.fileBytes();
        log.stop();
        byte[] crashed = Arrays.copyOf(Files.readAllBytes(incr()), (int) end + Zeros.STEP); // as a kill -9 leaves it
        Files.write(incr(), crashed);
        AppendLog again = new AppendLog(1, AppendLog.Policy.ALWAYS, store(false)); // aof-load-truncated no: not torn
        assertEquals(List.of("3@1000 SET k1 v1", "3@1000 SET k2 v2"), replay(again, 0));
        again.stop();
        assertEquals(end, Files.size(incr()), "the zeros are cut at start-up");
    }

    @Test
    void aTornBlockBeforeTheZerosIsStillATornTail() throws IOException {
        AppendLog log = new AppendLog(1, AppendLog.Policy.ALWAYS, store(true));
        log.start(shard -> { });
        commitSets(log, 1, 1);
        long first = log.fileBytes();
        commitSets(log, 2, 2);
        long end = log.fileBytes();
        log.stop();
        byte[] bytes = Files.readAllBytes(incr());
        int tornCuts = 0;
        for (long cut = first + 1; cut < end; cut++) {
            byte[] torn = Arrays.copyOf(Arrays.copyOf(bytes, (int) cut), (int) end + Zeros.STEP); // zeros after the cut
            Files.write(incr(), torn);
            if (Arrays.equals(torn, 0, (int) end, bytes, 0, (int) end)) {
                continue; // the bytes cut were zeros (the high bytes of the COMMIT's sequence): nothing was lost
            }
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> store(false), "cut at " + cut);
            assertTrue(e.getMessage().contains("--aof-load-truncated yes"), e.getMessage());
            AppendLog again = new AppendLog(1, AppendLog.Policy.ALWAYS, store(true));
            assertEquals(List.of("3@1000 SET k1 v1"), replay(again, 0), "cut at " + cut);
            again.stop();
            assertEquals(first, Files.size(incr()));
            Files.write(incr(), bytes);
            tornCuts++;
        }
        assertTrue(tornCuts >= end - first - 8, tornCuts + " cuts made a torn block");
    }

    @Test
    void whenZerosCannotBeWrittenTheLogIsAppendedToWithoutThem() throws IOException {
        AtomicInteger tries = new AtomicInteger();
        AppendLog log = new AppendLog(1, AppendLog.Policy.ALWAYS, store(true));
        log.start(shard -> { }, new AppendLog.Disk() {
            @Override
            public int preallocate(int fd, long offset, long length) {
                tries.incrementAndGet();
                Zeros.write(fd, offset, length / 2); // half of them made it before the disk was full
                return -Errno.ENOSPC;
            }
        });
        commitSets(log, 1, 3);
        assertFalse(log.failed(), "the log goes on");
        assertEquals(log.fileBytes(), Files.size(incr()), "the zeros that were written are cut");
        assertEquals(1, tries.get(), "tried once for this log");
        log.stop();
        AppendLog again = new AppendLog(1, AppendLog.Policy.ALWAYS, store(false));
        assertEquals(3, replay(again, 0).size());
        again.stop();
    }
}
