package dev.kevy.io.resp;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kevy.io.codec.Decoder;
import dev.kevy.io.codec.Request;
import dev.kevy.rt.buffer.BufferPool;
import dev.kevy.rt.buffer.OutputBuffer;
import java.lang.foreign.MemorySegment;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each reply type of RESP2 and RESP3 frames to exactly its bytes with its type as the tag;
 * attributes travel with the reply after them; each malformed input ends in its own error at its
 * own offset; each limit accepts its bound and refuses one past it, before the bytes arrive.
 */
class RespReplyDecoderTest {
    private RespReplyDecoder decoder = new RespReplyCodec().newDecoder();

    private static byte[] bytes(String s) {
        return s.getBytes(ISO_8859_1);
    }

    /** {@code frame}, alone in the stream, frames to itself with tag {@code tag}. */
    private void assertFrame(String frame, char tag) {
        assertEquals(Framed.clean(List.of(frame), List.of((int) tag)), ReplyFeeder.whole(decoder, bytes(frame)),
                frame);
    }

    /** The stream ends in {@code error} at {@code offset} of the failing frame, after {@code before} frames. */
    private void assertRefused(String stream, int before, RespReplyError error, long offset) {
        Framed framed = ReplyFeeder.whole(decoder, bytes(stream));
        assertEquals(before, framed.frames().size(), stream);
        assertEquals(error, framed.error(), stream.replace("\r\n", "\\r\\n"));
        assertEquals(offset, framed.errorOffset(), stream.replace("\r\n", "\\r\\n"));
    }

    private void assertIncomplete(String stream) {
        Framed framed = ReplyFeeder.whole(decoder, bytes(stream));
        assertTrue(framed.incomplete() && framed.error() == null && framed.frames().isEmpty(), framed.toString());
    }

    @Test
    void resp2ScalarsFrameToThemselvesWithTheirTypeAsTag() {
        assertFrame("+OK\r\n", '+');
        assertFrame("+\r\n", '+');
        assertFrame("-ERR unknown command 'foo'\r\n", '-');
        assertFrame("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", '-');
        assertFrame(":0\r\n", ':');
        assertFrame(":-9223372036854775808\r\n", ':');
        assertFrame(":9223372036854775807\r\n", ':');
        assertFrame("$5\r\nhello\r\n", '$');
        assertFrame("$0\r\n\r\n", '$');
        assertFrame("$-1\r\n", '$');
        assertFrame("$6\r\n\r\n\r\n\r\n\r\n", '$'); // a body of CR LFs is skipped by its length
    }

    @Test
    void arraysOfEveryKindAndNullArraysFrameWhole() {
        assertFrame("*-1\r\n", '*');
        assertFrame("*0\r\n", '*');
        assertFrame("*3\r\n$3\r\nfoo\r\n:1\r\n$-1\r\n", '*');
        assertFrame("*2\r\n*2\r\n+a\r\n*0\r\n*1\r\n*1\r\n*-1\r\n", '*');
        assertFrame("*4\r\n-ERR x\r\n+OK\r\n$2\r\nhi\r\n*1\r\n:7\r\n", '*');
    }

    @Test
    void resp3ScalarsFrameToThemselves() {
        assertFrame("_\r\n", '_');
        assertFrame("#t\r\n", '#');
        assertFrame("#f\r\n", '#');
        for (String d : new String[] {"3.14", "-1.5", "10", "+2", "1e-5", "2.5E10", ".5", "5.", "inf", "-inf", "nan", "INF"}) {
            assertFrame("," + d + "\r\n", ',');
        }
        assertFrame("(3492890328409238509324850943850943825024385\r\n", '(');
        assertFrame("(-1\r\n", '(');
        assertFrame("!21\r\nSYNTAX invalid syntax\r\n", '!');
        assertFrame("=15\r\ntxt:Some string\r\n", '=');
        assertFrame("=4\r\nmkd:\r\n", '=');
    }

