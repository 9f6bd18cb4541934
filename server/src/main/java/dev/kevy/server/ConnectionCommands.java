package dev.kevy.server;

import dev.kevy.io.Session;
import dev.kevy.io.ShardContext;
import dev.kevy.io.codec.Request;
import dev.kevy.io.resp.RespWriter;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.server.command.CommandSpec;
import dev.kevy.server.command.CommandTable;
import dev.kevy.server.command.Replies;
import java.nio.charset.StandardCharsets;

/** PING, ECHO, QUIT, SELECT, AUTH, HELLO, RESET and CLIENT: the connection's own commands. */
final class ConnectionCommands {

    private static final byte[] DEFAULT_USER = Replies.bytes("default");
    private static final byte[] AUTH = Replies.bytes("AUTH");
    private static final byte[] SETNAME = Replies.bytes("SETNAME");
    private static final byte[] WRONGPASS = Replies.bytes("-WRONGPASS invalid username-password pair or user is disabled.\r\n");
    private static final byte[] NO_PASSWORD = Replies.bytes("-ERR AUTH <password> called without any password "
            + "configured for the default user. Are you sure your configuration is correct?\r\n");
    private static final byte[] NOPROTO = Replies.bytes("-NOPROTO unsupported protocol version\r\n");
    private static final byte[] BAD_PROTO = Replies.bytes("-ERR Protocol version is not an integer or out of range\r\n");
    private static final byte[] HELLO_NOAUTH = Replies.bytes("-NOAUTH HELLO must be called with the client already "
            + "authenticated, otherwise the HELLO AUTH <user> <pass> option can be used to authenticate "
            + "the client and select the RESP protocol version at the same time\r\n");
    private static final byte[] RESET = Replies.bytes("+RESET\r\n");
    private static final byte[] NO_SUCH_CLIENT = Replies.bytes("-ERR No such client\r\n");
    private static final byte[] BAD_CLIENT_ID = Replies.bytes("-ERR client-id should be greater than 0\r\n");
    private static final byte[] INVALID_CLIENT_ID = Replies.bytes("-ERR Invalid client ID\r\n");
    private static final byte[] BAD_NAME = Replies.bytes(
            "-ERR Client names cannot contain spaces, newlines or special characters.\r\n");

    private final ShardContext context;
    private final CommandTable table;
    private final LiveSettings settings;

    ConnectionCommands(ShardContext context, CommandTable table, LiveSettings settings) {
        this.context = context;
        this.table = table;
        this.settings = settings;
    }

    void ping(Request c, OutputBuffer out) {
        if (c.argc() == 1) {
            RespWriter.pong(out);
        } else if (c.argc() == 2) {
            RespWriter.bulk(out, c.buffer(), c.offset(1), c.length(1));
        } else {
            out.writeBytes(table.lookup(c).arityError());
        }
    }

    void echo(Request c, OutputBuffer out) {
        RespWriter.bulk(out, c.buffer(), c.offset(1), c.length(1));
    }

    void quit(Session session, OutputBuffer out) {
        RespWriter.ok(out);
        session.closeAfterReply();
    }

    /**
     * SELECT index: the connection's later commands act on that database. Redis's checks: an
     * integer, within a C int, then within {@code [0, databases)}.
     */
    void select(Request c, Session session, OutputBuffer out) {
        int db = dbIndex(c, 1, settings.databases(), out);
        if (db >= 0) {
            client(session).db = db;
            RespWriter.ok(out);
        }
    }

