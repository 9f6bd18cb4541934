package dev.kevy.server;

import dev.kevy.io.codec.Request;
import dev.kevy.io.resp.RespWriter;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.server.command.Cmd;
import dev.kevy.server.command.Replies;
import dev.kevy.server.command.Subcommands;
import dev.kevy.server.store.AccessTracker;
import dev.kevy.server.store.Keyspace;

/**
 * OBJECT: what the server records about a key rather than its value. Each subcommand is one
 * case of the switch in {@link #object}; routing has already checked its name and arity
 * ({@link Subcommands}) and sent the command to the shard that owns the key (argument 2).
 *
 * <p>The key is looked up without recording an access, as Redis's {@code LOOKUP_NOTOUCH}: asking
 * about a key must not make it look used. A missing key answers nil before any other check.
 * Allocates nothing.
 */
final class ObjectCommands {

    private static final String SWITCHING = " Please note that when switching between policies at runtime LRU and LFU"
            + " data will take some time to adjust.\r\n";
    private static final byte[] FREQUENCY_NOT_TRACKED = Replies.bytes(
            "-ERR An LFU maxmemory policy is not selected, access frequency not tracked." + SWITCHING);
    private static final byte[] IDLE_TIME_NOT_TRACKED = Replies.bytes(
            "-ERR An LFU maxmemory policy is selected, idle time not tracked." + SWITCHING);

    private final Subcommands subcommands = new Subcommands();
    private final Housekeeping housekeeping;
    private final AccessTracker access;

    /** @param access the shard's tracker, which reads the LFU counter with the decay time in force */
    ObjectCommands(Housekeeping housekeeping, AccessTracker access) {
        this.housekeeping = housekeeping;
        this.access = access;
    }

    /** OBJECT subcommand key: runs on the key's owner, in the client's database {@code keyspace}. */
    void object(Keyspace keyspace, Request c, OutputBuffer out, long now) {
        housekeeping.refreshSettings(); // a policy just set answers now, not at the next tick
        Subcommands.Sub sub = subcommands.lookup(Cmd.OBJECT, c);
        if (sub == null) { // routing rejects these; a direct caller gets Redis's reply all the same
            out.writeBytes(Subcommands.unknown(c));
            return;
        }
        switch (sub.name()) {
            case "idletime" -> idletime(keyspace, c, out, now);
            case "freq" -> freq(keyspace, c, out, now);
            default -> out.writeBytes(Subcommands.unknown(c));
        }
    }

    /** OBJECT IDLETIME key: seconds since the key was last read or written, under an LRU (or any non-LFU) policy. */
    private void idletime(Keyspace keyspace, Request c, OutputBuffer out, long now) {
        long entry = keyspace.peek(c.buffer(), c.offset(2), (int) c.length(2), now);
        if (entry == Keyspace.ABSENT) {
            RespWriter.nullBulk(out);
            return;
        }
        if (housekeeping.tracksFrequency()) {
            out.writeBytes(IDLE_TIME_NOT_TRACKED);
            return;
        }
        RespWriter.integer(out, keyspace.idleSeconds(entry, now));
    }

    /** OBJECT FREQ key: the key's logarithmic access counter, after decay, under an LFU policy. */
    private void freq(Keyspace keyspace, Request c, OutputBuffer out, long now) {
        long entry = keyspace.peek(c.buffer(), c.offset(2), (int) c.length(2), now);
        if (entry == Keyspace.ABSENT) {
            RespWriter.nullBulk(out);
            return;
        }
        if (!housekeeping.tracksFrequency()) {
            out.writeBytes(FREQUENCY_NOT_TRACKED);
            return;
        }
        RespWriter.integer(out, access.frequency(keyspace, entry, now));
    }
}