    @Test
    void mapsSetsAndPushesCountTheirElements() {
        assertFrame("%2\r\n+first\r\n:1\r\n+second\r\n:2\r\n", '%');
        assertFrame("%0\r\n", '%');
        assertFrame("%1\r\n*2\r\n:1\r\n:2\r\n%1\r\n_\r\n#t\r\n", '%');
        assertFrame("~3\r\n+a\r\n+b\r\n+c\r\n", '~');
        assertFrame("~0\r\n", '~');
        assertFrame(">3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$2\r\nhi\r\n", '>');
        assertFrame("*-1\r\n", '*');
        assertFrame("%-1\r\n", '%');
    }

    @Test
    void attributesBelongToTheReplyAfterThemAndTheTagIsTheReplysType() {
        // The example of the RESP3 specification: an attribute, then the array it describes.
        assertFrame("|1\r\n+key-popularity\r\n%2\r\n$1\r\na\r\n,0.1923\r\n$1\r\nb\r\n,0.0012\r\n"
                + "*2\r\n:2039123\r\n:9543892\r\n", '*');
        assertFrame("|0\r\n:5\r\n", ':');
        assertFrame("|1\r\n+a\r\n+b\r\n|1\r\n+c\r\n+d\r\n$1\r\nx\r\n", '$');
        assertFrame("*2\r\n|1\r\n+ttl\r\n:3600\r\n:1\r\n:2\r\n", '*');
        assertFrame("|1\r\n|1\r\n+x\r\n+y\r\n+k\r\n+v\r\n>1\r\n+msg\r\n", '>');
        // The attribute alone is not a frame: the reply it stands in front of is still owed.
        assertIncomplete("|1\r\n+a\r\n+b\r\n");
        assertIncomplete("*1\r\n|0\r\n");
    }

    @Test
    void pipelinedRepliesFrameOneByOneInOrder() {
        List<String> frames = List.of("+OK\r\n", "$5\r\nhello\r\n", "*2\r\n:1\r\n$-1\r\n", ">2\r\n+a\r\n+b\r\n",
                "|1\r\n+k\r\n+v\r\n_\r\n", "-ERR no\r\n", "=7\r\ntxt:abc\r\n");
        List<Integer> tags = List.of((int) '+', (int) '$', (int) '*', (int) '>', (int) '_', (int) '-', (int) '=');
        assertEquals(Framed.clean(frames, tags), ReplyFeeder.whole(decoder, bytes(String.join("", frames))));
    }

    @Test
    void aFrameIsOneFieldAtItsFirstByteWithItsLengthConsumed() {
        byte[] data = bytes("xx:42\r\n+OK\r\n");
        MemorySegment in = MemorySegment.ofArray(data);
        Request request = new Request();
        decoder.reset(false);
        assertEquals(Decoder.REQUEST, decoder.decode(in, 2, data.length, request));
        assertEquals(1, request.argc());
        assertEquals(2, request.offset(0));
        assertEquals(5, request.length(0));
        assertEquals(5, decoder.consumed());
        assertEquals(':', request.tag());
        assertEquals(":42\r\n", request.toString(0));
        assertEquals(Decoder.REQUEST, decoder.decode(in, 7, data.length, request));
        assertEquals("+OK\r\n", request.toString(0));
        assertEquals(Decoder.NEED_MORE, decoder.decode(in, 12, data.length, request));
        assertEquals(0, decoder.consumed());
        assertEquals(0, request.argc());
        assertEquals(0, request.tag());
    }

    @Test
    void brokenLinesAreRefusedWhereTheyBreak() {
        assertRefused("?x\r\n", 0, RespReplyError.UNKNOWN_TYPE, 0);
        assertRefused("*1\r\n?\r\n", 0, RespReplyError.UNKNOWN_TYPE, 4);
        assertRefused("+OK\r\n:1\r\nx", 2, RespReplyError.UNKNOWN_TYPE, 0);
        assertRefused("\r\n", 0, RespReplyError.UNKNOWN_TYPE, 0);
        assertRefused("+OK\rX", 0, RespReplyError.CR_WITHOUT_LF, 4);
        assertRefused("+OK\r\r\n", 0, RespReplyError.CR_WITHOUT_LF, 4);
        assertRefused("+OK\n+OK\r\n", 0, RespReplyError.LF_WITHOUT_CR, 3);
        assertRefused("*2\r\n:1\r\n:2\n", 0, RespReplyError.LF_WITHOUT_CR, 10);
    }

