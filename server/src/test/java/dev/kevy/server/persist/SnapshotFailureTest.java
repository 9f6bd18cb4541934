package dev.kevy.server.persist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kevy.server.store.Databases;
import dev.kevy.sys.Errno;
import dev.kevy.sys.Fs;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that fills up or fails an fsync, injected through {@link SnapshotFile.Disk}: the snapshot
 * fails with the reason Redis would give, the previous file stays as it was, no temporary file is
 * left behind, LASTSAVE does not move, INFO says err, and a save rule waits 5 s before trying again.
 */
class SnapshotFailureTest {
    private static final byte[] PREVIOUS = "the previous snapshot".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    private final Arena arena = Arena.ofConfined();
    private final Databases databases = new Databases(16);

    @AfterEach
    void close() {
        databases.close();
        arena.close();
    }

    /** A disk that takes {@code bytesBeforeFull} bytes, then fails every write with ENOSPC. */
    private static SnapshotFile.Disk fillsUpAfter(long bytesBeforeFull) {
        return new SnapshotFile.Disk() {
            long written;

            @Override
            public long write(int fd, MemorySegment s, long offset, long length) {
                long room = bytesBeforeFull - written;
                if (room <= 0) {
                    return -Errno.ENOSPC;
                }
                long n = Fs.write(fd, s, offset, Math.min(length, room)); // a short write first, as a real disk
                written += Math.max(n, 0);
                return n;
            }
        };
    }

    private static final SnapshotFile.Disk FSYNC_FAILS = new SnapshotFile.Disk() {
        @Override
        public int fsync(int fd) {
            return -Errno.EIO;
        }
    };

    private void populate(int keys) {
        MemorySegment key = arena.allocate(16);
        MemorySegment value = arena.allocate(64);
        for (int i = 0; i < keys; i++) {
            byte[] k = ("key:" + i).getBytes(StandardCharsets.US_ASCII);
            MemorySegment.copy(MemorySegment.ofArray(k), 0, key, 0, k.length);
            databases.get(0).set(key, 0, k.length, value, 0, 64, 0, 0, System.currentTimeMillis());
        }
    }

    private SnapshotJob run(Snapshots snapshots) {
        return run(snapshots, System.currentTimeMillis());
    }

    private SnapshotJob run(Snapshots snapshots, long startMillis) {
        SnapshotJob job = snapshots.begin(startMillis);
        assertNotNull(job);
        job.serialize(0, databases, 7, System.currentTimeMillis());
        awaitDone(job);
        return job;
    }

    private static void awaitDone(SnapshotJob job) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!job.done()) {
            assertTrue(System.nanoTime() < deadline, "the writer never finished");
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1)); // polling interval
        }
    }

    private void assertPreviousFileKeptAndNoTempFile() throws IOException {
        assertArrayEquals(PREVIOUS, Files.readAllBytes(dir.resolve("dump.rdb")), "the old snapshot is untouched");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temp file left");
        }
    }

    @Test
    void aFullDiskFailsTheSnapshotAndKeepsThePreviousFile() throws IOException {
        Files.write(dir.resolve("dump.rdb"), PREVIOUS);
        populate(50_000); // about 3.5 MB: several chunks, the disk fills in the middle
        Snapshots snapshots = new Snapshots(1, dir.toString(), "dump.rdb", SaveRules.NONE, "test", fillsUpAfter(1 << 20));
        long lastSave = snapshots.lastSaveSeconds();
        SnapshotJob job = run(snapshots);
        assertFalse(job.succeeded());
        assertTrue(job.error().startsWith("Write error saving DB on disk") && job.error().contains("No space left"),
                job.error());
        assertFalse(snapshots.lastSucceeded());
        assertEquals(job.error(), snapshots.lastError());
        assertEquals(lastSave, snapshots.lastSaveSeconds(), "LASTSAVE names the last snapshot that reached the disk");
        assertNull(snapshots.running());
        assertPreviousFileKeptAndNoTempFile();
    }

    @Test
    void aFailedFsyncFailsTheSnapshotAndIsNotRetriedAtOnce() throws IOException {
        Files.write(dir.resolve("dump.rdb"), PREVIOUS);
        populate(100);
        Snapshots snapshots = new Snapshots(1, dir.toString(), "dump.rdb", SaveRules.parse("1 1"), "test", FSYNC_FAILS);
        long attempt = System.currentTimeMillis();
        SnapshotJob job = run(snapshots, attempt);
        assertFalse(job.succeeded());
        assertTrue(job.error().startsWith("Failed to fsync the temp RDB file"), job.error());
        assertPreviousFileKeptAndNoTempFile();
        snapshots.publishChanges(0, 100); // the rule (1 s, 1 change) holds from 1 s after the start on
        assertFalse(snapshots.due(attempt + 4_000), "a failed snapshot is tried again 5 s later, not sooner");
        assertTrue(snapshots.due(attempt + 5_000), "and then it is");
    }

    @Test
    void aGoodDiskGetsAFileTheReaderLoadsWhole() throws IOException {
        populate(20_000);
        Snapshots snapshots = new Snapshots(1, dir.toString(), "dump.rdb", SaveRules.NONE, "test");
        SnapshotJob job = run(snapshots);
        assertTrue(job.succeeded(), job.error());
        byte[] file = Files.readAllBytes(dir.resolve("dump.rdb"));
        assertEquals(file.length, snapshots.lastBytes());
        SnapshotImage image = SnapshotImage.read(dir.toString(), "dump.rdb", 1); // format and checksum checked
        assertEquals(20_000, image.keys());
        assertEquals(0, image.highestDb());
        image.loaded();
        assertTrue(snapshots.lastSucceeded());
    }

    @Test
    void oneSnapshotAtATime() {
        Snapshots snapshots = new Snapshots(2, dir.toString(), "dump.rdb", SaveRules.NONE, "test");
        SnapshotJob first = snapshots.begin(System.currentTimeMillis());
        assertNotNull(first);
        assertNull(snapshots.begin(System.currentTimeMillis()), "a second waits for the first");
        completeBothParts(first);
        assertTrue(first.succeeded(), first.error());
        SnapshotJob next = snapshots.begin(System.currentTimeMillis());
        assertNotNull(next, "then the next one may start");
        completeBothParts(next); // its writer must be done with the directory before the test deletes it
        assertTrue(next.succeeded(), next.error());
    }

    /** Serializes both shards' parts of {@code job} and waits until its writer is done with it. */
    private void completeBothParts(SnapshotJob job) {
        job.serialize(0, databases, 0, System.currentTimeMillis());
        job.serialize(1, databases, 0, System.currentTimeMillis());
        awaitDone(job);
    }
}
