package dev.kevy.io.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kevy.rt.buffer.BufferPool;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Streams built from a seed corpus of valid requests, then mutated or replaced by random bytes.
 * Whatever the input, decoding must not throw, must end (the feeder fails a decoder that stops
 * making progress), must answer only with requests, NEED_MORE or an error, and must give the same
 * answer whole, a byte at a time, and in random reads. Requests wholly before the first mutated
 * byte decode as they did unmutated.
 *
 * <p>Small limits (a 300-byte head, 6 headers, 600-byte bodies) put the limit paths within reach.
 * {@code -Dkevy.fuzz.iterations=N} runs N streams per test (default 400); {@code -Dkevy.fuzz.seed=S}
 * replays one.
 */
class HttpFuzzTest {
    private static final int ITERATIONS = Integer.getInteger("kevy.fuzz.iterations", 400);
    private static final long SEED = Long.getLong("kevy.fuzz.seed", System.nanoTime());
    private static final byte[] INTERESTING = "\r\n :\t\u0000\u007f\u0080\u00ff09aZ/?,;\"-".getBytes(ISO_8859_1);
    private static final String[] CORPUS = {
        "GET / HTTP/1.1\r\nHost: h\r\n\r\n",
        "GET /plaintext HTTP/1.1\r\nHost: localhost:8080\r\nAccept: text/plain\r\nConnection: keep-alive\r\n\r\n",
        "POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello",
        "PUT /x?y=z HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\nContent-Length: 13\r\n\r\n{\"a\":\"b\\r\\n\"}",
        "HEAD /json HTTP/1.0\r\n\r\n",
        "DELETE /k HTTP/1.0\r\nConnection: close\r\nX-Pad: \t a b \t\r\n\r\n",
        "\r\nGET / HTTP/1.1\r\nhost: h\r\ncontent-length: 0\r\n\r\n",
        "OPTIONS * HTTP/1.1\r\nHost: h\r\nX-Obs: caf\u00e9\r\n\r\n",
    };

    private final HttpCodec codec = new HttpCodec(new HttpLimits(300, 6, 600));
    private final BufferPool pool = new BufferPool(256, 64 * 1024, 64 * 1024);

    @AfterEach
    void poolIsBackToBaseline() {
        assertEquals(0, pool.blocksOut());
        pool.close();
    }

    /** A stream of corpus requests, and where each ends in it. */
    private record Stream(byte[] bytes, List<Integer> ends) {
    }

    @Test
    void streamsOfValidRequestsDecodeToEveryRequestWhateverTheReads() {
        Random random = new Random(SEED);
        for (int iteration = 0; iteration < ITERATIONS; iteration++) {
            Stream stream = randomStream(random);
            String context = "seed " + SEED + " iteration " + iteration;
            Decoded whole = HttpFeeder.whole(codec, stream.bytes());
            assertNull(whole.error(), context);
            assertEquals(stream.ends().size(), whole.requests().size(), context);
            assertEquals(whole, HttpFeeder.inReads(codec, pool, stream.bytes(),
                    HttpFeeder.ReadSizes.random(random, 1 + random.nextInt(400))), context);
        }
    }

    @Test
    void mutatedStreamsNeverThrowAndDecodeTheSameWhateverTheReads() {
        Random random = new Random(SEED + 1);
        Set<HttpError> seen = EnumSet.noneOf(HttpError.class);
        for (int iteration = 0; iteration < ITERATIONS; iteration++) {
            Stream stream = randomStream(random);
            ByteArrayOutputStream mutated = new ByteArrayOutputStream();
            int firstChange = mutate(stream.bytes(), random, mutated);
            byte[] bytes = mutated.toByteArray();
            String context = "seed " + (SEED + 1) + " iteration " + iteration;

            Decoded whole = HttpFeeder.whole(codec, bytes);
            if (whole.error() != null) {
                seen.add(whole.error());
            }
            Decoded reference = HttpFeeder.whole(codec, stream.bytes());
            for (int r = 0; r < stream.ends().size() && stream.ends().get(r) <= firstChange; r++) {
                assertTrue(r < whole.requests().size(), context + ": request " + r + " lost, got " + whole);
                assertEquals(reference.requests().get(r), whole.requests().get(r), context + " request " + r);
            }
            assertEquals(whole, HttpFeeder.inReads(codec, pool, bytes, HttpFeeder.ReadSizes.fixed(1)), context);
            assertEquals(whole, HttpFeeder.inReads(codec, pool, bytes,
                    HttpFeeder.ReadSizes.random(random, 1 + random.nextInt(300))), context);
        }
        System.out.println("HttpFuzzTest: mutations met " + seen);
        assertTrue(ITERATIONS < 400 || seen.size() >= 8, "the mutations reach few refusals: " + seen);
    }

    @Test
    void randomBytesNeverThrowAndDecodeTheSameWhateverTheReads() {
        Random random = new Random(SEED + 2);
        for (int iteration = 0; iteration < ITERATIONS; iteration++) {
            byte[] bytes = new byte[random.nextInt(600)];
            boolean textual = random.nextBoolean();
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = textual && random.nextInt(3) > 0 ? INTERESTING[random.nextInt(INTERESTING.length)]
                        : (byte) random.nextInt(256);
            }
            String context = "seed " + (SEED + 2) + " iteration " + iteration;
            Decoded whole = HttpFeeder.whole(codec, bytes);
            assertEquals(whole, HttpFeeder.inReads(codec, pool, bytes,
                    HttpFeeder.ReadSizes.random(random, 1 + random.nextInt(100))), context);
        }
    }

    private static Stream randomStream(Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Integer> ends = new ArrayList<>();
        int count = 1 + random.nextInt(8);
        for (int i = 0; i < count; i++) {
            out.writeBytes(CORPUS[random.nextInt(CORPUS.length)].getBytes(ISO_8859_1));
            ends.add(out.size());
        }
        return new Stream(out.toByteArray(), ends);
    }

    /** Writes a mutated copy of {@code bytes} to {@code out}; returns the first changed offset. */
    private static int mutate(byte[] bytes, Random random, ByteArrayOutputStream out) {
        byte[] data = bytes.clone();
        int at = random.nextInt(data.length);
        switch (random.nextInt(6)) {
            case 0 -> { // one byte replaced
                data[at] = random.nextBoolean() ? INTERESTING[random.nextInt(INTERESTING.length)] : (byte) random.nextInt(256);
                out.writeBytes(data);
            }
            case 1 -> { // a few interesting bytes inserted
                out.write(data, 0, at);
                for (int i = 1 + random.nextInt(6); i > 0; i--) {
                    out.write(INTERESTING[random.nextInt(INTERESTING.length)]);
                }
                out.write(data, at, data.length - at);
            }
            case 2 -> { // a range deleted
                int length = Math.min(1 + random.nextInt(20), data.length - at);
                out.write(data, 0, at);
                out.write(data, at + length, data.length - at - length);
            }
            case 3 -> { // a range repeated
                int length = Math.min(1 + random.nextInt(40), data.length - at);
                out.write(data, 0, at + length);
                out.write(data, at, data.length - at);
            }
            case 4 -> { // digits inserted: lengths that lie, oversized heads
                out.write(data, 0, at);
                out.writeBytes("9".repeat(1 + random.nextInt(random.nextBoolean() ? 4 : 400)).getBytes(ISO_8859_1));
                out.write(data, at, data.length - at);
            }
            default -> out.write(data, 0, at); // cut short
        }
        return at;
    }
}
