package dev.kevy.server.command;

import dev.kevy.io.codec.Request;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The subcommands of the container commands (CONFIG, CLIENT, SLOWLOG, COMMAND, OBJECT) with Redis 7's
 * arities, so a call is rejected exactly as Redis rejects it: an unknown subcommand with
 * {@code unknown subcommand 'x'. Try CONFIG HELP.}, a wrong count with
 * {@code wrong number of arguments for 'config|get' command}. Lookup is a case-insensitive scan of
 * a handful of names and allocates nothing; only the unknown-subcommand error (which quotes the
 * request) is built per call.
 */
public final class Subcommands {

    /** One subcommand: lower-case name, Redis arity (counting the container's name), its arity error. */
    public record Sub(String name, int arity, byte[] nameBytes, byte[] arityError) {
        public boolean arityAccepts(int argc) {
            return arity >= 0 ? argc == arity : argc >= -arity;
        }
    }

    private final Sub[][] byCommand = new Sub[Cmd.MAX_ID + 1][];

    public Subcommands() {
        define(Cmd.CONFIG, "config", "get", -3, "set", -4, "resetstat", 2, "rewrite", 2, "help", 2);
        define(Cmd.CLIENT, "client", "id", 2, "info", 2, "list", -2, "kill", -3, "getname", 2, "setname", 3,
                "setinfo", 4, "unblock", -3, "help", 2);
        define(Cmd.SLOWLOG, "slowlog", "get", -2, "len", 2, "reset", 2, "help", 2);
        define(Cmd.MEMORY, "memory", "usage", -3, "malloc-stats", 2, "purge", 2, "help", 2);
        define(Cmd.OBJECT, "object", "encoding", 3, "freq", 3, "idletime", 3, "refcount", 3, "help", 2);
        define(Cmd.PUBSUB, "pubsub", "channels", -2, "numsub", -2, "numpat", 2, "shardchannels", -2,
                "shardnumsub", -2, "help", 2);
        define(Cmd.COMMAND, "command", "count", 2, "list", -2, "info", -2, "docs", -2, "getkeys", -4, "help", 2);
    }

    private void define(int id, String container, Object... nameArity) {
        Sub[] subs = new Sub[nameArity.length / 2];
        for (int i = 0; i < subs.length; i++) {
            String name = (String) nameArity[2 * i];
            int arity = (Integer) nameArity[2 * i + 1];
            subs[i] = new Sub(name, arity, name.getBytes(StandardCharsets.US_ASCII),
                    Replies.bytes("-ERR wrong number of arguments for '" + container + "|" + name + "' command\r\n"));
        }
        byCommand[id] = subs;
    }

    /** Whether command {@code id} has subcommands. */
    public boolean isContainer(int id) {
        return id >= 0 && id < byCommand.length && byCommand[id] != null;
    }

    /** The subcommand named by argument 1 of {@code c} (a container command), or {@code null}. */
    public Sub lookup(int id, Request c) {
        for (Sub s : byCommand[id]) {
            if (c.equalsIgnoreCase(1, s.nameBytes())) {
                return s;
            }
        }
        return null;
    }

    /**
     * Redis's reply to an unknown subcommand: the argument cut at 128 bytes (and at a NUL, as C
     * prints it), CR and LF shown as spaces, and the container's name upper-cased.
     */
    public static byte[] unknown(Request c) {
        StringBuilder s = new StringBuilder("-ERR unknown subcommand '");
        long n = Math.min(c.length(1), 128);
        for (long i = 0; i < n; i++) {
            byte b = c.byteAt(1, i);
            if (b == 0) {
                break;
            }
            s.append(b == '\r' || b == '\n' ? ' ' : (char) (b & 0xFF));
        }
        s.append("'. Try ").append(c.toString(0).toUpperCase(Locale.ROOT)).append(" HELP.\r\n");
        return s.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
