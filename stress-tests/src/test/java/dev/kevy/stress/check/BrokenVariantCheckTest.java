package dev.kevy.stress.check;

import dev.kevy.stress.park.ParkWakeFenceTest;
import dev.kevy.stress.park.ParkWakeTerminationTest;
import dev.kevy.stress.park.ParkWakeWithoutFenceTest;
import dev.kevy.stress.task.TaskQueueProducersTest;
import dev.kevy.stress.task.TaskSubmitParkTest;
import dev.kevy.stress.task.TaskSubmitWithoutFenceTest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The check that keeps the broken variants honest is itself checked: on canned jcstress reports it
 * must pass when the bug was observed and fail when it was not.
 *
 * <p>The reports under {@code src/test/resources/dev/kevy/stress/check}:
 * <ul>
 *   <li>{@code observed/}: real quick-mode reports (2026-12-06, this 2-core machine) of
 *       {@code ParkWakeWithoutFenceTest} (lost wake 43,206 times), {@code TaskSubmitWithoutFenceTest}
 *       (280 times) and {@code ParkWakeFenceTest};</li>
 *   <li>{@code notObserved/}: a real report of {@code TaskSubmitWithoutFenceTest} run with
 *       {@code -jvmArgs -XX:TieredStopAtLevel=1}: compiled by C1 only, the variant never showed the
 *       lost wake, so the report has no "0, 0" column at all and jcstress called the run a pass;</li>
 *   <li>{@code zeroCount/}: the observed {@code ParkWakeWithoutFenceTest} report with its lost-wake
 *       counts edited to 0;</li>
 *   <li>{@code unreadable/}: a page that is not a test report (jcstress's index page).</li>
 * </ul>
 */
class BrokenVariantCheckTest {
    private static final String UNFENCED_PARK = ParkWakeWithoutFenceTest.class.getName();
    private static final String UNFENCED_SUBMIT = TaskSubmitWithoutFenceTest.class.getName();
    private static final String FENCED_PARK = ParkWakeFenceTest.class.getName();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String reports, String... tests) throws URISyntaxException {
        Path dir = Path.of(getClass().getResource(reports).toURI());
        return BrokenVariantCheck.run(dir, List.of(tests), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void passesWhenEveryBrokenVariantShowedItsBug() throws Exception {
        assertEquals(0, run("observed", UNFENCED_PARK, UNFENCED_SUBMIT, FENCED_PARK), err());
        assertTrue(out().contains(UNFENCED_PARK + " showed its bug 43206 times in 2179265 samples"), out());
        assertTrue(out().contains(UNFENCED_SUBMIT + " showed its bug 280 times"), out());
        assertEquals("", err());
    }

    @Test
    void failsWhenJcstressNoLongerObservesTheLostWake() throws Exception {
        assertEquals(1, run("notObserved", UNFENCED_SUBMIT));
        assertTrue(err().contains("FAILED " + UNFENCED_SUBMIT), err());
        assertTrue(err().contains("observed none of its interesting outcomes [0, 0]"), err());
    }

    @Test
    void failsWhenTheInterestingCountIsZero() throws Exception {
        assertEquals(1, run("zeroCount", UNFENCED_PARK));
        assertTrue(err().contains("observed none of its interesting outcomes [0, 0] in 2136059 samples"), err());
    }

    @Test
    void oneMissedVariantFailsTheRunEvenBesideOnesThatPass() throws Exception {
        Path observed = Path.of(getClass().getResource("observed").toURI());
        Path notObserved = Path.of(getClass().getResource("notObserved").toURI());
        Path mixed = Files.createTempDirectory("reports");
        try {
            Files.copy(observed.resolve(UNFENCED_PARK + ".html"), mixed.resolve(UNFENCED_PARK + ".html"));
            Files.copy(notObserved.resolve(UNFENCED_SUBMIT + ".html"), mixed.resolve(UNFENCED_SUBMIT + ".html"));
            int status = BrokenVariantCheck.run(mixed, List.of(UNFENCED_PARK, UNFENCED_SUBMIT),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(1, status);
            assertTrue(err().contains(UNFENCED_SUBMIT), err());
            assertFalse(err().contains(UNFENCED_PARK), err());
        } finally {
            try (var files = Files.list(mixed)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(mixed);
        }
    }

    @Test
    void failsWhenASelectedTestHasNoReport() throws Exception {
        // What a skipped test looks like: jcstress 0.16 runs no test with more actors than CPUs.
        assertEquals(1, run("observed", UNFENCED_PARK, TaskSubmitParkTest.class.getName()));
        assertTrue(err().contains("FAILED " + TaskSubmitParkTest.class.getName() + ": no report"), err());
    }

    @Test
    void failsOnAReportItCannotRead() throws Exception {
        assertEquals(1, run("unreadable", UNFENCED_PARK));
        assertTrue(err().contains("cannot read its report"), err());
    }

    @Test
    void failsOnAnUnknownTestName() throws Exception {
        assertEquals(1, run("observed", "dev.kevy.stress.NoSuchTest"));
        assertTrue(err().contains("no such test class"), err());
    }

    @Test
    void brokenVariantsAreTheTestsThatDeclareAnInterestingOutcome() {
        assertEquals(List.of("0, 0"), BrokenVariantCheck.interestingOutcomes(ParkWakeWithoutFenceTest.class));
        assertEquals(List.of("0, 0"), BrokenVariantCheck.interestingOutcomes(TaskSubmitWithoutFenceTest.class));
        assertEquals(List.of(), BrokenVariantCheck.interestingOutcomes(ParkWakeFenceTest.class));
        assertEquals(List.of(), BrokenVariantCheck.interestingOutcomes(ParkWakeTerminationTest.class));
        assertEquals(List.of(), BrokenVariantCheck.interestingOutcomes(TaskSubmitParkTest.class));
        assertEquals(List.of(), BrokenVariantCheck.interestingOutcomes(TaskQueueProducersTest.class));
    }

    @Test
    void readsEveryOutcomeColumnSummedOverConfigurations() throws Exception {
        Path page = Path.of(getClass().getResource("observed/" + UNFENCED_PARK + ".html").toURI());
        ObservedOutcomes table = ObservedOutcomes.parse(Files.readString(page));
        assertEquals(List.of("0, 0", "0, 1", "1, 0", "1, 1"), table.outcomes());
        assertEquals(List.of("Interesting", "Acceptable", "Acceptable", "Acceptable"), table.grades());
        // The console's "Results across all configurations" for this run: 43,206 / 1,290,664 / 844,990 / 405.
        assertEquals(List.of(43_206L, 1_290_664L, 844_990L, 405L),
                java.util.Arrays.stream(table.samples()).boxed().toList());
        assertEquals(43_206L, table.samplesGraded("Interesting"));
    }
}
