package dev.kevy.io.resp;

import static dev.kevy.io.resp.Outcome.args;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kevy.io.codec.Request;
import dev.kevy.rt.buffer.BufferPool;
import dev.kevy.rt.buffer.InputBuffer;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RespParserTest {
    private final RespParser parser = new RespParser();
    private final BufferPool pool = new BufferPool(1024, 16 * 1024, 16 * 1024);

    @AfterEach
    void poolIsBackToBaseline() {
        assertEquals(0, pool.blocksOut(), "every block went back to the pool");
        pool.close();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(ISO_8859_1);
    }

    static byte[] multibulk(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bytes("*" + args.length + "\r\n"));
        for (String arg : args) {
            out.writeBytes(bytes("$" + arg.length() + "\r\n" + arg + "\r\n"));
        }
        return out.toByteArray();
    }

    private Outcome whole(String input) {
        return Feeder.whole(parser, bytes(input), false);
    }

    @Test
    void multibulkCommandIsRecordedAsOffsetsIntoTheBuffer() {
        byte[] data = bytes("*2\r\n$3\r\nGET\r\n$5\r\nkey:1\r\n");
        MemorySegment buf = MemorySegment.ofArray(data);
        RespParseState state = new RespParseState();
        assertEquals(RespParser.COMMAND, parser.parse(buf, 0, data.length, state));
        Request command = parser.command();
        assertEquals(2, command.argc());
        assertEquals(8, command.offset(0));
        assertEquals(3, command.length(0));
        assertEquals(17, command.offset(1));
        assertEquals(5, command.length(1));
        assertTrue(command.equalsIgnoreCase(0, "get"));
        assertEquals(data.length, parser.consumed());
        assertFalse(state.inCommand());
    }

    @Test
    void bulkMayHoldAnyBytesIncludingCrLfAndBeEmpty() {
        String binary = "a\r\nb\u0000\u00ff\r";
        assertEquals(List.of(args("SET", binary, "")),
                Feeder.whole(parser, multibulk("SET", binary, ""), false).commands());
    }

    @Test
    void pipelineOfManyCommandsParsesInOrder() {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        List<List<String>> expected = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            String key = "key:" + i;
            if (i % 3 == 0) {
                stream.writeBytes(multibulk("SET", key, "v" + i));
                expected.add(args("SET", key, "v" + i));
            } else if (i % 3 == 1) {
                stream.writeBytes(multibulk("GET", key));
                expected.add(args("GET", key));
            } else {
                stream.writeBytes(bytes("INCR " + key + "\r\n"));
                expected.add(args("INCR", key));
            }
        }
        Outcome outcome = Feeder.whole(parser, stream.toByteArray(), false);
        assertEquals(expected, outcome.commands());
        assertFalse(outcome.incomplete());
        Outcome inReads = Feeder.inReads(parser, pool, stream.toByteArray(), false, Feeder.ReadSizes.fixed(1500));
        assertEquals(expected, inReads.commands());
    }

    @Test
    void commandSplitAtEveryByteBoundaryParsesIdentically() {
        byte[][] inputs = {
            multibulk("SET", "key", "va\r\nlue"),
            bytes("set k \"a\\x41 \\\"q\\\"\" 'it\\'s' plain\r\n"),
            bytes("*0\r\n\r\n*-1\r\nPING\n*1\r\n$4\r\nPING\r\n"),
        };
        for (byte[] input : inputs) {
            Outcome expected = Feeder.whole(parser, input, false);
            for (int first = 1; first < input.length; first++) {
                int split = first;
                int[] sizes = {split, input.length};
                int[] call = {0};
                Outcome got = Feeder.inReads(parser, pool, input, false, () -> sizes[Math.min(call[0]++, 1)]);
                assertEquals(expected, got, "split after byte " + split + " of " + new String(input, ISO_8859_1));
            }
            assertEquals(expected, Feeder.inReads(parser, pool, input, false, Feeder.ReadSizes.fixed(1)),
                    "byte by byte");
        }
    }

    @Test
    void emptyMultibulksNegativeCountsAndBlankInlineLinesAreSkipped() {
        Outcome outcome = whole("*0\r\n*-1\r\n*-10\r\n\r\n  \t \r\n\n*1\r\n$4\r\nPING\r\n");
        assertEquals(List.of(args("PING")), outcome.commands());
        assertFalse(outcome.incomplete());
    }

    @Test
    void skippedEmptyCommandsCountAsConsumedBeforeAnIncompleteOne() {
        byte[] data = bytes("*0\r\n\r\n*1\r\n$4\r\nPI");
        RespParseState state = new RespParseState();
        assertEquals(RespParser.NEED_MORE, parser.parse(MemorySegment.ofArray(data), 0, data.length, state));
        assertEquals(6, parser.consumed());
        assertTrue(state.inCommand());
    }

    @Test
    void inlineCommandsSplitLikeSdssplitargs() {
        assertEquals(List.of(args("PING")), whole("PING\r\n").commands());
        assertEquals(List.of(args("PING")), whole("PING\n").commands(), "LF alone ends a line");
        assertEquals(List.of(args("SET", "k", "a b")), whole("SET k \"a b\"\r\n").commands());
        assertEquals(List.of(args("ECHO", "it's")), whole("ECHO 'it\\'s'\r\n").commands());
        assertEquals(List.of(args("ECHO", "A\n\t\r\u0007\bz\"\\")),
                whole("ECHO \"\\x41\\n\\t\\r\\a\\bz\\\"\\\\\"\r\n").commands());
        assertEquals(List.of(args("ECHO", "x4G")), whole("ECHO \"\\x4G\"\r\n").commands(),
                "without two hex digits, \\x is an unknown escape: the backslash is dropped");
        assertEquals(List.of(args("ECHO", "ab c")), whole("ECHO a\"b c\"\r\n").commands(),
                "a quote inside a word opens a quoted part of it");
        assertEquals(List.of(args("ECHO", "a", "b")), whole("ECHO \"a\"\u000bb\r\n").commands(),
                "a vertical tab after a closing quote is a blank");
        assertEquals(List.of(args("ECHO", "x")), whole("ECHO \"\" x ''\r\n").commands(),
                "empty arguments are dropped");
        assertEquals(List.of(args("ECHO", "a")), whole("ECHO a\u0000 b c\r\n").commands(),
                "a NUL ends the line, as in C");
        assertEquals(List.of(args("SET", "k", "v")), whole("  SET\tk   v  \r\n").commands());
    }

    @Test
    void unbalancedQuotesAreAnError() {
        for (String line : new String[] {"ECHO \"abc\r\n", "ECHO 'abc\r\n", "ECHO \"a\"b\r\n", "ECHO 'a'b\r\n",
                "ECHO \"abc\\\"\r\n"}) {
            Outcome outcome = whole(line);
            assertEquals(ProtocolError.UNBALANCED_QUOTES, outcome.error(), line);
            assertEquals("Protocol error: unbalanced quotes in request", outcome.error().message(0));
        }
    }

    @Test
    void invalidMultibulkCountsAreRejectedWithRedisText() {
        for (String input : new String[] {"*abc\r\n", "*\r\n", "*+1\r\n", "*01\r\n", "*3000000000\r\n",
                "*1 \r\n"}) {
            Outcome outcome = whole(input);
            assertEquals(ProtocolError.INVALID_MULTIBULK_LENGTH, outcome.error(), input);
            assertEquals("Protocol error: invalid multibulk length", outcome.error().message(0));
        }
        assertEquals(null, whole("*2147483647\r\n").error(), "INT_MAX is allowed and awaits its arguments");
    }

    @Test
    void invalidBulkLengthsAreRejectedWithRedisText() {
        for (String input : new String[] {"*1\r\n$-1\r\n", "*1\r\n$x\r\n", "*1\r\n$\r\n", "*1\r\n$536870913\r\n",
                "*1\r\n$+3\r\nabc\r\n"}) {
            Outcome outcome = whole(input);
            assertEquals(ProtocolError.INVALID_BULK_LENGTH, outcome.error(), input);
            assertEquals("Protocol error: invalid bulk length", outcome.error().message(0));
        }
        Outcome atLimit = whole("*1\r\n$536870912\r\n");
        assertEquals(null, atLimit.error(), "proto-max-bulk-len itself is allowed");
        assertTrue(atLimit.incomplete());
    }

    /**
     * Headers of one to nine digits are read in one pass ({@code shortBulkHeader}); every other
     * shape goes the general way. Both must answer alike, so the shapes at the edge of the short
     * path are pinned here.
     */
    @Test
    void bulkHeadersAtTheEdgeOfTheShortPathAnswerAsRedisDoes() {
        assertEquals(ProtocolError.INVALID_BULK_LENGTH, whole("*1\r\n$03\r\nabc\r\n").error(),
                "a leading zero is refused, as by Redis's string2ll");
        assertEquals(ProtocolError.INVALID_BULK_LENGTH, whole("*1\r\n$999999999\r\n").error(), "nine digits, over the limit");
        assertEquals(ProtocolError.INVALID_BULK_LENGTH, whole("*1\r\n$1000000000\r\n").error(), "ten digits");
        assertEquals(List.of(List.of("", "abcdefghi")), whole("*2\r\n$0\r\n\r\n$9\r\nabcdefghi\r\n").commands());
        assertTrue(whole("*1\r\n$3\r").incomplete(), "the byte after the CR has not arrived");
        assertTrue(whole("*1\r\n$3").incomplete());
        assertEquals(ProtocolError.INVALID_BULK_LENGTH, whole("*1\r\n$3x\r\nabc\r\n").error());
    }

    /**
     * Headers and count lines with eight (or four) bytes present are read from one little-endian
     * word; the word path must take exactly the shapes the byte-wise path reads the same way and
     * leave every other one to it.
     */
    @Test
    void wordReadHeadersAgreeWithTheByteWisePathOnEveryShape() {
        for (int n = 0; n < 1200; n++) {
            long word = leWord("$" + n + "\r\nabcd");
            long expected = n < 1000 ? (long) n << 4 | Integer.toString(n).length() : 0;
            assertEquals(expected, RespParser.wordHeader(word), "$" + n);
            assertEquals(0, RespParser.wordHeader(leWord("$0" + n + "\r\nabcd")), "a leading zero: $0" + n);
        }
        for (String other : new String[] {"$\r\nabcdef", "$-1\r\nabcd", "$1x\r\nabcd", "$12 \r\nabc", "*12\r\nabcd",
                "$1\n\rabcde", "$123\nabcd"}) {
            assertEquals(0, RespParser.wordHeader(leWord(other)), other);
        }
        for (int n = 0; n < 120; n++) {
            assertEquals(n >= 1 && n <= 9 ? n : -1, RespParser.shortCount((int) leWord("*" + n + "\r\nabcdefg")), "*" + n);
        }
        assertEquals(-1, RespParser.shortCount((int) leWord("$3\r\nabcdefgh")));
        assertEquals(-1, RespParser.shortCount((int) leWord("*3\n\rabcdefgh")));
        assertEquals(List.of(List.of("x".repeat(999), "y")), whole("*2\r\n$999\r\n" + "x".repeat(999) + "\r\n$1\r\ny\r\n").commands());
    }

    /** The first eight bytes of {@code text}, little-endian, as the parser reads a header's word. */
    private static long leWord(String text) {
        return MemorySegment.ofArray(bytes(text)).get(
                ValueLayout.JAVA_LONG_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN), 0);
    }

    @Test
    void argumentHeaderWithoutDollarNamesTheByteFound() {
        Outcome outcome = whole("*3\r\n$3\r\nSET\r\n$1\r\nx\r\nfooz\r\n");
        assertEquals(ProtocolError.EXPECTED_DOLLAR, outcome.error());
        assertEquals("Protocol error: expected '$', got 'f'", outcome.error().message(outcome.errorByte()));
        Outcome cr = whole("*1\r\n\r\n");
        assertEquals("Protocol error: expected '$', got ' '", cr.error().message(cr.errorByte()),
                "Redis shows a CR as a space");
    }

    @Test
    void headerLinesWithoutCrWaitUpTo64KiBThenAreRefused() {
        String digits = "1".repeat(65535);
        assertTrue(whole("*" + digits).incomplete(), "65536 bytes without CR: wait");
        assertEquals(ProtocolError.TOO_BIG_MBULK_COUNT_STRING, whole("*" + digits + "1").error());
        assertEquals(ProtocolError.INVALID_MULTIBULK_LENGTH, whole("*" + digits + "\r\n").error(),
                "a 64 KiB line is judged on its value once its CR arrives");
        assertEquals(ProtocolError.INVALID_MULTIBULK_LENGTH, whole("*" + "1".repeat(70000) + "\r\n").error(),
                "a CR arriving with the line, within Redis's read slack, is found first");
        String echo = "*2\r\n$4\r\nECHO\r\n$";
        assertTrue(whole(echo + digits).incomplete());
        assertEquals(ProtocolError.TOO_BIG_BULK_COUNT_STRING, whole(echo + digits + "1").error());
        assertEquals(ProtocolError.TOO_BIG_BULK_COUNT_STRING, whole("*1\r\n" + "X".repeat(70000)).error(),
                "the length cap applies before the $ check");
        assertEquals("Protocol error: too big mbulk count string",
                ProtocolError.TOO_BIG_MBULK_COUNT_STRING.message(0));
        assertEquals("Protocol error: too big bulk count string", ProtocolError.TOO_BIG_BULK_COUNT_STRING.message(0));
    }

    @Test
    void inlineLineLongerThan64KiBIsRefusedOnceThatMuchArrivedWithoutNewline() {
        assertTrue(whole("A".repeat(65536)).incomplete());
        Outcome outcome = whole("A".repeat(65537));
        assertEquals(ProtocolError.TOO_BIG_INLINE_REQUEST, outcome.error());
        assertEquals("Protocol error: too big inline request", outcome.error().message(0));
        assertEquals(1, whole("ECHO " + "A".repeat(65531) + "\n").commands().size(), "65536 bytes and LF");
    }

    @Test
    void longInlineLineArrivingWithItsNewlineIsAcceptedWithinRedisReadSlack() {
        // Redis checks after each 16 KiB read: a newline within 64 KiB + 16 KiB of bytes that
        // arrive together is found before the check that would refuse the line.
        Outcome seventy = whole("ECHO " + "A".repeat(70000) + "\r\n");
        assertEquals(List.of(List.of("ECHO", "A".repeat(70000))), seventy.commands());
        assertEquals(1, whole("A".repeat(81919) + "\n").commands().size(), "LF at offset 81919: found");
        assertEquals(ProtocolError.TOO_BIG_INLINE_REQUEST, whole("A".repeat(81920) + "\n").error(),
                "LF at offset 81920: Redis has refused the line by then");
        try (BufferPool local = new BufferPool(256, 64 * 1024, 64 * 1024)) {
            assertEquals(ProtocolError.TOO_BIG_INLINE_REQUEST, Feeder.inReads(parser, local,
                    bytes("ECHO " + "A".repeat(70000) + "\r\n"), false, Feeder.ReadSizes.fixed(1000)).error(),
                    "the same line trickling in is refused once 64 KiB of it are present, as by Redis");
        }
    }

    @Test
    void unauthenticatedConnectionsGetRedisSmallerLimits() {
        byte[] manyArgs = bytes("*11\r\n");
        Outcome args = Feeder.whole(parser, manyArgs, true);
        assertEquals(ProtocolError.UNAUTHENTICATED_MULTIBULK_LENGTH, args.error());
        assertEquals("Protocol error: unauthenticated multibulk length", args.error().message(0));
        Outcome bulk = Feeder.whole(parser, bytes("*1\r\n$16385\r\n"), true);
        assertEquals(ProtocolError.UNAUTHENTICATED_BULK_LENGTH, bulk.error());
        assertEquals("Protocol error: unauthenticated bulk length", bulk.error().message(0));
        assertEquals(null, Feeder.whole(parser, bytes("*10\r\n$16384\r\n"), true).error());
        assertEquals(null, Feeder.whole(parser, manyArgs, false).error(), "no limit once authenticated");
        assertEquals(ProtocolError.INVALID_MULTIBULK_LENGTH,
                Feeder.whole(parser, bytes("*abc\r\n"), true).error(), "validity is checked first");
    }

    @Test
    void limitsComeFromTheConfiguration() {
        RespParser strict = new RespParser(RespLimits.DEFAULTS.withMaxBulkLength(10)
                .withMaxMultibulkLength(3).withMaxInlineLength(16));
        assertEquals(ProtocolError.INVALID_BULK_LENGTH, Feeder.whole(strict, bytes("*1\r\n$11\r\n"), false).error());
        assertEquals(1, Feeder.whole(strict, multibulk("0123456789"), false).commands().size());
        assertEquals(ProtocolError.INVALID_MULTIBULK_LENGTH, Feeder.whole(strict, bytes("*4\r\n"), false).error());
        assertEquals(ProtocolError.TOO_BIG_INLINE_REQUEST,
                Feeder.whole(strict, bytes("x".repeat(17)), false).error());
    }

    @Test
    void protocolErrorRepliesAreRedisExactBytes() {
        try (BufferPool local = new BufferPool()) {
            var out = new dev.kevy.rt.buffer.OutputBuffer(local, Long.MAX_VALUE);
            byte[] data = bytes("*1\r\nfoo\r\n");
            parser.parse(MemorySegment.ofArray(data), 0, data.length, new RespParseState());
            assertTrue(parser.writeError(out));
            assertEquals("-ERR Protocol error: expected '$', got 'f'\r\n", RespWriterTest.text(out));
            out.release();
        }
    }

    @Test
    void resumedCommandIsRecordedCorrectlyAfterAnotherConnectionUsedTheParser() {
        byte[] a = multibulk("SET", "alpha", "first-value");
        // Laid out differently, so stale slots would point at the wrong bytes of A.
        byte[] b = multibulk("HGETALL", "a-much-longer-key", "x", "y", "z");
        MemorySegment bufA = MemorySegment.ofArray(a);
        RespParseState stateA = new RespParseState();
        int cut = a.length - 5;
        assertEquals(RespParser.NEED_MORE, parser.parse(bufA, 0, cut, stateA));
        assertEquals(2, stateA.argsDone);
        assertEquals(RespParser.COMMAND, parser.parse(MemorySegment.ofArray(b), 0, b.length, new RespParseState()));
        assertEquals(RespParser.COMMAND, parser.parse(bufA, 0, a.length, stateA));
        assertEquals(args("SET", "alpha", "first-value"), Outcome.args(parser.command()));
    }

    @Test
    void bigBulkArrivesInReadsAcrossCompactionAndGrowthWithoutRescanning() {
        byte[] value = new byte[200_000];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) (i % 251);
        }
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(multibulk("PING"));
        int setStart = stream.size();
        stream.writeBytes(bytes("*3\r\n$3\r\nSET\r\n$3\r\nbig\r\n$" + value.length + "\r\n"));
        stream.writeBytes(value);
        stream.writeBytes(bytes("\r\n"));
        byte[] data = stream.toByteArray();
        long setLength = data.length - setStart;

        InputBuffer in = new InputBuffer(pool, 1 << 20);
        RespParseState state = new RespParseState();
        int fed = 0;
        int commands = 0;
        int hintsSeen = 0;
        long maxCapacity = 0;
        while (commands < 2) {
            int r = parser.parse(in.segment(), in.readIndex(), in.writeIndex(), state);
            if (r == RespParser.COMMAND) {
                commands++;
                if (commands == 2) {
                    Request command = parser.command();
                    assertTrue(command.equals(2, value));
                    assertEquals(value.length, command.length(2));
                }
                in.consume(parser.consumed());
                continue;
            }
            assertEquals(RespParser.NEED_MORE, r);
            in.consume(parser.consumed());
            if (state.pendingCommandBytes() > 0) {
                assertEquals(setLength, state.pendingCommandBytes(), "the declared size is known");
                hintsSeen++;
            }
            long free = in.prepareRead(state.pendingCommandBytes());
            int n = (int) Math.min(Math.min(free, 3000), data.length - fed);
            MemorySegment.copy(data, fed, in.segment(), ValueLayout.JAVA_BYTE, in.writeIndex(), n);
            in.advanceWriteIndex(n);
            fed += n;
            maxCapacity = Math.max(maxCapacity, in.capacity());
        }
        assertTrue(hintsSeen > 60, "hints seen " + hintsSeen);
        assertEquals(pool.blockSizeFor(setLength), maxCapacity, "growth stopped at the command's size");
        in.release();
    }

    @Test
    void parsingAllocatesNothingAfterWarmUp() {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (int i = 0; i < 16; i++) {
            stream.writeBytes(multibulk("SET", "key:" + i, "value-" + i));
            stream.writeBytes(multibulk("GET", "key:" + i));
            stream.writeBytes(bytes("PING\r\n"));
        }
        byte[] data = stream.toByteArray();
        MemorySegment buf = MemorySegment.ofArray(data);
        RespParseState state = new RespParseState();
        long[] checksum = new long[1];
        long bytes = AllocationMeter.bytesPerRound(30, 2_000, i -> {
            long start = 0;
            while (parser.parse(buf, start, data.length, state) == RespParser.COMMAND) {
                start += parser.consumed();
                Request command = parser.command();
                checksum[0] += command.argc() + command.length(command.argc() - 1);
                if (command.equalsIgnoreCase(0, "get")) {
                    checksum[0]++;
                }
            }
        });
        assertEquals(0, bytes);
        assertTrue(checksum[0] > 0);
    }

    @Test
    void resumingAHalfReceivedCommandAllocatesNothingAfterWarmUp() {
        byte[] data = multibulk("SET", "some:key", "some-value-of-moderate-length");
        MemorySegment buf = MemorySegment.ofArray(data);
        RespParseState state = new RespParseState();
        long bytes = AllocationMeter.bytesPerRound(30, 2_000, i -> {
            for (int end = 1; end < data.length; end += 7) {
                parser.parse(buf, 0, end, state);
            }
            if (parser.parse(buf, 0, data.length, state) != RespParser.COMMAND) {
                throw new AssertionError("command not completed");
            }
        });
        assertEquals(0, bytes);
    }
}
