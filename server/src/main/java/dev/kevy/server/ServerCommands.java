package dev.kevy.server;

import dev.kevy.io.Reducer;
import dev.kevy.io.resp.RespCommand;
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

    /** COMMAND, COMMAND COUNT, COMMAND LIST, COMMAND INFO name..., COMMAND DOCS (empty). */
    void command(RespCommand c, OutputBuffer out) {
        if (c.argc() == 1) {
            CommandSpec[] all = table.all();
            RespWriter.arrayHeader(out, visibleCount(all));
            for (CommandSpec spec : all) {
                if (!spec.hasFlag(CommandSpec.HIDDEN)) {
                    writeInfo(spec, out);
                }
            }
        } else if (c.equalsIgnoreCase(1, COUNT) && c.argc() == 2) {
            RespWriter.integer(out, visibleCount(table.all()));
        } else if (c.equalsIgnoreCase(1, LIST) && c.argc() == 2) {
            CommandSpec[] all = table.all();
            RespWriter.arrayHeader(out, visibleCount(all));
            for (CommandSpec spec : all) {
                if (!spec.hasFlag(CommandSpec.HIDDEN)) {
                    RespWriter.bulk(out, spec.nameBytes());
                }
            }
        } else if (c.equalsIgnoreCase(1, DOCS)) {
            RespWriter.emptyArray(out); // clients use it for hints only; none is a valid answer
        } else if (c.equalsIgnoreCase(1, INFO)) {
            RespWriter.arrayHeader(out, c.argc() - 2);
            for (int i = 2; i < c.argc(); i++) {
                CommandSpec spec = byName(c, i);
                if (spec == null) {
                    RespWriter.nullArray(out);
                } else {
                    writeInfo(spec, out);
                }
            }
        } else {
            Replies.unknownSubcommand(c, "COMMAND", out);
        }
    }

    private static int visibleCount(CommandSpec[] all) {
        int n = 0;
        for (CommandSpec spec : all) {
            n += spec.hasFlag(CommandSpec.HIDDEN) ? 0 : 1;
        }
        return n;
    }

    private CommandSpec byName(RespCommand c, int i) {
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
        RespWriter.arrayHeader(out, write ? 2 : 1);
        RespWriter.simpleString(out, write ? "write" : "readonly");
        if (write) {
            RespWriter.simpleString(out, "denyoom");
        }
        boolean keyed = spec.firstKey() != 0;
        RespWriter.integer(out, spec.firstKey());
        RespWriter.integer(out, keyed ? spec.lastKey() : 0);
        RespWriter.integer(out, keyed ? spec.keyStep() : 0);
        for (int i = 0; i < 4; i++) {
            RespWriter.emptyArray(out); // ACL categories, tips, key specs, subcommands
        }
    }

    /** CONFIG GET | SET (RESETSTAT fans out and lands in {@link #resetStats}). */
    void config(RespCommand c, OutputBuffer out) {
        if (c.equalsIgnoreCase(1, GET)) {
            if (c.argc() < 3) {
                out.writeAscii("-ERR wrong number of arguments for 'config|get' command\r\n");
            } else {
                config.get(c, 2, out);
            }
        } else if (c.equalsIgnoreCase(1, SET)) {
            if (c.argc() < 4) {
                out.writeAscii("-ERR wrong number of arguments for 'config|set' command\r\n");
            } else {
                config.set(c, 2, out);
            }
        } else {
            Replies.unknownSubcommand(c, "CONFIG", out);
        }
    }

    /** SLOWLOG GET [count] | LEN | RESET on this shard (the fan-out merges them). */
    void slowlogPart(RespCommand c, OutputBuffer out) {
        if (c.equalsIgnoreCase(1, LEN)) {
            RespWriter.integer(out, slowlog.length());
        } else if (c.equalsIgnoreCase(1, RESET)) {
            slowlog.reset();
            RespWriter.ok(out);
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

    /** Where SLOWLOG is received: checks the arguments before it fans out; null when they are fine. */
    static byte[] slowlogCheck(RespCommand c) {
        if (c.equalsIgnoreCase(1, GET) && c.argc() <= 3) {
            if (c.argc() == 3 && (!c.parseLong(2) || c.longValue() < -1)) {
                return Replies.bytes("-ERR count should be greater than or equal to -1\r\n");
            }
            return null;
        }
        if ((c.equalsIgnoreCase(1, LEN) || c.equalsIgnoreCase(1, RESET)) && c.argc() == 2) {
            return null;
        }
        return UNKNOWN_SLOWLOG;
    }

    private static final byte[] UNKNOWN_SLOWLOG = Replies.bytes("-ERR unknown subcommand or wrong number of arguments "
            + "for SLOWLOG. Try SLOWLOG HELP.\r\n");

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
