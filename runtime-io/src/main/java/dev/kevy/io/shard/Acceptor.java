package dev.kevy.io.shard;

import dev.kevy.io.RuntimeConfig;
import dev.kevy.io.engine.IoEngine;
import dev.kevy.rt.mesh.MeshPort;
import dev.kevy.sys.Errno;
import dev.kevy.sys.Posix;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A shard's listening sockets, one per listener (or none, for the other shards in single-acceptor
 * mode): accepting on them through the engine, handing connections to other shards in
 * single-acceptor mode, muting them after a failed accept, and closing them.
 *
 * <p>Listener {@code l}'s socket has token {@link #TOKEN}{@code - l}: connection tokens are never
 * negative and the poller's wake token ({@code Poller.WAKE_TOKEN}, -2) is above it.
 */
final class Acceptor {

    /** Token of listener 0's socket in the engine; listener {@code l}'s is this minus {@code l}. */
    static final long TOKEN = -16L;

    private final int me;
    private final int shards;
    private final IoEngine engine;
    private final MeshPort port;
    private final Connections connections;
    /** This shard's socket on each listener, or -1 (none, or closed). */
    private final int[] fds;
    private final boolean singleAcceptor;
    private final MemorySegment handoffRecord;
    private int nextTarget;
    private boolean muted;

    Acceptor(int me, RuntimeConfig config, IoEngine engine, MeshPort port, Connections connections, int[] fds,
             Arena arena) {
        this.me = me;
        this.shards = config.shards();
        this.engine = engine;
        this.port = port;
        this.connections = connections;
        this.fds = fds;
        this.singleAcceptor = config.acceptMode() == RuntimeConfig.AcceptMode.SINGLE_ACCEPTOR && shards > 1;
        this.handoffRecord = arena.allocate(2 * Integer.BYTES);
    }

    /** Starts accepting on every socket. */
    void register() {
        for (int l = 0; l < fds.length; l++) {
            if (fds[l] >= 0) {
                int r = engine.listen(TOKEN - l, fds[l]);
                if (r < 0) {
                    throw new IllegalStateException("registering listener " + l + ": " + Errno.name(r));
                }
            }
        }
    }

    /** Whether an engine token is a listening socket's. */
    static boolean isListener(long token) {
        return token <= TOKEN;
    }

    /**
     * A socket accepted on the listener of {@code token} ({@code fd}, or {@code -errno}): adopted
     * here or, in single-acceptor mode, dealt to the shards in turn. {@code completion} is its
     * index among the engine's completions. Returns the work done.
     */
    int onAccepted(long token, long fd, int completion, Service[] services) {
        int l = (int) (TOKEN - token);
        if (fd < 0) {
            // Out of descriptors or memory: stop listening until the next tick. A listener would
            // otherwise report the same pending connection on every iteration, spinning the
            // shard and the log.
            ShardLog.warn(me, "accept: " + Errno.name((int) fd) + "; not accepting until the next tick");
            muted = setPaused(true);
            return 1;
        }
        Service service = services[l];
        if (connections.refusedAsRemote((int) fd, service, completion)) {
            return 1;
        }
        connections.accepted((int) fd);
        int target = singleAcceptor ? nextTarget : me;
        nextTarget = (nextTarget + 1) % shards;
        if (target == me) {
            connections.adopt((int) fd, service);
        } else {
            handoffRecord.set(ValueLayout.JAVA_INT, 0, (int) fd);
            handoffRecord.set(ValueLayout.JAVA_INT, Integer.BYTES, l);
            port.offer(target, Records.HANDOFF, handoffRecord, 0, 2 * Integer.BYTES);
        }
        return 1;
    }

    /** The tick: listens again after a failed accept muted the sockets. */
    void unmuteOnTick() {
        if (muted) {
            muted = !setPaused(false);
        }
    }

    /** Pauses or resumes every socket; returns whether all took it. */
    private boolean setPaused(boolean paused) {
        boolean all = true;
        for (int l = 0; l < fds.length; l++) {
            if (fds[l] >= 0) {
                all &= engine.pauseListening(TOKEN - l, fds[l], paused) == 0;
            }
        }
        return all;
    }

    /** Closes every socket (shutdown: accept no more). Idempotent. */
    void close() {
        for (int l = 0; l < fds.length; l++) {
            if (fds[l] >= 0) {
                engine.pauseListening(TOKEN - l, fds[l], true); // a completion engine's accept holds the socket open
                Posix.close(fds[l]);
                fds[l] = -1;
            }
        }
    }
}
