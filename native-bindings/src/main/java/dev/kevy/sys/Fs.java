package dev.kevy.sys;

import static dev.kevy.sys.Posix.pick;

import dev.kevy.sys.linux.fcntl_h;
import dev.kevy.sys.linux.unistd_h;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Files for persistence (AOF, snapshots): open, read, write, fsync, truncate, rename, unlink.
 * Every call is a normal (non-critical) downcall, because file I/O can wait for the disk and a
 * critical downcall would hold up the GC meanwhile. Results follow the module's convention
 * ({@code >= 0} result, {@code -errno}). Read and write allocate nothing; the calls that take a
 * path allocate its C string in a short-lived arena (they run at start-up or once per tick).
 */
public final class Fs {

    /** Read only. */
    public static final int O_RDONLY = pick(fcntl_h.O_RDONLY(), dev.kevy.sys.macos.fcntl_h.O_RDONLY());
    /** Write only. */
    public static final int O_WRONLY = pick(fcntl_h.O_WRONLY(), dev.kevy.sys.macos.fcntl_h.O_WRONLY());
    /** Read and write. */
    public static final int O_RDWR = pick(fcntl_h.O_RDWR(), dev.kevy.sys.macos.fcntl_h.O_RDWR());
    /** Create if missing (needs a mode). */
    public static final int O_CREAT = pick(fcntl_h.O_CREAT(), dev.kevy.sys.macos.fcntl_h.O_CREAT());
    /** With O_CREAT: fail if it exists. */
    public static final int O_EXCL = pick(fcntl_h.O_EXCL(), dev.kevy.sys.macos.fcntl_h.O_EXCL());
    /** Truncate to zero length. */
    public static final int O_TRUNC = pick(fcntl_h.O_TRUNC(), dev.kevy.sys.macos.fcntl_h.O_TRUNC());
    /** Every write appends. */
    public static final int O_APPEND = pick(fcntl_h.O_APPEND(), dev.kevy.sys.macos.fcntl_h.O_APPEND());
    /** Must be a directory (open a directory to fsync it after a rename); the value differs between x86_64 and aarch64 Linux. */
    public static final int O_DIRECTORY = Platform.isMacos() ? dev.kevy.sys.macos.fcntl_h.O_DIRECTORY()
            : Platform.isX86_64() ? dev.kevy.sys.linux.x86_64.arch_h.O_DIRECTORY()
            : dev.kevy.sys.linux.aarch64.arch_h.O_DIRECTORY();

    private static final boolean LINUX = Platform.isLinux();

