package dev.kevy.server;

/**
 * A shard's source of random bits for sampling commands (SPOP, SRANDMEMBER, HRANDFIELD):
 * SplitMix64, fast and allocation-free; not for anything secret. One per shard, so no sharing.
 */
final class RandomBits {
    private long state;

    RandomBits(long seed) {
        this.state = seed;
    }

    /** 64 random bits. */
    long next() {
        long z = (state += 0x9E37_79B9_7F4A_7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }

    /** A value in {@code [0, bound)} for {@code bound > 0}; the modulo's bias is below bound / 2^64. */
    long below(long bound) {
        return Long.remainderUnsigned(next(), bound);
    }
}
