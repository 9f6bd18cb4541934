package dev.kevy.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws latency percentile distributions from several {@code .hgrm} files as one SVG chart, in
 * the manner of HdrHistogram's plotter: the x axis is the percentile on a log scale of
 * 1/(1-p) (90%, 99%, 99.9% ... equally spaced), the y axis the latency, one curve per file.
 *
 * <p>{@code PercentilePlot --out plot.svg [--title T] [--unit us] [--log-y] label=run1.hgrm label2=run2.hgrm}
 * ({@code --log-y} puts latency on a log scale too, so a slow curve does not flatten the others).
 */
public final class PercentilePlot {

    private static final int WIDTH = 960;
    private static final int HEIGHT = 540;
    private static final int LEFT = 80;
    private static final int RIGHT = 30;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;
    private static final String[] COLORS = {
        "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"
    };
    /** Rightmost decade drawn at most: 99.9999%. */
    private static final int MAX_DECADES = 6;

    /** One curve: its legend label and its distribution. */
    record Series(String label, HgrmFile data) {
    }

    private PercentilePlot() {
    }

    /** Command-line entry point; exit 2 on bad flags, 1 on unreadable input. */
    public static void main(String[] args) {
        String out = null;
        String title = "Latency by percentile";
        String unit = "us";
        boolean logY = false;
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help" -> {
                    System.out.println("usage: PercentilePlot --out FILE.svg [--title T] [--unit us] [--log-y] [label=]file.hgrm...");
                    return;
                }
                case "--log-y" -> logY = true;
                case "--out", "--title", "--unit" -> {
                    if (i + 1 >= args.length) {
                        usageError(args[i] + " needs a value");
                    }
                    String v = args[++i];
                    switch (args[i - 1]) {
                        case "--out" -> out = v;
                        case "--title" -> title = v;
                        default -> unit = v;
                    }
                }
                default -> {
                    if (args[i].startsWith("--")) {
                        usageError("unknown flag " + args[i] + " (see --help)");
                    }
                    inputs.add(args[i]);
                }
            }
        }
        if (out == null || inputs.isEmpty()) {
            usageError("needs --out FILE.svg and at least one .hgrm file (see --help)");
        }
        try {
            List<Series> series = new ArrayList<>();
            for (String in : inputs) {
                int eq = in.indexOf('=');
                String label = eq > 0 ? in.substring(0, eq) : Path.of(in).getFileName().toString().replaceFirst("\\.hgrm$", "");
                series.add(new Series(label, HgrmFile.read(Path.of(eq > 0 ? in.substring(eq + 1) : in))));
            }
            Files.writeString(Path.of(out), svg(title, unit, series, logY), StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.err.println("plot: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Renders the chart with a linear latency axis. */
    static String svg(String title, String unit, List<Series> series) {
        return svg(title, unit, series, false);
    }

    /** Renders the chart; {@code logY} puts latency on a log scale (powers of ten). */
    static String svg(String title, String unit, List<Series> series, boolean logY) {
        double decades = 1;
        double yMax = 0;
        double yMin = Double.MAX_VALUE;
        for (Series s : series) {
            for (int i = 0; i < s.data().values().length; i++) {
                double x = decadesOf(s.data().percentiles()[i]);
                if (x <= MAX_DECADES) {
                    decades = Math.max(decades, x);
                    yMax = Math.max(yMax, s.data().values()[i]);
                    if (s.data().values()[i] > 0) {
                        yMin = Math.min(yMin, s.data().values()[i]);
                    }
                }
            }
        }
        decades = Math.min(MAX_DECADES, Math.ceil(decades - 1e-9));
        double yTop = logY ? Math.pow(10, Math.ceil(Math.log10(Math.max(yMax, 1e-9)))) : niceCeiling(yMax);
        double yBottom = logY ? Math.pow(10, Math.floor(Math.log10(Math.min(yMin, yTop / 10)))) : 0;
        YScale scale = logY
                ? v -> Math.log10(Math.max(v, yBottom) / yBottom) / Math.log10(yTop / yBottom)
                : v -> Math.min(v, yTop) / yTop;
        double plotW = WIDTH - LEFT - RIGHT;
        double plotH = HEIGHT - TOP - BOTTOM;

        StringBuilder b = new StringBuilder(16_384);
        b.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                        + " font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        b.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"28\" font-size=\"16\" text-anchor=\"middle\">%s</text>%n",
                WIDTH / 2, xml(title)));

        for (int d = 0; d <= (int) decades; d++) {
            double x = LEFT + plotW * d / decades;
            b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
                    x, TOP, x, TOP + plotH));
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>%n",
                    x, TOP + plotH + 18, percentLabel(d)));
        }
        int yTicks = logY ? (int) Math.round(Math.log10(yTop / yBottom)) : 5;
        for (int t = 0; t <= yTicks; t++) {
            double v = logY ? yBottom * Math.pow(10, t) : yTop * t / yTicks;
            double y = TOP + plotH - plotH * scale.fraction(v);
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
                    LEFT, y, LEFT + plotW, y));
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                    LEFT - 6, y + 4, number(v)));
        }
        b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" stroke=\"#333\"/>%n",
                LEFT, TOP, plotW, plotH));
        b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">percentile</text>%n",
                LEFT + plotW / 2, HEIGHT - 15));
        b.append(String.format(Locale.ROOT,
                "<text x=\"18\" y=\"%.1f\" text-anchor=\"middle\" transform=\"rotate(-90 18 %.1f)\">latency (%s)</text>%n",
                TOP + plotH / 2, TOP + plotH / 2, xml(unit)));

        for (int s = 0; s < series.size(); s++) {
            HgrmFile data = series.get(s).data();
            String color = COLORS[s % COLORS.length];
            b.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(color).append("\" points=\"");
            for (int i = 0; i < data.values().length; i++) {
                double dx = decadesOf(data.percentiles()[i]);
                if (dx > decades) {
                    break;
                }
                double x = LEFT + plotW * dx / decades;
                double y = TOP + plotH - plotH * scale.fraction(data.values()[i]);
                b.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            b.append("\"/>\n");
            double ly = TOP + 18 + 18 * s;
            b.append(String.format(Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"3\"/>%n",
                    LEFT + 12, ly - 4, LEFT + 36, ly - 4, color));
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\">%s (max %s %s)</text>%n",
                    LEFT + 42, ly, xml(series.get(s).label()), number(data.max()), xml(unit)));
        }
        b.append("</svg>\n");
        return b.toString();
    }

    /** Maps a latency to its height as a fraction of the plot. */
    private interface YScale {
        double fraction(double value);
    }

    /** log10(1 / (1 - p)): 0 at 0%, 1 at 90%, 2 at 99% ...; infinite at 100%. */
    static double decadesOf(double p) {
        return p >= 1 ? Double.POSITIVE_INFINITY : Math.log10(1 / (1 - p));
    }

    private static String percentLabel(int decade) {
        return switch (decade) {
            case 0 -> "0%";
            case 1 -> "90%";
            default -> "99." + "9".repeat(decade - 2) + "%";
        };
    }

    /** Smallest of 1, 2, 2.5, 5 times a power of ten at or above v. */
    static double niceCeiling(double v) {
        if (v <= 0) {
            return 1;
        }
        double pow = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * pow >= v) {
                return m * pow;
            }
        }
        return 10 * pow;
    }

    private static String number(double v) {
        if (v > 0 && v < 1) {
            return String.format(Locale.ROOT, "%.3g", v);
        }
        return v >= 100 || v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static void usageError(String message) {
        System.err.println("plot: " + message);
        System.exit(2);
    }
}
