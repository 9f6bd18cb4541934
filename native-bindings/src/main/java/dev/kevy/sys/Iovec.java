package dev.kevy.sys;

import dev.kevy.sys.linux.iovec;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout;

/**
 * Arrays of {@code struct iovec} for {@link Posix#writev} and {@link Posix#readv}: allocate one
 * array per connection (or per shard) once, then fill entries in place before each call.
 */
public final class Iovec {

    /** {@code sizeof(struct iovec)}: 16 on every LP64 platform we support. */
    public static final long SIZE = Platform.isLinux() ? iovec.sizeof() : dev.kevy.sys.macos.iovec.sizeof();

    private static final MemoryLayout LAYOUT = Platform.isLinux() ? iovec.layout() : dev.kevy.sys.macos.iovec.layout();
    private static final long BASE_OFFSET = Platform.isLinux() ? iovec.iov_base$offset() : dev.kevy.sys.macos.iovec.iov_base$offset();
    private static final long LEN_OFFSET = Platform.isLinux() ? iovec.iov_len$offset() : dev.kevy.sys.macos.iovec.iov_len$offset();
    private static final ValueLayout.OfLong LEN = Platform.isLinux() ? iovec.iov_len$layout() : dev.kevy.sys.macos.iovec.iov_len$layout();

    private Iovec() {}

    /** Allocates an array of {@code count} zeroed entries. */
    public static MemorySegment allocate(SegmentAllocator allocator, int count) {
        return allocator.allocate(MemoryLayout.sequenceLayout(count, LAYOUT));
    }

    /**
     * Points entry {@code index} of {@code iovecs} at {@code length} bytes at {@code offset} of
     * {@code base}. The kernel reads the raw address: {@code base}'s arena must stay open until the
     * readv/writev that uses the entry has returned.
     */
    public static void set(MemorySegment iovecs, int index, MemorySegment base, long offset, long length) {
        long address = Downcalls.address(base, offset, length);
        long entry = index * SIZE;
        iovecs.set(ValueLayout.JAVA_LONG, entry + BASE_OFFSET, address);
        iovecs.set(LEN, entry + LEN_OFFSET, length);
    }
}
