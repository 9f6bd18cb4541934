package dev.kevy.io.http;

import dev.kevy.rt.buffer.OutputBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Why an {@link HttpCodec} refused a request, and the response it sends before closing the
 * connection. Each response is encoded once, around its {@code Date} line:
 * <pre>
 *   HTTP/1.1 400 Bad Request
 *   Date: Sun, 06 Nov 1994 08:49:37 GMT
 *   Content-Type: text/plain
 *   Content-Length: 35
 *   Connection: close
 *
 *   400 Bad Request: bare LF in head
 * </pre>
 * (every line ends in CR LF, the body in LF). The package documentation says which input gets
 * which error, and why.
 */
public enum HttpError {
    /** A request line that is not {@code method SP target SP version}, or a bad method token. */
    MALFORMED_REQUEST_LINE(HttpStatus.BAD_REQUEST, "malformed request line"),
    /** A line of the head ended by LF without the CR before it. */
    BARE_LF(HttpStatus.BAD_REQUEST, "bare LF in head"),
    /** A header line that is not {@code name: value}, or holds a control character. */
    MALFORMED_HEADER(HttpStatus.BAD_REQUEST, "malformed header field"),
    /** A header line starting with a space or tab: obsolete line folding. */
    OBSOLETE_LINE_FOLDING(HttpStatus.BAD_REQUEST, "obsolete line folding"),
    /** An HTTP/1.1 request without {@code Host}. */
    MISSING_HOST(HttpStatus.BAD_REQUEST, "missing Host header"),
    /** More than one {@code Host} line. */
    REPEATED_HOST(HttpStatus.BAD_REQUEST, "more than one Host header"),
    /** A {@code Content-Length} that is not a run of digits. */
    INVALID_CONTENT_LENGTH(HttpStatus.BAD_REQUEST, "invalid Content-Length"),
    /** Several {@code Content-Length} lines that disagree. */
    CONFLICTING_CONTENT_LENGTH(HttpStatus.BAD_REQUEST, "conflicting Content-Length headers"),
    /** Both {@code Content-Length} and {@code Transfer-Encoding}: how a request is smuggled. */
    CONTENT_LENGTH_WITH_TRANSFER_ENCODING(HttpStatus.BAD_REQUEST, "Content-Length with Transfer-Encoding"),
    /** A POST or PUT without {@code Content-Length}. */
    LENGTH_REQUIRED(HttpStatus.LENGTH_REQUIRED, "Content-Length required"),
    /** A {@code Content-Length} above {@link HttpLimits#maxBodyBytes()}. */
    CONTENT_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "body over the size limit"),
    /** A request line that does not end within {@link HttpLimits#maxHeaderBytes()}. */
    URI_TOO_LONG(HttpStatus.URI_TOO_LONG, "request line over the head size limit"),
    /** A head that does not end within {@link HttpLimits#maxHeaderBytes()}. */
    HEAD_TOO_LARGE(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "request head over the size limit"),
    /** More header lines than {@link HttpLimits#maxHeaders()}. */
    TOO_MANY_HEADERS(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "too many header fields"),
    /** Any {@code Transfer-Encoding}: chunked bodies are not supported. */
    TRANSFER_ENCODING_NOT_IMPLEMENTED(HttpStatus.NOT_IMPLEMENTED, "Transfer-Encoding not supported"),
    /** A well-formed version other than HTTP/1.0 and HTTP/1.1. */
    VERSION_NOT_SUPPORTED(HttpStatus.HTTP_VERSION_NOT_SUPPORTED, "only HTTP/1.0 and HTTP/1.1");

    private final int status;
    private final String detail;
    /** The status line, up to the {@code Date} line. */
    private final byte[] beforeDate;
    /** The headers after {@code Date}, the empty line and the body. */
    private final byte[] afterDate;

    HttpError(int status, String detail) {
        this.status = status;
        this.detail = detail;
        String body = status + " " + HttpStatus.reason(status) + ": " + detail + "\n";
        this.beforeDate = HttpStatus.statusLine(status);
        this.afterDate = ("Content-Type: text/plain\r\nContent-Length: " + body.length()
                + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII);
    }

    /** The response status code. */
    public int status() {
        return status;
    }

    /** What was wrong, as the response body says it. */
    public String detail() {
        return detail;
    }

    /** Appends the whole response with {@code date}'s value; {@code false} if the output refused it. */
    boolean write(OutputBuffer out, HttpDate date) {
        return out.writeBytes(beforeDate) && date.writeHeaderLine(out) && out.writeBytes(afterDate);
    }
}
