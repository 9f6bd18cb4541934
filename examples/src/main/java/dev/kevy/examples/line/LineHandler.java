package dev.kevy.examples.line;

import dev.kevy.io.CommandHandler;
import dev.kevy.io.Session;
import dev.kevy.io.codec.Request;
import dev.kevy.rt.buffer.OutputBuffer;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * The line service's commands, one line in, one line out (LF-terminated):
 * <pre>
 *   PING          -> PONG
 *   ECHO text     -> text, byte for byte
 *   UPPER text    -> text with ASCII a-z as A-Z, every other byte as it came
 *   (empty line)  -> (empty line)
 *   anything else -> ERR unknown command
 * </pre>
 * Verbs ignore ASCII case. ECHO and UPPER need the space that separates the text ({@code ECHO }
 * echoes an empty line), PING must have none; a known verb with the wrong shape gets
 * {@code ERR wrong number of arguments}. Errors leave the connection open.
 *
 * <p>The service is stateless, so every request runs on the shard that read it
 * ({@link #HERE}): nothing would be gained by moving a line to another core.
 */
public final class LineHandler implements CommandHandler {
    private static final byte[] PONG = ascii("PONG\n");
    private static final byte[] UNKNOWN_COMMAND = ascii("ERR unknown command\n");
    private static final byte[] WRONG_ARITY = ascii("ERR wrong number of arguments\n");

    @Override
    public int route(Request command, Session session) {
        return HERE;
    }

    @Override
    public void execute(Request line, Session session, OutputBuffer reply) {
        boolean hasText = line.argc() > LineCodec.TEXT;
        if (line.length(LineCodec.VERB) == 0 && !hasText) {
            reply.writeByte('\n');
        } else if (line.equalsIgnoreCase(LineCodec.VERB, "ECHO")) {
            if (hasText) {
                reply.writeBytes(line.buffer(), line.offset(LineCodec.TEXT), line.length(LineCodec.TEXT));
                reply.writeByte('\n');
            } else {
                reply.writeBytes(WRONG_ARITY);
            }
        } else if (line.equalsIgnoreCase(LineCodec.VERB, "UPPER")) {
            if (hasText) {
                writeUpperCase(line.buffer(), line.offset(LineCodec.TEXT), line.length(LineCodec.TEXT), reply);
                reply.writeByte('\n');
            } else {
                reply.writeBytes(WRONG_ARITY);
            }
        } else if (line.equalsIgnoreCase(LineCodec.VERB, "PING")) {
            reply.writeBytes(hasText ? WRONG_ARITY : PONG);
        } else {
            reply.writeBytes(UNKNOWN_COMMAND);
        }
    }

    /** Byte by byte: the text is not ours to change in place (it is the connection's input). */
    private static void writeUpperCase(MemorySegment text, long offset, long length, OutputBuffer reply) {
        for (long i = offset; i < offset + length; i++) {
            byte b = text.get(ValueLayout.JAVA_BYTE, i);
            reply.writeByte(b >= 'a' && b <= 'z' ? b - ('a' - 'A') : b);
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
