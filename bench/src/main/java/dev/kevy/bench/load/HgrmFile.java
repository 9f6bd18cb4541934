package dev.kevy.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A percentile distribution read back from HdrHistogram's text output
 * ({@code outputPercentileDistribution}): value, percentile (a fraction), total count, and
 * 1/(1-percentile) per line, then {@code #[...]} summary lines.
 *
 * @param values latency at each listed percentile, in the file's unit
 * @param percentiles the listed percentiles as fractions in [0, 1]
 * @param max the largest value recorded ({@code #[Max = ...]}), or the last listed value
 */
record HgrmFile(double[] values, double[] percentiles, double max) {

    /**
     * Parses a file.
     *
     * @throws IOException when it cannot be read or holds no percentile line
     */
    static HgrmFile read(Path path) throws IOException {
        return parse(Files.readAllLines(path), path.toString());
    }

    /** Parses the lines of a file; {@code name} is used in the error message. */
    static HgrmFile parse(List<String> lines, String name) throws IOException {
        List<double[]> points = new ArrayList<>();
        double max = Double.NaN;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.startsWith("#[Max")) {
                int eq = line.indexOf('=');
                int comma = line.indexOf(',', eq);
                if (eq > 0 && comma > eq) {
                    max = parseOr(line.substring(eq + 1, comma).strip(), Double.NaN);
                }
                continue;
            }
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("Value")) {
                continue;
            }
            String[] cols = line.split("\\s+");
            if (cols.length < 3) {
                continue;
            }
            double value = parseOr(cols[0], Double.NaN);
            double percentile = parseOr(cols[1], Double.NaN);
            if (Double.isNaN(value) || Double.isNaN(percentile) || percentile < 0 || percentile > 1) {
                continue;
            }
            points.add(new double[] {value, percentile});
        }
        if (points.isEmpty()) {
            throw new IOException(name + ": no percentile lines (is it an HdrHistogram .hgrm file?)");
        }
        double[] values = new double[points.size()];
        double[] percentiles = new double[points.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = points.get(i)[0];
            percentiles[i] = points.get(i)[1];
        }
        return new HgrmFile(values, percentiles, Double.isNaN(max) ? values[values.length - 1] : max);
    }

    private static double parseOr(String s, double fallback) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
