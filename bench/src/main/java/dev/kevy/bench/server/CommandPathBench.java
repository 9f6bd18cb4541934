package dev.kevy.bench.server;

import dev.kevy.io.CommandHandler;
import dev.kevy.io.RuntimeConfig;
import dev.kevy.io.Session;
import dev.kevy.io.ShardContext;
import dev.kevy.io.ShardStats;
import dev.kevy.io.codec.Request;
import dev.kevy.rt.buffer.BufferPool;
import dev.kevy.rt.buffer.OutputBuffer;
import dev.kevy.rt.idle.IdlePolicy;
import dev.kevy.server.KevyServer;
import dev.kevy.server.LiveSettings;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The server's command path on one shard, as the shard loop drives it for a decoded request:
 * {@code route()} then {@code execute()} into an output buffer, without sockets or rings. It
 * measures what the handler adds around the keyspace (command lookup, checks, option parsing,
 * reply writing) for a few common commands on a one-shard server, so every command runs here.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar CommandPathBench -prof gc}; the allocation
 * rate ({@code gc.alloc.rate.norm}) should be about 0 B/op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CommandPathBench {

    private Arena arena;
    private BufferPool pool;
    private OutputBuffer out;
    private CommandHandler handler;
    /** A second one-shard server with notify-keyspace-events KEA and no subscriber. */
    private CommandHandler notifying;
    private BenchSession notifyingSession;
    private BenchSession session;
    private Request get;
    private Request set;
    private Request setEx;
    private Request incr;
    private Request ping;
    private Request lpush;
    private Request lpop;

    @Setup
    public void setUp() {
        arena = Arena.ofShared();
        pool = new BufferPool();
        out = new OutputBuffer(pool, Long.MAX_VALUE);
        RuntimeConfig config = RuntimeConfig.builder().shards(1).build();
        KevyServer server = new KevyServer(LiveSettings.of(config, "127.0.0.1", 6379, 512L << 20, null, 0));
        handler = server.forShard(new BenchContext(config, pool));
        session = new BenchSession();
        handler.onOpen(session);
        handler.onTick(BenchContext.NOW); // applies the settings (the slowlog threshold among them)
        get = request("GET", "key:000001");
        set = request("SET", "key:000001", "value-of-thirty-two-bytes-xxxxx");
        setEx = request("SET", "key:000002", "value-of-thirty-two-bytes-xxxxx", "EX", "1000");
        incr = request("INCR", "counter");
        ping = request("PING");
        lpush = request("LPUSH", "mylist", "xxx");
        lpop = request("LPOP", "mylist");
        for (int i = 0; i < 1_000; i++) {
            run(lpush); // the list stays long: each pair pushes onto and pops from a full node
        }
        run(set);
        KevyServer second = new KevyServer(LiveSettings.of(config, "127.0.0.1", 6379, 512L << 20, null, 0));
        notifying = second.forShard(new BenchContext(config, pool));
        notifyingSession = new BenchSession();
        notifying.onOpen(notifyingSession);
        notifying.onTick(BenchContext.NOW);
        run(notifying, notifyingSession, request("CONFIG", "SET", "notify-keyspace-events", "KEA"));
        run(notifying, notifyingSession, set);
    }

    @TearDown
    public void tearDown() {
        handler.close();
        notifying.close();
        out.release();
        pool.close();
        arena.close();
    }

    private Request request(String... args) {
        long total = 0;
        for (String a : args) {
            total += a.length();
        }
        MemorySegment s = arena.allocate(Math.max(1, total));
        Request r = new Request();
        r.clear();
        long at = 0;
        for (int i = 0; i < args.length; i++) {
            byte[] b = args[i].getBytes(StandardCharsets.US_ASCII);
            MemorySegment.copy(b, 0, s, ValueLayout.JAVA_BYTE, at, b.length);
            r.field(i, at, b.length);
            at += b.length;
        }
        r.complete(s, args.length);
        return r;
    }

    private long run(Request r) {
        return run(handler, session, r);
    }

    private long run(CommandHandler h, Session s, Request r) {
        int route = h.route(r, s);
        h.execute(r, s, out);
        long written = out.size() + route;
        out.clear();
        return written;
    }

    /** LPUSH then LPOP of a list of 1,000 elements (redis-benchmark's {@code -t lpush,lpop} on its one list): two requests. */
    @Benchmark
    @OperationsPerInvocation(2)
    public long lpushLpop() {
        return run(lpush) + run(lpop);
    }

    @Benchmark
    public long getHit() {
        return run(get);
    }

    @Benchmark
    public long set() {
        return run(set);
    }

    /**
     * SET with keyspace notifications on (KEA) and nobody subscribed: the events are made and
     * find no listener. {@link #set} is the same with them off, where each event costs a branch.
     */
    @Benchmark
    public long setNotifying() {
        return run(notifying, notifyingSession, set);
    }

    @Benchmark
    public long setWithExpiry() {
        return run(setEx);
    }

    @Benchmark
    public long incr() {
        return run(incr);
    }

    @Benchmark
    public long ping() {
        return run(ping);
    }

    /** The one shard of a one-shard server, its clock standing still. */
    private static final class BenchContext implements ShardContext {
        static final long NOW = 1_700_000_000_000L;
        private final RuntimeConfig config;
        private final BufferPool pool;
        private IdlePolicy idle = IdlePolicy.forShards(1);

        BenchContext(RuntimeConfig config, BufferPool pool) {
            this.config = config;
            this.pool = pool;
        }

        @Override public int shard() { return 0; }
        @Override public int shards() { return 1; }
        @Override public String ioEngine() { return "epoll"; }
        @Override public RuntimeConfig config() { return config; }
        @Override public long nowMillis() { return NOW; }
        @Override public BufferPool pool() { return pool; }
        @Override public ShardStats stats() { return null; } // INFO only, not run here
        @Override public ShardStats stats(int shard) { return null; }
        @Override public int sessionSlots() { return 0; }
        @Override public Session sessionAt(int i) { return null; }
        @Override public void kill(Session session) { }
        @Override public void applyLimits(int maxClients, IdlePolicy idle) {
            if (idle != null) {
                this.idle = idle;
            }
        }
        @Override public IdlePolicy idlePolicy() { return idle; }
        // The string commands measured never defer, push, send, schedule or connect.
        @Override public long deferReply(boolean hold, boolean completesOnItsOwn) { throw new UnsupportedOperationException(); }
        @Override public dev.kevy.rt.buffer.OutputBuffer beginReply(long t) { throw new UnsupportedOperationException(); }
        @Override public void endReply(long t) { throw new UnsupportedOperationException(); }
        @Override public boolean isLive(long t) { return false; }
        @Override public dev.kevy.rt.buffer.OutputBuffer beginPush(long h) { throw new UnsupportedOperationException(); }
        @Override public void endPush(long h) { throw new UnsupportedOperationException(); }
        @Override public void send(int s, int type, java.lang.foreign.MemorySegment p, long o, long n) {
            throw new UnsupportedOperationException();
        }
        @Override public long schedule(long at, long payload) { throw new UnsupportedOperationException(); }
        @Override public boolean cancelTimer(long id) { return false; }
        @Override public long connect(java.net.InetAddress a, int port, dev.kevy.io.codec.Codec c, long ms) {
            throw new UnsupportedOperationException();
        }
        @Override public void disconnect(long h) { }
    }

    /** One client connection's session. */
    private static final class BenchSession implements Session {
        private Object attachment;
        private boolean authenticated;

        @Override public long id() { return 1; }
        @Override public int shard() { return 0; }
        @Override public boolean isRemote() { return false; }
        @Override public boolean isOutbound() { return false; }
        @Override public long handle() { return 1; }
        @Override public long openedMillis() { return BenchContext.NOW; }
        @Override public Object attachment() { return attachment; }
        @Override public void attach(Object state) { attachment = state; }
        @Override public boolean isAuthenticated() { return authenticated; }
        @Override public void setAuthenticated(boolean authenticated) { this.authenticated = authenticated; }
        @Override public void closeAfterReply() { }
    }
}
