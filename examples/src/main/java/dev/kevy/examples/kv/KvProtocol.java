package dev.kevy.examples.kv;

import dev.kevy.rt.buffer.OutputBuffer;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

/**
 * The kv-binary wire format, in one place. Integers are big-endian (network order) and unsigned.
 *
 * <pre>
 *   request frame                              response frame
 *   0  u32  L   bytes after this field         0  u32  L   bytes after this field
 *   4  u8       opcode                         4  u8       status
 *   5  u16  K   key length                     5  ...      payload (L - 1 bytes)
 *   7  K bytes  key
 *   7+K         value (L - 3 - K bytes)
 * </pre>
 *
 * <table>
 *   <caption>requests and their responses</caption>
 *   <tr><th>opcode</th><th>value</th><th>response</th></tr>
 *   <tr><td>{@link #PING} 0</td><td>any</td><td>OK, payload = the value (an echo)</td></tr>
 *   <tr><td>{@link #GET} 1</td><td>empty</td><td>OK + value, or NOT_FOUND + empty</td></tr>
 *   <tr><td>{@link #SET} 2</td><td>the value</td><td>OK + empty (or ERROR "store full")</td></tr>
 *   <tr><td>{@link #DEL} 3</td><td>empty</td><td>OK + empty if it existed, else NOT_FOUND</td></tr>
 * </table>
 *
 * Keys and values are any bytes, the empty key included. A request the handler cannot run (an
 * unknown opcode, a value on GET or DEL) gets ERROR with an ASCII message and the connection
 * stays open. A frame that cannot be framed (longer than the limit, shorter than its 3-byte
 * header, a key running past the frame's end) gets ERROR and the connection closes: the byte
 * stream can no longer be trusted to be in step.
 */
public final class KvProtocol {
    /** Opcodes (byte 4 of a request). */
    public static final int PING = 0;
    public static final int GET = 1;
    public static final int SET = 2;
    public static final int DEL = 3;

    /** Statuses (byte 4 of a response). */
    public static final int OK = 0;
    public static final int NOT_FOUND = 1;
    public static final int ERROR = 2;

    /** Bytes of the length prefix. */
    public static final int LENGTH_BYTES = 4;
    /** Bytes the length counts before the key: opcode and key length. */
    public static final int REQUEST_HEADER_BYTES = 3;

    /** Field indices of a decoded request ({@link KvCodec}): always three fields. */
    public static final int OPCODE_FIELD = 0;
    public static final int KEY_FIELD = 1;
    public static final int VALUE_FIELD = 2;

    private KvProtocol() {
    }

    /** Writes a response's prefix and status; {@code payloadLength} bytes must follow. */
    public static void writeResponseHeader(OutputBuffer out, int status, long payloadLength) {
        long length = 1 + payloadLength;
        out.writeByte((int) (length >>> 24));
        out.writeByte((int) (length >>> 16));
        out.writeByte((int) (length >>> 8));
        out.writeByte((int) length);
        out.writeByte(status);
    }

    /** Writes a whole response whose payload is {@code length} bytes of {@code payload}. */
    public static void writeResponse(OutputBuffer out, int status, MemorySegment payload, long offset, long length) {
        writeResponseHeader(out, status, length);
        out.writeBytes(payload, offset, length);
    }

    /** Writes a whole response with no payload. */
    public static void writeStatus(OutputBuffer out, int status) {
        writeResponseHeader(out, status, 0);
    }

    /** A whole ERROR response with an ASCII message, encoded once (for constants). */
    static byte[] errorResponse(String message) {
        byte[] text = message.getBytes(StandardCharsets.US_ASCII);
        byte[] frame = new byte[LENGTH_BYTES + 1 + text.length];
        int length = 1 + text.length;
        frame[0] = (byte) (length >>> 24);
        frame[1] = (byte) (length >>> 16);
        frame[2] = (byte) (length >>> 8);
        frame[3] = (byte) length;
        frame[4] = ERROR;
        System.arraycopy(text, 0, frame, LENGTH_BYTES + 1, text.length);
        return frame;
    }
}
