package dev.kevy.io.async;

import dev.kevy.io.codec.Codec;
import dev.kevy.io.codec.Decoder;
import dev.kevy.io.codec.Request;
import dev.kevy.rt.buffer.OutputBuffer;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Lines ending in LF, each one field (without the LF): the smallest codec an outbound test needs. */
final class LineCodec implements Codec {

    @Override
    public String name() {
        return "line";
    }

    @Override
    public Decoder newDecoder() {
        return new Decoder() {
            private long consumed;

            @Override
            public int decode(MemorySegment in, long from, long to, Request into) {
                for (long i = from; i < to; i++) {
                    if (in.get(ValueLayout.JAVA_BYTE, i) == '\n') {
                        into.clear();
                        into.field(0, from, i - from);
                        into.complete(in, 1);
                        consumed = i + 1 - from;
                        return REQUEST;
                    }
                }
                consumed = 0;
                return NEED_MORE;
            }

            @Override
            public long consumed() {
                return consumed;
            }

            @Override
            public long pendingBytes() {
                return 0;
            }

            @Override
            public void reset(boolean authRequired) {
                consumed = 0;
            }

            @Override
            public void setAuthenticated(boolean authenticated) {
            }

            @Override
            public boolean writeError(OutputBuffer out) {
                return true;
            }
        };
    }

    @Override
    public void writeInternalError(OutputBuffer out, String message) {
        out.writeAscii("ERR " + message + "\n");
    }
}
