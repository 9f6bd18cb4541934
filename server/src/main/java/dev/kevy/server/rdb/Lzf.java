package dev.kevy.server.rdb;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Decompression of LZF, the format Redis compresses RDB strings with ({@code rdbcompression yes}):
 * a sequence of literal runs (a control byte below 32, then that many plus one bytes) and back
 * references (a control byte whose top three bits are the length minus two, 7 meaning "plus the
 * next byte", and whose low five bits with the following byte are the distance minus one).
 */
public final class Lzf {
    private static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;

    private Lzf() {
    }

    /**
     * Decompresses {@code inLength} bytes at {@code in[inOffset]} into exactly {@code outLength}
     * bytes at {@code out[outOffset]}. Returns false if the input is malformed: a reference before
     * the start of the output, a run past either end, or a different decompressed length.
     */
    public static boolean decompress(MemorySegment in, long inOffset, long inLength,
                                     MemorySegment out, long outOffset, long outLength) {
        long ip = inOffset;
        long inEnd = inOffset + inLength;
        long op = outOffset;
        long outEnd = outOffset + outLength;
        while (ip < inEnd) {
            int ctrl = in.get(BYTE, ip++) & 0xFF;
            if (ctrl < 32) {
                long run = ctrl + 1L;
                if (ip + run > inEnd || op + run > outEnd) {
                    return false;
                }
                MemorySegment.copy(in, ip, out, op, run);
                ip += run;
                op += run;
                continue;
            }
            long length = ctrl >>> 5;
            if (length == 7) {
                if (ip >= inEnd) {
                    return false;
                }
                length += in.get(BYTE, ip++) & 0xFF;
            }
            if (ip >= inEnd) {
                return false;
            }
            long ref = op - ((ctrl & 0x1F) << 8) - 1 - (in.get(BYTE, ip++) & 0xFF);
            length += 2;
            if (ref < outOffset || op + length > outEnd) {
                return false;
            }
            for (long i = 0; i < length; i++) { // byte by byte: a reference may overlap what it writes
                out.set(BYTE, op + i, out.get(BYTE, ref + i));
            }
            op += length;
        }
        return op == outEnd;
    }
}
