package dev.kevy.io.codec;

import dev.kevy.rt.buffer.OutputBuffer;
import java.lang.foreign.MemorySegment;

/**
 * Frames one connection's requests, in place, out of its off-heap input buffer.
 *
 * <p>After each read the runtime calls {@link #decode} over the unconsumed bytes until it returns
 * {@link #NEED_MORE}:
 * <ul>
 *   <li>{@link #REQUEST}: {@code request} holds the next request's fields, pointing into
 *       {@code in}; the runtime hands it to the handler, then consumes {@link #consumed()} bytes
 *       (never before: consuming may recycle the memory the fields point into);</li>
 *   <li>{@link #NEED_MORE}: no complete request; the runtime consumes {@link #consumed()} bytes
 *       (what the decoder skipped, an empty line say) and reads again. {@link #pendingBytes()}
 *       tells it how large the request in progress will be, so the buffer grows once to fit a
 *       frame larger than one read rather than doubling;</li>
 *   <li>{@link #ERROR}: the bytes break the protocol or a size limit. The runtime asks
 *       {@link #writeError} for the answer, then closes the connection once it is written, or,
 *       if {@code writeError} says so, consumes {@link #consumed()} bytes and goes on.</li>
 * </ul>
 * The bytes between {@code from} and {@code to} may arrive split anywhere; a decoder keeps what it
 * learned about an unfinished request in its own fields, relative to the request's first byte
 * (the buffer may be compacted or grown between calls, so absolute offsets do not survive).
 *
 * <p>Limits are the decoder's: a frame it will never accept must end in {@link #ERROR} as soon as
 * that is known, not after it has been buffered whole. The runtime adds one limit of its own, the
 * query buffer limit, which closes a connection whose request outgrows it.
 *
 * <p>One decoder serves one connection at a time, on its shard's thread only; it must not allocate
 * per request.
 */
public interface Decoder {

    /** The bytes end inside a request (or hold none): read more, then decode again. */
    int NEED_MORE = 0;
    /** A request was decoded into the view; its bytes are {@link #consumed()}. */
    int REQUEST = 1;
    /** The bytes break the protocol: answer with {@link #writeError}. */
    int ERROR = 2;

    /**
     * Decodes the next request in {@code [from, to)} of {@code in}. {@code from} is where the
     * request in progress started (the runtime consumes only what the decoder said).
     *
     * @return {@link #REQUEST}, {@link #NEED_MORE} or {@link #ERROR}
     */
    int decode(MemorySegment in, long from, long to, Request request);

    /**
     * Decodes the next request as {@link #decode} does, for a look-ahead
     * ({@code CommandHandler.lookAhead}): the runtime decodes the same bytes again with
     * {@link #decode} when their turn comes, with the connection's own decoder, so this one must
     * leave the bytes of {@code in} exactly as they were. A decoder that rewrites its input where
     * it frames a request answers {@link #NEED_MORE} there instead, which ends the look-ahead
     * (RESP's inline commands are unescaped in place). {@link #consumed()} applies as after
     * {@link #decode}. The default ends every look-ahead at once: a codec opts in.
     */
    default int decodeAhead(MemorySegment in, long from, long to, Request request) {
        return NEED_MORE;
    }

    /**
     * Bytes from {@code from} the runtime may discard after the last decode: the request (and
     * anything skipped before it) after {@link #REQUEST}; what was skipped after
     * {@link #NEED_MORE}; after {@link #ERROR}, what to skip when the connection stays open.
     */
    long consumed();

    /**
     * A lower bound on the size of the request in progress, from its first byte, once the decoder
     * knows it (a length prefix, a Content-Length); 0 when unknown. The input buffer grows to it.
     */
    default long pendingBytes() {
        return 0;
    }

    /**
     * A new connection starts on this decoder's slot: forget any request in progress.
     *
     * @param authRequired whether the connection must authenticate before it is trusted (a
     *                     codec may apply tighter limits until {@link #setAuthenticated})
     */
    void reset(boolean authRequired);

    /** The handler (un)authenticated the connection; applies from the next request. */
    default void setAuthenticated(boolean authenticated) {
    }

    /**
     * Writes the protocol's answer to the last {@link #ERROR} (RESP: {@code -ERR Protocol error:
     * ...}; HTTP: a 400, 431 or 505 response).
     *
     * @return {@code true} to close the connection once the answer is written; {@code false} to
     *         skip {@link #consumed()} bytes and keep decoding
     */
    boolean writeError(OutputBuffer out);
}
