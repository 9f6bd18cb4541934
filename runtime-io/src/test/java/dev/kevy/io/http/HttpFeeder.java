package dev.kevy.io.http;

import dev.kevy.io.codec.Decoder;
import dev.kevy.io.codec.Request;
import dev.kevy.rt.buffer.BufferPool;
import dev.kevy.rt.buffer.InputBuffer;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Decodes a byte stream the way a connection does: reads of chosen sizes into an
 * {@link InputBuffer}, decoding after each until NEED_MORE, consuming only what the decoder says.
 * Also checks the contract on every call: a REQUEST consumes something, NEED_MORE and ERROR are the
 * only other answers, and the loop ends within a bound (a decoder that stops making progress
 * fails the test instead of hanging it).
 */
final class HttpFeeder {
    private HttpFeeder() {
    }

    /** The reference: every byte present at once, in a plain heap segment. */
    static Decoded whole(HttpCodec codec, byte[] data) {
        Decoder decoder = codec.newDecoder();
        decoder.reset(false);
        MemorySegment buf = MemorySegment.ofArray(data.clone());
        Request request = new Request();
        List<List<String>> requests = new ArrayList<>();
        long start = 0;
        for (int calls = 0; calls <= data.length + 1; calls++) {
            int r = decoder.decode(buf, start, data.length, request);
            long consumed = decoder.consumed();
            if (r == Decoder.REQUEST) {
                check(consumed > 0 && start + consumed <= data.length, "REQUEST consumed " + consumed);
                requests.add(Decoded.fields(request));
                start += consumed;
            } else if (r == Decoder.ERROR) {
                return new Decoded(requests, ((HttpDecoder) decoder).error(), false);
            } else {
                check(r == Decoder.NEED_MORE, "unknown decode result " + r);
                check(consumed >= 0 && start + consumed <= data.length, "NEED_MORE consumed " + consumed);
                start += consumed;
                return new Decoded(requests, null, start < data.length);
            }
        }
        throw new AssertionError("the decoder made no progress over " + data.length + " bytes");
    }

    /**
     * Delivers {@code data} in reads whose sizes {@code sizes} chooses (at most what the buffer has
     * room for), decoding after each read as the shard loop does.
     */
    static Decoded inReads(HttpCodec codec, BufferPool pool, byte[] data, ReadSizes sizes) {
        Decoder decoder = codec.newDecoder();
        decoder.reset(false);
        InputBuffer in = new InputBuffer(pool, 64L << 20);
        Request request = new Request();
        List<List<String>> requests = new ArrayList<>();
        int fed = 0;
        try {
            for (long calls = 0; calls <= 2L * data.length + 2; calls++) {
                int r = decoder.decode(in.segment(), in.readIndex(), in.writeIndex(), request);
                long consumed = decoder.consumed();
                if (r == Decoder.ERROR) {
                    return new Decoded(requests, ((HttpDecoder) decoder).error(), false);
                }
                if (r == Decoder.REQUEST) {
                    check(consumed > 0, "REQUEST consumed nothing");
                    requests.add(Decoded.fields(request));
                    in.consume(consumed);
                    continue;
                }
                check(r == Decoder.NEED_MORE, "unknown decode result " + r);
                in.consume(consumed);
                if (fed == data.length) {
                    return new Decoded(requests, null, in.readableBytes() > 0);
                }
                long free = in.prepareRead(decoder.pendingBytes());
                check(free > 0, "input buffer limit reached");
                int n = (int) Math.min(Math.min(free, data.length - fed), Math.max(1, sizes.next()));
                MemorySegment.copy(data, fed, in.segment(), ValueLayout.JAVA_BYTE, in.writeIndex(), n);
                in.advanceWriteIndex(n);
                fed += n;
            }
            throw new AssertionError("the decoder made no progress over " + data.length + " bytes");
        } finally {
            in.release();
        }
    }

    /** Two reads: the first {@code at} bytes, then the rest. */
    static Decoded splitAt(HttpCodec codec, BufferPool pool, byte[] data, int at) {
        int[] reads = {Math.max(at, 1), Integer.MAX_VALUE};
        int[] next = {0};
        return inReads(codec, pool, data, () -> reads[Math.min(next[0]++, 1)]);
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }

    /** The size of each next read. */
    @FunctionalInterface
    interface ReadSizes {
        int next();

        static ReadSizes fixed(int size) {
            return () -> size;
        }

        static ReadSizes random(Random random, int max) {
            return () -> 1 + random.nextInt(max);
        }
    }
}
