package dev.kevy.server;

import dev.kevy.io.Reducer;
import dev.kevy.io.codec.Request;
import dev.kevy.io.resp.RespWriter;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.server.command.CommandSpec;
import dev.kevy.server.command.CommandTable;
import dev.kevy.server.command.Replies;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** COMMAND, CONFIG, SLOWLOG and TIME: commands about the server rather than the data. */
final class ServerCommands {

    private static final byte[] COUNT = Replies.bytes("COUNT");
    private static final byte[] DOCS = Replies.bytes("DOCS");
    private static final byte[] LIST = Replies.bytes("LIST");
    private static final byte[] INFO = Replies.bytes("INFO");
    private static final byte[] GET = Replies.bytes("GET");
    private static final byte[] SET = Replies.bytes("SET");
    private static final byte[] LEN = Replies.bytes("LEN");
    private static final byte[] RESET = Replies.bytes("RESET");
    private static final byte[] GETKEYS = Replies.bytes("GETKEYS");
    private static final byte[] HELP = Replies.bytes("HELP");
    private static final byte[] REWRITE = Replies.bytes("REWRITE");

    private final CommandTable table;
    private final ConfigValues config;
    private final SlowLog slowlog;
    private final RespReader reader = new RespReader();

    /** Merges the shards' SLOWLOG GET parts: newest first, at most the requested count. */
    final Reducer slowlogMerge = this::mergeSlowlog;

    ServerCommands(CommandTable table, ConfigValues config, SlowLog slowlog) {
        this.table = table;
        this.config = config;
        this.slowlog = slowlog;
    }

    /**
     * COMMAND, COMMAND COUNT, COMMAND LIST [FILTERBY PATTERN p], COMMAND INFO [name...],
     * COMMAND GETKEYS command args..., COMMAND DOCS (empty), COMMAND HELP. Subcommand names and
     * counts were checked by {@link dev.kevy.server.command.Subcommands}.
     */
    void command(Request c, OutputBuffer out) {
        if (c.argc() == 1 || (c.equalsIgnoreCase(1, INFO) && c.argc() == 2)) {
            CommandSpec[] all = table.all();
            RespWriter.arrayHeader(out, visibleCount(all));
            for (CommandSpec spec : all) {
                if (!spec.hasFlag(CommandSpec.HIDDEN)) {
                    writeInfo(spec, out);
                }
            }
        } else if (c.equalsIgnoreCase(1, COUNT)) {
            RespWriter.integer(out, visibleCount(table.all()));
        } else if (c.equalsIgnoreCase(1, LIST)) {
            list(c, out);
        } else if (c.equalsIgnoreCase(1, DOCS)) {
            RespWriter.mapHeader(out, 0); // clients use it for hints only; none is a valid answer
        } else if (c.equalsIgnoreCase(1, INFO)) {
            RespWriter.arrayHeader(out, c.argc() - 2);
            for (int i = 2; i < c.argc(); i++) {
                CommandSpec spec = byName(c, i);
                if (spec == null) {
                    RespWriter.nullBulk(out);
                } else {
                    writeInfo(spec, out);
                }
            }
        } else if (c.equalsIgnoreCase(1, GETKEYS)) {
            getkeys(c, out);
        } else {
            help(out, "COMMAND <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                    "(no subcommand)", "    Return details about all commands.",
                    "COUNT", "    Return the total number of commands in this server.",
                    "LIST [FILTERBY PATTERN <pattern>]", "    Return a list of all commands in this server.",
                    "INFO [<command-name> ...]", "    Return details about the named commands, or all commands.",
                    "GETKEYS <full-command>", "    Return the keys from a full command.",
                    "DOCS [<command-name> ...]", "    Return documentation (kevy has none: an empty array).",
                    "HELP", "    Print this help.");
        }
    }