    @Test
    void malformedScalarsAreRefusedAtTheirLine() {
        for (String bad : new String[] {":12a", ":", ":+1", ":01", ":-0", ":1 ", ":99999999999999999999"}) {
            assertRefused("*1\r\n" + bad + "\r\n", 0, RespReplyError.INVALID_INTEGER, 4);
        }
        assertRefused(":123456789012345678901", 0, RespReplyError.INVALID_INTEGER, 0); // no CR can save it
        assertRefused("_x\r\n", 0, RespReplyError.INVALID_NULL, 0);
        assertRefused("_x", 0, RespReplyError.INVALID_NULL, 0);
        for (String bad : new String[] {"#x\r\n", "#\r\n", "#T\r\n", "#tt"}) {
            assertRefused(bad, 0, RespReplyError.INVALID_BOOLEAN, 0);
        }
        for (String bad : new String[] {"", ".", "-", "1.2.3", "e5", "1e", "1e+", "infinity", "0x10", "1,5", " 1"}) {
            assertRefused("," + bad + "\r\n", 0, RespReplyError.INVALID_DOUBLE, 0);
        }
        for (String bad : new String[] {"", "-", "+1", "12a", "1.0", "--1"}) {
            assertRefused("(" + bad + "\r\n", 0, RespReplyError.INVALID_BIG_NUMBER, 0);
        }
    }

    @Test
    void malformedLengthsAndCountsAreRefusedAtTheirHeader() {
        for (String bad : new String[] {"$abc", "$", "$-2", "$+1", "!-1", "=-1", "=3", "=0", "$123456789012345678901"}) {
            assertRefused("%1\r\n+k\r\n" + bad + "\r\n", 0, RespReplyError.INVALID_BULK_LENGTH, 8);
        }
        for (String bad : new String[] {"*-2", "*x", "*", "%-5", "~-3", ">-2", "|-1", "*00", "*123456789012345678901"}) {
            assertRefused("*1\r\n" + bad + "\r\n", 0, RespReplyError.INVALID_AGGREGATE_COUNT, 4);
        }
    }

    @Test
    void streamedStringsAndAggregatesAreNotSupported() {
        assertRefused("$?\r\n;4\r\nHell\r\n;0\r\n", 0, RespReplyError.INVALID_BULK_LENGTH, 0);
        assertRefused("*?\r\n:1\r\n.\r\n", 0, RespReplyError.INVALID_AGGREGATE_COUNT, 0);
        assertRefused(";4\r\nHell\r\n", 0, RespReplyError.UNKNOWN_TYPE, 0);
        assertRefused(".\r\n", 0, RespReplyError.UNKNOWN_TYPE, 0);
    }

    @Test
    void aBulkWhoseLengthLiesIsRefusedAtItsEnd() {
        assertRefused("$3\r\nabcd\r\n", 0, RespReplyError.BULK_NOT_TERMINATED, 7);
        assertRefused("*1\r\n$3\r\nab\r\n\r\n", 0, RespReplyError.BULK_NOT_TERMINATED, 11);
        assertRefused("$0\r\nX\r\n", 0, RespReplyError.BULK_NOT_TERMINATED, 4);
        assertRefused("=5\r\ntxtab\r\n", 0, RespReplyError.INVALID_VERBATIM, 7);
        assertRefused("!3\r\nabc\n\n", 0, RespReplyError.BULK_NOT_TERMINATED, 7);
    }

    @Test
    void nestingIsRefusedOnlyPastTheDepthLimit() {
        decoder = new RespReplyDecoder(RespReplyLimits.DEFAULTS.withMaxDepth(3));
        assertFrame("*1\r\n%1\r\n+k\r\n~1\r\n:1\r\n", '*');
        assertFrame("*1\r\n*1\r\n*1\r\n*0\r\n", '*'); // an empty aggregate opens nothing
        assertFrame("*1\r\n*1\r\n*1\r\n*-1\r\n", '*');
        assertFrame("|1\r\n*1\r\n*1\r\n:1\r\n+v\r\n:1\r\n", ':'); // the attribute is one level
        assertRefused("*1\r\n*1\r\n*1\r\n*1\r\n:1\r\n", 0, RespReplyError.TOO_DEEP, 12);
        assertRefused("*1\r\n*1\r\n*1\r\n|1\r\n", 0, RespReplyError.TOO_DEEP, 12);
        assertIncomplete("*1\r\n*1\r\n|1\r\n");
    }

