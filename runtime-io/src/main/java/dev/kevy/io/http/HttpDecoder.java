package dev.kevy.io.http;

import dev.kevy.io.codec.Decoder;
import dev.kevy.io.codec.Request;
import dev.kevy.rt.buffer.OutputBuffer;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Frames one connection's HTTP/1.1 requests in place: the head up to its empty line, then
 * {@code Content-Length} bytes of body.
 *
 * <p>A request goes through two phases, and what was learned survives between reads in primitive
 * fields, relative to the request's first byte (the buffer may move):
 * <ol>
 *   <li>Head: every byte is searched for LF once, however the bytes trickle in ({@code scanned}
 *       remembers how far), and each LF must follow a CR. The first line is checked when its LF
 *       arrives; the head ends at the first empty line, and must do so within
 *       {@link HttpLimits#maxHeaderBytes()}. Then {@link HttpHeadParser} validates the whole head
 *       and learns the body length.</li>
 *   <li>Body: wait until {@code head + body} bytes are present ({@link #pendingBytes()} tells the
 *       buffer how many, so it grows to fit once). The fields are recorded again on completion,
 *       because the request view is shared with the shard's other connections meanwhile; a head is
 *       short, so walking it twice is cheap, and only requests whose body spans reads pay it.</li>
 * </ol>
 * Empty lines before a request line are skipped (RFC 9112, section 2.2), as some clients send a
 * CR LF after a body.
 */
final class HttpDecoder implements Decoder {
    private static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;

    private final HttpLimits limits;
    private final HttpHeadParser head;
    /** Formatted only when an error response is written. */
    private final HttpDate date = new HttpDate();

    // The request in progress, relative to its first byte.
    /** Bytes searched for LF so far. */
    private long scanned;
    /** The first byte of the line being searched. */
    private long lineStart;
    /** Whether the request line has arrived and was valid. */
    private boolean requestLineChecked;
    /** Bytes of the head, once its empty line arrived and it validated; -1 before. */
    private long headLength = -1;
    /** Head plus body, once the head is known. */
    private long requestLength;

    private long consumed;
    private HttpError error;

    HttpDecoder(HttpLimits limits) {
        this.limits = limits;
        this.head = new HttpHeadParser(limits);
    }

    @Override
    public int decode(MemorySegment in, long from, long to, Request request) {
        consumed = 0;
        request.clear();
        long start = from;
        if (headLength < 0) {
            start = skipEmptyLines(in, start, to);
            consumed = start - from;
            int scan = scanHead(in, start, to);
            if (scan != REQUEST) {
                return scan;
            }
            if (!head.parse(in, start, headLength, request)) {
                return fail(head.error());
            }
            requestLength = headLength + head.contentLength();
        } else if (to - start >= requestLength && !head.parse(in, start, headLength, request)) {
            // The same bytes validated when the head arrived; nothing can change that verdict.
            throw new IllegalStateException("a validated HTTP head no longer parses: " + head.error());
        }
        if (to - start < requestLength) {
            return NEED_MORE;
        }
        request.field(HttpRequest.BODY, start + headLength, requestLength - headLength);
        request.complete(in, head.argc());
        consumed = start - from + requestLength;
        clearProgress();
        return REQUEST;
    }

    /**
     * Skips CR LF pairs where a request line should start. Only before any of the request has been
     * searched: afterwards the request has begun.
     */
    private long skipEmptyLines(MemorySegment in, long start, long to) {
        while (!requestLineChecked && to - start >= 2
                && in.get(BYTE, start) == '\r' && in.get(BYTE, start + 1) == '\n') {
            start += 2;
            scanned = 0;
            lineStart = 0;
        }
        return start;
    }

    /**
     * Searches the unsearched bytes of the head for its end.
     *
     * @return {@link #REQUEST} when the head is complete ({@code headLength} set),
     *         {@link #NEED_MORE} or {@link #ERROR}
     */
    private int scanHead(MemorySegment in, long start, long to) {
        long limit = start + limits.maxHeaderBytes();
        long end = Math.min(to, limit);
        for (long i = start + scanned; i < end; i++) {
            if (in.get(BYTE, i) != '\n') {
                continue;
            }
            long at = i - start;
            if (at == 0 || in.get(BYTE, i - 1) != '\r') {
                return fail(HttpError.BARE_LF);
            }
            if (!requestLineChecked) {
                HttpError e = head.checkRequestLine(in, start, i - 1);
                if (e != null) {
                    return fail(e);
                }
                requestLineChecked = true;
            } else if (at - 1 == lineStart) {
                headLength = at + 1;
                return REQUEST;
            }
            lineStart = at + 1;
        }
        scanned = end - start;
        if (end == limit) {
            return fail(requestLineChecked ? HttpError.HEAD_TOO_LARGE : HttpError.URI_TOO_LONG);
        }
        return NEED_MORE;
    }

    @Override
    public long consumed() {
        return consumed;
    }

    /** The whole request's size once its head is known; the buffer grows to it in one step. */
    @Override
    public long pendingBytes() {
        return headLength < 0 ? 0 : requestLength;
    }

    @Override
    public void reset(boolean authRequired) {
        clearProgress();
        error = null;
    }

    /** Bytes of the head in progress searched so far: where the next search resumes (for tests). */
    long headBytesSearched() {
        return scanned;
    }

    /** The error of the last {@link #ERROR} result. */
    HttpError error() {
        return error;
    }

    /** The error's response, with {@code Connection: close}: the connection always closes. */
    @Override
    public boolean writeError(OutputBuffer out) {
        date.refresh(System.currentTimeMillis()); // errors are rare: a clock read beats a stale date
        error.write(out, date);
        return true;
    }

    private int fail(HttpError e) {
        error = e;
        clearProgress();
        return ERROR;
    }

    private void clearProgress() {
        scanned = 0;
        lineStart = 0;
        requestLineChecked = false;
        headLength = -1;
        requestLength = 0;
    }
}
