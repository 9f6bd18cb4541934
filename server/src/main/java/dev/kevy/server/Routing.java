package dev.kevy.server;

import dev.kevy.io.CommandHandler;
import dev.kevy.io.FanOut;
import dev.kevy.io.Reducer;
import dev.kevy.io.resp.RespReducers;
import dev.kevy.io.Session;
import dev.kevy.io.ShardContext;
import dev.kevy.io.codec.Request;
import dev.kevy.io.resp.RespWriter;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.server.command.Cmd;
import dev.kevy.server.command.CommandSpec;
import dev.kevy.server.command.CommandTable;
import dev.kevy.server.command.Replies;
import dev.kevy.server.command.Subcommands;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where each command runs, the checks that reject it before it runs, and how multi-shard
 * commands split. Nothing here allocates for keyed commands.
 */
final class Routing {

    private static final byte[] GETPART = Replies.bytes("KEVY.GETPART");
    private static final byte[] MSET = Replies.bytes("MSET");
    private static final byte[] DEL = Replies.bytes("DEL");
    private static final byte[] EXISTS = Replies.bytes("EXISTS");
    private static final byte[] TOUCH = Replies.bytes("TOUCH");
    private static final byte[] SHARDINFO = Replies.bytes("KEVY.SHARDINFO");
    private static final byte[] LIST = Replies.bytes("LIST");
    private static final byte[] KILL = Replies.bytes("KILL");
    private static final byte[] UNBLOCK = Replies.bytes("UNBLOCK");
    private static final byte[] RESETSTAT = Replies.bytes("RESETSTAT");
    private static final byte[] HELP = Replies.bytes("HELP");
    private static final byte[] USAGE = Replies.bytes("USAGE");
    private static final byte[] CLIENTKILL = Replies.bytes("KEVY.CLIENTKILL");

    /** RANDOMKEY across shards: a key from a shard chosen at random among those that have one. */
    static final Reducer RANDOM_KEY = (parts, reply) -> {
        int nonEmpty = 0;
        for (int i = 0; i < parts.count(); i++) {
            nonEmpty += isNil(parts, i) ? 0 : 1;
        }
        if (nonEmpty == 0) { // a part's nil is written in the client's protocol
            reply.writeBytes(parts.segment(), parts.offset(0), parts.length(0));
            return;
        }
        int pick = ThreadLocalRandom.current().nextInt(nonEmpty);
        for (int i = 0; i < parts.count(); i++) {
            if (!isNil(parts, i) && pick-- == 0) {
                reply.writeBytes(parts.segment(), parts.offset(i), parts.length(i));
                return;
            }
        }
    };

    /** {@link Request#tag()} of a request nobody looked up and checked (a fresh decode) or that failed a check. */
    static final int UNCHECKED = 0;
    private static final int DB_SHIFT = 16;
    /** The tag bit of a client that speaks RESP3 ({@code HELLO 3}). */
    private static final int RESP3 = 1 << 15;
    private static final int ID_MASK = RESP3 - 1;
    private static final byte[] SCANPART = Replies.bytes("KEVY.SCANPART");

    private final ShardContext context;
    private final CommandTable table;
    private final LiveSettings settings;
    private final Subcommands subcommands = new Subcommands();
    private final ScanReducer scanReducer;

    Routing(ShardContext context, CommandTable table, LiveSettings settings) {
        this.context = context;
        this.table = table;
        this.settings = settings;
        this.scanReducer = new ScanReducer(context.shards());
    }

    /**
     * The tag of a checked request: the command's id in the low 15 bits, whether the client speaks
     * RESP3 in bit 15, the client's selected database in the high 16. The tag travels with the
     * request (to the key's owner, into the atomic queue, with each fan-out part), so the shard
     * that runs it acts on the client's database, and answers in the client's protocol, without
     * seeing the client.
     */
    static int tag(int id, int db, boolean resp3) {
        return id | (resp3 ? RESP3 : 0) | db << DB_SHIFT;
    }

    /** The tag of a part of the command tagged {@code tag}: command {@code id}, the same database and protocol. */
    static int partTag(int id, int tag) {
        return id | (tag & ~ID_MASK);
    }

