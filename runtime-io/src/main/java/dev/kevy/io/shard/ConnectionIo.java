package dev.kevy.io.shard;

import dev.kevy.io.RuntimeConfig;
import dev.kevy.io.codec.Decoder;
import dev.kevy.io.codec.Request;
import dev.kevy.io.engine.IoEngine;
import dev.kevy.rt.buffer.OutputBuffer;

/**
 * The byte side of a shard's connections: receive, decode, dispatch, send. Each connection speaks
 * its listener's protocol: its decoder frames the requests, its listener's handler answers. The
 * syscalls are the {@link IoEngine}'s; this class submits receives and sends and takes their
 * completions, and keeps no readiness state.
 *
 * <p>A connection has a receive running whenever it may read: the engine appends to its input
 * and completes; every request in the bytes is decoded and dispatched, and a new receive starts.
 * The replies of the whole loop iteration leave in one send per connection, in
 * {@link #flushDirty()}; what the socket refuses, the engine sends when it has room.
 *
 * <p>Backpressure: a connection with {@link RuntimeConfig#maxInFlight()} commands awaiting their
 * replies, or more than {@link RuntimeConfig#outputPauseBytes()} unsent, has its receive
 * cancelled until that clears; its unread bytes wait in the kernel, not in our memory. A
 * connection whose deferred reply holds its later requests (a blocked client) runs none of them
 * but goes on receiving, up to its input buffer's limit, as Redis reads a blocked client: so its
 * leaving is noticed while it waits.
 */
final class ConnectionIo {

    /**
     * Unsent output an unauthenticated connection may hold: Redis's 16 KiB reply buffer. Redis
     * 7.0.15 as shipped (with the CVE-2025-21605 fix) closes an unauthenticated client, without
     * writing, once its replies outgrow that buffer, so a client cannot pipeline AUTH guesses
     * without reading the answers.
     */
    static final long UNAUTHENTICATED_OUTPUT_LIMIT = 16 * 1024;

    private final int me;
    private final RuntimeConfig config;
    private final IoEngine engine;
    private final ConnectionTable table;
    private final Connections lifecycle;
    private final Dispatcher dispatcher;
    private final Tickets tickets;
    private final Counters stats;
    /** The view every connection's requests are decoded into, one at a time. */
    private final Request request = new Request();
    /**
     * The requests of the last look-ahead window, decoded once: the look-ahead decodes into them
     * and the loop runs them from here instead of decoding them again (entry 0 is the request
     * that started the window, already decoded into {@link #request}). Valid within one
     * {@link #process} call, while the input is neither read into nor compacted.
     */
    private Request[] window = new Request[0];
    /** Bytes each request of {@link #window} took in the input. */
    private long[] windowConsumed = new long[0];
    /**
     * Calls of {@link #process} under way: a request's execution may resume another connection
     * (a reply that releases a barrier, a wake), whose {@code process} runs inside the first. Only
     * the outermost looks ahead, so an inner call never overwrites the {@link #window} the outer
     * one is still running from.
     */
    private int processing;
    private boolean reading = true;

    ConnectionIo(int me, RuntimeConfig config, IoEngine engine, ConnectionTable table, Connections lifecycle,
                 Dispatcher dispatcher, Tickets tickets, Counters stats) {
        this.me = me;
        this.config = config;
        this.engine = engine;
        this.table = table;
        this.lifecycle = lifecycle;
        this.dispatcher = dispatcher;
        this.tickets = tickets;
        this.stats = stats;
    }

    /** A receive completed on {@code token}: the bytes are in its input; decode and run them. */
    int onReceived(long token, long n) {
        Connection c = table.get(token);
        if (c == null || n == IoEngine.NOTHING) {
            return 0;
        }
        c.receiving = false;
        if (n > 0) {
            stats.bytesRead += n;
            process(c);
        } else if (n == IoEngine.NO_ROOM) {
            ShardLog.warn(me, "closing client " + c.id() + ": request larger than the query buffer limit");
            lifecycle.close(c);
        } else if (n == 0) {
            endOfStream(c);
        } else {
            lifecycle.close(c); // a reset or an error: nothing sent could arrive
        }
        return 1;
    }

