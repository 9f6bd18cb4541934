package dev.kevy.bench.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.redis.ArrayRedisMessage;
import io.netty.handler.codec.redis.ErrorRedisMessage;
import io.netty.handler.codec.redis.FullBulkStringRedisMessage;
import io.netty.handler.codec.redis.InlineCommandRedisMessage;
import io.netty.handler.codec.redis.RedisMessage;
import io.netty.handler.codec.redis.SimpleStringRedisMessage;
import io.netty.util.ReferenceCountUtil;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Executes PING, GET, SET (plain {@code SET key value}), CONFIG GET and COMMAND against one
 * {@link ConcurrentHashMap} shared by every event loop: the straightforward design, with a copy of
 * each key and value on the heap. Replies are written as they are produced and flushed once per
 * read batch ({@code channelReadComplete}), which is how Netty code is normally written.
 */
@ChannelHandler.Sharable
final class CommandHandler extends ChannelInboundHandlerAdapter {

    private static final SimpleStringRedisMessage OK = new SimpleStringRedisMessage("OK");
    private static final SimpleStringRedisMessage PONG = new SimpleStringRedisMessage("PONG");

    private final ConcurrentHashMap<ByteBuffer, byte[]> store = new ConcurrentHashMap<>();

    /** Keys stored (for tests). */
    int size() {
        return store.size();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            ctx.write(execute(arguments(msg)));
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
        // A malformed request: answer like Redis does, then drop the connection.
        ctx.writeAndFlush(new ErrorRedisMessage("ERR Protocol error: " + cause.getMessage()))
                .addListener(ChannelFutureListener.CLOSE);
    }

    /** The command's arguments as buffers (the name first); null when the message is not a command. */
    private static List<ByteBuf> arguments(Object msg) {
        if (msg instanceof ArrayRedisMessage array) {
            List<ByteBuf> args = new ArrayList<>(array.children().size());
            for (RedisMessage child : array.children()) {
                if (!(child instanceof FullBulkStringRedisMessage bulk) || bulk.isNull()) {
                    return null;
                }
                args.add(bulk.content());
            }
            return args;
        }
        if (msg instanceof InlineCommandRedisMessage inline) {
            List<ByteBuf> args = new ArrayList<>();
            for (String word : inline.content().strip().split("\\s+")) {
                if (!word.isEmpty()) {
                    args.add(Unpooled.wrappedBuffer(word.getBytes(StandardCharsets.UTF_8)));
                }
            }
            return args;
        }
        return null;
    }

    private RedisMessage execute(List<ByteBuf> args) {
        if (args == null || args.isEmpty()) {
            return new ErrorRedisMessage("ERR Protocol error: expected an array of bulk strings");
        }
        String name = args.get(0).toString(StandardCharsets.US_ASCII).toUpperCase(Locale.ROOT);
        int argc = args.size();
        switch (name) {
            case "PING" -> {
                if (argc == 1) {
                    return PONG;
                }
                return argc == 2 ? new FullBulkStringRedisMessage(args.get(1).retainedDuplicate()) : arity(name);
            }
            case "GET" -> {
                if (argc != 2) {
                    return arity(name);
                }
                byte[] value = store.get(ByteBuffer.wrap(ByteBufUtil.getBytes(args.get(1))));
                return value == null ? FullBulkStringRedisMessage.NULL_INSTANCE
                        : new FullBulkStringRedisMessage(Unpooled.wrappedBuffer(value));
            }
            case "SET" -> {
                if (argc < 3) {
                    return arity(name);
                }
                if (argc > 3) {
                    return new ErrorRedisMessage("ERR syntax error");
                }
                store.put(ByteBuffer.wrap(ByteBufUtil.getBytes(args.get(1))), ByteBufUtil.getBytes(args.get(2)));
                return OK;
            }
            case "CONFIG" -> {
                if (argc == 3 && args.get(1).toString(StandardCharsets.US_ASCII).equalsIgnoreCase("GET")) {
                    return configGet(args.get(2).toString(StandardCharsets.UTF_8));
                }
                return new ErrorRedisMessage("ERR only CONFIG GET is supported by this baseline");
            }
            case "COMMAND" -> {
                return ArrayRedisMessage.EMPTY_INSTANCE;
            }
            default -> {
                return new ErrorRedisMessage("ERR unknown command '" + args.get(0).toString(StandardCharsets.UTF_8) + "'");
            }
        }
    }

    /**
     * CONFIG GET for the two parameters redis-benchmark reads at start-up (it warns when they are
     * missing), with the truth for this server: no persistence. Anything else: an empty array.
     */
    private static RedisMessage configGet(String parameter) {
        String value = switch (parameter.toLowerCase(Locale.ROOT)) {
            case "save" -> "";
            case "appendonly" -> "no";
            default -> null;
        };
        if (value == null) {
            return ArrayRedisMessage.EMPTY_INSTANCE;
        }
        return new ArrayRedisMessage(List.of(bulk(parameter.toLowerCase(Locale.ROOT)), bulk(value)));
    }

    private static FullBulkStringRedisMessage bulk(String s) {
        return new FullBulkStringRedisMessage(Unpooled.wrappedBuffer(s.getBytes(StandardCharsets.UTF_8)));
    }

    private static ErrorRedisMessage arity(String name) {
        return new ErrorRedisMessage("ERR wrong number of arguments for '" + name.toLowerCase(Locale.ROOT) + "' command");
    }
}
