package dev.kevy.io.http;

import dev.kevy.io.codec.Request;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * Validates a request head and records its fields ({@link HttpRequest}'s layout), in one pass and
 * without allocating. The {@link HttpDecoder} calls it once the whole head is present, so every
 * line it walks is known to end in CR LF and the head to end in an empty line: the loops below
 * stop at the first byte their class excludes and never run off the head.
 *
 * <p>The grammar is RFC 9112's, strictly: {@code token SP target SP HTTP/d.d} for the request line
 * (the target any visible ASCII), {@code token ":" OWS value OWS} for a header, where a value holds
 * visible ASCII, spaces, tabs and bytes from 0x80 up, and no other control character. The
 * package documentation lists what each violation gets.
 */
final class HttpHeadParser {
    private static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;
    private static final boolean[] TOKEN = new boolean[256];
    private static final boolean[] FIELD_VALUE = new boolean[256];
    private static final byte[] CONTENT_LENGTH = ascii("content-length");
    private static final byte[] TRANSFER_ENCODING = ascii("transfer-encoding");
    private static final byte[] HOST = ascii("host");
    private static final byte[] HTTP_SLASH = ascii("HTTP/");
    private static final byte[] POST = ascii("POST");
    private static final byte[] PUT = ascii("PUT");
    /** {@code HTTP/d.d}. */
    private static final int VERSION_LENGTH = 8;
    /**
     * Content-Length values stop growing here, far above any body limit, so twenty digits cannot
     * overflow a long; two lengths that both saturate count as equal, and both are too large.
     */
    private static final long SATURATED_LENGTH = 1L << 53;

    static {
        for (int c = '0'; c <= '9'; c++) {
            TOKEN[c] = true;
        }
        for (int c = 'A'; c <= 'Z'; c++) {
            TOKEN[c] = true;
            TOKEN[c + ('a' - 'A')] = true;
        }
        for (byte c : ascii("!#$%&'*+-.^_`|~")) {
            TOKEN[c] = true;
        }
        FIELD_VALUE['\t'] = true;
        for (int c = ' '; c < 0x7F; c++) {
            FIELD_VALUE[c] = true;
        }
        for (int c = 0x80; c < 0x100; c++) {
            FIELD_VALUE[c] = true; // obs-text: kept as bytes, never interpreted
        }
    }

    private final HttpLimits limits;
    /** Set by {@link #checkRequestLine}: where the method ends and where the target ends. */
    private long methodEnd;
    private long targetEnd;
    /** Results of the last successful {@link #parse}. */
    private long contentLength;
    private int argc;
    private HttpError error;

    HttpHeadParser(HttpLimits limits) {
        this.limits = limits;
    }

    /** The body length of the head last parsed. */
    long contentLength() {
        return contentLength;
    }

    /** The fields of the head last parsed, the body's included. */
    int argc() {
        return argc;
    }

    /** Why the last {@link #parse} failed. */
    HttpError error() {
        return error;
    }

    /**
     * Checks the request line {@code [start, cr)}, {@code cr} being its CR. Run as soon as the line
     * has arrived, so a bad line is refused without waiting for the rest of the head.
     *
     * @return {@code null} when it is valid, else why not
     */
    HttpError checkRequestLine(MemorySegment in, long start, long cr) {
        long p = start;
        while (p < cr && TOKEN[u(in, p)]) {
            p++;
        }
        if (p == start || p == cr || in.get(BYTE, p) != ' ') {
            return HttpError.MALFORMED_REQUEST_LINE;
        }
        methodEnd = p++;
        long target = p;
        while (p < cr && u(in, p) > ' ' && u(in, p) < 0x7F) {
            p++;
        }
        if (p == target || p == cr || in.get(BYTE, p) != ' ') {
            return HttpError.MALFORMED_REQUEST_LINE;
        }
        targetEnd = p++;
        if (cr - p != VERSION_LENGTH || !regionEquals(in, p, HTTP_SLASH)
                || !isDigit(in.get(BYTE, p + 5)) || in.get(BYTE, p + 6) != '.' || !isDigit(in.get(BYTE, p + 7))) {
            return HttpError.MALFORMED_REQUEST_LINE;
        }
        byte major = in.get(BYTE, p + 5);
        byte minor = in.get(BYTE, p + 7);
        return major == '1' && (minor == '0' || minor == '1') ? null : HttpError.VERSION_NOT_SUPPORTED;
    }

    /**
     * Validates the head {@code [start, start + headLength)}, which ends in an empty line, and
     * records its fields in {@code request} (all but {@link HttpRequest#BODY}).
     *
     * @return whether the request is acceptable; if not, {@link #error()} says why
     */
    boolean parse(MemorySegment in, long start, long headLength, Request request) {
        long cr = start;
        while (in.get(BYTE, cr) != '\r') {
            cr++;
        }
        HttpError lineError = checkRequestLine(in, start, cr);
        if (lineError != null) {
            return fail(lineError);
        }
        request.field(HttpRequest.METHOD, start, methodEnd - start);
        request.field(HttpRequest.TARGET, methodEnd + 1, targetEnd - methodEnd - 1);
        request.field(HttpRequest.VERSION, targetEnd + 1, VERSION_LENGTH);
        boolean http11 = in.get(BYTE, cr - 1) == '1';
        long length = -1;
        boolean transferEncoding = false;
        int hosts = 0;
        int headers = 0;
        long p = cr + 2;
        long emptyLine = start + headLength - 2;
        while (p < emptyLine) { // the lines are the decoder's: each ends in the CR LF it found
            byte first = in.get(BYTE, p);
            if (first == ' ' || first == '\t') {
                return fail(HttpError.OBSOLETE_LINE_FOLDING);
            }
            if (++headers > limits.maxHeaders()) {
                return fail(HttpError.TOO_MANY_HEADERS);
            }
            long name = p;
            while (TOKEN[u(in, p)]) {
                p++;
            }
            long nameLength = p - name;
            if (nameLength == 0 || in.get(BYTE, p) != ':') {
                return fail(HttpError.MALFORMED_HEADER);
            }
            p++;
            while (isBlank(in.get(BYTE, p))) {
                p++;
            }
            long value = p;
            while (FIELD_VALUE[u(in, p)]) {
                p++;
            }
            if (in.get(BYTE, p) != '\r' || in.get(BYTE, p + 1) != '\n') {
                return fail(HttpError.MALFORMED_HEADER); // a control byte, a bare CR
            }
            long valueEnd = p;
            while (valueEnd > value && isBlank(in.get(BYTE, valueEnd - 1))) {
                valueEnd--;
            }
            p += 2;
            int field = HttpRequest.nameField(headers - 1);
            request.field(field, name, nameLength);
            request.field(field + 1, value, valueEnd - value);
            if (nameIs(in, name, nameLength, CONTENT_LENGTH)) {
                long declared = parseLength(in, value, valueEnd);
                if (declared < 0) {
                    return fail(HttpError.INVALID_CONTENT_LENGTH);
                }
                if (length >= 0 && declared != length) {
                    return fail(HttpError.CONFLICTING_CONTENT_LENGTH);
                }
                length = declared; // repeats of one value are accepted (RFC 9112, section 6.3)
            } else if (nameIs(in, name, nameLength, TRANSFER_ENCODING)) {
                transferEncoding = true;
            } else if (nameIs(in, name, nameLength, HOST)) {
                hosts++;
            }
        }
        if (transferEncoding) {
            return fail(length >= 0 ? HttpError.CONTENT_LENGTH_WITH_TRANSFER_ENCODING
                    : HttpError.TRANSFER_ENCODING_NOT_IMPLEMENTED);
        }
        if (hosts > 1) {
            return fail(HttpError.REPEATED_HOST);
        }
        if (hosts == 0 && http11) {
            return fail(HttpError.MISSING_HOST);
        }
        if (length < 0 && (methodIs(in, start, POST) || methodIs(in, start, PUT))) {
            return fail(HttpError.LENGTH_REQUIRED);
        }
        if (length > limits.maxBodyBytes()) {
            return fail(HttpError.CONTENT_TOO_LARGE);
        }
        contentLength = Math.max(length, 0);
        argc = HttpRequest.FIRST_HEADER + 2 * headers;
        return true;
    }

    /** A Content-Length value: one or more digits, saturated; -1 if it is anything else. */
    private static long parseLength(MemorySegment in, long from, long to) {
        if (from == to) {
            return -1;
        }
        long value = 0;
        for (long p = from; p < to; p++) {
            byte c = in.get(BYTE, p);
            if (!isDigit(c)) {
                return -1;
            }
            value = Math.min(value * 10 + (c - '0'), SATURATED_LENGTH);
        }
        return value;
    }

    private boolean methodIs(MemorySegment in, long start, byte[] method) {
        return methodEnd - start == method.length && regionEquals(in, start, method);
    }

    private boolean fail(HttpError e) {
        error = e;
        return false;
    }

    private static boolean nameIs(MemorySegment in, long at, long length, byte[] lowerCaseName) {
        if (length != lowerCaseName.length) {
            return false;
        }
        for (int i = 0; i < lowerCaseName.length; i++) {
            int c = in.get(BYTE, at + i);
            if ((c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c) != lowerCaseName[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean regionEquals(MemorySegment in, long at, byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (in.get(BYTE, at + i) != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    private static int u(MemorySegment in, long at) {
        return in.get(BYTE, at) & 0xFF;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isBlank(byte c) {
        return c == ' ' || c == '\t';
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
