package dev.kevy.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LoadOptionsTest {

    @Test
    void parsesSpaceAndEqualsFormsOfEveryFlag() throws Exception {
        LoadOptions o = LoadOptions.parse(new String[] {
            "--host", "10.0.0.1", "--port=7000", "--connections", "8", "--pipeline", "16", "--rate", "5000",
            "--duration-s", "2.5", "--warmup-s=0", "--get-ratio", "0.25", "--keys", "1_000", "--value-size", "3",
            "--distribution", "zipfian", "--zipf-theta", "0.9", "--threads", "2", "--prefill", "off",
            "--label", "a b", "--csv", "x.csv", "--hgrm", "x.hgrm", "--seed", "-5", "--drain-timeout-s", "1"});
        assertEquals(new LoadOptions("10.0.0.1", 7000, 8, 16, 5000, 2.5, 0, 0.25, 1000, 3, Distribution.ZIPFIAN,
                0.9, 2, false, "a b", "x.csv", "x.hgrm", -5, 1, false), o);
        assertTrue(o.openLoop());
    }

    @Test
    void noFlagsGiveTheDefaultsAndRateZeroIsClosedLoop() throws Exception {
        LoadOptions o = LoadOptions.parse(new String[0]);
        assertEquals(LoadOptions.defaults(), o);
        assertFalse(o.openLoop());
    }

    @Test
    void helpReturnsNull() throws Exception {
        assertNull(LoadOptions.parse(new String[] {"--port", "1", "--help"}));
    }

    @Test
    void badFlagsFailWithOneLineNamingTheProblem() {
        assertEquals("unknown flag --bogus (see --help)", message("--bogus", "1"));
        assertEquals("--connections needs an integer, got 'many'", message("--connections", "many"));
        assertEquals("--get-ratio must be between 0 and 1, got '1.5'", message("--get-ratio", "1.5"));
        assertEquals("--port needs a value (see --help)", message("--port"));
        assertEquals("--distribution must be uniform or zipfian, not 'normal'", message("--distribution", "normal"));
        assertEquals("--threads (3) cannot exceed --connections (2)", message("--connections", "2", "--threads", "3"));
        assertEquals("unexpected argument 'stray' (flags start with --; see --help)", message("stray"));
    }

    private static String message(String... args) {
        return assertThrows(LoadOptions.UsageException.class, () -> LoadOptions.parse(args)).getMessage();
    }
}
