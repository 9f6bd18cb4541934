package dev.kevy.examples.kv;

import static dev.kevy.examples.CodecDriver.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kevy.examples.CodecDriver;
import dev.kevy.examples.CodecDriver.End;
import dev.kevy.examples.CodecDriver.Outcome;
import dev.kevy.io.codec.Decoder;
import dev.kevy.io.codec.Request;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What {@link KvCodec} makes of particular frames: the fields, the early errors, the size hint. */
class KvCodecTest {

    private static final KvCodec CODEC = new KvCodec();

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static List<String> fields(int opcode, byte[] key, byte[] value) {
        return List.of(text(new byte[] {(byte) opcode}), text(key), text(value));
    }

    @Test
    void frameDecodesToOpcodeKeyAndValueWithAnyByteValues() {
        byte[] key = {0, '\n', '*', (byte) 0xFF, ' ', ' '};
        byte[] value = {'\r', '\n', 0, 0, (byte) 0x80};
        byte[] stream = KvClient.frame(KvProtocol.SET, key, value);
        assertEquals(new Outcome(List.of(fields(KvProtocol.SET, key, value)), End.CLEAN, null, 0),
                CodecDriver.whole(CODEC, stream));
    }

    @Test
    void emptyKeyAndEmptyValueAreFieldsOfLengthZero() {
        byte[] stream = KvClient.frame(KvProtocol.GET, new byte[0], new byte[0]);
        assertEquals(new Outcome(List.of(fields(KvProtocol.GET, new byte[0], new byte[0])), End.CLEAN, null, 0),
                CodecDriver.whole(CODEC, stream));
    }

    @Test
    void pendingBytesIsTheWholeFrameOnceItsLengthArrived() {
        byte[] frame = KvClient.frame(KvProtocol.SET, bytes("k"), new byte[100]);
        MemorySegment in = MemorySegment.ofArray(frame);
        Decoder decoder = CODEC.newDecoder();
        decoder.reset(false);
        Request request = new Request();
        assertEquals(Decoder.NEED_MORE, decoder.decode(in, 0, 3, request));
        assertEquals(0, decoder.pendingBytes());
        for (int to = 4; to < frame.length; to++) {
            assertEquals(Decoder.NEED_MORE, decoder.decode(in, 0, to, request));
            assertEquals(frame.length, decoder.pendingBytes(), "after " + to + " bytes");
            assertEquals(0, decoder.consumed());
        }
        assertEquals(Decoder.REQUEST, decoder.decode(in, 0, frame.length, request));
        assertEquals(frame.length, decoder.consumed());
        assertEquals(0, decoder.pendingBytes());
    }

    @Test
    void aFrameLargerThanTheReadBufferGrowsItOnce() {
        byte[] value = new byte[4 << 20];
        new Random(3).nextBytes(value);
        byte[] stream = KvClient.frame(KvProtocol.SET, bytes("big"), value);
        Outcome outcome = CodecDriver.inReads(CODEC, stream, () -> 64 * 1024);
        assertEquals(List.of(fields(KvProtocol.SET, bytes("big"), value)), outcome.requests());
        assertEquals(End.CLEAN, outcome.end());
        assertEquals(1, outcome.growths());
    }

    @Test
    void aFrameOverTheLimitIsRefusedFromItsFourLengthBytes() {
        KvCodec codec = new KvCodec(100);
        byte[] ping = KvClient.frame(KvProtocol.PING, new byte[0], new byte[0]);
        Outcome outcome = CodecDriver.whole(codec, concat(ping, new byte[] {0, 0, 0, 101}));
        assertEquals(new Outcome(List.of(fields(KvProtocol.PING, new byte[0], new byte[0])), End.ERROR,
                text(KvProtocol.errorResponse("frame too large")), 0), outcome);
        byte[] atTheLimit = KvClient.frame(KvProtocol.SET, bytes("k"), new byte[96]);
        assertEquals(End.CLEAN, CodecDriver.whole(codec, atTheLimit).end());
    }

    @Test
    void aLengthAboveTwoToThe31IsTooLargeNotNegative() {
        Outcome outcome = CodecDriver.whole(CODEC, new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
        assertEquals(End.ERROR, outcome.end());
        assertEquals(text(KvProtocol.errorResponse("frame too large")), outcome.error());
    }

    @Test
    void aFrameShorterThanItsHeaderIsRefused() {
        for (int length = 0; length < KvProtocol.REQUEST_HEADER_BYTES; length++) {
            Outcome outcome = CodecDriver.whole(CODEC, new byte[] {0, 0, 0, (byte) length});
            assertEquals(text(KvProtocol.errorResponse("frame too short")), outcome.error(), "L = " + length);
        }
    }

    @Test
    void aKeyRunningPastItsFrameIsRefusedFromTheHeaderAlone() {
        Outcome outcome = CodecDriver.whole(CODEC, new byte[] {0, 0, 0, 5, KvProtocol.GET, 0, 3});
        assertEquals(new Outcome(List.of(), End.ERROR, text(KvProtocol.errorResponse("key longer than frame")), 0),
                outcome);
        byte[] fits = {0, 0, 0, 5, KvProtocol.GET, 0, 2, 'a', 'b'};
        assertEquals(List.of(fields(KvProtocol.GET, bytes("ab"), new byte[0])),
                CodecDriver.whole(CODEC, fits).requests());
    }

    @Test
    void aLimitOutsideItsRangeIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new KvCodec(2));
        assertThrows(IllegalArgumentException.class, () -> new KvCodec(KvCodec.MAX_FRAME_LENGTH_LIMIT + 1));
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            s.writeBytes(p);
        }
        return s.toByteArray();
    }
}