    /** COMMAND LIST [FILTERBY PATTERN p | ACLCAT c | MODULE m]: kevy has no modules or ACL categories. */
    private void list(Request c, OutputBuffer out) {
        boolean pattern = c.argc() == 5 && c.equalsIgnoreCase(2, "FILTERBY") && c.equalsIgnoreCase(3, "PATTERN");
        boolean none = c.argc() == 5 && c.equalsIgnoreCase(2, "FILTERBY")
                && (c.equalsIgnoreCase(3, "ACLCAT") || c.equalsIgnoreCase(3, "MODULE"));
        if (c.argc() != 2 && !pattern && !none) {
            out.writeBytes(Replies.SYNTAX);
            return;
        }
        List<CommandSpec> shown = new ArrayList<>();
        for (CommandSpec spec : table.all()) {
            byte[] n = spec.nameBytes();
            if (!spec.hasFlag(CommandSpec.HIDDEN) && !none && (!pattern || dev.kevy.server.Glob.matches(c.buffer(),
                    c.offset(4), c.length(4), java.lang.foreign.MemorySegment.ofArray(n), 0, n.length, true))) {
                shown.add(spec);
            }
        }
        RespWriter.arrayHeader(out, shown.size());
        for (CommandSpec spec : shown) {
            RespWriter.bulk(out, spec.nameBytes());
        }
    }

    /** COMMAND GETKEYS command arg...: the key arguments, with Redis's errors. */
    private void getkeys(Request c, OutputBuffer out) {
        CommandSpec spec = byName(c, 2);
        int argc = c.argc() - 2;
        if (spec == null) {
            out.writeAscii("-ERR Invalid command specified\r\n");
        } else if (spec.firstKey() == 0) {
            out.writeAscii("-ERR The command has no key arguments\r\n");
        } else if (!spec.arityAccepts(argc)) {
            out.writeAscii("-ERR Invalid number of arguments specified for command\r\n");
        } else {
            int last = spec.lastKeyIndex(argc);
            int n = 0;
            for (int i = spec.firstKey(); i <= last && i < argc; i += spec.keyStep()) {
                n++;
            }
            RespWriter.arrayHeader(out, n);
            for (int i = spec.firstKey(); i <= last && i < argc; i += spec.keyStep()) {
                RespWriter.bulk(out, c.buffer(), c.offset(i + 2), c.length(i + 2));
            }
        }
    }

    /** A HELP reply: the title line, then each line, as status strings (Redis's addReplyHelp). */
    static void help(OutputBuffer out, String title, String... lines) {
        RespWriter.arrayHeader(out, lines.length + 1);
        RespWriter.simpleString(out, title);
        for (String l : lines) {
            RespWriter.simpleString(out, l);
        }
    }

    private static int visibleCount(CommandSpec[] all) {
        int n = 0;
        for (CommandSpec spec : all) {
            n += spec.hasFlag(CommandSpec.HIDDEN) ? 0 : 1;
        }
        return n;
    }

    private CommandSpec byName(Request c, int i) {
        for (CommandSpec spec : table.all()) {
            if (!spec.hasFlag(CommandSpec.HIDDEN) && c.length(i) == spec.nameBytes().length
                    && c.equalsIgnoreCase(i, spec.nameBytes())) {
                return spec;
            }
        }
        return null;
    }

    /** Redis 7's ten-field command info, with the fields we do not model left empty. */
    private static void writeInfo(CommandSpec spec, OutputBuffer out) {
        RespWriter.arrayHeader(out, 10);
        RespWriter.bulk(out, spec.nameBytes());
        RespWriter.integer(out, spec.arity());
        boolean write = spec.hasFlag(CommandSpec.WRITE);
        boolean denyoom = spec.hasFlag(CommandSpec.DENYOOM);
        RespWriter.setHeader(out, denyoom ? 2 : 1);
        RespWriter.simpleString(out, write ? "write" : "readonly");
        if (denyoom) {
            RespWriter.simpleString(out, "denyoom");
        }
        boolean keyed = spec.firstKey() != 0;
        RespWriter.integer(out, spec.firstKey());
        RespWriter.integer(out, keyed ? spec.lastKey() : 0);
        RespWriter.integer(out, keyed ? spec.keyStep() : 0);
        for (int i = 0; i < 4; i++) {
            RespWriter.setHeader(out, 0); // ACL categories, tips, key specs, subcommands: sets in RESP3
        }
    }

    /** CONFIG, with RESETSTAT's part on this shard (the fan-out resets every shard). */
    void config(Request c, OutputBuffer out, KeyStats keyStats) {
        if (c.equalsIgnoreCase(1, "RESETSTAT")) {
            keyStats.reset();
            slowlog.reset();
            RespWriter.ok(out);
        } else {
            config(c, out);
        }
    }

