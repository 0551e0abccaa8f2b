package io.hestia.pattern.mining;

import static io.hestia.pattern.mining.MiningFixtures.DAY;
import static io.hestia.pattern.mining.MiningFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CoOccurrenceDetectorTest {

    private static final CoOccurrenceDetector.Params P = CoOccurrenceDetector.Params.defaults();

    private static HomeModel hallway() {
        return MiningFixtures.home(
                "binary_sensor.hallway_motion|motion|hallway|Hallway motion",
                "light.hallway|light|hallway|the hallway light",
                "binary_sensor.kitchen_motion|motion|kitchen|Kitchen motion",
                "binary_sensor.front_door|door|hallway|Front door",
                "sensor.hallway_temperature|temperature|hallway|Hallway temperature",
                "sensor.hallway_mode||hallway|Hallway mode",
                "switch.router_uptime_reset||hallway|Router",
                "update.hallway_firmware||hallway|Firmware");
    }

    /** Motion on at 19:00 each day, the light 3 s later (45 days, 41 with the light); light off 1 h later. */
    private static MiningFixtures.Log motionThenLight(int days, int withLight) {
        MiningFixtures.Log log = new MiningFixtures.Log();
        for (int d = 0; d < days; d++) {
            long t = T0 + d * DAY + 19 * 3_600_000L + (d % 7) * 60_000L;
            log.add(t, "binary_sensor.hallway_motion", "on");
            log.add(t + 60_000, "binary_sensor.hallway_motion", "off");
            if (d < withLight) {
                log.add(t + 3_000 + (d % 3) * 500, "light.hallway", "on");
                log.add(t + 3_600_000, "light.hallway", "off");
            }
        }
        return log;
    }

    private static Optional<MinedPattern> find(List<MinedPattern> ps, String a, String b, String states) {
        return ps.stream().filter(p -> p.entityIds().equals(List.of(a, b)) && p.state().equals(states)).findFirst();
    }

    @Test
    void motionThenLightFoundInItsDirectionWithLiftAndLag() {
        CoOccurrenceDetector d = motionThenLight(45, 41).run(hallway(), P, T0, T0 + 45 * DAY);
        List<MinedPattern> ps = d.results();
        MinedPattern p = find(ps, "binary_sensor.hallway_motion", "light.hallway", "on->on").orElseThrow();
        assertThat(p.type()).isEqualTo(MinedPattern.CO_OCCURRENCE);
        assertThat(p.support()).isEqualTo(41);
        assertThat(p.confidence()).isCloseTo(41 / 45.0, org.assertj.core.data.Offset.offset(1e-3));
        assertThat((Double) p.details().get("lift")).isGreaterThan(1.0);
        assertThat((Double) p.details().get("median_lag_seconds")).isBetween(3.0, 4.0);
        assertThat((Double) p.details().get("lag_spread_seconds")).isLessThan(2.0);
        assertThat(p.samples()).hasSize(10);
        assertThat(p.samples()).isSorted();
        assertThat(p.explanation()).startsWith("Hallway motion turning on is followed by the hallway light turning on"
                + " within 5 minutes 41 of 45 times (median ");
        // the light never turns on before motion: no light on -> motion on pattern; and motion clearing 57 s after
        // the light came on, though regular, is not reported: a sensor cannot be the action of an automation
        assertThat(ps).noneMatch(x -> x.entityIds().get(1).equals("binary_sensor.hallway_motion"));
    }

    @Test
    void theSunIsNoTrigger() {
        // the porch light follows sunset within two minutes every day, exactly as it follows the porch door: only
        // the door is a household's trigger (sunrise and sunset happen to every home)
        HomeModel home = MiningFixtures.home("sun.sun|||Sun", "binary_sensor.porch_door|door|porch|Porch door",
                "light.porch|light|porch|Porch light");
        MiningFixtures.Log log = new MiningFixtures.Log();
        for (int d = 0; d < 30; d++) {
            long sunset = T0 + d * DAY + 16 * 3_600_000L + d * 90_000L;
            log.add(sunset - 3_600_000L - 7 * 3_600_000L, "sun.sun", "above_horizon");
            log.add(sunset, "sun.sun", "below_horizon");
            log.add(sunset + 30_000, "binary_sensor.porch_door", "on");
            log.add(sunset + 40_000, "binary_sensor.porch_door", "off");
            log.add(sunset + 120_000, "light.porch", "on");
            log.add(sunset + 3_600_000, "light.porch", "off");
        }
        List<MinedPattern> ps = log.run(home, P, T0, T0 + 30 * DAY).results();
        assertThat(find(ps, "binary_sensor.porch_door", "light.porch", "on->on")).isPresent();
        assertThat(ps).noneMatch(p -> p.entityIds().contains("sun.sun"));
    }

    @Test
    void eachTriggerCountedOnceAtTheFirstActionAfterIt() {
        MiningFixtures.Log log = new MiningFixtures.Log();
        for (int d = 0; d < 10; d++) {
            long t = T0 + d * DAY;
            log.add(t, "binary_sensor.hallway_motion", "on");
            log.add(t + 2_000, "light.hallway", "on");
            log.add(t + 4_000, "light.hallway", "off");
            log.add(t + 6_000, "light.hallway", "on");          // a second B after the same A: not counted again
            log.add(t + 100_000, "light.hallway", "off");
            log.add(t + 120_000, "binary_sensor.hallway_motion", "off");
        }
        MinedPattern p = find(log.run(hallway(), P, T0, T0 + 10 * DAY).results(),
                "binary_sensor.hallway_motion", "light.hallway", "on->on").orElseThrow();
        assertThat(p.support()).isEqualTo(10);
        assertThat((Double) p.details().get("median_lag_seconds")).isEqualTo(2.0);
    }

    @Test
    void sameMillisecondIsNotAfterButALaterActionStillCounts() {
        MiningFixtures.Log log = new MiningFixtures.Log();
        for (int d = 0; d < 10; d++) {
            long t = T0 + d * DAY;
            log.add(t, "binary_sensor.hallway_motion", "on");
            log.add(t, "light.hallway", "on");                    // same millisecond: not "after"
            log.add(t + 1_000, "light.hallway", "off");
            log.add(t + 2_000, "light.hallway", "on");            // the first light on after the motion
            log.add(t + 600_000, "light.hallway", "off");
            log.add(t + 700_000, "binary_sensor.hallway_motion", "off");
        }
        MinedPattern p = find(log.run(hallway(), P, T0, T0 + 10 * DAY).results(),
                "binary_sensor.hallway_motion", "light.hallway", "on->on").orElseThrow();
        assertThat(p.support()).isEqualTo(10);
        assertThat((Double) p.details().get("median_lag_seconds")).isEqualTo(2.0);
    }

    @Test
    void minCountIsACount() {
        CoOccurrenceDetector d = motionThenLight(20, 4).run(hallway(), P.withMinConfidence(0), T0, T0 + 20 * DAY);
        assertThat(find(d.results(), "binary_sensor.hallway_motion", "light.hallway", "on->on")).isEmpty();
        CoOccurrenceDetector d2 = motionThenLight(20, 4).run(hallway(), P.withMinConfidence(0).withMinCount(4), T0,
                T0 + 20 * DAY);
        assertThat(find(d2.results(), "binary_sensor.hallway_motion", "light.hallway", "on->on")).get()
                .extracting(MinedPattern::support).isEqualTo(4);
        assertThatThrownBy(() -> P.withMinCount(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void minSupportIsARatioOfEventsOfInterest() {
        // 20 days: motion on/off 40 events, light on/off 8 events (4 days): 48 events of interest, 4 pairs
        CoOccurrenceDetector.Params lenient = P.withMinConfidence(0).withMinCount(1);
        CoOccurrenceDetector d = motionThenLight(20, 4).run(hallway(), lenient.withMinSupport(0.08), T0,
                T0 + 20 * DAY);
        assertThat(d.eventsOfInterest()).isEqualTo(48);
        assertThat(find(d.results(), "binary_sensor.hallway_motion", "light.hallway", "on->on")).isPresent();
        CoOccurrenceDetector d2 = motionThenLight(20, 4).run(hallway(), lenient.withMinSupport(0.09), T0,
                T0 + 20 * DAY);
        assertThat(find(d2.results(), "binary_sensor.hallway_motion", "light.hallway", "on->on")).isEmpty();
        // the original's bug: 0.1 given where a count was expected now is a ratio, not "at least 0.1 times"
        assertThatThrownBy(() -> P.withMinSupport(5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noiseNumbersAndSensorPairsExcluded() {
        MiningFixtures.Log log = new MiningFixtures.Log();
        for (int d = 0; d < 30; d++) {
            long t = T0 + d * DAY + 8 * 3_600_000L;
            log.add(t, "binary_sensor.front_door", "on");
            log.add(t + 1_000, "binary_sensor.hallway_motion", "on");          // sensor + sensor: never valid
            log.add(t + 2_000, "sensor.hallway_temperature", String.valueOf(20 + d % 3));  // a reading
            log.add(t + 3_000, "sensor.hallway_mode", d % 2 == 0 ? "busy" : "calm");        // sensor + sensor
            log.add(t + 4_000, "switch.router_uptime_reset", d % 2 == 0 ? "on" : "off");    // noise by name
            log.add(t + 5_000, "update.hallway_firmware", d % 2 == 0 ? "on" : "off");       // noise by domain
            log.add(t + 60_000, "binary_sensor.front_door", "off");
            log.add(t + 61_000, "binary_sensor.hallway_motion", "off");
        }
        List<MinedPattern> ps = log.run(hallway(), P.withMinConfidence(0).withMinLift(0), T0, T0 + 30 * DAY)
                .results();
        assertThat(ps).isEmpty();
    }

    @Test
    void unrelatedEventsAreNotMoreOftenThanChance() {
        // the light switches every 2 minutes all day: it follows anything, so lift stays near 1
        MiningFixtures.Log log = new MiningFixtures.Log();
        for (int d = 0; d < 10; d++) {
            for (int m = 0; m < 1440; m += 2) {
                log.add(T0 + d * DAY + m * 60_000L + 7_000, "light.hallway", (m / 2) % 2 == 0 ? "on" : "off");
            }
            log.add(T0 + d * DAY + 9 * 3_600_000L, "binary_sensor.hallway_motion", "on");
            log.add(T0 + d * DAY + 10 * 3_600_000L, "binary_sensor.hallway_motion", "off");
        }
        CoOccurrenceDetector d = log.run(hallway(), P.withMinLift(0).withMaxLagSpreadSeconds(1e9), T0, T0 + 10 * DAY);
        MinedPattern p = find(d.results(), "binary_sensor.hallway_motion", "light.hallway", "on->on").orElseThrow();
        assertThat((Double) p.details().get("lift")).isLessThan(1.5);
        assertThat(log.run(hallway(), P, T0, T0 + 10 * DAY).results()).isEmpty();
    }

    @Test
    void stableIdsAcrossRuns() {
        List<MinedPattern> a = motionThenLight(45, 41).run(hallway(), P, T0, T0 + 45 * DAY).results();
        List<MinedPattern> b = motionThenLight(45, 41).run(hallway(), P, T0, T0 + 45 * DAY).results();
        assertThat(a).isNotEmpty();
        assertThat(a).isEqualTo(b);
        assertThat(a.get(0).id()).isEqualTo(StableIds.of("pat", "co_occurrence", a.get(0).entityIds().get(0),
                a.get(0).entityIds().get(1), a.get(0).state()));
    }

    @Test
    void deviceTrackerIsNotNoise() {
        assertThat(CoOccurrenceDetector.noise("device_tracker.anna_phone", "device_tracker")).isFalse();
        assertThat(CoOccurrenceDetector.noise("sensor.anna_phone_battery", "sensor")).isTrue();
        assertThat(CoOccurrenceDetector.noise("sensor.home_assistant_v2_db", "sensor")).isTrue();
    }
}
