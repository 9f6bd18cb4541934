package dev.kevy.io.shard;

import dev.kevy.io.RuntimeConfig;
import dev.kevy.io.poll.Poller;
import dev.kevy.rt.mesh.MeshPort;
import dev.kevy.sys.Errno;
import dev.kevy.sys.Posix;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A shard's listening sockets, one per listener (or none, for the other shards in single-acceptor
 * mode): their registration in the poller, accepting on them, handing connections to other shards
 * in single-acceptor mode, muting them after a failed accept, and closing them.
 *
 * <p>Listener {@code l}'s socket is registered with token {@link #TOKEN}{@code - l}: connection
 * tokens are never negative and the wake's is {@link Poller#WAKE_TOKEN}, above it.
 */
final class Acceptor {

    /** Token of listener 0's socket in the poller; listener {@code l}'s is this minus {@code l}. */
    static final long TOKEN = -16L;

    private final int me;
    private final int shards;
    private final Poller poller;
    private final MeshPort port;
    /** This shard's socket on each listener, or -1 (none, or closed). */
    private final int[] fds;
    private final boolean singleAcceptor;
    private final int[] handoff;
    private final MemorySegment handoffRecord;
    private int nextTarget;
    private boolean muted;

    Acceptor(int me, RuntimeConfig config, Poller poller, MeshPort port, int[] fds, Arena arena) {
        this.me = me;
        this.shards = config.shards();
        this.poller = poller;
        this.port = port;
        this.fds = fds;
        this.singleAcceptor = config.acceptMode() == RuntimeConfig.AcceptMode.SINGLE_ACCEPTOR && shards > 1;
        this.handoff = singleAcceptor ? new int[1] : null;
        this.handoffRecord = arena.allocate(2 * Integer.BYTES);
    }

    /** Registers every socket for readability. */
    void register() {
        for (int l = 0; l < fds.length; l++) {
            if (fds[l] >= 0) {
                int r = poller.add(fds[l], TOKEN - l, Poller.READ);
                if (r < 0) {
                    throw new IllegalStateException("registering listener " + l + ": " + Errno.name(r));
                }
            }
        }
    }

    /** Whether a poller token is a listening socket's. */
    static boolean isListener(long token) {
        return token <= TOKEN;
    }

    /**
     * Accepts what is pending on the socket of {@code token}: adopted here or, in single-acceptor
     * mode, dealt to the shards in turn. Returns the work done.
     */
    int accept(long token, Connections io, Service[] services) {
        int l = (int) (TOKEN - token);
        Service service = services[l];
        int work = 0;
        if (!singleAcceptor) {
            work = io.acceptAll(fds[l], service, null);
        } else {
            while (io.acceptAll(fds[l], service, handoff) > 0 && !io.acceptFailed) {
                work++;
                int target = nextTarget;
                nextTarget = (nextTarget + 1) % shards;
                if (target == me) {
                    io.adopt(handoff[0], service);
                } else {
                    handoffRecord.set(ValueLayout.JAVA_INT, 0, handoff[0]);
                    handoffRecord.set(ValueLayout.JAVA_INT, Integer.BYTES, l);
                    port.offer(target, Records.HANDOFF, handoffRecord, 0, 2 * Integer.BYTES);
                }
            }
        }
        if (io.acceptFailed) {
            // Out of descriptors or memory: stop listening until the next tick. A listener is
            // level-triggered and would otherwise report the same pending connection on every
            // iteration, spinning the shard and the log.
            io.acceptFailed = false;
            muted = setInterest(0);
        }
        return work;
    }

    /** The tick: listens again after a failed accept muted the sockets. */
    void unmuteOnTick() {
        if (muted) {
            muted = !setInterest(Poller.READ);
        }
    }

    /** Sets the poller interest of every socket; returns whether all took it. */
    private boolean setInterest(int interest) {
        boolean all = true;
        for (int l = 0; l < fds.length; l++) {
            if (fds[l] >= 0) {
                all &= poller.modify(fds[l], TOKEN - l, interest) == 0;
            }
        }
        return all;
    }

    /** Closes every socket (shutdown: accept no more). Idempotent. */
    void close() {
        for (int l = 0; l < fds.length; l++) {
            if (fds[l] >= 0) {
                Posix.close(fds[l]);
                fds[l] = -1;
            }
        }
    }
}
