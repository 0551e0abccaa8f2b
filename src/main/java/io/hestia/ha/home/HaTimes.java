package io.hestia.ha.home;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.chrono.IsoChronology;
import java.time.temporal.ChronoField;

/**
 * HA timestamps: ISO-8601 with an offset, as {@code /api/history/period} writes them
 * ({@code 2026-01-05T07:04:59.123456+00:00}). Hestia keeps millisecond precision.
 */
public final class HaTimes {

    private static final DateTimeFormatter PARSER = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalEnd()
            .appendOffset("+HH:MM:ss", "Z")
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT)
            .withChronology(IsoChronology.INSTANCE);

    private HaTimes() {
    }

    /** Epoch milliseconds as {@code yyyy-MM-ddTHH:mm:ss.SSS+00:00}. */
    public static String format(long epochMillis) {
        long secs = Math.floorDiv(epochMillis, 1000L);
        int millis = (int) Math.floorMod(epochMillis, 1000L);
        long days = Math.floorDiv(secs, 86400L);
        int sod = (int) Math.floorMod(secs, 86400L);
        LocalDate d = LocalDate.ofEpochDay(days);
        int year = d.getYear();
        if (year < 0 || year > 9999) {
            return OffsetDateTime.ofInstant(java.time.Instant.ofEpochMilli(epochMillis), java.time.ZoneOffset.UTC)
                    .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        }
        char[] c = new char[29];
        put(c, 0, year, 4);
        c[4] = '-';
        put(c, 5, d.getMonthValue(), 2);
        c[7] = '-';
        put(c, 8, d.getDayOfMonth(), 2);
        c[10] = 'T';
        put(c, 11, sod / 3600, 2);
        c[13] = ':';
        put(c, 14, (sod / 60) % 60, 2);
        c[16] = ':';
        put(c, 17, sod % 60, 2);
        c[19] = '.';
        put(c, 20, millis, 3);
        c[23] = '+';
        c[24] = '0';
        c[25] = '0';
        c[26] = ':';
        c[27] = '0';
        c[28] = '0';
        return new String(c);
    }

    private static void put(char[] c, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /**
     * Parses an ISO-8601 timestamp that carries an offset ({@code +00:00}, {@code +01:00}, {@code Z}); a space may
     * replace the {@code T}; fractions beyond milliseconds are truncated.
     *
     * @throws IllegalArgumentException if the text is not such a timestamp (no offset counts as invalid)
     */
    public static long parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("time is missing");
        }
        String s = text.trim();
        long fast = parseUtcMillisFast(s);
        if (fast != Long.MIN_VALUE) {
            return fast;
        }
        try {
            OffsetDateTime t = OffsetDateTime.parse(s, PARSER);
            return Math.addExact(Math.multiplyExact(t.toEpochSecond(), 1000L), t.getNano() / 1_000_000);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 time with an offset "
                    + "(expected e.g. 2026-01-05T07:04:59.123+00:00)");
        }
    }

    /** Fast path for exactly {@code yyyy-MM-ddTHH:mm:ss.SSS+00:00}; Long.MIN_VALUE if the text has another shape. */
    private static long parseUtcMillisFast(String s) {
        if (s.length() != 29 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':' || s.charAt(19) != '.' || !s.endsWith("+00:00")) {
            return Long.MIN_VALUE;
        }
        int year = num(s, 0, 4);
        int month = num(s, 5, 2);
        int day = num(s, 8, 2);
        int hour = num(s, 11, 2);
        int minute = num(s, 14, 2);
        int second = num(s, 17, 2);
        int millis = num(s, 20, 3);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 59 || millis < 0) {
            return Long.MIN_VALUE;
        }
        if (day > LocalDate.of(year, month, 1).lengthOfMonth()) {
            return Long.MIN_VALUE;
        }
        long days = LocalDate.of(year, month, day).toEpochDay();
        return ((days * 86400L + hour * 3600L + minute * 60L + second) * 1000L) + millis;
    }

    private static int num(String s, int from, int len) {
        int v = 0;
        for (int i = from; i < from + len; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
