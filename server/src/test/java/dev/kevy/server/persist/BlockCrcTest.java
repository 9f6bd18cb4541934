package dev.kevy.server.persist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/** The log block's checksum: CRC-32C, over any range of native or heap memory, with one reused view. */
class BlockCrcTest {

    @Test
    void theCheckValueOfCrc32c() {
        byte[] digits = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0xE3069283L, new BlockCrc().of(MemorySegment.ofArray(digits), 0, digits.length));
        assertEquals(0L, new BlockCrc().of(MemorySegment.ofArray(digits), 3, 0), "nothing: 0, as an unwritten header holds");
    }

    @Test
    void everyRangeOfTwoSegmentsInTurnMatchesTheJdksChecksumOfItsBytes() {
        byte[] bytes = new byte[4096];
        new Random(7).nextBytes(bytes);
        BlockCrc crc = new BlockCrc(); // one instance across segments and ranges, as the writer keeps it
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment a = arena.allocate(bytes.length);
            MemorySegment.copy(bytes, 0, a, ValueLayout.JAVA_BYTE, 0, bytes.length);
            MemorySegment b = MemorySegment.ofArray(bytes.clone());
            for (int offset = 0; offset < 64; offset += 5) {
                for (int length = 0; length < 3000; length += 97) {
                    CRC32C expected = new CRC32C();
                    expected.update(bytes, offset, length);
                    assertEquals(expected.getValue(), crc.of(a, offset, length), "native, " + offset + "+" + length);
                    assertEquals(expected.getValue(), crc.of(b, offset, length), "heap, " + offset + "+" + length);
                }
            }
        }
    }
}
