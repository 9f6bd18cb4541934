package dev.kevy.sys;

import java.util.Locale;

/**
 * The operating system and CPU architecture this JVM runs on, as far as the bindings care.
 *
 * <p>Bindings exist for Linux (x86_64, aarch64) and macOS (arm64, x86_64). The per-architecture
 * choice matters on Linux only: {@code struct epoll_event} is packed (12 bytes) on x86_64 and
 * naturally aligned (16 bytes) on aarch64, so {@link Epoll} picks its layout from {@link #arch()}.
 * Any other platform fails here, once, with a message that names it, instead of failing later
 * inside a downcall.
 */
public final class Platform {

    /** Operating systems with bindings. */
    public enum Os { LINUX, MACOS }

    /** CPU architectures with bindings. */
    public enum Arch { X86_64, AARCH64 }

    private static final Os OS = detectOs(System.getProperty("os.name", ""));
    private static final Arch ARCH = detectArch(System.getProperty("os.arch", ""));

    private Platform() {}

    /** The operating system. */
    public static Os os() {
        return OS;
    }

    /** The CPU architecture ({@code os.arch} {@code amd64}/{@code x86_64} or {@code aarch64}/{@code arm64}). */
    public static Arch arch() {
        return ARCH;
    }

    /** True on Linux (epoll, eventfd, accept4, sched_setaffinity, prctl are available). */
    public static boolean isLinux() {
        return OS == Os.LINUX;
    }

    /** True on macOS (kqueue; no accept4, pipe2, affinity or timer slack). */
    public static boolean isMacos() {
        return OS == Os.MACOS;
    }

    /** True on x86_64. */
    public static boolean isX86_64() {
        return ARCH == Arch.X86_64;
    }

    /** True on aarch64 (arm64). */
    public static boolean isAarch64() {
        return ARCH == Arch.AARCH64;
    }

    /** For logs: for example {@code linux/x86_64}. */
    public static String describe() {
        return OS.name().toLowerCase(Locale.ROOT) + '/' + ARCH.name().toLowerCase(Locale.ROOT);
    }

    static Os detectOs(String osName) {
        String name = osName.toLowerCase(Locale.ROOT);
        if (name.startsWith("linux")) {
            return Os.LINUX;
        }
        if (name.startsWith("mac") || name.startsWith("darwin")) {
            return Os.MACOS;
        }
        throw new UnsupportedOperationException(
                "kevy has OS bindings for Linux and macOS only; this JVM reports os.name=" + osName);
    }

    static Arch detectArch(String osArch) {
        return switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> Arch.X86_64;
            case "aarch64", "arm64" -> Arch.AARCH64;
            default -> throw new UnsupportedOperationException(
                    "kevy has OS bindings for x86_64 and aarch64 only; this JVM reports os.arch=" + osArch);
        };
    }
}
