package dev.kevy.stress.check;

import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.Outcome;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Fails a jcstress run in which a broken variant no longer shows its bug.
 *
 * <p>A broken variant is a test of this suite that runs a protocol with a fence removed and
 * declares the bug that fence prevents (a lost wake) as {@link Expect#ACCEPTABLE_INTERESTING}
 * (for example {@code ParkWakeWithoutFenceTest}). That is the convention here: an interesting
 * outcome is one that must be observed. jcstress passes such a test whether it sees the outcome or
 * not, so a variant that stopped catching anything (the JIT compiles it differently, the harness
 * changed, someone edited it until it was quiet) would stay green while no longer proving that the
 * fenced test beside it could fail. This check makes that case red.
 *
 * <p>For each test the run selected it requires:
 * <ul>
 *   <li>a report ({@code <report dir>/<test class>.html}): jcstress 0.16 silently skips a test with
 *       more actors than the machine has CPUs, and a test that never ran proves nothing either;</li>
 *   <li>if the test declares an {@code ACCEPTABLE_INTERESTING} outcome: at least one sample, over
 *       all its configurations, of an outcome the report grades "Interesting".</li>
 * </ul>
 * A report it cannot read also fails the check, so a changed report format cannot turn it off.
 *
 * <p>Usage: {@code java -cp jcstress.jar dev.kevy.stress.check.BrokenVariantCheck <report dir>
 * <test class>...}; exit status 0 when everything holds, 1 otherwise, one line per test either way.
 */
public final class BrokenVariantCheck {

    private BrokenVariantCheck() {
    }

    /** Runs the check and exits with its status. */
    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: BrokenVariantCheck <jcstress report dir> <test class>...");
            System.exit(2);
        }
        List<String> tests = List.of(args).subList(1, args.length);
        System.exit(run(Path.of(args[0]), tests, System.out, System.err));
    }

    /**
     * Checks the report in {@code reportDir} for each of {@code tests}.
     *
     * @return 0 if every test has a report and every broken variant observed its interesting outcome, else 1
     */
    public static int run(Path reportDir, List<String> tests, PrintStream out, PrintStream err) {
        int failures = 0;
        for (String test : tests) {
            String problem = check(reportDir, test, out);
            if (problem != null) {
                err.println("stress: FAILED " + test + ": " + problem);
                failures++;
            }
        }
        return failures == 0 ? 0 : 1;
    }

    /** Returns why {@code test} fails the check, or {@code null} (after printing what it saw). */
    private static String check(Path reportDir, String test, PrintStream out) {
        List<String> interesting;
        try {
            interesting = interestingOutcomes(Class.forName(test, false, BrokenVariantCheck.class.getClassLoader()));
        } catch (ClassNotFoundException e) {
            return "no such test class";
        }
        Path file = reportDir.resolve(test + ".html");
        if (!Files.isRegularFile(file)) {
            return "no report at " + file + ": the test did not run (jcstress skips a test with more actors than CPUs)";
        }
        if (interesting.isEmpty()) {
            return null; // Not a broken variant: jcstress's own verdict is the whole story.
        }
        ObservedOutcomes observed;
        try {
            observed = ObservedOutcomes.parse(Files.readString(file));
        } catch (IOException | IllegalArgumentException e) {
            return "cannot read its report " + file + ": " + e.getMessage();
        }
        long seen = observed.samplesGraded("Interesting");
        if (seen == 0) {
            return "broken variant, but jcstress observed none of its interesting outcomes " + interesting
                    + " in " + observed.totalSamples() + " samples: it no longer shows the bug it exists to show";
        }
        out.println("stress: broken variant " + test + " showed its bug " + seen + " times in "
                + observed.totalSamples() + " samples");
        return null;
    }

    /** The ids of {@code test}'s outcomes declared {@code ACCEPTABLE_INTERESTING}; empty if none. */
    public static List<String> interestingOutcomes(Class<?> test) {
        List<String> ids = new ArrayList<>();
        for (Outcome outcome : test.getAnnotationsByType(Outcome.class)) {
            if (outcome.expect() == Expect.ACCEPTABLE_INTERESTING) {
                ids.addAll(List.of(outcome.id()));
            }
        }
        return ids;
    }
}