    /** The {@linkplain OutputBuffer#dialect() dialect} replies to a command tagged {@code tag} are written in. */
    static int dialect(int tag) {
        return (tag & RESP3) != 0 ? RespWriter.RESP3 : 2;
    }

    /** The command id in a tag, 0 for {@link #UNCHECKED}. */
    static int commandId(int tag) {
        return tag & ID_MASK;
    }

    /** The database in a tag (0 for {@link #UNCHECKED}: such a request only gets an error). */
    static int db(int tag) {
        return tag >>> DB_SHIFT;
    }

    /** Whether {@code session}'s client switched to RESP3 with {@code HELLO 3}. */
    static boolean resp3(Session session) {
        return session.attachment() instanceof Client client && client.resp3;
    }

    /**
     * The tag of command {@code id} for {@code session}'s client: its selected database and its
     * protocol (database 0 and RESP2 for a session that is not a client's), one look at the client.
     */
    private static int tagFor(int id, Session session) {
        return session.attachment() instanceof Client client ? tag(id, client.db, client.resp3) : tag(id, 0, false);
    }

    private static boolean isNil(Reducer.Parts parts, int i) {
        byte type = parts.segment().get(java.lang.foreign.ValueLayout.JAVA_BYTE, parts.offset(i));
        return type == '_' || parts.length(i) >= 3 && parts.segment().get(java.lang.foreign.ValueLayout.JAVA_BYTE,
                parts.offset(i) + 1) == '-';
    }

    /**
     * The reply that rejects {@code c} before it runs (arity, authentication, a bad cursor), or
     * {@code null} when it may run. An unknown command is not rejected here (its reply quotes it).
     */
    byte[] check(CommandSpec spec, Request c, Session session) {
        if (spec == null) {
            return null;
        }
        byte[] refused = checkCall(spec, c, session);
        return refused != null ? refused : checkArguments(spec, c);
    }

    /**
     * The checks Redis makes before it runs or queues a command (arity, subcommand, authentication,
     * subscribed mode): a refusal here inside MULTI makes EXEC abort. {@code spec} is not null.
     */
    byte[] checkCall(CommandSpec spec, Request c, Session session) {
        int argc = c.argc();
        if (!spec.arityAccepts(argc) || (spec.keyStep() > 1 && (argc - spec.firstKey()) % spec.keyStep() != 0)) {
            return spec.arityError();
        }
        if (argc >= 2 && subcommands.isContainer(spec.id())) { // Redis checks these before authentication
            Subcommands.Sub sub = subcommands.lookup(spec.id(), c);
            if (sub == null) {
                return Subcommands.unknown(c);
            }
            if (!sub.arityAccepts(argc)) {
                return sub.arityError();
            }
        }
        if (!authorized(spec, session)) {
            return Replies.NOAUTH;
        }
        if (!PubSub.allowedWhileSubscribed(spec.id()) && PubSub.restricted(session)) {
            return PubSub.notAllowed(subcommands.isContainer(spec.id()) && argc >= 2
                    ? spec.name() + "|" + subcommands.lookup(spec.id(), c).name() : spec.name());
        }
        return null;
    }

    /** The command's own argument checks made before routing (a bad cursor): Redis makes them as it runs. */
    private byte[] checkArguments(CommandSpec spec, Request c) {
        switch (spec.id()) {
            case Cmd.SCAN -> {
                return KeyCommands.scanCheck(c);
            }
            case Cmd.SWAPDB -> {
                return KeyCommands.swapdbCheck(c, settings.databases());
            }
            case Cmd.SLOWLOG -> {
                return ServerCommands.slowlogCheck(c);
            }
            case Cmd.CLIENT -> {
                if (c.equalsIgnoreCase(1, KILL)) {
                    return ConnectionCommands.killCheck(c);
                }
                if (c.equalsIgnoreCase(1, UNBLOCK)) {
                    return BlockingCommands.unblockCheck(c);
                }
                return c.equalsIgnoreCase(1, LIST) ? ConnectionCommands.listCheck(c) : null;
            }
            default -> {
                return null;
            }
        }
    }

