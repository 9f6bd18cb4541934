package dev.kevy.examples.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kevy.examples.CodecDriver;
import dev.kevy.examples.CodecDriver.End;
import dev.kevy.examples.CodecDriver.Outcome;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link KvCodec} against a model of the frame format written from {@link KvProtocol}'s
 * description, over random bytes, mutated streams of valid frames and every split point: the
 * decoder never throws, never stalls, and gives the model's requests and end whatever the reads.
 */
class KvCodecFuzzTest {

    private static final int LIMIT = 200;
    private static final KvCodec CODEC = new KvCodec(LIMIT);

    /** The format as documented, over the whole stream at once. */
    static Outcome model(byte[] s, int limit) {
        List<List<String>> requests = new ArrayList<>();
        int pos = 0;
        while (true) {
            if (s.length - pos < 4) {
                return new Outcome(requests, pos == s.length ? End.CLEAN : End.PARTIAL, null, 0);
            }
            long length = ((s[pos] & 0xFFL) << 24) | ((s[pos + 1] & 0xFF) << 16) | ((s[pos + 2] & 0xFF) << 8)
                    | (s[pos + 3] & 0xFF);
            if (length > limit) {
                return error(requests, "frame too large");
            }
            if (length < 3) {
                return error(requests, "frame too short");
            }
            if (s.length - pos < 7) {
                return new Outcome(requests, End.PARTIAL, null, 0);
            }
            int keyLength = ((s[pos + 5] & 0xFF) << 8) | (s[pos + 6] & 0xFF);
            if (keyLength > length - 3) {
                return error(requests, "key longer than frame");
            }
            if (s.length - pos < 4 + length) {
                return new Outcome(requests, End.PARTIAL, null, 0);
            }
            int key = pos + 7;
            int end = (int) (pos + 4 + length);
            int valueLength = end - key - keyLength;
            requests.add(List.of(text(s, pos + 4, 1), text(s, key, keyLength), text(s, key + keyLength, valueLength)));
            pos = end;
        }
    }

    private static Outcome error(List<List<String>> requests, String message) {
        return new Outcome(requests, End.ERROR, text(KvProtocol.errorResponse(message), 0,
                KvProtocol.errorResponse(message).length), 0);
    }

    private static String text(byte[] b, int from, int length) {
        return new String(b, from, length, StandardCharsets.ISO_8859_1);
    }

    @Test
    void randomBytesDecodeAsTheModelSaysInAnyReads() {
        Random random = new Random(8001);
        for (int i = 0; i < 3_000; i++) {
            byte[] stream = new byte[random.nextInt(64)];
            random.nextBytes(stream);
            // Mostly small lengths: uniformly random ones would nearly all be "too large".
            if (stream.length >= 4 && random.nextBoolean()) {
                stream[0] = 0;
                stream[1] = 0;
                stream[2] = 0;
                stream[3] = (byte) random.nextInt(LIMIT + 8);
                if (stream.length >= 7) {
                    stream[5] = 0;
                }
            }
            assertDecodesAsModel(stream, random);
        }
    }

    @Test
    void mutatedFrameStreamsDecodeAsTheModelSaysInAnyReads() {
        Random random = new Random(8002);
        for (int i = 0; i < 3_000; i++) {
            byte[] stream = validStream(random, 1 + random.nextInt(4));
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(stream.length);
                switch (random.nextInt(3)) {
                    case 0 -> stream[at] = (byte) random.nextInt(256);
                    case 1 -> stream[at] ^= (byte) (1 << random.nextInt(8)); // a bit flip, often in a length
                    default -> stream = Arrays.copyOf(stream, at); // truncation
                }
                if (stream.length == 0) {
                    break;
                }
            }
            assertDecodesAsModel(stream, random);
        }
    }

    @Test
    void everySplitPointOfAMultiFrameStreamGivesTheSameRequestsAsWhole() {
        byte[] stream = validStream(new Random(8003), 6);
        Outcome whole = CodecDriver.whole(CODEC, stream);
        assertEquals(model(stream, LIMIT), whole);
        assertEquals(6, whole.requests().size());
        for (int split = 0; split <= stream.length; split++) {
            assertEquals(whole, CodecDriver.splitAt(CODEC, stream, split).withoutGrowths(), "split at " + split);
        }
        assertEquals(whole, CodecDriver.inReads(CODEC, stream, () -> 1).withoutGrowths(), "one byte per read");
    }

    @Test
    void oversizedFramesAnywhereInAStreamAreRefusedAfterTheFramesBeforeThem() {
        Random random = new Random(8004);
        for (int i = 0; i < 500; i++) {
            int before = random.nextInt(4);
            byte[] valid = validStream(random, before);
            long over = random.nextBoolean() ? random.nextInt(1000) : random.nextLong((1L << 32) - LIMIT - 1);
            long length = LIMIT + 1 + over; // just over the limit, or anywhere up to 2^32 - 1
            byte[] prefix = {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length};
            byte[] tail = new byte[random.nextInt(50)];
            random.nextBytes(tail);
            byte[] stream = KvCodecTest.concat(valid, prefix, tail);
            Outcome outcome = CodecDriver.inReads(CODEC, stream, () -> 1 + random.nextInt(8));
            assertEquals(End.ERROR, outcome.end(), "length " + length);
            assertEquals(before, outcome.requests().size());
            assertEquals(model(stream, LIMIT), outcome.withoutGrowths());
        }
    }

    private static void assertDecodesAsModel(byte[] stream, Random random) {
        Outcome expected = model(stream, LIMIT);
        String what = Arrays.toString(stream);
        assertEquals(expected, CodecDriver.whole(CODEC, stream).withoutGrowths(), what);
        assertEquals(expected, CodecDriver.inReads(CODEC, stream, () -> 1 + random.nextInt(12)).withoutGrowths(), what);
        assertEquals(expected, CodecDriver.splitAt(CODEC, stream, random.nextInt(stream.length + 1)).withoutGrowths(),
                what);
    }

    /** {@code frames} valid frames of random opcodes, keys and values, within the limit. */
    private static byte[] validStream(Random random, int frames) {
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        for (int f = 0; f < frames; f++) {
            byte[] key = new byte[random.nextInt(20)];
            byte[] value = new byte[random.nextInt(LIMIT - 3 - key.length + 1)];
            random.nextBytes(key);
            random.nextBytes(value);
            s.writeBytes(KvClient.frame(random.nextInt(5), key, value));
        }
        return s.toByteArray();
    }
}
