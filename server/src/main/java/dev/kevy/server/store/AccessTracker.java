package dev.kevy.server.store;

import java.lang.foreign.MemorySegment;

import static dev.kevy.server.store.EntryLayout.INT;
import static dev.kevy.server.store.EntryLayout.META;

/**
 * What the 24 access bits of an entry's {@code meta} (bits 8..31) record, as Redis's
 * {@code robj.lru} does: under an LFU eviction policy, LFU data ({@link Lfu}: the minute of the
 * last decrement and a logarithmic counter); under every other policy, the LRU clock (seconds,
 * 24 bits). Bits 0..7 belong to the entry's type and are never changed here.
 *
 * <p>One tracker per shard, shared by the shard's databases; the shard sets its mode when it
 * applies the live settings. Switching mode does not rewrite entries: their bits are read the new
 * way and become meaningful as keys are accessed, as in Redis ("LRU and LFU data will take some
 * time to adjust"). Single-threaded like the {@link Keyspace}.
 */
public final class AccessTracker {
    private static final int LOW_BITS = 0xFF;

    private boolean lfu;
    private int logFactor = 10;
    private int decayTime = 1;
    private long randomState;

    /** LRU mode, with Redis's LFU defaults ready for a switch. */
    public AccessTracker() {
        this(System.nanoTime());
    }

    /** A tracker whose LFU draws follow {@code seed} (tests). */
    AccessTracker(long seed) {
        this.randomState = seed;
    }

    /**
     * Sets the mode and the LFU parameters ({@code lfu-log-factor}, {@code lfu-decay-time} in
     * minutes, 0 for no decay), both non-negative.
     */
    public void configure(boolean trackFrequency, int lfuLogFactor, int lfuDecayTime) {
        this.lfu = trackFrequency;
        this.logFactor = lfuLogFactor;
        this.decayTime = lfuDecayTime;
    }

    /** Whether entries record LFU data (OBJECT FREQ) rather than the LRU clock (OBJECT IDLETIME). */
    public boolean tracksFrequency() {
        return lfu;
    }

    int decayTime() {
        return decayTime;
    }

    /**
     * OBJECT FREQ: the LFU counter of an entry of {@code keyspace} after decay, not stored back
     * (Redis's {@code LFUDecrAndReturn}); meaningful in LFU mode.
     */
    public int frequency(Keyspace keyspace, long entry, long nowMillis) {
        int bits = keyspace.segment(entry).get(INT, BlockAllocator.offset(entry) + META) >>> 8;
        return Lfu.decayed(bits, nowMillis, decayTime);
    }

    /** {@code meta} with the access bits of a new entry: the clock now, or counter {@link Lfu#INIT} stamped now. */
    int fresh(int meta, long nowMillis) {
        int bits = lfu ? Lfu.bits(Lfu.minutes(nowMillis), Lfu.INIT) : EntryLayout.lruClock(nowMillis);
        return (meta & LOW_BITS) | bits << 8;
    }

    /** {@code meta}'s low bits with the access bits of {@code accessedMeta}: an overwrite keeps its key's history. */
    static int keepAccess(int meta, int accessedMeta) {
        return (meta & LOW_BITS) | (accessedMeta & ~LOW_BITS);
    }

    /**
     * Records an access to the entry at {@code base}: the LRU clock is set to now (no store when it
     * already reads now), or the LFU counter is decayed, incremented with Redis's probability, and
     * stamped now (Redis's {@code updateLFU}).
     */
    void touch(MemorySegment s, long base, long nowMillis) {
        int meta = s.get(INT, base + META);
        int bits;
        if (lfu) {
            int counter = Lfu.increment(Lfu.decayed(meta >>> 8, nowMillis, decayTime), nextDouble(), logFactor);
            bits = Lfu.bits(Lfu.minutes(nowMillis), counter);
        } else {
            bits = EntryLayout.lruClock(nowMillis);
        }
        if (meta >>> 8 != bits) { // skip the store (and a dirty line) when nothing changed
            s.set(INT, base + META, (meta & LOW_BITS) | bits << 8);
        }
    }

    /** A uniform draw in [0, 1) from SplitMix64: allocation-free, not for anything secret. */
    double nextDouble() {
        long z = (randomState += 0x9E37_79B9_7F4A_7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        z ^= z >>> 31;
        return (z >>> 11) * 0x1.0p-53;
    }
}
