package dev.kevy.io.http;

import dev.kevy.rt.buffer.OutputBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The {@code Date} header line ({@code Date: Sun, 06 Nov 1994 08:49:37 GMT\r\n}, RFC 9110's
 * IMF-fixdate), kept as bytes and reformatted only when the second changes.
 *
 * <p>Every response of a second carries the same value, so a shard formats it at most once a
 * second (from its handler's {@code onTick}) and each response copies 37 bytes. Formatting writes
 * the digits into the same array by hand: no {@code java.time}, no strings, nothing allocated,
 * ever. One instance belongs to one thread (a shard's handler, a decoder).
 */
public final class HttpDate {
    /** Characters of the date value alone. */
    public static final int VALUE_LENGTH = 29;

    private static final byte[] PREFIX = ascii("Date: ");
    private static final byte[] DAYS = ascii("ThuFriSatSunMonTueWed"); // 1970-01-01 was a Thursday
    private static final byte[] MONTHS = ascii("JanFebMarAprMayJunJulAugSepOctNovDec");
    private static final int[] DAYS_IN_MONTH = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    private static final long SECONDS_PER_DAY = 86_400;
    /** 9999-12-31T23:59:59Z: IMF-fixdate has four year digits. */
    private static final long LAST_SECOND = 253_402_300_799L;

    /** {@code Date: <value>\r\n}; the value starts at {@code PREFIX.length}. */
    private final byte[] line = new byte[PREFIX.length + VALUE_LENGTH + 2];
    private long second = Long.MIN_VALUE;

    /** A date showing the epoch until the first {@link #refresh}. */
    public HttpDate() {
        System.arraycopy(PREFIX, 0, line, 0, PREFIX.length);
        line[line.length - 2] = '\r';
        line[line.length - 1] = '\n';
        format(0);
    }

    /**
     * Moves the date to {@code nowMillis} (epoch milliseconds) if that is another second; cheap
     * when it is not, so it may be called every tick.
     *
     * @return whether the value changed
     */
    public boolean refresh(long nowMillis) {
        long s = Math.clamp(Math.floorDiv(nowMillis, 1000L), 0, LAST_SECOND);
        if (s == second) {
            return false;
        }
        second = s;
        format(s);
        return true;
    }

    /** Appends the whole header line, CR LF included; {@code false} if the output refused it. */
    public boolean writeHeaderLine(OutputBuffer out) {
        return out.writeBytes(line);
    }

    /** Appends the value alone (29 bytes); {@code false} if the output refused it. */
    public boolean writeValue(OutputBuffer out) {
        return out.writeBytes(line, PREFIX.length, VALUE_LENGTH);
    }

    /** The value as a string. Allocates: for tests and logs. */
    public String value() {
        return new String(line, PREFIX.length, VALUE_LENGTH, StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return value();
    }

    /**
     * Writes {@code Www, DD Mmm YYYY hh:mm:ss GMT} for {@code epochSecond}. Walking whole years and
     * then months from 1970 costs about seventy steps this century, once a second; it is plainly
     * correct, which a closed-form calendar formula is only after careful reading.
     */
    private void format(long epochSecond) {
        long days = epochSecond / SECONDS_PER_DAY;
        int secondOfDay = (int) (epochSecond % SECONDS_PER_DAY);
        int weekday = (int) (days % 7);
        int year = 1970;
        while (days >= daysInYear(year)) {
            days -= daysInYear(year);
            year++;
        }
        int month = 0;
        while (days >= daysInMonth(month, year)) {
            days -= daysInMonth(month, year);
            month++;
        }
        int p = PREFIX.length;
        System.arraycopy(DAYS, weekday * 3, line, p, 3);
        line[p + 3] = ',';
        line[p + 4] = ' ';
        twoDigits(p + 5, (int) days + 1);
        line[p + 7] = ' ';
        System.arraycopy(MONTHS, month * 3, line, p + 8, 3);
        line[p + 11] = ' ';
        twoDigits(p + 12, year / 100);
        twoDigits(p + 14, year % 100);
        line[p + 16] = ' ';
        twoDigits(p + 17, secondOfDay / 3600);
        line[p + 19] = ':';
        twoDigits(p + 20, secondOfDay / 60 % 60);
        line[p + 22] = ':';
        twoDigits(p + 23, secondOfDay % 60);
        line[p + 25] = ' ';
        line[p + 26] = 'G';
        line[p + 27] = 'M';
        line[p + 28] = 'T';
    }

    private void twoDigits(int at, int value) {
        line[at] = (byte) ('0' + value / 10);
        line[at + 1] = (byte) ('0' + value % 10);
    }

    private static boolean isLeap(int year) {
        return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    private static int daysInYear(int year) {
        return isLeap(year) ? 366 : 365;
    }

    private static int daysInMonth(int month, int year) {
        return month == 1 && isLeap(year) ? 29 : DAYS_IN_MONTH[month];
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
