package dev.kevy.io.shard;

import dev.kevy.io.ShardStats;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A shard's counters as its own thread keeps them: plain fields, bumped on the hot path, copied to
 * the array behind the shard's {@link ShardStats} by {@link #publish()} once per tick and at exit.
 */
final class Counters {

    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);

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
    long bytesRead;
    long bytesWritten;
    long outboundBytes;
    long ticketsOpen;
    long pushes;
    long messagesSent;
    long messagesReceived;
    long messagesUnhandled;
    long timersFired;
    long tasksRun;

    private final long[] published;

    Counters(long[] published) {
        this.published = published;
    }

    /** Copies the counters for readers on other threads; shard thread only. */
    void publish() {
        put(ShardStats.COMMANDS, commands);
        put(ShardStats.FORWARDED, forwarded);
        put(ShardStats.EXECUTED_FOR_PEERS, executedForPeers);
        put(ShardStats.ACCEPTED, accepted);
        put(ShardStats.CONNECTIONS, connections);
        put(ShardStats.REJECTED, rejected);
        put(ShardStats.PARKS, parks);
        put(ShardStats.WAKES, wakes);
        put(ShardStats.ITERATIONS, iterations);
        put(ShardStats.BACKLOG_TARGETS, backlogTargets);
        put(ShardStats.POOL_BLOCKS_OUT, poolBlocksOut);
        put(ShardStats.POOL_BYTES_OUT, poolBytesOut);
        put(ShardStats.SPIN_SUSPENSIONS, spinSuspensions);
        put(ShardStats.ATOMIC_TURNS, atomicTurns);
        put(ShardStats.FREEZES, freezes);
        put(ShardStats.BYTES_READ, bytesRead);
        put(ShardStats.BYTES_WRITTEN, bytesWritten);
        put(ShardStats.OUTBOUND_BYTES, outboundBytes);
        put(ShardStats.TICKETS_OPEN, ticketsOpen);
        put(ShardStats.PUSHES, pushes);
        put(ShardStats.MESSAGES_SENT, messagesSent);
        put(ShardStats.MESSAGES_RECEIVED, messagesReceived);
        put(ShardStats.MESSAGES_UNHANDLED, messagesUnhandled);
        put(ShardStats.TIMERS_FIRED, timersFired);
        put(ShardStats.TASKS_RUN, tasksRun);
    }

    private void put(int index, long value) {
        // Opaque: no ordering needed between counters; pairs with the opaque load in ShardStats.get().
        SLOT.setOpaque(published, index, value);
    }
}
