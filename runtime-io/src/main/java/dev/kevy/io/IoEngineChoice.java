package dev.kevy.io;

import java.util.Locale;

/**
 * Which I/O engine the shards run ({@link RuntimeConfig#ioEngine()}; the server's
 * {@code --io-engine}).
 */
public enum IoEngineChoice {
    /** io_uring where {@code io_uring_setup} works here, otherwise epoll, with one log line saying why. */
    AUTO,
    /** Readiness: epoll on Linux, kqueue on macOS. */
    EPOLL,
    /** io_uring, or the runtime refuses to start and says why not. */
    IO_URING;

    /**
     * The default: the system property {@code kevy.io-engine} if set (how the test suites run on
     * both engines), otherwise {@link #AUTO}.
     */
    public static IoEngineChoice fromEnvironment() {
        String v = System.getProperty("kevy.io-engine");
        return v == null || v.isBlank() ? AUTO : parse(v);
    }

    /**
     * Parses {@code auto}, {@code epoll} or {@code io_uring} (case-insensitive; {@code io-uring}
     * and {@code iouring} too).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static IoEngineChoice parse(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "auto" -> AUTO;
            case "epoll" -> EPOLL;
            case "io_uring", "io-uring", "iouring" -> IO_URING;
            default -> throw new IllegalArgumentException(
                    "unknown I/O engine '" + value + "': expected auto, epoll or io_uring");
        };
    }

    /** The name as the options and logs spell it. */
    public String optionName() {
        return this == IO_URING ? "io_uring" : name().toLowerCase(Locale.ROOT);
    }
}
