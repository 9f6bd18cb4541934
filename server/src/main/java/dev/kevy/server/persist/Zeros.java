package dev.kevy.server.persist;

import dev.kevy.sys.Errno;
import dev.kevy.sys.Fs;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** Writes runs of zero bytes into a file: how the log's writer preallocates ({@link AppendLog.Disk#preallocate}). */
final class Zeros {
    /** One step of preallocation, and the size of the zero page written from. */
    static final int STEP = 256 << 10;
    private static final MemorySegment ZEROS = Arena.global().allocate(STEP, 8); // never written: zero forever

    private Zeros() {
    }

    /** Writes {@code length} zeros at {@code offset} of {@code fd}; returns 0 or {@code -errno}. */
    static int write(int fd, long offset, long length) {
        long at = Fs.seek(fd, offset);
        if (at < 0) {
            return (int) at;
        }
        for (long done = 0; done < length; ) {
            long n = Fs.write(fd, ZEROS, 0, Math.min(STEP, length - done));
            if (n == -Errno.EINTR) {
                continue;
            }
            if (n < 0) {
                return (int) n;
            }
            done += n;
        }
        return 0;
    }
}