    private boolean authorized(CommandSpec spec, Session session) {
        return settings.requirePass() == null || session.isAuthenticated() || spec.hasFlag(CommandSpec.NO_AUTH);
    }

    /**
     * Where {@code c} runs ({@link CommandHandler#route}). The command is looked up and checked
     * here, once: an accepted command leaves its id in {@link Request#tag()}, and the shard that
     * runs it (this one, its key's owner, or the coordinator's atomic queue, where the tag travels
     * with the request) takes the spec from there without a second lookup or check.
     *
     * <p>The session checks (authentication) made here hold where it runs: it runs at once with
     * this same session, or elsewhere with a remote session, which has no authentication of its
     * own; a command the runtime holds back is routed again before it runs. A command that is
     * unknown or fails a check is untagged (0) and answered where the connection lives, where
     * {@code execute} looks it up again to write Redis's exact error (a cold path).
     */
    int route(Request c, Session session) {
        CommandSpec spec = table.lookup(c);
        if (spec == null || check(spec, c, session) != null) {
            c.tag(UNCHECKED);
            return CommandHandler.HERE; // answered where the connection lives
        }
        c.tag(tagFor(spec.id(), session)); // ids start at 1, so a tag is never UNCHECKED
        int shards = context.shards();
        switch (spec.id()) {
            case Cmd.INFO -> {
                return CommandHandler.FAN_OUT; // even with one shard: the reducer writes the reply
            }
            case Cmd.SLOWLOG -> {
                return c.equalsIgnoreCase(1, HELP) ? CommandHandler.HERE : CommandHandler.FAN_OUT;
            }
            case Cmd.SCAN -> {
                return CommandHandler.FAN_OUT; // even with one shard: the reducer writes the reply
            }
            case Cmd.SWAPDB -> {
                return shards == 1 ? CommandHandler.HERE : CommandHandler.ATOMIC; // every shard at once
            }
            case Cmd.BLPOP, Cmd.BRPOP, Cmd.BRPOPLPUSH, Cmd.BLMOVE, Cmd.BLMPOP, Cmd.BZPOPMIN, Cmd.BZPOPMAX, Cmd.BZMPOP -> {
                return CommandHandler.HERE; // the client's shard holds the wait; the owners are asked by message
            }
            case Cmd.CLIENT -> {
                boolean everyShard = c.equalsIgnoreCase(1, LIST) || c.equalsIgnoreCase(1, KILL) || c.equalsIgnoreCase(1, UNBLOCK);
                return everyShard && shards > 1 ? CommandHandler.FAN_OUT : CommandHandler.HERE;
            }
            case Cmd.MEMORY -> { // MEMORY USAGE key runs where the key lives
                return c.argc() >= 3 && c.equalsIgnoreCase(1, USAGE) ? HashTags.shardOf(context, c, 2) : CommandHandler.HERE;
            }
            case Cmd.CONFIG -> {
                return c.equalsIgnoreCase(1, RESETSTAT) && shards > 1 ? CommandHandler.FAN_OUT : CommandHandler.HERE;
            }
            case Cmd.PUBLISH, Cmd.SPUBLISH -> { // subscribers live on their connections' shards: every shard delivers
                return shards == 1 ? CommandHandler.HERE : CommandHandler.FAN_OUT;
            }
            case Cmd.PUBSUB -> { // every shard's part, merged by the reducer, even with one shard
                return c.equalsIgnoreCase(1, HELP) ? CommandHandler.HERE : CommandHandler.FAN_OUT;
            }
            case Cmd.WATCH -> {
                return CommandHandler.FAN_OUT; // even to one shard: each part carries the client's id
            }
            case Cmd.SSUBSCRIBE, Cmd.SUNSUBSCRIBE -> {
                return CommandHandler.HERE; // the subscription belongs to the connection, not to a key's owner
            }
            default -> {
            }
        }
        if (spec.hasFlag(CommandSpec.ALL_SHARDS)) {
            return shards == 1 ? CommandHandler.HERE : CommandHandler.FAN_OUT;
        }
        int first = spec.firstKey();
        if (first == 0 || first >= c.argc()) { // no key, or none given (OBJECT HELP)
            return CommandHandler.HERE;
        }
        int last = spec.lastKeyIndex(c.argc());
        if (spec.id() == Cmd.SINTERCARD) { // keys are arguments 2 .. 1 + numkeys
            if (!c.parseLong(1) || c.longValue() < 1 || c.longValue() > c.argc() - 2) {
                return CommandHandler.HERE; // answered with the error before any key is read
            }
            last = 1 + (int) c.longValue();
        } else if (spec.id() == Cmd.LMPOP) { // keys are arguments 2 .. 1 + numkeys
            last = ListCommands.lmpopLastKey(c);
            if (last == 0) {
                return CommandHandler.HERE; // answered with the error before any key is read
            }
        }
        int numkeysArg = zsetNumkeysArg(spec.id());
        if (numkeysArg > 0) { // keys are the numkeys arguments after it, and a STORE form's destination
            if (!c.parseLong(numkeysArg) || c.longValue() < 1 || c.longValue() > c.argc() - numkeysArg - 1) {
                return CommandHandler.HERE; // answered with the error before any key is read
            }
            first = numkeysArg + 1;
            last = numkeysArg + (int) c.longValue();
            if (numkeysArg == 2 && HashTags.shardOf(context, c, 1) != HashTags.shardOf(context, c, first)) {
                return CommandHandler.ATOMIC;
            }
        }
        int step = spec.keyStep();
        int owner = HashTags.shardOf(context, c, first);
        for (int i = first + step; i <= last; i += step) {
            if (HashTags.shardOf(context, c, i) != owner) {
                return spec.hasFlag(CommandSpec.ATOMIC) ? CommandHandler.ATOMIC : CommandHandler.FAN_OUT;
            }
        }
        return owner;
    }

