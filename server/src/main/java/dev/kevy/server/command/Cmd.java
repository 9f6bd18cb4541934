package dev.kevy.server.command;

import static dev.kevy.server.command.CommandSpec.ALL_SHARDS;
import static dev.kevy.server.command.CommandSpec.CONNECTION;
import static dev.kevy.server.command.CommandSpec.NO_AUTH;
import static dev.kevy.server.command.CommandSpec.WRITE;
import static dev.kevy.server.command.CommandSpec.of;

/** The server's commands: the ids the executor switches on, and the table of their specs. */
public final class Cmd {

    public static final int PING = 1;
    public static final int ECHO = 2;
    public static final int QUIT = 3;
    public static final int SELECT = 4;
    public static final int COMMAND = 5;
    public static final int CONFIG = 6;
    public static final int GET = 10;
    public static final int SET = 11;
    public static final int DEL = 12;
    public static final int EXISTS = 13;
    public static final int INCR = 14;
    public static final int DECR = 15;
    public static final int INCRBY = 16;
    public static final int DECRBY = 17;
    public static final int MGET = 18;
    public static final int MSET = 19;
    public static final int DBSIZE = 20;
    public static final int FLUSHALL = 21;
    public static final int FLUSHDB = 22;
    public static final int UNLINK = 23;
    public static final int STRLEN = 24;

    private Cmd() {
    }

    /** Every command the server answers. */
    public static CommandTable table() {
        return new CommandTable(
                of(PING, "ping", -1, CONNECTION, 0, 0, 0),
                of(ECHO, "echo", 2, CONNECTION, 0, 0, 0),
                of(QUIT, "quit", -1, CONNECTION | NO_AUTH, 0, 0, 0),
                of(SELECT, "select", 2, CONNECTION, 0, 0, 0),
                of(COMMAND, "command", -1, CONNECTION, 0, 0, 0),
                of(CONFIG, "config", -2, CONNECTION, 0, 0, 0),
                of(GET, "get", 2, 0, 1, 1, 1),
                of(SET, "set", -3, WRITE, 1, 1, 1),
                of(STRLEN, "strlen", 2, 0, 1, 1, 1),
                of(INCR, "incr", 2, WRITE, 1, 1, 1),
                of(DECR, "decr", 2, WRITE, 1, 1, 1),
                of(INCRBY, "incrby", 3, WRITE, 1, 1, 1),
                of(DECRBY, "decrby", 3, WRITE, 1, 1, 1),
                of(DEL, "del", -2, WRITE, 1, -1, 1),
                of(UNLINK, "unlink", -2, WRITE, 1, -1, 1),
                of(EXISTS, "exists", -2, 0, 1, -1, 1),
                of(MGET, "mget", -2, 0, 1, -1, 1),
                of(MSET, "mset", -3, WRITE, 1, -1, 2),
                of(DBSIZE, "dbsize", 1, ALL_SHARDS, 0, 0, 0),
                of(FLUSHALL, "flushall", -1, WRITE | ALL_SHARDS, 0, 0, 0),
                of(FLUSHDB, "flushdb", -1, WRITE | ALL_SHARDS, 0, 0, 0));
    }
}
