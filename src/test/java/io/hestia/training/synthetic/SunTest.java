package io.hestia.training.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.hestia.ha.HaTime;

/** The solar arithmetic behind {@code sun.sun}: published times, polar days and nights, HA's attributes. */
class SunTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZoneId SYDNEY = ZoneId.of("Australia/Sydney");
    static final ZoneId SVALBARD = ZoneId.of("Arctic/Longyearbyen");
    static final Sun.Location BERLIN_AT = new Sun.Location(52.52, 13.405);
    static final Sun.Location SYDNEY_AT = new Sun.Location(-33.87, 151.21);
    static final Sun.Location LONGYEARBYEN_AT = new Sun.Location(78.22, 15.65);

    static LocalTime local(long epochMs, ZoneId zone) {
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMs), zone).toLocalTime();
    }

    static void assertNear(long epochMs, ZoneId zone, String expected) {
        long minutes = Duration.between(LocalTime.parse(expected), local(epochMs, zone)).toMinutes();
        assertThat(Math.abs(minutes)).as("%s against %s", local(epochMs, zone), expected).isLessThanOrEqualTo(3);
    }

    @Test
    void sunriseAndSunsetAreTheAlmanacsWithinMinutes() {
        // almanac times (NOAA's solar calculator) for the solstices of 2026
        Sun berlin = new Sun(BERLIN_AT);
        long june = LocalDate.of(2026, 6, 21).toEpochDay();
        long december = LocalDate.of(2026, 12, 21).toEpochDay();
        assertNear(berlin.sunrise(june), BERLIN, "04:43");
        assertNear(berlin.sunset(june), BERLIN, "21:33");
        assertNear(berlin.sunrise(december), BERLIN, "08:15");
        assertNear(berlin.sunset(december), BERLIN, "15:54");
        Sun sydney = new Sun(SYDNEY_AT);
        assertNear(sydney.sunrise(june), SYDNEY, "07:00");
        assertNear(sydney.sunset(june), SYDNEY, "16:54");
        assertNear(sydney.sunrise(december), SYDNEY, "05:42");
        assertNear(sydney.sunset(december), SYDNEY, "20:05");
    }

    @Test
    void theStateFollowsTheTransitions() {
        Sun sun = new Sun(BERLIN_AT);
        long from = Instant.parse("2026-03-20T00:00:00Z").toEpochMilli();
        long to = Instant.parse("2026-04-10T00:00:00Z").toEpochMilli();
        List<Sun.Transition> ts = sun.transitions(from, to);
        assertThat(ts).hasSize(2 * 21);
        for (int i = 0; i < ts.size(); i++) {
            Sun.Transition t = ts.get(i);
            assertThat(t.state()).isEqualTo(i % 2 == 0 ? Sun.ABOVE : Sun.BELOW);
            // a minute either side of each change: the state before and after it, and the sun's height agrees
            assertThat(sun.stateAt(t.time() - 60_000)).isEqualTo(i % 2 == 0 ? Sun.BELOW : Sun.ABOVE);
            assertThat(sun.stateAt(t.time() + 60_000)).isEqualTo(t.state());
            assertThat(sun.elevation(t.time())).isBetween(-1.0, 0.0);
        }
        long noon = sun.noon(LocalDate.of(2026, 3, 25).toEpochDay());
        assertThat(sun.stateAt(noon)).isEqualTo(Sun.ABOVE);
        assertThat(sun.elevation(noon)).isCloseTo(90 - 52.52 + 1.8, within(1.0));   // declination about +1.8°
        assertThat(sun.azimuth(noon)).isCloseTo(180, within(0.5));
        assertThat(sun.stateAt(noon + 12 * 3_600_000L)).isEqualTo(Sun.BELOW);
    }

    @Test
    void polarNightAndDayHaveNoTransitionsAndDoNotBreak() {
        Sun sun = new Sun(LONGYEARBYEN_AT);
        long from = Instant.parse("2026-02-01T00:00:00Z").toEpochMilli();
        long to = Instant.parse("2026-05-01T00:00:00Z").toEpochMilli();
        List<Sun.Transition> ts = sun.transitions(from, to);
        // the polar night ends in mid-February, the polar day begins in late April
        assertThat(ts).isNotEmpty();
        assertThat(LocalDateTime.ofInstant(Instant.ofEpochMilli(ts.get(0).time()), SVALBARD).toLocalDate())
                .isBetween(LocalDate.of(2026, 2, 13), LocalDate.of(2026, 2, 19));
        Sun.Transition last = ts.get(ts.size() - 1);
        assertThat(last.state()).isEqualTo(Sun.ABOVE);
        assertThat(LocalDateTime.ofInstant(Instant.ofEpochMilli(last.time()), SVALBARD).toLocalDate())
                .isBetween(LocalDate.of(2026, 4, 15), LocalDate.of(2026, 4, 22));
        for (int i = 0; i < ts.size(); i++) {
            assertThat(ts.get(i).state()).isEqualTo(i % 2 == 0 ? Sun.ABOVE : Sun.BELOW);
        }
        assertThat(sun.stateAt(Instant.parse("2026-02-05T11:00:00Z").toEpochMilli())).isEqualTo(Sun.BELOW);
        assertThat(sun.stateAt(Instant.parse("2026-04-28T23:00:00Z").toEpochMilli())).isEqualTo(Sun.ABOVE);

        // midsummer and midwinter: no transition at all, the state all day, and attributes all the same
        long june = Instant.parse("2026-06-10T00:00:00Z").toEpochMilli();
        assertThat(sun.transitions(june, june + 20 * 86_400_000L)).isEmpty();
        assertThat(sun.sunrise(LocalDate.of(2026, 6, 21).toEpochDay())).isEqualTo(Long.MIN_VALUE);
        assertThat(sun.stateAt(june + 86_400_000L)).isEqualTo(Sun.ABOVE);
        long december = Instant.parse("2026-12-10T00:00:00Z").toEpochMilli();
        assertThat(sun.transitions(december, december + 20 * 86_400_000L)).isEmpty();
        assertThat(sun.stateAt(december + 86_400_000L)).isEqualTo(Sun.BELOW);
        Map<String, Object> a = sun.attributes(december);
        assertThat(HaTime.parseMillis((String) a.get("next_rising")))
                .isGreaterThan(Instant.parse("2027-02-10T00:00:00Z").toEpochMilli());
        Sun.History h = sun.history(december, december + 20 * 86_400_000L);
        assertThat(h.events()).isEmpty();
        assertThat(h.state()).isEqualTo(Sun.BELOW);
    }

    @Test
    void attributesAreHasAtThatMoment() {
        Sun sun = new Sun(BERLIN_AT);
        long t = Instant.parse("2026-06-21T08:00:00Z").toEpochMilli();   // 10:00 CEST: morning, sun up
        Map<String, Object> a = sun.attributes(t);
        assertThat(a).containsOnlyKeys("next_dawn", "next_dusk", "next_midnight", "next_noon", "next_rising",
                "next_setting", "elevation", "azimuth", "rising", "friendly_name");
        assertThat(a.get("friendly_name")).isEqualTo("Sun");
        assertThat(a.get("rising")).isEqualTo(true);
        assertThat((Double) a.get("elevation")).isBetween(40.0, 50.0);
        assertThat((Double) a.get("azimuth")).isBetween(100.0, 130.0);
        long nextSetting = HaTime.parseMillis((String) a.get("next_setting"));
        long nextRising = HaTime.parseMillis((String) a.get("next_rising"));
        long nextNoon = HaTime.parseMillis((String) a.get("next_noon"));
        long nextMidnight = HaTime.parseMillis((String) a.get("next_midnight"));
        long nextDusk = HaTime.parseMillis((String) a.get("next_dusk"));
        long nextDawn = HaTime.parseMillis((String) a.get("next_dawn"));
        assertThat(List.of(nextNoon, nextSetting, nextDusk, nextMidnight, nextDawn, nextRising)).isSorted()
                .allMatch(x -> x > t && x < t + 86_400_000L);
        assertThat((String) a.get("next_rising")).endsWith("+00:00");
        // after noon the sun is setting
        assertThat(sun.attributes(nextNoon + 60_000).get("rising")).isEqualTo(false);
    }

    @Test
    void aHomeIsPlacedByItsZoneAndSeedAlone() {
        Sun.Location a = Sun.locate(BERLIN, 42);
        assertThat(Sun.locate(BERLIN, 42)).isEqualTo(a);
        assertThat(a.latitude()).isEqualTo(Simulation.latitude(BERLIN));
        assertThat(a.longitude()).isBetween(13.40 - 1.5, 13.40 + 1.5);
        assertThat(Sun.locate(BERLIN, 43).longitude()).isNotEqualTo(a.longitude());
        // a zone without a city of its own: its standard meridian
        assertThat(Sun.locate(ZoneId.of("Asia/Dubai"), 1).longitude()).isBetween(60 - 1.5, 60 + 1.5);
        assertThat(Sun.locate(ZoneId.of("America/Sao_Paulo"), 1).latitude()).isNegative();
    }
}
