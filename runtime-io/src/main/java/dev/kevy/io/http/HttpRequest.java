package dev.kevy.io.http;

import dev.kevy.io.codec.Request;

/**
 * The field layout of a request decoded by {@link HttpCodec}, and allocation-free questions about
 * it. Every field is a view of the request's bytes, never a copy:
 * <pre>
 *   field  0  METHOD    GET                       case-sensitive token
 *   field  1  TARGET    /json?x=1                 as sent: path and query, no decoding
 *   field  2  VERSION   HTTP/1.1                  HTTP/1.0 or HTTP/1.1, nothing else
 *   field  3  BODY      the Content-Length bytes  empty when the request has none
 *   field  4  name of header 0                    as sent (case kept), no colon
 *   field  5  value of header 0                   spaces and tabs around it trimmed
 *   ...       name and value of header i at 4 + 2i and 5 + 2i, in arrival order
 * </pre>
 * So {@code argc == 4 + 2 * headerCount}. Repeated headers stay separate pairs; nothing is
 * combined or lower-cased. Header names compare ignoring ASCII case, as RFC 9110 says they must.
 */
public final class HttpRequest {
    /** The method token. */
    public static final int METHOD = 0;
    /** The request target, as sent. */
    public static final int TARGET = 1;
    /** The protocol version: {@code HTTP/1.0} or {@code HTTP/1.1}. */
    public static final int VERSION = 2;
    /** The body: {@code Content-Length} bytes, possibly none. */
    public static final int BODY = 3;
    /** The name of the first header; its value is the next field. */
    public static final int FIRST_HEADER = 4;

    private HttpRequest() {
    }

    /** Number of header lines. */
    public static int headerCount(Request request) {
        return (request.argc() - FIRST_HEADER) / 2;
    }

    /** The field of header {@code i}'s name. */
    public static int nameField(int i) {
        return FIRST_HEADER + 2 * i;
    }

    /** The field of header {@code i}'s value. */
    public static int valueField(int i) {
        return FIRST_HEADER + 2 * i + 1;
    }

    /**
     * The value field of the first header named {@code name} (ASCII, any case), or -1 if there is
     * none. A linear walk: requests carry a handful of headers.
     */
    public static int header(Request request, String name) {
        for (int f = FIRST_HEADER; f < request.argc(); f += 2) {
            if (request.equalsIgnoreCase(f, name)) {
                return f + 1;
            }
        }
        return -1;
    }

    /** As {@link #header(Request, String)}, for a name given as ASCII bytes. */
    public static int header(Request request, byte[] name) {
        for (int f = FIRST_HEADER; f < request.argc(); f += 2) {
            if (request.equalsIgnoreCase(f, name)) {
                return f + 1;
            }
        }
        return -1;
    }

    /** Whether the method is exactly {@code method} (methods are case-sensitive). */
    public static boolean methodIs(Request request, byte[] method) {
        return request.equals(METHOD, method);
    }

    /** Whether the request says HTTP/1.0 (the only other version decoded is HTTP/1.1). */
    public static boolean isHttp10(Request request) {
        return request.byteAt(VERSION, 7) == '0';
    }

    /**
     * Whether the connection stays open after the response (RFC 9112, section 9.3): for HTTP/1.1
     * unless a {@code Connection} header lists {@code close}; for HTTP/1.0 only if one lists
     * {@code keep-alive} and none lists {@code close}.
     */
    public static boolean keepAlive(Request request) {
        boolean keepAliveToken = false;
        for (int f = FIRST_HEADER; f < request.argc(); f += 2) {
            if (request.equalsIgnoreCase(f, "connection")) {
                if (listContains(request, f + 1, "close")) {
                    return false;
                }
                keepAliveToken |= listContains(request, f + 1, "keep-alive");
            }
        }
        return !isHttp10(request) || keepAliveToken;
    }

    /**
     * Whether field {@code field}, a comma-separated list ({@code Connection: keep-alive, Upgrade}),
     * holds {@code token}, ignoring ASCII case and the spaces and tabs around each element.
     */
    public static boolean listContains(Request request, int field, String token) {
        long length = request.length(field);
        long at = 0;
        while (at <= length) {
            long end = at;
            while (end < length && request.byteAt(field, end) != ',') {
                end++;
            }
            long from = at;
            long to = end;
            while (from < to && isBlank(request.byteAt(field, from))) {
                from++;
            }
            while (to > from && isBlank(request.byteAt(field, to - 1))) {
                to--;
            }
            if (regionEqualsIgnoreCase(request, field, from, to, token)) {
                return true;
            }
            at = end + 1;
        }
        return false;
    }

    /** Length of the target's path: the target up to its {@code ?}, or all of it. */
    public static long pathLength(Request request) {
        long length = request.length(TARGET);
        for (long i = 0; i < length; i++) {
            if (request.byteAt(TARGET, i) == '?') {
                return i;
            }
        }
        return length;
    }

    /** Whether the target's path, its query ignored, is exactly {@code path} ({@code /json}). */
    public static boolean pathEquals(Request request, byte[] path) {
        long length = request.length(TARGET);
        if (length < path.length || length > path.length && request.byteAt(TARGET, path.length) != '?') {
            return false;
        }
        for (int i = 0; i < path.length; i++) {
            if (request.byteAt(TARGET, i) != path[i]) {
                return false;
            }
        }
        return true;
    }

    /** Length of the body in bytes. */
    public static long bodyLength(Request request) {
        return request.length(BODY);
    }

    private static boolean regionEqualsIgnoreCase(Request request, int field, long from, long to, String token) {
        if (to - from != token.length()) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            if (lower(request.byteAt(field, from + i)) != lower(token.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t';
    }

    private static int lower(int c) {
        return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
    }
}
