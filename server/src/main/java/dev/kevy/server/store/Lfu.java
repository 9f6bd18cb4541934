package dev.kevy.server.store;

/**
 * Redis's LFU arithmetic over the 24 access bits of an entry: the top 16 bits are the minute of
 * the last decrement (the clock wraps every 45 days), the low 8 a logarithmic access counter.
 *
 * <p>The counter does not count accesses: an access increments it with probability
 * {@code 1 / ((counter - INIT) * logFactor + 1)}, so with the default factor of 10 it reaches
 * about 10 after 100 accesses, 18 after 1,000 and 255 after a million (Redis's table). It decays
 * by one for every {@code decayTime} minutes since the last decrement, at the next access or
 * when it is read. A new key starts at {@link #INIT} so it is not the first to go.
 *
 * <p>Pure functions of their arguments: the random draw is the caller's, so tests can fix it.
 */
final class Lfu {
    /** Redis's {@code LFU_INIT_VAL}: the counter of a new key. */
    static final int INIT = 5;
    static final int MAX = 255;
    private static final int MINUTES_MASK = 0xFFFF;

    private Lfu() {
    }

    /** Redis's {@code LFUGetTimeInMinutes}: minutes since the epoch, in 16 bits. */
    static int minutes(long nowMillis) {
        return (int) (nowMillis / 60_000) & MINUTES_MASK;
    }

    /** Minutes from {@code then} to {@code now} on the 16-bit clock (Redis's {@code LFUTimeElapsed}, wrap included). */
    static int elapsed(int then, int now) {
        return now >= then ? now - then : MINUTES_MASK - then + now;
    }

    /** The 24 access bits of a counter stamped at minute {@code minutes}. */
    static int bits(int minutes, int counter) {
        return minutes << 8 | counter;
    }

    /** The counter in 24 access bits, without decay. */
    static int counter(int bits) {
        return bits & 0xFF;
    }

    /**
     * Redis's {@code LFUDecrAndReturn}: the counter after one decrement per {@code decayTime}
     * minutes elapsed since its stamp, never below 0; {@code decayTime} 0 means no decay.
     */
    static int decayed(int bits, long nowMillis, int decayTime) {
        int counter = bits & 0xFF;
        if (decayTime <= 0) {
            return counter;
        }
        int periods = elapsed(bits >>> 8, minutes(nowMillis)) / decayTime;
        return periods >= counter ? 0 : counter - periods;
    }

    /**
     * Redis's {@code LFULogIncr}: the counter after one access, given a uniform draw {@code r}
     * in [0, 1). Saturates at 255.
     */
    static int increment(int counter, double r, int logFactor) {
        if (counter >= MAX) {
            return MAX;
        }
        double base = Math.max(0, counter - INIT);
        double p = 1.0 / (base * logFactor + 1);
        return r < p ? counter + 1 : counter;
    }
}
