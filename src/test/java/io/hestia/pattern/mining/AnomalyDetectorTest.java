package io.hestia.pattern.mining;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class AnomalyDetectorTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final LocalDate START = LocalDate.of(2026, 1, 5);
    static final int DAYS = 28;
    static final LocalDate ODD = START.plusDays(15);

    /**
     * A normal home: an evening light, a coffee maker in the morning, a temperature sensor every 5 min, a door
     * opened every ~20 min in the daytime, a busy switch. With {@code odd}, each gets one anomaly on {@link #ODD}.
     */
    static EventLog home(boolean odd) {
        EventLog log = new EventLog(BERLIN);
        SplittableRandom r = new SplittableRandom(5);
        for (int d = 0; d < DAYS; d++) {
            LocalDate day = START.plusDays(d);
            boolean anomalous = odd && day.equals(ODD);
            // evening light: 18:45 to about 23:00; left on until next morning
            log.at("light.living", "on", day, 18 * 60 + 45 + r.nextInt(-5, 6));
            log.at("light.living", "off", day, anomalous ? 1440 + 7 * 60 + 15 : 23 * 60 + r.nextInt(-20, 21));
            // coffee maker: 06:30 for 10 minutes; at 03:05 once
            int coffee = 6 * 60 + 30 + r.nextInt(-10, 11);
            log.at("switch.coffee", "on", day, coffee);
            log.at("switch.coffee", "off", day, coffee + 10);
            if (anomalous) {
                log.at("switch.coffee", "on", day, 3 * 60 + 5);
                log.at("switch.coffee", "off", day, 3 * 60 + 14);
            }
            // temperature every 5 minutes, silent for the whole day
            if (!anomalous) {
                for (int m = 0; m < 1440; m += 5) {
                    log.at("sensor.temperature", String.format(Locale.ROOT, "%.1f", 20 + r.nextDouble()), day, m);
                }
            }
            // door every ~20 min from 07:00 to 22:00 (so 9-hour gaps every night); nothing for 36 hours
            boolean dayAfter = odd && day.equals(ODD.plusDays(1));
            for (int m = 7 * 60; m < 22 * 60; m += 17 + r.nextInt(0, 7)) {
                if (anomalous && m > 8 * 60 || dayAfter && m < 20 * 60) {
                    continue;
                }
                log.at("binary_sensor.door", "on", day, m);
                log.at("binary_sensor.door", "off", day, m + 1);
            }
            // a switch toggled about 12 times a day, 80 times on the odd day
            int n = anomalous ? 80 : 10 + r.nextInt(0, 5);
            for (int k = 0; k < n; k++) {
                int m = 8 * 60 + k * (12 * 60 / n);
                log.at("switch.fan_plug", "on", day, m);
                log.at("switch.fan_plug", "off", day, m + 2);
            }
        }
        return log;
    }

    static List<MinedAnomaly> run(EventLog log) {
        return log.anomalies(log.ms(START), log.ms(START.plusDays(DAYS)));
    }

    static List<MinedAnomaly> of(List<MinedAnomaly> all, String kind, String entity) {
        return all.stream().filter(a -> a.kind().equals(kind) && a.entityId().equals(entity)).toList();
    }

    @Test
    void aNormalHomeHasNoAnomalies() {
        assertThat(run(home(false))).isEmpty();
    }

    @Test
    void eachKindIsFoundOnItsCraftedEpisode() {
        List<MinedAnomaly> all = run(home(true));
        long oddStart = ODD.atStartOfDay(BERLIN).toInstant().toEpochMilli();
        long oddEnd = ODD.plusDays(1).atStartOfDay(BERLIN).toInstant().toEpochMilli();

        assertThat(of(all, AnomalyDetector.STUCK_ON, "light.living")).singleElement().satisfies(a -> {
            assertThat(a.startMs()).isBetween(oddStart, oddEnd);
            assertThat(((Number) a.details().get("observed_minutes")).longValue()).isGreaterThan(12 * 60);
            assertThat(a.severity()).isBetween(0.5, 1.0);
            assertThat(a.explanation()).contains("stayed on");
        });
        assertThat(of(all, AnomalyDetector.UNUSUAL_HOUR, "switch.coffee")).singleElement().satisfies(a -> {
            assertThat(a.details().get("observed_time")).isEqualTo("03:05-03:14");
            assertThat(a.samples()).hasSize(2);
        });
        assertThat(of(all, AnomalyDetector.SILENT, "sensor.temperature")).singleElement().satisfies(a -> {
            assertThat(a.startMs()).isLessThanOrEqualTo(oddStart);
            assertThat(a.endMs()).isGreaterThanOrEqualTo(oddEnd);
            assertThat(a.id()).isEqualTo(StableIds.of("anom", "silent", "sensor.temperature",
                    ODD.minusDays(1).toString()));
        });
        assertThat(of(all, AnomalyDetector.UNUSUAL_GAP, "binary_sensor.door")).singleElement()
                .satisfies(a -> assertThat(a.startMs()).isBetween(oddStart, oddEnd));
        assertThat(of(all, AnomalyDetector.DAILY_COUNT, "switch.fan_plug")).singleElement().satisfies(a -> {
            assertThat(a.startMs()).isEqualTo(oddStart);
            assertThat(((Number) a.details().get("robust_z")).doubleValue()).isGreaterThan(6);
            assertThat(a.details().get("observed")).isEqualTo(160);
        });
        // the silent day is reported once, as silent: no gap or daily count on top
        assertThat(all.stream().filter(a -> a.entityId().equals("sensor.temperature"))).hasSize(1);
        assertThat(all).allSatisfy(a -> assertThat(a.severity()).isBetween(0.0, 1.0));
    }

    @Test
    void idsAreStableAndEpisodesBoundedPerEntity() {
        List<MinedAnomaly> a = run(home(true));
        List<MinedAnomaly> b = run(home(true));
        assertThat(a).extracting(MinedAnomaly::id).isEqualTo(b.stream().map(MinedAnomaly::id).toList());
        // an entity that misbehaves every other day still yields at most 3 episodes per kind
        EventLog log = new EventLog(BERLIN);
        for (int d = 0; d < DAYS; d++) {
            LocalDate day = START.plusDays(d);
            log.at("switch.coffee", "on", day, 6 * 60 + 30);
            log.at("switch.coffee", "off", day, 6 * 60 + 40);
            if (d % 9 == 4) {
                log.at("switch.coffee", "on", day, 60 + d * 5);
                log.at("switch.coffee", "off", day, 62 + d * 5);
            }
        }
        assertThat(of(run(log), AnomalyDetector.UNUSUAL_HOUR, "switch.coffee")).hasSizeLessThanOrEqualTo(3);
    }

    @Test
    void sunriseAndSunsetAreNoHouseholdsAnomaly() {
        // 60 days of sunrise at about 08:10 and sunset at about 16:20, with three days without either (as where a
        // polar night begins): the same changes at another entity are an unusual gap, at sun.sun nothing
        EventLog log = new EventLog(BERLIN);
        int days = 60;
        for (int d = 0; d < days; d++) {
            if (d >= 30 && d < 33) {
                continue;
            }
            for (String id : List.of("sun.sun", "binary_sensor.daylight")) {
                log.at(id, id.startsWith("sun") ? "above_horizon" : "on", START.plusDays(d), 8 * 60 + 10 - d / 8);
                log.at(id, id.startsWith("sun") ? "below_horizon" : "off", START.plusDays(d), 16 * 60 + 20 + d / 6);
            }
        }
        List<MinedAnomaly> all = log.anomalies(log.ms(START), log.ms(START.plusDays(days)));
        assertThat(of(all, AnomalyDetector.UNUSUAL_GAP, "binary_sensor.daylight")).isNotEmpty();
        assertThat(all).noneMatch(a -> a.entityId().equals("sun.sun"));
    }

    @Test
    void tooLittleDataIsNotJudged() {
        EventLog log = new EventLog(BERLIN);
        log.at("light.attic", "on", START, 600).at("light.attic", "off", START.plusDays(3), 600);
        log.at("switch.x", "on", START.plusDays(1), 180).at("switch.x", "off", START.plusDays(1), 190);
        assertThat(run(log)).isEmpty();
    }

    @Test
    void medianLogDeviationMatchesTheSortedDefinition() {
        SplittableRandom r = new SplittableRandom(1);
        for (int round = 0; round < 50; round++) {
            int n = 1 + r.nextInt(60);
            int[] v = new int[n];
            for (int i = 0; i < n; i++) {
                v[i] = r.nextInt(0, 5000);
            }
            java.util.Arrays.sort(v);
            double median = Math.max(1, v[n / 2]);
            double[] dev = new double[n];
            for (int i = 0; i < n; i++) {
                dev[i] = Math.abs(Math.log(Math.max(1, v[i])) - Math.log(median));
            }
            java.util.Arrays.sort(dev);
            assertThat(AnomalyDetector.medianLogDeviation(v, n, median)).isCloseTo(dev[n / 2],
                    org.assertj.core.data.Offset.offset(1e-12));
        }
    }
}
