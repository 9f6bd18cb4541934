package dev.kevy.io.resp;

import dev.kevy.io.codec.Codec;
import dev.kevy.io.codec.Decoder;
import dev.kevy.io.codec.Request;
import dev.kevy.rt.buffer.OutputBuffer;
import java.lang.foreign.MemorySegment;

/**
 * Redis's RESP2 as a {@link Codec}: multibulk and inline commands framed exactly as Redis 7 frames
 * them ({@link RespParser}), with its limits ({@link RespLimits}: tighter ones until the client
 * authenticates) and its protocol errors ({@code -ERR Protocol error: ...}, then close). A
 * request's fields are the command name and its arguments.
 */
public final class RespCodec implements Codec {

    private final RespLimits limits;

    /** RESP with Redis 7's default limits. */
    public RespCodec() {
        this(RespLimits.DEFAULTS);
    }

    /** RESP enforcing {@code limits}. */
    public RespCodec(RespLimits limits) {
        this.limits = limits;
    }

    /** The limits its decoders enforce. */
    public RespLimits limits() {
        return limits;
    }

    @Override
    public String name() {
        return "resp";
    }

    @Override
    public Decoder newDecoder() {
        return new RespDecoder(new RespParser(limits));
    }

    /** {@code -ERR message}: the connection stays open, as after any command error in Redis. */
    @Override
    public void writeInternalError(OutputBuffer out, String message) {
        RespWriter.error(out, message);
    }

    /** A parser and one connection's progress through a command. */
    private static final class RespDecoder implements Decoder {
        private final RespParser parser;
        private final RespParseState state = new RespParseState();

        RespDecoder(RespParser parser) {
            this.parser = parser;
        }

        @Override
        public int decode(MemorySegment in, long from, long to, Request request) {
            // The parser's results are the decoder's: NEED_MORE 0, COMMAND 1, ERROR 2.
            return parser.parse(in, from, to, state, request);
        }

        /** Stops at an inline command: splitting one rewrites its bytes ({@link RespParser#parseAhead}). */
        @Override
        public int decodeAhead(MemorySegment in, long from, long to, Request request) {
            return parser.parseAhead(in, from, to, state, request);
        }

        @Override
        public long consumed() {
            return parser.consumed();
        }

        @Override
        public long pendingBytes() {
            return state.pendingCommandBytes();
        }

        @Override
        public void reset(boolean authRequired) {
            state.reset();
            state.setAuthRequired(authRequired);
        }

        @Override
        public void setAuthenticated(boolean authenticated) {
            state.setAuthRequired(!authenticated);
        }

        /** Redis answers a protocol error, then drops the client. */
        @Override
        public boolean writeError(OutputBuffer out) {
            parser.writeError(out);
            return true;
        }
    }
}
