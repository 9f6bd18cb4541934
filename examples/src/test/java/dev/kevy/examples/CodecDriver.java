package dev.kevy.examples;

import dev.kevy.io.codec.Codec;
import dev.kevy.io.codec.Decoder;
import dev.kevy.io.codec.Request;
import dev.kevy.rt.buffer.BufferPool;
import dev.kevy.rt.buffer.InputBuffer;
import dev.kevy.rt.buffer.OutputBuffer;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * Runs a codec's decoder over a byte stream the way a connection does: reads of chosen sizes into
 * an {@link InputBuffer} that grows to {@link Decoder#pendingBytes()}, decode until NEED_MORE,
 * consume only what the decoder says. Fields come back as ISO-8859-1 strings (one char per byte,
 * lossless), so outcomes compare with {@code equals}.
 */
public final class CodecDriver {
    /** The largest input buffer: far above any frame the tests send whole. */
    private static final long MAX_INPUT = 64L << 20;
    /** A guard against a decoder that never finishes: no test stream needs this many steps. */
    private static final int MAX_STEPS_PER_BYTE = 4;

    private CodecDriver() {
    }

    /** How a stream ended. */
    public enum End {
        /** Every byte was decoded into requests (or skipped). */
        CLEAN,
        /** The stream ends inside a request. */
        PARTIAL,
        /** The decoder refused the stream; {@link Outcome#error()} holds its answer. */
        ERROR
    }

    /**
     * @param requests the requests decoded, in order, each as its fields
     * @param end      how the stream ended
     * @param error    the decoder's answer to the error (ISO-8859-1), or {@code null}
     * @param growths  how many times the input buffer grew
     */
    public record Outcome(List<List<String>> requests, End end, String error, int growths) {
        /** The same outcome, ignoring how the buffer grew (which depends on the read sizes). */
        public Outcome withoutGrowths() {
            return new Outcome(requests, end, error, 0);
        }
    }

    /** Every byte present in one read. */
    public static Outcome whole(Codec codec, byte[] stream) {
        return inReads(codec, stream, () -> Integer.MAX_VALUE);
    }

    /** Two reads: {@code [0, split)} then the rest. */
    public static Outcome splitAt(Codec codec, byte[] stream, int split) {
        int[] reads = {split, Integer.MAX_VALUE};
        int[] next = {0};
        return inReads(codec, stream, () -> reads[Math.min(next[0]++, 1)]);
    }

    /** Reads whose sizes {@code sizes} chooses (each at least 1, at most the buffer's free room). */
    public static Outcome inReads(Codec codec, byte[] stream, IntSupplier sizes) {
        // The runtime's chunk size, but slabs of one chunk: the fuzz tests make thousands of
        // pools, and a default pool would zero a 1 MiB slab for each.
        try (BufferPool pool = new BufferPool(BufferPool.DEFAULT_CHUNK_SIZE, BufferPool.DEFAULT_CHUNK_SIZE,
                BufferPool.DEFAULT_MAX_POOLED_BLOCK)) {
            InputBuffer in = new InputBuffer(pool, MAX_INPUT, (bytes, owner) -> owner.allocate(bytes));
            Decoder decoder = codec.newDecoder();
            decoder.reset(false);
            Request request = new Request();
            List<List<String>> requests = new ArrayList<>();
            int fed = 0;
            int growths = 0;
            long steps = 0;
            while (true) {
                if (++steps > (long) MAX_STEPS_PER_BYTE * (stream.length + 1) + requests.size() * 2L + 16) {
                    throw new AssertionError("decoder makes no progress after " + steps + " steps");
                }
                int status = decoder.decode(in.segment(), in.readIndex(), in.writeIndex(), request);
                if (status == Decoder.REQUEST) {
                    requests.add(fields(request));
                    long consumed = decoder.consumed();
                    if (consumed <= 0) {
                        throw new AssertionError("a request consumed " + consumed + " bytes");
                    }
                    in.consume(consumed);
                    continue;
                }
                if (status == Decoder.ERROR) {
                    OutputBuffer out = new OutputBuffer(pool, Long.MAX_VALUE);
                    if (!decoder.writeError(out)) {
                        throw new AssertionError("these codecs close after every framing error");
                    }
                    String error = text(out);
                    out.release();
                    return new Outcome(requests, End.ERROR, error, growths);
                }
                if (status != Decoder.NEED_MORE) {
                    throw new AssertionError("unknown decode status " + status);
                }
                in.consume(decoder.consumed());
                if (fed == stream.length) {
                    return new Outcome(requests, in.readableBytes() == 0 ? End.CLEAN : End.PARTIAL, null, growths);
                }
                long before = in.capacity();
                long free = in.prepareRead(decoder.pendingBytes());
                if (free == 0) {
                    throw new AssertionError("input buffer limit reached");
                }
                if (before != 0 && in.capacity() > before) {
                    growths++;
                }
                int n = (int) Math.min(Math.min(free, stream.length - fed), Math.max(1, sizes.getAsInt()));
                MemorySegment.copy(stream, fed, in.segment(), ValueLayout.JAVA_BYTE, in.writeIndex(), n);
                in.advanceWriteIndex(n);
                fed += n;
            }
        }
    }

    /** The request's fields as ISO-8859-1 strings. */
    public static List<String> fields(Request request) {
        List<String> fields = new ArrayList<>(request.argc());
        for (int i = 0; i < request.argc(); i++) {
            fields.add(request.toString(i));
        }
        return fields;
    }

    /** The unsent bytes of {@code out} as an ISO-8859-1 string. */
    public static String text(OutputBuffer out) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < out.segmentCount(); i++) {
            byte[] piece = out.segment(i).asSlice(out.segmentOffset(i), out.segmentLength(i))
                    .toArray(ValueLayout.JAVA_BYTE);
            s.append(new String(piece, StandardCharsets.ISO_8859_1));
        }
        return s.toString();
    }

    /** {@code s} as bytes, one per char (the inverse of the strings above). */
    public static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