    /**
     * Splits a multi-key command into one part per key, or runs it once on every shard. Each part
     * is tagged with its own command and the client's database (from {@code c}'s tag).
     */
    void fanOut(Request c, CommandSpec spec, FanOut plan) {
        int tag = c.tag();
        switch (spec.id()) {
            case Cmd.MGET -> {
                for (int i = 1; i < c.argc(); i++) {
                    plan.part(HashTags.shardOf(context, c, i), 2, partTag(Cmd.GETPART, tag)).arg(GETPART).arg(c, i);
                }
                plan.reduce(RespReducers.ARRAY);
            }
            case Cmd.MSET -> {
                for (int i = 1; i + 1 < c.argc(); i += 2) {
                    plan.part(HashTags.shardOf(context, c, i), 3, partTag(Cmd.MSET, tag)).arg(MSET).arg(c, i).arg(c, i + 1);
                }
                plan.reduce(RespReducers.ALL_OK);
            }
            case Cmd.DEL, Cmd.UNLINK, Cmd.EXISTS, Cmd.TOUCH -> {
                int id = spec.id() == Cmd.UNLINK ? Cmd.DEL : spec.id();
                byte[] name = id == Cmd.EXISTS ? EXISTS : id == Cmd.TOUCH ? TOUCH : DEL;
                for (int i = 1; i < c.argc(); i++) {
                    plan.part(HashTags.shardOf(context, c, i), 2, partTag(id, tag)).arg(name).arg(c, i);
                }
                plan.reduce(RespReducers.SUM);
            }
            case Cmd.SCAN -> scan(c, plan, tag);
            default -> {
                everyShard(c, plan, 0);
                plan.reduce(switch (spec.id()) {
                    case Cmd.DBSIZE -> RespReducers.SUM;
                    case Cmd.KEYS -> RespReducers.CONCAT_ARRAYS;
                    case Cmd.RANDOMKEY -> RANDOM_KEY;
                    case Cmd.PUBLISH, Cmd.SPUBLISH -> RespReducers.SUM;
                    case Cmd.PUBSUB -> PubSubIntrospection.reducer(c);
                    case Cmd.CLIENT -> c.equalsIgnoreCase(1, KILL) || c.equalsIgnoreCase(1, UNBLOCK) ? RespReducers.SUM : CONCAT_BULK;
                    default -> RespReducers.ALL_OK;
                });
            }
        }
    }

