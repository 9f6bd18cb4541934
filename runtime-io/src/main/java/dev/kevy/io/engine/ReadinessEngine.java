package dev.kevy.io.engine;

import dev.kevy.io.poll.Poller;
import dev.kevy.rt.buffer.InputBuffer;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.rt.park.Waker;
import dev.kevy.sys.Errno;
import dev.kevy.sys.Iovec;
import dev.kevy.sys.Net;
import dev.kevy.sys.Posix;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * {@link IoEngine} over a readiness {@link Poller} (epoll on Linux, kqueue elsewhere): it registers
 * interest for the operations running, and when the poller reports a socket ready it makes the
 * syscall and turns the result into a completion.
 *
 * <h2>Syscalls, as before the engine existed</h2>
 * <ul>
 *   <li>A receive is one {@code read} per readiness report (level-triggered: no second read to
 *       reach {@code EAGAIN}), made when the shard takes the completion ({@link #result}), so
 *       connections are read and decoded one after the other and share buffers. Read interest stays registered from one receive to the next, so
 *       a connection that keeps reading costs no {@code epoll_ctl}; it is dropped when the shard
 *       cancels the receive (backpressure), or when the socket turns out readable with no receive
 *       running.</li>
 *   <li>A send writes at once ({@code write}, or {@code writev} over the buffer's chunks), inside
 *       {@link #send}; only what the socket refused waits for write readiness.</li>
 *   <li>A connection is registered with read interest when it opens, the first operation on it.</li>
 * </ul>
 */
public final class ReadinessEngine implements IoEngine {

    private static final int IOV_MAX = 64;
    /** A receive completion whose {@code read} is made when its result is asked for. */
    private static final long UNREAD = Long.MIN_VALUE + 3;

    private final Poller poller;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment iovecs;
    private final MemorySegment peer;

    /** Per connection slot ({@code (int) token}). */
    private long[] tokens = new long[64];
    private int[] fds = new int[64];
    private int[] registered = new int[64];
    private InputBuffer[] receiving = new InputBuffer[64];
    private long[] pendingBytes = new long[64];
    private OutputBuffer[] sending = new OutputBuffer[64];
    private boolean[] connecting = new boolean[64];

    private long[] listenerTokens = new long[4];
    private int[] listenerFds = new int[4];
    private int listeners;

    private final Completions done = new Completions();

    public ReadinessEngine(Poller poller) {
        this.poller = poller;
        this.iovecs = Iovec.allocate(arena, IOV_MAX);
        this.peer = arena.allocate(Net.PEER_ADDRESS_BYTES, Long.BYTES);
    }

    @Override
    public void attach() {
        // nothing is bound to the thread: an epoll or kqueue set serves any thread
    }

    @Override
    public int detach() {
        return 0; // every syscall returned before the shard moved on
    }

    @Override
    public int listen(long token, int fd) {
        if (listeners == listenerTokens.length) {
            listenerTokens = Arrays.copyOf(listenerTokens, listeners * 2);
            listenerFds = Arrays.copyOf(listenerFds, listeners * 2);
        }
        listenerTokens[listeners] = token;
        listenerFds[listeners++] = fd;
        return poller.add(fd, token, Poller.READ);
    }

    @Override
    public int pauseListening(long token, int fd, boolean paused) {
        return poller.modify(fd, token, paused ? 0 : Poller.READ);
    }

    @Override
    public int open(long token, int fd) {
        int slot = slot(token);
        tokens[slot] = token;
        fds[slot] = fd;
        receiving[slot] = null;
        sending[slot] = null;
        connecting[slot] = false;
        int r = poller.add(fd, token, Poller.READ); // the first operation on a connection is a receive
        registered[slot] = r < 0 ? 0 : Poller.READ;
        return r;
    }

    @Override
    public void receive(long token, int fd, InputBuffer in, long pending) {
        int slot = slotOf(token);
        receiving[slot] = in;
        pendingBytes[slot] = pending;
        interest(slot, registered[slot] | Poller.READ);
    }

    @Override
    public void cancelReceive(long token, int fd) {
        int slot = slotOf(token);
        receiving[slot] = null;
        interest(slot, registered[slot] & ~Poller.READ);
    }

    @Override
    public long send(long token, int fd, OutputBuffer out) {
        int slot = slotOf(token);
        long n = write(fd, out);
        if (n < 0) {
            return n;
        }
        if (n < out.size()) {
            sending[slot] = out; // the rest goes when the socket has room
            interest(slot, registered[slot] | Poller.WRITE);
        }
        return n;
    }

    @Override
    public boolean isSending(long token) {
        int slot = (int) token;
        return slot < tokens.length && tokens[slot] == token && sending[slot] != null;
    }

    @Override
    public long connect(long token, int fd, InetAddress address, int port) {
        int slot = slotOf(token);
        int r = Net.connect(fd, address, port);
        if (r != -Errno.EINPROGRESS) {
            return r;
        }
        connecting[slot] = true;
        interest(slot, registered[slot] | Poller.WRITE);
        return PENDING;
    }

    @Override
    public boolean close(long token, int fd) {
        int slot = (int) token;
        if (slot < tokens.length && tokens[slot] == token) {
            tokens[slot] = -1;
            receiving[slot] = null;
            sending[slot] = null;
            connecting[slot] = false;
            registered[slot] = 0;
        }
        Posix.close(fd); // also takes it out of the poller
        return false; // every syscall on the buffers returned before this
    }

    @Override
    public int await(int timeoutMillis) {
        done.clear();
        int n = poller.poll(timeoutMillis);
        for (int i = 0; i < n; i++) {
            long token = poller.token(i);
            if (token == Poller.WAKE_TOKEN) {
                // Nothing to consume: the pollers' wakes are edge-triggered (see Poller).
                complete(token, WOKEN, 0, false);
            } else if (token < 0) {
                acceptAll(token);
            } else {
                ready((int) token, token, poller.ready(i));
            }
        }
        return n < 0 && n != -Errno.EINTR ? n : done.size();
    }

    /** One readiness report of a connection: runs the operations it unblocks. */
    private void ready(int slot, long token, int ready) {
        if (slot >= tokens.length || tokens[slot] != token) {
            return; // closed since it was reported
        }
        if ((ready & Poller.WRITE) != 0) {
            writable(slot, token);
        }
        if ((ready & Poller.READ) != 0 && receiving[slot] != null) {
            complete(token, RECEIVED, UNREAD, false); // read when the shard takes it: see result()
        } else if ((ready & Poller.HANGUP) != 0) {
            complete(token, HUNG_UP, 0, false);
        } else if ((ready & Poller.READ) != 0) {
            interest(slot, registered[slot] & ~Poller.READ); // readable, but nobody receives: stop hearing it
        }
    }

    /** Makes the {@code read} of a receive completion; returns its result. */
    private long read(long token) {
        int slot = (int) token;
        InputBuffer in = slot < tokens.length && tokens[slot] == token ? receiving[slot] : null;
        if (in == null) {
            return NOTHING; // closed or cancelled since it was reported
        }
        long room = in.prepareRead(pendingBytes[slot]);
        if (room == 0) {
            receiving[slot] = null;
            return NO_ROOM;
        }
        long n = Posix.read(fds[slot], in.segment(), in.writeIndex(), room);
        if (n == -Errno.EAGAIN || n == -Errno.EINTR) {
            return NOTHING; // spurious: still receiving, and level-triggered readiness reports it again
        }
        if (n > 0) {
            in.advanceWriteIndex(n);
        }
        receiving[slot] = null;
        return n;
    }

    private void writable(int slot, long token) {
        if (connecting[slot]) {
            connecting[slot] = false;
            int error = Net.socketError(fds[slot]);
            interest(slot, registered[slot] & ~Poller.WRITE);
            complete(token, CONNECTED, error == 0 ? 0 : error > 0 ? -error : error, false);
            return;
        }
        OutputBuffer out = sending[slot];
        if (out == null) {
            interest(slot, registered[slot] & ~Poller.WRITE);
            return;
        }
        long n = write(fds[slot], out);
        if (n < 0 || n == out.size()) {
            sending[slot] = null;
            interest(slot, registered[slot] & ~Poller.WRITE);
        }
        if (n != 0) {
            complete(token, SENT, n, false);
        }
    }

    /**
     * Writes as much of {@code out} as the socket takes, from its head, without consuming it:
     * {@code write} for one chunk, {@code writev} for several. Returns bytes written (0 when the
     * socket is full) or {@code -errno}.
     */
    private long write(int fd, OutputBuffer out) {
        long total = 0;
        int first = 0;
        long skip = 0;
        while (first < out.segmentCount()) {
            int count = Math.min(out.segmentCount() - first, IOV_MAX);
            long asked;
            long n;
            if (count == 1) {
                asked = out.segmentLength(first) - skip;
                n = Posix.write(fd, out.segment(first), out.segmentOffset(first) + skip, asked);
            } else {
                asked = 0;
                for (int i = 0; i < count; i++) {
                    long cut = i == 0 ? skip : 0;
                    long len = out.segmentLength(first + i) - cut;
                    Iovec.set(iovecs, i, out.segment(first + i), out.segmentOffset(first + i) + cut, len);
                    asked += len;
                }
                n = Posix.writev(fd, iovecs, count);
            }
            if (n < 0) {
                return n == -Errno.EAGAIN || n == -Errno.EINTR ? total : total > 0 ? total : n;
            }
            total += n;
            if (n < asked) {
                return total; // the socket is full
            }
            first += count; // all of those chunks went: on to the next IOV_MAX
            skip = 0;
        }
        return total;
    }

    private void acceptAll(long token) {
        int l = 0;
        while (l < listeners && listenerTokens[l] != token) {
            l++;
        }
        if (l == listeners) {
            return;
        }
        while (true) {
            int fd = Net.accept(listenerFds[l], peer);
            if (fd == -Errno.EINTR || fd == -Errno.ECONNABORTED) {
                continue;
            }
            if (fd == -Errno.EAGAIN) {
                return;
            }
            complete(token, ACCEPTED, fd, fd >= 0 && Net.isLocalHost(peer));
            if (fd < 0) {
                return; // out of descriptors or memory: the shard pauses the listener
            }
        }
    }

    private void complete(long token, int kind, long result, boolean peerLocal) {
        done.add(token, kind, result, peerLocal);
    }

    /** Registers exactly {@code interest} for {@code slot}: a syscall only when it changes. */
    private void interest(int slot, int interest) {
        if (interest != registered[slot]) {
            if (poller.modify(fds[slot], tokens[slot], interest) == 0) {
                registered[slot] = interest;
            }
        }
    }

    /** The slot of a token the engine holds. */
    private int slotOf(long token) {
        int slot = (int) token;
        if (slot < 0 || slot >= tokens.length || tokens[slot] != token) {
            throw new IllegalStateException("no open connection with token " + Long.toHexString(token));
        }
        return slot;
    }

    /** The slot of a token being opened; grows the tables to hold it. */
    private int slot(long token) {
        int slot = (int) token;
        if (slot < 0) {
            throw new IllegalArgumentException("a connection token must not be negative: " + token);
        }
        if (slot >= tokens.length) {
            int n = Math.max(slot + 1, tokens.length * 2);
            int old = tokens.length;
            tokens = Arrays.copyOf(tokens, n);
            Arrays.fill(tokens, old, n, -1);
            fds = Arrays.copyOf(fds, n);
            registered = Arrays.copyOf(registered, n);
            receiving = Arrays.copyOf(receiving, n);
            pendingBytes = Arrays.copyOf(pendingBytes, n);
            sending = Arrays.copyOf(sending, n);
            connecting = Arrays.copyOf(connecting, n);
        }
        return slot;
    }

    @Override
    public long token(int i) {
        return done.token(i);
    }

    @Override
    public int kind(int i) {
        return done.kind(i);
    }

    @Override
    public long result(int i) {
        long r = done.result(i);
        if (r == UNREAD) {
            r = read(done.token(i));
            done.setResult(i, r);
        }
        return r;
    }

    @Override
    public boolean peerIsLocal(int i) {
        return done.peerLocal(i);
    }

    @Override
    public Waker waker() {
        return poller.waker();
    }

    @Override
    public int awaitWake(int timeoutMillis) {
        return poller.awaitWake(timeoutMillis);
    }

    @Override
    public String name() {
        return poller.name();
    }

    @Override
    public void close() {
        poller.close();
        arena.close();
    }
}
