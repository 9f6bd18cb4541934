package dev.kevy.rt.buffer;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

class OutputBufferTest {
    private static final int CHUNK = 64;

    private static BufferPool pool() {
        return new BufferPool(CHUNK, 16 * CHUNK, 16 * CHUNK);
    }

    /** The unsent region, gathered piece by piece as writev would see it. */
    static byte[] unsent(OutputBuffer out) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < out.segmentCount(); i++) {
            bytes.writeBytes(out.segment(i).asSlice(out.segmentOffset(i), out.segmentLength(i))
                    .toArray(ValueLayout.JAVA_BYTE));
        }
        return bytes.toByteArray();
    }

    private static byte[] pattern(int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (i * 7 + 3);
        }
        return b;
    }

    @Test
    void appendsOfEveryKindSpanChunksInOrder() {
        try (BufferPool pool = pool()) {
            OutputBuffer out = new OutputBuffer(pool, Long.MAX_VALUE);
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            byte[] big = pattern(150);
            for (int round = 0; round < 5; round++) {
                out.writeByte('+');
                out.writeAscii("OK");
                out.writeCrlf();
                out.writeBytes(big, 3, 100);
                out.writeBytes(MemorySegment.ofArray(big), 10, 140);
                out.writeLong(-1234567890123L);
                expected.writeBytes("+OK\r\n".getBytes(ISO_8859_1));
                expected.write(big, 3, 100);
                expected.write(big, 10, 140);
                expected.writeBytes("-1234567890123".getBytes(ISO_8859_1));
            }
            assertArrayEquals(expected.toByteArray(), unsent(out));
            assertEquals(expected.size(), out.size());
            assertTrue(out.segmentCount() > 1);
        }
    }

    @Test
    void decimalFormattingMatchesLongToStringAtEveryChunkOffset() {
        long[] values = {0, 1, -1, 9, 10, -10, 99, 100, 12345, Long.MAX_VALUE, Long.MIN_VALUE,
                Long.MIN_VALUE + 1, 1_000_000_000_000_000_000L, -999_999_999_999_999_999L};
        try (BufferPool pool = pool()) {
            for (long value : values) {
                for (int pad = 0; pad < CHUNK; pad++) {
                    OutputBuffer out = padded(pool, pad);
                    out.writeLong(value);
                    byte[] all = unsent(out);
                    String digits = new String(all, pad, all.length - pad, ISO_8859_1);
                    assertEquals(Long.toString(value), digits, "value " + value + " at offset " + pad);
                    out.release();
                }
            }
            assertEquals(0, pool.blocksOut());
        }
    }

    /** An unlimited buffer holding {@code pad} dots, so that what is written next starts at that offset of its chunk. */
    private static OutputBuffer padded(BufferPool pool, int pad) {
        OutputBuffer out = new OutputBuffer(pool, Long.MAX_VALUE);
        for (int i = 0; i < pad; i++) {
            out.writeByte('.');
        }
        return out;
    }

    /**
     * A number line is the prefix, the decimal and CR LF wherever it lands: inside a chunk (the
     * one-step path) or across two (every offset of the chunk), for values at every digit count
     * and both signs; refused whole over the limit.
     */
    @Test
    void numberLinesMatchTheirTextAtEveryChunkOffsetAndAreRefusedWhole() {
        java.util.List<Long> values = new java.util.ArrayList<>(java.util.List.of(0L, -1L, Long.MAX_VALUE, Long.MIN_VALUE,
                Long.MIN_VALUE + 1));
        for (long power = 1; power > 0 && power <= Long.MAX_VALUE / 10; power *= 10) {
            for (long v : new long[] {power - 1, power, power + 1, 10 * power - 1, 3 * power + 7}) {
                values.add(v);
                values.add(-v);
            }
        }
        try (BufferPool pool = pool()) {
            for (long value : values) {
                for (int pad = 0; pad < CHUNK; pad++) {
                    OutputBuffer out = padded(pool, pad);
                    assertTrue(out.writeNumberLine(':', value));
                    out.writeByte('#');
                    byte[] all = unsent(out);
                    String line = new String(all, pad, all.length - pad, ISO_8859_1);
                    assertEquals(":" + value + "\r\n#", line, "value " + value + " at offset " + pad);
                    assertEquals(all.length, out.size());
                    out.release();
                }
            }
            OutputBuffer out = new OutputBuffer(pool, 8);
            assertTrue(out.writeAscii("12"));
            assertFalse(out.writeNumberLine('$', 1234), "7 bytes do not fit the 6 left");
            assertEquals(2, out.size(), "the refused line wrote nothing");
            out.release();
            assertEquals(0, pool.blocksOut());
        }
    }

    @Test
    void partialWritesReturnFullySentChunks() {
        try (BufferPool pool = pool()) {
            OutputBuffer out = new OutputBuffer(pool, Long.MAX_VALUE);
            byte[] data = pattern(4 * CHUNK + 10);
            out.writeBytes(data);
            assertEquals(5, pool.blocksOut());
            out.consume(CHUNK + 5);
            assertEquals(4, pool.blocksOut());
            assertEquals(CHUNK + 5, out.segmentOffset(0) + CHUNK);
            assertArrayEquals(java.util.Arrays.copyOfRange(data, CHUNK + 5, data.length), unsent(out));
            out.consume(out.size());
            assertEquals(0, out.size());
            assertEquals(0, out.segmentCount());
            assertEquals(1, pool.blocksOut(), "one chunk is kept for the next reply");
            out.writeAscii("next");
            assertEquals("next", new String(unsent(out), ISO_8859_1));
            out.release();
            assertEquals(0, pool.blocksOut());
        }
    }

    @Test
    void appendBeyondLimitIsRefusedAndTheRefusalSticks() {
        try (BufferPool pool = pool()) {
            OutputBuffer out = new OutputBuffer(pool, 10);
            assertTrue(out.writeAscii("12345678"));
            assertFalse(out.writeAscii("abc"));
            assertTrue(out.isOverLimit());
            assertEquals(8, out.size(), "the refused append wrote nothing");
            assertFalse(out.writeByte('x'), "later appends are refused too, even if they would fit");
            assertFalse(out.writeLong(1));
            out.clear();
            assertFalse(out.isOverLimit());
            assertTrue(out.writeAscii("0123456789"));
            assertEquals(10, out.size());
        }
    }

    @Test
    void copyFromTakesARangeAcrossChunksAndLeavesTheSourceAlone() {
        try (BufferPool pool = pool()) {
            OutputBuffer source = new OutputBuffer(pool, Long.MAX_VALUE);
            OutputBuffer target = new OutputBuffer(pool, Long.MAX_VALUE);
            byte[] data = pattern(5 * CHUNK);
            source.writeBytes(data);
            source.consume(7);
            target.writeAscii("<");
            assertTrue(target.copyFrom(source, 50, 3 * CHUNK));
            byte[] expected = new byte[1 + 3 * CHUNK];
            expected[0] = '<';
            System.arraycopy(data, 57, expected, 1, 3 * CHUNK);
            assertArrayEquals(expected, unsent(target));
            assertEquals(5 * CHUNK - 7, source.size());
            assertThrows(IndexOutOfBoundsException.class, () -> target.copyFrom(source, 1, source.size()));
        }
    }

    @Test
    void consumingMoreThanUnsentIsRejected() {
        try (BufferPool pool = pool()) {
            OutputBuffer out = new OutputBuffer(pool, Long.MAX_VALUE);
            out.writeAscii("abc");
            assertThrows(IllegalArgumentException.class, () -> out.consume(4));
        }
    }

    @Test
    void appendAndConsumeCycleAllocatesNothingAfterWarmUp() {
        try (BufferPool pool = pool()) {
            OutputBuffer out = new OutputBuffer(pool, Long.MAX_VALUE);
            byte[] payload = pattern(100);
            MemorySegment segment = MemorySegment.ofArray(pattern(90));
            long bytes = AllocationMeter.bytesPerRound(20, 20_000, i -> {
                out.writeByte('$');
                out.writeLong(i * 1_000_003L - 77);
                out.writeCrlf();
                out.writeBytes(payload);
                out.writeBytes(segment, 0, 90);
                out.writeAscii("+OK");
                out.consume(out.size() - (i & 15));
            });
            assertEquals(0, bytes);
            out.release();
            assertEquals(0, pool.blocksOut());
        }
    }
}
