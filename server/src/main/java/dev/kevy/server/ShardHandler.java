package dev.kevy.server;

import dev.kevy.io.CommandHandler;
import dev.kevy.io.FanOut;
import dev.kevy.io.Reducers;
import dev.kevy.io.Session;
import dev.kevy.io.ShardContext;
import dev.kevy.io.resp.RespCommand;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.server.command.Cmd;
import dev.kevy.server.command.CommandSpec;
import dev.kevy.server.command.CommandTable;
import dev.kevy.server.command.Replies;
import dev.kevy.server.store.Keyspace;

/**
 * The Redis command set on one shard: routes each command to the shard that owns its keys, runs
 * what arrives here against this shard's {@link Keyspace}, and splits multi-key commands whose
 * keys live on several shards.
 *
 * <p>Checks happen in Redis's order: unknown command, arity, authentication, then the command's
 * own argument errors. A command that fails a check is answered where the connection lives
 * ({@link #HERE}) without travelling.
 */
final class ShardHandler implements CommandHandler {

    private static final byte[] MGET = Replies.bytes("MGET");
    private static final byte[] MSET = Replies.bytes("MSET");
    private static final byte[] DEL = Replies.bytes("DEL");
    private static final byte[] EXISTS = Replies.bytes("EXISTS");

    private final ShardContext context;
    private final CommandTable table;
    private final ServerSettings settings;
    private final Keyspace keyspace;
    private final StringCommands strings;
    private final KeyCommands keys;
    private final ConnectionCommands connection;

    ShardHandler(ShardContext context, CommandTable table, ServerSettings settings, ConfigValues config) {
        this.context = context;
        this.table = table;
        this.settings = settings;
        this.keyspace = new Keyspace();
        this.strings = new StringCommands(keyspace);
        this.keys = new KeyCommands(keyspace);
        this.connection = new ConnectionCommands(table, config);
    }

    @Override
    public int route(RespCommand c, Session session) {
        CommandSpec spec = table.lookup(c);
        int argc = c.argc();
        if (spec == null || !spec.arityAccepts(argc) || !authorized(spec, session)) {
            return HERE; // the error is answered here
        }
        if (spec.hasFlag(CommandSpec.ALL_SHARDS)) {
            return context.shards() == 1 ? HERE : FAN_OUT;
        }
        int first = spec.firstKey();
        if (first == 0) {
            return HERE;
        }
        int last = spec.lastKeyIndex(argc);
        int step = spec.keyStep();
        if ((argc - first) % step != 0) {
            return HERE; // MSET k v k: the arity error is answered here
        }
        int owner = context.shardOf(c, first);
        for (int i = first + step; i <= last; i += step) {
            if (context.shardOf(c, i) != owner) {
                return FAN_OUT;
            }
        }
        return owner;
    }

    private boolean authorized(CommandSpec spec, Session session) {
        return settings.requirePass() == null || session.isAuthenticated() || spec.hasFlag(CommandSpec.NO_AUTH);
    }

    @Override
    public void execute(RespCommand c, Session session, OutputBuffer out) {
        CommandSpec spec = table.lookup(c);
        if (spec == null) {
            Replies.unknownCommand(c, out);
            return;
        }
        int argc = c.argc();
        if (!spec.arityAccepts(argc) || (spec.keyStep() > 1 && (argc - spec.firstKey()) % spec.keyStep() != 0)) {
            out.writeBytes(spec.arityError());
            return;
        }
        if (!authorized(spec, session)) {
            out.writeBytes(Replies.NOAUTH);
            return;
        }
        long now = context.nowMillis();
        switch (spec.id()) {
            case Cmd.GET -> strings.get(c, out, now);
            case Cmd.SET -> strings.set(c, out, now);
            case Cmd.STRLEN -> strings.strlen(c, out, now);
            case Cmd.INCR -> strings.incr(c, out, now, 1, 0);
            case Cmd.DECR -> strings.incr(c, out, now, -1, 0);
            case Cmd.INCRBY -> strings.incr(c, out, now, 1, 2);
            case Cmd.DECRBY -> strings.incr(c, out, now, -1, 2);
            case Cmd.MGET -> strings.mget(c, out, now);
            case Cmd.MSET -> strings.mset(c, out, now);
            case Cmd.DEL, Cmd.UNLINK -> keys.del(c, out, now);
            case Cmd.EXISTS -> keys.exists(c, out, now);
            case Cmd.DBSIZE -> keys.dbsize(out);
            case Cmd.FLUSHALL, Cmd.FLUSHDB -> keys.flush(c, out);
            case Cmd.PING -> connection.ping(c, out);
            case Cmd.ECHO -> connection.echo(c, out);
            case Cmd.QUIT -> connection.quit(session, out);
            case Cmd.SELECT -> connection.select(c, out);
            case Cmd.COMMAND -> connection.command(c, out);
            case Cmd.CONFIG -> connection.config(c, out);
            default -> Replies.unknownCommand(c, out);
        }
    }

    @Override
    public void fanOut(RespCommand c, Session session, FanOut plan) {
        CommandSpec spec = table.lookup(c);
        switch (spec.id()) {
            case Cmd.MGET -> {
                for (int i = 1; i < c.argc(); i++) {
                    plan.part(context.shardOf(c, i), 2).arg(MGET).arg(c, i);
                }
                plan.reduce(Reducers.CONCAT_ARRAYS);
            }
            case Cmd.MSET -> {
                for (int i = 1; i + 1 < c.argc(); i += 2) {
                    plan.part(context.shardOf(c, i), 3).arg(MSET).arg(c, i).arg(c, i + 1);
                }
                plan.reduce(Reducers.ALL_OK);
            }
            case Cmd.DEL, Cmd.UNLINK, Cmd.EXISTS -> {
                byte[] name = spec.id() == Cmd.EXISTS ? EXISTS : DEL;
                for (int i = 1; i < c.argc(); i++) {
                    plan.part(context.shardOf(c, i), 2).arg(name).arg(c, i);
                }
                plan.reduce(Reducers.SUM);
            }
            default -> everyShard(c, plan, spec);
        }
    }

    /** The command as is, once on every shard (DBSIZE, FLUSHALL, FLUSHDB). */
    private void everyShard(RespCommand c, FanOut plan, CommandSpec spec) {
        for (int shard = 0; shard < context.shards(); shard++) {
            plan.part(shard, c.argc());
            for (int i = 0; i < c.argc(); i++) {
                plan.arg(c, i);
            }
        }
        plan.reduce(spec.id() == Cmd.DBSIZE ? Reducers.SUM : Reducers.ALL_OK);
    }

    @Override
    public void close() {
        keyspace.close();
    }
}
