package dev.kevy.sys;

import dev.kevy.sys.linux.in_addr;
import dev.kevy.sys.linux.sockaddr_in;
import dev.kevy.sys.linux.sockaddr_in6;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteOrder;

/**
 * Encodes and decodes {@code sockaddr_in}/{@code sockaddr_in6} in a thread's scratch area, with
 * the offsets of the generated struct layouts of the running OS. macOS (BSD) differs from Linux:
 * a length byte {@code sin_len} comes first and the family is one byte, not two.
 */
final class SockAddr {

    private static final boolean LINUX = Platform.isLinux();
    private static final ValueLayout.OfShort NETWORK_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt NETWORK_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfLong NETWORK_LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private static final long IN_SIZE = LINUX ? sockaddr_in.sizeof() : dev.kevy.sys.macos.sockaddr_in.sizeof();
    private static final long IN_FAMILY = LINUX ? sockaddr_in.sin_family$offset() : dev.kevy.sys.macos.sockaddr_in.sin_family$offset();
    private static final long IN_PORT = LINUX ? sockaddr_in.sin_port$offset() : dev.kevy.sys.macos.sockaddr_in.sin_port$offset();
    private static final long IN_ADDR = LINUX
            ? sockaddr_in.sin_addr$offset() + in_addr.s_addr$offset()
            : dev.kevy.sys.macos.sockaddr_in.sin_addr$offset() + dev.kevy.sys.macos.in_addr.s_addr$offset();

    private static final long IN6_SIZE = LINUX ? sockaddr_in6.sizeof() : dev.kevy.sys.macos.sockaddr_in6.sizeof();
    private static final long IN6_FAMILY = LINUX ? sockaddr_in6.sin6_family$offset() : dev.kevy.sys.macos.sockaddr_in6.sin6_family$offset();
    private static final long IN6_PORT = LINUX ? sockaddr_in6.sin6_port$offset() : dev.kevy.sys.macos.sockaddr_in6.sin6_port$offset();
    private static final long IN6_ADDR = LINUX ? sockaddr_in6.sin6_addr$offset() : dev.kevy.sys.macos.sockaddr_in6.sin6_addr$offset();
    private static final long IN6_SCOPE = LINUX ? sockaddr_in6.sin6_scope_id$offset() : dev.kevy.sys.macos.sockaddr_in6.sin6_scope_id$offset();

    /** BSD only: the length byte that leads both structs. */
    private static final long IN_LEN = LINUX ? -1 : dev.kevy.sys.macos.sockaddr_in.sin_len$offset();
    private static final long IN6_LEN = LINUX ? -1 : dev.kevy.sys.macos.sockaddr_in6.sin6_len$offset();

    /** Big enough for either address family; the scratch area holds it plus a socklen_t after it. */
    static final long MAX_SIZE = Math.max(IN_SIZE, IN6_SIZE);

    static {
        if (MAX_SIZE + Integer.BYTES > CallState.SCRATCH_SIZE || IN_PORT != IN6_PORT || IN_FAMILY != IN6_FAMILY) {
            throw new AssertionError("sockaddr layouts do not fit the scratch area or disagree on the family or port offset");
        }
    }

    private SockAddr() {}

    /** Writes {@code address:port} at the start of the scratch area; returns its socklen_t. */
    static int encode(MemorySegment state, InetAddress address, int port) {
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        long at = CallState.SCRATCH;
        for (long i = 0; i < MAX_SIZE; i += Long.BYTES) {
            state.set(ValueLayout.JAVA_LONG_UNALIGNED, at + i, 0L);
        }
        byte[] bytes = address.getAddress();
        boolean v6 = address instanceof Inet6Address;
        long size = v6 ? IN6_SIZE : IN_SIZE;
        int family = v6 ? Net.AF_INET6 : Net.AF_INET;
        long familyOffset = v6 ? IN6_FAMILY : IN_FAMILY;
        if (LINUX) {
            state.set(ValueLayout.JAVA_SHORT_UNALIGNED, at + familyOffset, (short) family);
        } else {
            state.set(ValueLayout.JAVA_BYTE, at + (v6 ? IN6_LEN : IN_LEN), (byte) size);
            state.set(ValueLayout.JAVA_BYTE, at + familyOffset, (byte) family);
        }
        state.set(NETWORK_SHORT, at + (v6 ? IN6_PORT : IN_PORT), (short) port);
        MemorySegment.copy(bytes, 0, state, ValueLayout.JAVA_BYTE, at + (v6 ? IN6_ADDR : IN_ADDR), bytes.length);
        if (v6) {
            state.set(ValueLayout.JAVA_INT_UNALIGNED, at + IN6_SCOPE, ((Inet6Address) address).getScopeId());
        }
        return (int) size;
    }

    /**
     * Whether the sockaddr at {@code at} in {@code segment} is exactly 127.0.0.1 or ::1: the two
     * addresses Redis treats as local (it compares the peer's printed address with those two
     * strings, so an IPv4-mapped {@code ::ffff:127.0.0.1} and the rest of 127/8 are not local).
     */
    static boolean isLocalHost(MemorySegment segment, long at) {
        int family = LINUX ? Short.toUnsignedInt(segment.get(ValueLayout.JAVA_SHORT_UNALIGNED, at + IN_FAMILY))
                : Byte.toUnsignedInt(segment.get(ValueLayout.JAVA_BYTE, at + IN_FAMILY));
        if (family == Net.AF_INET) {
            return segment.get(NETWORK_INT, at + IN_ADDR) == 0x7F00_0001;
        }
        if (family == Net.AF_INET6) {
            return segment.get(NETWORK_LONG, at + IN6_ADDR) == 0 && segment.get(NETWORK_LONG, at + IN6_ADDR + 8) == 1;
        }
        return false;
    }

    /** The port of the sockaddr at the start of the scratch area (same offset for both families). */
    static int port(MemorySegment state) {
        return Short.toUnsignedInt(state.get(NETWORK_SHORT, CallState.SCRATCH + IN_PORT));
    }
}
