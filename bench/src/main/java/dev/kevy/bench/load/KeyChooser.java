package dev.kevy.bench.load;

/**
 * Draws key indexes (uniform or zipfian) and coin flips from a private xorshift generator.
 *
 * <p>One instance per event-loop thread, so drawing needs no synchronisation and allocates nothing.
 *
 * <p>Zipfian draws use the constant-time method of Gray et al., "Quickly Generating Billion-Record
 * Synthetic Databases" (SIGMOD 1994), with the same default skew as YCSB (theta 0.99). The rank
 * drawn (0 = hottest) is then spread over the key space by multiplying with a prime larger than
 * any key count, a bijection modulo the key count: hot keys are not neighbours, so on a sharded
 * server they do not all land on the shard that owns the low indexes.
 */
final class KeyChooser {

    /** Largest key count: keeps rank * SCRAMBLE below 2^63 and the zeta sum to seconds. */
    static final long MAX_KEYS = 1_000_000_000L;
    /** A prime larger than {@link #MAX_KEYS}, hence coprime to every key count. */
    private static final long SCRAMBLE = 2_654_435_761L;

    private final long keys;
    private final boolean zipfian;
    private final double zetaN;
    private final double alpha;
    private final double eta;
    private final double halfPowTheta;
    private long state;

    /**
     * @param keys key count (indexes 0 .. keys-1)
     * @param distribution how indexes are drawn
     * @param theta zipfian skew in (0, 1); ignored for uniform
     * @param seed generator seed; equal seeds give equal sequences
     */
    KeyChooser(long keys, Distribution distribution, double theta, long seed) {
        this(keys, distribution, theta, seed, distribution == Distribution.ZIPFIAN ? zeta(keys, theta) : 0);
    }

    /** As above with zeta(keys, theta) precomputed, so threads share the O(keys) sum. */
    KeyChooser(long keys, Distribution distribution, double theta, long seed, double zetaN) {
        if (keys < 1 || keys > MAX_KEYS) {
            throw new IllegalArgumentException("keys out of range: " + keys);
        }
        this.keys = keys;
        this.zipfian = distribution == Distribution.ZIPFIAN;
        this.zetaN = zetaN;
        this.alpha = 1.0 / (1.0 - theta);
        this.halfPowTheta = Math.pow(0.5, theta);
        double zeta2 = 1.0 + halfPowTheta;
        this.eta = (1.0 - Math.pow(2.0 / keys, 1.0 - theta)) / (1.0 - zeta2 / zetaN);
        // splitmix64 of the seed: xorshift must not start from 0, and nearby seeds must diverge.
        long z = seed + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        this.state = z == 0 ? 1 : z;
    }

    /** The generalised harmonic number sum(1/i^theta, i = 1..n); O(n), computed once per run. */
    static double zeta(long n, double theta) {
        double sum = 0;
        for (long i = 1; i <= n; i++) {
            sum += 1.0 / Math.pow(i, theta);
        }
        return sum;
    }

    /** Next key index in [0, keys). */
    long nextKey() {
        if (!zipfian) {
            return Math.floorMod(nextLong(), keys);
        }
        return scramble(nextRank(), keys);
    }

    /** Maps a rank to a key: a bijection of [0, keys) that puts neighbouring ranks far apart. */
    static long scramble(long rank, long keys) {
        return rank * SCRAMBLE % keys;
    }

    /** Next zipfian rank in [0, keys), 0 the most frequent (exposed for the distribution test). */
    long nextRank() {
        double u = nextDouble();
        double uz = u * zetaN;
        if (uz < 1.0) {
            return 0;
        }
        if (uz < 1.0 + halfPowTheta) {
            return Math.min(1, keys - 1);
        }
        long rank = (long) (keys * Math.pow(eta * u - eta + 1.0, alpha));
        return Math.min(rank, keys - 1);
    }

    /** Uniform double in [0, 1). */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** xorshift64*: fast, and good enough to pick keys and commands. */
    private long nextLong() {
        long x = state;
        x ^= x >>> 12;
        x ^= x << 25;
        x ^= x >>> 27;
        state = x;
        return x * 0x2545F4914F6CDD1DL;
    }
}