    /** open(const char *, int, ...) called with one variadic int (the mode). */
    private static final MethodHandle OPEN = Downcalls.variadic(
            LINUX ? fcntl_h.open.address() : dev.kevy.sys.macos.fcntl_h.open.address(),
            LINUX ? fcntl_h.open.makeInvoker(fcntl_h.C_INT).descriptor()
                    : dev.kevy.sys.macos.fcntl_h.open.makeInvoker(dev.kevy.sys.macos.fcntl_h.C_INT).descriptor(),
            2);
    private static final MethodHandle READ = Downcalls.blocking(
            LINUX ? unistd_h.read$address() : dev.kevy.sys.macos.unistd_h.read$address(),
            LINUX ? unistd_h.read$descriptor() : dev.kevy.sys.macos.unistd_h.read$descriptor());
    private static final MethodHandle WRITE = Downcalls.blocking(
            LINUX ? unistd_h.write$address() : dev.kevy.sys.macos.unistd_h.write$address(),
            LINUX ? unistd_h.write$descriptor() : dev.kevy.sys.macos.unistd_h.write$descriptor());
    private static final MethodHandle FSYNC = Downcalls.blocking(
            LINUX ? unistd_h.fsync$address() : dev.kevy.sys.macos.unistd_h.fsync$address(),
            LINUX ? unistd_h.fsync$descriptor() : dev.kevy.sys.macos.unistd_h.fsync$descriptor());
    /** fdatasync on Linux; the macOS SDK does not declare it, so fsync there. */
    private static final MethodHandle FDATASYNC = LINUX
            ? Downcalls.blocking(unistd_h.fdatasync$address(), unistd_h.fdatasync$descriptor())
            : FSYNC;
    private static final MethodHandle FTRUNCATE = Downcalls.blocking(
            LINUX ? unistd_h.ftruncate$address() : dev.kevy.sys.macos.unistd_h.ftruncate$address(),
            LINUX ? unistd_h.ftruncate$descriptor() : dev.kevy.sys.macos.unistd_h.ftruncate$descriptor());
    private static final MethodHandle LSEEK = Downcalls.blocking(
            LINUX ? unistd_h.lseek$address() : dev.kevy.sys.macos.unistd_h.lseek$address(),
            LINUX ? unistd_h.lseek$descriptor() : dev.kevy.sys.macos.unistd_h.lseek$descriptor());
    private static final int SEEK_SET = LINUX ? unistd_h.SEEK_SET() : dev.kevy.sys.macos.unistd_h.SEEK_SET();
    private static final int SEEK_END = LINUX ? unistd_h.SEEK_END() : dev.kevy.sys.macos.unistd_h.SEEK_END();
    private static final MethodHandle RENAME = Downcalls.blocking(
            LINUX ? unistd_h.rename$address() : dev.kevy.sys.macos.unistd_h.rename$address(),
            LINUX ? unistd_h.rename$descriptor() : dev.kevy.sys.macos.unistd_h.rename$descriptor());
    /** mkdir(const char *, mode_t): mode_t is 32 bits on Linux, 16 on macOS. */
    private static final MethodHandle MKDIR = Downcalls.blocking(
            LINUX ? unistd_h.mkdir$address() : dev.kevy.sys.macos.unistd_h.mkdir$address(),
            LINUX ? unistd_h.mkdir$descriptor() : dev.kevy.sys.macos.unistd_h.mkdir$descriptor());
    private static final MethodHandle UNLINK = Downcalls.blocking(
            LINUX ? unistd_h.unlink$address() : dev.kevy.sys.macos.unistd_h.unlink$address(),
            LINUX ? unistd_h.unlink$descriptor() : dev.kevy.sys.macos.unistd_h.unlink$descriptor());

    private Fs() {}

    /**
     * Opens {@code path} with {@code flags} (always adding close-on-exec) and, when creating,
     * permission bits {@code mode} (for example {@code 0644}). Returns the fd or {@code -errno}.
     */
    public static int open(String path, int flags, int mode) {
        MemorySegment state = CallState.current();
        try (Arena arena = Arena.ofConfined()) {
            long cpath = arena.allocateFrom(path).address();
            int fd = (int) OPEN.invokeExact(state, cpath, flags | Posix.O_CLOEXEC, mode);
            return fd >= 0 ? fd : -CallState.errno(state);
        } catch (Throwable t) {
            throw Downcalls.unexpected(t);
        }
    }

    /** {@code read(2)} from a file (normal downcall). Returns the byte count, 0 at end of file, or {@code -errno}. */
    public static long read(int fd, MemorySegment base, long offset, long length) {
        long address = Downcalls.address(base, offset, length);
        MemorySegment state = CallState.current();
        try {
            long n = (long) READ.invokeExact(state, fd, address, length);
            return n >= 0 ? n : -CallState.errno(state);
        } catch (Throwable t) {
            throw Downcalls.unexpected(t);
        }
    }

    /** {@code write(2)} to a file (normal downcall). Returns the count written (possibly short) or {@code -errno}. */
    public static long write(int fd, MemorySegment base, long offset, long length) {
        long address = Downcalls.address(base, offset, length);
        MemorySegment state = CallState.current();
        try {
            long n = (long) WRITE.invokeExact(state, fd, address, length);
            return n >= 0 ? n : -CallState.errno(state);
        } catch (Throwable t) {
            throw Downcalls.unexpected(t);
        }
    }

