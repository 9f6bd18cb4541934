package dev.kevy.bench.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
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
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.internal.PlatformDependent;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The Netty HTTP/1.1 baseline: epoll transport (NIO only where epoll is unavailable), the stock
 * {@link HttpServerCodec} and {@link HttpObjectAggregator}, and {@link HttpRouteHandler} for the
 * two TechEmpower routes. One event-loop group serves both accepting and connections, so
 * {@code --threads N} is N threads doing I/O, the same count as kevy's shards. Allocator, leak
 * detection and the rest are Netty's defaults.
 *
 * <p>{@code java -cp benchmarks.jar dev.kevy.bench.netty.NettyHttpServer --port 8081 --threads 1}
 */
public final class NettyHttpServer implements AutoCloseable {

    /** Largest request body the aggregator accepts (the routes take none; a limit is required). */
    private static final int MAX_CONTENT = 1024 * 1024;

    private final EventLoopGroup group;
    private final Channel channel;
    private final String transport;

    private NettyHttpServer(EventLoopGroup group, Channel channel, String transport) {
        this.group = group;
        this.channel = channel;
        this.transport = transport;
    }

    /**
     * Binds and starts serving.
     *
     * @param port the port, or 0 for any free one (see {@link #port()})
     * @param threads event-loop threads
     * @param aggregate true for HttpServerCodec + HttpObjectAggregator (what a team writes first);
     *        false for the codec alone, as in TechEmpower's tuned entry
     * @throws InterruptedException if interrupted while binding
     */
    public static NettyHttpServer start(String bind, int port, int threads, boolean aggregate) throws InterruptedException {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> serverChannel = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, io);
        DateHeader date = new DateHeader();
        HttpRouteHandler handler = new HttpRouteHandler(date);
        try {
            group.scheduleAtFixedRate(date::refresh, 1, 1, TimeUnit.SECONDS);
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
                            p.addLast(new HttpServerCodec());
                            if (aggregate) {
                                p.addLast(new HttpObjectAggregator(MAX_CONTENT));
                            }
                            p.addLast(handler);
                        }
                    })
                    .bind(new InetSocketAddress(bind, port)).sync().channel();
            return new NettyHttpServer(group, ch, epoll ? "epoll" : "nio (epoll unavailable: " + Epoll.unavailabilityCause() + ")");
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

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
    }

    /** Command-line entry point: {@code --bind H --port P --threads N [--no-aggregator]}; prints one ready line. */
    public static void main(String[] args) throws InterruptedException {
        String bind = "127.0.0.1";
        int port = 8081;
        int threads = Runtime.getRuntime().availableProcessors();
        boolean aggregate = true;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help")) {
                System.out.println("usage: NettyHttpServer [--bind 127.0.0.1] [--port 8081] [--threads nproc] [--no-aggregator]");
                return;
            }
            if (a.equals("--no-aggregator")) {
                aggregate = false;
                continue;
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
        NettyHttpServer server;
        try {
            server = start(bind, port, threads, aggregate);
        } catch (RuntimeException e) {
            System.err.println("netty-http: cannot listen on " + bind + ":" + port + ": " + e.getMessage());
            System.exit(1);
            return;
        }
        System.out.println("netty-http ready on " + bind + ":" + server.port() + " (" + server.transport()
                + ", " + threads + " event-loop thread(s), HttpServerCodec" + (aggregate ? " + HttpObjectAggregator" : "")
                + ", " + ByteBufAllocator.DEFAULT.getClass().getSimpleName()
                // Netty 4.2 leaves sun.misc.Unsafe off by default from Java 25 on (io.netty.noUnsafe).
                + ", Unsafe " + (PlatformDependent.hasUnsafe() ? "on" : "off") + ")");
        server.channel.closeFuture().sync();
    }

    private static void fail(String message) {
        System.err.println("netty-http: " + message);
        System.exit(2);
    }
}
