package dev.kevy.io.resp;

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
 * Frames a stream of replies the way a connection does: reads of chosen sizes into an
 * {@link InputBuffer}, decoding after each until NEED_MORE, consuming only what the decoder says.
 * Checks the contract on every call: a frame is one field starting at {@code from} whose length
 * is what the decoder consumed; NEED_MORE consumes nothing; and the loop ends within a bound (a
 * decoder that stops making progress fails the test instead of hanging it).
 */
final class ReplyFeeder {
    private ReplyFeeder() {
    }

    /** The reference: every byte present at once, in a plain heap segment. */
    static Framed whole(RespReplyDecoder decoder, byte[] data) {
        decoder.reset(false);
        MemorySegment buf = MemorySegment.ofArray(data.clone());
        Request request = new Request();
        List<String> frames = new ArrayList<>();
        List<Integer> tags = new ArrayList<>();
        long start = 0;
        for (int calls = 0; calls <= data.length + 1; calls++) {
            int r = decoder.decode(buf, start, data.length, request);
            if (r == Decoder.REQUEST) {
                record(request, start, decoder.consumed(), frames, tags);
                start += decoder.consumed();
            } else if (r == Decoder.ERROR) {
                return new Framed(frames, tags, decoder.error(), decoder.errorOffset(), false);
            } else {
                check(r == Decoder.NEED_MORE, "unknown decode result " + r);
                check(decoder.consumed() == 0, "NEED_MORE consumed " + decoder.consumed());
                return new Framed(frames, tags, null, 0, start < data.length);
            }
        }
        throw new AssertionError("the decoder made no progress over " + data.length + " bytes");
    }

    /**
     * Delivers {@code data} in reads whose sizes {@code sizes} chooses (at most what the buffer has
     * room for), decoding after each read as the shard loop does.
     */
    static Framed inReads(RespReplyDecoder decoder, BufferPool pool, byte[] data, ReadSizes sizes) {
        decoder.reset(false);
        InputBuffer in = new InputBuffer(pool, 64L << 20);
        Request request = new Request();
        List<String> frames = new ArrayList<>();
        List<Integer> tags = new ArrayList<>();
        int fed = 0;
        try {
            for (long calls = 0; calls <= 2L * data.length + 2; calls++) {
                int r = decoder.decode(in.segment(), in.readIndex(), in.writeIndex(), request);
                if (r == Decoder.ERROR) {
                    return new Framed(frames, tags, decoder.error(), decoder.errorOffset(), false);
                }
                if (r == Decoder.REQUEST) {
                    record(request, in.readIndex(), decoder.consumed(), frames, tags);
                    in.consume(decoder.consumed());
                    continue;
                }
                check(r == Decoder.NEED_MORE, "unknown decode result " + r);
                check(decoder.consumed() == 0, "NEED_MORE consumed " + decoder.consumed());
                if (fed == data.length) {
                    return new Framed(frames, tags, null, 0, in.readableBytes() > 0);
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
    static Framed splitAt(RespReplyDecoder decoder, BufferPool pool, byte[] data, int at) {
        int[] reads = {Math.max(at, 1), Integer.MAX_VALUE};
        int[] next = {0};
        return inReads(decoder, pool, data, () -> reads[Math.min(next[0]++, 1)]);
    }

    private static void record(Request request, long from, long consumed, List<String> frames, List<Integer> tags) {
        check(consumed > 0, "REQUEST consumed nothing");
        check(request.argc() == 1, "a frame has " + request.argc() + " fields");
        check(request.offset(0) == from, "the frame starts at " + request.offset(0) + ", not " + from);
        check(request.length(0) == consumed, "the frame is " + request.length(0) + " bytes, consumed " + consumed);
        frames.add(request.toString(0));
        tags.add(request.tag());
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
