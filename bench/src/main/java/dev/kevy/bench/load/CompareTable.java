package dev.kevy.bench.load;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Turns the raw results of {@code scripts/compare.sh} into Markdown tables: medians over the
 * alternated runs, ratios of ours (servers whose id starts with {@code kevy}) to each baseline
 * ({@code redis}, {@code netty}), and a plain list of every figure where ours is worse.
 *
 * <p>{@code CompareTable --results r.csv --rb rb.csv --gc gc.csv --name redis=Redis ... --missing kevy1=why}.
 * Result labels are {@code server|load|round}.
 */
public final class CompareTable {

    /** A worse-by-more-than-this ratio is listed as a loss; inside it, runs are within noise. */
    static final double LOSS_MARGIN = 0.05;
    private static final List<String> BASELINES = List.of("redis", "netty");

    private final Map<String, String> names = new LinkedHashMap<>();
    private final Map<String, String> missing = new LinkedHashMap<>();
    private final CsvTable results;
    private final CsvTable rb;
    private final CsvTable gc;
    private final List<String> losses = new ArrayList<>();

    private CompareTable(CsvTable results, CsvTable rb, CsvTable gc) {
        this.results = results;
        this.rb = rb;
        this.gc = gc;
    }

    /** Command-line entry point; writes Markdown to stdout. */
    public static void main(String[] args) throws IOException {
        Path r = null, b = null, g = null;
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, String> missing = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            String v = args[i + 1];
            int eq = v.indexOf('=');
            switch (args[i]) {
                case "--results" -> r = Path.of(v);
                case "--rb" -> b = Path.of(v);
                case "--gc" -> g = Path.of(v);
                case "--name" -> names.put(v.substring(0, Math.max(0, eq)), v.substring(eq + 1));
                case "--missing" -> missing.put(v.substring(0, Math.max(0, eq)), v.substring(eq + 1));
                default -> {
                    System.err.println("compare-table: unknown flag " + args[i]);
                    System.exit(2);
                }
            }
        }
        CompareTable t = new CompareTable(CsvTable.read(r), CsvTable.read(b), CsvTable.read(g));
        t.names.putAll(names);
        t.missing.putAll(missing);
        t.print(System.out);
    }

    void print(PrintStream out) {
        List<String> loads = loads();
        out.println("#### Closed-loop throughput (requests/s; median of the alternated runs, spread = (max-min)/median)");
        out.println();
        header(out, "load", servers());
        for (String load : loads) {
            if (isClosed(load)) {
                row(out, describe(load), server -> throughputCell(server, load));
            }
        }
        out.println();
        ratioTable(out, loads.stream().filter(this::isClosed).toList(), "throughput", true,
                (server, load) -> median(metric(server, load, "throughput_rps")));

        for (String load : loads) {
            latencyTable(out, load);
        }
        redisBenchmarkTable(out);
        gcTable(out);

        out.println("#### Where kevy loses");
        out.println();
        if (ours().stream().allMatch(missing::containsKey)) {
            out.println("Nothing to compare: kevy was not available in this run.");
        } else if (losses.isEmpty()) {
            out.println("Nowhere by more than " + Math.round(LOSS_MARGIN * 100) + "% in this run.");
        } else {
            losses.forEach(l -> out.println("- " + l));
        }
        out.println();
    }

    private void latencyTable(PrintStream out, String load) {
        boolean open = !isClosed(load);
        out.println("#### " + describe(load) + ": latency (us; median over runs of each percentile)");
        out.println();
        String[] cols = open
                ? new String[] {"server", "req/s", "p50", "p90", "p99", "p99.9", "p99.99", "max", "errors", "unanswered", "gen. send lag p99"}
                : new String[] {"server", "req/s", "p50", "p90", "p99", "p99.9", "p99.99", "max", "errors", "unanswered"};
        header(out, cols);
        String[] metrics = {"p50_us", "p90_us", "p99_us", "p999_us", "p9999_us", "max_us"};
        for (String server : servers()) {
            List<String> cells = new ArrayList<>();
            cells.add(names.getOrDefault(server, server));
            if (missing.containsKey(server)) {
                cells.add("not available");
                for (int i = 2; i < cols.length; i++) {
                    cells.add("");
                }
            } else {
                cells.add(count(median(metric(server, load, "throughput_rps"))));
                for (String m : metrics) {
                    cells.add(micros(median(metric(server, load, m))));
                }
                cells.add(count(sum(metric(server, load, "errors")) + sum(metric(server, load, "unexpected"))));
                cells.add(count(sum(metric(server, load, "incomplete"))));
                if (open) {
                    cells.add(micros(max(metric(server, load, "send_lag_p99_us"))));
                }
            }
            out.println("| " + String.join(" | ", cells) + " |");
        }
        out.println();
        for (String m : new String[] {"p50_us", "p99_us", "p999_us"}) {
            for (String ours : ours()) {
                for (String base : BASELINES) {
                    double a = median(metric(ours, load, m));
                    double b = median(metric(base, load, m));
                    if (!Double.isNaN(a) && !Double.isNaN(b) && b > 0 && a / b > 1 + LOSS_MARGIN) {
                        losses.add(String.format(Locale.ROOT, "%s %s: %s %s us vs %s %s us (%.2fx)", describe(load),
                                m.replace("_us", "").replace("p999", "p99.9"), names.getOrDefault(ours, ours), micros(a),
                                names.getOrDefault(base, base), micros(b), a / b));
                    }
                }
            }
        }
        ratioTable(out, List.of(load), "p99 latency", false, (server, l) -> median(metric(server, l, "p99_us")));
    }

    /** Ratios of ours to each baseline; for latency (lower is better) a ratio above 1 is a loss. */
    private void ratioTable(PrintStream out, List<String> rows, String what, boolean higherIsBetter,
                            BiFunction<String, String, Double> value) {
        List<String> pairs = new ArrayList<>();
        for (String ours : ours()) {
            for (String base : BASELINES) {
                pairs.add(ours + "/" + base);
            }
        }
        if (pairs.isEmpty() || rows.isEmpty()) {
            return;
        }
        List<String> cols = new ArrayList<>();
        cols.add(what + " ratio");
        for (String p : pairs) {
            String[] s = p.split("/");
            cols.add(names.getOrDefault(s[0], s[0]) + " / " + names.getOrDefault(s[1], s[1]));
        }
        header(out, cols.toArray(new String[0]));
        for (String load : rows) {
            List<String> cells = new ArrayList<>();
            cells.add(describe(load));
            for (String p : pairs) {
                String[] s = p.split("/");
                double a = value.apply(s[0], load);
                double b = value.apply(s[1], load);
                cells.add(ratioCell(a, b, higherIsBetter));
                if (higherIsBetter && !Double.isNaN(a) && !Double.isNaN(b) && a / b < 1 - LOSS_MARGIN) {
                    losses.add(String.format(Locale.ROOT, "%s %s: %s %s vs %s %s (%.2fx)", describe(load), what,
                            names.getOrDefault(s[0], s[0]), count(a), names.getOrDefault(s[1], s[1]), count(b), a / b));
                }
            }
            out.println("| " + String.join(" | ", cells) + " |");
        }
        out.println();
    }

    private void redisBenchmarkTable(PrintStream out) {
        if (rb.size() == 0) {
            return;
        }
        out.println("#### redis-benchmark -t set,get -c 50 -n 200000 -r 100000 (requests/s, median of the alternated runs)");
        out.println();
        header(out, "test", servers());
        Set<String> tests = new LinkedHashSet<>();
        for (int i = 0; i < rb.size(); i++) {
            tests.add(rb.text(i, "test") + " -P " + rb.text(i, "pipeline"));
        }
        for (String test : tests) {
            row(out, test, server -> missing.containsKey(server) ? "not available" : count(median(rbValues(server, test, "rps"))));
            for (String ours : ours()) {
                for (String base : BASELINES) {
                    double a = median(rbValues(ours, test, "rps"));
                    double b = median(rbValues(base, test, "rps"));
                    if (!Double.isNaN(a) && !Double.isNaN(b) && a / b < 1 - LOSS_MARGIN) {
                        losses.add(String.format(Locale.ROOT, "redis-benchmark %s: %s %s vs %s %s req/s (%.2fx)", test,
                                names.getOrDefault(ours, ours), count(a), names.getOrDefault(base, base), count(b), a / b));
                    }
                }
            }
        }
        out.println();
        out.println("p50 / p99 latency as redis-benchmark reports it (ms, median of the alternated runs; closed loop, so"
                + " coordinated omission applies):");
        out.println();
        header(out, "test", servers());
        for (String test : tests) {
            row(out, test, server -> missing.containsKey(server) ? "not available"
                    : millis(median(rbValues(server, test, "p50_ms"))) + " / " + millis(median(rbValues(server, test, "p99_ms"))));
        }
        out.println();
    }

    private void gcTable(PrintStream out) {
        if (gc.size() == 0) {
            return;
        }
        out.println("#### JVM garbage collection during the runs (-Xlog:gc; whole run including warm-up)");
        out.println();
        header(out, "server", "load", "runs", "GC cycles", "pause total ms");
        Map<String, double[]> totals = new LinkedHashMap<>();
        for (int i = 0; i < gc.size(); i++) {
            String key = gc.text(i, "server") + "|" + gc.text(i, "load");
            double[] t = totals.computeIfAbsent(key, k -> new double[3]);
            t[0]++;
            t[1] += gc.number(i, "cycles");
            t[2] += gc.number(i, "pause_ms");
        }
        for (Map.Entry<String, double[]> e : totals.entrySet()) {
            String[] k = e.getKey().split("\\|");
            double[] t = e.getValue();
            out.printf(Locale.ROOT, "| %s | %s | %d | %d | %.1f |%n", names.getOrDefault(k[0], k[0]), describe(k[1]),
                    (long) t[0], (long) t[1], t[2]);
        }
        out.println();
    }

    private List<String> servers() {
        return new ArrayList<>(names.keySet());
    }

    private List<String> ours() {
        return servers().stream().filter(s -> s.startsWith("kevy")).toList();
    }

    private List<String> loads() {
        Set<String> loads = new LinkedHashSet<>();
        for (int i = 0; i < results.size(); i++) {
            String[] label = results.text(i, "label").split("\\|");
            if (label.length == 3) {
                loads.add(label[1]);
            }
        }
        return new ArrayList<>(loads);
    }

    private boolean isClosed(String load) {
        int row = firstRow(load);
        return row >= 0 && results.text(row, "mode").equals("closed");
    }

    private int firstRow(String load) {
        for (int i = 0; i < results.size(); i++) {
            String[] label = results.text(i, "label").split("\\|");
            if (label.length == 3 && label[1].equals(load)) {
                return i;
            }
        }
        return -1;
    }

    /** "P16 closed loop, 50 conns x pipeline 16" or "open 25%: 26,000 req/s, 50 conns x pipeline 1". */
    private String describe(String load) {
        if (load.startsWith("rb-P")) {
            return "redis-benchmark -P " + load.substring(4);
        }
        int row = firstRow(load);
        if (row < 0) {
            return load;
        }
        String shape = count(results.number(row, "connections")) + " conns x pipeline " + count(results.number(row, "pipeline"));
        if (results.text(row, "mode").equals("closed")) {
            return load.toUpperCase(Locale.ROOT) + " closed loop, " + shape;
        }
        String pct = load.startsWith("open") ? load.substring(4) + "% of Redis P1 peak, " : "";
        return "open loop " + pct + count(results.number(row, "target_rps")) + " req/s, " + shape;
    }

    private List<Double> metric(String server, String load, String column) {
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            String[] label = results.text(i, "label").split("\\|");
            if (label.length == 3 && label[0].equals(server) && label[1].equals(load)) {
                values.add(results.number(i, column));
            }
        }
        return values;
    }

    private List<Double> rbValues(String server, String test, String column) {
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < rb.size(); i++) {
            if (rb.text(i, "server").equals(server) && (rb.text(i, "test") + " -P " + rb.text(i, "pipeline")).equals(test)) {
                values.add(rb.number(i, column));
            }
        }
        return values;
    }

    private String throughputCell(String server, String load) {
        if (missing.containsKey(server)) {
            return "not available";
        }
        List<Double> v = metric(server, load, "throughput_rps");
        double m = median(v);
        if (Double.isNaN(m)) {
            return "-";
        }
        double spread = (max(v) - min(v)) / m;
        return String.format(Locale.ROOT, "%s (spread %.0f%%)", count(m), spread * 100);
    }

    static String ratioCell(double ours, double base, boolean higherIsBetter) {
        if (Double.isNaN(ours) || Double.isNaN(base) || base == 0) {
            return "-";
        }
        double r = ours / base;
        boolean worse = higherIsBetter ? r < 1 - LOSS_MARGIN : r > 1 + LOSS_MARGIN;
        boolean better = higherIsBetter ? r > 1 + LOSS_MARGIN : r < 1 - LOSS_MARGIN;
        String text = String.format(Locale.ROOT, "%.2fx", r);
        return worse ? "**" + text + " worse**" : better ? text + " better" : text + " (within 5%)";
    }

    static double median(List<Double> values) {
        List<Double> v = values.stream().filter(d -> !Double.isNaN(d)).sorted().toList();
        if (v.isEmpty()) {
            return Double.NaN;
        }
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }

    private static double sum(List<Double> values) {
        return values.stream().filter(d -> !Double.isNaN(d)).mapToDouble(Double::doubleValue).sum();
    }

    private static double max(List<Double> values) {
        return values.stream().filter(d -> !Double.isNaN(d)).mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    private static double min(List<Double> values) {
        return values.stream().filter(d -> !Double.isNaN(d)).mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private void header(PrintStream out, String first, List<String> servers) {
        List<String> cols = new ArrayList<>();
        cols.add(first);
        servers.forEach(s -> cols.add(names.getOrDefault(s, s)));
        header(out, cols.toArray(new String[0]));
    }

    private static void header(PrintStream out, String... cols) {
        out.println("| " + String.join(" | ", cols) + " |");
        out.println("|" + "---|".repeat(cols.length));
    }

    private void row(PrintStream out, String first, Function<String, String> cell) {
        List<String> cells = new ArrayList<>();
        cells.add(first);
        for (String s : servers()) {
            cells.add(cell.apply(s));
        }
        out.println("| " + String.join(" | ", cells) + " |");
    }

    static String count(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%,.0f", v);
    }

    static String millis(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }

    static String micros(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
