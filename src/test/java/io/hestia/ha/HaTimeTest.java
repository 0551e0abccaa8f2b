package io.hestia.ha;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HaTimeTest {

    /** What java.time makes of the text (HA also writes a space instead of the T). */
    private static long reference(String text) {
        String iso = text.length() > 10 && text.charAt(10) == ' '
                ? text.substring(0, 10) + 'T' + text.substring(11) : text;
        return OffsetDateTime.parse(iso).toInstant().toEpochMilli();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // HA's own shape
            "2026-01-05T07:04:59.123456+00:00",
            "2026-01-05 07:04:59.123456+00:00",
            // Z and offsets
            "2026-01-05T07:04:59Z",
            "2026-01-05T07:04:59.5Z",
            "2026-01-05T07:04:59+02:00",
            "2026-01-05T07:04:59.123+02:00",
            "2026-01-05T07:04:59.123-05:30",
            "2026-01-05T00:00:00.000-05:30",
            "2026-01-05T23:59:59.999+14:00",
            "2026-01-05T23:59:59.999-12:00",
            "2026-01-05T12:00:00+18:00",
            "2026-01-05T12:00:00-18:00",
            "2026-01-05T07:04:59.1-00:00",
            // 0 to 9 fraction digits
            "2026-01-05T07:04:59+00:00",
            "2026-01-05T07:04:59.1+00:00",
            "2026-01-05T07:04:59.12+00:00",
            "2026-01-05T07:04:59.123+00:00",
            "2026-01-05T07:04:59.1234+00:00",
            "2026-01-05T07:04:59.12345+00:00",
            "2026-01-05T07:04:59.123456+00:00",
            "2026-01-05T07:04:59.1234567+00:00",
            "2026-01-05T07:04:59.12345678+00:00",
            "2026-01-05T07:04:59.123456789+00:00",
            "2026-01-05T07:04:59.999999999Z",
            "2026-01-05T07:04:59.000000001Z",
            "2026-01-05 07:04:59.9Z",
            "2026-01-05 07:04:59-05:30",
            // calendar edges
            "2024-02-29T12:00:00+00:00",
            "2000-02-29T12:00:00+00:00",
            "2026-12-31T23:59:59.999+00:00",
            "2027-01-01T00:30:00+01:00",
            "1970-01-01T00:00:00Z",
            "1969-12-31T23:59:59.999Z",
            "1969-12-31T23:59:59.5+00:00",
            "1900-03-01T00:00:00Z",
            "0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999999Z",
            // shapes only java.time handles (no seconds, lower-case, second offsets)
            "2026-01-05T07:04Z",
            "2026-01-05T07:04+02:00",
            "2026-01-05t07:04:59z",
            "2026-01-05T07:04:59+02:00:30",
            "2026-01-05T07:04:59.+00:00",
    })
    void parsesLikeJavaTime(String text) {
        assertThat(HaTime.parseMillis(text)).as(text).isEqualTo(reference(text));
    }

    @Test
    void knownValues() {
        assertThat(HaTime.parseMillis("1970-01-01T00:00:00+00:00")).isZero();
        assertThat(HaTime.parseMillis("1970-01-01T00:00:00.001Z")).isEqualTo(1);
        assertThat(HaTime.parseMillis("1970-01-01T02:00:00.000+02:00")).isZero();
        assertThat(HaTime.parseMillis("1969-12-31T19:00:00-05:00")).isZero();
        assertThat(HaTime.parseMillis("1969-12-31T23:59:59.999Z")).isEqualTo(-1);
        assertThat(HaTime.parseMillis("2026-01-05T07:04:59.123456+00:00")).isEqualTo(1_767_596_699_123L);
        // fractions are truncated to the millisecond, never rounded
        assertThat(HaTime.parseMillis("2026-01-05T07:04:59.123999999+00:00")).isEqualTo(1_767_596_699_123L);
        assertThat(HaTime.parseMillis("2026-01-05T07:04:59.9+00:00")).isEqualTo(1_767_596_699_900L);
        assertThat(HaTime.parseMillis("2026-01-05T07:04:59.09+00:00")).isEqualTo(1_767_596_699_090L);
        assertThat(HaTime.parseMillis("2026-01-05T12:34:59.123+05:30")).isEqualTo(1_767_596_699_123L);
    }

    @Test
    void randomInstantsInEveryShapeAgreeWithJavaTime() {
        Random random = new Random(20260105);
        String[] offsets = {"Z", "+00:00", "+02:00", "-05:30", "+05:45", "-09:30", "+13:00", "-00:00"};
        for (int i = 0; i < 5_000; i++) {
            long seconds = random.nextLong(-2_000_000_000L, 8_000_000_000L);
            int nanos = random.nextInt(1_000_000_000);
            String offset = offsets[random.nextInt(offsets.length)];
            ZoneOffset zone = offset.equals("Z") ? ZoneOffset.UTC : ZoneOffset.of(offset);
            OffsetDateTime t = Instant.ofEpochSecond(seconds, nanos).atOffset(zone);
            int digits = random.nextInt(10);
            StringBuilder fraction = new StringBuilder();
            if (digits > 0) {
                fraction.append('.').append(String.format("%09d", nanos), 0, digits);
            }
            char separator = random.nextBoolean() ? 'T' : ' ';
            String text = t.format(DateTimeFormatter.ofPattern("uuuu-MM-dd")) + separator
                    + t.format(DateTimeFormatter.ofPattern("HH:mm:ss")) + fraction + offset;
            assertThat(HaTime.parseMillis(text)).as(text).isEqualTo(reference(text));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "2026-02-30T00:00:00+00:00",
            "2026-02-29T00:00:00+00:00",
            "1900-02-29T00:00:00Z",
            "2026-04-31T00:00:00Z",
            "2026-13-01T00:00:00+00:00",
            "2026-00-10T00:00:00+00:00",
            "2026-01-00T00:00:00+00:00",
            "2026-01-32T00:00:00+00:00",
            "2026-01-05T24:00:00+00:00",
            "2026-01-05T24:00:00.000Z",
            "2026-01-05T23:60:00+00:00",
            "2026-01-05T23:59:60+00:00",
            // offsets java.time refuses
            "2026-01-05T07:04:59+19:00",
            "2026-01-05T07:04:59+18:30",
            "2026-01-05T07:04:59-18:01",
            "2026-01-05T07:04:59+02:60",
            "2026-01-05T07:04:59+0200",
            "2026-01-05T07:04:59+2:00",
            // no offset
            "2026-01-05T07:04:59",
            "2026-01-05T07:04:59.123456",
            "2026-01-05 07:04:59",
            // bad fractions
            "2026-01-05T07:04:59.1234567890+00:00",
            "2026-01-05T07:04:59.12a+00:00",
            // digits that are not ASCII
            "2026-01-05T07:04:59.\u0661\u0662\u0663+00:00",
            "2026-01-05T07:04:59.\uFF11\uFF12\uFF13Z",
            "\uFF12026-01-05T07:04:59Z",
            // other garbage
            "2026-01-05X07:04:59+00:00",
            "2026/01/05T07:04:59+00:00",
            "2026-01-05T07:04:59+00:00 ",
            " 2026-01-05T07:04:59+00:00",
            "2026-01-05T07:04:59Zjunk",
            "2026-1-5T07:04:59Z",
            "20260105T070459Z",
            "yesterday",
            "",
    })
    void rejectsWhatIsNotAValidTimestamp(String text) {
        assertThatThrownBy(() -> HaTime.parseMillis(text))
                .as(text)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'");
        // java.time agrees that these are not valid
        assertThatThrownBy(() -> reference(text)).isInstanceOf(RuntimeException.class);
    }

    @Test
    void formatWritesHaShape() {
        assertThat(HaTime.format(1_767_596_699_123L)).isEqualTo("2026-01-05T07:04:59.123000+00:00");
        assertThat(HaTime.format(0)).isEqualTo("1970-01-01T00:00:00.000000+00:00");
        assertThat(HaTime.format(5)).isEqualTo("1970-01-01T00:00:00.005000+00:00");
        assertThat(HaTime.format(-1)).isEqualTo("1969-12-31T23:59:59.999000+00:00");
        assertThat(HaTime.format(-1000)).isEqualTo("1969-12-31T23:59:59.000000+00:00");
        assertThat(HaTime.format(Instant.parse("0999-03-04T05:06:07.089Z")))
                .isEqualTo("0999-03-04T05:06:07.089000+00:00");
        assertThat(HaTime.format(Instant.parse("2024-02-29T23:59:59.999999Z")))
                .isEqualTo("2024-02-29T23:59:59.999000+00:00");
    }

    @Test
    void formatRoundTripsThroughParse() {
        Random random = new Random(7);
        for (int i = 0; i < 5_000; i++) {
            long millis = random.nextLong(-62_000_000_000_000L, 253_000_000_000_000L);
            String text = HaTime.format(millis);
            assertThat(text).hasSize(32).endsWith("+00:00");
            assertThat(HaTime.parseMillis(text)).as(text).isEqualTo(millis);
            assertThat(reference(text)).as(text).isEqualTo(millis);
        }
        assertThat(HaTime.format(HaTime.parseMillis("2026-01-05T07:04:59.123+02:00")))
                .isEqualTo("2026-01-05T05:04:59.123000+00:00");
    }
}
