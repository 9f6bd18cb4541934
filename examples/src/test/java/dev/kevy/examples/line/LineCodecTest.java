package dev.kevy.examples.line;

import static dev.kevy.examples.CodecDriver.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kevy.examples.CodecDriver;
import dev.kevy.examples.CodecDriver.End;
import dev.kevy.examples.CodecDriver.Outcome;
import dev.kevy.rt.buffer.BufferPool;
import dev.kevy.rt.buffer.OutputBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@link LineCodec} makes of particular lines: the fields, the CR rule, the limit. */
class LineCodecTest {

    private static final LineCodec CODEC = new LineCodec();

    private static Outcome decode(String stream) {
        return CodecDriver.whole(CODEC, bytes(stream));
    }

    private static Outcome requests(End end, List<List<String>> requests) {
        return new Outcome(requests, end, null, 0);
    }

    @Test
    void lineSplitsAtItsFirstSpaceOnlyAndKeepsDoubleSpaces() {
        assertEquals(requests(End.CLEAN, List.of(List.of("ECHO", "a  b   c "))), decode("ECHO a  b   c \n"));
        assertEquals(requests(End.CLEAN, List.of(List.of("ECHO", " two leading"))), decode("ECHO  two leading\n"));
    }

    @Test
    void lineWithoutSpaceIsAllVerbAndTrailingSpaceGivesEmptyText() {
        assertEquals(requests(End.CLEAN, List.of(List.of("PING"), List.of("ECHO", ""))), decode("PING\nECHO \n"));
    }

    @Test
    void emptyLinesAreRequestsOfOneEmptyField() {
        assertEquals(requests(End.CLEAN, List.of(List.of(""), List.of(""), List.of(""))), decode("\n\r\n\n"));
    }

    @Test
    void leadingStarNulBytesAndHighBytesArePlainData() {
        assertEquals(requests(End.CLEAN, List.of(List.of("*3"), List.of("$5"), List.of("ECHO", "\0a\0\u00ff\u0080"))),
                decode("*3\r\n$5\r\nECHO \0a\0\u00ff\u0080\n"));
    }

    @Test
    void onlyTheOneCrBeforeTheLfIsDropped() {
        assertEquals(requests(End.CLEAN, List.of(List.of("ECHO", "a\r"), List.of("a\rb"), List.of("\r"))),
                decode("ECHO a\r\r\na\rb\n\r\r\n"));
    }

    @Test
    void bytesAfterTheLastLfAreAPartialLine() {
        assertEquals(requests(End.PARTIAL, List.of(List.of("PING"))), decode("PING\nECHO no end"));
    }

    @Test
    void lineOfExactlyTheLimitIsAcceptedCrIncluded() {
        LineCodec codec = new LineCodec(8);
        assertEquals(requests(End.CLEAN, List.of(List.of("12345678"), List.of("1234567"))),
                CodecDriver.whole(codec, bytes("12345678\n1234567\r\n")));
    }

    @Test
    void lineOverTheLimitIsRefusedBeforeItsLfArrives() {
        LineCodec codec = new LineCodec(8);
        Outcome noLf = CodecDriver.whole(codec, bytes("PING\n123456789"));
        assertEquals(new Outcome(List.of(List.of("PING")), End.ERROR, "ERR line too long\n", 0), noLf);
        Outcome withCr = CodecDriver.whole(codec, bytes("12345678\r\n"));
        assertEquals(new Outcome(List.of(), End.ERROR, "ERR line too long\n", 0), withCr);
    }

    @Test
    void lineArrivingOneByteAtATimeDecodesAsWhole() {
        String stream = "ECHO  a\0 *b\r\n\nUPPER x\n";
        assertEquals(decode(stream), CodecDriver.inReads(CODEC, bytes(stream), () -> 1).withoutGrowths());
    }

    @Test
    void internalErrorIsOneLineEvenWhenTheMessageHasLineBreaks() {
        try (BufferPool pool = new BufferPool()) {
            OutputBuffer out = new OutputBuffer(pool, Long.MAX_VALUE);
            CODEC.writeInternalError(out, "bad\r\nthing");
            assertEquals("ERR bad  thing\n", CodecDriver.text(out));
            out.release();
        }
    }
}
