package dev.kevy.io.http;

import java.nio.charset.StandardCharsets;

/**
 * Status codes, their reason phrases (RFC 9110, section 15) and their status lines, encoded once:
 * a response starts by copying {@link #statusLine(int)}, never by formatting it.
 */
public final class HttpStatus {
    public static final int OK = 200;
    public static final int NO_CONTENT = 204;
    public static final int BAD_REQUEST = 400;
    public static final int NOT_FOUND = 404;
    public static final int METHOD_NOT_ALLOWED = 405;
    public static final int LENGTH_REQUIRED = 411;
    public static final int CONTENT_TOO_LARGE = 413;
    public static final int URI_TOO_LONG = 414;
    public static final int REQUEST_HEADER_FIELDS_TOO_LARGE = 431;
    public static final int INTERNAL_SERVER_ERROR = 500;
    public static final int NOT_IMPLEMENTED = 501;
    public static final int HTTP_VERSION_NOT_SUPPORTED = 505;

    private static final int FIRST = 100;
    private static final int LAST = 599;
    private static final String[] REASONS = new String[LAST + 1];
    /** {@code HTTP/1.1 <code> <reason>\r\n} for every code 100-599; the reason is empty when unknown. */
    private static final byte[][] LINES = new byte[LAST + 1][];

    static {
        reason(100, "Continue");
        reason(101, "Switching Protocols");
        reason(200, "OK");
        reason(201, "Created");
        reason(202, "Accepted");
        reason(203, "Non-Authoritative Information");
        reason(204, "No Content");
        reason(205, "Reset Content");
        reason(206, "Partial Content");
        reason(300, "Multiple Choices");
        reason(301, "Moved Permanently");
        reason(302, "Found");
        reason(303, "See Other");
        reason(304, "Not Modified");
        reason(307, "Temporary Redirect");
        reason(308, "Permanent Redirect");
        reason(400, "Bad Request");
        reason(401, "Unauthorized");
        reason(402, "Payment Required");
        reason(403, "Forbidden");
        reason(404, "Not Found");
        reason(405, "Method Not Allowed");
        reason(406, "Not Acceptable");
        reason(407, "Proxy Authentication Required");
        reason(408, "Request Timeout");
        reason(409, "Conflict");
        reason(410, "Gone");
        reason(411, "Length Required");
        reason(412, "Precondition Failed");
        reason(413, "Content Too Large");
        reason(414, "URI Too Long");
        reason(415, "Unsupported Media Type");
        reason(416, "Range Not Satisfiable");
        reason(417, "Expectation Failed");
        reason(421, "Misdirected Request");
        reason(422, "Unprocessable Content");
        reason(426, "Upgrade Required");
        reason(429, "Too Many Requests");
        reason(431, "Request Header Fields Too Large");
        reason(500, "Internal Server Error");
        reason(501, "Not Implemented");
        reason(502, "Bad Gateway");
        reason(503, "Service Unavailable");
        reason(504, "Gateway Timeout");
        reason(505, "HTTP Version Not Supported");
        for (int code = FIRST; code <= LAST; code++) {
            String reason = REASONS[code] == null ? "" : REASONS[code];
            LINES[code] = ("HTTP/1.1 " + code + " " + reason + "\r\n").getBytes(StandardCharsets.US_ASCII);
        }
    }

    private HttpStatus() {
    }

    private static void reason(int code, String phrase) {
        REASONS[code] = phrase;
    }

    /**
     * The status line of {@code code}, CR LF included. The array is shared: never modify it.
     *
     * @throws IllegalArgumentException unless {@code 100 <= code <= 599}
     */
    public static byte[] statusLine(int code) {
        return LINES[checked(code)];
    }

    /** The reason phrase of {@code code}, or {@code ""} for a code RFC 9110 does not name. */
    public static String reason(int code) {
        String reason = REASONS[checked(code)];
        return reason == null ? "" : reason;
    }

    private static int checked(int code) {
        if (code < FIRST || code > LAST) {
            throw new IllegalArgumentException("HTTP status code out of 100..599: " + code);
        }
        return code;
    }
}
