package dev.kevy.io.shard;

import dev.kevy.io.Session;
import dev.kevy.io.codec.Decoder;
import dev.kevy.rt.buffer.BufferPool;
import dev.kevy.rt.buffer.InputBuffer;
import dev.kevy.rt.buffer.OrderedReplies;
import dev.kevy.rt.buffer.OutputBuffer;

/**
 * One client connection of a shard: its socket, its off-heap request and reply buffers, the order
 * of its replies, and the {@link Session} its handler sees.
 *
 * <p>Connection objects live in a {@link ConnectionTable} slot for the life of the shard and are
 * reused: opening one resets every field, and its buffers take pooled chunks only once bytes
 * arrive. The token names the slot and its generation, so a reply for a connection that closed
 * (and whose slot was reused) is recognised as stale and dropped.
 */
final class Connection implements Session {

    final int slot;
    final InputBuffer in;
    final OutputBuffer out;
    final OrderedReplies replies;
    /** Each listener's decoder for this slot, made the first time the slot serves that listener. */
    private final Decoder[] decoders;

    private final int shard;
    int generation;
    long token;
    int fd = -1;
    /** The listener the connection came in on; its decoder is {@link #decoder}. */
    Service service;
    Decoder decoder;

    /** A receive is running on the socket (the engine owns {@link #in} until it completes). */
    boolean receiving;
    /** Not read: too many replies in flight or too much unsent output (backpressure). */
    boolean readPaused;
    /** In the shard's list of connections to flush this iteration. */
    boolean dirty;
    /** No more commands are read; close once every reply is out (QUIT, protocol error, shutdown). */
    boolean closing;
    /**
     * The peer ended its stream (a FIN): nothing more is received; what was read still runs, and
     * the replies it is owed go out before the connection closes (see {@code ConnectionIo.endOfStream}).
     */
    boolean peerClosed;
    /**
     * The lowest request sequence whose ticket died with the peer's stream, or
     * {@link Long#MAX_VALUE}: the replies before it are owed, none from it on can come.
     */
    long deadFrom = Long.MAX_VALUE;
    /** Forwarded and fanned-out commands awaiting their replies (the order barrier, see Dispatcher). */
    int remoteInFlight;
    /** Atomic commands awaiting their replies (the order barrier, see Dispatcher). */
    int atomicsInFlight;
    /** Opened by this shard to another server ({@code ShardContext.connect}); its frames go to {@code onFrame}. */
    boolean outbound;
    /** Outbound, and the connect has not finished: nothing is sent or received yet. */
    boolean connecting;
    /** The listener whose handler opened this outbound connection. */
    int outboundListener;
    /** The connect timeout's timer (the runtime's wheel), while connecting. */
    long connectTimer;
    /** The result of a connect that finished at once, reported from the next iteration. */
    int connectResult;
    /** The codec of the last outbound connection in this slot, and its decoder (kept for the next). */
    private dev.kevy.io.codec.Codec outboundCodec;
    private Decoder outboundDecoder;
    /** A reducer failed mid-reply: the output cannot be trusted; closed before anything more is sent. */
    boolean broken;
    /** Deferred replies that hold the connection's later requests back (see {@link Tickets}). */
    int holds;
    /** First of this connection's tickets on its own shard (a list kept by {@link Tickets}), or -1. */
    int firstTicket = -1;
    /** Tickets other shards took for this connection's requests: owner shard, ticket id, request. */
    int remoteTicketCount;
    int[] remoteTicketShards;
    long[] remoteTicketIds;
    long[] remoteTicketSeqs;
    /**
     * A request the order barrier held back, as its fields (see {@link Records}), or empty. It was
     * consumed from the input (a codec may decode in place and cannot decode twice), so it goes
     * before anything still in {@link #in}. Holds no block while empty.
     */
    final Scratch stash;

    private long id;
    private long openedMillis;
    private Object attachment;
    private boolean authenticated;

    Connection(int shard, int slot, BufferPool pool, long queryBufferLimit, long outputLimit, int maxInFlight,
               int listeners) {
        this.shard = shard;
        this.decoders = new Decoder[listeners];
        this.slot = slot;
        this.in = new InputBuffer(pool, queryBufferLimit, MappedMemory.INSTANCE);
        this.out = new OutputBuffer(pool, outputLimit);
        this.replies = new OrderedReplies(out, pool, maxInFlight, outputLimit);
        this.stash = new Scratch(pool, false);
    }

