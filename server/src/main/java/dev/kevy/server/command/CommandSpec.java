package dev.kevy.server.command;

import java.nio.charset.StandardCharsets;

/**
 * What the server knows about a command before running it: its name, arity (Redis's convention:
 * {@code n > 0} exactly n arguments including the name, {@code -n} at least n), where its keys are,
 * how it routes, and the pre-encoded arity error, so rejecting a bad call allocates nothing.
 *
 * @param id       the number the executor switches on ({@link Cmd})
 * @param name     lower-case name, as Redis reports it
 * @param arity    Redis arity
 * @param flags    {@link #WRITE}, {@link #DENYOOM}, {@link #NO_AUTH}, {@link #ALL_SHARDS}, {@link #CONNECTION}, ...
 * @param firstKey index of the first key argument, 0 when there is none; a {@link #WRITE} command
 *                 whose keys are 1 to 1 must change no key but that one (a running snapshot
 *                 saves only that key's value before such a command: {@code ShardSnapshot})
 * @param lastKey  index of the last key argument, negative counts from the end (-1: the last)
 * @param keyStep  distance between key arguments (2 for MSET's key-value pairs)
 */
public record CommandSpec(int id, String name, int arity, int flags, int firstKey, int lastKey, int keyStep,
                          byte[] nameBytes, byte[] arityError) {

    /** Modifies the keyspace. */
    public static final int WRITE = 1;
    /** Allowed before AUTH. */
    public static final int NO_AUTH = 2;
    /** Runs on every shard, its replies combined (DBSIZE, FLUSHALL, KEYS). */
    public static final int ALL_SHARDS = 4;
    /** Concerns the connection or the server, not a key: runs where the connection lives. */
    public static final int CONNECTION = 8;
    /** Internal (a fan-out part only): not listed by COMMAND. */
    public static final int HIDDEN = 16;
    /** When its keys live on several shards, runs with every shard frozen (RENAME, MSETNX). */
    public static final int ATOMIC = 32;
    /** May grow memory: refused over maxmemory (Redis's {@code denyoom}); DEL and EXPIRE are writes without it. */
    public static final int DENYOOM = 64;
    /**
     * Bounded work for bounded arguments (O(1) in the data, like Redis's {@code fast}): not timed
     * for the slow log unless its threshold is under {@code ShardHandler.FAST_UNTIMED_FLOOR_MICROS}
     * or the request is large, so the common commands read no clock.
     */
    public static final int FAST = 128;

    public static CommandSpec of(int id, String name, int arity, int flags, int firstKey, int lastKey, int keyStep) {
        byte[] nameBytes = name.getBytes(StandardCharsets.US_ASCII);
        byte[] arityError = ("-ERR wrong number of arguments for '" + name + "' command\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        return new CommandSpec(id, name, arity, flags, firstKey, lastKey, keyStep, nameBytes, arityError);
    }

    /** Whether {@code argc} arguments (including the name) satisfy the arity. */
    public boolean arityAccepts(int argc) {
        return arity >= 0 ? argc == arity : argc >= -arity;
    }

    /** The index of the last key for a call with {@code argc} arguments. */
    public int lastKeyIndex(int argc) {
        return lastKey >= 0 ? lastKey : argc + lastKey;
    }

    public boolean hasFlag(int flag) {
        return (flags & flag) != 0;
    }
}
