package dev.kevy.examples.line;

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
 * {@link LineCodec} against a model of the format written from its description, over random
 * streams, mutations of realistic ones and every split point: the decoder never throws, never
 * stalls, and gives the model's requests and end whatever the reads.
 */
class LineCodecFuzzTest {

    private static final int LIMIT = 40;
    private static final LineCodec CODEC = new LineCodec(LIMIT);
    /** Bytes that matter to the format, and some that must not. */
    private static final byte[] ALPHABET = {'\n', '\r', ' ', ' ', '\0', '*', '$', 'a', 'E', (byte) 0xFF, (byte) 0x80};

    private static final String[] SEEDS = {
        "PING\nECHO hello\nUPPER mixed Case\n\n",
        "ECHO  two  spaces \r\n\r\n*3\r\n$4\r\nPING\r\n",
        "ECHO \0nul\0\nUPPER \u00ff\u00e9abc\n \n  \nECHO\n",
    };

    /** The format as documented, over the whole stream at once. */
    static Outcome model(byte[] s, int limit) {
        List<List<String>> requests = new ArrayList<>();
        int pos = 0;
        while (true) {
            int lf = pos;
            while (lf < s.length && s[lf] != '\n') {
                lf++;
            }
            if (lf - pos > limit) {
                return new Outcome(requests, End.ERROR, "ERR line too long\n", 0);
            }
            if (lf == s.length) {
                return new Outcome(requests, pos == s.length ? End.CLEAN : End.PARTIAL, null, 0);
            }
            int end = lf > pos && s[lf - 1] == '\r' ? lf - 1 : lf;
            String line = new String(s, pos, end - pos, StandardCharsets.ISO_8859_1);
            int space = line.indexOf(' ');
            requests.add(space < 0 ? List.of(line) : List.of(line.substring(0, space), line.substring(space + 1)));
            pos = lf + 1;
        }
    }

    @Test
    void randomStreamsDecodeAsTheModelSaysInAnyReads() {
        Random random = new Random(7001);
        for (int i = 0; i < 3_000; i++) {
            byte[] stream = randomStream(random, random.nextInt(200));
            assertDecodesAsModel(stream, random);
        }
    }

    @Test
    void mutatedSeedsDecodeAsTheModelSaysInAnyReads() {
        Random random = new Random(7002);
        for (int i = 0; i < 3_000; i++) {
            byte[] stream = mutate(SEEDS[i % SEEDS.length].getBytes(StandardCharsets.ISO_8859_1), random);
            assertDecodesAsModel(stream, random);
        }
    }

    @Test
    void everySplitPointOfAMultiLineStreamGivesTheSameRequestsAsWhole() {
        byte[] stream = String.join("", SEEDS).getBytes(StandardCharsets.ISO_8859_1);
        Outcome whole = CodecDriver.whole(CODEC, stream);
        assertEquals(model(stream, LIMIT), whole);
        assertEquals(End.CLEAN, whole.end());
        for (int split = 0; split <= stream.length; split++) {
            assertEquals(whole, CodecDriver.splitAt(CODEC, stream, split).withoutGrowths(), "split at " + split);
        }
        assertEquals(whole, CodecDriver.inReads(CODEC, stream, () -> 1).withoutGrowths(), "one byte per read");
    }

    @Test
    void overlongLinesAnywhereInAStreamAreRefusedAfterTheLinesBeforeThem() {
        Random random = new Random(7003);
        for (int i = 0; i < 500; i++) {
            ByteArrayOutputStream s = new ByteArrayOutputStream();
            int before = random.nextInt(5);
            for (int k = 0; k < before; k++) {
                s.writeBytes(("ECHO line " + k + "\n").getBytes(StandardCharsets.ISO_8859_1));
            }
            byte[] overlong = new byte[LIMIT + 1 + random.nextInt(100)];
            for (int k = 0; k < overlong.length; k++) {
                overlong[k] = (byte) (random.nextBoolean() ? ' ' : 'x' + random.nextInt(3));
            }
            s.writeBytes(overlong);
            if (random.nextBoolean()) {
                s.writeBytes("\nPING\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            Outcome outcome = CodecDriver.inReads(CODEC, s.toByteArray(), () -> 1 + random.nextInt(16));
            assertEquals(End.ERROR, outcome.end());
            assertEquals(before, outcome.requests().size());
            assertEquals("ERR line too long\n", outcome.error());
        }
    }

    private static void assertDecodesAsModel(byte[] stream, Random random) {
        Outcome expected = model(stream, LIMIT);
        String what = Arrays.toString(stream);
        assertEquals(expected, CodecDriver.whole(CODEC, stream).withoutGrowths(), what);
        assertEquals(expected, CodecDriver.inReads(CODEC, stream, () -> 1 + random.nextInt(24)).withoutGrowths(), what);
        assertEquals(expected, CodecDriver.splitAt(CODEC, stream, random.nextInt(stream.length + 1)).withoutGrowths(),
                what);
    }

    private static byte[] randomStream(Random random, int length) {
        byte[] s = new byte[length];
        for (int i = 0; i < length; i++) {
            s[i] = random.nextInt(4) == 0 ? (byte) random.nextInt(256) : ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return s;
    }

    /** One to four edits: flip a byte, insert one from the alphabet, delete one, or repeat a run. */
    static byte[] mutate(byte[] seed, Random random) {
        byte[] s = seed.clone();
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && s.length > 0; e++) {
            int at = random.nextInt(s.length);
            switch (random.nextInt(4)) {
                case 0 -> s[at] = (byte) random.nextInt(256);
                case 1 -> {
                    byte[] t = new byte[s.length + 1];
                    System.arraycopy(s, 0, t, 0, at);
                    t[at] = ALPHABET[random.nextInt(ALPHABET.length)];
                    System.arraycopy(s, at, t, at + 1, s.length - at);
                    s = t;
                }
                case 2 -> {
                    byte[] t = new byte[s.length - 1];
                    System.arraycopy(s, 0, t, 0, at);
                    System.arraycopy(s, at + 1, t, at, s.length - at - 1);
                    s = t;
                }
                default -> {
                    int run = Math.min(s.length - at, 1 + random.nextInt(LIMIT));
                    byte[] t = new byte[s.length + run];
                    System.arraycopy(s, 0, t, 0, at + run);
                    System.arraycopy(s, at, t, at + run, s.length - at);
                    s = t;
                }
            }
        }
        return s;
    }
}
