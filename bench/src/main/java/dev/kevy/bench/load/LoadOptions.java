package dev.kevy.bench.load;

import java.util.Locale;

/**
 * The load generator's settings, parsed from {@code --flag value} or {@code --flag=value} pairs.
 *
 * @param host server host
 * @param port server port
 * @param connections TCP connections, spread over the event-loop threads
 * @param pipeline requests in flight per connection (closed loop: always; open loop: at most)
 * @param rate requests per second over all connections; 0 means closed loop (as fast as replies
 *     come back)
 * @param durationS measured seconds
 * @param warmupS seconds of load before measuring starts (same load, not recorded)
 * @param getRatio fraction of requests that are GET; the rest are SET
 * @param keys key space size
 * @param valueSize bytes of each SET value
 * @param distribution how keys are drawn
 * @param zipfTheta skew of the zipfian distribution
 * @param threads event-loop threads of the generator
 * @param prefill SET every key once before warm-up, so GETs hit
 * @param label names the run in the CSV and the summary
 * @param csv CSV file to append one row to, or null
 * @param hgrm percentile-distribution file to write, or null
 * @param seed seed of the key and command draws
 * @param drainTimeoutS how long to wait after the run for replies still owed
 * @param selfTest run the built-in check against an in-process NullServer instead of a load
 */
