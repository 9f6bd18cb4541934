package dev.kevy.io.engine;

import dev.kevy.io.poll.EpollPoller;
import dev.kevy.rt.buffer.InputBuffer;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.rt.park.Waker;
import dev.kevy.sys.Epoll;
import dev.kevy.sys.Errno;
import dev.kevy.sys.EventFd;
import dev.kevy.sys.Net;
import dev.kevy.sys.Posix;
import dev.kevy.sys.SysException;
import dev.kevy.sys.linux.io_uring_h;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;

/**
 * {@link IoEngine} over io_uring: operations go to the kernel as SQEs, their results come back as
 * CQEs, and one {@code io_uring_enter} per {@link #await} submits everything the loop iteration
 * queued and collects what finished.
 *
 * <ul>
 *   <li>Accepts: one multishot accept per listener, armed while it is not paused.</li>
 *   <li>Receives: one multishot receive per connection into the shared {@link ReceiveBuffers}
 *       ring, armed from the first {@link #receive} until {@link #cancelReceive}; what arrives
 *       while the shard is not receiving waits queued and is copied at the next receive. A
 *       connection not being read has a one-shot poll for {@code EPOLLHUP | EPOLLERR}, so a peer
 *       that leaves is heard, as epoll reports it.</li>
 *   <li>Sends: one SQE per connection and iteration ({@code SEND}, or {@code WRITEV} over the
 *       output's chunks); the rest of a short send, and whatever was appended meanwhile, goes in
 *       the next iteration's enter. The output buffer is the kernel's until the completion.</li>
 *   <li>Wakes: the same never-read eventfd as the epoll engine, watched by a multishot poll.</li>
 * </ul>
 *
 * <p>Closing a connection cancels what runs on it; while a send or receive is still in the
 * kernel, {@link #close} returns {@code true} and the connection's buffers stay untouched until a
 * {@link #RELEASED} completion says the kernel let go of them.
 *
 * <p>Submission queue entries carry {@code op << 32 | slot} (or listener index; see {@link Ops}),
 * so a completion finds its connection with an array index; a slot is not reused before
 * {@link #RELEASED}. {@link Sends} and {@link Accepts} hold the send and accept sides.
 */
public final class CompletionEngine implements IoEngine {

    private static final int F_MORE = io_uring_h.IORING_CQE_F_MORE();
    private static final int F_BUFFER = io_uring_h.IORING_CQE_F_BUFFER();
    private static final int BUFFER_SHIFT = io_uring_h.IORING_CQE_BUFFER_SHIFT();

    private final Uring ring;
    private final ReceiveBuffers buffers;
    private final Completions done = new Completions();
    private final Slots slots = new Slots();
    private final Arena arena = Arena.ofShared();
    private final Sends sends;
    private final Accepts accepts;
    private final int eventFd;
    private final int wakeEpfd;
    private final Waker waker;
    private final MemorySegment wakeEvent;

    /** Slots with queued bytes to announce, slots starved of buffers. */
    private final IntList announce = new IntList();
    private final IntList starved = new IntList();
    /** Slots whose receive completed this iteration: if no new receive follows, their multishot stops. */
    private final IntList receiveDone = new IntList();

    /**
     * A ring of {@code entries} SQEs (CQ twice as deep) and {@code buffers} receive buffers of
     * {@code bufferSize} bytes each (a power of two count).
     *
     * @throws SysException naming what the kernel refused
     */
    public CompletionEngine(int entries, int buffers, int bufferSize) {
        Uring r = new Uring(entries, entries * 2);
        int efd = -1;
        int epfd = -1;
        try {
            ReceiveBuffers b = new ReceiveBuffers(r, buffers, bufferSize);
            efd = SysException.check("eventfd", EventFd.create(0, EventFd.EFD_NONBLOCK | EventFd.EFD_CLOEXEC));
            epfd = SysException.check("epoll_create1", Epoll.create());
            SysException.check("epoll_ctl", Epoll.ctl(epfd, Epoll.EPOLL_CTL_ADD, efd, Epoll.EPOLLIN | Epoll.EPOLLET, 0));
            this.ring = r;
            this.buffers = b;
            this.eventFd = efd;
            this.wakeEpfd = epfd;
            this.waker = new EpollPoller.EventFdWaker(efd);
            this.sends = new Sends(r, slots, done, arena);
            this.accepts = new Accepts(r, done);
            this.wakeEvent = Epoll.allocateEvents(arena, 1);
        } catch (RuntimeException e) {
            Posix.close(efd);
            Posix.close(epfd);
            r.close();
            throw e;
        }
    }

