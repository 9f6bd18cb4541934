package dev.kevy.server.command;

import static dev.kevy.server.command.CommandSpec.ALL_SHARDS;
import static dev.kevy.server.command.CommandSpec.ATOMIC;
import static dev.kevy.server.command.CommandSpec.CONNECTION;
import static dev.kevy.server.command.CommandSpec.DENYOOM;
import static dev.kevy.server.command.CommandSpec.FAST;
import static dev.kevy.server.command.CommandSpec.HIDDEN;
import static dev.kevy.server.command.CommandSpec.NO_AUTH;
import static dev.kevy.server.command.CommandSpec.WRITE;
import static dev.kevy.server.command.CommandSpec.of;

/** The server's commands: the ids the executor switches on, and the table of their specs. */
public final class Cmd {

    // connection and server
    public static final int PING = 1;
    public static final int ECHO = 2;
    public static final int QUIT = 3;
    public static final int SELECT = 4;
    public static final int COMMAND = 5;
    public static final int CONFIG = 6;
    public static final int AUTH = 7;
    public static final int HELLO = 8;
    public static final int CLIENT = 9;
    public static final int INFO = 10;
    public static final int SLOWLOG = 11;
    public static final int TIME = 12;
    public static final int SHARDINFO = 13;
    /** CLIENT KILL's part on each shard: {@code KEVY.CLIENTKILL caller-id filter...}. */
    public static final int CLIENTKILL = 14;
    public static final int RESET = 15;
    /** SCAN's part on each shard: {@code KEVY.SCANPART position [MATCH p] [COUNT n] [TYPE t]}. */
    public static final int SCANPART = 16;
    /** MGET's part on each shard: {@code KEVY.GETPART key}, a GET that answers nil for a value of another type. */
    public static final int GETPART = 17;
    // strings
    public static final int GET = 20;
    public static final int SET = 21;
    public static final int SETNX = 22;
    public static final int SETEX = 23;
    public static final int PSETEX = 24;
    public static final int GETSET = 25;
    public static final int GETDEL = 26;
    public static final int GETEX = 27;
    public static final int APPEND = 28;
    public static final int STRLEN = 29;
    public static final int GETRANGE = 30;
    public static final int SETRANGE = 31;
    public static final int INCR = 32;
    public static final int DECR = 33;
    public static final int INCRBY = 34;
    public static final int DECRBY = 35;
    public static final int INCRBYFLOAT = 36;
    public static final int MGET = 37;
    public static final int MSET = 38;
    public static final int MSETNX = 39;
    // keys
    public static final int DEL = 50;
    public static final int UNLINK = 51;
    public static final int EXISTS = 52;
    public static final int TYPE = 53;
    public static final int TOUCH = 54;
    public static final int EXPIRE = 55;
    public static final int PEXPIRE = 56;
    public static final int EXPIREAT = 57;
    public static final int PEXPIREAT = 58;
    public static final int TTL = 59;
    public static final int PTTL = 60;
    public static final int EXPIRETIME = 61;
    public static final int PEXPIRETIME = 62;
    public static final int PERSIST = 63;
    public static final int KEYS = 64;
    public static final int SCAN = 65;
    public static final int RANDOMKEY = 66;
    public static final int DBSIZE = 67;
    public static final int FLUSHALL = 68;
    public static final int FLUSHDB = 69;
    public static final int RENAME = 70;
    public static final int RENAMENX = 71;
    public static final int MOVE = 72;
    public static final int SWAPDB = 73;
    // hashes
    public static final int HSET = 80;
    public static final int HSETNX = 81;
    public static final int HMSET = 82;
    public static final int HGET = 83;
    public static final int HMGET = 84;
    public static final int HDEL = 85;
    public static final int HLEN = 86;
    public static final int HSTRLEN = 87;
    public static final int HEXISTS = 88;
    public static final int HKEYS = 89;
    public static final int HVALS = 90;
    public static final int HGETALL = 91;
    public static final int HINCRBY = 92;
    public static final int HINCRBYFLOAT = 93;
    public static final int HRANDFIELD = 94;
    public static final int HSCAN = 95;
    // sets
    public static final int SADD = 100;
    public static final int SREM = 101;
    public static final int SMEMBERS = 102;
    public static final int SISMEMBER = 103;
    public static final int SMISMEMBER = 104;
    public static final int SCARD = 105;
    public static final int SPOP = 106;
    public static final int SRANDMEMBER = 107;
    public static final int SSCAN = 108;
    public static final int SMOVE = 109;
    public static final int SINTER = 110;
    public static final int SINTERCARD = 111;
    public static final int SINTERSTORE = 112;
    public static final int SUNION = 113;
    public static final int SUNIONSTORE = 114;
    public static final int SDIFF = 115;
    public static final int SDIFFSTORE = 116;
    // keys and memory
    public static final int COPY = 118;
    public static final int MEMORY = 119;
    // bits and LCS (130..139)
    public static final int SETBIT = 130;
    public static final int GETBIT = 131;
    public static final int BITCOUNT = 132;
    public static final int BITPOS = 133;
    public static final int BITOP = 134;
    public static final int BITFIELD = 135;
    public static final int BITFIELD_RO = 136;
    public static final int LCS = 137;
    // introspection
    /** OBJECT subcommand key: IDLETIME, FREQ ({@code ObjectCommands}). */
    public static final int OBJECT = 140;
    /** DUMP and RESTORE: values in Redis's RDB format ({@code DumpCommands}). */
    public static final int DUMP = 141;
    public static final int RESTORE = 142;
    // pub/sub (210..229)
    public static final int SUBSCRIBE = 210;
    public static final int UNSUBSCRIBE = 211;
    public static final int PSUBSCRIBE = 212;
    public static final int PUNSUBSCRIBE = 213;
    public static final int PUBLISH = 214;
    /** PUBSUB CHANNELS | NUMSUB | NUMPAT | SHARDCHANNELS | SHARDNUMSUB | HELP ({@code PubSubIntrospection}). */
    public static final int PUBSUB = 215;
    public static final int SSUBSCRIBE = 216;
    public static final int SUNSUBSCRIBE = 217;
    public static final int SPUBLISH = 218;
    // lists (150..169)
    public static final int LPUSH = 150;
    public static final int RPUSH = 151;
    public static final int LPUSHX = 152;
    public static final int RPUSHX = 153;
    public static final int LPOP = 154;
    public static final int RPOP = 155;
    public static final int LLEN = 156;
    public static final int LRANGE = 157;
    public static final int LINDEX = 158;
    public static final int LSET = 159;
    public static final int LINSERT = 160;
    public static final int LREM = 161;
    public static final int LTRIM = 162;
    public static final int LPOS = 163;
    public static final int LMOVE = 164;
    public static final int RPOPLPUSH = 165;
    /** LMPOP numkeys key [key ...] LEFT|RIGHT [COUNT n]: its keys are arguments 2 .. 1 + numkeys. */
    public static final int LMPOP = 166;
    // sorted sets (170..209)
    public static final int ZADD = 170;
    public static final int ZINCRBY = 171;
    public static final int ZREM = 172;
    public static final int ZSCORE = 173;
    public static final int ZMSCORE = 174;
    public static final int ZCARD = 175;
    public static final int ZRANK = 176;
    public static final int ZREVRANK = 177;
    public static final int ZCOUNT = 178;
    public static final int ZLEXCOUNT = 179;
    public static final int ZRANGE = 180;
    public static final int ZREVRANGE = 181;
    public static final int ZRANGEBYSCORE = 182;
    public static final int ZREVRANGEBYSCORE = 183;
    public static final int ZRANGEBYLEX = 184;
    public static final int ZREVRANGEBYLEX = 185;
    public static final int ZREMRANGEBYRANK = 186;
    public static final int ZREMRANGEBYSCORE = 187;
    public static final int ZREMRANGEBYLEX = 188;
    public static final int ZPOPMIN = 189;
    public static final int ZPOPMAX = 190;
    public static final int ZSCAN = 191;
    public static final int ZRANDMEMBER = 192;
    public static final int ZRANGESTORE = 193;
    public static final int ZUNION = 194;
    public static final int ZUNIONSTORE = 195;
    public static final int ZINTER = 196;
    public static final int ZINTERSTORE = 197;
    public static final int ZDIFF = 198;
    public static final int ZDIFFSTORE = 199;
    public static final int ZINTERCARD = 200;
    public static final int ZMPOP = 201;
    // transactions (240..249)
    public static final int MULTI = 240;
    public static final int EXEC = 241;
    public static final int DISCARD = 242;
    public static final int WATCH = 243;
    public static final int UNWATCH = 244;
    /** WATCH's part on each key's owner: {@code KEVY.WATCHPART client-id key}. */
    public static final int WATCHPART = 245;
    /** Not in the table: the tag of a command inside MULTI, answered +QUEUED where the connection lives. */
    public static final int QUEUE = 246;
    /** Not in the table: the tag of an EXEC carrying its queued commands (the EXEC body). */
    public static final int EXEC_BODY = 247;
    // blocking commands (docs/SERVER.md "Blocking commands")
    public static final int BLPOP = 230;
    public static final int BRPOP = 231;
    public static final int BRPOPLPUSH = 232;
    public static final int BLMOVE = 233;
    /** BLMPOP timeout numkeys key [key ...] LEFT|RIGHT [COUNT n]: its keys are arguments 3 .. 2 + numkeys. */
    public static final int BLMPOP = 234;
    public static final int BZPOPMIN = 235;
    public static final int BZPOPMAX = 236;
    /** BZMPOP timeout numkeys key [key ...] MIN|MAX [COUNT n]. */
    public static final int BZMPOP = 237;
    // snapshots (docs/SERVER.md "Persistence")
    public static final int SAVE = 250;
    public static final int BGSAVE = 251;
    public static final int LASTSAVE = 252;
    public static final int SHUTDOWN = 253;
    public static final int BGREWRITEAOF = 254;
    /** The largest id. */
    public static final int MAX_ID = 254;