    @Test
    void theDefaultDepthIs128() {
        assertEquals(128, decoder.limits().maxDepth());
        assertFrame("*1\r\n".repeat(128) + ":1\r\n", '*');
        assertRefused("*1\r\n".repeat(129) + ":1\r\n", 0, RespReplyError.TOO_DEEP, 128 * 4);
    }

    @Test
    void bulkAndLineLimitsAcceptTheirBoundAndRefuseOnePastBeforeTheBytesArrive() {
        decoder = new RespReplyDecoder(RespReplyLimits.DEFAULTS.withMaxBulkLength(10));
        assertFrame("$10\r\n0123456789\r\n", '$');
        assertFrame("!10\r\n0123456789\r\n", '!');
        assertRefused("$11\r\n", 0, RespReplyError.BULK_TOO_LONG, 0);
        assertRefused("*2\r\n:1\r\n=11\r\n", 0, RespReplyError.BULK_TOO_LONG, 8);
        assertFrame("+0123456789\r\n", '+');
        assertFrame("(-123456789\r\n", '(');
        assertRefused("+01234567890", 0, RespReplyError.LINE_TOO_LONG, 0);
        assertRefused("-01234567890", 0, RespReplyError.LINE_TOO_LONG, 0);
        assertRefused(",01234567890", 0, RespReplyError.LINE_TOO_LONG, 0);
        assertRefused("*1\r\n(01234567890", 0, RespReplyError.LINE_TOO_LONG, 4);
    }

    @Test
    void theFrameLimitBoundsBulksCountsAndLinesAsSoonAsTheyShowIt() {
        decoder = new RespReplyDecoder(RespReplyLimits.DEFAULTS.withMaxFrameLength(20));
        assertFrame("$13\r\n0123456789abc\r\n", '$'); // exactly 20 bytes
        assertRefused("$14\r\n", 0, RespReplyError.FRAME_TOO_LONG, 0);
        assertFrame("*5\r\n" + "_\r\n".repeat(5), '*'); // five elements of at least three bytes fit
        assertRefused("*6\r\n", 0, RespReplyError.FRAME_TOO_LONG, 0);
        assertFrame("%2\r\n" + "_\r\n".repeat(4), '%');
        assertRefused("%3\r\n", 0, RespReplyError.FRAME_TOO_LONG, 0);
        assertRefused("|3\r\n", 0, RespReplyError.FRAME_TOO_LONG, 0);
        assertRefused("*5\r\n" + ":1\r\n".repeat(4) + ":", 0, RespReplyError.FRAME_TOO_LONG, 20);
        assertFrame("+" + "x".repeat(17) + "\r\n", '+');
        assertRefused("+" + "x".repeat(18) + "\r\n", 0, RespReplyError.FRAME_TOO_LONG, 0);
        assertRefused("+" + "x".repeat(30), 0, RespReplyError.FRAME_TOO_LONG, 0);
        // The limit is per frame: a second one of the same size is framed after the first.
        String twenty = "$13\r\n0123456789abc\r\n";
        assertEquals(Framed.clean(List.of(twenty, twenty), List.of((int) '$', (int) '$')),
                ReplyFeeder.whole(decoder, bytes(twenty + twenty)));
    }

    @Test
    void theDefaultLimitsRefuseDeclaredSizesBeforeTheBytesArrive() {
        assertRefused("$536870913\r\n", 0, RespReplyError.BULK_TOO_LONG, 0);
        assertIncomplete("$536870912\r\n");
        // (1 GiB - 12 header bytes) / 3 bytes per element at least = 357913937 elements.
        assertIncomplete("*357913937\r\n");
        assertRefused("*357913938\r\n", 0, RespReplyError.FRAME_TOO_LONG, 0);
        assertRefused("*9223372036854775807\r\n", 0, RespReplyError.FRAME_TOO_LONG, 0);
        assertRefused("%4611686018427387904\r\n", 0, RespReplyError.FRAME_TOO_LONG, 0);
    }

