package dev.kevy.io.shard;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One shard's counters. The shard thread increments plain fields; {@link #publish()} copies them
 * with opaque stores into an array other threads read (INFO, tests), once per tick and at exit.
 * Readers see each counter at most one tick old (counters of one snapshot may come from adjacent
 * ticks), and the hot path pays no ordered store and allocates nothing.
 */
public final class ShardStats {

    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);

    /** Indices into {@link #snapshot()}. */
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
    /** Number of counters. */
    public static final int COUNT = 15;

    long commands;
    long forwarded;
    long executedForPeers;
    long accepted;
    long connections;
    long rejected;
    long parks;
    long wakes;
    long iterations;
    long backlogTargets;
    long poolBlocksOut;
    long poolBytesOut;
    long spinSuspensions;
    long atomicTurns;
    long freezes;

    private final long[] published = new long[COUNT];

    /** Copies the counters for readers on other threads; shard thread only. */
    void publish() {
        put(COMMANDS, commands);
        put(FORWARDED, forwarded);
        put(EXECUTED_FOR_PEERS, executedForPeers);
        put(ACCEPTED, accepted);
        put(CONNECTIONS, connections);
        put(REJECTED, rejected);
        put(PARKS, parks);
        put(WAKES, wakes);
        put(ITERATIONS, iterations);
        put(BACKLOG_TARGETS, backlogTargets);
        put(POOL_BLOCKS_OUT, poolBlocksOut);
        put(POOL_BYTES_OUT, poolBytesOut);
        put(SPIN_SUSPENSIONS, spinSuspensions);
        put(ATOMIC_TURNS, atomicTurns);
        put(FREEZES, freezes);
    }

    private void put(int index, long value) {
        // Opaque: no ordering needed between counters; pairs with the opaque load in get().
        SLOT.setOpaque(published, index, value);
    }

    /** Counter {@code index} as of the shard's last publish; any thread. */
    public long get(int index) {
        // Opaque: pairs with the opaque store in put(); a counter is never torn.
        return (long) SLOT.getOpaque(published, index);
    }
}
