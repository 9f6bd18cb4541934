package dev.kevy.bench.load;

import java.io.IOException;
import java.io.PrintStream;

/**
 * {@code --self-test}: drives an in-process {@link NullServer} in both modes and checks what a
 * working generator must produce. For a machine where the JUnit tests are not at hand.
 */
final class SelfTest {

    private SelfTest() {
    }

    /** Runs the checks, printing one line each; true when all pass. */
    static boolean run(PrintStream out) {
        try (NullServer server = NullServer.start("127.0.0.1", 0, 1)) {
            LoadOptions base = LoadOptions.defaults();
            LoadOptions closed = withLoad(base, server.port(), 4, 8, 0);
            RunResult c = LoadGenerator.run(closed);
            boolean ok = check(out, "closed loop answers every request with the right kind",
                    c.clean() && c.incomplete() == 0 && c.latency().getTotalCount() > 0,
                    c.latency().getTotalCount() + " recorded, " + c.errors() + " errors, " + c.unexpected() + " wrong");
            ok &= check(out, "GETs against NullServer all miss", c.hits() == 0 && c.misses() > 0,
                    c.hits() + " hits, " + c.misses() + " misses");

            double rate = 4_000;
            RunResult o = LoadGenerator.run(withLoad(base, server.port(), 4, 1, rate));
            long expected = Math.round(rate * o.options().durationS());
            long got = o.latency().getTotalCount();
            ok &= check(out, "open loop records one latency per intended request",
                    o.clean() && Math.abs(got - expected) <= o.options().connections(),
                    got + " recorded, " + expected + " intended");
            return ok;
        } catch (IOException e) {
            out.println("FAIL self-test could not run: " + e.getMessage());
            return false;
        }
    }

    private static LoadOptions withLoad(LoadOptions b, int port, int connections, int pipeline, double rate) {
        return new LoadOptions("127.0.0.1", port, connections, pipeline, rate, 0.5, 0.2, 0.5, 1000,
                b.valueSize(), b.distribution(), b.zipfTheta(), 1, false, "self-test", null, null, b.seed(), 2, false);
    }

    private static boolean check(PrintStream out, String what, boolean passed, String detail) {
        out.println((passed ? "PASS " : "FAIL ") + what + " (" + detail + ")");
        return passed;
    }
}
