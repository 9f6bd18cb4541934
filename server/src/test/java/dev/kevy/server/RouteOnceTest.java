package dev.kevy.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kevy.io.CommandHandler;
import dev.kevy.io.FanOut;
import dev.kevy.io.Reducer;
import dev.kevy.io.RuntimeConfig;
import dev.kevy.io.Session;
import dev.kevy.io.ShardContext;
import dev.kevy.io.ShardStats;
import dev.kevy.io.codec.Request;
import dev.kevy.io.resp.RespReducers;
import dev.kevy.rt.buffer.BufferPool;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.rt.idle.IdlePolicy;
import dev.kevy.server.command.Cmd;
import dev.kevy.server.command.CommandTable;
import dev.kevy.server.metrics.ShardGauges;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A command is looked up and checked once, by {@code route()}: its tag carries the result to
 * {@code execute}, {@code fanOut} and {@code executeAtomic}, which do not read the command's name
 * again. The proof: after route() the name's bytes are changed to a name no table holds; a handler
 * that looked the command up again would answer "unknown command", one that trusts the tag runs
 * the command routed. The same request with its tag cleared (as a fan-out part arrives) does get
 * "unknown command", so the changed name is visible to a lookup and the test can fail.
 */
class RouteOnceTest {

    private static final int SHARDS = 2;
    private static final long NOW = 1_700_000_000_000L;
    private static final String PASS = "pw";

    private final CommandTable table = Cmd.table();
    private final BufferPool pool = new BufferPool();
    private final OutputBuffer out = new OutputBuffer(pool, Long.MAX_VALUE);
    private final List<ShardHandler> handlers = new ArrayList<>();

    @AfterEach
    void close() {
        handlers.forEach(ShardHandler::close);
        out.release();
        pool.close();
    }

    /** One handler per shard, sharing one table and settings, as KevyServer makes them. */
    private ShardHandler[] shards(String requirePass) {
        RuntimeConfig config = RuntimeConfig.builder().shards(SHARDS).build();
        LiveSettings settings = LiveSettings.of(config, "127.0.0.1", 6379, 512L << 20, requirePass, 0);
        ShardGauges gauges = new ShardGauges(SHARDS);
        ShardHandler[] all = new ShardHandler[SHARDS];
        for (int s = 0; s < SHARDS; s++) {
            all[s] = new ShardHandler(new TestContext(s, config, pool), table, settings, gauges, "epoll", null, null);
            all[s].onTick(NOW); // applies the settings, as the first tick does
            handlers.add(all[s]);
        }
        return all;
    }

    private String execute(CommandHandler handler, Request c, Session session) {
        out.clear();
        handler.execute(c, session, out);
        return text(out);
    }

    /** Overwrites byte {@code index} of the command's name in place. */
    private static void renameInPlace(Request c, long index, char to) {
        c.buffer().set(ValueLayout.JAVA_BYTE, c.offset(0) + index, (byte) to);
    }

    @Test
    void executeRunsWhatRouteFoundWithoutLookingTheNameUpAgain() {
        ShardHandler[] shards = shards(null);
        TestSession client = new TestSession(false);
        String key = ShardKeys.on(0, SHARDS, "k", 1)[0];
        assertEquals("+OK\r\n", execute(shards[0], routedOn(shards[0], client, "SET", key, "v"), client));
        Request get = Requests.of("GET", key);
        assertEquals(0, shards[0].route(get, client), "the key's owner");
        assertEquals(Cmd.GET, get.tag(), "route() leaves the command's id in the tag");
        renameInPlace(get, 2, 'X');
        assertEquals("$1\r\nv\r\n", execute(shards[0], get, client), "GET ran: the name was not read again");
        get.tag(Routing.UNCHECKED);
        assertEquals("-ERR unknown command 'GEX', with args beginning with: '" + key + "' \r\n",
                execute(shards[0], get, client), "untagged, it is looked up and the changed name is seen");
    }

