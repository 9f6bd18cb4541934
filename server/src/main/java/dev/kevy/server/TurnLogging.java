package dev.kevy.server;

import dev.kevy.io.CommandHandler;
import dev.kevy.io.codec.Request;
import dev.kevy.server.command.Cmd;
import dev.kevy.server.command.CommandSpec;
import dev.kevy.server.persist.ShardLog;

/**
 * An atomic turn's side of the append-only log, on its coordinator while every shard stands
 * still: each shard's part of an atomic command is logged as the values of the keys it changed
 * there (SWAPDB as itself), all of them committed at once under the log's turn lock, and under
 * {@code appendfsync always} the turn's replies wait until every part is durable. A shard that
 * does not log (the log is off, or being turned on and this shard has not reached its cut) is
 * skipped: the base of the turn-on holds what the command did there.
 */
final class TurnLogging {

    private TurnLogging() {}

    /** An atomic command is about to run across {@code shards}: each keeps the keys it changes. */
    static void atomicStarted(CommandHandler[] shards) {
        for (CommandHandler h : shards) {
            Durability d = ((ShardHandler) h).durability;
            if (d.log != null) { // every shard, or (while a turn-on's cut goes round) those past their cut
                d.capture(true);
            }
        }
    }

    /**
     * The atomic command ran: each shard logs the values of the keys it changed there; SWAPDB,
     * which changes whole databases, is logged as itself on every shard.
     */
    static void atomicEnded(CommandHandler[] shards, CommandSpec spec, Request c, long now) {
        for (CommandHandler h : shards) {
            ShardHandler shard = (ShardHandler) h;
            if (shard.durability.log == null) {
                continue; // not past its turn-on cut: the base holds what the command did here
            }
            if (spec.id() == Cmd.SWAPDB) {
                shard.durability.capture(false);
                shard.durability.log.command(Routing.db(c.tag()), now, c);
            } else {
                shard.durability.logTouched(shard.databases, now);
            }
        }
    }

    /**
     * The coordinator starts a turn: records of every shard go in while the writer cannot take
     * them. Shards normally share one log; while one log replaces another (a turn-off followed by
     * a turn-on, a failed log's replacement) they may write to two, and each is locked once.
     */
    static void turnStarted(CommandHandler[] shards) {
        boolean logging = false;
        for (int s = 0; s < shards.length; s++) {
            ShardLog log = log(shards, s);
            if (log != null && firstOn(shards, log) == s) {
                log.shared().lockTurn();
            }
            logging |= log != null;
        }
        if (logging) {
            for (CommandHandler h : shards) {
                ((ShardHandler) h).durability.inTurn = true;
            }
        }
    }

    /**
     * The turn is over: commit every shard's records at once, release each log's turn lock; under
     * {@code always}, wait until every shard's part is durable in its log.
     */
    static void turnEnded(CommandHandler[] shards) {
        Durability coordinator = ((ShardHandler) shards[0]).durability;
        if (coordinator.turnSequences == null) {
            coordinator.turnSequences = new long[shards.length];
        }
        long[] sequences = coordinator.turnSequences;
        for (int s = 0; s < shards.length; s++) {
            Durability d = ((ShardHandler) shards[s]).durability;
            d.inTurn = false;
            if (d.log != null) {
                d.log.commit();
                sequences[s] = d.log.pendingSequence();
            }
        }
        for (int s = 0; s < shards.length; s++) {
            ShardLog log = log(shards, s);
            if (log != null && firstOn(shards, log) == s) {
                log.shared().unlockTurn();
            }
        }
        for (int s = 0; s < shards.length; s++) {
            ShardLog log = log(shards, s);
            if (log != null) {
                log.shared().awaitDurable(s, sequences[s]); // returns at once unless appendfsync is always
            }
        }
    }

    private static ShardLog log(CommandHandler[] shards, int s) {
        return ((ShardHandler) shards[s]).durability.log;
    }

    /** The first shard whose log is the one {@code log} belongs to. */
    private static int firstOn(CommandHandler[] shards, ShardLog log) {
        for (int s = 0; ; s++) {
            ShardLog other = log(shards, s);
            if (other != null && other.shared() == log.shared()) {
                return s;
            }
        }
    }
}
