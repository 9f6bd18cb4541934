package dev.kevy.io.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kevy.io.IoEngineChoice;
import dev.kevy.sys.Errno;
import dev.kevy.sys.IoUring;
import dev.kevy.sys.SysException;
import org.junit.jupiter.api.Test;

/** Which engine a choice gets here, and the fallback line's reasons. */
class EngineSelectionTest {

    @Test
    void epollIsNeverUringAndIoUringIsUringOrRefusedWithTheReason() {
        assertFalse(EngineSelection.wantsUring(IoEngineChoice.EPOLL));
        String why = IoUring.isSupported();
        if (why == null) {
            assertTrue(EngineSelection.wantsUring(IoEngineChoice.IO_URING));
            assertTrue(EngineSelection.wantsUring(IoEngineChoice.AUTO));
        } else {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> EngineSelection.wantsUring(IoEngineChoice.IO_URING));
            assertEquals("--io-engine io_uring: " + why, e.getMessage());
            assertFalse(EngineSelection.wantsUring(IoEngineChoice.AUTO));
        }
    }

    @Test
    void anInvalidArgumentFromTheKernelIsExplainedAsAMissingFeature() {
        assertEquals("io_uring_setup: EINVAL (Invalid argument); the kernel lacks a feature the io_uring engine"
                + " needs (Linux 6.1 or newer)", EngineSelection.why(new SysException("io_uring_setup", Errno.EINVAL)));
        assertEquals("io_uring_setup: ENOMEM (Cannot allocate memory)",
                EngineSelection.why(new SysException("io_uring_setup", Errno.ENOMEM)));
    }
}
