package dev.kevy.bench.load;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** Prints a run's summary and writes its CSV row and percentile distribution. */
final class Report {

    /** Column names of the CSV; one row per run. Latencies are in microseconds. */
    static final String CSV_HEADER = "date,label,host,port,mode,target_rps,connections,pipeline,threads,"
            + "get_ratio,keys,value_size,distribution,duration_s,warmup_s,throughput_rps,recorded,"
            + "p50_us,p90_us,p99_us,p999_us,p9999_us,max_us,mean_us,errors,unexpected,get_hits,get_misses,"
            + "incomplete,slot_waits,send_lag_p99_us,send_lag_max_us,gen_cpu_pct";

    /** HdrHistogram's standard percentile output, values scaled from ns to microseconds. */
    static final double HGRM_SCALE_TO_US = 1000.0;

    private Report() {
    }

    /** The human-readable summary. */
    static void print(RunResult r, PrintStream out) {
        LoadOptions o = r.options();
        String mode = o.openLoop()
                ? String.format(Locale.ROOT, "open loop at %.0f req/s", o.rate())
                : "closed loop";
        out.printf(Locale.ROOT, "bench-load [%s] %s:%d %s, %d connections x pipeline %d, %d thread(s)%n",
                o.label(), o.host(), o.port(), mode, o.connections(), o.pipeline(), o.threads());
        out.printf(Locale.ROOT, "  workload    GET %.0f%% / SET %.0f%%, %d keys %s, %d-byte values%s%n",
                o.getRatio() * 100, (1 - o.getRatio()) * 100, o.keys(), o.distribution().name().toLowerCase(Locale.ROOT),
                o.valueSize(), o.prefill() && o.getRatio() > 0 ? ", prefilled" : "");
        out.printf(Locale.ROOT, "  throughput  %.0f req/s over %.1f s (%d recorded)%n",
                r.throughput(), o.durationS(), r.latency().getTotalCount());
        out.printf(Locale.ROOT, "  latency us  p50 %s  p90 %s  p99 %s  p99.9 %s  p99.99 %s  max %s  (mean %s)%n",
                us(r.latencyUs(50)), us(r.latencyUs(90)), us(r.latencyUs(99)), us(r.latencyUs(99.9)),
                us(r.latencyUs(99.99)), us(r.latency().getMaxValue() / 1000.0), us(r.latency().getMean() / 1000.0));
        long gets = r.hits() + r.misses();
        out.printf(Locale.ROOT, "  replies     errors %d, wrong kind %d, GET hits %d of %d%n",
                r.errors(), r.unexpected(), r.hits(), gets);
        if (o.openLoop()) {
            out.printf(Locale.ROOT, "  send lag    generator p99 %s us, max %s us (timer slack %s); %d requests waited"
                    + " for a full pipeline/socket%n", us(r.sendLag().getValueAtPercentile(99) / 1000.0),
                    us(r.sendLag().getMaxValue() / 1000.0), r.preciseTimers() ? "1 ns" : "kernel default", r.slotWaits());
        }
        out.printf(Locale.ROOT, "  generator   CPU %.0f%% of one core%n", r.cpuPercent());
        if (r.incomplete() > 0) {
            out.printf(Locale.ROOT, "  WARNING     %d measured requests were still unanswered after the drain timeout;"
                    + " they are recorded at their age then (a lower bound)%n", r.incomplete());
        }
        if (o.openLoop() && r.latency().getTotalCount() > 0
                && r.sendLag().getValueAtPercentile(99) > Math.max(50_000, r.latency().getValueAtPercentile(50) / 2)) {
            out.println("  WARNING     the generator itself sent late (send lag p99 above half the median"
                    + " latency): this run measures the generator as much as the server");
        }
    }

    /** Appends one row to the CSV file, writing the header first when the file is new or empty. */
    static void appendCsv(RunResult r, Path file) throws IOException {
        LoadOptions o = r.options();
        boolean fresh = !Files.exists(file) || Files.size(file) == 0;
        StringBuilder row = new StringBuilder();
        if (fresh) {
            row.append(CSV_HEADER).append('\n');
        }
        row.append(String.join(",",
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), csvText(o.label()), csvText(o.host()),
                Integer.toString(o.port()), o.openLoop() ? "open" : "closed", num(o.rate()),
                Integer.toString(o.connections()), Integer.toString(o.pipeline()), Integer.toString(o.threads()),
                num(o.getRatio()), Long.toString(o.keys()), Integer.toString(o.valueSize()),
                o.distribution().name().toLowerCase(Locale.ROOT), num(o.durationS()), num(o.warmupS()),
                num(r.throughput()), Long.toString(r.latency().getTotalCount()),
                num(r.latencyUs(50)), num(r.latencyUs(90)), num(r.latencyUs(99)), num(r.latencyUs(99.9)),
                num(r.latencyUs(99.99)), num(r.latency().getMaxValue() / 1000.0), num(r.latency().getMean() / 1000.0),
                Long.toString(r.errors()), Long.toString(r.unexpected()), Long.toString(r.hits()),
                Long.toString(r.misses()), Long.toString(r.incomplete()), Long.toString(r.slotWaits()),
                num(r.sendLag().getValueAtPercentile(99) / 1000.0), num(r.sendLag().getMaxValue() / 1000.0),
                num(r.cpuPercent())));
        row.append('\n');
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, row, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Writes the latency percentile distribution in HdrHistogram's text format, in microseconds. */
    static void writeHgrm(RunResult r, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (PrintStream ps = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8)) {
            r.latency().outputPercentileDistribution(ps, 5, HGRM_SCALE_TO_US);
        }
    }

    private static String us(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String csvText(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
