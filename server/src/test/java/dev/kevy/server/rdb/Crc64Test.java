package dev.kevy.server.rdb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The eight-bytes-at-a-time CRC-64 against the byte-at-a-time one and Redis's check value. */
class Crc64Test {

    @Test
    void checkValueOfRedisCrc64() {
        byte[] b = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0xe9c6d914c4b8d9caL, Crc64.update(0, MemorySegment.ofArray(b), 0, b.length));
    }

    @Test
    void everyLengthOffsetAndSplitAgreesWithTheByteTable() {
        SplittableRandom random = new SplittableRandom(42);
        byte[] data = new byte[4096];
        random.nextBytes(data);
        MemorySegment s = MemorySegment.ofArray(data);
        for (int offset = 0; offset < 9; offset++) {
            for (int length = 0; length < 200; length++) {
                long expected = Crc64.updateBytewise(0, s, offset, length);
                assertEquals(expected, Crc64.update(0, s, offset, length), "offset " + offset + ", length " + length);
                int split = length / 3; // continued from a running value, as the snapshot writer does per chunk
                assertEquals(expected, Crc64.update(Crc64.update(0, s, offset, split), s, offset + split, length - split));
            }
        }
        assertEquals(Crc64.updateBytewise(7, s, 0, data.length), Crc64.update(7, s, 0, data.length));
    }
}
