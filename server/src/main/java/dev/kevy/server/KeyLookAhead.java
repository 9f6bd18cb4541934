package dev.kevy.server;

import dev.kevy.io.Session;
import dev.kevy.io.ShardContext;
import dev.kevy.io.codec.Request;
import dev.kevy.server.command.CommandSpec;
import dev.kevy.server.command.CommandTable;
import dev.kevy.server.store.Databases;
import dev.kevy.server.store.Keyspace;
import dev.kevy.server.store.LookAhead;

/**
 * The shard's side of the runtime's look-ahead: for each request of a pipeline window, the slots
 * of its keys that live on this shard start loading ({@link LookAhead}) before the window runs.
 */
final class KeyLookAhead {
    /**
     * Requests of a pipeline whose keys are looked up ahead: 16, where a batch measured fastest at
     * a million keys (8 and 32 were slower). The system property {@code kevy.lookAheadWindow}
     * overrides it (0 turns the look-ahead off) for side-by-side measurements; it is not a server option.
     */
    static final int WINDOW = Integer.getInteger("kevy.lookAheadWindow", 16);
    /** Longer keys are not looked ahead: hashing them twice would cost more than a miss. */
    static final long MAX_KEY = 256;
    /**
     * Fewest keys a database must hold for its lookups to be worth loading ahead. Below, its slots
     * and entries (about 90 bytes a key) fit in the part of the cache this VM keeps a lookup's lines
     * in (a dependent load cost 11 ns within 1 MiB, 113 ns at 8 MiB), so a lookup seldom misses and
     * loading ahead is pure cost: with one hot key ({@code -t lpush -P 16}) it was about a tenth of the
     * server's CPU per request. The system property {@code kevy.lookAheadMinKeys} overrides it.
     */
    static final int MIN_KEYS = Integer.getInteger("kevy.lookAheadMinKeys", 16_384);

    private final ShardContext context;
    private final CommandTable table;
    private final Databases databases;
    private final LookAhead lookAhead = new LookAhead();

    KeyLookAhead(ShardContext context, CommandTable table, Databases databases) {
        this.context = context;
        this.table = table;
        this.databases = databases;
    }

    /**
     * Starts the loads of the slots of the request's keys that live here, in its database if it
     * exists and is large enough for its lookups to miss ({@link #MIN_KEYS}). Returns whether to
     * look further ahead: not while the session's database is small (or the session may not run
     * commands yet), which the runtime then stops asking until the connection reads again.
     */
    boolean add(Request c, Session session) {
        Keyspace keyspace = databases.peek(session.attachment() instanceof Client client ? client.db : 0);
        if (keyspace == null || keyspace.size() < MIN_KEYS || !session.isAuthenticated()) {
            return false;
        }
        CommandSpec spec = table.lookup(c);
        if (spec == null || spec.firstKey() == 0) {
            return true;
        }
        int argc = c.argc();
        int last = Math.min(spec.lastKeyIndex(argc), argc - 1);
        int step = Math.max(1, spec.keyStep());
        for (int i = spec.firstKey(); i <= last && lookAhead.count() < LookAhead.CAPACITY; i += step) {
            if (c.length(i) <= MAX_KEY && HashTags.shardOf(context, c, i) == context.shard()) {
                lookAhead.add(keyspace, c.buffer(), c.offset(i), (int) c.length(i));
            }
        }
        return true;
    }

    /** The end of a window: issue the gathered loads. */
    void finish() {
        lookAhead.finish();
    }
}
