package dev.kevy.server;

import dev.kevy.io.ShardContext;
import dev.kevy.io.resp.RespWriter;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.server.command.Replies;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * The client's half of the blocking commands, on the shard where the blocked connection lives:
 * one <em>waiter</em> per blocked command, holding the deferred reply's ticket (taken with
 * {@code hold}, so the connection runs nothing after it until it is answered), its timeout timer,
 * and the owner shards that hold a registration for it.
 *
 * <p>A waiter's life: {@link #BLOCKED} until the first {@code SERVED} answer (written to the
 * client at once; every other owner is cancelled), until its timeout or CLIENT UNBLOCK
 * ({@link #ENDING}: every owner is cancelled and the nil or error reply waits for their answers,
 * because one of them may have served it meanwhile, and then the elements win), or until its
 * client leaves ({@link #DEAD}). It is freed when every owner has answered; elements that reach a
 * waiter that cannot take them go back to their owner ({@code RESTORE}).
 */
final class BlockedClients {
    static final int FREE = 0;
    static final int BLOCKED = 1;
    static final int ENDING = 2;
    static final int ANSWERED = 3;
    static final int DEAD = 4;
    /** {@link #ticket} of a waiter whose owners are being asked for the first time, in the command's own execution. */
    private static final long PROBING = -2;
    private static final byte[] UNBLOCKED = Replies.bytes("-UNBLOCKED client unblocked via CLIENT UNBLOCK\r\n");

    private final BlockingCommands hub;
    private final ShardContext context;
    private final ScoreText scores = new ScoreText();
    private final BlockPayload cancel = new BlockPayload();

    private int[] generation = new int[16];
    private int[] state = new int[16];
    private long[] ticket = new long[16];
    private long[] timer = new long[16];
    private long[] sessionId = new long[16];
    private Client[] client = new Client[16];
    private int[] kind = new int[16];
    /** Owners asked that have not answered and were not cancelled (a bit per shard). */
    private long[] owners = new long[16];
    /** Owners cancelled whose answer (RELEASED, or a SERVED already on its way) has not come yet. */
    private int[] pendingReleases = new int[16];
    private boolean[] unblockError = new boolean[16];
    private int[] free = new int[16];
    private int freeCount;
    private int created;
    private int blocked;
    /** Where the first owner's answer goes while the command itself runs ({@link #PROBING}). */
    private OutputBuffer probeOut;
    /** Holds a reply served here until the pop it carries is durable ({@code appendfsync always}). */
    private final Durability durability;

    BlockedClients(BlockingCommands hub, ShardContext context, Durability durability) {
        this.durability = durability;
        this.hub = hub;
        this.context = context;
    }

    /** Clients blocked on this shard now (INFO's {@code blocked_clients}). */
    int blocked() {
        return blocked;
    }

    /**
     * A new waiter for the command being executed: its owners are asked next ({@link #asking}),
     * and an answer that comes during that goes straight into {@code out}.
     */
    long open(Client cl, long session, int commandKind, OutputBuffer out) {
        int slot;
        if (freeCount > 0) {
            slot = free[--freeCount];
        } else {
            if (created == state.length) {
                grow();
            }
            slot = created++;
        }
        generation[slot] = (generation[slot] + 1) & Integer.MAX_VALUE;
        state[slot] = BLOCKED;
        ticket[slot] = PROBING;
        timer[slot] = -1;
        sessionId[slot] = session;
        client[slot] = cl;
        kind[slot] = commandKind;
        owners[slot] = 0;
        pendingReleases[slot] = 0;
        unblockError[slot] = false;
        probeOut = out;
        return (long) generation[slot] << 32 | slot;
    }

    /**
     * The owners have been asked. Returns whether the command was answered meanwhile (its reply is
     * written); otherwise the reply is deferred from here on, and a timeout, if any, starts.
     */
    boolean afterProbe(long waiter, long deadlineMillis) {
        int slot = (int) waiter;
        probeOut = null;
        if (state[slot] != BLOCKED) {
            settle(slot);
            return true;
        }
        ticket[slot] = context.deferReply(true);
        blocked++;
        if (client[slot] != null) {
            client[slot].blockedOn = waiter;
        }
        if (deadlineMillis > 0) {
            timer[slot] = context.schedule(deadlineMillis, waiter);
        }
        return false;
    }

    /**
     * After {@link BlockingCommands#runNonBlocking} asked this shard's owner: the reply was written
     * if a key was ready; otherwise the timeout's nil is written now.
     */
    void afterNonBlocking(long waiter, OutputBuffer out) {
        int slot = (int) waiter;
        probeOut = null;
        if (state[slot] == BLOCKED) {
            if (kind[slot] == BlockingCommands.MOVE) {
                RespWriter.nullBulk(out);
            } else {
                RespWriter.nullArray(out);
            }
            finish(slot, ANSWERED);
        }
        settle(slot);
    }

    /** The slot of a waiter still in use, or -1. */
    private int slotOf(long waiter) {
        int slot = (int) waiter;
        return slot >= 0 && slot < created && state[slot] != FREE && generation[slot] == (int) (waiter >>> 32) ? slot : -1;
    }

    /** Whether an owner on this shard may pop elements for {@code waiter}: it waits, and its client is there. */
    boolean canTake(long waiter) {
        int slot = slotOf(waiter);
        return slot >= 0 && (state[slot] == BLOCKED || state[slot] == ENDING)
                && (ticket[slot] == PROBING || context.isLive(ticket[slot]));
    }

    // ---- owners' answers ------------------------------------------------------------------------

    /** SERVED from {@code owner}: the first answer is the client's reply; any other goes back. */
    void onServed(int owner, MemorySegment p, long base, long length) {
        long waiter = BlockPayload.getLong(p, base);
        int slot = slotOf(waiter);
        if (slot < 0) {
            hub.restore(owner, p, base, length);
            return;
        }
        answered(slot, owner);
        OutputBuffer out = null;
        boolean here = owner == context.shard(); // served by this shard: its reply waits for the pop's record
        if (state[slot] == BLOCKED || state[slot] == ENDING) {
            out = ticket[slot] == PROBING ? probeOut
                    : here ? durability.beginHeld(ticket[slot], client[slot] == null ? -1 : client[slot].resp3 ? RespWriter.RESP3 : 2)
                    : beginReply(slot);
            if (out == null) {
                die(slot);
            }
        }
        if (out == null) {
            hub.restore(owner, p, base, length);
        } else {
            write(out, p, base);
            if (ticket[slot] != PROBING) {
                if (here) {
                    durability.endHeld(ticket[slot]);
                } else {
                    context.endReply(ticket[slot]);
                }
            }
            finish(slot, ANSWERED);
        }
        settle(slot);
    }

    /** RELEASED from {@code owner}: it took its registration back after a cancel (or found its client gone). */
    void onReleased(int owner, long waiter) {
        int slot = slotOf(waiter);
        if (slot >= 0) {
            answered(slot, owner);
            settle(slot);
        }
    }

    /** Counts {@code owner}'s one answer: it was either still asked, or cancelled and awaited. */
    private void answered(int slot, int owner) {
        long bit = 1L << owner;
        if ((owners[slot] & bit) != 0) {
            owners[slot] &= ~bit;
        } else {
            pendingReleases[slot]--;
        }
    }

    /** Once every owner answered: a wait that ended without elements gets its nil or error; a finished waiter is freed. */
    private void settle(int slot) {
        if (owners[slot] != 0 || pendingReleases[slot] > 0) {
            return;
        }
        if (state[slot] == ENDING) {
            endWithoutElements(slot);
        }
        if (state[slot] == ANSWERED || state[slot] == DEAD) {
            state[slot] = FREE;
            client[slot] = null;
            pendingReleases[slot] = 0;
            free[freeCount++] = slot;
        }
    }

    /**
     * About to ask {@code shard} for {@code waiter}: false (ask nobody more) once the waiter was
     * answered by an owner asked before.
     */
    boolean asking(long waiter, int shard) {
        int slot = (int) waiter;
        if (state[slot] != BLOCKED) {
            return false;
        }
        owners[slot] |= 1L << shard;
        return true;
    }

    // ---- the end of a wait ------------------------------------------------------------------------

    /** The timer of {@code waiter} fired: cancel its registrations; nil follows once they are back. */
    void onTimeout(long waiter) {
        int slot = slotOf(waiter);
        if (slot >= 0 && state[slot] == BLOCKED) {
            timer[slot] = -1;
            end(slot, false);
        }
    }

    /** CLIENT UNBLOCK of client {@code id} on this shard: 1 if it was blocked, else 0. */
    int unblock(long id, boolean error) {
        for (int slot = 0; slot < created; slot++) {
            if (state[slot] == BLOCKED && sessionId[slot] == id && ticket[slot] != PROBING) {
                end(slot, error);
                return 1;
            }
        }
        return 0;
    }

    /** A ticket died (its client left): its waiter is cancelled everywhere. */
    void onTicketDead(long deadTicket) {
        for (int slot = 0; slot < created; slot++) {
            if (state[slot] != FREE && ticket[slot] == deadTicket) {
                if (state[slot] == BLOCKED || state[slot] == ENDING) {
                    die(slot);
                }
                settle(slot);
                return;
            }
        }
    }

    private void end(int slot, boolean error) {
        unblockError[slot] = error;
        state[slot] = ENDING;
        cancelOwners(slot);
        settle(slot);
    }

    private void endWithoutElements(int slot) {
        OutputBuffer out = beginReply(slot);
        if (out != null) {
            if (unblockError[slot]) {
                out.writeBytes(UNBLOCKED);
            } else {
                RespWriter.nullArray(out); // Redis times every blocking command out with a null array
            }
            context.endReply(ticket[slot]);
        }
        finish(slot, ANSWERED);
    }

    private void die(int slot) {
        finish(slot, DEAD);
        cancelOwners(slot);
    }

    /** Leaves the blocked state: the timer goes, and the client no longer shows as blocked. */
    private void finish(int slot, int newState) {
        if (state[slot] == BLOCKED || state[slot] == ENDING) {
            if (ticket[slot] != PROBING) {
                blocked--;
            }
            if (client[slot] != null && client[slot].blockedOn == ((long) generation[slot] << 32 | slot)) {
                client[slot].blockedOn = -1;
            }
        }
        if (timer[slot] >= 0) {
            context.cancelTimer(timer[slot]);
            timer[slot] = -1;
        }
        state[slot] = newState;
        if (newState == ANSWERED) {
            cancelOwners(slot);
        }
    }

    /** Sends CANCEL to every owner that has not answered yet; each answers with RELEASED or has a SERVED on the way. */
    private void cancelOwners(int slot) {
        long waiter = (long) generation[slot] << 32 | slot;
        long pending = owners[slot];
        owners[slot] = 0;
        pendingReleases[slot] += Long.bitCount(pending);
        while (pending != 0) {
            int shard = Long.numberOfTrailingZeros(pending);
            pending &= pending - 1;
            cancel.clear();
            cancel.putLong(waiter);
            hub.send(shard, BlockingCommands.CANCEL, cancel);
        }
    }

    // ---- replies --------------------------------------------------------------------------------

    /** Writes the reply a SERVED message carries, in the shape of the waiter's command. */
    /** The waiter's deferred reply, in its client's protocol; {@code null} once its client has gone. */
    private OutputBuffer beginReply(int slot) {
        OutputBuffer out = context.beginReply(ticket[slot]);
        if (out != null && client[slot] != null) {
            out.dialect(client[slot].resp3 ? RespWriter.RESP3 : 2);
        }
        return out;
    }

    private void write(OutputBuffer out, MemorySegment p, long base) {
        int status = BlockPayload.getInt(p, base + 8);
        if (status == BlockServing.STATUS_WRONG_TYPE) {
            out.writeBytes(Replies.WRONG_TYPE);
            return;
        }
        int k = BlockPayload.getInt(p, base + 12);
        int keyLength = BlockPayload.getInt(p, base + 24);
        long keyAt = base + 28;
        long at = keyAt + keyLength;
        int n = BlockPayload.getInt(p, at);
        at += 4;
        switch (k) {
            case BlockingCommands.MOVE -> RespWriter.bulk(out, p, at + 4, BlockPayload.getInt(p, at));
            case BlockingCommands.POP -> {
                RespWriter.arrayHeader(out, 2);
                RespWriter.bulk(out, p, keyAt, keyLength);
                RespWriter.bulk(out, p, at + 4, BlockPayload.getInt(p, at));
            }
            case BlockingCommands.ZPOP -> {
                RespWriter.arrayHeader(out, 3);
                RespWriter.bulk(out, p, keyAt, keyLength);
                int length = BlockPayload.getInt(p, at);
                RespWriter.bulk(out, p, at + 4, length);
                scores.write(out, BlockPayload.getDouble(p, at + 4 + length));
            }
            default -> { // BLMPOP, BZMPOP: [key, [elements]] or [key, [[member, score]...]]
                boolean zset = k == BlockingCommands.ZMPOP;
                RespWriter.arrayHeader(out, 2);
                RespWriter.bulk(out, p, keyAt, keyLength);
                RespWriter.arrayHeader(out, n);
                for (int i = 0; i < n; i++) {
                    int length = BlockPayload.getInt(p, at);
                    if (zset) {
                        RespWriter.arrayHeader(out, 2);
                    }
                    RespWriter.bulk(out, p, at + 4, length);
                    at += 4 + length;
                    if (zset) {
                        scores.write(out, BlockPayload.getDouble(p, at));
                        at += Double.BYTES;
                    }
                }
            }
        }
    }

    private void grow() {
        int n = state.length * 2;
        generation = Arrays.copyOf(generation, n);
        state = Arrays.copyOf(state, n);
        ticket = Arrays.copyOf(ticket, n);
        timer = Arrays.copyOf(timer, n);
        sessionId = Arrays.copyOf(sessionId, n);
        client = Arrays.copyOf(client, n);
        kind = Arrays.copyOf(kind, n);
        owners = Arrays.copyOf(owners, n);
        unblockError = Arrays.copyOf(unblockError, n);
        pendingReleases = Arrays.copyOf(pendingReleases, n);
        free = Arrays.copyOf(free, n);
    }

    void close() {
        cancel.close();
    }
}
