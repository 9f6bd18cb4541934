package dev.kevy.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareTableTest {

    @TempDir
    Path dir;

    private static String row(String label, String mode, double rate, double rps, double p99) {
        return String.join(",", "2026-01-01T00:00:00Z", label, "127.0.0.1", "1", mode, Double.toString(rate), "50", "1",
                "1", "0.9", "1000", "64", "uniform", "3", "1", Double.toString(rps), "100", "10", "20",
                Double.toString(p99), "40", "50", "60", "12", "0", "0", "90", "0", "0", "0", "1", "2", "30");
    }

    @Test
    void mediansRatiosAndLossesComeFromTheAlternatedRuns() throws Exception {
        Path results = dir.resolve("results.csv");
        Files.write(results, List.of(Report.CSV_HEADER,
                row("redis|p1|1", "closed", 0, 100_000, 500), row("kevy1|p1|1", "closed", 0, 80_000, 400),
                row("redis|p1|2", "closed", 0, 110_000, 600), row("kevy1|p1|2", "closed", 0, 90_000, 450),
                row("redis|p1|3", "closed", 0, 90_000, 700), row("kevy1|p1|3", "closed", 0, 70_000, 350)));
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(sink, true, StandardCharsets.UTF_8);
        PrintStream saved = System.out;
        System.setOut(out);
        try {
            CompareTable.main(new String[] {"--results", results.toString(), "--name", "redis=Redis",
                "--name", "netty=Netty", "--name", "kevy1=kevy 1 shard", "--missing", "netty=not built"});
        } finally {
            System.setOut(saved);
        }
        String md = sink.toString(StandardCharsets.UTF_8);
        assertTrue(md.contains("| P1 closed loop, 50 conns x pipeline 1 | 100,000 (spread 20%) | not available | 80,000 (spread 25%) |"), md);
        assertTrue(md.contains("**0.80x worse**"), "throughput ratio of medians, marked as a loss");
        assertTrue(md.contains("- P1 closed loop, 50 conns x pipeline 1 throughput: kevy 1 shard 80,000 vs Redis 100,000 (0.80x)"), md);
        assertTrue(md.contains("0.67x better"), "p99 400 vs 600 us is a win, said so");
    }

    @Test
    void redisBenchmarkRowsGiveThroughputAndLatencyMedians() throws Exception {
        Path results = dir.resolve("results.csv");
        Files.write(results, List.of(Report.CSV_HEADER, row("redis|p1|1", "closed", 0, 100_000, 500)));
        Path rb = dir.resolve("rb.csv");
        Files.write(rb, List.of("server,pipeline,round,test,rps,p50_ms,p99_ms",
                "redis,1,1,GET,40000,0.300,0.900", "kevy1,1,1,GET,50000,0.250,1.100",
                "redis,1,2,GET,60000,0.500,0.700", "kevy1,1,2,GET,30000,0.350,1.300"));
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        System.setOut(new PrintStream(sink, true, StandardCharsets.UTF_8));
        try {
            CompareTable.main(new String[] {"--results", results.toString(), "--rb", rb.toString(),
                "--name", "redis=Redis", "--name", "kevy1=kevy 1 shard"});
        } finally {
            System.setOut(saved);
        }
        String md = sink.toString(StandardCharsets.UTF_8);
        assertTrue(md.contains("| GET -P 1 | 50,000 | 40,000 |"), md);
        assertTrue(md.contains("| GET -P 1 | 0.400 / 0.800 | 0.300 / 1.200 |"), md);
        assertTrue(md.contains("- redis-benchmark GET -P 1: kevy 1 shard 40,000 vs Redis 50,000 req/s (0.80x)"), md);
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertEquals(2.5, CompareTable.median(List.of(4.0, 1.0, 3.0, 2.0)));
        assertEquals(3.0, CompareTable.median(List.of(5.0, 3.0, 1.0)));
        assertTrue(Double.isNaN(CompareTable.median(List.of())));
    }

    @Test
    void ratioCellsSayWhichWayAndWithinNoiseWhenClose() {
        assertEquals("**0.50x worse**", CompareTable.ratioCell(50, 100, true));
        assertEquals("2.00x better", CompareTable.ratioCell(200, 100, true));
        assertEquals("1.02x (within 5%)", CompareTable.ratioCell(102, 100, true));
        assertEquals("**2.00x worse**", CompareTable.ratioCell(200, 100, false));
        assertEquals("-", CompareTable.ratioCell(Double.NaN, 100, true));
    }
}
