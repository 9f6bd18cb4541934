package dev.kevy.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * A RESP server that does no work: GET answers {@code $-1}, SET {@code +OK}, PING {@code +PONG},
 * CONFIG and COMMAND an empty array, anything else {@code +OK}. It looks at one byte per command.
 *
 * <p>It exists to measure the load generator: driven against it, the generator (and this server,
 * which costs about as much per request) is the only work on the machine, so the rate reached is
 * a floor on what the generator can produce. Run {@code NullServer --port 7000 [--threads 1]}.
 */
public final class NullServer implements AutoCloseable {

    private static final byte[] NIL = ascii("$-1\r\n");
    private static final byte[] OK = ascii("+OK\r\n");
    private static final byte[] PONG = ascii("+PONG\r\n");
    private static final byte[] EMPTY_ARRAY = ascii("*0\r\n");
    private static final int LONGEST_REPLY = PONG.length;
    private static final int BUFFER = 64 * 1024;

    private final ServerSocketChannel server;
    private final Worker[] workers;
    private final Thread acceptor;
    private volatile boolean closed;

    private NullServer(ServerSocketChannel server, int threads) throws IOException {
        this.server = server;
        this.workers = new Worker[threads];
        for (int i = 0; i < threads; i++) {
            workers[i] = new Worker(Selector.open());
            Thread.ofPlatform().name("null-server-" + i).daemon().start(workers[i]);
        }
        this.acceptor = Thread.ofPlatform().name("null-server-accept").daemon().start(this::acceptLoop);
    }

    /**
     * Binds and starts serving.
     *
     * @param port the port, or 0 for any free one (see {@link #port()})
     */
    public static NullServer start(String bind, int port, int threads) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        try {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(new InetSocketAddress(bind, port), 1024);
        } catch (IOException e) {
            server.close();
            throw e;
        }
        return new NullServer(server, threads);
    }

    /** The bound port. */
    public int port() {
        return server.socket().getLocalPort();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        for (Worker w : workers) {
            w.selector.close();
        }
    }

    private void acceptLoop() {
        int next = 0;
        while (!closed) {
            try {
                SocketChannel ch = server.accept();
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                ch.configureBlocking(false);
                Worker w = workers[next++ % workers.length];
                w.pending.add(ch);
                w.selector.wakeup();
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("null-server: accept failed: " + e.getMessage());
                }
                return;
            }
        }
    }

    /** One selector thread; connections are handed to it by the acceptor. */
    private static final class Worker implements Runnable {
        final Selector selector;
        final Queue<SocketChannel> pending = new ConcurrentLinkedQueue<>();
        private final Consumer<SelectionKey> onReady = this::onReady;

        Worker(Selector selector) {
            this.selector = selector;
        }

        @Override
        public void run() {
            try {
                while (selector.isOpen()) {
                    selector.select(onReady);
                    SocketChannel ch;
                    while ((ch = pending.poll()) != null) {
                        ch.register(selector, SelectionKey.OP_READ, new Conn(ch));
                    }
                }
            } catch (IOException | ClosedSelectorException e) {
                // closed: the server is shutting down
            }
        }

        private void onReady(SelectionKey key) {
            Conn c = (Conn) key.attachment();
            try {
                if (key.isReadable() && c.channel.read(c.in) < 0) {
                    c.close();
                    return;
                }
                if (key.isValid() && key.isWritable()) {
                    c.flush();
                }
                if (!c.answer()) {
                    c.close();
                    return;
                }
                c.flush();
                // Stop reading while replies are stuck (the client is not reading): backpressure.
                int wanted = c.out.position() > 0 ? SelectionKey.OP_WRITE : SelectionKey.OP_READ;
                if (key.interestOps() != wanted) {
                    key.interestOps(wanted);
                }
            } catch (IOException e) {
                c.close();
            }
        }
    }

    /** One client: input and output buffers (write mode between events) and the command scanner. */
    private static final class Conn {
        final SocketChannel channel;
        final ByteBuffer in = ByteBuffer.allocateDirect(BUFFER);
        final ByteBuffer out = ByteBuffer.allocateDirect(BUFFER);
        final CommandScanner scanner = new CommandScanner();

        Conn(SocketChannel channel) {
            this.channel = channel;
        }

        /** Appends a reply for every complete command that fits; false on a protocol error. */
        boolean answer() {
            in.flip();
            try {
                while (out.remaining() >= LONGEST_REPLY) {
                    int letter = scanner.next(in);
                    if (letter == CommandScanner.NEED_MORE) {
                        break;
                    }
                    if (letter == CommandScanner.PROTOCOL_ERROR) {
                        return false;
                    }
                    out.put(switch (letter) {
                        case 'G' -> NIL;
                        case 'S' -> OK;
                        case 'P' -> PONG;
                        case 'C' -> EMPTY_ARRAY;
                        default -> OK;
                    });
                }
                return true;
            } finally {
                in.compact();
            }
        }

        void flush() throws IOException {
            if (out.position() > 0) {
                out.flip();
                channel.write(out);
                out.compact();
            }
        }

        void close() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }

    /** Command-line entry point: {@code --bind H --port P --threads N}; prints one ready line. */
    public static void main(String[] args) throws Exception {
        String bind = "127.0.0.1";
        int port = 7000;
        int threads = 1;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help")) {
                System.out.println("usage: NullServer [--bind 127.0.0.1] [--port 7000] [--threads 1]");
                return;
            }
            if (i + 1 >= args.length) {
                fail(a.startsWith("--") ? a + " needs a value" : "unexpected argument '" + a + "'");
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
        if (port < 0 || port > 65_535 || threads < 1 || threads > 256) {
            fail("--port must be 0..65535 and --threads 1..256");
        }
        NullServer s;
        try {
            s = start(bind, port, threads);
        } catch (IOException e) {
            System.err.println("null-server: cannot listen on " + bind + ":" + port + ": " + e.getMessage());
            System.exit(1);
            return;
        }
        System.out.println("null-server ready on " + bind + ":" + s.port() + " (" + threads + " thread(s))");
        s.acceptor.join();
    }

    private static void fail(String message) {
        System.err.println("null-server: " + message);
        System.exit(2);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