    @Test
    void pendingBytesIsTheEndOfTheBulkAwaitedFromTheFramesFirstByte() {
        Request request = new Request();
        decoder.reset(false);
        byte[] head = bytes("*2\r\n:1\r\n$10");
        assertEquals(Decoder.NEED_MORE, decoder.decode(MemorySegment.ofArray(head), 0, head.length, request));
        assertEquals(0, decoder.pendingBytes());
        byte[] more = bytes("*2\r\n:1\r\n$100\r\nab");
        assertEquals(Decoder.NEED_MORE, decoder.decode(MemorySegment.ofArray(more), 0, more.length, request));
        assertEquals(4 + 4 + 6 + 100 + 2, decoder.pendingBytes());
        byte[] all = bytes("*2\r\n:1\r\n$100\r\n" + "x".repeat(100) + "\r\n");
        assertEquals(Decoder.REQUEST, decoder.decode(MemorySegment.ofArray(all), 0, all.length, request));
        assertEquals(0, decoder.pendingBytes());
        assertEquals(all.length, decoder.consumed());
    }

    @Test
    void resetForgetsTheFrameInProgress() {
        Request request = new Request();
        byte[] half = bytes("*2\r\n:1\r\n$5\r\nab");
        decoder.reset(false);
        assertEquals(Decoder.NEED_MORE, decoder.decode(MemorySegment.ofArray(half), 0, half.length, request));
        decoder.reset(true);
        assertEquals(0, decoder.pendingBytes());
        byte[] next = bytes("+OK\r\n");
        assertEquals(Decoder.REQUEST, decoder.decode(MemorySegment.ofArray(next), 0, next.length, request));
        assertEquals("+OK\r\n", request.toString(0));
        byte[] bad = bytes("?");
        assertEquals(Decoder.ERROR, decoder.decode(MemorySegment.ofArray(bad), 0, bad.length, request));
        decoder.reset(false);
        assertNull(decoder.error());
        assertEquals(Decoder.REQUEST, decoder.decode(MemorySegment.ofArray(next), 0, next.length, request));
    }

    @Test
    void aProtocolErrorWritesNothingAndClosesWhileAnInternalErrorIsARespError() {
        BufferPool pool = new BufferPool(64, 1024, 1024);
        OutputBuffer out = new OutputBuffer(pool, Long.MAX_VALUE);
        try {
            assertTrue(decoder.writeError(out));
            assertEquals(0, out.size());
            new RespReplyCodec().writeInternalError(out, "handler failed\r\non a frame");
            assertEquals("-ERR handler failed  on a frame\r\n", RespWriterTest.text(out));
        } finally {
            out.release();
            pool.close();
        }
    }

    @Test
    void theCodecMakesAFreshDecoderPerSlotWithItsLimits() {
        RespReplyLimits limits = new RespReplyLimits(100, 1000, 4);
        RespReplyCodec codec = new RespReplyCodec(limits);
        assertEquals("resp-reply", codec.name());
        assertEquals(limits, codec.limits());
        assertEquals(limits, codec.newDecoder().limits());
        assertNotSame(codec.newDecoder(), codec.newDecoder());
        assertEquals(RespReplyLimits.DEFAULTS, new RespReplyCodec().limits());
        assertEquals(512L << 20, RespReplyLimits.DEFAULTS.maxBulkLength());
        assertEquals(1L << 30, RespReplyLimits.DEFAULTS.maxFrameLength());
    }

    @Test
    void limitsOutsideTheirRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RespReplyLimits(-1, 100, 4));
        assertThrows(IllegalArgumentException.class, () -> new RespReplyLimits(10, 2, 4));
        assertThrows(IllegalArgumentException.class, () -> new RespReplyLimits(10, 100, 0));
        assertThrows(IllegalArgumentException.class, () -> new RespReplyLimits(10, 100, (1 << 16) + 1));
        assertThrows(IllegalArgumentException.class, () -> new RespReplyLimits(Long.MAX_VALUE, 100, 4));
        assertThrows(IllegalArgumentException.class, () -> new RespReplyLimits(10, Long.MAX_VALUE, 4));
        assertEquals(new RespReplyLimits(0, 3, 1), new RespReplyLimits(0, 3, 1)); // the smallest allowed
    }
}
