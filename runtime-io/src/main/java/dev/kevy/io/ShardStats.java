package dev.kevy.io;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One shard's counters, as any thread reads them. The shard thread increments plain fields and
 * copies them with opaque stores into the array behind this view (INFO, metrics, tests read it),
 * once per tick and at exit.
 * Readers see each counter at most one tick old (counters of one snapshot may come from adjacent
 * ticks), and the hot path pays no ordered store and allocates nothing.
 */
public final class ShardStats {

    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);

    /** Indices for {@link #get}. */
    public static final int COMMANDS = 0;
    public static final int FORWARDED = 1;
    public static final int EXECUTED_FOR_PEERS = 2;
    public static final int ACCEPTED = 3;
    public static final int CONNECTIONS = 4;
    public static final int REJECTED = 5;
    public static final int PARKS = 6;
    public static final int WAKES = 7;
    public static final int ITERATIONS = 8;
    public static final int BACKLOG_TARGETS = 9;
    /** Pooled buffer blocks handed out and not yet returned (connections' buffers, scratch areas). */
    public static final int POOL_BLOCKS_OUT = 10;
    /** Bytes of those blocks. */
    public static final int POOL_BYTES_OUT = 11;
    /** Times the shard stopped spinning because other threads kept taking its core. */
    public static final int SPIN_SUSPENSIONS = 12;
    /** Coordinator: freeze turns it held to run atomic commands. */
    public static final int ATOMIC_TURNS = 13;
    /** Participant: times it froze for the coordinator's turn. */
    public static final int FREEZES = 14;
    /** Bytes read from client sockets. */
    public static final int BYTES_READ = 15;
    /** Bytes written to client sockets. */
    public static final int BYTES_WRITTEN = 16;
    /** Gauge: bytes this shard sent to peers that they have not consumed yet (rings and backlogs). */
    public static final int OUTBOUND_BYTES = 17;
    /** Gauge: deferred replies (tickets) open on this shard. */
    public static final int TICKETS_OPEN = 18;
    /** Frames handlers pushed to this shard's connections. */
    public static final int PUSHES = 19;
    /** Messages this shard's handlers sent (to any shard, this one included). */
    public static final int MESSAGES_SENT = 20;
    /** Messages delivered to this shard's handlers. */
    public static final int MESSAGES_RECEIVED = 21;
    /** Messages no handler took (an error was logged for each). */
    public static final int MESSAGES_UNHANDLED = 22;
    /** Handler timers that fired. */
    public static final int TIMERS_FIRED = 23;
    /** Tasks from other threads run on this shard. */
    public static final int TASKS_RUN = 24;
    /** Number of counters. */
    public static final int COUNT = 25;

    private final long[] published;

    /** A view of the counters a shard publishes into {@code published} (the runtime makes these). */
    ShardStats(long[] published) {
        if (published.length != COUNT) {
            throw new IllegalArgumentException("published counters: " + published.length);
        }
        this.published = published;
    }

    /** Counter {@code index} as of the shard's last publish; any thread. */
    public long get(int index) {
        // Opaque: pairs with the opaque store in dev.kevy.io.shard.Counters.publish(); never torn.
        return (long) SLOT.getOpaque(published, index);
    }
}