    /**
     * Authentication is checked once, on the shard that read the command, with the client's
     * session; the owner runs it with its remote session and checks nothing again. (The runtime's
     * remote session reports itself authenticated; this one does not, so a second check would
     * show as NOAUTH.)
     */
    @Test
    void aForwardedCommandIsCheckedWithTheClientsSessionWhereItWasReadAndRunAsRoutedOnItsOwner() {
        ShardHandler[] shards = shards(PASS);
        TestSession client = new TestSession(true);
        String key = ShardKeys.on(1, SHARDS, "k", 1)[0];
        Request set = Requests.of("SET", key, "v");
        assertEquals(1, shards[0].route(set, client), "routed by shard 0 to the owner");
        assertEquals(Cmd.SET, set.tag());
        renameInPlace(set, 2, 'X');
        assertEquals("+OK\r\n", execute(shards[1], set, new TestSession(false, true)));
        assertEquals("$1\r\nv\r\n", execute(shards[1], routedOn(shards[1], client, "GET", key), client));
    }

    @Test
    void fanOutSplitsWhatRouteFoundWithoutLookingTheNameUpAgain() {
        ShardHandler[] shards = shards(null);
        TestSession client = new TestSession(false);
        String a = ShardKeys.on(0, SHARDS, "k", 1)[0];
        String b = ShardKeys.on(1, SHARDS, "k", 1)[0];
        Request mget = Requests.of("MGET", a, b);
        assertEquals(CommandHandler.FAN_OUT, shards[0].route(mget, client));
        assertEquals(Cmd.MGET, mget.tag());
        renameInPlace(mget, 3, 'X');
        RecordingPlan plan = new RecordingPlan();
        shards[0].fanOut(mget, client, plan);
        assertEquals(List.of("0: KEVY.GETPART " + a, "1: KEVY.GETPART " + b), plan.parts);
        assertEquals(List.of(Cmd.GETPART, Cmd.GETPART), plan.tags, "each part tagged GETPART, database 0");
        assertEquals(RespReducers.ARRAY, plan.reducer);
    }

    /**
     * Keys sharing a hash tag live on one shard: a multi-key command on them is not split (MSET,
     * MGET, DEL) nor run in a freeze turn (RENAME, MSETNX) but runs whole on that shard, which
     * makes it atomic there. The tag is chosen so the two keys' whole-key hashes sit on different
     * shards: without the tag rule the commands would split.
     */
    @Test
    void keysSharingAHashTagRouteWholeToTheTagsShard() {
        ShardHandler[] shards = shards(null);
        TestSession client = new TestSession(false);
        String tag = null;
        for (int n = 0; tag == null; n++) {
            String t = "u" + n;
            byte[] ka = ("{" + t + "}a").getBytes(StandardCharsets.ISO_8859_1);
            byte[] kb = ("{" + t + "}b").getBytes(StandardCharsets.ISO_8859_1);
            if (dev.kevy.rt.KeyHash.shardOf(dev.kevy.rt.KeyHash.hash(ka, 0, ka.length), SHARDS)
                    != dev.kevy.rt.KeyHash.shardOf(dev.kevy.rt.KeyHash.hash(kb, 0, kb.length), SHARDS)) {
                tag = t;
            }
        }
        String ka = "{" + tag + "}a";
        String kb = "{" + tag + "}b";
        int owner = ShardKeys.shardOf(tag, SHARDS);
        for (String[] command : new String[][] {{"MSET", ka, "1", kb, "2"}, {"MGET", ka, kb}, {"DEL", ka, kb},
            {"EXISTS", ka, kb}, {"RENAME", ka, kb}, {"RENAMENX", kb, ka}, {"MSETNX", ka, "1", kb, "2"}}) {
            assertEquals(owner, shards[0].route(Requests.of(command), client), String.join(" ", command));
        }
    }

