package dev.kevy.bench.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;

/**
 * The two TechEmpower routes: {@code GET /plaintext} (a constant body) and {@code GET /json} (an
 * object serialized per request); 404 for anything else. Each response carries Server, Date
 * (cached, see {@link DateHeader}), Content-Type and Content-Length. Responses are written as
 * requests are decoded and flushed once per read batch ({@code channelReadComplete}), so a
 * pipelined batch goes out in one write, in request order: how Netty code is normally written
 * (TechEmpower's Netty entry does the same).
 *
 * <p>Works with or without {@code HttpObjectAggregator}: it answers every {@link HttpRequest}
 * (a {@code FullHttpRequest} is one) and drops the body parts that follow a bare one.
 */
@ChannelHandler.Sharable
final class HttpRouteHandler extends ChannelInboundHandlerAdapter {

    private static final AsciiString SERVER_NAME = AsciiString.cached("netty");
    private static final AsciiString TEXT_PLAIN = AsciiString.cached("text/plain");
    private static final AsciiString APPLICATION_JSON = AsciiString.cached("application/json");

    /** The plaintext body, shared by every response: each gets its own reader index by duplicate(). */
    private static final ByteBuf PLAINTEXT = Unpooled.unreleasableBuffer(
            Unpooled.directBuffer().writeBytes("Hello, World!".getBytes(StandardCharsets.US_ASCII))).asReadOnly();

    private final DateHeader date;

    HttpRouteHandler(DateHeader date) {
        this.date = date;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpRequest request) {
                respond(ctx, request);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    private void respond(ChannelHandlerContext ctx, HttpRequest request) {
        if (request.decoderResult().isFailure()) {
            FullHttpResponse bad = response(HttpResponseStatus.BAD_REQUEST, Unpooled.EMPTY_BUFFER, null);
            bad.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.write(bad).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        FullHttpResponse response = route(ctx.alloc(), request);
        if (!HttpUtil.isKeepAlive(request)) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.write(response).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        if (request.protocolVersion().equals(HttpVersion.HTTP_1_0)) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        ctx.write(response);
    }

    private FullHttpResponse route(ByteBufAllocator alloc, HttpRequest request) {
        if (HttpMethod.GET.equals(request.method())) {
            switch (request.uri()) {
                case "/plaintext" -> {
                    return response(HttpResponseStatus.OK, PLAINTEXT.duplicate(), TEXT_PLAIN);
                }
                case "/json" -> {
                    return response(HttpResponseStatus.OK, json(alloc, new Message("Hello, World!")), APPLICATION_JSON);
                }
                default -> { }
            }
        }
        return response(HttpResponseStatus.NOT_FOUND, Unpooled.EMPTY_BUFFER, null);
    }

    private FullHttpResponse response(HttpResponseStatus status, ByteBuf body, AsciiString contentType) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        HttpHeaders headers = response.headers();
        headers.set(HttpHeaderNames.SERVER, SERVER_NAME);
        headers.set(HttpHeaderNames.DATE, date.value());
        if (contentType != null) {
            headers.set(HttpHeaderNames.CONTENT_TYPE, contentType);
        }
        headers.setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        return response;
    }

    /** The JSON route's payload, serialized per request as TechEmpower requires. */
    record Message(String message) { }

    /**
     * {@code {"message":"..."}} in UTF-8: the few lines a team writes instead of pulling Jackson into
     * a benchmark baseline. Like Jackson's {@code writeValueAsBytes} it builds the text anew each time.
     */
    static ByteBuf json(ByteBufAllocator alloc, Message m) {
        StringBuilder sb = new StringBuilder(m.message().length() + 16).append("{\"message\":\"");
        String s = m.message();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return ByteBufUtil.writeUtf8(alloc, sb.append("\"}"));
    }
}