    /**
     * Argument {@code arg} as a database index below {@code databases}, or -1 after writing the
     * error Redis writes (SELECT and MOVE): not an integer, outside a C int, out of range.
     */
    static int dbIndex(Request c, int arg, int databases, OutputBuffer out) {
        if (!c.parseLong(arg)) {
            out.writeBytes(Replies.NOT_INTEGER);
            return -1;
        }
        long v = c.longValue();
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            out.writeBytes(Replies.NOT_A_C_INT);
            return -1;
        }
        if (v < 0 || v >= databases) {
            out.writeBytes(Replies.DB_OUT_OF_RANGE);
            return -1;
        }
        return (int) v;
    }

    /** AUTH password, or AUTH default password. */
    void auth(Request c, Session session, OutputBuffer out) {
        String pass = settings.requirePass();
        if (c.argc() > 3) {
            out.writeBytes(Replies.SYNTAX);
        } else if (pass == null && c.argc() == 2) {
            out.writeBytes(NO_PASSWORD);
        } else if (checkPassword(c, c.argc() == 3 ? 1 : 0, c.argc() - 1, pass)) {
            session.setAuthenticated(true);
            RespWriter.ok(out);
        } else {
            out.writeBytes(WRONGPASS);
        }
    }

    /** Whether user (argument {@code userArg}, or 0 for "default") and password match. */
    private static boolean checkPassword(Request c, int userArg, int passArg, String pass) {
        if (userArg != 0 && !c.equals(userArg, DEFAULT_USER)) {
            return false;
        }
        return pass == null || c.equals(passArg, pass.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * HELLO [protover [AUTH user pass] [SETNAME name]], checked in Redis's order: the version
     * (only 2 and 3 exist), the options (AUTH authenticates as it is read), then authentication.
     * A version switches the connection's protocol, and the reply (a map in RESP3) is already
     * written in the new one, as in Redis; HELLO without a version keeps the protocol.
     */
    void hello(Request c, Session session, OutputBuffer out) {
        int i = 1;
        boolean resp3 = client(session).resp3;
        if (c.argc() >= 2) {
            if (!c.parseLong(1)) {
                out.writeBytes(BAD_PROTO);
                return;
            }
            if (c.longValue() != 2 && c.longValue() != 3) {
                out.writeBytes(NOPROTO);
                return;
            }
            resp3 = c.longValue() == 3;
            i = 2;
        }
        byte[] name = null;
        for (; i < c.argc(); i++) {
            if (c.equalsIgnoreCase(i, AUTH) && i + 2 < c.argc()) {
                if (!checkPassword(c, i + 1, i + 2, settings.requirePass())) {
                    out.writeBytes(WRONGPASS);
                    return;
                }
                session.setAuthenticated(true); // at once, as Redis: a later bad option does not undo it
                i += 2;
            } else if (c.equalsIgnoreCase(i, SETNAME) && i + 1 < c.argc()) {
                name = c.toString(i + 1).getBytes(StandardCharsets.UTF_8);
                if (!validName(name)) {
                    out.writeBytes(BAD_NAME);
                    return;
                }
                i++;
            } else {
                out.writeAscii("-ERR Syntax error in HELLO option '" + c.toString(i) + "'\r\n");
                return;
            }
        }
        if (settings.requirePass() != null && !session.isAuthenticated()) {
            out.writeBytes(HELLO_NOAUTH);
            return;
        }
        if (name != null) {
            client(session).name = name.length == 0 ? null : name;
        }
        client(session).resp3 = resp3;
        out.dialect(resp3 ? RespWriter.RESP3 : 2);
        RespWriter.mapHeader(out, 7);
        RespWriter.bulk(out, Replies.bytes("server"));
        RespWriter.bulk(out, Replies.bytes("redis"));
        RespWriter.bulk(out, Replies.bytes("version"));
        RespWriter.bulk(out, Replies.bytes(ServerInfo.REDIS_VERSION));
        RespWriter.bulk(out, Replies.bytes("proto"));
        RespWriter.integer(out, resp3 ? 3 : 2);
        RespWriter.bulk(out, Replies.bytes("id"));
        RespWriter.integer(out, session.id());
        RespWriter.bulk(out, Replies.bytes("mode"));
        RespWriter.bulk(out, Replies.bytes("standalone"));
        RespWriter.bulk(out, Replies.bytes("role"));
        RespWriter.bulk(out, Replies.bytes("master"));
        RespWriter.bulk(out, Replies.bytes("modules"));
        RespWriter.emptyArray(out);
    }

    /**
     * RESET: the connection becomes as if new (Redis's {@code clearClientConnectionState}): no
     * name, database 0 and RESP2, and not authenticated while a password is set. The library name
     * and version stay, as in Redis. The reply goes out in RESP2 already.
     */
    void reset(Session session, OutputBuffer out) {
        client(session).name = null;
        client(session).db = 0;
        client(session).resp3 = false;
        session.setAuthenticated(settings.requirePass() == null);
        out.writeBytes(RESET);
    }

    static Client client(Session session) {
        return (Client) session.attachment();
    }

    private static boolean validName(byte[] name) {
        for (byte b : name) {
            if (b < '!' || b > '~') {
                return false;
            }
        }
        return true;
    }

    /** CLIENT: LIST and KILL see every shard, UNBLOCK the blocked clients, the rest this connection. */
    void client(Request c, Session session, OutputBuffer out, BlockingCommands blocking) {
        String sub = c.toString(1).toUpperCase(java.util.Locale.ROOT);
        switch (sub) {
            case "LIST" -> clientList(c, out);
            case "KILL" -> clientKill(c, out, session.id());
            case "UNBLOCK" -> blocking.unblock(c, out);
            default -> clientLocal(c, session, out, sub);
        }
    }

    /** CLIENT ID | GETNAME | SETNAME | INFO | SETINFO | LIST | KILL (the last two run on every shard). */
    void clientLocal(Request c, Session session, OutputBuffer out, String sub) {
        Client me = client(session);
        switch (sub) {
            case "ID" -> RespWriter.integer(out, session.id());
            case "GETNAME" -> {
                if (me.name == null) {
                    RespWriter.nullBulk(out);
                } else {
                    RespWriter.bulk(out, me.name);
                }
            }
            case "SETNAME" -> {
                byte[] name = c.toString(2).getBytes(StandardCharsets.UTF_8);
                if (!validName(name)) {
                    out.writeBytes(BAD_NAME);
                    return;
                }
                me.name = name.length == 0 ? null : name;
                RespWriter.ok(out);
            }
            case "SETINFO" -> {
                String attr = c.toString(2).toUpperCase(java.util.Locale.ROOT);
                if (attr.equals("LIB-NAME")) {
                    me.libName = c.toString(3);
                } else if (attr.equals("LIB-VER")) {
                    me.libVersion = c.toString(3);
                } else {
                    out.writeAscii("-ERR Unrecognized option '" + c.toString(2) + "'\r\n");
                    return;
                }
                RespWriter.ok(out);
            }
            case "INFO" -> RespWriter.verbatim(out, describe(session, context.nowMillis()).getBytes(StandardCharsets.UTF_8));
            case "HELP" -> clientHelp(out);
            default -> Replies.unknownSubcommand(c, "CLIENT", out);
        }
    }

    /** CLIENT LIST [TYPE type | ID id...] on this shard (arguments checked by {@link #listCheck}). */
    void clientList(Request c, OutputBuffer out) {
        StringBuilder sb = new StringBuilder();
        long now = context.nowMillis();
        boolean byType = c.argc() == 4 && c.equalsIgnoreCase(2, "TYPE");
        boolean byId = c.argc() > 3 && c.equalsIgnoreCase(2, "ID");
        if (byType && !c.equalsIgnoreCase(3, "normal")) {
            RespWriter.verbatim(out, new byte[0]); // every kevy client is a normal one
            return;
        }
        for (int i = 0; i < context.sessionSlots(); i++) {
            Session s = context.sessionAt(i);
            if (s != null && s.attachment() instanceof Client && (!byId || listed(c, 3, s.id()))) {
                sb.append(describe(s, now));
            }
        }
        RespWriter.verbatim(out, sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static boolean listed(Request c, int from, long id) {
        for (int i = from; i < c.argc(); i++) {
            if (c.parseLong(i) && c.longValue() == id) {
                return true;
            }
        }
        return false;
    }

    /** Redis's checks of CLIENT LIST's arguments, before it runs anywhere; null when they are fine. */
    static byte[] listCheck(Request c) {
        if (c.argc() == 4 && c.equalsIgnoreCase(2, "TYPE")) {
            return isClientType(c, 3) ? null : unknownType(c, 3);
        }
        if (c.argc() > 3 && c.equalsIgnoreCase(2, "ID")) {
            for (int i = 3; i < c.argc(); i++) {
                if (!c.parseLong(i)) {
                    return INVALID_CLIENT_ID;
                }
            }
            return null;
        }
        return c.argc() == 2 ? null : Replies.SYNTAX;
    }

    /**
     * Redis's checks of CLIENT KILL's arguments, before it fans out; null when they are fine. The
     * old form {@code CLIENT KILL addr:port} finds nobody: kevy does not record client addresses.
     */
    static byte[] killCheck(Request c) {
        int argc = c.argc();
        if (argc == 3) {
            return NO_SUCH_CLIENT;
        }
        if (argc % 2 != 0) {
            return Replies.SYNTAX; // filters come in pairs
        }
        for (int i = 2; i + 1 < argc; i += 2) {
            if (c.equalsIgnoreCase(i, "ID")) {
                if (!c.parseLong(i + 1) || c.longValue() < 1) {
                    return BAD_CLIENT_ID;
                }
            } else if (c.equalsIgnoreCase(i, "TYPE")) {
                if (!isClientType(c, i + 1)) {
                    return unknownType(c, i + 1);
                }
            } else if (c.equalsIgnoreCase(i, "USER")) {
                if (!c.equals(i + 1, DEFAULT_USER)) {
                    return Replies.bytes("-ERR No such user '" + c.toString(i + 1) + "'\r\n");
                }
            } else if (c.equalsIgnoreCase(i, "SKIPME")) {
                if (!c.equalsIgnoreCase(i + 1, "yes") && !c.equalsIgnoreCase(i + 1, "no")) {
                    return Replies.SYNTAX;
                }
            } else if (!c.equalsIgnoreCase(i, "ADDR") && !c.equalsIgnoreCase(i, "LADDR")) {
                return Replies.SYNTAX;
            }
        }
        return null;
    }

    private static boolean isClientType(Request c, int i) {
        return c.equalsIgnoreCase(i, "normal") || c.equalsIgnoreCase(i, "master") || c.equalsIgnoreCase(i, "replica")
                || c.equalsIgnoreCase(i, "slave") || c.equalsIgnoreCase(i, "pubsub");
    }

    private static byte[] unknownType(Request c, int i) {
        return Replies.bytes("-ERR Unknown client type '" + c.toString(i) + "'\r\n");
    }

    /**
     * CLIENT KILL filter... on this shard (arguments from index 2, checked by {@link #killCheck}):
     * kills every client matching all filters, except the caller unless SKIPME no; replies how
     * many. Only normal clients exist and no address is recorded, so TYPE other than normal and
     * ADDR/LADDR match nobody.
     */
    void clientKill(Request c, OutputBuffer out, long callerId) {
        boolean skipMe = true;
        for (int a = 2; a + 1 < c.argc(); a += 2) {
            if (c.equalsIgnoreCase(a, "SKIPME")) {
                skipMe = c.equalsIgnoreCase(a + 1, "yes");
            }
        }
        long killed = 0;
        for (int i = 0; i < context.sessionSlots(); i++) {
            Session s = context.sessionAt(i);
            if (s != null && !(skipMe && s.id() == callerId) && matches(c, s)) {
                if (client(s).blockedOn >= 0) {
                    context.closeNow(s); // a blocked client owes no reply: it goes now, and its wait ends with its ticket
                } else {
                    context.kill(s);
                }
                killed++;
            }
        }
        RespWriter.integer(out, killed);
    }

    private static boolean matches(Request c, Session s) {
        for (int a = 2; a + 1 < c.argc(); a += 2) {
            if (c.equalsIgnoreCase(a, "ID") && !(c.parseLong(a + 1) && c.longValue() == s.id())) {
                return false;
            }
            if (c.equalsIgnoreCase(a, "TYPE") && !c.equalsIgnoreCase(a + 1, "normal")) {
                return false;
            }
            if (c.equalsIgnoreCase(a, "ADDR") || c.equalsIgnoreCase(a, "LADDR")) {
                return false;
            }
        }
        return true;
    }

    /** CLIENT HELP. */
    static void clientHelp(OutputBuffer out) {
        ServerCommands.help(out, "CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                "ID", "    Return the ID of the current connection.",
                "INFO", "    Return information about the current client connection.",
                "GETNAME", "    Return the name of the current connection.",
                "SETNAME <name>", "    Assign the name <name> to the current connection.",
                "SETINFO <LIB-NAME|LIB-VER> <value>", "    Record the client library's name or version.",
                "LIST [TYPE <type>|ID <id> [<id> ...]]", "    Return information about client connections (all shards).",
                "KILL <option> <value> [<option> <value> [...]]",
                "    Kill connections on any shard. Options: ID <client-id>, TYPE <type>, USER <username>,",
                "    ADDR <ip:port>, LADDR <ip:port> (kevy records no addresses: they match nobody),",
                "    SKIPME (YES|NO) (default YES).",
                "HELP", "    Print this help.");
    }

    /** Redis's client flags in its order: P (subscribed), x (in MULTI or running EXEC); N for none. */
    private static String flags(Client cl) {
        String flags = (cl.subscriber != null && cl.subscriber.subscribed() ? "P" : "") + (cl.blockedOn >= 0 ? "b" : "")
                + (inMulti(cl) ? "x" : "");
        return flags.isEmpty() ? "N" : flags;
    }

    private static boolean inMulti(Client cl) {
        return cl.tx != null && (cl.tx.open || cl.tx.executing);
    }

    private String describe(Session s, long now) {
        Client cl = client(s);
        CommandSpec last = table.byId(cl.lastCommand);
        return "id=" + s.id() + " addr=? laddr=? fd=-1 name=" + (cl.name == null ? "" : new String(cl.name,
                StandardCharsets.UTF_8)) + " age=" + (now - s.openedMillis()) / 1000 + " idle="
                + (now - cl.lastActiveMillis) / 1000 + " flags=" + flags(cl) + " db=" + cl.db
                + " sub=" + (cl.subscriber == null ? 0 : cl.subscriber.channels.size())
                + " psub=" + (cl.subscriber == null ? 0 : cl.subscriber.patterns.size())
                + " ssub=" + (cl.subscriber == null ? 0 : cl.subscriber.shardChannels.size())
                + " multi=" + (inMulti(cl) ? cl.tx.count : -1) + " cmd="
                + (last == null ? "NULL" : last.name()) + " user=default redir=-1 resp=" + (cl.resp3 ? 3 : 2) + " lib-name=" + cl.libName
                + " lib-ver=" + cl.libVersion + " shard=" + s.shard() + "\n";
    }
}
