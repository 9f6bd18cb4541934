package dev.kevy.io.codec;

import dev.kevy.rt.buffer.OutputBuffer;

/**
 * A wire protocol, as a listener speaks it: how requests are framed ({@link #newDecoder}) and how
 * the runtime answers a request it could not run ({@link #writeInternalError}). Replies are the
 * handler's to write, in the protocol's format; the runtime never looks inside them.
 *
 * <p>A codec is immutable and shared by every shard; it makes one {@link Decoder} per connection
 * slot, on the slot's shard, and that decoder is reused by every connection the slot serves (it is
 * {@link Decoder#reset reset} on open). So a codec allocates when a shard first needs another
 * connection slot, never per connection or per request.
 *
 * <p>The runtime ships three: {@code dev.kevy.io.resp.RespCodec} (Redis's RESP2 commands),
 * {@code dev.kevy.io.http.HttpCodec} (HTTP/1.1), and {@code dev.kevy.io.resp.RespReplyCodec} (the
 * RESP2/RESP3 replies a server sends, for outbound connections). None has a privilege this
 * interface does not give every codec.
 */
public interface Codec {

    /** A short name for logs ({@code resp}, {@code http}). */
    String name();

    /** A decoder for one connection slot; called on the shard thread that owns the slot. */
    Decoder newDecoder();

    /**
     * Writes the reply to a request the runtime could not run: its handler threw, or a reducer
     * or peer failed. {@code message} is ASCII and says what went wrong; the connection stays open,
     * so the reply must be one well-formed reply of the protocol (RESP: {@code -ERR message}; HTTP:
     * a 500 response).
     */
    void writeInternalError(OutputBuffer out, String message);

    /**
     * Where a frame a handler pushes ({@code ShardContext.beginPush}) goes relative to the replies
     * still owed: {@code false} (the default, and RESP's) sends it at once, ahead of replies that
     * are not complete yet, as Redis sends pub/sub messages and RESP3 pushes; {@code true} places
     * it after every reply to the requests read so far, for protocols where the client pairs each
     * frame with a request in order (HTTP).
     */
    default boolean pushesFollowReplies() {
        return false;
    }
}
