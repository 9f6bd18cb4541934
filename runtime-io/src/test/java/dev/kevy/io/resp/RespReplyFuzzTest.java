package dev.kevy.io.resp;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kevy.rt.buffer.BufferPool;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Random valid streams of replies (every type, nested to random depths, attributes anywhere) must
 * frame back to exactly the replies generated, whatever the read sizes; random corruptions of them
 * must never throw, must frame the same whatever the read sizes, and must leave every reply before
 * the first corrupted byte intact.
 *
 * <p>{@code -Dkevy.fuzz.iterations=N} runs N streams per test (default 400) for longer campaigns;
 * {@code -Dkevy.fuzz.seed=S} replays one (the seed is in every failure message).
 */
class RespReplyFuzzTest {
    private static final int ITERATIONS = Integer.getInteger("kevy.fuzz.iterations", 400);
    private static final long SEED = Long.getLong("kevy.fuzz.seed", System.nanoTime());
    private static final int MAX_DEPTH = 6;
    private static final byte[] INTERESTING = "\r\n*$%|>:+-_#,(!=~-019tfx.e".getBytes(ISO_8859_1);

    private final RespReplyDecoder decoder = new RespReplyCodec(RespReplyLimits.DEFAULTS.withMaxDepth(MAX_DEPTH))
            .newDecoder();
    private final BufferPool pool = new BufferPool(256, 64 * 1024, 64 * 1024);

    @AfterEach
    void poolIsBackToBaseline() {
        assertEquals(0, pool.blocksOut());
        pool.close();
    }

    /** A stream of replies, each reply's bytes and type, and where each ends in the stream. */
    private record Stream(byte[] bytes, Framed framed, List<Integer> ends) {
    }

    @Test
    void randomValidStreamsFrameBackToWhatWasGenerated() {
        Random random = new Random(SEED);
        for (int iteration = 0; iteration < ITERATIONS; iteration++) {
            Stream stream = randomStream(random);
            String context = "seed " + SEED + " iteration " + iteration;
            assertEquals(stream.framed(), ReplyFeeder.whole(decoder, stream.bytes()), context);
            assertEquals(stream.framed(), ReplyFeeder.inReads(decoder, pool, stream.bytes(),
                    ReplyFeeder.ReadSizes.random(random, 1 + random.nextInt(400))), context);
            if (iteration % 8 == 0) {
                assertEquals(stream.framed(), ReplyFeeder.inReads(decoder, pool, stream.bytes(),
                        ReplyFeeder.ReadSizes.fixed(1)), context);
            }
        }
    }

    @Test
    void corruptedStreamsNeverThrowAndFrameTheSameWhateverTheReadSizes() {
        Random random = new Random(SEED + 1);
        for (int iteration = 0; iteration < ITERATIONS; iteration++) {
            Stream stream = randomStream(random);
            byte[] bytes = stream.bytes().clone();
            int firstChange = random.nextInt(bytes.length);
            bytes[firstChange] = random.nextBoolean()
                    ? INTERESTING[random.nextInt(INTERESTING.length)] : (byte) random.nextInt(256);
            for (int more = random.nextInt(3); more > 0; more--) {
                int at = firstChange + random.nextInt(bytes.length - firstChange);
                bytes[at] = INTERESTING[random.nextInt(INTERESTING.length)];
            }
            String context = "seed " + (SEED + 1) + " iteration " + iteration;

            Framed whole = ReplyFeeder.whole(decoder, bytes);
            List<String> expected = stream.framed().frames();
            for (int f = 0; f < expected.size() && stream.ends().get(f) <= firstChange; f++) {
                assertEquals(expected.get(f), whole.frames().get(f), context + " frame " + f);
            }
            assertEquals(whole, ReplyFeeder.inReads(decoder, pool, bytes, ReplyFeeder.ReadSizes.fixed(1)), context);
            assertEquals(whole, ReplyFeeder.inReads(decoder, pool, bytes,
                    ReplyFeeder.ReadSizes.random(random, 1 + random.nextInt(300))), context);
        }
    }