    @Override
    public void attach() {
        int r = ring.enable();
        if (r < 0) {
            throw new SysException("io_uring_register(IORING_REGISTER_ENABLE_RINGS)", -r);
        }
        armWake();
    }

    private void armWake() {
        long sqe = ring.prepare(io_uring_h.IORING_OP_POLL_ADD(), eventFd, 0, io_uring_h.IORING_POLL_ADD_MULTI(), 0,
                Ops.data(Ops.WAKE, 0));
        ring.sqeOpFlags(sqe, Epoll.EPOLLIN);
    }

    @Override
    public int listen(long token, int fd) {
        accepts.listen(token, fd);
        return 0;
    }

    @Override
    public int pauseListening(long token, int fd, boolean paused) {
        accepts.pause(token, paused);
        return 0;
    }

    @Override
    public int open(long token, int fd) {
        int slot = (int) token;
        if (slot < 0) {
            throw new IllegalArgumentException("a connection token must not be negative: " + token);
        }
        buffers.ensureSlot(slot);
        slots.open(slot, token, fd);
        return 0;
    }

    @Override
    public void receive(long token, int fd, InputBuffer in, long pendingBytes) {
        int slot = slots.of(token);
        slots.receiving[slot] = in;
        slots.input[slot] = in;
        slots.pendingBytes[slot] = pendingBytes;
        if (buffers.hasQueued(slot) || slots.ended[slot] || slots.appended[slot] > 0) {
            announce.add(slot); // bytes already here: a completion at the next await, no wait
        } else if (slots.recv[slot] == Slots.IDLE) {
            armReceive(slot);
        }
    }

    private void armReceive(int slot) {
        long sqe = ring.prepare(io_uring_h.IORING_OP_RECV(), slots.fds[slot], 0, 0, 0, Ops.data(Ops.RECV, slot));
        ring.sqeIoprio(sqe, io_uring_h.IORING_RECV_MULTISHOT());
        ring.sqeFlags(sqe, io_uring_h.IOSQE_BUFFER_SELECT());
        ring.sqeBufferGroup(sqe, ReceiveBuffers.GROUP);
        slots.recv[slot] = Slots.ARMED;
        slots.opStarted(slot);
    }

    @Override
    public void cancelReceive(long token, int fd) {
        int slot = slots.of(token);
        slots.receiving[slot] = null;
        stopReceiving(slot);
    }

    /** Cancels the multishot receive of a connection nobody reads, and listens for its hang-up instead. */
    private void stopReceiving(int slot) {
        int fd = slots.fds[slot];
        if (slots.recv[slot] == Slots.ARMED) {
            ring.cancel(Ops.data(Ops.RECV, slot));
            slots.recv[slot] = Slots.CANCELLING;
        }
        if (!slots.hupArmed[slot]) {
            long sqe = ring.prepare(io_uring_h.IORING_OP_POLL_ADD(), fd, 0, 0, 0, Ops.data(Ops.HUP, slot));
            ring.sqeOpFlags(sqe, Epoll.EPOLLHUP | Epoll.EPOLLERR);
            slots.hupArmed[slot] = true;
            slots.opStarted(slot);
        }
    }

    @Override
    public long send(long token, int fd, OutputBuffer out) {
        int slot = slots.of(token);
        if (out.size() == 0) {
            return 0;
        }
        sends.send(slot, out);
        return PENDING;
    }

    @Override
    public boolean isSending(long token) {
        int slot = (int) token;
        return slot >= 0 && slot < slots.tokens.length && slots.tokens[slot] == token && !slots.closed[slot]
                && sends.isSending(slot);
    }

    @Override
    public long connect(long token, int fd, InetAddress address, int port) {
        int slot = slots.of(token);
        int r = Net.connect(fd, address, port);
        if (r != -Errno.EINPROGRESS) {
            return r;
        }
        long sqe = ring.prepare(io_uring_h.IORING_OP_POLL_ADD(), fd, 0, 0, 0, Ops.data(Ops.CONNECT, slot));
        ring.sqeOpFlags(sqe, Epoll.EPOLLOUT);
        slots.connecting[slot] = true;
        slots.opStarted(slot);
        return PENDING;
    }