    /** CONFIG GET | SET | REWRITE | HELP (RESETSTAT fans out and is handled by the shard handler). */
    void config(Request c, OutputBuffer out) {
        if (c.equalsIgnoreCase(1, GET)) {
            config.get(c, 2, out);
        } else if (c.equalsIgnoreCase(1, SET)) {
            config.set(c, 2, out);
        } else if (c.equalsIgnoreCase(1, REWRITE)) {
            out.writeAscii("-ERR The server is running without a config file\r\n"); // as Redis says without one
        } else {
            help(out, "CONFIG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                    "GET <pattern>", "    Return parameters matching the glob-like <pattern> and their values.",
                    "SET <directive> <value>", "    Set the configuration <directive> to <value>.",
                    "RESETSTAT", "    Reset statistics reported by the INFO command.",
                    "REWRITE", "    Rewrite the configuration file (kevy has none).",
                    "HELP", "    Print this help.");
        }
    }

    /** SLOWLOG GET [count] | LEN | RESET on this shard (the fan-out merges them), and HELP. */
    void slowlogPart(Request c, OutputBuffer out) {
        if (c.equalsIgnoreCase(1, LEN)) {
            RespWriter.integer(out, slowlog.length());
        } else if (c.equalsIgnoreCase(1, RESET)) {
            slowlog.reset();
            RespWriter.ok(out);
        } else if (c.equalsIgnoreCase(1, HELP)) {
            help(out, "SLOWLOG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                    "GET [<count>]", "    Return top <count> entries from the slowlog (default: 10, -1 mean all),",
                    "    merged across shards, newest first. Entries are made of:",
                    "    id, timestamp, time in microseconds, arguments array, client IP and port,",
                    "    client name",
                    "LEN", "    Return the length of the slowlog (all shards).",
                    "RESET", "    Reset the slowlog (all shards).",
                    "HELP", "    Prints this help.");
        } else {
            long count = 10;
            if (c.argc() == 3) {
                c.parseLong(2); // validated where the command was received
                count = c.longValue();
            }
            RespWriter.arrayHeader(out, 2);
            RespWriter.integer(out, count);
            slowlog.write(count, out);
        }
    }

    /** Where SLOWLOG is received: checks GET's count before it fans out; null when fine. */
    static byte[] slowlogCheck(Request c) {
        if (c.equalsIgnoreCase(1, GET)) {
            if (c.argc() > 3) {
                return Replies.bytes("-ERR unknown subcommand or wrong number of arguments for '" + c.toString(1)
                        + "'. Try SLOWLOG HELP.\r\n");
            }
            if (c.argc() == 3 && (!c.parseLong(2) || c.longValue() < -1)) {
                return COUNT_TOO_SMALL;
            }
        }
        return null;
    }

    private static final byte[] COUNT_TOO_SMALL = Replies.bytes("-ERR count should be greater than or equal to -1\r\n");

    private record Slow(long id, long time, long start, long end) {
    }

    private void mergeSlowlog(Reducer.Parts parts, OutputBuffer reply) {
        List<Slow> entries = new ArrayList<>();
        long count = 10;
        for (int p = 0; p < parts.count(); p++) {
            reader.reset(parts.segment(), parts.offset(p));
            reader.header(); // *2
            count = reader.header();
            long n = reader.header();
            for (long i = 0; i < n; i++) {
                long start = reader.position();
                reader.header(); // *6
                long id = reader.header();
                long time = reader.header();
                reader.reset(parts.segment(), start);
                reader.skip();
                entries.add(new Slow(id, time, start, reader.position()));
            }
        }
        entries.sort(Comparator.comparingLong(Slow::time).thenComparingLong(Slow::id).reversed());
        int n = count < 0 ? entries.size() : (int) Math.min(count, entries.size());
        RespWriter.arrayHeader(reply, n);
        for (int i = 0; i < n; i++) {
            Slow e = entries.get(i);
            reply.writeBytes(parts.segment(), e.start(), e.end() - e.start());
        }
    }

    /** TIME: unix seconds and microseconds. */
    static void time(OutputBuffer out) {
        java.time.Instant now = java.time.Instant.now();
        RespWriter.arrayHeader(out, 2);
        RespWriter.bulkLong(out, now.getEpochSecond());
        RespWriter.bulkLong(out, now.getNano() / 1000);
    }
}