    private static Stream randomStream(Random random) {
        StringBuilder all = new StringBuilder();
        List<String> frames = new ArrayList<>();
        List<Integer> tags = new ArrayList<>();
        List<Integer> ends = new ArrayList<>();
        for (int n = 1 + random.nextInt(8); n > 0; n--) {
            StringBuilder frame = new StringBuilder();
            tags.add((int) reply(random, frame, 1 + random.nextInt(MAX_DEPTH + 1))); // opens up to MAX_DEPTH
            frames.add(frame.toString());
            all.append(frame);
            ends.add(all.length());
        }
        return new Stream(all.toString().getBytes(ISO_8859_1), Framed.clean(frames, tags), ends);
    }

    /**
     * Appends one random reply that opens at most {@code levels - 1} aggregates (attributes
     * included), sometimes with an attribute in front, and returns its type byte.
     */
    private static char reply(Random random, StringBuilder s, int levels) {
        if (levels > 1 && random.nextInt(10) == 0) {
            int pairs = random.nextInt(3);
            s.append('|').append(pairs).append("\r\n");
            for (int i = 0; i < 2 * pairs; i++) {
                reply(random, s, levels - 1);
            }
        }
        int kind = random.nextInt(levels > 1 ? 19 : 13);
        return switch (kind) {
            case 0 -> line(s, '+', text(random));
            case 1 -> line(s, '-', "ERR " + text(random));
            case 2 -> line(s, ':', String.valueOf(random.nextInt(4) == 0 ? random.nextLong() : random.nextInt(100)));
            case 3 -> bulk(random, s, '$', "");
            case 4 -> line(s, '$', "-1");
            case 5 -> line(s, '_', "");
            case 6 -> line(s, '#', random.nextBoolean() ? "t" : "f");
            case 7 -> line(s, ',', randomDouble(random));
            case 8 -> line(s, '(', (random.nextBoolean() ? "-" : "") + digits(random));
            case 9 -> bulk(random, s, '!', "ERR ");
            case 10 -> bulk(random, s, '=', random.nextBoolean() ? "txt:" : "mkd:");
            case 11 -> line(s, "*%~>".charAt(random.nextInt(4)), "-1");
            case 12 -> line(s, "*%~>".charAt(random.nextInt(4)), "0");
            default -> aggregate(random, s, levels);
        };
    }

    private static char aggregate(Random random, StringBuilder s, int levels) {
        char type = "*%~>*%".charAt(random.nextInt(6));
        int count = random.nextInt(random.nextInt(8) == 0 ? 40 : 5);
        s.append(type).append(count).append("\r\n");
        for (int i = 0; i < count * (type == '%' ? 2 : 1); i++) {
            reply(random, s, levels - 1);
        }
        return type;
    }

    private static char line(StringBuilder s, char type, String content) {
        s.append(type).append(content).append("\r\n");
        return type;
    }

    private static char bulk(Random random, StringBuilder s, char type, String prefix) {
        StringBuilder body = new StringBuilder(prefix);
        int length = random.nextInt(20) == 0 ? 300 + random.nextInt(2000) : random.nextInt(24);
        for (int i = 0; i < length; i++) {
            body.append(random.nextInt(5) == 0 ? "\r\n$*+".charAt(random.nextInt(5)) : (char) random.nextInt(256));
        }
        s.append(type).append(body.length()).append("\r\n").append(body).append("\r\n");
        return type;
    }

    private static String text(Random random) {
        StringBuilder t = new StringBuilder();
        for (int i = random.nextInt(random.nextInt(10) == 0 ? 500 : 20); i > 0; i--) {
            char c = (char) (32 + random.nextInt(224));
            t.append(c);
        }
        return t.toString();
    }

    private static String digits(Random random) {
        StringBuilder d = new StringBuilder().append((char) ('1' + random.nextInt(9)));
        for (int i = random.nextInt(60); i > 0; i--) {
            d.append((char) ('0' + random.nextInt(10)));
        }
        return d.toString();
    }

    private static String randomDouble(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> "inf";
            case 1 -> "-inf";
            case 2 -> "nan";
            case 3 -> Double.toString(random.nextGaussian() * 1e6);
            case 4 -> String.valueOf(random.nextInt());
            default -> Double.toString(random.nextDouble() * Math.pow(10, random.nextInt(600) - 300));
        };
    }
}
