package io.hestia.pattern.mining;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class RoutineDetectorTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final LocalDate START = LocalDate.of(2026, 1, 5);   // a Monday

    static int minute(MinedPattern p) {
        return ((Number) p.details().get("typical_minute")).intValue();
    }

    static List<MinedPattern> withState(List<MinedPattern> ps, String entity, String state) {
        return ps.stream().filter(p -> p.entityIds().get(0).equals(entity) && p.state().equals(state)).toList();
    }

    @Test
    void bedtimeAcrossMidnightIsOneRoutineWithACircularMean() {
        EventLog log = new EventLog(BERLIN);
        // around 23:57: some nights 23:50, some after midnight (00:05 is minute 1445 of the evening's day)
        int[] evening = {1430, 1445, 1432, 1440, 1435, 1430, 1445, 1439};
        long sum = 0;
        for (int d = 0; d < 28; d++) {
            LocalDate day = START.plusDays(d);
            int at = evening[d % evening.length];
            sum += at;
            log.at("light.bedroom", "on", day, at);                 // minutes past 1440 fall on the next date
            log.at("light.bedroom", "off", day, 1440 + 7 * 60);     // next morning 07:00
        }
        List<MinedPattern> ps = log.routines(log.ms(START), log.ms(START.plusDays(29)));
        List<MinedPattern> on = withState(ps, "light.bedroom", "on");
        assertThat(on).hasSize(1);
        MinedPattern p = on.get(0);
        double expected = sum / 28.0 % 1440;    // 23:57.x
        assertThat(Math.abs(minute(p) - expected)).isLessThanOrEqualTo(1.0);
        assertThat(p.details().get("typical_time")).isEqualTo("23:57");
        assertThat(p.details().get("day_mask")).isEqualTo("all");
        assertThat(p.support()).isEqualTo(28);
        assertThat(((Number) p.details().get("spread_minutes")).doubleValue()).isBetween(4.0, 7.0);
        assertThat(p.type()).isEqualTo(MinedPattern.TIME_OF_DAY);
        assertThat(p.samples()).hasSize(10).isSorted();
        assertThat(p.explanation()).startsWith("light.bedroom turns on around 23:57 every day: 28 of");
        assertThat(p.confidence()).isGreaterThan(0.8);
        // the morning off is a routine too
        assertThat(withState(ps, "light.bedroom", "off")).singleElement()
                .satisfies(off -> assertThat(off.details().get("typical_time")).isEqualTo("07:00"));
    }

    @Test
    void weekdaysAndWeekendsAreSeparateRoutines() {
        EventLog log = new EventLog(BERLIN);
        SplittableRandom r = new SplittableRandom(7);
        for (int d = 0; d < 35; d++) {
            LocalDate day = START.plusDays(d);
            boolean weekend = day.getDayOfWeek().getValue() >= 6;
            int on = (weekend ? 8 * 60 + 30 : 6 * 60 + 30) + r.nextInt(-5, 6);
            log.at("light.kitchen", "on", day, on);
            log.at("light.kitchen", "off", day, on + 40 + r.nextInt(0, 10));
            // a motion sensor that fires all day long is no routine
            for (int m = 6 * 60; m < 23 * 60; m += 7 + r.nextInt(0, 5)) {
                log.at("binary_sensor.motion", "on", day, m);
                log.at("binary_sensor.motion", "off", day, m + 2);
            }
        }
        List<MinedPattern> ps = log.routines(log.ms(START), log.ms(START.plusDays(35)));
        List<MinedPattern> on = withState(ps, "light.kitchen", "on");
        assertThat(on).extracting(p -> p.details().get("day_mask")).containsExactlyInAnyOrder("weekdays", "weekends");
        MinedPattern weekdays = on.stream().filter(p -> p.details().get("day_mask").equals("weekdays")).findFirst()
                .orElseThrow();
        assertThat(Math.abs(minute(weekdays) - 390)).isLessThanOrEqualTo(2);
        assertThat(weekdays.details().get("days_observed")).isEqualTo(25);
        assertThat(weekdays.support()).isEqualTo(25);
        assertThat(weekdays.explanation()).contains("on weekdays: 25 of 25 weekdays in the last 35 days");
        MinedPattern weekends = on.stream().filter(p -> p.details().get("day_mask").equals("weekends")).findFirst()
                .orElseThrow();
        assertThat(Math.abs(minute(weekends) - 510)).isLessThanOrEqualTo(2);
        assertThat(weekends.details().get("days")).isEqualTo(List.of("sat", "sun"));
        assertThat(ps.stream().filter(p -> p.entityIds().get(0).equals("binary_sensor.motion"))).isEmpty();
    }

    @Test
    void transitionalStatesAreNotRoutinesOnlyTheirTargets() {
        EventLog log = new EventLog(BERLIN);
        SplittableRandom r = new SplittableRandom(11);
        for (int d = 0; d < 28; d++) {
            LocalDate day = START.plusDays(d);
            int at = 7 * 60 + r.nextInt(-3, 4);
            log.at("cover.bedroom_blinds", "opening", day, at);
            log.at("cover.bedroom_blinds", "open", day, at + 1);
            log.at("cover.bedroom_blinds", "closing", day, 21 * 60);
            log.at("cover.bedroom_blinds", "closed", day, 21 * 60 + 1);
        }
        List<MinedPattern> ps = log.routines(log.ms(START), log.ms(START.plusDays(28)));
        assertThat(ps).extracting(MinedPattern::state).containsExactlyInAnyOrder("open", "closed");
    }

    @Test
    void aLaterFridayBedtimeIsACustomRoutine() {
        EventLog log = new EventLog(BERLIN);
        SplittableRandom r = new SplittableRandom(3);
        for (int d = 0; d < 35; d++) {
            LocalDate day = START.plusDays(d);
            int at = (day.getDayOfWeek() == DayOfWeek.FRIDAY ? 23 * 60 + 45 : 22 * 60 + 30) + r.nextInt(-4, 5);
            log.at("light.hall", "off", day, at);
            log.at("light.hall", "on", day, 18 * 60 + r.nextInt(-4, 5));
        }
        List<MinedPattern> off = withState(log.routines(log.ms(START), log.ms(START.plusDays(35))), "light.hall",
                "off");
        assertThat(off).extracting(p -> p.details().get("days")).containsExactlyInAnyOrder(
                List.of("mon", "tue", "wed", "thu", "sat", "sun"), List.of("fri"));
        assertThat(off).allSatisfy(p -> assertThat(p.details().get("day_mask")).isEqualTo("custom"));
    }

    @Test
    void aLocalRoutineStaysAtItsLocalTimeAcrossDaylightSavingChanges() {
        for (LocalDate start : List.of(LocalDate.of(2026, 3, 15), LocalDate.of(2026, 10, 11))) {
            EventLog log = new EventLog(BERLIN);
            SplittableRandom r = new SplittableRandom(11);
            for (int d = 0; d < 28; d++) {
                LocalDate day = start.plusDays(d);
                log.at("cover.bedroom", "open", day, 7 * 60 + r.nextInt(-2, 3));
                log.at("cover.bedroom", "closed", day, 21 * 60 + r.nextInt(-2, 3));
            }
            List<MinedPattern> ps = log.routines(log.ms(start), log.ms(start.plusDays(28)));
            assertThat(withState(ps, "cover.bedroom", "open")).as("from %s", start).singleElement().satisfies(p -> {
                assertThat(Math.abs(minute(p) - 420)).isLessThanOrEqualTo(1);
                assertThat(p.support()).isEqualTo(28);
                assertThat(((Number) p.details().get("spread_minutes")).doubleValue()).isLessThan(3);
            });
        }
    }

    @Test
    void sparseEntitiesGiveNoRoutine() {
        EventLog log = new EventLog(BERLIN);
        log.at("light.attic", "on", START, 600).at("light.attic", "off", START.plusDays(1), 605);
        log.at("sensor.temperature", "21.5", START, 600).at("sensor.temperature", "21.7", START.plusDays(1), 600);
        assertThat(log.routines(log.ms(START), log.ms(START.plusDays(30)))).isEmpty();
    }

    @Test
    void numericReadingsAndRepeatedStatesAreNotRoutines() {
        EventLog log = new EventLog(BERLIN);
        for (int d = 0; d < 20; d++) {
            LocalDate day = START.plusDays(d);
            log.at("sensor.temperature", Integer.toString(18 + d % 3), day, 420);
            log.at("switch.pump", "on", day, 420);      // always "on": no change after the first
            log.at("light.porch", "unavailable", day, 300);
        }
        assertThat(log.routines(log.ms(START), log.ms(START.plusDays(20)))).isEmpty();
    }

    @Test
    void idsAreStableAcrossRunsWithShiftedData() {
        List<String> first = ids(0, 0, 1);
        List<String> second = ids(3, 2, 2);   // 3 minutes later, two days later window, other jitter
        assertThat(first).hasSize(4).isEqualTo(second);
        assertThat(first).allSatisfy(id -> assertThat(id).startsWith("tod-"));
    }

    private static List<String> ids(int shiftMinutes, int shiftDays, long seed) {
        EventLog log = new EventLog(BERLIN);
        SplittableRandom r = new SplittableRandom(seed);
        LocalDate start = START.plusDays(shiftDays);
        for (int d = 0; d < 30; d++) {
            LocalDate day = start.plusDays(d);
            boolean weekend = day.getDayOfWeek().getValue() >= 6;
            int on = (weekend ? 8 * 60 + 58 : 6 * 60 + 59) + shiftMinutes + r.nextInt(-3, 4);
            log.at("light.kitchen", "on", day, on);
            log.at("light.kitchen", "off", day, on + 30);
        }
        return log.routines(log.ms(start), log.ms(start.plusDays(30))).stream().map(MinedPattern::id).sorted()
                .collect(Collectors.toList());
    }

    @Test
    void delta_isCircular() {
        assertThat(RoutineDetector.delta(10, 1430)).isEqualTo(20);
        assertThat(RoutineDetector.delta(1430, 10)).isEqualTo(-20);
        assertThat(RoutineDetector.delta(720, 0)).isEqualTo(-720);
    }
}
