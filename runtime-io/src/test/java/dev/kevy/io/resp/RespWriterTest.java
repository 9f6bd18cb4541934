package dev.kevy.io.resp;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kevy.rt.buffer.BufferPool;
import dev.kevy.rt.buffer.OutputBuffer;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RespWriterTest {
    private static final byte[] RESP3_TEXT = "text".getBytes(ISO_8859_1);
    private final BufferPool pool = new BufferPool(64, 1024, 1024);
    private final OutputBuffer out = new OutputBuffer(pool, Long.MAX_VALUE);

    @AfterEach
    void releaseEverything() {
        out.release();
        assertEquals(0, pool.blocksOut());
        pool.close();
    }

    /** The unsent bytes of {@code out} as a string, one char per byte. */
    static String text(OutputBuffer out) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < out.segmentCount(); i++) {
            bytes.writeBytes(out.segment(i).asSlice(out.segmentOffset(i), out.segmentLength(i))
                    .toArray(ValueLayout.JAVA_BYTE));
        }
        return bytes.toString(ISO_8859_1);
    }

    private String written(Predicate<OutputBuffer> write) {
        out.clear();
        assertTrue(write.test(out));
        return text(out);
    }

    @Test
    void everyFrameTypeIsEncodedExactly() {
        assertEquals("+OK\r\n", written(RespWriter::ok));
        assertEquals("+PONG\r\n", written(RespWriter::pong));
        assertEquals("+QUEUED\r\n", written(RespWriter::queued));
        assertEquals("$-1\r\n", written(RespWriter::nullBulk));
        assertEquals("*-1\r\n", written(RespWriter::nullArray));
        assertEquals("*0\r\n", written(RespWriter::emptyArray));
        assertEquals("$0\r\n\r\n", written(RespWriter::emptyBulk));
        assertEquals("+hello world\r\n", written(o -> RespWriter.simpleString(o, "hello world")));
        assertEquals("+bytes\r\n", written(o -> RespWriter.simpleString(o, "bytes".getBytes(ISO_8859_1))));
        assertEquals(":0\r\n", written(o -> RespWriter.integer(o, 0)));
        assertEquals(":1\r\n", written(o -> RespWriter.integer(o, 1)));
        assertEquals(":-1\r\n", written(o -> RespWriter.integer(o, -1)));
        assertEquals(":-9223372036854775808\r\n", written(o -> RespWriter.integer(o, Long.MIN_VALUE)));
        assertEquals(":9223372036854775807\r\n", written(o -> RespWriter.integer(o, Long.MAX_VALUE)));
        assertEquals("*3\r\n", written(o -> RespWriter.arrayHeader(o, 3)));
        assertEquals("$5\r\nhello\r\n", written(o -> RespWriter.bulk(o, "hello".getBytes(ISO_8859_1))));
        MemorySegment segment = MemorySegment.ofArray("xxa\r\nbyy".getBytes(ISO_8859_1));
        assertEquals("$4\r\na\r\nb\r\n", written(o -> RespWriter.bulk(o, segment, 2, 4)));
        assertEquals("$3\r\n-42\r\n", written(o -> RespWriter.bulkLong(o, -42)));
        assertEquals("$20\r\n-9223372036854775808\r\n", written(o -> RespWriter.bulkLong(o, Long.MIN_VALUE)));
        assertEquals("$2\r\nab\r\n", written(o -> RespWriter.bulkHeader(o, 2) && o.writeAscii("ab") && RespWriter.crlf(o)));
        assertEquals("+RAW\r\n", written(o -> RespWriter.raw(o, "+RAW\r\n".getBytes(ISO_8859_1))));
    }

    @Test
    void theDialectChoosesBetweenResp2AndResp3WhereTheyDiffer() {
        MemorySegment score = MemorySegment.ofArray("xx3.5yy".getBytes(ISO_8859_1));
        String[] resp2 = {"$-1\r\n", "*-1\r\n", "*4\r\n", "*2\r\n", "*3\r\n", "$3\r\n3.5\r\n", "$2\r\nhi\r\n", "$0\r\n\r\n"};
        String[] resp3 = {"_\r\n", "_\r\n", "%2\r\n", "~2\r\n", ">3\r\n", ",3.5\r\n", "=6\r\ntxt:hi\r\n", "=4\r\ntxt:\r\n"};
        for (int dialect : new int[] {0, 2, RespWriter.RESP3}) {
            out.dialect(dialect);
            String[] expected = dialect == RespWriter.RESP3 ? resp3 : resp2;
            assertEquals(expected[0], written(RespWriter::nullBulk));
            assertEquals(expected[1], written(RespWriter::nullArray));
            assertEquals(expected[2], written(o -> RespWriter.mapHeader(o, 2)));
            assertEquals(expected[3], written(o -> RespWriter.setHeader(o, 2)));
            assertEquals(expected[4], written(o -> RespWriter.pushHeader(o, 3)));
            assertEquals(expected[5], written(o -> RespWriter.doubleText(o, score, 2, 3)));
            assertEquals(expected[6], written(o -> RespWriter.verbatim(o, "hi".getBytes(ISO_8859_1))));
            assertEquals(expected[7], written(o -> RespWriter.verbatimHeader(o, 0) && RespWriter.crlf(o)));
            assertEquals(dialect == RespWriter.RESP3, RespWriter.isResp3(out));
            assertEquals("*2\r\n", written(o -> RespWriter.arrayHeader(o, 2))); // arrays are arrays in both
        }
        out.clear();
        assertEquals(RespWriter.RESP3, out.dialect()); // clear() keeps the dialect
    }

    @Test
    void errorsGetTheErrPrefixUnlessTheyNameTheirOwnCode() {
        assertEquals("-ERR unknown command 'foo'\r\n", written(o -> RespWriter.error(o, "unknown command 'foo'")));
        assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n",
                written(o -> RespWriter.error(o,
                        "-WRONGTYPE Operation against a key holding the wrong kind of value")));
        assertEquals("-ERR a b c\r\n", written(o -> RespWriter.error(o, "a\rb\nc")), "no line breaks inside");
    }

    @Test
    void everyProtocolErrorReplyIsRedisText() {
        for (ProtocolError error : ProtocolError.values()) {
            assertEquals("-ERR " + error.message('x') + "\r\n", written(o -> RespWriter.protocolError(o, error, 'x')));
        }
        assertEquals("-ERR Protocol error: expected '$', got ' '\r\n",
                written(o -> RespWriter.protocolError(o, ProtocolError.EXPECTED_DOLLAR, '\n')));
        assertEquals("-ERR Protocol error: invalid bulk length\r\n",
                written(o -> RespWriter.protocolError(o, ProtocolError.INVALID_BULK_LENGTH, 0)));
    }

    @Test
    void replyBeyondTheOutputLimitIsReportedNotThrown() {
        OutputBuffer small = new OutputBuffer(pool, 10);
        assertTrue(RespWriter.ok(small));
        assertFalse(RespWriter.bulk(small, "0123456789".getBytes(ISO_8859_1)));
        assertTrue(small.isOverLimit());
        assertFalse(RespWriter.ok(small));
        small.release();
    }

    @Test
    void writingRepliesAllocatesNothingAfterWarmUp() {
        MemorySegment value = MemorySegment.ofArray(new byte[100]);
        long bytes = AllocationMeter.bytesPerRound(30, 5_000, i -> {
            RespWriter.ok(out);
            RespWriter.integer(out, i * 7919L);
            RespWriter.bulk(out, value, 0, 100);
            RespWriter.nullBulk(out);
            RespWriter.arrayHeader(out, 2);
            RespWriter.bulkLong(out, -i);
            RespWriter.simpleString(out, "PONG");
            RespWriter.error(out, "-WRONGTYPE Operation");
            out.dialect(RespWriter.RESP3);
            RespWriter.mapHeader(out, 1);
            RespWriter.doubleText(out, value, 0, 3);
            RespWriter.verbatim(out, RESP3_TEXT);
            RespWriter.nullBulk(out);
            out.dialect(2);
            out.consume(out.size());
        });
        assertEquals(0, bytes);
    }
}
