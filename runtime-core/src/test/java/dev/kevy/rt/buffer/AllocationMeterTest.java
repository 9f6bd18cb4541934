package dev.kevy.rt.buffer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The zero-allocation assertions elsewhere mean something only if the meter sees allocation. */
class AllocationMeterTest {
    private static Object sink;

    @Test
    void meterSeesEveryRoundThatAllocates() {
        long bytes = AllocationMeter.bytesPerRound(5, 1000, i -> sink = new byte[64 + (i & 1)]);
        assertTrue(bytes >= 1000L * 64, "measured " + bytes);
    }
}
