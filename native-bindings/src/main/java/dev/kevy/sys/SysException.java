package dev.kevy.sys;

import java.io.Serial;

/**
 * A failed system call on a setup path (opening a listener, raising a limit, opening a file),
 * carrying the errno, its symbolic name and the C library's message. Its message reads like
 * {@code "bind 127.0.0.1:6379: EADDRINUSE (Address already in use)"}, fit for the one stderr line a
 * server prints before exiting.
 *
 * <p>Hot paths never throw it: they test the {@code -errno} return value (see {@link Errno}).
 */
public final class SysException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String operation;
    private final int errno;

    /**
     * @param operation what was attempted, for example {@code "bind 127.0.0.1:6379"}
     * @param errno     the errno value (a negative value is taken as {@code -errno})
     */
    public SysException(String operation, int errno) {
        super(operation + ": " + Errno.name(errno) + " (" + Errno.message(errno) + ")");
        this.operation = operation;
        this.errno = Math.abs(errno);
    }

    /** Returns {@code result} when it is {@code >= 0}, otherwise throws for {@code -result}. */
    public static int check(String operation, int result) {
        if (result < 0) {
            throw new SysException(operation, -result);
        }
        return result;
    }

    /** Returns {@code result} when it is {@code >= 0}, otherwise throws for {@code -result}. */
    public static long check(String operation, long result) {
        if (result < 0) {
            throw new SysException(operation, (int) -result);
        }
        return result;
    }

    /** The errno value (positive). */
    public int errno() {
        return errno;
    }

    /** The errno's symbolic name, for example {@code "EADDRINUSE"}. */
    public String errnoName() {
        return Errno.name(errno);
    }

    /** What was attempted. */
    public String operation() {
        return operation;
    }
}