    /**
     * Opens the slot for an outbound connection of listener {@code listener}'s handler, framed by
     * {@code codec}. Its {@link #service} is set when the connect finishes: a handler may connect
     * from its constructor, before its listener's service exists.
     */
    void openOutbound(int fd, long token, long clientId, int listener, dev.kevy.io.codec.Codec codec, long nowMillis) {
        reset(fd, token, clientId, nowMillis);
        if (outboundCodec != codec) {
            outboundCodec = codec;
            outboundDecoder = codec.newDecoder(); // once per slot and codec, as for listeners
        }
        this.service = null;
        this.outboundListener = listener;
        this.decoder = outboundDecoder;
        this.authenticated = true;
        this.outbound = true;
        this.connecting = true;
        decoder.reset(false);
    }

    void open(int fd, long token, long clientId, Service service, long nowMillis) {
        reset(fd, token, clientId, nowMillis);
        boolean authRequired = service.requireAuth;
        this.service = service;
        Decoder d = decoders[service.index];
        if (d == null) {
            d = service.codec.newDecoder(); // once per slot and listener, never per connection
            decoders[service.index] = d;
        }
        this.decoder = d;
        this.authenticated = !authRequired;
        d.reset(authRequired);
    }

    /** Resets every per-connection field for a new connection in this slot. */
    private void reset(int fd, long token, long clientId, long nowMillis) {
        this.fd = fd;
        this.token = token;
        this.id = clientId;
        this.openedMillis = nowMillis;
        this.attachment = null;
        this.receiving = false;
        this.readPaused = false;
        this.dirty = false;
        this.closing = false;
        this.peerClosed = false;
        this.deadFrom = Long.MAX_VALUE;
        this.remoteInFlight = 0;
        this.atomicsInFlight = 0;
        this.broken = false;
        this.outbound = false;
        this.connecting = false;
        this.connectTimer = 0;
        this.holds = 0;
        this.firstTicket = -1;
        this.remoteTicketCount = 0;
    }

    /** Returns every buffer to the pool; the slot may then be reused. */
    void release() {
        fd = -1;
        attachment = null;
        in.release();
        out.release();
        replies.reset();
        stash.releaseBlock();
    }

    /** Remembers that shard {@code owner} deferred request {@code seq} under {@code ticket}. */
    void addRemoteTicket(int owner, long ticket, long seq) {
        if (remoteTicketShards == null) {
            remoteTicketShards = new int[4]; // once per slot, for the first deferred remote request it sees
            remoteTicketIds = new long[4];
            remoteTicketSeqs = new long[4];
        } else if (remoteTicketCount == remoteTicketShards.length) {
            int n = remoteTicketCount * 2;
            remoteTicketShards = java.util.Arrays.copyOf(remoteTicketShards, n);
            remoteTicketIds = java.util.Arrays.copyOf(remoteTicketIds, n);
            remoteTicketSeqs = java.util.Arrays.copyOf(remoteTicketSeqs, n);
        }
        remoteTicketShards[remoteTicketCount] = owner;
        remoteTicketIds[remoteTicketCount] = ticket;
        remoteTicketSeqs[remoteTicketCount] = seq;
        remoteTicketCount++;
    }

    /** The reply of request {@code seq} arrived: if another shard had deferred it, forget its ticket. */
    void forgetRemoteTicket(long seq) {
        for (int i = 0; i < remoteTicketCount; i++) {
            if (remoteTicketSeqs[i] == seq) {
                int last = --remoteTicketCount;
                remoteTicketShards[i] = remoteTicketShards[last];
                remoteTicketIds[i] = remoteTicketIds[last];
                remoteTicketSeqs[i] = remoteTicketSeqs[last];
                return;
            }
        }
    }

    /** Closed, but the I/O engine still has operations on its buffers (see ConnectionTable.hold). */
    boolean heldByEngine;

    boolean isOpen() {
        return fd >= 0;
    }

    /**
     * Whether every reply still owed has been sent: every command read so far has been answered,
     * or, after the peer's stream ended, every one ahead of the first ticket that died with it.
     */
    boolean isQuiet() {
        return out.size() == 0 && (replies.inFlight() == 0 || replies.releasedSeq() >= deadFrom);
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public int shard() {
        return shard;
    }

    @Override
    public long handle() {
        return token;
    }

    @Override
    public boolean isRemote() {
        return false;
    }

    @Override
    public boolean isOutbound() {
        return outbound;
    }

    @Override
    public long openedMillis() {
        return openedMillis;
    }

    @Override
    public Object attachment() {
        return attachment;
    }

    @Override
    public void attach(Object state) {
        attachment = state;
    }

    @Override
    public boolean isAuthenticated() {
        return authenticated;
    }

    @Override
    public void setAuthenticated(boolean authenticated) {
        this.authenticated = authenticated;
        decoder.setAuthenticated(authenticated);
    }

    @Override
    public void closeAfterReply() {
        closing = true;
    }
}
