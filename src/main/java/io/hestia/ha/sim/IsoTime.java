package io.hestia.ha.sim;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * HA's timestamp text: Python's {@code datetime.isoformat()} of a UTC datetime, i.e.
 * {@code 2026-01-05T07:04:59.123000+00:00}, with the fraction left out when it is zero. Formatting is
 * allocation-free so the history endpoint can stream millions of timestamps.
 */
final class IsoTime {

    private static final Pattern TRAILING_OFFSET = Pattern.compile(".*[0-9] [0-9]{2}(:?[0-9]{2})?$");
    private static final Pattern COMPACT_OFFSET = Pattern.compile("(.*[+-])([0-9]{2})([0-9]{2})$");

    private IsoTime() {
    }

    static String format(long epochMillis) {
        char[] buf = new char[32];
        int n = format(epochMillis, buf);
        return new String(buf, 0, n);
    }

    /** Writes the timestamp into {@code buf} (at least 32 chars) and returns the length. */
    static int format(long epochMillis, char[] buf) {
        long days = Math.floorDiv(epochMillis, 86_400_000L);
        int msOfDay = (int) Math.floorMod(epochMillis, 86_400_000L);
        // civil-from-days (H. Hinnant)
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int d = (int) (doy - (153 * mp + 2) / 5 + 1);
        int m = (int) (mp < 10 ? mp + 3 : mp - 9);
        if (m <= 2) {
            y++;
        }
        int year = (int) y;
        int p = 0;
        buf[p++] = (char) ('0' + year / 1000 % 10);
        buf[p++] = (char) ('0' + year / 100 % 10);
        buf[p++] = (char) ('0' + year / 10 % 10);
        buf[p++] = (char) ('0' + year % 10);
        buf[p++] = '-';
        p = two(buf, p, m);
        buf[p++] = '-';
        p = two(buf, p, d);
        buf[p++] = 'T';
        int secs = msOfDay / 1000;
        p = two(buf, p, secs / 3600);
        buf[p++] = ':';
        p = two(buf, p, secs / 60 % 60);
        buf[p++] = ':';
        p = two(buf, p, secs % 60);
        int ms = msOfDay % 1000;
        if (ms != 0) {
            buf[p++] = '.';
            buf[p++] = (char) ('0' + ms / 100);
            buf[p++] = (char) ('0' + ms / 10 % 10);
            buf[p++] = (char) ('0' + ms % 10);
            buf[p++] = '0';
            buf[p++] = '0';
            buf[p++] = '0';
        }
        buf[p++] = '+';
        buf[p++] = '0';
        buf[p++] = '0';
        buf[p++] = ':';
        buf[p++] = '0';
        buf[p++] = '0';
        return p;
    }

    private static int two(char[] buf, int p, int v) {
        buf[p] = (char) ('0' + v / 10);
        buf[p + 1] = (char) ('0' + v % 10);
        return p + 2;
    }

    /**
     * Parses a timestamp as HA's {@code dt_util.parse_datetime} does (ISO 8601, 'T' or space between date and
     * time, optional fraction, optional offset; naive values are in the home's time zone). Also repairs a
     * {@code +} offset that a query string decoded into a space. Returns epoch millis, or null when invalid.
     */
    static Long parse(String text, ZoneId zone) {
        if (text == null) {
            return null;
        }
        String s = text.trim();
        if (s.isEmpty()) {
            return null;
        }
        if (s.length() > 10 && s.charAt(10) == ' ') {
            s = s.substring(0, 10) + 'T' + s.substring(11);
        }
        if (s.indexOf(' ') > 0 && TRAILING_OFFSET.matcher(s).matches()) {
            int i = s.lastIndexOf(' ');
            s = s.substring(0, i) + '+' + s.substring(i + 1);
        }
        var compact = COMPACT_OFFSET.matcher(s);
        if (s.indexOf('T') > 0 && compact.matches() && compact.group(1).length() > 11) {
            s = compact.group(1) + compact.group(2) + ':' + compact.group(3);
        }
        try {
            return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().toEpochMilli();
        } catch (DateTimeParseException ignored) {
            // try the naive forms
        }
        try {
            return LocalDateTime.parse(s, DateTimeFormatter.ISO_LOCAL_DATE_TIME).atZone(zone).toInstant().toEpochMilli();
        } catch (DateTimeParseException ignored) {
            // try a date
        }
        try {
            return LocalDate.parse(s, DateTimeFormatter.ISO_LOCAL_DATE).atStartOfDay(zone).toInstant().toEpochMilli();
        } catch (DateTimeParseException ignored) {
            return null;
        }
    }
}
