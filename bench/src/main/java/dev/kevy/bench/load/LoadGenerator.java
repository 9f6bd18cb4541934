package dev.kevy.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * A RESP load generator for latency and throughput: closed loop (as fast as replies return) or
 * open loop (a fixed request rate, latency measured from each request's intended send time).
 *
 * <p>Run {@code java -cp benchmarks.jar dev.kevy.bench.load.LoadGenerator --help}. Its own cost is
 * kept small so it can share a machine with the server: a few NIO threads, requests copied from
 * templates, replies scanned without building objects. {@link NullServer} measures that cost.
 */
public final class LoadGenerator {

    private static final int IN_BUFFER = 64 * 1024;
    private static final int MIN_OUT_BUFFER = 64 * 1024;
    /** A prefill that makes no progress for this long fails rather than hanging the run. */
    private static final long PREFILL_STALL_MS = 10_000;
    /** Time given to the threads to start before the first request is due. */
    private static final long START_DELAY_NS = 50_000_000;

    private LoadGenerator() {
    }

    /** Command-line entry point; exit 0 ok, 1 failure or bad replies, 2 bad flags. */
    public static void main(String[] args) {
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (LoadOptions.UsageException e) {
            System.err.println("bench-load: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (options == null) {
            System.out.print(LoadOptions.usage());
            return;
        }
        if (options.selfTest()) {
            System.exit(SelfTest.run(System.out) ? 0 : 1);
            return;
        }
        RunResult result;
        try {
            result = run(options);
        } catch (IOException e) {
            System.err.println("bench-load: " + options.host() + ":" + options.port() + ": " + e.getMessage());
            System.exit(1);
            return;
        }
        Report.print(result, System.out);
        try {
            if (options.csv() != null) {
                Report.appendCsv(result, Path.of(options.csv()));
            }
            if (options.hgrm() != null) {
                Report.writeHgrm(result, Path.of(options.hgrm()));
            }
        } catch (IOException e) {
            System.err.println("bench-load: cannot write results: " + e.getMessage());
            System.exit(1);
        }
        if (result.failure() != null) {
            System.err.println("bench-load: run failed: " + result.failure());
        } else if (!result.clean()) {
            System.err.println("bench-load: the server gave " + result.errors() + " error and "
                    + result.unexpected() + " wrong-kind replies");
        }
        System.exit(result.clean() ? 0 : 1);
    }

    /**
     * Runs one load: prefill, connect, warm up, measure, drain.
     *
     * @throws IOException when the server cannot be reached or the prefill fails
     */
    public static RunResult run(LoadOptions o) throws IOException {
        RequestEncoder encoder = new RequestEncoder(o.valueSize());
        if (o.prefill() && o.getRatio() > 0) {
            Prefill.run(o.host(), o.port(), o.keys(), encoder, PREFILL_STALL_MS);
        }
        int maxRequest = Math.max(encoder.getSize(), encoder.setSize());
        int outCapacity = Math.max(MIN_OUT_BUFFER, 2 * maxRequest);
        double zeta = o.distribution() == Distribution.ZIPFIAN ? KeyChooser.zeta(o.keys(), o.zipfTheta()) : 0;

        List<SocketChannel> channels = new ArrayList<>();
        List<Selector> selectors = new ArrayList<>();
        try {
            Connection[][] shares = new Connection[o.threads()][];
            for (int t = 0; t < o.threads(); t++) {
                shares[t] = new Connection[(o.connections() - t + o.threads() - 1) / o.threads()];
            }
            for (int i = 0; i < o.connections(); i++) {
                SocketChannel ch = SocketChannel.open();
                channels.add(ch);
                ch.connect(new InetSocketAddress(o.host(), o.port()));
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                ch.configureBlocking(false);
                shares[i % o.threads()][i / o.threads()] = new Connection(ch, o.pipeline(), IN_BUFFER, outCapacity);
            }

            RunClock clock = new RunClock(System.nanoTime() + START_DELAY_NS, o.warmupS(), o.durationS(),
                    o.drainTimeoutS());
            EventLoop[] loops = new EventLoop[o.threads()];
            Ticker[] tickers = new Ticker[o.threads()];
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < o.threads(); t++) {
                Selector selector = Selector.open();
                selectors.add(selector);
                for (int k = 0; k < shares[t].length; k++) {
                    Connection c = shares[t][k];
                    c.key = c.channel.register(selector, SelectionKey.OP_READ, c);
                    if (o.openLoop()) {
                        // Staggered by 1/rate across connections, so the total arrival rate is even.
                        int global = k * o.threads() + t;
                        c.intervalNs = o.connections() * 1e9 / o.rate();
                        c.firstDueNs = clock.startNs + (long) (global * 1e9 / o.rate());
                        c.intendedTotal = c.intendedBefore(clock.measureEndNs);
                    }
                }
                if (o.openLoop()) {
                    tickers[t] = new Ticker(selector, shares[t], clock);
                    Thread tick = Thread.ofPlatform().name("bench-load-tick-" + t).daemon().unstarted(tickers[t]);
                    tickers[t].runOn(tick);
                    threads.add(tick);
                }
                KeyChooser chooser = new KeyChooser(o.keys(), o.distribution(), o.zipfTheta(), o.seed() + t, zeta);
                loops[t] = new EventLoop(selector, shares[t], o, encoder, chooser, tickers[t], clock);
                threads.add(Thread.ofPlatform().name("bench-load-" + t).unstarted(loops[t]));
            }
            for (Thread thread : threads) {
                thread.start();
            }
            for (Thread thread : threads) {
                thread.join();
            }
            return merge(o, loops, tickers, shares, clock);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            for (Selector s : selectors) {
                s.close();
            }
            for (SocketChannel ch : channels) {
                ch.close();
            }
        }
    }

    private static RunResult merge(LoadOptions o, EventLoop[] loops, Ticker[] tickers, Connection[][] shares,
                                   RunClock clock) {
        Histogram latency = EventLoop.newHistogram();
        Histogram lag = EventLoop.newHistogram();
        long completed = 0, errors = 0, unexpected = 0, hits = 0, misses = 0, slotWaits = 0, cpu = 0;
        String failure = null;
        boolean precise = o.openLoop();
        for (int t = 0; t < loops.length; t++) {
            EventLoop l = loops[t];
            latency.add(l.latency);
            lag.add(l.sendLag);
            completed += l.completedInWindow;
            errors += l.errors;
            unexpected += l.unexpected;
            hits += l.hits;
            misses += l.misses;
            slotWaits += l.slotWaits;
            cpu += l.cpuNs;
            failure = failure != null ? failure : l.failure;
            precise &= tickers[t] != null && tickers[t].preciseTimers;
        }
        long incomplete = recordUnanswered(latency, shares, clock, o.openLoop(), System.nanoTime());
        return new RunResult(o, latency, lag, completed, errors, unexpected, hits, misses, slotWaits, incomplete,
                cpu, failure, precise);
    }

    /**
     * Records each measured request still owed when the run gave up at its age then: a lower
     * bound of its latency, far better than leaving the worst requests out of the tail.
     *
     * @return how many there were
     */
    private static long recordUnanswered(Histogram latency, Connection[][] shares, RunClock clock, boolean open,
                                         long now) {
        long owed = 0;
        for (Connection[] share : shares) {
            for (Connection c : share) {
                for (int k = 0; k < c.inFlight(); k++) {
                    long start = c.startNsAt(k);
                    if (start >= clock.measureStartNs) {
                        latency.recordValue(Math.min(now - start, EventLoop.MAX_RECORDABLE_NS));
                        owed++;
                    }
                }
                for (long i = open ? c.nextIndex : 0; open && i < c.intendedTotal; i++) {
                    long due = c.dueNs(i);
                    if (due >= clock.measureStartNs) {
                        latency.recordValue(Math.min(now - due, EventLoop.MAX_RECORDABLE_NS));
                        owed++;
                    }
                }
            }
        }
        return owed;
    }
}