    @Override
    public boolean close(long token, int fd) {
        int slot = (int) token;
        boolean held = false;
        if (slot >= 0 && slot < slots.tokens.length && slots.tokens[slot] == token && !slots.closed[slot]) {
            buffers.drop(slot);
            slots.closed[slot] = true;
            slots.receiving[slot] = null;
            slots.input[slot] = null;
            slots.sending[slot] = null;
            if (slots.recv[slot] == Slots.ARMED) {
                ring.cancel(Ops.data(Ops.RECV, slot));
            }
            sends.cancel(slot);
            if (slots.hupArmed[slot]) {
                ring.cancel(Ops.data(Ops.HUP, slot));
            }
            if (slots.connecting[slot]) {
                ring.cancel(Ops.data(Ops.CONNECT, slot));
            }
            held = slots.inFlight[slot] > 0;
            if (!held) {
                slots.free(slot);
            }
        }
        Posix.close(fd); // the socket itself closes once the cancelled operations let go of it
        return held;
    }

    @Override
    public int await(int timeoutMillis) {
        done.clear();
        beforeEnter();
        int r;
        if (done.size() > 0 || timeoutMillis == 0) {
            r = ring.worthEntering() ? ring.enter(0, 0) : 0;
        } else {
            r = ring.enter(1, timeoutMillis * 1_000_000L);
        }
        sends.submitted();
        harvest();
        // A failed enter consumed nothing and is retried by the next iteration; the completions
        // harvested regardless are never dropped. ETIME and EINTR end a wait; EBUSY and EAGAIN
        // mean the CQ overflowed, which harvesting just relieved.
        boolean quiet = r >= 0 || r == -Errno.ETIME || r == -Errno.EINTR || r == -Errno.EBUSY || r == -Errno.EAGAIN;
        return quiet || done.size() > 0 ? done.size() : r;
    }

    /** Resumes sends, retries starved receives, announces queued bytes, offers recycled buffers. */
    private void beforeEnter() {
        for (int i = 0; i < receiveDone.size(); i++) {
            int slot = receiveDone.get(i);
            if (slots.tokens[slot] >= 0 && !slots.closed[slot] && slots.receiving[slot] == null) {
                stopReceiving(slot); // paused while decoding what it received: its bytes stay in the kernel
            }
        }
        receiveDone.clear();
        sends.resume();
        if (starved.size() > 0 && buffers.takeRecycled()) {
            for (int i = 0; i < starved.size(); i++) {
                int slot = starved.get(i);
                if (!slots.closed[slot] && slots.tokens[slot] >= 0 && slots.recv[slot] == Slots.IDLE
                        && slots.receiving[slot] != null) {
                    armReceive(slot);
                }
            }
            starved.clear();
        }
        for (int i = 0; i < announce.size(); i++) {
            announceReceived(announce.get(i));
        }
        announce.clear();
        buffers.publish();
    }

    private void announceReceived(int slot) {
        if (slots.receiving[slot] != null && !slots.announced[slot] && !slots.closed[slot]) {
            slots.announced[slot] = true;
            done.add(slots.tokens[slot], RECEIVED, UNREAD);
        }
    }

    /** Takes every ready CQE. */
    private void harvest() {
        int n;
        while ((n = ring.ready()) > 0) {
            for (int i = 0; i < n; i++) {
                completed(ring.userData(i), ring.res(i), ring.flags(i));
            }
            ring.retire(n);
        }
    }

    private void completed(long userData, int res, int flags) {
        int slot = Ops.index(userData);
        switch (Ops.op(userData)) {
            case Ops.RECV -> received(slot, res, flags);
            case Ops.SEND -> {
                slots.send[slot] = Slots.IDLE;
                if (!finished(slot)) {
                    sends.sent(slot, res);
                }
            }
            case Ops.WRITABLE -> {
                slots.send[slot] = Slots.IDLE;
                if (!finished(slot)) {
                    sends.writable(slot);
                }
            }
            case Ops.HUP -> hungUp(slot, res);
            case Ops.CONNECT -> connected(slot, res);
            case Ops.ACCEPT -> accepts.accepted(slot, res, flags);
            case Ops.WAKE -> {
                done.add(0, WOKEN, 0);
                if ((flags & F_MORE) == 0) {
                    armWake();
                }
            }
            default -> { } // Ops.CANCEL: only failures post, and they change nothing
        }
    }

