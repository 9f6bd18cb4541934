package dev.kevy.io.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kevy.io.resp.RespParseState;
import dev.kevy.io.resp.RespParser;
import dev.kevy.rt.buffer.BufferPool;
import dev.kevy.rt.buffer.InputBuffer;
import dev.kevy.sys.Mman;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A client that declares a 512 MiB bulk and sends 8 MiB costs 8 MiB: the connection's input moves
 * once into a mapping reserved for the declared command, and the kernel makes resident only the
 * pages the bytes were written to. Measured with {@code mincore} on the buffer itself.
 */
class LargeBulkMemoryTest {
    private static final long MIB = 1 << 20;
    private static final byte[] HEADER = "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$536870912\r\n".getBytes(StandardCharsets.US_ASCII);

    @Test
    void aStalledClientWhoDeclared512MiBAndSent8MiBHoldsOnly8MiB() {
        assumeTrue(MappedMemory.INSTANCE != null, "mappings exist on Linux");
        try (BufferPool pool = new BufferPool()) {
            InputBuffer in = new InputBuffer(pool, 1L << 30, MappedMemory.INSTANCE);
            RespParser parser = new RespParser();
            RespParseState state = new RespParseState();
            long sent = receive(in, parser, state, HEADER);
            byte[] piece = new byte[64 * 1024];
            while (sent < 8 * MIB) {
                sent += receive(in, parser, state, piece);
            }
            assertTrue(in.isReserved(), "the bulk went to a reservation, not to doubling pool blocks");
            assertEquals(Mman.roundUpToPage(HEADER.length + 536870912L + 2), in.capacity(),
                    "reserved for the declared command");
            assertEquals(Mman.roundUpToPage(sent), Mman.residentBytes(in.segment()),
                    "resident: exactly the pages the received bytes occupy");
            assertEquals(BufferPool.DEFAULT_SLAB_SIZE, pool.bytesReserved(), "no doubling blocks were made");

            MemorySegment reservation = in.segment();
            in.release(); // the client disconnects
            assertFalse(reservation.scope().isAlive(), "its mapping is gone with it");
            assertEquals(0, pool.blocksOut());
        }
    }

    /** Simulated reads of all of {@code bytes}, each followed by a parse that finds the command incomplete. */
    private static long receive(InputBuffer in, RespParser parser, RespParseState state, byte[] bytes) {
        int done = 0;
        while (done < bytes.length) {
            long room = in.prepareRead(state.pendingCommandBytes());
            int n = (int) Math.min(room, bytes.length - done);
            MemorySegment.copy(bytes, done, in.segment(), ValueLayout.JAVA_BYTE, in.writeIndex(), n);
            in.advanceWriteIndex(n);
            done += n;
            assertEquals(RespParser.NEED_MORE, parser.parse(in.segment(), in.readIndex(), in.writeIndex(), state));
            in.consume(parser.consumed());
        }
        return bytes.length;
    }
}
