package dev.kevy.server;

import dev.kevy.io.CommandHandler;
import dev.kevy.io.FanOut;
import dev.kevy.io.Session;
import dev.kevy.io.ShardContext;
import dev.kevy.io.codec.Request;
import dev.kevy.io.resp.RespReducers;
import dev.kevy.io.resp.RespWriter;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.server.command.Cmd;
import dev.kevy.server.command.CommandSpec;
import dev.kevy.server.command.CommandTable;
import dev.kevy.server.command.Replies;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * MULTI, EXEC, DISCARD, WATCH and UNWATCH on one shard, as Redis 7.0 answers them.
 *
 * <p>Inside MULTI every command but EXEC, DISCARD, MULTI, WATCH, QUIT and RESET is checked as
 * Redis checks it before queuing (unknown, arity, authentication, subscribed mode, OOM: a refusal
 * makes EXEC answer EXECABORT), routed as it would be routed to run, and copied into the
 * connection's {@link TransactionQueue} with its route and tag; the reply is {@code +QUEUED}.
 *
 * <p>EXEC carries the whole queue to where it runs as one request: {@link #route} points the
 * runtime's request view at the queue (the EXEC body, laid out in {@link TransactionQueue}) and
 * picks the place from the queued routes and the watched shards: the connection's own shard when
 * everything is there (the real session, so connection commands such as SELECT and CLIENT act on
 * it), the one shard that owns every key, or the atomic turn ({@link CommandHandler#ATOMIC}) when
 * several shards take part. The runtime copies the view wherever it sends it (ring, atomic queue,
 * a held-back copy), so the queue may be reused once EXEC is dispatched. There {@link #exec}
 * checks the watches, then runs each queued command through the same {@code execute} of its
 * owner's handler as any command, in one go: a shard is single-threaded and the turn stops every
 * shard, so no client sees part of a transaction.
 *
 * <p>WATCH is fanned out: one {@code KEVY.WATCHPART client key} per key to its owner, where
 * {@link Watches} keeps it. UNWATCH, DISCARD, RESET and a closed connection drop the watches on
 * other shards with a message, which travels the same FIFO as every later request to that shard.
 */
final class Transactions {

    /** {@link #route} result: not a transaction's concern, routed as usual. */
    static final int NOT_MINE = Integer.MIN_VALUE;
    /** Message type: drop the watches of the client whose id is the 8-byte payload. */
    static final int MSG_UNWATCH = 0x5741_5443;

    static final byte[] EXECABORT = Replies.bytes("-EXECABORT Transaction discarded because of previous errors.\r\n");
    private static final byte[] EXECABORT_BECAUSE = Replies.bytes("-EXECABORT Transaction discarded because of: ");
    static final byte[] NESTED = Replies.bytes("-ERR MULTI calls can not be nested\r\n");
    static final byte[] EXEC_WITHOUT_MULTI = Replies.bytes("-ERR EXEC without MULTI\r\n");
    static final byte[] DISCARD_WITHOUT_MULTI = Replies.bytes("-ERR DISCARD without MULTI\r\n");
    static final byte[] WATCH_INSIDE_MULTI = Replies.bytes("-ERR WATCH inside MULTI is not allowed\r\n");
    /** A connection command in a transaction that runs away from the connection (see docs/SERVER.md). */
    static final byte[] NEEDS_CONNECTION = Replies.bytes(
            "-ERR this command cannot run in a transaction whose keys live on other shards\r\n");
    private static final byte[] CRLF = Replies.bytes("\r\n");
    private static final byte[] WATCHPART = Replies.bytes("KEVY.WATCHPART");

    private final ShardContext context;
    private final CommandTable table;
    private final Routing routing;
    private final Housekeeping housekeeping;
    private final int databases;
    final Watches watches;
    /** {@link #watches} alone, for SWAPDB on one shard. */
    final Watches[] ownWatches;
    private final DetachedSession detached;
    private final TurnFanOut turnFanOut;
    /** The queued command being run by {@link #exec}. */
    private final Request queued = new Request();
    private final MemorySegment message = Arena.ofAuto().allocate(Long.BYTES);
    /** A queued command runs on this handler now (blocking commands act like their non-blocking forms). */
    private boolean insideExec;

    Transactions(ShardContext context, CommandTable table, Routing routing, Housekeeping housekeeping, int databases,
                 Watches watches) {
        this.context = context;
        this.table = table;
        this.routing = routing;
        this.housekeeping = housekeeping;
        this.databases = databases;
        this.watches = watches;
        this.ownWatches = new Watches[] {watches};
        this.detached = new DetachedSession(context.shard());
        this.turnFanOut = new TurnFanOut(context.pool());
    }

    /**
     * Whether a command running on this handler now is one of a transaction's (EXEC). The entry
     * point for blocking commands: inside EXEC they must answer as their non-blocking forms do
     * (Redis: a BLPOP on an empty list answers nil at once), never wait.
     */
    boolean insideExec() {
        return insideExec;
    }

    private static TransactionQueue queueOf(Session session) {
        return session.attachment() instanceof Client client ? client.tx : null;
    }

    // ---- routing ---------------------------------------------------------------------------------

    /**
     * Where {@code c} runs when a transaction decides it, or {@link #NOT_MINE}: a command inside
     * MULTI is answered here ({@link Cmd#QUEUE}); EXEC becomes its body; an EXEC body routed
     * again (held back by the connection's order barrier) keeps its place.
     */
    int route(Request c, Session session) {
        if (Routing.commandId(c.tag()) == Cmd.EXEC_BODY) {
            return TransactionQueue.bodyRoute(c);
        }
        TransactionQueue tx = queueOf(session);
        if (tx == null || !tx.open) {
            return NOT_MINE;
        }
        CommandSpec spec = table.lookup(c);
        int id = spec == null ? 0 : spec.id();
        switch (id) {
            case Cmd.MULTI, Cmd.DISCARD, Cmd.QUIT, Cmd.RESET -> {
                return NOT_MINE;
            }
            case Cmd.WATCH, Cmd.EXEC -> {
                if (routing.checkCall(spec, c, session) != null) {
                    return NOT_MINE; // refused as usual (an EXEC refused aborts: see rejected())
                }
                if (id == Cmd.WATCH || tx.aborted) {
                    c.tag(Routing.tag(id, 0, Routing.resp3(session)));
                    return CommandHandler.HERE;
                }
                return routeExec(c, session, (Client) session.attachment());
            }
            default -> {
                c.tag(Routing.tag(Cmd.QUEUE, 0, Routing.resp3(session)));
                return CommandHandler.HERE;
            }
        }
    }

    /** Points {@code c} at the transaction's body and says where it runs. */
    private int routeExec(Request c, Session session, Client client) {
        TransactionQueue tx = client.tx;
        int route = placeOf(tx);
        tx.body(c, route, session.id());
        c.tag(Routing.tag(Cmd.EXEC_BODY, 0, Routing.resp3(session))); // its array and nil in the client's protocol
        if (route != CommandHandler.HERE) {
            // It runs away from the connection: the connection's part happens now (the body
            // carries the queue; the watches are checked and dropped where it runs).
            if (tx.selects) {
                client.db = tx.db;
            }
            tx.end();
            tx.unwatched();
        }
        return route;
    }

    /** The connection's shard, the one shard every queued key and watch is on, or the atomic turn. */
    private int placeOf(TransactionQueue tx) {
        int me = context.shard();
        if (context.shards() == 1) {
            return CommandHandler.HERE;
        }
        int sole = tx.keyShard;
        if (tx.needsEveryShard || sole == TransactionQueue.SEVERAL || tx.watchShards > 1) {
            return CommandHandler.ATOMIC;
        }
        if (tx.watchShards == 1) {
            int w = tx.firstWatchShard();
            if (sole != TransactionQueue.NONE && sole != w) {
                return CommandHandler.ATOMIC;
            }
            sole = w;
        }
        if (sole == TransactionQueue.NONE || sole == me) {
            return CommandHandler.HERE;
        }
        return tx.needsSession ? CommandHandler.ATOMIC : sole;
    }

    // ---- commands ----------------------------------------------------------------------------------

    void multi(Session session, OutputBuffer out) {
        Client client = (Client) session.attachment();
        if (client.tx == null) {
            client.tx = new TransactionQueue(context.pool());
        }
        if (client.tx.open) {
            out.writeBytes(NESTED);
            return;
        }
        client.tx.begin(client.db);
        RespWriter.ok(out);
    }

    /** EXEC that did not become a body: without MULTI, or after a refused command. */
    void exec(Session session, OutputBuffer out) {
        TransactionQueue tx = queueOf(session);
        if (tx == null || !tx.open) {
            out.writeBytes(EXEC_WITHOUT_MULTI);
            return;
        }
        out.writeBytes(EXECABORT);
        discard(session);
    }

    void discard(Session session, OutputBuffer out) {
        TransactionQueue tx = queueOf(session);
        if (tx == null || !tx.open) {
            out.writeBytes(DISCARD_WITHOUT_MULTI);
            return;
        }
        discard(session);
        RespWriter.ok(out);
    }

    /** Leaves MULTI and drops every watch of the client (Redis's discardTransaction). */
    void discard(Session session) {
        TransactionQueue tx = queueOf(session);
        if (tx != null) {
            tx.end();
            unwatch(session);
        }
    }

    /** UNWATCH, and the watches' part of DISCARD, RESET and EXEC: drops them on every shard that has some. */
    void unwatch(Session session) {
        TransactionQueue tx = queueOf(session);
        if (tx == null || tx.watchShards == 0) {
            return;
        }
        message.set(ValueLayout.JAVA_LONG_UNALIGNED, 0, session.id());
        for (int shard = 0; shard < context.shards(); shard++) {
            if (!tx.watchesOn(shard)) {
                continue;
            }
            if (shard == context.shard()) {
                watches.drop(session.id());
            } else {
                context.send(shard, MSG_UNWATCH, message, 0, Long.BYTES); // after this client's WATCH parts: one FIFO
            }
        }
        tx.unwatched();
    }

    /** UNWATCH. */
    void unwatch(Session session, OutputBuffer out) {
        unwatch(session);
        RespWriter.ok(out);
    }

    /** WATCH key...: one part per key to its owner, which keeps the watch (not inside MULTI: see route()). */
    void watchParts(Request c, Session session, FanOut plan) {
        Client client = (Client) session.attachment();
        if (client.tx == null) {
            client.tx = new TransactionQueue(context.pool());
        }
        int tag = Routing.tag(Cmd.WATCHPART, client.db, false); // +OK in either protocol
        for (int i = 1; i < c.argc(); i++) {
            int shard = HashTags.shardOf(context, c, i);
            plan.part(shard, 3, tag).arg(WATCHPART).arg(session.id()).arg(c, i);
            client.tx.watchOn(shard);
        }
        plan.reduce(RespReducers.ALL_OK);
    }

    /** {@code KEVY.WATCHPART client key} on the key's owner. */
    void watchPart(Request c, OutputBuffer out, long nowMillis) {
        if (!c.parseLong(1)) {
            out.writeBytes(Replies.SYNTAX);
            return;
        }
        watches.watch(c.longValue(), Routing.db(c.tag()), c.buffer(), c.offset(2), c.length(2), nowMillis);
        RespWriter.ok(out);
    }

    /** A message from another shard's {@link Transactions}. */
    void onMessage(int type, MemorySegment payload, long offset) {
        if (type != MSG_UNWATCH) {
            throw new UnsupportedOperationException("no handler for messages of type " + type);
        }
        watches.drop(payload.get(ValueLayout.JAVA_LONG_UNALIGNED, offset));
    }

    /**
     * A command refused before it ran ({@code rejection}, or unknown when {@code spec} is
     * {@code null}): refused inside MULTI it makes EXEC abort; a refused EXEC aborts the
     * transaction at once with the reason (Redis's {@code execCommandAbort}).
     */
    void rejected(CommandSpec spec, Request c, byte[] rejection, Session session, OutputBuffer out) {
        TransactionQueue tx = queueOf(session);
        if (spec != null && spec.id() == Cmd.EXEC && rejection != null) {
            out.writeBytes(EXECABORT_BECAUSE);
            // The reason without its '-', its "ERR " and its CRLF ("NOAUTH ..." keeps its code), as Redis words it.
            int from = rejection.length > 5 && rejection[1] == 'E' && rejection[2] == 'R' && rejection[3] == 'R' ? 5 : 1;
            out.writeBytes(rejection, from, rejection.length - from - 2);
            out.writeBytes(CRLF);
            discard(session);
            return;
        }
        if (tx != null && tx.open) {
            tx.aborted = true;
        }
        if (rejection != null) {
            out.writeBytes(rejection);
        } else {
            Replies.unknownCommand(c, out);
        }
    }

    /** A command inside MULTI: checked as Redis checks before queuing, then queued. */
    void queue(Request c, Session session, OutputBuffer out) {
        TransactionQueue tx = queueOf(session);
        CommandSpec spec = table.lookup(c);
        byte[] rejection = spec == null ? null : routing.checkCall(spec, c, session);
        if (spec == null || rejection != null) {
            rejected(spec, c, rejection, session, out);
            return;
        }
        if (housekeeping.overMemory()) { // Redis refuses every command queued over maxmemory
            tx.aborted = true;
            out.writeBytes(Replies.OOM);
            return;
        }
        int route = routing.route(c, session);
        int tag = c.tag() == Routing.UNCHECKED ? Routing.UNCHECKED : Routing.tag(Routing.commandId(c.tag()), tx.db, Routing.resp3(session));
        int id = spec.id();
        if (route == CommandHandler.HERE) {
            tx.needsSession |= spec.hasFlag(CommandSpec.CONNECTION) && !sessionFree(id);
        } else if (route == CommandHandler.FAN_OUT || route == CommandHandler.ATOMIC) {
            tx.needsEveryShard = true;
        } else {
            tx.keyShard = tx.keyShard == TransactionQueue.NONE || tx.keyShard == route ? route : TransactionQueue.SEVERAL;
        }
        tx.append(c, tag, route);
        if (id == Cmd.SELECT && tag != Routing.UNCHECKED && c.parseLong(1) && c.longValue() >= 0 && c.longValue() < databases) {
            tx.db = (int) c.longValue(); // later queued commands act on it, as in Redis
            tx.selects = true;
        }
        RespWriter.queued(out);
    }

    /** Connection commands a transaction may run away from its connection (SELECT's effect is applied at EXEC). */
    private static boolean sessionFree(int id) {
        return switch (id) {
            case Cmd.PING, Cmd.ECHO, Cmd.SELECT, Cmd.TIME, Cmd.COMMAND, Cmd.CONFIG -> true;
            default -> false;
        };
    }

    // ---- EXEC --------------------------------------------------------------------------------------

    /**
     * Runs an EXEC body: on the connection's shard ({@code session} the client's), on the owner
     * of its keys ({@code session} remote), or in the atomic turn ({@code shards} given, every
     * shard standing still). Replies {@code *-1} if a watched key changed, else one reply per
     * queued command in one array, errors included, as Redis does.
     */
    void exec(ShardHandler self, Request body, Session session, OutputBuffer out, CommandHandler[] shards) {
        long clientId = TransactionQueue.bodyClient(body);
        int count = TransactionQueue.bodyCount(body);
        long now = context.nowMillis();
        TransactionQueue tx = session == null ? null : queueOf(session);
        boolean dirty = false;
        if (shards == null) {
            if (TransactionQueue.bodyWatches(body, context.shard())) { // every watch of a transaction run here is here
                dirty = watches.dirty(clientId, now);
                watches.drop(clientId);
            }
        } else {
            for (int s = 0; s < shards.length; s++) {
                if (TransactionQueue.bodyWatches(body, s)) {
                    Watches w = ((ShardHandler) shards[s]).transactions.watches;
                    dirty |= w.dirty(clientId, now);
                    w.drop(clientId);
                }
            }
        }
        if (tx != null) {
            tx.unwatched(); // dropped above: every watch of a transaction run here is on this shard
        }
        if (dirty) {
            RespWriter.nullArray(out);
        } else {
            RespWriter.arrayHeader(out, count);
            Session runAs = session == null || session.isRemote() ? detached.of(clientId) : session;
            if (tx != null) {
                tx.open = false;
                tx.executing = true;
            }
            int field = TransactionQueue.FIRST_COMMAND_FIELD;
            for (int k = 0; k < count; k++) {
                int route = TransactionQueue.route(body, field);
                field = TransactionQueue.command(body, field, queued);
                runQueued(self, queued, route, runAs, out, shards);
            }
        }
        if (tx != null) {
            tx.end();
        }
    }

    /** One queued command, through the same execute (or executeAtomic, or fan-out) as outside a transaction. */
    private void runQueued(ShardHandler self, Request c, int route, Session session, OutputBuffer out,
                           CommandHandler[] shards) {
        int id = Routing.commandId(c.tag());
        if (session.isRemote() && route == CommandHandler.HERE && id != Routing.UNCHECKED) {
            if (id == Cmd.SELECT) { // its effect on the client was applied when EXEC left the connection
                if (ConnectionCommands.dbIndex(c, 1, databases, out) >= 0) {
                    RespWriter.ok(out);
                }
                return;
            }
            if (!sessionFree(id) && table.byId(id) != null && table.byId(id).hasFlag(CommandSpec.CONNECTION)) {
                out.writeBytes(NEEDS_CONNECTION);
                return;
            }
        }
        if (route == CommandHandler.FAN_OUT) {
            turnFanOut.run(self, shards, c, session, out);
        } else if (route == CommandHandler.ATOMIC) {
            self.executeAtomic(c, shards, out);
        } else {
            ShardHandler target = shards == null || route < 0 ? self : (ShardHandler) shards[route];
            target.transactions.insideExec = true;
            try {
                target.execute(c, session, out);
            } finally {
                target.transactions.insideExec = false;
            }
        }
    }

    /** Runs a request tagged {@link Cmd#QUEUE} or {@link Cmd#EXEC_BODY} on the connection's shard or a key's owner. */
    void execute(ShardHandler self, Request c, Session session, OutputBuffer out) {
        if (Routing.commandId(c.tag()) == Cmd.QUEUE) {
            queue(c, session, out);
        } else {
            exec(self, c, session.isRemote() ? null : session, out, null);
            if (session.attachment() instanceof Client client) {
                client.lastCommand = Cmd.EXEC;
            }
        }
    }

    /** The client's MULTI and watches end (RESET). */
    void reset(Session session) {
        discard(session);
    }

    /** The connection closed: drop its watches everywhere and give its queue back. */
    void onClose(Session session) {
        TransactionQueue tx = queueOf(session);
        if (tx != null) {
            unwatch(session);
            tx.release();
        }
    }

    void release() {
        turnFanOut.release();
    }
}