    /**
     * The client's selected database travels in the tag: a command forwarded to its key's owner
     * (run there with the remote session, which knows no client) and each part of a fan-out act
     * on the database the client selected when the command was read.
     */
    @Test
    void theSelectedDatabaseTravelsWithForwardedCommandsAndFanOutParts() {
        ShardHandler[] shards = shards(null);
        TestSession client = new TestSession(false);
        assertEquals("+OK\r\n", execute(shards[0], routedOn(shards[0], client, "SELECT", "3"), client));
        String key = ShardKeys.on(1, SHARDS, "k", 1)[0];
        Request set = Requests.of("SET", key, "in3");
        assertEquals(1, shards[0].route(set, client), "routed by shard 0 to the owner");
        assertEquals(Routing.tag(Cmd.SET, 3, false), set.tag());
        TestSession remote = new TestSession(false, true);
        assertEquals("+OK\r\n", execute(shards[1], set, remote));
        assertEquals(1, shards[1].databases.get(3).size(), "written in database 3");
        assertEquals(0, shards[1].databases.get(0).size(), "and not in database 0");

        Request mget = Requests.of("MGET", ShardKeys.on(0, SHARDS, "k", 1)[0], key);
        assertEquals(CommandHandler.FAN_OUT, shards[0].route(mget, client));
        RecordingPlan plan = new RecordingPlan();
        shards[0].fanOut(mget, client, plan);
        assertEquals(List.of(Routing.tag(Cmd.GETPART, 3, false), Routing.tag(Cmd.GETPART, 3, false)), plan.tags);
        Request get = Requests.of("GET", key);
        get.tag(plan.tags.get(1));
        assertEquals("$3\r\nin3\r\n", execute(shards[1], get, remote), "the part reads database 3");
    }

    @Test
    void executeAtomicRunsWhatRouteFoundWithoutLookingTheNameUpAgain() {
        ShardHandler[] shards = shards(null);
        TestSession client = new TestSession(false);
        String from = ShardKeys.on(0, SHARDS, "k", 1)[0];
        String to = ShardKeys.on(1, SHARDS, "k", 1)[0];
        assertEquals("+OK\r\n", execute(shards[0], routedOn(shards[0], client, "SET", from, "moved"), client));
        Request rename = Requests.of("RENAME", from, to);
        assertEquals(CommandHandler.ATOMIC, shards[0].route(rename, client), "keys on both shards");
        assertEquals(Cmd.RENAME, rename.tag());
        renameInPlace(rename, 5, 'X');
        out.clear();
        shards[0].executeAtomic(rename, shards, out);
        assertEquals("+OK\r\n", text(out));
        assertEquals("$5\r\nmoved\r\n", execute(shards[1], routedOn(shards[1], client, "GET", to), client));
    }

    /**
     * A command route() refuses is left untagged, even when the request carried a tag before, and
     * gets exactly Redis's error where the connection lives.
     */
    @Test
    void aRefusedCommandIsUntaggedAndAnsweredWithRedisError() {
        ShardHandler[] shards = shards(PASS);
        TestSession stranger = new TestSession(false);
        String[][] refused = {{"GET", "k"}, {"GET"}, {"NOSUCH", "x"}, {"CONFIG", "NOSUCH"}};
        String[] replies = {"-NOAUTH Authentication required.\r\n",
            "-ERR wrong number of arguments for 'get' command\r\n",
            "-ERR unknown command 'NOSUCH', with args beginning with: 'x' \r\n",
            "-ERR unknown subcommand 'NOSUCH'. Try CONFIG HELP.\r\n"};
        for (int i = 0; i < refused.length; i++) {
            Request c = Requests.of(refused[i]);
            c.tag(Cmd.SET); // left by an earlier command in this view: route() must not trust it
            assertEquals(CommandHandler.HERE, shards[0].route(c, stranger), String.join(" ", refused[i]));
            assertEquals(Routing.UNCHECKED, c.tag(), String.join(" ", refused[i]));
            assertEquals(replies[i], execute(shards[0], c, stranger), String.join(" ", refused[i]));
        }
        TestSession client = new TestSession(true);
        Request scan = Requests.of("SCAN", "abc");
        assertEquals(CommandHandler.HERE, shards[0].route(scan, client));
        assertEquals("-ERR invalid cursor\r\n", execute(shards[0], scan, client));
    }

    /** A request as route() leaves it for the shard that runs it. */
    private static Request routedOn(ShardHandler shard, Session session, String... args) {
        Request c = Requests.of(args);
        shard.route(c, session);
        return c;
    }

