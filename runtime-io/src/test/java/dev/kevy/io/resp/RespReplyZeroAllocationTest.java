package dev.kevy.io.resp;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kevy.io.codec.Decoder;
import dev.kevy.io.codec.Request;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Once the JIT has compiled it, framing replies of every type (a GET's bulk, a 100-element array,
 * a RESP3 map with an attribute, a push, doubles, a frame that arrives in three reads) allocates
 * nothing, as the shard loop requires. A companion check shows the meter sees a deliberate
 * allocation on the same path.
 */
class RespReplyZeroAllocationTest {
    private static final String PIPELINE = "$5\r\nhello\r\n"
            + "*100\r\n" + "$7\r\nelement\r\n".repeat(100)
            + "|1\r\n+ttl\r\n:3600\r\n%2\r\n+a\r\n,1.5e3\r\n+b\r\n#t\r\n"
            + ">3\r\n$7\r\nmessage\r\n$2\r\nch\r\n=9\r\ntxt:hello\r\n"
            + "+OK\r\n-ERR no\r\n:12345\r\n_\r\n(12345678901234567890123\r\n!3\r\nERR\r\n$-1\r\n*-1\r\n"
            + "*3\r\n$300\r\n" + "x".repeat(300) + "\r\n*1\r\n:1\r\n~2\r\n,inf\r\n,-0.25\r\n";
    private static final int FRAMES = 13; // the verbatim string is the push's third element

    private final Arena arena = Arena.ofConfined();
    private final RespReplyDecoder decoder = new RespReplyCodec().newDecoder();
    private final Request request = new Request();
    /** The reads: the last frame arrives in three, cut inside its bulk body and inside a line. */
    private final long[] reads = {PIPELINE.lastIndexOf("xxx") - 100, PIPELINE.lastIndexOf(",in") + 2,
        PIPELINE.length()};
    private MemorySegment in;
    private long sink;

    @BeforeEach
    void copyThePipelineOffHeap() {
        byte[] bytes = PIPELINE.getBytes(ISO_8859_1);
        in = arena.allocate(bytes.length);
        MemorySegment.copy(MemorySegment.ofArray(bytes), 0, in, 0, bytes.length);
        decoder.reset(false);
    }

    @AfterEach
    void releaseEverything() {
        arena.close();
    }

    /** Frames the whole pipeline, read by read; returns the frames seen. */
    private int frameOnce(boolean allocateOnPurpose) {
        long from = 0;
        int framed = 0;
        for (long to : reads) {
            while (decoder.decode(in, from, to, request) == Decoder.REQUEST) {
                sink += request.tag() + request.length(0);
                if (allocateOnPurpose) {
                    sink += new long[16].length;
                }
                from += decoder.consumed();
                framed++;
            }
        }
        return framed;
    }

    @Test
    void framingAllocatesNothingAfterWarmUp() {
        assertEquals(FRAMES, frameOnce(false));
        long allocated = AllocationMeter.bytesPerRound(200, 2_000, i -> frameOnce(false));
        assertEquals(0, allocated, "bytes allocated by 2,000 pipelines of " + FRAMES + " replies after warm-up");
    }

    @Test
    void theMeterSeesADeliberateAllocationOnTheSamePath() {
        long allocated = AllocationMeter.bytesPerRound(3, 1_000, i -> frameOnce(true));
        assertTrue(allocated >= 1_000L * FRAMES * 16 * Long.BYTES, "the meter saw " + allocated + " bytes");
    }
}
