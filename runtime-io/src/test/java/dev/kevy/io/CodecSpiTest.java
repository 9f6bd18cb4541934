package dev.kevy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kevy.io.codec.Codec;
import dev.kevy.io.codec.Decoder;
import dev.kevy.io.codec.Request;
import dev.kevy.rt.buffer.OutputBuffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The runtime through a codec of the test's own, with no RESP anywhere: requests routed to their
 * owner shard cross as fields and come back in order, a codec error that keeps the connection
 * open is answered in its place and decoding goes on, and one that closes is answered, then the
 * connection ends.
 */
class CodecSpiTest {

    /** A request is one LF-terminated line; "!" lines are errors, "!!" closes. */
    static final class BangLines implements Codec {
        @Override
        public String name() {
            return "bang-lines";
        }

        @Override
        public Decoder newDecoder() {
            return new Decoder() {
                private long consumed;
                private boolean closeOnError;

                @Override
                public int decode(MemorySegment in, long from, long to, Request request) {
                    for (long i = from; i < to; i++) {
                        if (in.get(ValueLayout.JAVA_BYTE, i) == '\n') {
                            consumed = i + 1 - from;
                            if (i > from && in.get(ValueLayout.JAVA_BYTE, from) == '!') {
                                closeOnError = i - from == 2 && in.get(ValueLayout.JAVA_BYTE, from + 1) == '!';
                                return ERROR;
                            }
                            request.clear();
                            request.field(0, from, i - from);
                            request.complete(in, 1);
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
                public void reset(boolean authRequired) {
                    consumed = 0;
                }

                @Override
                public boolean writeError(OutputBuffer out) {
                    out.writeAscii("ERR\n");
                    return closeOnError;
                }
            };
        }

        @Override
        public void writeInternalError(OutputBuffer out, String message) {
            out.writeAscii("INTERNAL " + message + "\n");
        }
    }

    /** Runs each line on the shard that owns it and answers {@code shard:line}. */
    private static final Commands OWNER_ECHO = context -> new CommandHandler() {
        @Override
        public int route(Request line, Session session) {
            return context.shardOf(line, 0);
        }

        @Override
        public void execute(Request line, Session session, OutputBuffer reply) {
            reply.writeLong(context.shard());
            reply.writeByte(':');
            reply.writeBytes(line.buffer(), line.offset(0), line.length(0));
            reply.writeByte('\n');
        }
    };

    private static String expected(String... lines) {
        StringBuilder s = new StringBuilder();
        for (String line : lines) {
            s.append(line.startsWith("!") ? "ERR" : owner(line) + ":" + line).append('\n');
        }
        return s.toString();
    }

    private static int owner(String line) {
        MemorySegment key = MemorySegment.ofArray(line.getBytes(StandardCharsets.ISO_8859_1));
        return dev.kevy.rt.KeyHash.shardOf(dev.kevy.rt.KeyHash.hash(key, 0, key.byteSize()), 2);
    }

    @Test
    void requestsCrossShardsAsFieldsAndCodecErrorsAnswerInOrder() throws IOException {
        try (KevyRuntime rt = KevyRuntime.start(RuntimeConfig.builder().shards(2).build(),
                Listener.tcp("127.0.0.1", 0, new BangLines(), OWNER_ECHO));
                Socket s = new Socket(InetAddress.getLoopbackAddress(), rt.port())) {
            s.setSoTimeout(30_000);
            String[] lines = new String[64];
            StringBuilder wire = new StringBuilder();
            for (int i = 0; i < lines.length; i++) {
                // Spaces, empty lines, RESP-looking lines and NUL bytes are plain data here.
                lines[i] = switch (i % 8) {
                    case 0 -> "key:" + i;
                    case 1 -> "!bad " + i;
                    case 2 -> "";
                    case 3 -> "*1  $3 x" + i;
                    case 4 -> "nul\u0000byte" + i;
                    default -> "  spaced  " + i;
                };
                wire.append(lines[i]).append('\n');
            }
            s.getOutputStream().write(wire.toString().getBytes(StandardCharsets.ISO_8859_1));
            String want = expected(lines);
            InputStream in = s.getInputStream();
            assertEquals(want, new String(in.readNBytes(want.length()), StandardCharsets.ISO_8859_1));
            // Not vacuous: both shards own some lines, so whichever shard holds the connection,
            // part of the answers were run by the other one and came back through the rings.
            assertEquals(true, want.contains("\n0:") && want.contains("\n1:"), want);

            s.getOutputStream().write("after\n!!\nnever\n".getBytes(StandardCharsets.ISO_8859_1));
            ByteArrayOutputStream rest = new ByteArrayOutputStream();
            in.transferTo(rest); // ends at EOF: the closing error closes the connection
            assertEquals(expected("after") + "ERR\n", rest.toString(StandardCharsets.ISO_8859_1));
        }
    }
}