    static String text(OutputBuffer buffer) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < buffer.segmentCount(); i++) {
            byte[] b = buffer.segment(i).asSlice(buffer.segmentOffset(i), buffer.segmentLength(i))
                    .toArray(ValueLayout.JAVA_BYTE);
            s.append(new String(b, StandardCharsets.ISO_8859_1));
        }
        return s.toString();
    }

    /** A fan-out plan written down as "shard: arg arg ...". */
    private static final class RecordingPlan implements FanOut {
        final List<String> parts = new ArrayList<>();
        final List<Integer> tags = new ArrayList<>();
        Reducer reducer;

        @Override
        public FanOut part(int shard, int argc, int tag) {
            parts.add(shard + ":");
            tags.add(tag);
            return this;
        }

        private FanOut add(String arg) {
            parts.set(parts.size() - 1, parts.getLast() + " " + arg);
            return this;
        }

        @Override
        public FanOut arg(byte[] bytes) {
            return add(new String(bytes, StandardCharsets.ISO_8859_1));
        }

        @Override
        public FanOut arg(Request command, int index) {
            return add(command.toString(index));
        }

        @Override
        public FanOut arg(long value) {
            return add(Long.toString(value));
        }

        @Override
        public void reduce(Reducer reducer) {
            this.reducer = reducer;
        }
    }

    /** One shard of {@link #SHARDS}, its clock standing still. */
    private record TestContext(int shard, RuntimeConfig config, BufferPool pool) implements ShardContext {
        @Override public int shards() { return SHARDS; }
        @Override public String ioEngine() { return "epoll"; }
        @Override public long nowMillis() { return NOW; }
        @Override public ShardStats stats() { return null; } // INFO only, not run here
        @Override public ShardStats stats(int shard) { return null; }
        @Override public int sessionSlots() { return 0; }
        @Override public Session sessionAt(int i) { return null; }
        @Override public void kill(Session session) { }
        @Override public void applyLimits(int maxClients, IdlePolicy idle) { }
        @Override public IdlePolicy idlePolicy() { return config.idle(); }
        // The asynchronous side of a shard: nothing routed here defers, pushes, sends or connects.
        @Override public long deferReply(boolean hold, boolean completesOnItsOwn) { throw new UnsupportedOperationException(); }
        @Override public OutputBuffer beginReply(long ticket) { throw new UnsupportedOperationException(); }
        @Override public void endReply(long ticket) { throw new UnsupportedOperationException(); }
        @Override public boolean isLive(long ticket) { return false; }
        @Override public OutputBuffer beginPush(long handle) { throw new UnsupportedOperationException(); }
        @Override public void endPush(long handle) { throw new UnsupportedOperationException(); }
        @Override public void send(int shard, int type, java.lang.foreign.MemorySegment payload, long offset,
                                   long length) { throw new UnsupportedOperationException(); }
        @Override public long schedule(long deadlineMillis, long payload) { throw new UnsupportedOperationException(); }
        @Override public boolean cancelTimer(long timerId) { return false; }
        @Override public long connect(java.net.InetAddress address, int port, dev.kevy.io.codec.Codec codec,
                                      long timeoutMillis) { throw new UnsupportedOperationException(); }
        @Override public void disconnect(long handle) { }
    }

    /** A client connection's session, or (remote) the one a shard runs peers' requests with. */
    private static final class TestSession implements Session {
        private final boolean remote;
        private Object attachment = new Client(NOW);
        private boolean authenticated;

        TestSession(boolean authenticated) {
            this(authenticated, false);
        }

        TestSession(boolean authenticated, boolean remote) {
            this.authenticated = authenticated;
            this.remote = remote;
        }

        @Override public long id() { return 1; }
        @Override public int shard() { return 0; }
        @Override public boolean isRemote() { return remote; }
        @Override public boolean isOutbound() { return false; }
        @Override public long handle() { return remote ? -1 : 1; }
        @Override public long openedMillis() { return NOW; }
        @Override public Object attachment() { return remote ? null : attachment; }
        @Override public void attach(Object state) { attachment = state; }
        @Override public boolean isAuthenticated() { return authenticated; }
        @Override public void setAuthenticated(boolean authenticated) { this.authenticated = authenticated; }
        @Override public void closeAfterReply() { }
    }
}
