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

public class io_uring_h$shared {

    io_uring_h$shared() {
        // Should not be called directly
    }

    public static final ValueLayout.OfBoolean C_BOOL = ValueLayout.JAVA_BOOLEAN;
    public static final ValueLayout.OfByte C_CHAR = ValueLayout.JAVA_BYTE;
    public static final ValueLayout.OfShort C_SHORT = ValueLayout.JAVA_SHORT;
    public static final ValueLayout.OfInt C_INT = ValueLayout.JAVA_INT;
    public static final ValueLayout.OfLong C_LONG_LONG = ValueLayout.JAVA_LONG;
    public static final ValueLayout.OfFloat C_FLOAT = ValueLayout.JAVA_FLOAT;
    public static final ValueLayout.OfDouble C_DOUBLE = ValueLayout.JAVA_DOUBLE;
    public static final AddressLayout C_POINTER = ValueLayout.ADDRESS
            .withTargetLayout(MemoryLayout.sequenceLayout(java.lang.Long.MAX_VALUE, JAVA_BYTE));
    public static final ValueLayout.OfLong C_LONG = ValueLayout.JAVA_LONG;

    static final boolean TRACE_DOWNCALLS = Boolean.getBoolean("jextract.trace.downcalls");

    static void traceDowncall(String name, Object... args) {
        System.err.println("downcall " + name + Arrays.deepToString(args));
    }

    static MemoryLayout align(MemoryLayout layout, long align) {
        MemoryLayout aligned = switch (layout) {
            case PaddingLayout p -> p;
            case ValueLayout v -> v.withByteAlignment(align);
            case StructLayout s -> MemoryLayout.structLayout(members(s, align));
            case UnionLayout u -> MemoryLayout.unionLayout(members(u, align));
            case SequenceLayout s -> MemoryLayout.sequenceLayout(s.elementCount(), align(s.elementLayout(), align));
        };
        return layout.name().map(aligned::withName).orElse(aligned);
    }

    private static MemoryLayout[] members(GroupLayout group, long align) {
        List<MemoryLayout> members = group.memberLayouts();
        MemoryLayout[] aligned = new MemoryLayout[members.size()];
        for (int i = 0; i < aligned.length; i++) {
            aligned[i] = align(members.get(i), align);
        }
        return aligned;
    }
}