    /** Flushes data and metadata to the device. Returns 0 or {@code -errno}. */
    public static int fsync(int fd) {
        return intCall(FSYNC, fd);
    }

    /** Flushes data (and only the metadata needed to read it back); fsync on macOS. Returns 0 or {@code -errno}. */
    public static int fdatasync(int fd) {
        return intCall(FDATASYNC, fd);
    }

    /** Sets the file's length. Returns 0 or {@code -errno}. */
    public static int ftruncate(int fd, long length) {
        MemorySegment state = CallState.current();
        try {
            int r = (int) FTRUNCATE.invokeExact(state, fd, length);
            return r >= 0 ? r : -CallState.errno(state);
        } catch (Throwable t) {
            throw Downcalls.unexpected(t);
        }
    }

    /**
     * The size of the open file {@code fd} ({@code lseek} to its end, then back to the start), or
     * {@code -errno}. Leaves the file offset at 0.
     */
    public static long size(int fd) {
        MemorySegment state = CallState.current();
        try {
            long end = (long) LSEEK.invokeExact(state, fd, 0L, SEEK_END);
            if (end < 0) {
                return -CallState.errno(state);
            }
            long start = (long) LSEEK.invokeExact(state, fd, 0L, SEEK_SET);
            return start < 0 ? -CallState.errno(state) : end;
        } catch (Throwable t) {
            throw Downcalls.unexpected(t);
        }
    }

    /** Moves the file offset of {@code fd} to {@code offset}. Returns the new offset or {@code -errno}. */
    public static long seek(int fd, long offset) {
        MemorySegment state = CallState.current();
        try {
            long r = (long) LSEEK.invokeExact(state, fd, offset, SEEK_SET);
            return r >= 0 ? r : -CallState.errno(state);
        } catch (Throwable t) {
            throw Downcalls.unexpected(t);
        }
    }

    /** Atomically replaces {@code to} with {@code from}. Returns 0 or {@code -errno}. */
    public static int rename(String from, String to) {
        MemorySegment state = CallState.current();
        try (Arena arena = Arena.ofConfined()) {
            int r = (int) RENAME.invokeExact(state, arena.allocateFrom(from).address(), arena.allocateFrom(to).address());
            return r >= 0 ? r : -CallState.errno(state);
        } catch (Throwable t) {
            throw Downcalls.unexpected(t);
        }
    }

    /**
     * Creates the directory {@code path} with permission bits {@code mode} (for example
     * {@code 0755}, less the umask). Returns 0 or {@code -errno} ({@code -EEXIST} if the name is
     * taken, by a directory or anything else).
     */
    public static int mkdir(String path, int mode) {
        MemorySegment state = CallState.current();
        try (Arena arena = Arena.ofConfined()) {
            long name = arena.allocateFrom(path).address();
            int r = LINUX ? (int) MKDIR.invokeExact(state, name, mode) : (int) MKDIR.invokeExact(state, name, (short) mode);
            return r >= 0 ? r : -CallState.errno(state);
        } catch (Throwable t) {
            throw Downcalls.unexpected(t);
        }
    }

    /** Removes {@code path}. Returns 0 or {@code -errno} ({@code -ENOENT} if it does not exist). */
    public static int unlink(String path) {
        MemorySegment state = CallState.current();
        try (Arena arena = Arena.ofConfined()) {
            int r = (int) UNLINK.invokeExact(state, arena.allocateFrom(path).address());
            return r >= 0 ? r : -CallState.errno(state);
        } catch (Throwable t) {
            throw Downcalls.unexpected(t);
        }
    }

    private static int intCall(MethodHandle handle, int fd) {
        MemorySegment state = CallState.current();
        try {
            int r = (int) handle.invokeExact(state, fd);
            return r >= 0 ? r : -CallState.errno(state);
        } catch (Throwable t) {
            throw Downcalls.unexpected(t);
        }
    }
}
