package io.hestia.ha.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class SimTextTest {

    private static final ZoneId AMS = ZoneId.of("Europe/Amsterdam");

    @Test
    void timestampsAsPythonIsoformat() {
        assertThat(IsoTime.format(Instant.parse("2026-01-05T07:04:59.123Z").toEpochMilli()))
                .isEqualTo("2026-01-05T07:04:59.123000+00:00");
        assertThat(IsoTime.format(Instant.parse("2026-01-05T00:00:00Z").toEpochMilli()))
                .isEqualTo("2026-01-05T00:00:00+00:00");
        assertThat(IsoTime.format(Instant.parse("2024-02-29T23:59:59.001Z").toEpochMilli()))
                .isEqualTo("2024-02-29T23:59:59.001000+00:00");
        assertThat(IsoTime.format(Instant.parse("1999-12-31T12:00:00Z").toEpochMilli()))
                .isEqualTo("1999-12-31T12:00:00+00:00");
    }

    @Test
    void parsesWhatHaAcceptsAndRepairsPlusAsSpace() {
        long expected = Instant.parse("2026-01-05T07:00:00Z").toEpochMilli();
        assertThat(IsoTime.parse("2026-01-05T07:00:00+00:00", AMS)).isEqualTo(expected);
        assertThat(IsoTime.parse("2026-01-05T07:00:00 00:00", AMS)).isEqualTo(expected);
        assertThat(IsoTime.parse("2026-01-05 07:00:00 00:00", AMS)).isEqualTo(expected);
        assertThat(IsoTime.parse("2026-01-05T07:00:00Z", AMS)).isEqualTo(expected);
        assertThat(IsoTime.parse("2026-01-05T07:00:00.000000+0000", AMS)).isEqualTo(expected);
        assertThat(IsoTime.parse("2026-01-05T08:00:00", AMS)).isEqualTo(expected);
        assertThat(IsoTime.parse("2026-01-05T09:00:00+02:00", AMS)).isEqualTo(expected);
        assertThat(IsoTime.parse("2026-01-05", AMS))
                .isEqualTo(Instant.parse("2026-01-04T23:00:00Z").toEpochMilli());
        assertThat(IsoTime.parse("yesterday", AMS)).isNull();
        assertThat(IsoTime.parse("", AMS)).isNull();
    }

    @Test
    void slugifyAsHa() {
        assertThat(Ids.slugify("Hall light at dusk")).isEqualTo("hall_light_at_dusk");
        assertThat(Ids.slugify("Bob's Küche – Licht!")).isEqualTo("bobs_kuche_licht");
        assertThat(Ids.slugify("Straße")).isEqualTo("strasse");
        assertThat(Ids.slugify("!!!")).isEqualTo("unknown");
        assertThat(Ids.validEntityId("light.hall_2")).isTrue();
        assertThat(Ids.validEntityId("light.Hall")).isFalse();
        assertThat(Ids.validEntityId("light._hall")).isFalse();
        assertThat(Ids.ulid(0)).hasSize(26).startsWith("0000000000");
    }
}