    /**
     * CLIENT KILL on every shard as {@code KEVY.CLIENTKILL caller-id filter...}: the caller's id
     * travels with it, so SKIPME (on by default) spares the caller on whichever shard holds it.
     */
    void clientKill(Request c, long callerId, FanOut plan) {
        for (int shard = 0; shard < context.shards(); shard++) {
            plan.part(shard, c.argc(), partTag(Cmd.CLIENTKILL, 0)).arg(CLIENTKILL).arg(callerId);
            for (int i = 2; i < c.argc(); i++) {
                plan.arg(c, i);
            }
        }
        plan.reduce(RespReducers.SUM);
    }

    /**
     * The command once on every shard, its name replaced by {@code renameTo}'s when that is not 0;
     * each part tagged like {@code c} (its command, the client's database).
     */
    void everyShard(Request c, FanOut plan, int renameTo) {
        int partTag = renameTo == 0 ? c.tag() : partTag(renameTo, c.tag());
        for (int shard = 0; shard < context.shards(); shard++) {
            plan.part(shard, c.argc(), partTag);
            if (renameTo == Cmd.SHARDINFO) {
                plan.arg(SHARDINFO);
            } else {
                plan.arg(c, 0);
            }
            for (int i = 1; i < c.argc(); i++) {
                plan.arg(c, i);
            }
        }
    }

    /**
     * SCAN cursor [options]: the cursor names a shard and a position in its table
     * ({@code cursor = position * shards + shard}). One part per shard from the cursor's to the
     * last: the cursor's shard scans on from the position, each later one from its start, each
     * about COUNT keys (bounded work). {@link ScanReducer} keeps the parts in shard order up to
     * the first shard that is not done or the part where COUNT keys have been visited, and drops
     * the rest (those shards are scanned again from their start by a later call).
     */
    private void scan(Request c, FanOut plan, int tag) {
        int shards = context.shards();
        long cursor = KeyCommands.cursor(c, 1);
        int first = (int) Long.remainderUnsigned(cursor, shards);
        long position = Long.divideUnsigned(cursor, shards) & Long.MAX_VALUE; // a table has under 2^31 slots
        for (int shard = first; shard < shards; shard++) {
            plan.part(shard, c.argc(), partTag(Cmd.SCANPART, tag)).arg(SCANPART).arg(shard == first ? position : 0);
            for (int i = 2; i < c.argc(); i++) {
                plan.arg(c, i);
            }
        }
        plan.reduce(scanReducer);
    }

    /**
     * CLIENT LIST across shards: the shards' texts joined into one, a verbatim string when the
     * parts are (the client speaks RESP3), whose {@code txt:} format each part's length counts.
     */
    static final Reducer CONCAT_BULK = (parts, reply) -> {
        RespReader r = new RespReader();
        boolean verbatim = parts.segment().get(java.lang.foreign.ValueLayout.JAVA_BYTE, parts.offset(0)) == '=';
        int format = verbatim ? 4 : 0;
        long total = 0;
        for (int i = 0; i < parts.count(); i++) {
            r.reset(parts.segment(), parts.offset(i));
            total += Math.max(0, r.header() - format);
        }
        reply.dialect(verbatim ? RespWriter.RESP3 : 2);
        RespWriter.verbatimHeader(reply, total);
        for (int i = 0; i < parts.count(); i++) {
            r.reset(parts.segment(), parts.offset(i));
            long length = r.header() - format;
            reply.writeBytes(parts.segment(), r.position() + format, Math.max(0, length)); // the text after its header
        }
        RespWriter.crlf(reply);
    };

    /** Where a sorted-set command taking numkeys has it (1, or 2 for the STORE forms); 0 for other commands. */
    private static int zsetNumkeysArg(int id) {
        return switch (id) {
            case Cmd.ZUNION, Cmd.ZINTER, Cmd.ZDIFF, Cmd.ZINTERCARD, Cmd.ZMPOP -> 1;
            case Cmd.ZUNIONSTORE, Cmd.ZINTERSTORE, Cmd.ZDIFFSTORE -> 2;
            default -> 0;
        };
    }
}
