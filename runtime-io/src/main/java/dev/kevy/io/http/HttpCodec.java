package dev.kevy.io.http;

import dev.kevy.io.codec.Codec;
import dev.kevy.io.codec.Decoder;
import dev.kevy.rt.buffer.OutputBuffer;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 (and 1.0) as a {@link Codec}: requests framed by {@code Content-Length}, decoded in
 * place into {@link HttpRequest}'s field layout, refused with a {@code 4xx}/{@code 5xx} response
 * and {@code Connection: close} when they break the grammar or a {@link HttpLimits limit}. The
 * package documentation lists every decision. Handlers answer with {@link HttpResponse}.
 *
 * <pre>{@code
 *   KevyRuntime.start(config, Listener.tcp("0.0.0.0", 8080, new HttpCodec(), myPages));
 * }</pre>
 */
public final class HttpCodec implements Codec {
    private static final byte[] INTERNAL_ERROR_HEAD = ascii("Content-Type: text/plain\r\nContent-Length: ");
    private static final byte[] BODY_PREFIX = ascii("500 Internal Server Error: ");

    private final HttpLimits limits;

    /** HTTP with the default limits ({@link HttpLimits#DEFAULTS}). */
    public HttpCodec() {
        this(HttpLimits.DEFAULTS);
    }

    /** HTTP enforcing {@code limits}. */
    public HttpCodec(HttpLimits limits) {
        this.limits = limits;
    }

    /** The limits its decoders enforce. */
    public HttpLimits limits() {
        return limits;
    }

    @Override
    public String name() {
        return "http";
    }

    @Override
    public Decoder newDecoder() {
        return new HttpDecoder(limits);
    }

    /**
     * A {@code 500} whose body says {@code message}, and no {@code Connection} header: the runtime
     * keeps the connection open, and an HTTP/1.1 response without one means just that. No
     * {@code Date} either (RFC 9110 makes it optional on 5xx): this codec is shared by every shard
     * and holds no clock state. Control and non-ASCII characters of the message become {@code ?}.
     */
    @Override
    public void writeInternalError(OutputBuffer out, String message) {
        int bodyLength = BODY_PREFIX.length + message.length() + 1;
        boolean ok = out.writeBytes(HttpStatus.statusLine(HttpStatus.INTERNAL_SERVER_ERROR))
                && out.writeBytes(INTERNAL_ERROR_HEAD) && out.writeLong(bodyLength) && out.writeCrlf()
                && out.writeCrlf() && out.writeBytes(BODY_PREFIX);
        for (int i = 0; ok && i < message.length(); i++) {
            char c = message.charAt(i);
            ok = out.writeByte(c >= ' ' && c < 0x7F ? c : '?');
        }
        if (ok) {
            out.writeByte('\n');
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** HTTP has no unsolicited frames: a pushed frame follows the replies owed, in request order. */
    @Override
    public boolean pushesFollowReplies() {
        return true;
    }
}
