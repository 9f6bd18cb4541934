package dev.kevy.server;

import dev.kevy.io.Session;
import dev.kevy.io.resp.RespCommand;
import dev.kevy.io.resp.RespWriter;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.server.command.CommandSpec;
import dev.kevy.server.command.CommandTable;
import dev.kevy.server.command.Replies;

/** PING, ECHO, QUIT, SELECT, COMMAND and CONFIG: commands about the connection or the server. */
final class ConnectionCommands {

    private static final byte[] COUNT = Replies.bytes("COUNT");
    private static final byte[] DOCS = Replies.bytes("DOCS");
    private static final byte[] LIST = Replies.bytes("LIST");
    private static final byte[] INFO = Replies.bytes("INFO");
    private static final byte[] GET = Replies.bytes("GET");

    private final CommandTable table;
    private final ConfigValues config;

    ConnectionCommands(CommandTable table, ConfigValues config) {
        this.table = table;
        this.config = config;
    }

    void ping(RespCommand c, OutputBuffer out) {
        if (c.argc() == 1) {
            RespWriter.pong(out);
        } else if (c.argc() == 2) {
            RespWriter.bulk(out, c.buffer(), c.offset(1), c.length(1));
        } else {
            out.writeBytes(table.lookup(c).arityError());
        }
    }

    void echo(RespCommand c, OutputBuffer out) {
        RespWriter.bulk(out, c.buffer(), c.offset(1), c.length(1));
    }

    void quit(Session session, OutputBuffer out) {
        RespWriter.ok(out);
        session.closeAfterReply();
    }

    /** SELECT: one database, number 0, as in Redis cluster mode. */
    void select(RespCommand c, OutputBuffer out) {
        if (!c.parseLong(1)) {
            out.writeBytes(Replies.NOT_INTEGER);
        } else if (c.longValue() != 0) {
            out.writeBytes(Replies.DB_OUT_OF_RANGE);
        } else {
            RespWriter.ok(out);
        }
    }

    /** COMMAND, COMMAND COUNT, COMMAND LIST, COMMAND INFO name..., COMMAND DOCS (empty). */
    void command(RespCommand c, OutputBuffer out) {
        if (c.argc() == 1) {
            CommandSpec[] all = table.all();
            RespWriter.arrayHeader(out, all.length);
            for (CommandSpec spec : all) {
                writeInfo(spec, out);
            }
        } else if (c.equalsIgnoreCase(1, COUNT) && c.argc() == 2) {
            RespWriter.integer(out, table.size());
        } else if (c.equalsIgnoreCase(1, LIST) && c.argc() == 2) {
            CommandSpec[] all = table.all();
            RespWriter.arrayHeader(out, all.length);
            for (CommandSpec spec : all) {
                RespWriter.bulk(out, spec.nameBytes());
            }
        } else if (c.equalsIgnoreCase(1, DOCS)) {
            RespWriter.emptyArray(out); // clients use it for hints only; none is a valid answer
        } else if (c.equalsIgnoreCase(1, INFO)) {
            RespWriter.arrayHeader(out, c.argc() - 2);
            for (int i = 2; i < c.argc(); i++) {
                CommandSpec spec = lookupName(c, i);
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

    private CommandSpec lookupName(RespCommand c, int i) {
        for (CommandSpec spec : table.all()) {
            if (c.length(i) == spec.nameBytes().length && c.equalsIgnoreCase(i, spec.nameBytes())) {
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
        int flagCount = (spec.hasFlag(CommandSpec.WRITE) ? 1 : 0) + 1;
        RespWriter.arrayHeader(out, flagCount);
        RespWriter.simpleString(out, spec.hasFlag(CommandSpec.WRITE) ? "write" : "readonly");
        if (spec.hasFlag(CommandSpec.WRITE)) {
            RespWriter.simpleString(out, "denyoom");
        }
        RespWriter.integer(out, spec.firstKey());
        RespWriter.integer(out, spec.firstKey() == 0 ? 0 : spec.lastKey());
        RespWriter.integer(out, spec.firstKey() == 0 ? 0 : spec.keyStep());
        for (int i = 0; i < 4; i++) {
            RespWriter.emptyArray(out); // ACL categories, tips, key specs, subcommands
        }
    }

    /** CONFIG GET pattern [pattern ...]: name/value pairs of every matching parameter. */
    void config(RespCommand c, OutputBuffer out) {
        if (c.equalsIgnoreCase(1, GET) && c.argc() >= 3) {
            config.get(c, 2, out);
        } else if (c.equalsIgnoreCase(1, GET)) {
            out.writeBytes(Replies.bytes("-ERR wrong number of arguments for 'config|get' command\r\n"));
        } else {
            Replies.unknownSubcommand(c, "CONFIG", out);
        }
    }
}
