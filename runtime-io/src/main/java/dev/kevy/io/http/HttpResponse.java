package dev.kevy.io.http;

import dev.kevy.rt.buffer.OutputBuffer;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 responses appended to an {@link OutputBuffer}, in order and without allocating:
 * <pre>{@code
 *   HttpResponse.status(out, HttpStatus.OK);        // HTTP/1.1 200 OK
 *   date.writeHeaderLine(out);                      // Date: ... (an HttpDate refreshed on tick)
 *   HttpResponse.header(out, SERVER_KEVY);          // pre-encoded: headerLine("Server", "kevy")
 *   HttpResponse.header(out, CONTENT_TYPE_TEXT);
 *   HttpResponse.body(out, HELLO);                  // Content-Length: 13, empty line, the bytes
 * }</pre>
 * Constant header lines are encoded once at start-up with {@link #headerLine}; the status line is
 * copied from {@link HttpStatus}; only {@code Content-Length} is formatted, by
 * {@link OutputBuffer#writeLong}. Every method returns {@code false} when the output refused bytes
 * for its limit; the runtime then closes the connection, so a truncated response is never sent.
 */
public final class HttpResponse {
    private static final byte[] CONTENT_LENGTH = ascii("Content-Length: ");
    private static final byte[] EMPTY_BODY = ascii("Content-Length: 0\r\n\r\n");
    private static final byte[] COLON_SPACE = ascii(": ");
    private static final byte[] CONNECTION_CLOSE = ascii("Connection: close\r\n");
    private static final byte[] CONNECTION_KEEP_ALIVE = ascii("Connection: keep-alive\r\n");

    private HttpResponse() {
    }

    /**
     * {@code name: value} and CR LF, encoded once (at start-up: this allocates). Neither may hold
     * CR or LF.
     */
    public static byte[] headerLine(String name, String value) {
        String line = name + ": " + value;
        if (line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a header line must not hold CR or LF: " + name);
        }
        return ascii(line + "\r\n");
    }

    /** The status line of {@code code} ({@code HTTP/1.1 200 OK}). */
    public static boolean status(OutputBuffer out, int code) {
        return out.writeBytes(HttpStatus.statusLine(code));
    }

    /** A header line encoded by {@link #headerLine}. */
    public static boolean header(OutputBuffer out, byte[] line) {
        return out.writeBytes(line);
    }

    /** A header whose value is {@code length} bytes of {@code value} from {@code offset}. */
    public static boolean header(OutputBuffer out, byte[] name, MemorySegment value, long offset, long length) {
        return out.writeBytes(name) && out.writeBytes(COLON_SPACE) && out.writeBytes(value, offset, length)
                && out.writeCrlf();
    }

    /**
     * {@code Connection: close} when the connection closes after this response, or
     * {@code Connection: keep-alive} for an HTTP/1.0 client that asked to keep it; nothing for an
     * HTTP/1.1 client that keeps it, where persistence is the default.
     */
    public static boolean connection(OutputBuffer out, boolean keepAlive, boolean http10) {
        if (!keepAlive) {
            return out.writeBytes(CONNECTION_CLOSE);
        }
        return !http10 || out.writeBytes(CONNECTION_KEEP_ALIVE);
    }

    /** {@code Content-Length} and the empty line that ends the head, for a body written next. */
    public static boolean endHead(OutputBuffer out, long contentLength) {
        return out.writeBytes(CONTENT_LENGTH) && out.writeLong(contentLength) && out.writeCrlf() && out.writeCrlf();
    }

    /** Ends the head with {@code Content-Length: 0}: no body. */
    public static boolean noBody(OutputBuffer out) {
        return out.writeBytes(EMPTY_BODY);
    }

    /** Ends the head and appends {@code body}. */
    public static boolean body(OutputBuffer out, byte[] body) {
        return endHead(out, body.length) && out.writeBytes(body);
    }

    /** Ends the head and appends {@code length} bytes of {@code body} from {@code offset}. */
    public static boolean body(OutputBuffer out, byte[] body, int offset, int length) {
        return endHead(out, length) && out.writeBytes(body, offset, length);
    }

    /** Ends the head and appends {@code length} bytes of {@code body} from {@code offset}. */
    public static boolean body(OutputBuffer out, MemorySegment body, long offset, long length) {
        return endHead(out, length) && out.writeBytes(body, offset, length);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
