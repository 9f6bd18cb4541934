package dev.kevy.server.persist;

import dev.kevy.server.rdb.Crc64;
import dev.kevy.sys.Errno;
import dev.kevy.sys.Fs;
import dev.kevy.sys.Posix;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Puts a snapshot on disk so that a crash at any moment leaves either the previous file or the new
 * one, whole: bytes are appended to a temporary file in the same directory ({@link #append}, the
 * CRC-64 kept as they go), then {@link #commit} writes the CRC, fsyncs the file, renames it over
 * the target and fsyncs the directory (without that last step the rename itself may be lost by a
 * crash); {@link #abandon} removes the temporary file instead.
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

    private final Disk disk;
    private final String dir;
    private final String temp;
    private final int fd;
    private long crc;
    private long bytes;
    /** The descriptor is closed: never close it twice (its number may already name another file or socket). */
    private boolean closed;

    private SnapshotFile(Disk disk, String dir, String temp, int fd) {
        this.disk = disk;
        this.dir = dir;
        this.temp = temp;
        this.fd = fd;
    }

    /** Creates (or truncates) {@code dir/temp-<pid>.rdb}. */
    static SnapshotFile create(Disk disk, String dir) throws Failure {
        String temp = "temp-" + ProcessHandle.current().pid() + ".rdb";
        int fd = Fs.open(dir + "/" + temp, Fs.O_WRONLY | Fs.O_CREAT | Fs.O_TRUNC, 0644);
        if (fd < 0) {
            throw new Failure("Failed opening the temp RDB file " + temp + " (in server root dir " + dir
                    + ") for saving: " + Errno.message(fd));
        }
        return new SnapshotFile(disk, dir, temp, fd);
    }

    /** Appends {@code length} bytes of {@code s}, short writes continued. */
    void append(MemorySegment s, long length) throws Failure {
        long done = 0;
        while (done < length) {
            long n = disk.write(fd, s, done, length - done);
            if (n < 0) {
                throw new Failure("Write error saving DB on disk (" + temp + "): " + Errno.message((int) n));
            }
            done += n;
        }
        crc = Crc64.update(crc, s, 0, length);
        bytes += length;
    }

    /**
     * Ends the file with its CRC-64, makes it durable and puts it in place as {@code dir/name}
     * ({@code name} may lead into a subdirectory: the log's base goes to {@code appenddirname}).
     * Returns the file's bytes. On failure the temporary file is gone and the target as it was.
     */
    long commit(String name) throws Failure {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment footer = arena.allocate(8);
            footer.set(LONG_LE, 0, crc);
            append(footer, 8);
            int r = disk.fsync(fd);
            if (r < 0) {
                throw new Failure("Failed to fsync the temp RDB file " + temp + ": " + Errno.message(r));
            }
        } catch (Failure e) {
            abandon();
            throw e;
        }
        close();
        int r = Fs.rename(dir + "/" + temp, dir + "/" + name);
        if (r < 0) {
            Fs.unlink(dir + "/" + temp);
            throw new Failure("Error moving temp DB file " + temp + " on the final destination " + name
                    + " (in server root dir " + dir + "): " + Errno.message(r));
        }
        int slash = name.lastIndexOf('/');
        syncDirectory(slash < 0 ? dir : dir + "/" + name.substring(0, slash));
        return bytes;
    }

    /** Closes and removes the temporary file (the target is untouched); a second call does nothing. */
    void abandon() {
        if (!closed) {
            close();
            Fs.unlink(dir + "/" + temp);
        }
    }

    private void close() {
        closed = true;
        Posix.close(fd);
    }

    /** Makes the rename durable: fsync of {@code directory}, the one holding the file. */
    private void syncDirectory(String directory) throws Failure {
        int dirFd = Fs.open(directory, Fs.O_RDONLY | Fs.O_DIRECTORY, 0);
        if (dirFd < 0) {
            throw new Failure("Failed opening the directory " + directory + " to fsync it: " + Errno.message(dirFd));
        }
        int r = disk.fsync(dirFd);
        Posix.close(dirFd);
        if (r < 0) {
            throw new Failure("Failed to fsync the directory " + directory + ": " + Errno.message(r));
        }
    }
}
