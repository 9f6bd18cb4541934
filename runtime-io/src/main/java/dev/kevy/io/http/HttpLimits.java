package dev.kevy.io.http;

/**
 * The size limits an {@link HttpCodec} enforces on each request. A request over a limit is refused
 * as soon as that is known, before the rest of it is buffered.
 *
 * @param maxHeaderBytes longest request head: the request line, every header line and the empty
 *                       line that ends the head, CR LF included (8 KiB, nginx's and Tomcat's
 *                       default). Longer is {@code 431}, or {@code 414} when the request line alone
 *                       does not end within it
 * @param maxHeaders     most header lines (100, as Apache httpd and Netty's typical
 *                       configurations); more is {@code 431}
 * @param maxBodyBytes   largest {@code Content-Length} (1 MiB); larger is {@code 413}, answered
 *                       from the head alone. Keep {@code maxHeaderBytes + maxBodyBytes} below the
 *                       runtime's query buffer limit, which closes a connection silently
 */
public record HttpLimits(int maxHeaderBytes, int maxHeaders, long maxBodyBytes) {

    /** Default longest request head. */
    public static final int DEFAULT_MAX_HEADER_BYTES = 8192;
    /** Default most header lines. */
    public static final int DEFAULT_MAX_HEADERS = 100;
    /** Default largest body. */
    public static final long DEFAULT_MAX_BODY_BYTES = 1L << 20;

    /** Every limit at its default. */
    public static final HttpLimits DEFAULTS =
            new HttpLimits(DEFAULT_MAX_HEADER_BYTES, DEFAULT_MAX_HEADERS, DEFAULT_MAX_BODY_BYTES);

    /**
     * Checks the limits: a head must at least hold {@code GET / HTTP/1.1} and its two line ends
     * (18 bytes); a body limit of 0 refuses every body.
     */
    public HttpLimits {
        if (maxHeaderBytes < 18) {
            throw new IllegalArgumentException("maxHeaderBytes must be at least 18: " + maxHeaderBytes);
        }
        if (maxHeaders < 0 || maxBodyBytes < 0) {
            throw new IllegalArgumentException("maxHeaders and maxBodyBytes must not be negative");
        }
    }

    /** These limits with another longest head. */
    public HttpLimits withMaxHeaderBytes(int bytes) {
        return new HttpLimits(bytes, maxHeaders, maxBodyBytes);
    }

    /** These limits with another most header lines. */
    public HttpLimits withMaxHeaders(int count) {
        return new HttpLimits(maxHeaderBytes, count, maxBodyBytes);
    }

    /** These limits with another largest body. */
    public HttpLimits withMaxBodyBytes(long bytes) {
        return new HttpLimits(maxHeaderBytes, maxHeaders, bytes);
    }
}
