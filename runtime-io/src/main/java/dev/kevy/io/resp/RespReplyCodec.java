package dev.kevy.io.resp;

import dev.kevy.io.codec.Codec;
import dev.kevy.rt.buffer.OutputBuffer;

/**
 * The replies of a RESP2 or RESP3 server as a {@link Codec}, for a connection the runtime opens to
 * a server (a proxy's upstream, a replica's primary): its decoder frames what the server sends
 * back, where {@link RespCodec} frames what a client sends.
 *
 * <p>Each decoded frame is one whole reply of any type, nested aggregates, attributes in front
 * and RESP3 pushes included, presented as a request with a single field: field 0 holds the frame's
 * bytes (type byte through final CR LF), ready to be copied verbatim to a client, and the tag is
 * the reply's type byte. {@link RespReplyDecoder} lists what it checks; {@link RespReplyLimits}
 * bounds frame size, bulk length and nesting.
 *
 * <p>A server that breaks the protocol is not answered: the decoder writes nothing and the
 * connection closes ({@link RespReplyDecoder#writeError}).
 *
 * <pre>{@code
 *   Codec upstream = new RespReplyCodec();   // frames "$5\r\nhello\r\n" as one field, tag '$'
 * }</pre>
 */
public final class RespReplyCodec implements Codec {

    private final RespReplyLimits limits;

    /** Replies under the default limits ({@link RespReplyLimits#DEFAULTS}). */
    public RespReplyCodec() {
        this(RespReplyLimits.DEFAULTS);
    }

    /** Replies under {@code limits}. */
    public RespReplyCodec(RespReplyLimits limits) {
        this.limits = limits;
    }

    /** The limits its decoders enforce. */
    public RespReplyLimits limits() {
        return limits;
    }

    @Override
    public String name() {
        return "resp-reply";
    }

    @Override
    public RespReplyDecoder newDecoder() {
        return new RespReplyDecoder(limits);
    }

    /**
     * {@code -ERR message}, a RESP error reply, as {@link RespCodec} writes it. The runtime calls
     * this only when a handler failed on a frame; the codec contract asks for one well-formed
     * frame of the protocol, and a RESP error is the one that any RESP peer reads as a failure.
     */
    @Override
    public void writeInternalError(OutputBuffer out, String message) {
        RespWriter.error(out, message);
    }
}