public record LoadOptions(
        String host, int port, int connections, int pipeline, double rate, double durationS,
        double warmupS, double getRatio, long keys, int valueSize, Distribution distribution,
        double zipfTheta, int threads, boolean prefill, String label, String csv, String hgrm,
        long seed, double drainTimeoutS, boolean selfTest) {

    /** Thrown for a bad command line; the message is the one line to print. */
    public static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message, null, false, false);
        }
    }

    /** Largest value accepted for {@code --value-size}: 64 MiB. */
    static final int MAX_VALUE_SIZE = 64 << 20;

    /** Defaults: a short, modest closed-loop run against a local server on 6379. */
    public static LoadOptions defaults() {
        return new LoadOptions("127.0.0.1", 6379, 50, 1, 0, 10, 2, 0.9, 100_000, 64,
                Distribution.UNIFORM, 0.99, 1, true, "run", null, null, 42, 5, false);
    }

    /** True when the run holds a fixed request rate (latency from intended send times). */
    public boolean openLoop() {
        return rate > 0;
    }

    /** The text printed by {@code --help}. */
    public static String usage() {
        return """
            usage: java -cp benchmarks.jar dev.kevy.bench.load.LoadGenerator [flags]
              --host H            server host (127.0.0.1)
              --port P            server port (6379)
              --connections N     TCP connections (50)
              --pipeline N        requests in flight per connection (1); in open loop, the cap
              --rate R            requests/s over all connections, open loop; 0 = closed loop (0)
              --duration-s S      measured seconds (10)
              --warmup-s S        unrecorded seconds of the same load first (2)
              --get-ratio F       fraction of GETs, the rest SETs (0.9)
              --keys N            key space size, keys key:000000000000.. (100000)
              --value-size B      bytes per SET value (64)
              --distribution D    uniform | zipfian (uniform)
              --zipf-theta T      zipfian skew, 0 < T < 1 (0.99)
              --threads N         generator event-loop threads (1)
              --prefill on|off    SET every key once before warm-up (on)
              --label L           run name in the summary and CSV (run)
              --csv FILE          append one result row (header written when the file is new)
              --hgrm FILE         write the latency percentile distribution (values in microseconds)
              --seed N            seed of the key and command draws (42)
              --drain-timeout-s S wait at the end for replies still owed (5)
              --self-test         check the generator against an in-process NullServer and exit
              --help              this text
            Open loop: each connection sends at rate/connections on a fixed schedule and every
            latency is measured from the request's intended send time (no coordinated omission).
            Exit status: 0 ok, 1 connection failure or bad replies, 2 bad flags.
            """;
    }

    /**
     * Parses a command line.
     *
     * @return the options, or null when {@code --help} was asked for
     * @throws UsageException with a one-line message for any unknown flag or bad value
     */
    public static LoadOptions parse(String[] args) throws UsageException {
        LoadOptions o = defaults();
        String host = o.host, label = o.label, csv = null, hgrm = null;
        int port = o.port, connections = o.connections, pipeline = o.pipeline, valueSize = o.valueSize;
        int threads = o.threads;
        double rate = o.rate, duration = o.durationS, warmup = o.warmupS, getRatio = o.getRatio;
        double theta = o.zipfTheta, drain = o.drainTimeoutS;
        long keys = o.keys, seed = o.seed;
        Distribution distribution = o.distribution;
        boolean prefill = o.prefill, selfTest = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                return null;
            }
            if (arg.equals("--self-test")) {
                selfTest = true;
                continue;
            }
            if (!arg.startsWith("--")) {
                throw new UsageException("unexpected argument '" + arg + "' (flags start with --; see --help)");
            }
            String name = arg;
            String value;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new UsageException(arg + " needs a value (see --help)");
            }
            switch (name) {
                case "--host" -> host = nonEmpty(name, value);
                case "--port" -> port = (int) longIn(name, value, 1, 65_535);
                case "--connections" -> connections = (int) longIn(name, value, 1, 100_000);
                case "--pipeline" -> pipeline = (int) longIn(name, value, 1, 65_536);
                case "--rate" -> rate = doubleIn(name, value, 0, 1e9);
                case "--duration-s" -> duration = doubleIn(name, value, 0.01, 86_400);
                case "--warmup-s" -> warmup = doubleIn(name, value, 0, 86_400);
                case "--get-ratio" -> getRatio = doubleIn(name, value, 0, 1);
                case "--keys" -> keys = longIn(name, value, 1, KeyChooser.MAX_KEYS);
                case "--value-size" -> valueSize = (int) longIn(name, value, 0, MAX_VALUE_SIZE);
                case "--distribution" -> distribution = switch (value.toLowerCase(Locale.ROOT)) {
                    case "uniform" -> Distribution.UNIFORM;
                    case "zipfian", "zipf" -> Distribution.ZIPFIAN;
                    default -> throw new UsageException("--distribution must be uniform or zipfian, not '" + value + "'");
                };
                case "--zipf-theta" -> theta = doubleIn(name, value, 0.01, 0.999);
                case "--threads" -> threads = (int) longIn(name, value, 1, 256);
                case "--prefill" -> prefill = switch (value) {
                    case "on", "true", "yes" -> true;
                    case "off", "false", "no" -> false;
                    default -> throw new UsageException("--prefill must be on or off, not '" + value + "'");
                };
                case "--label" -> label = nonEmpty(name, value);
                case "--csv" -> csv = nonEmpty(name, value);
                case "--hgrm" -> hgrm = nonEmpty(name, value);
                case "--seed" -> seed = longIn(name, value, Long.MIN_VALUE, Long.MAX_VALUE);
                case "--drain-timeout-s" -> drain = doubleIn(name, value, 0, 3_600);
                default -> throw new UsageException("unknown flag " + name + " (see --help)");
            }
        }
        if (threads > connections) {
            throw new UsageException("--threads (" + threads + ") cannot exceed --connections (" + connections + ")");
        }
        return new LoadOptions(host, port, connections, pipeline, rate, duration, warmup, getRatio, keys,
                valueSize, distribution, theta, threads, prefill, label, csv, hgrm, seed, drain, selfTest);
    }

    private static String nonEmpty(String name, String value) throws UsageException {
        if (value.isEmpty()) {
            throw new UsageException(name + " needs a non-empty value");
        }
        return value;
    }

    private static long longIn(String name, String value, long min, long max) throws UsageException {
        long v;
        try {
            v = Long.parseLong(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new UsageException(name + " needs an integer, got '" + value + "'");
        }
        if (v < min || v > max) {
            throw new UsageException(name + " must be between " + min + " and " + max + ", got " + v);
        }
        return v;
    }

    private static double doubleIn(String name, String value, double min, double max) throws UsageException {
        double v;
        try {
            v = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new UsageException(name + " needs a number, got '" + value + "'");
        }
        if (!(v >= min && v <= max)) {
            throw new UsageException(name + " must be between " + fmt(min) + " and " + fmt(max) + ", got '" + value + "'");
        }
        return v;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
