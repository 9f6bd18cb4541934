// Generated-layout bindings; regenerate with `make bindings`; do not edit by hand.
// Source: native-bindings/jextract/linux.h with jextract/linux-arch/arch_h.args on aarch64 (jextract 22 output layout).

package dev.kevy.sys.linux.aarch64;

import java.lang.invoke.*;
import java.lang.foreign.*;
import java.nio.ByteOrder;
import java.util.*;
import java.util.function.*;
import java.util.stream.*;

import static java.lang.foreign.ValueLayout.*;
import static java.lang.foreign.MemoryLayout.PathElement.*;

public class arch_h extends arch_h$shared {

    arch_h() {
        // Should not be called directly
    }

    static final SymbolLookup SYMBOL_LOOKUP = Linker.nativeLinker().defaultLookup();

    private static final int O_DIRECTORY = (int)16384L;
    /**
     * {@snippet lang=c :
     * #define O_DIRECTORY 16384
     * }
     */
    public static int O_DIRECTORY() {
        return O_DIRECTORY;
    }
}
