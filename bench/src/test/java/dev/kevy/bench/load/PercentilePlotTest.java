package dev.kevy.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class PercentilePlotTest {

    @TempDir
    Path dir;

    private Path hgrm(String name, long maxUs) throws IOException {
        Histogram h = EventLoop.newHistogram();
        for (long us = 1; us <= maxUs; us++) {
            h.recordValue(us * 1000);
        }
        LoadOptions o = LoadOptions.defaults();
        RunResult r = new RunResult(o, h, EventLoop.newHistogram(), 0, 0, 0, 0, 0, 0, 0, 0, null, false);
        Path file = dir.resolve(name);
        Report.writeHgrm(r, file);
        return file;
    }

    @Test
    void readsBackWhatTheGeneratorWritesInMicroseconds() throws IOException {
        HgrmFile f = HgrmFile.read(hgrm("a.hgrm", 1000));
        assertEquals(1000.0, f.max(), 1.0);
        assertEquals(0.0, f.percentiles()[0]);
        assertEquals(1.0, f.percentiles()[f.percentiles().length - 1]);
        for (int i = 1; i < f.values().length; i++) {
            assertTrue(f.values()[i] >= f.values()[i - 1], "values rise with the percentile");
        }
    }

    @Test
    void drawsOneCurveAndOneLegendEntryPerFileAsValidSvg() throws Exception {
        List<PercentilePlot.Series> series = List.of(
                new PercentilePlot.Series("redis <P1>", HgrmFile.read(hgrm("r.hgrm", 500))),
                new PercentilePlot.Series("kevy", HgrmFile.read(hgrm("k.hgrm", 2000))));
        String svg = PercentilePlot.svg("GET & SET", "us", series);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals(2, doc.getElementsByTagName("polyline").getLength());
        assertTrue(svg.contains("redis &lt;P1&gt; (max 500 us)"), "legend escapes and names the max");
        assertTrue(svg.contains(">99.9%<"), "percentile ticks on a log scale");
        assertTrue(svg.contains("GET &amp; SET"));
    }

    @Test
    void logScaleLabelsTheLatencyAxisInPowersOfTen() throws Exception {
        List<PercentilePlot.Series> series = List.of(new PercentilePlot.Series("a", HgrmFile.read(hgrm("a.hgrm", 700))));
        String svg = PercentilePlot.svg("t", "us", series, true);
        for (String tick : new String[] {">1<", ">10<", ">100<", ">1000<"}) {
            assertTrue(svg.contains(tick), "tick " + tick);
        }
        assertTrue(!svg.contains(">250<"), "no linear ticks on a log axis");
    }

    @Test
    void rejectsAFileWithoutPercentileLines() throws IOException {
        Path junk = Files.writeString(dir.resolve("junk.hgrm"), "hello\n");
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> HgrmFile.read(junk));
        assertTrue(e.getMessage().contains("no percentile lines"));
    }

    @Test
    void niceCeilingRoundsUpToOneTwoTwoAndAHalfOrFive() {
        assertEquals(1000, PercentilePlot.niceCeiling(731), 1e-9);
        assertEquals(250, PercentilePlot.niceCeiling(201), 1e-9);
        assertEquals(2, PercentilePlot.niceCeiling(1.5), 1e-9);
        assertEquals(50, PercentilePlot.niceCeiling(50), 1e-9);
    }
}
