package dev.kevy.server.persist;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The checksum of a log block's payload: CRC-32C (Castagnoli), which the JDK computes with the
 * processor's CRC instruction (SSE 4.2 on x86, the CRC32 extension on ARMv8). The table-driven
 * CRC-64 the log used before took 45% of the writer thread's time under {@code everysec} at
 * {@code -P 16} (docs/BENCHMARKS.md); snapshots keep Redis's CRC-64, which their format fixes.
 *
 * <p>One per thread: it keeps one checksum and the buffer view of the last segment it read, so a
 * writer that reuses its staging segment allocates nothing per block.
 */
final class BlockCrc {
    private final CRC32C crc = new CRC32C();
    private MemorySegment viewed;
    private ByteBuffer view;

    /** The CRC-32C of {@code s[offset, offset + length)}, zero-extended. */
    long of(MemorySegment s, long offset, long length) {
        ByteBuffer bytes;
        if (s.byteSize() > Integer.MAX_VALUE) {
            bytes = s.asSlice(offset, length).asByteBuffer(); // a large mapped log at start-up: a view per block
        } else {
            if (s != viewed) {
                view = s.asByteBuffer();
                viewed = s;
            }
            bytes = view.limit((int) (offset + length)).position((int) offset);
        }
        crc.reset();
        crc.update(bytes);
        return crc.getValue();
    }
}
