package dev.kevy.io.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kevy.io.Reducer;
import dev.kevy.rt.buffer.BufferPool;
import dev.kevy.rt.buffer.OutputBuffer;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The stock reducers over hand-built part replies, laid out at odd offsets of one segment as a gather holds them. */
class RespReducersTest {

    private final BufferPool pool = new BufferPool();
    private final Arena arena = Arena.ofConfined();

    @AfterEach
    void close() {
        arena.close();
        pool.close();
    }

    /** Parts copied into one segment behind a few bytes of unrelated data. */
    private Reducer.Parts parts(String... replies) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes("junk".getBytes(StandardCharsets.US_ASCII));
        long[] offsets = new long[replies.length];
        long[] lengths = new long[replies.length];
        for (int i = 0; i < replies.length; i++) {
            byte[] b = replies[i].getBytes(StandardCharsets.ISO_8859_1);
            offsets[i] = all.size();
            lengths[i] = b.length;
            all.writeBytes(b);
            all.write('#'); // a gap between parts: a reducer must use the lengths
        }
        byte[] bytes = all.toByteArray();
        MemorySegment segment = arena.allocate(bytes.length);
        MemorySegment.copy(bytes, 0, segment, ValueLayout.JAVA_BYTE, 0, bytes.length);
        return new Reducer.Parts() {
            @Override
            public int count() {
                return replies.length;
            }

            @Override
            public MemorySegment segment() {
                return segment;
            }

            @Override
            public long offset(int i) {
                return offsets[i];
            }

            @Override
            public long length(int i) {
                return lengths[i];
            }
        };
    }

    private String reduce(Reducer reducer, String... replies) {
        OutputBuffer out = new OutputBuffer(pool, Long.MAX_VALUE);
        try {
            reducer.reduce(parts(replies), out);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (int i = 0; i < out.segmentCount(); i++) {
                bytes.writeBytes(out.segment(i).asSlice(out.segmentOffset(i), out.segmentLength(i))
                        .toArray(ValueLayout.JAVA_BYTE));
            }
            return bytes.toString(StandardCharsets.ISO_8859_1);
        } finally {
            out.release();
        }
    }

    @Test
    void arrayWrapsEachPartAsOneElementInPartOrder() {
        assertEquals("*4\r\n$1\r\na\r\n$-1\r\n$0\r\n\r\n$3\r\nb\r\nc\r\n",
                reduce(RespReducers.ARRAY, "$1\r\na\r\n", "$-1\r\n", "$0\r\n\r\n", "$3\r\nb\r\nc\r\n"));
        assertEquals("*1\r\n*2\r\n:1\r\n:2\r\n", reduce(RespReducers.ARRAY, "*2\r\n:1\r\n:2\r\n"));
    }

    @Test
    void arrayRepliesWithTheFirstErrorPart() {
        assertEquals("-ERR first\r\n",
                reduce(RespReducers.ARRAY, "$1\r\na\r\n", "-ERR first\r\n", "-WRONGTYPE second\r\n"));
    }

    @Test
    void sumAddsIntegerPartsIncludingNegativesAndLargeOnes() {
        assertEquals(":6\r\n", reduce(RespReducers.SUM, ":1\r\n", ":2\r\n", ":3\r\n"));
        assertEquals(":0\r\n", reduce(RespReducers.SUM, ":0\r\n"));
        assertEquals(":-5\r\n", reduce(RespReducers.SUM, ":-7\r\n", ":2\r\n"));
        assertEquals(":9000000000000000000\r\n",
                reduce(RespReducers.SUM, ":4500000000000000000\r\n", ":4500000000000000000\r\n"));
    }

    @Test
    void sumRepliesWithTheFirstErrorInPartOrder() {
        assertEquals("-ERR one\r\n", reduce(RespReducers.SUM, ":1\r\n", "-ERR one\r\n", ":2\r\n", "-ERR two\r\n"));
    }

    @Test
    void allOkIsOkOnlyWhenNoPartFailed() {
        assertEquals("+OK\r\n", reduce(RespReducers.ALL_OK, "+OK\r\n", "+OK\r\n", "+OK\r\n"));
        assertEquals("-OOM command not allowed\r\n",
                reduce(RespReducers.ALL_OK, "+OK\r\n", "-OOM command not allowed\r\n", "-ERR later\r\n"));
    }

    @Test
    void concatArraysJoinsElementsInPartOrder() {
        assertEquals("*5\r\n$1\r\na\r\n$1\r\nb\r\n$2\r\ncd\r\n:7\r\n$-1\r\n",
                reduce(RespReducers.CONCAT_ARRAYS, "*2\r\n$1\r\na\r\n$1\r\nb\r\n", "*0\r\n",
                        "*3\r\n$2\r\ncd\r\n:7\r\n$-1\r\n"));
        assertEquals("*0\r\n", reduce(RespReducers.CONCAT_ARRAYS, "*0\r\n", "*0\r\n"));
    }

    @Test
    void concatArraysTreatsANullArrayPartAsEmpty() {
        assertEquals("*1\r\n$1\r\nz\r\n", reduce(RespReducers.CONCAT_ARRAYS, "*-1\r\n", "*1\r\n$1\r\nz\r\n"));
    }

    @Test
    void concatArraysRepliesWithTheFirstErrorPart() {
        assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n",
                reduce(RespReducers.CONCAT_ARRAYS, "*1\r\n$1\r\na\r\n",
                        "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "-ERR x\r\n"));
    }
}
