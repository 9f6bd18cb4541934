package dev.kevy.io.shard;

import dev.kevy.io.RuntimeConfig;
import dev.kevy.io.codec.Decoder;
import dev.kevy.io.codec.Request;
import dev.kevy.io.poll.Poller;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.sys.Errno;
import dev.kevy.sys.Iovec;
import dev.kevy.sys.Net;
import dev.kevy.sys.Posix;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The socket side of a shard's connections: accept, read, decode, write, close. Each connection
 * speaks its listener's protocol: its decoder frames the requests, its listener's handler answers.
 *
 * <p>Syscall budget per readiness event: one {@code read} (level-triggered, so no second read to
 * reach {@code EAGAIN}); all requests in the bytes read are decoded and dispatched; the replies of
 * the whole loop iteration leave in one {@code write} (or {@code writev} when they span pooled
 * chunks) per connection, in {@link #flushDirty()}. Write interest is registered only while a
 * socket refuses bytes.
 *
 * <p>Backpressure: a connection with {@link RuntimeConfig#maxInFlight()} commands awaiting their
 * replies, or more than {@link RuntimeConfig#outputPauseBytes()} unsent, is taken out of the read
 * interest until its replies drain; its unread bytes wait in the kernel, not in our memory.
 */
final class ConnectionIo {

    private static final int IOV_MAX = 64;
    /**
     * Unsent output an unauthenticated connection may hold: Redis's 16 KiB reply buffer. Redis
     * 7.0.15 as shipped (with the CVE-2025-21605 fix) closes an unauthenticated client, without
     * writing, once its replies outgrow that buffer, so a client cannot pipeline AUTH guesses
     * without reading the answers.
     */
    static final long UNAUTHENTICATED_OUTPUT_LIMIT = 16 * 1024;

    private final int me;
    private final RuntimeConfig config;
    private final Poller poller;
    private final ConnectionTable table;
    private final Connections lifecycle;
    private final Dispatcher dispatcher;
    private final Counters stats;
    private final MemorySegment iovecs;
    /** The view every connection's requests are decoded into, one at a time. */
    private final Request request = new Request();
    private boolean reading = true;

    ConnectionIo(int me, RuntimeConfig config, Poller poller, ConnectionTable table, Connections lifecycle,
                 Dispatcher dispatcher, Counters stats, Arena arena) {
        this.me = me;
        this.config = config;
        this.poller = poller;
        this.table = table;
        this.lifecycle = lifecycle;
        this.dispatcher = dispatcher;
        this.stats = stats;
        this.iovecs = Iovec.allocate(arena, IOV_MAX);
    }

    /** Handles one readiness event of a connection; returns 1 if it did anything. */
    int onEvent(long token, int ready) {
        Connection c = table.get(token);
        if (c == null) {
            return 0;
        }
        if ((ready & Poller.READ) != 0 && !c.readPaused && !c.closing) {
            read(c);
        } else if ((ready & Poller.HANGUP) != 0) {
            lifecycle.close(c); // not reading, and the peer is gone: nothing we still owe it can arrive
            return 1;
        }
        if ((ready & Poller.WRITE) != 0 && c.isOpen()) {
            table.markDirty(c);
        }
        return 1;
    }

    private void read(Connection c) {
        long room = c.in.prepareRead(c.decoder.pendingBytes());
        if (room == 0) {
            ShardLog.warn(me, "closing client " + c.id() + ": request larger than the query buffer limit");
            lifecycle.close(c);
            return;
        }
        long n = Posix.read(c.fd, c.in.segment(), c.in.writeIndex(), room);
        if (n > 0) {
            stats.bytesRead += n;
            c.in.advanceWriteIndex(n);
            process(c);
        } else if (n == 0 || (n != -Errno.EAGAIN && n != -Errno.EINTR)) {
            lifecycle.close(c); // end of stream, or a reset: Redis drops the client and what it still owed it
        }
    }

    /** Decodes and dispatches every complete request in {@code c}'s input, as far as backpressure allows. */
    void process(Connection c) {
        Decoder decoder = c.decoder;
        try {
            while (!c.closing) {
                if (c.holds > 0 || c.replies.isFull() || c.out.size() > config.outputPauseBytes()) {
                    pause(c);
                    return;
                }
                if (c.stash.position() > 0) {
                    if (!dispatchStashed(c)) {
                        pause(c); // still held back: the reply that releases it resumes us (flush)
                        return;
                    }
                    continue;
                }
                int status = decoder.decode(c.in.segment(), c.in.readIndex(), c.in.writeIndex(), request);
                if (status == Decoder.REQUEST) {
                    boolean dispatched = dispatcher.dispatch(c, request);
                    if (!dispatched) {
                        long at = c.stash.reserve(Records.fieldsLength(request));
                        Records.writeFields(c.stash.segment(), at, request);
                    }
                    c.in.consume(decoder.consumed());
                    if (!dispatched) {
                        pause(c); // the reply that releases the barrier resumes us (flush)
                        return;
                    }
                } else if (status == Decoder.NEED_MORE) {
                    c.in.consume(decoder.consumed());
                    c.in.releaseIfEmpty();
                    // After a resume (flush -> process) the read interest is still off from the
                    // pause: without this, a connection whose buffered commands ran out exactly at
                    // the pause is never read again (its next pipeline waits in the kernel forever).
                    updateInterest(c);
                    return;
                } else if (!answerProtocolError(c, decoder)) {
                    return;
                }
            }
            updateInterest(c);
        } catch (RuntimeException e) {
            ShardLog.error(me, "closing client " + c.id() + " after a command failed", e);
            lifecycle.close(c);
        }
    }

    /**
     * Writes the codec's answer to a protocol error in its place in the reply order. Returns
     * whether decoding goes on (the codec skipped the bad bytes); otherwise the connection closes
     * once its replies are out.
     */
    private boolean answerProtocolError(Connection c, Decoder decoder) {
        long seq = c.replies.open();
        boolean close = decoder.writeError(c.replies.begin(seq));
        c.replies.complete(seq);
        table.markDirty(c);
        long skip = decoder.consumed();
        if (!close && skip > 0) {
            c.in.consume(skip);
            return true;
        }
        if (!close) { // nothing skipped: decoding again would fail on the same bytes forever
            ShardLog.warn(me, "closing client " + c.id() + ": its codec kept it open after an error but skipped no bytes");
        }
        c.closing = true; // e.g. Redis answers a protocol error, then drops the client
        updateInterest(c);
        return false;
    }

    /** Dispatches the request the order barrier held back, if it may go now. */
    private boolean dispatchStashed(Connection c) {
        if (!Records.readFields(c.stash.segment(), 0, c.stash.position(), request)) {
            throw new IllegalStateException("a held-back request no longer reads back");
        }
        if (!dispatcher.dispatch(c, request)) {
            return false;
        }
        c.stash.releaseBlock();
        return true;
    }

    private void pause(Connection c) {
        c.readPaused = true;
        updateInterest(c);
    }

    /** Writes out every connection with new replies; returns how many were flushed. */
    int flushDirty() {
        int flushed = 0;
        for (int i = 0; i < table.dirtyCount(); i++) { // flush() may list more (a resumed connection)
            Connection c = table.takeDirty(i);
            if (c.isOpen()) {
                flush(c);
                flushed++;
            }
        }
        table.clearDirty();
        return flushed;
    }

    private void flush(Connection c) {
        OutputBuffer out = c.out;
        if (c.broken) {
            lifecycle.close(c); // a reply may be half written: nothing more of this stream is sent
            return;
        }
        if (c.replies.isOverLimit()) {
            ShardLog.warn(me, "closing client " + c.id() + ": output buffer limit reached");
            lifecycle.close(c);
            return;
        }
        if (!c.isAuthenticated() && out.size() > UNAUTHENTICATED_OUTPUT_LIMIT) {
            lifecycle.close(c); // as Redis: the unread replies are dropped, not written
            return;
        }
        while (out.size() > 0) {
            int count = Math.min(out.segmentCount(), IOV_MAX);
            long asked;
            long n;
            if (count == 1) {
                asked = out.segmentLength(0);
                n = Posix.write(c.fd, out.segment(0), out.segmentOffset(0), asked);
            } else {
                asked = 0;
                for (int i = 0; i < count; i++) {
                    long len = out.segmentLength(i);
                    Iovec.set(iovecs, i, out.segment(i), out.segmentOffset(i), len);
                    asked += len;
                }
                n = Posix.writev(c.fd, iovecs, count);
            }
            if (n < 0) {
                if (n == -Errno.EAGAIN || n == -Errno.EINTR) {
                    break;
                }
                lifecycle.close(c); // EPIPE, ECONNRESET: the client is gone
                return;
            }
            out.consume(n);
            stats.bytesWritten += n;
            if (n < asked) {
                break; // the socket is full; write interest takes over
            }
        }
        out.releaseIfEmpty();
        c.wantWrite = out.size() > 0;
        if (c.closing && c.isQuiet()) {
            lifecycle.close(c);
            return;
        }
        if (c.readPaused && c.holds == 0 && !c.replies.isFull() && out.size() <= config.outputPauseBytes()
                && reading) {
            c.readPaused = false;
            process(c); // commands already buffered go first; updates the interest
            return;
        }
        updateInterest(c);
    }

    /** Registers exactly the readiness {@code c} needs now; a syscall only when it changed. */
    private void updateInterest(Connection c) {
        if (!c.isOpen()) {
            return;
        }
        int interest = (c.readPaused || c.closing || !reading ? 0 : Poller.READ) | (c.wantWrite ? Poller.WRITE : 0);
        if (interest != c.interest) {
            int r = poller.modify(c.fd, c.token, interest);
            if (r < 0) {
                ShardLog.warn(me, "changing the interest of client " + c.id() + ": " + Errno.name(r));
                lifecycle.close(c);
                return;
            }
            c.interest = interest;
        }
    }

    /** Stops reading {@code c} and closes it once the replies it is owed are written. */
    void kill(Connection c) {
        c.closing = true;
        updateInterest(c);
        table.markDirty(c); // the flush closes it when quiet
    }

    /** Shutdown, step 1: read no more requests; what was read is still answered. */
    void stopReading() {
        reading = false;
        for (int i = 0; i < table.capacity(); i++) {
            Connection c = table.at(i);
            if (c.isOpen()) {
                c.closing = true;
                if (c.isQuiet()) {
                    lifecycle.close(c);
                } else {
                    updateInterest(c);
                }
            }
        }
    }
}