    private void received(int slot, int res, int flags) {
        boolean more = (flags & F_MORE) != 0;
        if ((flags & F_BUFFER) != 0) {
            int bid = flags >>> BUFFER_SHIFT;
            if (slots.closed[slot] || res <= 0) {
                buffers.discard(bid);
            } else {
                buffers.queue(slot, bid, res);
                if (slots.receiving[slot] != null) {
                    announceReceived(slot);
                } else if (slots.input[slot] != null) {
                    // Not being read (paused, or between two receives): the bytes move to the
                    // connection's input now, so no connection holds the shared buffers for long.
                    slots.appended[slot] += buffers.copyInto(slot, slots.input[slot], slots.pendingBytes[slot]);
                }
            }
        }
        if (more) {
            return;
        }
        slots.recv[slot] = Slots.IDLE;
        if (finished(slot)) {
            return;
        }
        if (res == -Errno.ENOBUFS) {
            starved.add(slot); // every buffer is out: retried once some come back
        } else if (res == 0 || (res < 0 && res != -Errno.ECANCELED)) {
            slots.ended[slot] = true;
            slots.endResult[slot] = res;
            announceReceived(slot);
        } else if (slots.receiving[slot] != null) {
            armReceive(slot); // cancelled and wanted again, or the kernel ended the multishot
        }
    }

    /**
     * The hang-up poll of a connection nobody reads completed. io_uring's poll also completes on
     * EPOLLRDHUP, whatever was asked: that is the peer ending its stream, which may still read
     * what it is owed (the next receive reports the end), so only EPOLLHUP or EPOLLERR is a
     * hang-up. The poll is not armed again after EPOLLRDHUP alone: the state lasts, and it would
     * complete at once, again and again; a peer that then resets is seen by the next send.
     */
    private void hungUp(int slot, int res) {
        slots.hupArmed[slot] = false;
        if (!finished(slot) && res > 0 && (res & (Epoll.EPOLLHUP | Epoll.EPOLLERR)) != 0
                && slots.receiving[slot] == null) {
            done.add(slots.tokens[slot], HUNG_UP, 0);
        }
    }

    private void connected(int slot, int res) {
        slots.connecting[slot] = false;
        if (!finished(slot)) {
            int error = res < 0 ? res : Net.socketError(slots.fds[slot]);
            done.add(slots.tokens[slot], CONNECTED, error > 0 ? -error : error);
        }
    }

    /**
     * Counts one operation of {@code slot} finished; returns whether the slot is closed (then the
     * completion is dropped, and the last one of a closed slot reports {@link #RELEASED}).
     */
    private boolean finished(int slot) {
        slots.opFinished(slot);
        if (!slots.closed[slot]) {
            return false;
        }
        if (slots.inFlight[slot] == 0) {
            done.add(slots.tokens[slot], RELEASED, 0);
            slots.free(slot);
        }
        return true;
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
            r = copyReceived(done.token(i));
            done.setResult(i, r);
        }
        return r;
    }

    /** A receive completion's bytes: copied from the queued buffers into the connection's input. */
    private long copyReceived(long token) {
        int slot = (int) token;
        if (slot >= slots.tokens.length || slots.tokens[slot] != token || slots.closed[slot]) {
            return NOTHING;
        }
        slots.announced[slot] = false;
        InputBuffer in = slots.receiving[slot];
        if (in == null) {
            return NOTHING; // cancelled since: the bytes stay queued for the next receive
        }
        slots.receiving[slot] = null;
        receiveDone.add(slot);
        long n = slots.appended[slot]; // moved in while the connection was not being read
        slots.appended[slot] = 0;
        if (buffers.hasQueued(slot)) {
            n += buffers.copyInto(slot, in, slots.pendingBytes[slot]);
            return n == 0 ? NO_ROOM : n;
        }
        return n > 0 ? n : slots.ended[slot] ? slots.endResult[slot] : NOTHING;
    }

    @Override
    public boolean peerIsLocal(int i) {
        return Net.peerIsLocalHost((int) done.result(i));
    }

    @Override
    public Waker waker() {
        return waker;
    }

    @Override
    public int awaitWake(int timeoutMillis) {
        return Epoll.wait(wakeEpfd, wakeEvent, 1, timeoutMillis); // the eventfd alone, edge-triggered as in EpollPoller
    }

    @Override
    public String name() {
        return "io_uring";
    }

    @Override
    public int detach() {
        for (int round = 0; round < 100 && inKernel() > 0; round++) {
            ring.enter(1, 10_000_000L); // runs the cancellations, then lets what they ended complete
            harvest();
        }
        return inKernel();
    }

    /** Operations in the kernel: the connections' and the listeners' accepts. */
    private int inKernel() {
        return slots.totalInFlight() + accepts.armedCount();
    }

    @Override
    public void close() {
        Posix.close(eventFd);
        Posix.close(wakeEpfd);
        ring.close();
        arena.close();
    }

    /** A receive completion whose bytes are copied when the shard asks for its result. */
    private static final long UNREAD = Long.MIN_VALUE + 3;
}