    /**
     * The peer sent its last byte (a FIN). As Redis, which sees the end only on a read after it
     * wrote what it owed: the requests read before it run, and their replies go out before the
     * connection closes. A deferred reply dies at once (a blocked client that leaves is dropped
     * and pops nothing), and no reply behind it is sent: the runtime cannot tell a half-close
     * from a client that has gone, and a ticket may never complete; one the handler completes on
     * its own (a reply waiting for a disk write) is awaited. A connection paused with complete
     * requests still unread (backpressure, the order barrier) runs them when it resumes and ends
     * there, unless it holds a ticket that dies first ({@link Tickets#onDeferred} too).
     */
    private void endOfStream(Connection c) {
        c.peerClosed = true;
        if (c.readPaused && !tickets.holdsMortal(c)) {
            return; // process() ends the stream once it has run what is buffered
        }
        tickets.endStream(c);
    }

    /** The peer of a connection that was not being read hung up: nothing we still owe it can arrive. */
    int onHungUp(long token) {
        Connection c = table.get(token);
        if (c == null) {
            return 0;
        }
        lifecycle.close(c);
        return 1;
    }

    /** A send made progress on {@code token} (a completion: the socket had room again). */
    int onSent(long token, long n) {
        Connection c = table.get(token);
        if (c == null) {
            return 0;
        }
        if (sent(c, n)) {
            afterFlush(c);
        }
        return 1;
    }

    /** Decodes and dispatches every complete request in {@code c}'s input, as far as backpressure allows. */
    void process(Connection c) {
        Decoder decoder = c.decoder;
        int aheadNext = 0; // the next request of the last look-ahead window to run
        int aheadEnd = 0; // how many that window holds
        boolean aheadDeclined = false; // the handler wants no more of this input shown
        processing++;
        try {
            while (!c.closing) {
                if (c.holds > 0 && c.peerClosed) {
                    tickets.endStream(c); // a request run after the end blocked: its client has gone
                    return;
                }
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
                Request next = request;
                long consumed;
                int status;
                if (aheadNext < aheadEnd) { // decoded already, by the look-ahead
                    next = window[aheadNext];
                    consumed = windowConsumed[aheadNext++];
                    status = Decoder.REQUEST;
                } else {
                    status = decoder.decode(c.in.segment(), c.in.readIndex(), c.in.writeIndex(), request);
                    consumed = decoder.consumed();
                }
                if (status == Decoder.REQUEST && c.outbound) {
                    c.service.handler.onFrame(c.token, request); // the peer's answer, to its handler
                    c.in.consume(consumed);
                } else if (status == Decoder.REQUEST) {
                    if (next == request && processing == 1 && c.service.lookAheadWindow > 0 && !aheadDeclined
                            && c.in.writeIndex() - c.in.readIndex() > consumed) {
                        int shown = lookAhead(c);
                        aheadDeclined = shown < 0;
                        aheadEnd = Math.abs(shown);
                        aheadNext = 1; // window[0] is this request
                    }
                    long readIndex = c.in.readIndex();
                    boolean dispatched = dispatcher.dispatch(c, next);
                    if (c.in.readIndex() != readIndex) {
                        aheadEnd = 0; // a nested process() of this connection moved on: decode afresh
                    }
                    if (!dispatched) {
                        long at = c.stash.reserve(Records.fieldsLength(next));
                        Records.writeFields(c.stash.segment(), at, next);
                    }
                    c.in.consume(consumed);
                    if (!dispatched) {
                        pause(c); // the reply that releases the barrier resumes us (flush)
                        return;
                    }
                } else if (status == Decoder.NEED_MORE) {
                    c.in.consume(decoder.consumed());
                    c.in.releaseIfEmpty();
                    if (c.peerClosed) {
                        tickets.endStream(c); // what the peer sent before its end has run
                        return;
                    }
                    // After a resume (flush -> process) no receive runs since the pause: without
                    // this, a connection whose buffered commands ran out exactly at the pause is
                    // never read again (its next pipeline waits in the kernel forever).
                    syncReceive(c);
                    return;
                } else if (!answerProtocolError(c, decoder)) {
                    return;
                }
            }
            syncReceive(c);
        } catch (RuntimeException e) {
            ShardLog.error(me, "closing client " + c.id() + " after a command failed", e);
            lifecycle.close(c);
        } finally {
            processing--;
        }
    }

