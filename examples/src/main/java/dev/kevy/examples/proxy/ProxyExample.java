package dev.kevy.examples.proxy;

import dev.kevy.examples.ExampleOptions;
import dev.kevy.examples.Launcher;
import dev.kevy.io.Listener;
import dev.kevy.io.resp.RespCodec;
import dev.kevy.io.resp.RespReplyCodec;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * A Redis proxy ({@code make example NAME=proxy ARGS="--upstream 127.0.0.1:6379"}): clients speak
 * RESP to it, and each shard forwards their requests, pipelined, over one connection of its own to
 * the upstream server, and relays the replies unchanged ({@link ProxyHandler}). It shows the
 * runtime's outbound connections and deferred replies; its cost over talking to Redis directly is
 * in {@code docs/BENCHMARKS.md}.
 */
public final class ProxyExample {
    /** The port when {@code --port} is not given. */
    public static final int DEFAULT_PORT = 7379;

    private ProxyExample() {
    }

    public static void main(String[] args) {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.println("usage: proxy [--upstream HOST:PORT] [--bind ADDRESS] [--port N] [--shards N]");
            System.out.println("  --upstream  the Redis server to forward to (default 127.0.0.1:6379)");
            return;
        }
        String upstream = "127.0.0.1:6379";
        int at = Arrays.asList(args).indexOf("--upstream");
        if (at >= 0) {
            if (at + 1 >= args.length) {
                System.err.println("proxy: --upstream needs HOST:PORT (try --help)");
                System.exit(2);
            }
            upstream = args[at + 1];
            String[] rest = new String[args.length - 2];
            System.arraycopy(args, 0, rest, 0, at);
            System.arraycopy(args, at + 2, rest, at, args.length - at - 2);
            args = rest;
        }
        ExampleOptions options = ExampleOptions.parse("proxy", DEFAULT_PORT, args);
        int colon = upstream.lastIndexOf(':');
        InetAddress host;
        int port;
        try {
            host = InetAddress.getByName(upstream.substring(0, Math.max(colon, 0)));
            port = Integer.parseInt(upstream.substring(colon + 1));
            if (colon < 1 || port < 1 || port > 65_535) {
                throw new NumberFormatException();
            }
        } catch (UnknownHostException | NumberFormatException e) {
            System.err.println("proxy: --upstream must be HOST:PORT, got '" + upstream + "'");
            System.exit(2);
            return;
        }
        Launcher.serve("proxy", options, listener(options.bind(), options.port(), host, port));
    }

    /** The proxy's listener, as the tests start it too. */
    public static Listener listener(String bind, int port, InetAddress upstreamHost, int upstreamPort) {
        RespReplyCodec replies = new RespReplyCodec();
        return Listener.tcp(bind, port, new RespCodec(),
                context -> new ProxyHandler(context, upstreamHost, upstreamPort, replies));
    }
}
