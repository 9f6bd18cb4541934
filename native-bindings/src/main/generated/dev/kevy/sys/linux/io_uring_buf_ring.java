// Generated-layout bindings; regenerate with `make bindings`; do not edit by hand.
// Source: native-bindings/jextract/linux.h with jextract/linux/io_uring_h.args (jextract 22 output layout).

package dev.kevy.sys.linux;

import java.lang.invoke.*;
import java.lang.foreign.*;
import java.nio.ByteOrder;
import java.util.*;
import java.util.function.*;
import java.util.stream.*;

import static java.lang.foreign.ValueLayout.*;
import static java.lang.foreign.MemoryLayout.PathElement.*;

/**
 * {@snippet lang=c :
 * struct io_uring_buf_ring {
 *     union {
 *         struct {
 *             __u64 resv1;
 *             __u32 resv2;
 *             __u16 resv3;
 *             __u16 tail;
 *         };
 *         struct {
 *             struct io_uring_buf bufs[];
 *         };
 *     };
 * }
 * }
 */
public class io_uring_buf_ring {

    io_uring_buf_ring() {
        // Should not be called directly
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        MemoryLayout.unionLayout(
            MemoryLayout.structLayout(
                io_uring_h.C_LONG_LONG.withName("resv1"),
                io_uring_h.C_INT.withName("resv2"),
                io_uring_h.C_SHORT.withName("resv3"),
                io_uring_h.C_SHORT.withName("tail")
            ).withName("$anon$619:3"),
            MemoryLayout.structLayout(
                MemoryLayout.sequenceLayout(0, io_uring_buf.layout()).withName("bufs")
            ).withName("$anon$625:3")
        ).withName("$anon$614:2")
    ).withName("io_uring_buf_ring");

    /**
     * The layout of this struct
     */
    public static final GroupLayout layout() {
        return $LAYOUT;
    }

    private static final OfLong resv1$LAYOUT = (OfLong) $LAYOUT.select(groupElement("$anon$614:2"), groupElement("$anon$619:3"), groupElement("resv1"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * __u64 resv1
     * }
     */
    public static final OfLong resv1$layout() {
        return resv1$LAYOUT;
    }

    private static final long resv1$OFFSET = 0;

    /**
     * Offset for field:
     * {@snippet lang=c :
     * __u64 resv1
     * }
     */
    public static final long resv1$offset() {
        return resv1$OFFSET;
    }

    public static long resv1(MemorySegment struct) {
        return struct.get(resv1$LAYOUT, resv1$OFFSET);
    }

    public static void resv1(MemorySegment struct, long fieldValue) {
        struct.set(resv1$LAYOUT, resv1$OFFSET, fieldValue);
    }

    private static final OfInt resv2$LAYOUT = (OfInt) $LAYOUT.select(groupElement("$anon$614:2"), groupElement("$anon$619:3"), groupElement("resv2"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * __u32 resv2
     * }
     */
    public static final OfInt resv2$layout() {
        return resv2$LAYOUT;
    }

    private static final long resv2$OFFSET = 8;

    /**
     * Offset for field:
     * {@snippet lang=c :
     * __u32 resv2
     * }
     */
    public static final long resv2$offset() {
        return resv2$OFFSET;
    }

    public static int resv2(MemorySegment struct) {
        return struct.get(resv2$LAYOUT, resv2$OFFSET);
    }

    public static void resv2(MemorySegment struct, int fieldValue) {
        struct.set(resv2$LAYOUT, resv2$OFFSET, fieldValue);
    }

    private static final OfShort resv3$LAYOUT = (OfShort) $LAYOUT.select(groupElement("$anon$614:2"), groupElement("$anon$619:3"), groupElement("resv3"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * __u16 resv3
     * }
     */
    public static final OfShort resv3$layout() {
        return resv3$LAYOUT;
    }

    private static final long resv3$OFFSET = 12;

    /**
     * Offset for field:
     * {@snippet lang=c :
     * __u16 resv3
     * }
     */
    public static final long resv3$offset() {
        return resv3$OFFSET;
    }

    public static short resv3(MemorySegment struct) {
        return struct.get(resv3$LAYOUT, resv3$OFFSET);
    }

    public static void resv3(MemorySegment struct, short fieldValue) {
        struct.set(resv3$LAYOUT, resv3$OFFSET, fieldValue);
    }

    private static final OfShort tail$LAYOUT = (OfShort) $LAYOUT.select(groupElement("$anon$614:2"), groupElement("$anon$619:3"), groupElement("tail"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * __u16 tail
     * }
     */
    public static final OfShort tail$layout() {
        return tail$LAYOUT;
    }

    private static final long tail$OFFSET = 14;

    /**
     * Offset for field:
     * {@snippet lang=c :
     * __u16 tail
     * }
     */
    public static final long tail$offset() {
        return tail$OFFSET;
    }

    public static short tail(MemorySegment struct) {
        return struct.get(tail$LAYOUT, tail$OFFSET);
    }

    public static void tail(MemorySegment struct, short fieldValue) {
        struct.set(tail$LAYOUT, tail$OFFSET, fieldValue);
    }

    private static final SequenceLayout bufs$LAYOUT = (SequenceLayout) $LAYOUT.select(groupElement("$anon$614:2"), groupElement("$anon$625:3"), groupElement("bufs"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * struct io_uring_buf bufs[]
     * }
     */
    public static final SequenceLayout bufs$layout() {
        return bufs$LAYOUT;
    }

    private static final long bufs$OFFSET = 0;

    /**
     * Offset for field:
     * {@snippet lang=c :
     * struct io_uring_buf bufs[]
     * }
     */
    public static final long bufs$offset() {
        return bufs$OFFSET;
    }

    public static MemorySegment bufs(MemorySegment struct) {
        return struct.asSlice(bufs$OFFSET, bufs$LAYOUT.byteSize());
    }

    /**
     * Obtains a slice of {@code arrayParam} which selects the array element at {@code index}.
     * The returned segment has address {@code arrayParam.address() + index * layout().byteSize()}
     */
    public static MemorySegment asSlice(MemorySegment array, long index) {
        return array.asSlice(layout().byteSize() * index);
    }

    /**
     * The size (in bytes) of this struct
     */
    public static long sizeof() {
        return layout().byteSize();
    }

    /**
     * Allocate a segment of size {@code layout().byteSize()} using {@code allocator}
     */
    public static MemorySegment allocate(SegmentAllocator allocator) {
        return allocator.allocate(layout());
    }

    /**
     * Allocate an array of size {@code elementCount} using {@code allocator}.
     * The returned segment has size {@code elementCount * layout().byteSize()}.
     */
    public static MemorySegment allocateArray(long elementCount, SegmentAllocator allocator) {
        return allocator.allocate(MemoryLayout.sequenceLayout(elementCount, layout()));
    }

    /**
     * Reinterprets {@code addr} using target {@code arena} and {@code cleanupAction} (if any).
     * The returned segment has size {@code layout().byteSize()}
     */
    public static MemorySegment reinterpret(MemorySegment addr, Arena arena, Consumer<MemorySegment> cleanup) {
        return reinterpret(addr, 1, arena, cleanup);
    }

    /**
     * Reinterprets {@code addr} using target {@code arena} and {@code cleanupAction} (if any).
     * The returned segment has size {@code elementCount * layout().byteSize()}
     */
    public static MemorySegment reinterpret(MemorySegment addr, long elementCount, Arena arena, Consumer<MemorySegment> cleanup) {
        return addr.reinterpret(layout().byteSize() * elementCount, arena, cleanup);
    }
}
