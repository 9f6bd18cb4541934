package dev.kevy.server.persist;

import dev.kevy.server.rdb.Crc64;
import dev.kevy.server.rdb.SnapshotEncoder;
import dev.kevy.sys.Errno;
import dev.kevy.sys.Fs;
import dev.kevy.sys.Posix;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Puts a snapshot on disk so that a crash at any moment leaves either the previous file or the new
 * one, whole: write a temporary file in the same directory, fsync it, rename it over the target,
 * fsync the directory (without that last step the rename itself may be lost by a crash).
 *
 * <p>Runs on the snapshot writer thread, never on a shard: every call here may block on the disk.
 */
final class SnapshotFile {
    private static final ValueLayout.OfLong LONG_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** A step that failed; the message is the line Redis would log (and INFO's last error). */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * How each step reaches the disk; tests replace it to make a step fail (a full disk, an fsync
     * error) without a broken device.
     */
    interface Disk {
        Disk REAL = new Disk() {
        };

        default long write(int fd, MemorySegment s, long offset, long length) {
            return Fs.write(fd, s, offset, length);
        }

        default int fsync(int fd) {
            return Fs.fsync(fd);
        }
    }

    private SnapshotFile() {
    }

    /**
     * Writes {@code parts} in order, then their CRC-64, as {@code dir/name}. Returns the bytes
     * written. On failure the temporary file is removed and the target is left as it was.
     */
    static long write(Disk disk, String dir, String name, SnapshotEncoder... parts) throws Failure {
        String temp = "temp-" + ProcessHandle.current().pid() + ".rdb";
        String tempPath = dir + "/" + temp;
        int fd = Fs.open(tempPath, Fs.O_WRONLY | Fs.O_CREAT | Fs.O_TRUNC, 0644);
        if (fd < 0) {
            throw new Failure("Failed opening the temp RDB file " + temp + " (in server root dir " + dir
                    + ") for saving: " + Errno.message(fd));
        }
        long bytes = 0;
        try {
            long crc = 0;
            for (SnapshotEncoder part : parts) {
                for (int i = 0; i < part.chunkCount(); i++) {
                    MemorySegment chunk = part.chunk(i);
                    long length = part.chunkLength(i);
                    writeFully(disk, fd, chunk, length, temp);
                    crc = Crc64.update(crc, chunk, 0, length);
                    bytes += length;
                }
            }
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment footer = arena.allocate(8);
                footer.set(LONG_LE, 0, crc);
                writeFully(disk, fd, footer, 8, temp);
                bytes += 8;
            }
            int r = disk.fsync(fd);
            if (r < 0) {
                throw new Failure("Failed to fsync the temp RDB file " + temp + ": " + Errno.message(r));
            }
        } catch (Failure e) {
            Posix.close(fd);
            Fs.unlink(tempPath);
            throw e;
        }
        Posix.close(fd);
        int r = Fs.rename(tempPath, dir + "/" + name);
        if (r < 0) {
            Fs.unlink(tempPath);
            throw new Failure("Error moving temp DB file " + temp + " on the final destination " + name
                    + " (in server root dir " + dir + "): " + Errno.message(r));
        }
        syncDirectory(disk, dir);
        return bytes;
    }

    private static void writeFully(Disk disk, int fd, MemorySegment s, long length, String temp) throws Failure {
        long done = 0;
        while (done < length) {
            long n = disk.write(fd, s, done, length - done);
            if (n < 0) {
                throw new Failure("Write error saving DB on disk (" + temp + "): " + Errno.message((int) n));
            }
            done += n;
        }
    }

    /** Makes the rename durable: fsync of the directory holding the file. */
    private static void syncDirectory(Disk disk, String dir) throws Failure {
        int fd = Fs.open(dir, Fs.O_RDONLY | Fs.O_DIRECTORY, 0);
        if (fd < 0) {
            throw new Failure("Failed opening the directory " + dir + " to fsync it: " + Errno.message(fd));
        }
        int r = disk.fsync(fd);
        Posix.close(fd);
        if (r < 0) {
            throw new Failure("Failed to fsync the directory " + dir + ": " + Errno.message(r));
        }
    }
}
