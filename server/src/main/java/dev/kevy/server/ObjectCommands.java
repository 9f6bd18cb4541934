package dev.kevy.server;

import dev.kevy.io.codec.Request;
import dev.kevy.io.resp.RespWriter;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.server.command.Cmd;
import dev.kevy.server.command.Replies;
import dev.kevy.server.command.Subcommands;
import dev.kevy.server.store.AccessTracker;
import dev.kevy.server.store.Decimal;
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

    private static final byte[] LISTPACK = Replies.bytes("$8\r\nlistpack\r\n");
    private static final byte[] HASHTABLE = Replies.bytes("$9\r\nhashtable\r\n");
    private static final byte[] SKIPLIST = Replies.bytes("$8\r\nskiplist\r\n");
    private static final byte[] INTSET = Replies.bytes("$6\r\nintset\r\n");
    private static final byte[] INT = Replies.bytes("$3\r\nint\r\n");
    private static final byte[] EMBSTR = Replies.bytes("$6\r\nembstr\r\n");
    private static final byte[] QUICKLIST = Replies.bytes("$9\r\nquicklist\r\n");
    private static final byte[] RAW = Replies.bytes("$3\r\nraw\r\n");
    /** Redis's refcount of a shared object (OBJ_SHARED_REFCOUNT): the integers 0 to 9999. */
    private static final int SHARED_REFCOUNT = Integer.MAX_VALUE;
    private static final int SHARED_INTEGERS = 10_000;
    private static final byte[] HELP = Replies.help(
            "OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "ENCODING <key>",
            "    Return the kind of internal representation used in order to store the value",
            "    associated with a <key>.",
            "FREQ <key>",
            "    Return the access frequency index of the <key>. The returned integer is",
            "    proportional to the logarithm of the recent access frequency of the key.",
            "IDLETIME <key>",
            "    Return the idle time of the <key>, that is the approximated number of",
            "    seconds elapsed since the last access to the key.",
            "REFCOUNT <key>",
            "    Return the number of references of the value associated with the specified",
            "    <key>.",
            "HELP",
            "    Prints this help.");

    private final Subcommands subcommands = new Subcommands();
    private final Housekeeping housekeeping;
    private final AccessTracker access;
    private final LiveSettings settings;

    /** @param access the shard's tracker, which reads the LFU counter with the decay time in force */
    ObjectCommands(Housekeeping housekeeping, AccessTracker access, LiveSettings settings) {
        this.housekeeping = housekeeping;
        this.access = access;
        this.settings = settings;
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
            case "encoding" -> encoding(keyspace, c, out, now);
            case "refcount" -> refcount(keyspace, c, out, now);
            case "help" -> out.writeBytes(HELP);
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

    /** OBJECT ENCODING key: the name Redis gives the value's representation. */
    private static void encoding(Keyspace keyspace, Request c, OutputBuffer out, long now) {
        long entry = keyspace.peek(c.buffer(), c.offset(2), (int) c.length(2), now);
        if (entry == Keyspace.ABSENT) {
            RespWriter.nullBulk(out);
            return;
        }
        out.writeBytes(switch (keyspace.encodingName(entry)) {
            case "listpack" -> LISTPACK;
            case "hashtable" -> HASHTABLE;
            case "skiplist" -> SKIPLIST;
            case "intset" -> INTSET;
            case "int" -> INT;
            case "embstr" -> EMBSTR;
            case "quicklist" -> QUICKLIST;
            default -> RAW;
        });
    }

    /**
     * OBJECT REFCOUNT key: 1, except where Redis would have stored one of its shared integers
     * (0 to 9999 as an int-encoded string, while maxmemory is off or its policy is neither LRU nor
     * LFU): kevy shares nothing, but answers what Redis's clients see.
     */
    private void refcount(Keyspace keyspace, Request c, OutputBuffer out, long now) {
        long entry = keyspace.peek(c.buffer(), c.offset(2), (int) c.length(2), now);
        if (entry == Keyspace.ABSENT) {
            RespWriter.nullBulk(out);
            return;
        }
        boolean shared = false;
        if (keyspace.type(entry) == Keyspace.TYPE_STRING && "int".equals(keyspace.encodingName(entry))) {
            long v = Decimal.value(keyspace.segment(entry), keyspace.valueOffset(entry), keyspace.valueLength(entry));
            String policy = settings.eviction().policy().redisName();
            boolean sharing = settings.maxMemory() == 0 || !(policy.endsWith("lru") || policy.endsWith("lfu"));
            shared = sharing && v >= 0 && v < SHARED_INTEGERS;
        }
        RespWriter.integer(out, shared ? SHARED_REFCOUNT : 1);
    }
}