    /**
     * Shows the handler the complete requests at the head of {@code c}'s input, up to its window,
     * decoded by a decoder of their own (the connection's keeps its place) into {@link #window},
     * where the loop then takes them from. Returns how many, negated when the handler asked to be
     * shown no more of this input.
     */
    private int lookAhead(Connection c) {
        Service service = c.service;
        Decoder decoder = service.lookAheadDecoder();
        decoder.reset(false);
        long at = c.in.readIndex();
        long end = c.in.writeIndex();
        if (window.length < service.lookAheadWindow) { // grows once per shard, to the largest window
            int old = window.length;
            window = java.util.Arrays.copyOf(window, service.lookAheadWindow);
            windowConsumed = java.util.Arrays.copyOf(windowConsumed, service.lookAheadWindow);
            for (int i = old; i < window.length; i++) {
                window[i] = new Request();
            }
        }
        int seen = 0;
        boolean more = true;
        while (more && seen < service.lookAheadWindow
                && decoder.decodeAhead(c.in.segment(), at, end, window[seen]) == Decoder.REQUEST) {
            more = service.handler.lookAhead(window[seen], c);
            windowConsumed[seen] = decoder.consumed();
            at += decoder.consumed();
            seen++;
        }
        service.handler.lookAheadDone();
        return more ? seen : -seen;
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
        syncReceive(c);
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
        syncReceive(c);
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
        if (c.connecting) {
            return; // outbound, not connected yet: what was written goes once it is (Outbound.finish)
        }
        if (out.size() > 0 && !engine.isSending(c.token) && !sent(c, engine.send(c.token, c.fd, out))) {
            return;
        }
        afterFlush(c);
    }

    /**
     * Takes a send's report: consumes the bytes written. Returns {@code false} if the connection
     * closed (the send failed: EPIPE, ECONNRESET, the client is gone).
     */
    private boolean sent(Connection c, long n) {
        if (n == IoEngine.PENDING) {
            return true;
        }
        if (n < 0) {
            lifecycle.close(c);
            return false;
        }
        c.out.consume(n);
        stats.bytesWritten += n;
        return true;
    }

    /** After output moved: close a quiet closing connection, or resume a paused one. */
    private void afterFlush(Connection c) {
        OutputBuffer out = c.out;
        out.releaseIfEmpty();
        if (c.closing && c.isQuiet()) {
            lifecycle.close(c);
            return;
        }
        if (c.readPaused && c.holds == 0 && !c.replies.isFull() && out.size() <= config.outputPauseBytes()
                && reading) {
            c.readPaused = false;
            process(c); // commands already buffered go first; then it receives again
            return;
        }
        syncReceive(c);
    }

    /**
     * Runs a receive on {@code c} exactly when it should read: open, not paused, not closing, and
     * the shard still reading. Starting one whose interest is already registered costs nothing.
     */
    private void syncReceive(Connection c) {
        if (!c.isOpen()) {
            return;
        }
        // A connection held by a deferred reply (a blocked client) keeps receiving: its bytes wait
        // in its input, unrun, and a peer that closes is seen at once, so the ticket dies and its
        // handler gives back what it held, instead of answering a client that has gone.
        boolean wanted = (!c.readPaused || c.holds > 0) && !c.closing && !c.peerClosed && reading;
        if (wanted && !c.receiving) {
            c.receiving = true;
            engine.receive(c.token, c.fd, c.in, c.decoder.pendingBytes());
        } else if (!wanted && c.receiving) {
            c.receiving = false;
            engine.cancelReceive(c.token, c.fd);
        }
    }

    /** Stops reading {@code c} and closes it once the replies it is owed are written. */
    void kill(Connection c) {
        c.closing = true;
        syncReceive(c);
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
                    syncReceive(c);
                }
            }
        }
    }
}
