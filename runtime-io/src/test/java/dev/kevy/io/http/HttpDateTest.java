package dev.kevy.io.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kevy.rt.buffer.BufferPool;
import dev.kevy.rt.buffer.OutputBuffer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-formatted date agrees with java.time's IMF-fixdate, and changes once a second. */
class HttpDateTest {
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    @Test
    void theRfcExampleFormatsExactly() {
        HttpDate date = new HttpDate();
        date.refresh(784_111_777_000L);
        assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", date.value());
    }

    @Test
    void agreesWithJavaTimeOnEdgesAndRandomInstants() {
        long[] edges = {0, 951_782_400_000L, 951_868_799_999L, 4_107_542_400_000L, 1_709_164_800_000L,
            253_402_300_799_000L, 1_735_689_599_000L, 1_735_689_600_000L};
        HttpDate date = new HttpDate();
        for (long millis : edges) {
            date.refresh(millis);
            assertEquals(IMF_FIXDATE.format(Instant.ofEpochMilli(millis)), date.value(), "at " + millis);
        }
        Random random = new Random(7);
        for (int i = 0; i < 5_000; i++) {
            long millis = (long) (random.nextDouble() * 253_402_300_799_000L);
            date.refresh(millis);
            assertEquals(IMF_FIXDATE.format(Instant.ofEpochMilli(millis)), date.value(), "at " + millis);
        }
    }

    @Test
    void refreshChangesTheValueOnlyWhenTheSecondChanges() {
        HttpDate date = new HttpDate();
        assertTrue(date.refresh(1_000_000_000_000L));
        assertFalse(date.refresh(1_000_000_000_999L));
        assertTrue(date.refresh(1_000_000_001_000L));
        assertEquals("Sun, 09 Sep 2001 01:46:41 GMT", date.value());
    }

    @Test
    void outOfRangeClocksClampToTheFourDigitYears() {
        HttpDate date = new HttpDate();
        date.refresh(-5_000);
        assertEquals("Thu, 01 Jan 1970 00:00:00 GMT", date.value());
        date.refresh(Long.MAX_VALUE);
        assertEquals("Fri, 31 Dec 9999 23:59:59 GMT", date.value());
    }

    @Test
    void writesTheHeaderLineOrTheValue() {
        BufferPool pool = new BufferPool(64, 1024, 1024);
        OutputBuffer out = new OutputBuffer(pool, Long.MAX_VALUE);
        HttpDate date = new HttpDate();
        date.refresh(784_111_777_000L);
        assertTrue(date.writeHeaderLine(out));
        assertTrue(date.writeValue(out));
        assertEquals("Date: Sun, 06 Nov 1994 08:49:37 GMT\r\nSun, 06 Nov 1994 08:49:37 GMT",
                HttpErrorResponseTest.text(out));
        out.release();
        pool.close();
    }
}
