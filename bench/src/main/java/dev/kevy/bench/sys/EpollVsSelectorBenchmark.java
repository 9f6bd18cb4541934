package dev.kevy.bench.sys;

import dev.kevy.sys.Epoll;
import dev.kevy.sys.Errno;
import dev.kevy.sys.Net;
import dev.kevy.sys.Posix;
import dev.kevy.sys.SysException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Polling for readiness when nothing is ready, the spinning shard's common case: one epoll_wait
 * with a zero timeout through FFM (a critical downcall into a caller-owned event array) versus
 * {@code Selector.selectNow()}, each over the same number of idle, connected loopback sockets.
 * Both return 0. Linux only (epoll).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class EpollVsSelectorBenchmark {

    private static final int MAX_EVENTS = 64;

    @Param("16")
    public int sockets;

    private final InetAddress loopback = InetAddress.getLoopbackAddress();

    private Arena arena;
    private MemorySegment events;
    private int epfd;
    private int listener;
    private int[] accepted;
    private Socket[] clients;

    private Selector selector;
    private ServerSocketChannel server;
    private SocketChannel[] nioClients;
    private SocketChannel[] nioAccepted;

    @Setup
    public void open() throws IOException {
        arena = Arena.ofConfined();
        events = Epoll.allocateEvents(arena, MAX_EVENTS);
        epfd = SysException.check("epoll_create1", Epoll.create());
        listener = Net.openListener(loopback, 0, sockets, false);
        int port = Net.localPort(listener);
        accepted = new int[sockets];
        clients = new Socket[sockets];
        SysException.check("epoll_ctl", Epoll.ctl(epfd, Epoll.EPOLL_CTL_ADD, listener, Epoll.EPOLLIN, -1));
        for (int i = 0; i < sockets; i++) {
            clients[i] = new Socket(loopback, port);
            int fd = Net.accept(listener);
            while (fd == -Errno.EAGAIN) {
                SysException.check("epoll_wait", Epoll.wait(epfd, events, MAX_EVENTS, 1_000));
                fd = Net.accept(listener);
            }
            accepted[i] = SysException.check("accept", fd);
        }
        SysException.check("epoll_ctl", Epoll.ctl(epfd, Epoll.EPOLL_CTL_DEL, listener, 0, 0));
        for (int i = 0; i < sockets; i++) {
            SysException.check("epoll_ctl", Epoll.ctl(epfd, Epoll.EPOLL_CTL_ADD, accepted[i], Epoll.EPOLLIN, i));
        }

        selector = Selector.open();
        server = ServerSocketChannel.open().bind(new InetSocketAddress(loopback, 0), sockets);
        nioClients = new SocketChannel[sockets];
        nioAccepted = new SocketChannel[sockets];
        for (int i = 0; i < sockets; i++) {
            nioClients[i] = SocketChannel.open(server.getLocalAddress());
            nioAccepted[i] = server.accept();
            nioAccepted[i].configureBlocking(false);
            nioAccepted[i].register(selector, SelectionKey.OP_READ);
        }
    }

    @TearDown
    public void close() throws IOException {
        selector.close();
        for (int i = 0; i < sockets; i++) {
            nioAccepted[i].close();
            nioClients[i].close();
            Posix.close(accepted[i]);
            clients[i].close();
        }
        server.close();
        Posix.close(listener);
        Posix.close(epfd);
        arena.close();
    }

    @Benchmark
    public int epollWaitZeroTimeout() {
        return Epoll.wait(epfd, events, MAX_EVENTS, 0);
    }

    @Benchmark
    public int selectorSelectNow() throws IOException {
        return selector.selectNow();
    }
}
