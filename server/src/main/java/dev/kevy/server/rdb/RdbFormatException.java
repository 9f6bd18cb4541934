package dev.kevy.server.rdb;

/** An RDB file or DUMP payload that is malformed, truncated, or holds what kevy cannot load. */
public final class RdbFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RdbFormatException(String message) {
        super(message);
    }
}
