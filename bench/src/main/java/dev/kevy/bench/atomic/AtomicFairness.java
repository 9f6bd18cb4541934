package dev.kevy.bench.atomic;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;

/**
 * Fairness and throughput of cross-shard atomic commands, against any RESP server (issue 10's
 * probe, as a benchmark): half the clients loop {@code MSETNX a<r> 1 b<r> 2} one at a time, half
 * send pipelines of 20 {@code RENAMENX tok:<r> tok:<r>}, and one client loops {@code PING}. Each
 * round trip (one write, all its replies read) is timed.
 *
 * <pre>
 *   java -cp bench/target/benchmarks.jar dev.kevy.bench.atomic.AtomicFairness --port 6379 [--clients 20] [--seconds 8]
 * </pre>
 * Prints one line of {@code key=value} pairs: commands/s, round trips per client (min, median,
 * min/median), the slowest round trip of any atomic client and of the PING client, in ms.
 */
public final class AtomicFairness {

    private static final int PIPELINE = 20;

    private AtomicFairness() {
    }

    public static void main(String[] args) throws Exception {
        String host = "127.0.0.1";
        int port = 6379;
        int clients = 20;
        double seconds = 8;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--host" -> host = args[++i];
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--clients" -> clients = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                default -> throw new IllegalArgumentException("unknown flag " + args[i]
                        + " (flags: --host --port --clients --seconds)");
            }
        }
        Result r = run(host, port, clients, (long) (seconds * 1e9));
        System.out.println(r);
    }

    /**
     * What one run measured. Fairness is judged within each kind of client (a pipelined client
     * sends 20 commands per round trip, an MSETNX client one): the least served client's round
     * trips over the median's, the worse of the two kinds.
     */
    public record Result(double commandsPerSecond, long msetnxMin, long msetnxMedian, long renamenxMin,
                         long renamenxMedian, double worstAtomicMillis, double worstPingMillis, long pings) {
        public double fairness() {
            return Math.min(ratio(msetnxMin, msetnxMedian), ratio(renamenxMin, renamenxMedian));
        }

        private static double ratio(long min, long median) {
            return median == 0 ? 0 : (double) min / median;
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT,
                    "commands_per_s=%.0f msetnx_round_trips_min/median=%d/%d renamenx_round_trips_min/median=%d/%d "
                            + "fairness=%.2f worst_atomic_ms=%.1f worst_ping_ms=%.1f pings=%d",
                    commandsPerSecond, msetnxMin, msetnxMedian, renamenxMin, renamenxMedian, fairness(),
                    worstAtomicMillis, worstPingMillis, pings);
        }
    }

    public static Result run(String host, int port, int clients, long nanos) throws Exception {
        List<Worker> workers = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            workers.add(new Worker(host, port, i % 2 == 0 ? Kind.MSETNX : Kind.RENAMENX, i));
        }
        Worker ping = new Worker(host, port, Kind.PING, clients);
        workers.add(ping);
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (Worker w : workers) {
            Thread t = new Thread(() -> w.loop(start, nanos), "client-" + w.index);
            t.start();
            threads.add(t);
        }
        long t0 = System.nanoTime();
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        long commands = 0;
        long worst = 0;
        long[] msetnx = new long[(clients + 1) / 2];
        long[] renamenx = new long[clients / 2];
        for (int i = 0; i < clients; i++) {
            Worker w = workers.get(i);
            if (w.failure != null) {
                throw new IllegalStateException("client " + i + " failed", w.failure);
            }
            commands += w.commands;
            (i % 2 == 0 ? msetnx : renamenx)[i / 2] = w.roundTrips;
            worst = Math.max(worst, w.worstNanos);
        }
        if (ping.failure != null) {
            throw new IllegalStateException("the PING client failed", ping.failure);
        }
        Arrays.sort(msetnx);
        Arrays.sort(renamenx);
        return new Result(commands / elapsed, msetnx[0], msetnx[msetnx.length / 2],
                renamenx.length == 0 ? 0 : renamenx[0], renamenx.length == 0 ? 0 : renamenx[renamenx.length / 2],
                worst / 1e6, ping.worstNanos / 1e6, ping.roundTrips);
    }

    private enum Kind { MSETNX, RENAMENX, PING }

    private static final class Worker {
        final Kind kind;
        final int index;
        final Socket socket;
        final SplittableRandom random;
        long roundTrips;
        long commands;
        long worstNanos;
        Exception failure;

        Worker(String host, int port, Kind kind, int index) throws IOException {
            this.kind = kind;
            this.index = index;
            this.random = new SplittableRandom(index * 7919L + 1);
            this.socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), 5_000);
        }

        void loop(CountDownLatch start, long nanos) {
            try (socket) {
                OutputStream out = socket.getOutputStream();
                InputStream in = new java.io.BufferedInputStream(socket.getInputStream(), 4096);
                start.await();
                long end = System.nanoTime() + nanos;
                StringBuilder sb = new StringBuilder();
                while (System.nanoTime() < end) {
                    sb.setLength(0);
                    int n = 1;
                    switch (kind) {
                        case MSETNX -> command(sb, "MSETNX", "a" + random.nextInt(1000), "1", "b" + random.nextInt(1000), "2");
                        case PING -> command(sb, "PING");
                        case RENAMENX -> {
                            n = PIPELINE;
                            for (int i = 0; i < n; i++) {
                                command(sb, "RENAMENX", "tok:" + random.nextInt(200), "tok:" + random.nextInt(200));
                            }
                        }
                    }
                    long t = System.nanoTime();
                    out.write(sb.toString().getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    for (int i = 0; i < n; i++) {
                        readReply(in);
                    }
                    worstNanos = Math.max(worstNanos, System.nanoTime() - t);
                    roundTrips++;
                    commands += n;
                }
            } catch (Exception e) {
                failure = e;
            }
        }
    }

    private static void command(StringBuilder sb, String... args) {
        sb.append('*').append(args.length).append("\r\n");
        for (String a : args) {
            sb.append('$').append(a.length()).append("\r\n").append(a).append("\r\n");
        }
    }

    /** Reads one simple reply (status, error, integer) and checks it is not an error. */
    private static void readReply(InputStream in) throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new IOException("connection closed");
        }
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\r'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed");
            }
            line.append((char) b);
        }
        in.read();
        if (type == '-' && !line.toString().startsWith("ERR no such key")) {
            throw new IOException("error reply: " + line);
        }
    }
}
