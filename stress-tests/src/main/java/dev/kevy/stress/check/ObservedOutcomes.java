package dev.kevy.stress.check;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The outcome table of one test's jcstress 0.16 HTML report: each observed outcome, the grade
 * jcstress gave it ("Acceptable", "Interesting", "Forbidden"), and its samples summed over all the
 * configurations (JVM flag sets) the test ran in.
 *
 * <p>The table lists only outcomes observed in at least one configuration: an outcome never seen has
 * no column. Its layout: a header row with one {@code <th nowrap align='center'>} per outcome, a row
 * of grades, a row of descriptions, then one row per configuration whose last cells are the counts,
 * {@code <td align='right' ...>N</td>}, in column order.
 */
record ObservedOutcomes(List<String> outcomes, List<String> grades, long[] samples) {
    private static final Pattern OUTCOME = Pattern.compile("<th nowrap align='center'>([^<]*)</th>");
    private static final Pattern PLAIN_CELL = Pattern.compile("<td>([^<]*)</td>");
    private static final Pattern COUNT = Pattern.compile("<td align='right'[^>]*>(\\d+)</td>");

    /**
     * Reads the outcome table of a test's report page.
     *
     * @throws IllegalArgumentException if the page has no table of the expected shape
     */
    static ObservedOutcomes parse(String html) {
        List<String> outcomes = new ArrayList<>();
        Matcher header = OUTCOME.matcher(html);
        int headerEnd = -1;
        while (header.find()) {
            outcomes.add(header.group(1));
            headerEnd = header.end();
        }
        if (outcomes.isEmpty()) {
            throw new IllegalArgumentException("no outcome columns (not a jcstress 0.16 test report?)");
        }
        int tableEnd = html.indexOf("</table>", headerEnd);
        if (tableEnd < 0) {
            throw new IllegalArgumentException("the outcome table does not end");
        }
        String body = html.substring(headerEnd, tableEnd);

        List<String> grades = new ArrayList<>();
        Matcher cell = PLAIN_CELL.matcher(body);
        while (grades.size() < outcomes.size() && cell.find()) {
            grades.add(cell.group(1));
        }
        if (grades.size() != outcomes.size()) {
            throw new IllegalArgumentException(outcomes.size() + " outcome columns but " + grades.size() + " grades");
        }

        long[] samples = new long[outcomes.size()];
        Matcher count = COUNT.matcher(body);
        int cells = 0;
        while (count.find()) {
            samples[cells % samples.length] += Long.parseLong(count.group(1));
            cells++;
        }
        if (cells == 0 || cells % samples.length != 0) {
            throw new IllegalArgumentException(cells + " count cells for " + samples.length + " outcome columns");
        }
        return new ObservedOutcomes(List.copyOf(outcomes), List.copyOf(grades), samples);
    }

    /** Samples of the outcomes jcstress graded {@code grade} (case-insensitive). */
    long samplesGraded(String grade) {
        long sum = 0;
        for (int i = 0; i < samples.length; i++) {
            if (grades.get(i).equalsIgnoreCase(grade)) {
                sum += samples[i];
            }
        }
        return sum;
    }

    /** Samples of every outcome. */
    long totalSamples() {
        long sum = 0;
        for (long s : samples) {
            sum += s;
        }
        return sum;
    }
}
