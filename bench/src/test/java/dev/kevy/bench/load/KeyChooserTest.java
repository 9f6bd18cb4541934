package dev.kevy.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KeyChooserTest {

    @Test
    void uniformDrawsCoverEveryKeyAndNothingElse() {
        KeyChooser chooser = new KeyChooser(100, Distribution.UNIFORM, 0.99, 1);
        boolean[] seen = new boolean[100];
        for (int i = 0; i < 20_000; i++) {
            long k = chooser.nextKey();
            assertTrue(k >= 0 && k < 100, "key " + k);
            seen[(int) k] = true;
        }
        for (int k = 0; k < 100; k++) {
            assertTrue(seen[k], "key " + k + " never drawn");
        }
    }

    @Test
    void zipfianRankZeroHasItsTheoreticalShare() {
        long n = 1000;
        double theta = 0.99;
        KeyChooser chooser = new KeyChooser(n, Distribution.ZIPFIAN, theta, 7);
        int draws = 400_000;
        int zeros = 0;
        int ones = 0;
        for (int i = 0; i < draws; i++) {
            long r = chooser.nextRank();
            assertTrue(r >= 0 && r < n, "rank " + r);
            zeros += r == 0 ? 1 : 0;
            ones += r == 1 ? 1 : 0;
        }
        double zeta = KeyChooser.zeta(n, theta);
        // P(rank i) = (1/(i+1)^theta) / zeta(n); with 400k draws the sampling error is well under 2%.
        assertEquals(1 / zeta, zeros / (double) draws, 0.02 / zeta);
        assertEquals(Math.pow(0.5, theta) / zeta, ones / (double) draws, 0.02 / zeta);
    }

    @Test
    void scramblingRanksIsABijectionThatSeparatesNeighbours() {
        for (long n : new long[] {1, 2, 10, 1000, 65_536, 99_991}) {
            boolean[] hit = new boolean[(int) n];
            for (long r = 0; r < n; r++) {
                long k = KeyChooser.scramble(r, n);
                assertTrue(k >= 0 && k < n, "key " + k);
                assertTrue(!hit[(int) k], "two ranks map to key " + k + " of " + n);
                hit[(int) k] = true;
            }
        }
        // The ten hottest ranks of 100000 keys do not sit next to each other.
        long spread = 0;
        for (long r = 1; r < 10; r++) {
            spread = Math.max(spread, Math.abs(KeyChooser.scramble(r, 100_000) - KeyChooser.scramble(r - 1, 100_000)));
        }
        assertTrue(spread > 1000, "neighbouring ranks stay within " + spread + " keys");
    }

    @Test
    void equalSeedsGiveEqualSequences() {
        KeyChooser a = new KeyChooser(1_000_000, Distribution.UNIFORM, 0.99, 42);
        KeyChooser b = new KeyChooser(1_000_000, Distribution.UNIFORM, 0.99, 42);
        for (int i = 0; i < 1000; i++) {
            assertEquals(a.nextKey(), b.nextKey());
        }
    }
}
