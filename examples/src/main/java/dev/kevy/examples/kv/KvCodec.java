package dev.kevy.examples.kv;

import static dev.kevy.examples.kv.KvProtocol.KEY_FIELD;
import static dev.kevy.examples.kv.KvProtocol.LENGTH_BYTES;
import static dev.kevy.examples.kv.KvProtocol.OPCODE_FIELD;
import static dev.kevy.examples.kv.KvProtocol.REQUEST_HEADER_BYTES;
import static dev.kevy.examples.kv.KvProtocol.VALUE_FIELD;

import dev.kevy.io.codec.Codec;
import dev.kevy.io.codec.Decoder;
import dev.kevy.io.codec.Request;
import dev.kevy.rt.buffer.OutputBuffer;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Frames kv-binary requests ({@link KvProtocol}) in place: field {@link KvProtocol#OPCODE_FIELD}
 * is the opcode byte, {@link KvProtocol#KEY_FIELD} the key, {@link KvProtocol#VALUE_FIELD} the
 * value, each pointing into the connection's input.
 *
 * <p>Framing errors are found as early as the bytes allow: the frame length is judged once its
 * 4 bytes are in, the key length once the 7 bytes of the header are in, so neither an oversized
 * frame nor a key that overruns its frame is ever buffered. Once the length is known,
 * {@link Decoder#pendingBytes()} reports the whole frame, so a frame larger than one read grows
 * the input buffer once to fit rather than doubling towards it.
 */
public final class KvCodec implements Codec {
    /** Default largest frame (the value of L): 16 MiB. */
    public static final int DEFAULT_MAX_FRAME_LENGTH = 16 << 20;
    /** The largest limit allowed: lengths stay far from int overflow anywhere downstream. */
    public static final int MAX_FRAME_LENGTH_LIMIT = 1 << 30;

    private static final byte[] FRAME_TOO_LARGE = KvProtocol.errorResponse("frame too large");
    private static final byte[] FRAME_TOO_SHORT = KvProtocol.errorResponse("frame too short");
    private static final byte[] KEY_PAST_FRAME = KvProtocol.errorResponse("key longer than frame");

    private final int maxFrameLength;

    /** Frames of up to {@link #DEFAULT_MAX_FRAME_LENGTH} bytes. */
    public KvCodec() {
        this(DEFAULT_MAX_FRAME_LENGTH);
    }

    /** Frames whose length field is at most {@code maxFrameLength}. */
    public KvCodec(int maxFrameLength) {
        if (maxFrameLength < REQUEST_HEADER_BYTES || maxFrameLength > MAX_FRAME_LENGTH_LIMIT) {
            throw new IllegalArgumentException("maxFrameLength must be in " + REQUEST_HEADER_BYTES + ".."
                    + MAX_FRAME_LENGTH_LIMIT + ": " + maxFrameLength);
        }
        this.maxFrameLength = maxFrameLength;
    }

    /** The largest length field accepted. */
    public int maxFrameLength() {
        return maxFrameLength;
    }

    @Override
    public String name() {
        return "kv-binary";
    }

    @Override
    public Decoder newDecoder() {
        return new KvDecoder(maxFrameLength);
    }

    /** An ERROR response with the message; the connection stays open, in step. */
    @Override
    public void writeInternalError(OutputBuffer out, String message) {
        KvProtocol.writeResponseHeader(out, KvProtocol.ERROR, message.length());
        out.writeAscii(message);
    }

    /** One connection's decoder. It keeps nothing between calls but the size of the frame in progress. */
    private static final class KvDecoder implements Decoder {
        private static final ValueLayout.OfInt U32 =
                ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
        private static final ValueLayout.OfShort U16 =
                ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

        private final int maxFrameLength;
        private long consumed;
        /** Bytes of the frame in progress, prefix included, once its prefix arrived; else 0. */
        private long pending;
        /** The answer to the last ERROR: one of the constant responses. */
        private byte[] error;

        KvDecoder(int maxFrameLength) {
            this.maxFrameLength = maxFrameLength;
        }

        @Override
        public int decode(MemorySegment in, long from, long to, Request request) {
            consumed = 0;
            pending = 0;
            long available = to - from;
            if (available < LENGTH_BYTES) {
                return NEED_MORE;
            }
            long length = Integer.toUnsignedLong(in.get(U32, from));
            if (length > maxFrameLength) {
                return fail(FRAME_TOO_LARGE);
            }
            if (length < REQUEST_HEADER_BYTES) {
                return fail(FRAME_TOO_SHORT);
            }
            pending = LENGTH_BYTES + length;
            if (available < LENGTH_BYTES + REQUEST_HEADER_BYTES) {
                return NEED_MORE;
            }
            long keyLength = Short.toUnsignedLong(in.get(U16, from + LENGTH_BYTES + 1));
            if (keyLength > length - REQUEST_HEADER_BYTES) {
                return fail(KEY_PAST_FRAME);
            }
            if (available < pending) {
                return NEED_MORE;
            }
            long key = from + LENGTH_BYTES + REQUEST_HEADER_BYTES;
            request.clear();
            request.field(OPCODE_FIELD, from + LENGTH_BYTES, 1);
            request.field(KEY_FIELD, key, keyLength);
            request.field(VALUE_FIELD, key + keyLength, length - REQUEST_HEADER_BYTES - keyLength);
            request.complete(in, 3);
            consumed = pending;
            pending = 0;
            return REQUEST;
        }

        private int fail(byte[] response) {
            error = response;
            pending = 0;
            return ERROR;
        }

        @Override
        public long consumed() {
            return consumed;
        }

        @Override
        public long pendingBytes() {
            return pending;
        }

        @Override
        public void reset(boolean authRequired) {
            consumed = 0;
            pending = 0;
            error = null;
        }

        /** A framing error leaves no way to find the next frame: answer, then close. */
        @Override
        public boolean writeError(OutputBuffer out) {
            out.writeBytes(error);
            return true;
        }
    }
}