    private Cmd() {
    }

    /** Every command the server answers. */
    public static CommandTable table() {
        return new CommandTable(
                of(PING, "ping", -1, CONNECTION | FAST, 0, 0, 0),
                of(ECHO, "echo", 2, CONNECTION | FAST, 0, 0, 0),
                of(QUIT, "quit", -1, CONNECTION | NO_AUTH, 0, 0, 0),
                of(SELECT, "select", 2, CONNECTION, 0, 0, 0),
                of(COMMAND, "command", -1, CONNECTION, 0, 0, 0),
                of(CONFIG, "config", -2, CONNECTION, 0, 0, 0),
                of(AUTH, "auth", -2, CONNECTION | NO_AUTH, 0, 0, 0),
                of(HELLO, "hello", -1, CONNECTION | NO_AUTH, 0, 0, 0),
                of(CLIENT, "client", -2, CONNECTION, 0, 0, 0),
                of(INFO, "info", -1, ALL_SHARDS, 0, 0, 0),
                of(SLOWLOG, "slowlog", -2, ALL_SHARDS, 0, 0, 0),
                of(TIME, "time", 1, CONNECTION, 0, 0, 0),
                of(RESET, "reset", 1, CONNECTION | NO_AUTH, 0, 0, 0),
                of(SHARDINFO, "kevy.shardinfo", -1, HIDDEN, 0, 0, 0),
                of(CLIENTKILL, "kevy.clientkill", -2, HIDDEN, 0, 0, 0),
                of(SCANPART, "kevy.scanpart", -2, HIDDEN, 0, 0, 0),
                of(GETPART, "kevy.getpart", 2, HIDDEN | FAST, 1, 1, 1),
                of(GET, "get", 2, FAST, 1, 1, 1),
                of(SET, "set", -3, WRITE | DENYOOM | FAST, 1, 1, 1),
                of(SETNX, "setnx", 3, WRITE | DENYOOM | FAST, 1, 1, 1),
                of(SETEX, "setex", 4, WRITE | DENYOOM | FAST, 1, 1, 1),
                of(PSETEX, "psetex", 4, WRITE | DENYOOM | FAST, 1, 1, 1),
                of(GETSET, "getset", 3, WRITE | DENYOOM | FAST, 1, 1, 1),
                of(GETDEL, "getdel", 2, WRITE | FAST, 1, 1, 1),
                of(GETEX, "getex", -2, WRITE | FAST, 1, 1, 1),
                of(APPEND, "append", 3, WRITE | DENYOOM, 1, 1, 1),
                of(STRLEN, "strlen", 2, FAST, 1, 1, 1),
                of(GETRANGE, "getrange", 4, 0, 1, 1, 1),
                of(SETRANGE, "setrange", 4, WRITE | DENYOOM, 1, 1, 1),
                of(INCR, "incr", 2, WRITE | DENYOOM | FAST, 1, 1, 1),
                of(DECR, "decr", 2, WRITE | DENYOOM | FAST, 1, 1, 1),
                of(INCRBY, "incrby", 3, WRITE | DENYOOM | FAST, 1, 1, 1),
                of(DECRBY, "decrby", 3, WRITE | DENYOOM | FAST, 1, 1, 1),
                of(INCRBYFLOAT, "incrbyfloat", 3, WRITE | DENYOOM, 1, 1, 1),
                of(MGET, "mget", -2, FAST, 1, -1, 1),
                of(MSET, "mset", -3, WRITE | DENYOOM | FAST, 1, -1, 2),
                of(MSETNX, "msetnx", -3, WRITE | DENYOOM | ATOMIC, 1, -1, 2),
                of(DEL, "del", -2, WRITE, 1, -1, 1),
                of(UNLINK, "unlink", -2, WRITE, 1, -1, 1),
                of(EXISTS, "exists", -2, FAST, 1, -1, 1),
                of(TYPE, "type", 2, FAST, 1, 1, 1),
                of(TOUCH, "touch", -2, FAST, 1, -1, 1),
                of(EXPIRE, "expire", -3, WRITE | FAST, 1, 1, 1),
                of(PEXPIRE, "pexpire", -3, WRITE | FAST, 1, 1, 1),
                of(EXPIREAT, "expireat", -3, WRITE | FAST, 1, 1, 1),
                of(PEXPIREAT, "pexpireat", -3, WRITE | FAST, 1, 1, 1),
                of(TTL, "ttl", 2, FAST, 1, 1, 1),
                of(PTTL, "pttl", 2, FAST, 1, 1, 1),
                of(EXPIRETIME, "expiretime", 2, FAST, 1, 1, 1),
                of(PEXPIRETIME, "pexpiretime", 2, FAST, 1, 1, 1),
                of(PERSIST, "persist", 2, WRITE | FAST, 1, 1, 1),
                of(KEYS, "keys", 2, ALL_SHARDS, 0, 0, 0),
                of(SCAN, "scan", -2, 0, 0, 0, 0),
                of(RANDOMKEY, "randomkey", 1, ALL_SHARDS, 0, 0, 0),
                of(DBSIZE, "dbsize", 1, ALL_SHARDS, 0, 0, 0),
                of(FLUSHALL, "flushall", -1, WRITE | ALL_SHARDS, 0, 0, 0),
                of(FLUSHDB, "flushdb", -1, WRITE | ALL_SHARDS, 0, 0, 0),
                of(RENAME, "rename", 3, WRITE | ATOMIC, 1, 2, 1),
                of(RENAMENX, "renamenx", 3, WRITE | ATOMIC, 1, 2, 1),
                of(MOVE, "move", 3, WRITE, 1, 1, 1),
                of(SWAPDB, "swapdb", 3, WRITE, 0, 0, 0),
                of(HSET, "hset", -4, WRITE | DENYOOM | FAST, 1, 1, 1),
                of(HSETNX, "hsetnx", 4, WRITE | DENYOOM | FAST, 1, 1, 1),
                of(HMSET, "hmset", -4, WRITE | DENYOOM | FAST, 1, 1, 1),
                of(HGET, "hget", 3, FAST, 1, 1, 1),
                of(HMGET, "hmget", -3, FAST, 1, 1, 1),
                of(HDEL, "hdel", -3, WRITE | FAST, 1, 1, 1),
                of(HLEN, "hlen", 2, FAST, 1, 1, 1),
                of(HSTRLEN, "hstrlen", 3, FAST, 1, 1, 1),
                of(HEXISTS, "hexists", 3, FAST, 1, 1, 1),
                of(HKEYS, "hkeys", 2, 0, 1, 1, 1),
                of(HVALS, "hvals", 2, 0, 1, 1, 1),
                of(HGETALL, "hgetall", 2, 0, 1, 1, 1),
                of(HINCRBY, "hincrby", 4, WRITE | DENYOOM | FAST, 1, 1, 1),
                of(HINCRBYFLOAT, "hincrbyfloat", 4, WRITE | DENYOOM, 1, 1, 1),
                of(HRANDFIELD, "hrandfield", -2, 0, 1, 1, 1),
                of(HSCAN, "hscan", -3, 0, 1, 1, 1),
                of(SADD, "sadd", -3, WRITE | DENYOOM | FAST, 1, 1, 1),
                of(SREM, "srem", -3, WRITE | FAST, 1, 1, 1),
                of(SMEMBERS, "smembers", 2, 0, 1, 1, 1),
                of(SISMEMBER, "sismember", 3, FAST, 1, 1, 1),
                of(SMISMEMBER, "smismember", -3, FAST, 1, 1, 1),
                of(SCARD, "scard", 2, FAST, 1, 1, 1),
                of(SPOP, "spop", -2, WRITE, 1, 1, 1),
                of(SRANDMEMBER, "srandmember", -2, 0, 1, 1, 1),
                of(SSCAN, "sscan", -3, 0, 1, 1, 1),
                of(SMOVE, "smove", 4, WRITE | ATOMIC, 1, 2, 1),
                of(SINTER, "sinter", -2, ATOMIC, 1, -1, 1),
                of(SINTERCARD, "sintercard", -3, ATOMIC, 2, -1, 1),
                of(SINTERSTORE, "sinterstore", -3, WRITE | DENYOOM | ATOMIC, 1, -1, 1),
                of(SUNION, "sunion", -2, ATOMIC, 1, -1, 1),
                of(SUNIONSTORE, "sunionstore", -3, WRITE | DENYOOM | ATOMIC, 1, -1, 1),
                of(SDIFF, "sdiff", -2, ATOMIC, 1, -1, 1),
                of(SDIFFSTORE, "sdiffstore", -3, WRITE | DENYOOM | ATOMIC, 1, -1, 1),
                of(COPY, "copy", -3, WRITE | DENYOOM | ATOMIC, 1, 2, 1),
                of(MEMORY, "memory", -2, 0, 0, 0, 0),
                of(SETBIT, "setbit", 4, WRITE | DENYOOM, 1, 1, 1),
                of(GETBIT, "getbit", 3, FAST, 1, 1, 1),
                of(BITCOUNT, "bitcount", -2, 0, 1, 1, 1),
                of(BITPOS, "bitpos", -3, 0, 1, 1, 1),
                of(BITOP, "bitop", -4, WRITE | DENYOOM | ATOMIC, 2, -1, 1),
                of(BITFIELD, "bitfield", -2, WRITE | DENYOOM, 1, 1, 1),
                of(BITFIELD_RO, "bitfield_ro", -2, 0, 1, 1, 1),
                of(LCS, "lcs", -3, ATOMIC, 1, 2, 1),
                of(OBJECT, "object", -2, 0, 2, 2, 1),
                of(DUMP, "dump", 2, 0, 1, 1, 1),
                of(SAVE, "save", 1, 0, 0, 0, 0),
                of(BGSAVE, "bgsave", -1, 0, 0, 0, 0),
                of(LASTSAVE, "lastsave", 1, FAST, 0, 0, 0),
                of(SHUTDOWN, "shutdown", -1, 0, 0, 0, 0),
                of(BGREWRITEAOF, "bgrewriteaof", 1, 0, 0, 0, 0),
                of(RESTORE, "restore", -4, WRITE | DENYOOM, 1, 1, 1),
                of(SUBSCRIBE, "subscribe", -2, CONNECTION, 0, 0, 0),
                of(UNSUBSCRIBE, "unsubscribe", -1, CONNECTION, 0, 0, 0),
                of(PSUBSCRIBE, "psubscribe", -2, CONNECTION, 0, 0, 0),
                of(PUNSUBSCRIBE, "punsubscribe", -1, CONNECTION, 0, 0, 0),
                of(PUBLISH, "publish", 3, FAST, 0, 0, 0),
                of(PUBSUB, "pubsub", -2, 0, 0, 0, 0),
                of(SSUBSCRIBE, "ssubscribe", -2, CONNECTION, 1, -1, 1),
                of(SUNSUBSCRIBE, "sunsubscribe", -1, CONNECTION, 1, -1, 1),
                of(SPUBLISH, "spublish", 3, FAST, 1, 1, 1),
                of(LPUSH, "lpush", -3, WRITE | DENYOOM | FAST, 1, 1, 1),
                of(RPUSH, "rpush", -3, WRITE | DENYOOM | FAST, 1, 1, 1),
                of(LPUSHX, "lpushx", -3, WRITE | DENYOOM | FAST, 1, 1, 1),
                of(RPUSHX, "rpushx", -3, WRITE | DENYOOM | FAST, 1, 1, 1),
                of(LPOP, "lpop", -2, WRITE | FAST, 1, 1, 1),
                of(RPOP, "rpop", -2, WRITE | FAST, 1, 1, 1),
                of(LLEN, "llen", 2, FAST, 1, 1, 1),
                of(LRANGE, "lrange", 4, 0, 1, 1, 1),
                of(LINDEX, "lindex", 3, 0, 1, 1, 1),
                of(LSET, "lset", 4, WRITE | DENYOOM, 1, 1, 1),
                of(LINSERT, "linsert", 5, WRITE | DENYOOM, 1, 1, 1),
                of(LREM, "lrem", 4, WRITE, 1, 1, 1),
                of(LTRIM, "ltrim", 4, WRITE, 1, 1, 1),
                of(LPOS, "lpos", -3, 0, 1, 1, 1),
                of(LMOVE, "lmove", 5, WRITE | DENYOOM | ATOMIC, 1, 2, 1),
                of(RPOPLPUSH, "rpoplpush", 3, WRITE | DENYOOM | ATOMIC, 1, 2, 1),
                of(LMPOP, "lmpop", -4, WRITE | ATOMIC, 2, -2, 1),
                of(ZADD, "zadd", -4, WRITE | DENYOOM | FAST, 1, 1, 1),
                of(ZINCRBY, "zincrby", 4, WRITE | DENYOOM | FAST, 1, 1, 1),
                of(ZREM, "zrem", -3, WRITE | FAST, 1, 1, 1),
                of(ZSCORE, "zscore", 3, FAST, 1, 1, 1),
                of(ZMSCORE, "zmscore", -3, FAST, 1, 1, 1),
                of(ZCARD, "zcard", 2, FAST, 1, 1, 1),
                of(ZRANK, "zrank", 3, FAST, 1, 1, 1),
                of(ZREVRANK, "zrevrank", 3, FAST, 1, 1, 1),
                of(ZCOUNT, "zcount", 4, FAST, 1, 1, 1),
                of(ZLEXCOUNT, "zlexcount", 4, FAST, 1, 1, 1),
                of(ZRANGE, "zrange", -4, 0, 1, 1, 1),
                of(ZREVRANGE, "zrevrange", -4, 0, 1, 1, 1),
                of(ZRANGEBYSCORE, "zrangebyscore", -4, 0, 1, 1, 1),
                of(ZREVRANGEBYSCORE, "zrevrangebyscore", -4, 0, 1, 1, 1),
                of(ZRANGEBYLEX, "zrangebylex", -4, 0, 1, 1, 1),
                of(ZREVRANGEBYLEX, "zrevrangebylex", -4, 0, 1, 1, 1),
                of(ZREMRANGEBYRANK, "zremrangebyrank", 4, WRITE, 1, 1, 1),
                of(ZREMRANGEBYSCORE, "zremrangebyscore", 4, WRITE, 1, 1, 1),
                of(ZREMRANGEBYLEX, "zremrangebylex", 4, WRITE, 1, 1, 1),
                of(ZPOPMIN, "zpopmin", -2, WRITE | FAST, 1, 1, 1),
                of(ZPOPMAX, "zpopmax", -2, WRITE | FAST, 1, 1, 1),
                of(ZSCAN, "zscan", -3, 0, 1, 1, 1),
                of(ZRANDMEMBER, "zrandmember", -2, 0, 1, 1, 1),
                of(ZRANGESTORE, "zrangestore", -5, WRITE | DENYOOM | ATOMIC, 1, 2, 1),
                of(ZUNION, "zunion", -3, ATOMIC, 2, -1, 1),
                of(ZUNIONSTORE, "zunionstore", -4, WRITE | DENYOOM | ATOMIC, 1, -1, 1),
                of(ZINTER, "zinter", -3, ATOMIC, 2, -1, 1),
                of(ZINTERSTORE, "zinterstore", -4, WRITE | DENYOOM | ATOMIC, 1, -1, 1),
                of(ZDIFF, "zdiff", -3, ATOMIC, 2, -1, 1),
                of(ZDIFFSTORE, "zdiffstore", -4, WRITE | DENYOOM | ATOMIC, 1, -1, 1),
                of(ZINTERCARD, "zintercard", -3, ATOMIC, 2, -1, 1),
                of(ZMPOP, "zmpop", -4, WRITE | ATOMIC, 2, -1, 1),
                of(MULTI, "multi", 1, CONNECTION | FAST, 0, 0, 0),
                of(EXEC, "exec", 1, CONNECTION, 0, 0, 0),
                of(DISCARD, "discard", 1, CONNECTION | FAST, 0, 0, 0),
                of(WATCH, "watch", -2, FAST, 1, -1, 1),
                of(UNWATCH, "unwatch", 1, CONNECTION | FAST, 0, 0, 0),
                of(WATCHPART, "kevy.watchpart", 3, HIDDEN, 0, 0, 0),
                of(BLPOP, "blpop", -3, WRITE, 1, -2, 1),
                of(BRPOP, "brpop", -3, WRITE, 1, -2, 1),
                of(BRPOPLPUSH, "brpoplpush", 4, WRITE | DENYOOM, 1, 2, 1),
                of(BLMOVE, "blmove", 6, WRITE | DENYOOM, 1, 2, 1),
                of(BLMPOP, "blmpop", -5, WRITE, 3, -2, 1),
                of(BZPOPMIN, "bzpopmin", -3, WRITE, 1, -2, 1),
                of(BZPOPMAX, "bzpopmax", -3, WRITE, 1, -2, 1),
                of(BZMPOP, "bzmpop", -5, WRITE, 3, -2, 1));
    }
}
