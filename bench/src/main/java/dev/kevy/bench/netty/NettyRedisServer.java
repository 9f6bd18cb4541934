package dev.kevy.bench.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.redis.RedisArrayAggregator;
import io.netty.handler.codec.redis.RedisBulkStringAggregator;
import io.netty.handler.codec.redis.RedisDecoder;
import io.netty.handler.codec.redis.RedisEncoder;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The Netty baseline server: epoll transport (NIO only where epoll is unavailable), the stock
 * netty-codec-redis pipeline, and {@link CommandHandler}. One event-loop group serves both
 * accepting and connections.
 *
 * <p>{@code java -cp benchmarks.jar dev.kevy.bench.netty.NettyRedisServer --port 6380 --threads 2}
 */
public final class NettyRedisServer implements AutoCloseable {

    private final EventLoopGroup group;
    private final Channel channel;
    private final CommandHandler handler;
    private final String transport;

    private NettyRedisServer(EventLoopGroup group, Channel channel, CommandHandler handler, String transport) {
        this.group = group;
        this.channel = channel;
        this.handler = handler;
        this.transport = transport;
    }

    /**
     * Binds and starts serving.
     *
     * @param port the port, or 0 for any free one (see {@link #port()})
     * @param threads event-loop threads
     * @throws InterruptedException if interrupted while binding
     */
    public static NettyRedisServer start(String bind, int port, int threads) throws InterruptedException {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> serverChannel = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, io);
        CommandHandler handler = new CommandHandler();
        try {
            Channel ch = new ServerBootstrap()
                    .group(group)
                    .channel(serverChannel)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel c) {
                            ChannelPipeline p = c.pipeline();
                            p.addLast(new RedisDecoder(true));
                            p.addLast(new RedisBulkStringAggregator());
                            // Commands are flat arrays; Redis caps a command at 1M arguments.
                            p.addLast(new RedisArrayAggregator(1024 * 1024, 8));
                            p.addLast(new RedisEncoder());
                            p.addLast(handler);
                        }
                    })
                    .bind(new InetSocketAddress(bind, port)).sync().channel();
            return new NettyRedisServer(group, ch, handler, epoll ? "epoll" : "nio (epoll unavailable: " + Epoll.unavailabilityCause() + ")");
        } catch (RuntimeException | InterruptedException e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw e;
        }
    }

    /** The bound port. */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** "epoll", or "nio (...)" with the reason epoll could not load. */
    public String transport() {
        return transport;
    }

    /** Keys stored. */
    public int keys() {
        return handler.size();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
    }

    /** Command-line entry point: {@code --bind H --port P --threads N}; prints one ready line. */
    public static void main(String[] args) throws InterruptedException {
        String bind = "127.0.0.1";
        int port = 6380;
        int threads = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help")) {
                System.out.println("usage: NettyRedisServer [--bind 127.0.0.1] [--port 6380] [--threads nproc]");
                return;
            }
            if (!a.startsWith("--")) {
                fail("unexpected argument '" + a + "' (see --help)");
            }
            if (i + 1 >= args.length) {
                fail(a + " needs a value");
            }
            String v = args[++i];
            try {
                switch (a) {
                    case "--bind" -> bind = v;
                    case "--port" -> port = Integer.parseInt(v);
                    case "--threads" -> threads = Integer.parseInt(v);
                    default -> fail("unknown flag " + a + " (see --help)");
                }
            } catch (NumberFormatException e) {
                fail(a + " needs an integer, got '" + v + "'");
            }
        }
        if (port < 0 || port > 65_535) {
            fail("--port must be 0..65535, got " + port);
        }
        if (threads < 1 || threads > 1024) {
            fail("--threads must be 1..1024, got " + threads);
        }
        NettyRedisServer server;
        try {
            server = start(bind, port, threads);
        } catch (RuntimeException e) {
            System.err.println("netty-baseline: cannot listen on " + bind + ":" + port + ": " + e.getMessage());
            System.exit(1);
            return;
        }
        System.out.println("netty-baseline ready on " + bind + ":" + server.port() + " (" + server.transport()
                + ", " + threads + " event-loop thread(s))");
        server.channel.closeFuture().sync();
    }

    private static void fail(String message) {
        System.err.println("netty-baseline: " + message);
        System.exit(2);
    }
}
