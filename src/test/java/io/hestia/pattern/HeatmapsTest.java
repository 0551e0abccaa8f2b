package io.hestia.pattern;

import io.hestia.ha.home.Home;
import io.hestia.ha.home.StateEvent;
import io.hestia.platform.Json;
import io.hestia.platform.NotFoundException;
import io.hestia.store.AnalysisRunStore;
import io.hestia.store.Database;
import io.hestia.store.EventStore;
import io.hestia.store.IngestStateStore;
import io.hestia.store.MinedItemStore;
import io.hestia.store.RegistryStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The heat map: changes to the pattern's state counted by local date and wall-clock hour, across daylight-saving
 * days (a 25-hour and a 23-hour day), then end to end over SQLite stores: the window of the run that found the
 * pattern, the fallback window without a run, a co-occurrence's trigger state, other entities left out, 404.
 */
class HeatmapsTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** 2026-10-22 00:00 in Berlin (CEST) to 2026-10-29 00:00 (CET): 7 local days, 10-25 has 25 hours. */
    private static final long OCT_START = Instant.parse("2026-10-21T22:00:00Z").toEpochMilli();
    private static final long OCT_END = Instant.parse("2026-10-28T23:00:00Z").toEpochMilli();

    @TempDir
    Path dir;

    private static long at(String utc) {
        return Instant.parse(utc).toEpochMilli();
    }

    /** The October week's events of light.kitchen, in time order: 7 real changes to on inside the window. */
    private static List<StateEvent> octoberEvents() {
        return List.of(
                StateEvent.of("light.kitchen", "on", at("2026-10-21T21:59:00Z"), "off"), // 10-21 23:59: before
                StateEvent.of("light.kitchen", "on", at("2026-10-21T22:10:00Z"), "off"), // 10-22 00:10
                StateEvent.of("light.kitchen", "on", at("2026-10-22T05:05:00Z"), "on"), // on -> on: no change
                StateEvent.of("light.kitchen", "off", at("2026-10-22T05:06:00Z"), "on"), // another state
                StateEvent.of("light.kitchen", "on", at("2026-10-22T05:07:00Z"), null), // off before it: 07:07
                StateEvent.of("light.kitchen", "on", at("2026-10-25T00:30:00Z"), "off"), // 02:30 CEST
                StateEvent.of("light.kitchen", "off", at("2026-10-25T01:00:00Z"), "on"), // 02:00 CET
                StateEvent.of("light.kitchen", "on", at("2026-10-25T01:30:00Z"), "off"), // 02:30 CET, again
                StateEvent.of("light.kitchen", "on", at("2026-10-25T22:30:00Z"), "off"), // 10-25 23:30 CET
                StateEvent.of("light.kitchen", "on", at("2026-10-26T06:05:00Z"), "off"), // 10-26 07:05 CET
                StateEvent.of("light.kitchen", "on", at("2026-10-28T22:59:59Z"), "off"), // 10-28 23:59:59
                StateEvent.of("light.kitchen", "on", at("2026-10-28T23:00:00Z"), "off")); // 10-29 00:00: after
    }

    private static Heatmaps.Grid grid(ZoneId zone, long start, long end, String state, List<StateEvent> events) {
        Heatmaps.Grid grid = new Heatmaps.Grid(zone, start, end, state);
        events.forEach(e -> grid.accept(e.entityId(), e.state(), e.oldState(), e.lastUpdated()));
        return grid;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> days(Map<String, Object> view) {
        return (List<Map<String, Object>>) view.get("days");
    }

    @SuppressWarnings("unchecked")
    private static List<Integer> hours(Map<String, Object> day) {
        return (List<Integer>) day.get("hours");
    }

    private static List<Integer> hoursWith(int... hourCount) {
        List<Integer> out = new ArrayList<>(java.util.Collections.nCopies(24, 0));
        for (int i = 0; i < hourCount.length; i += 2) {
            out.set(hourCount[i], hourCount[i + 1]);
        }
        return out;
    }

    @Test
    void aWeekAcrossTheAutumnChangeCountsEachChangeInItsLocalDateAndHour() {
        Map<String, Object> view = grid(BERLIN, OCT_START, OCT_END, "on", octoberEvents())
                .view(Set.of("mon", "tue", "wed", "thu", "fri"));

        List<Map<String, Object>> days = days(view);
        assertThat(days).extracting(d -> d.get("date")).containsExactly("2026-10-22", "2026-10-23", "2026-10-24",
                "2026-10-25", "2026-10-26", "2026-10-27", "2026-10-28");
        assertThat(days).extracting(d -> d.get("weekday")).containsExactly("thu", "fri", "sat", "sun", "mon", "tue",
                "wed");
        assertThat(days).extracting(d -> d.get("in_pattern")).containsExactly(true, true, false, false, true, true,
                true);
        assertThat(days).allSatisfy(d -> assertThat(hours(d)).hasSize(24));
        // the first change of the window at 00:10, and 07:07 after an off whose row had no old state
        assertThat(hours(days.get(0))).isEqualTo(hoursWith(0, 1, 7, 1));
        // the 25-hour day: both passes of 02:30 in hour 2, 23:30 CET still on the 25th
        assertThat(hours(days.get(3))).isEqualTo(hoursWith(2, 2, 23, 1));
        // the first CET morning: 06:05Z is 07:05 local, not 08:05
        assertThat(hours(days.get(4))).isEqualTo(hoursWith(7, 1));
        assertThat(hours(days.get(6))).isEqualTo(hoursWith(23, 1));
        assertThat(days).extracting(d -> d.get("count")).containsExactly(2, 0, 0, 3, 1, 0, 1);
        assertThat(view.get("max")).isEqualTo(2);
        assertThat(view.get("total")).isEqualTo(7);
    }

    @Test
    void theSpringChangeLeavesTheSkippedHourEmptyAndMovesNothing() {
        // 2026-03-28 00:00 CET to 2026-03-31 00:00 CEST: the 29th has 23 hours (02:00 CET jumps to 03:00 CEST)
        long start = at("2026-03-27T23:00:00Z");
        long end = at("2026-03-30T22:00:00Z");
        Map<String, Object> view = grid(BERLIN, start, end, "on", List.of(
                StateEvent.of("light.kitchen", "on", at("2026-03-29T00:30:00Z"), "off"), // 01:30 CET
                StateEvent.of("light.kitchen", "on", at("2026-03-29T01:30:00Z"), "off"), // 03:30 CEST
                StateEvent.of("light.kitchen", "on", at("2026-03-29T22:30:00Z"), "off"), // 03-30 00:30 CEST
                StateEvent.of("light.kitchen", "on", at("2026-03-30T21:59:00Z"), "off"))) // 03-30 23:59 CEST
                .view(Set.of());

        List<Map<String, Object>> days = days(view);
        assertThat(days).extracting(d -> d.get("date")).containsExactly("2026-03-28", "2026-03-29", "2026-03-30");
        assertThat(days).extracting(d -> d.get("in_pattern")).containsOnly(false);
        assertThat(hours(days.get(0))).containsOnly(0);
        assertThat(hours(days.get(1))).isEqualTo(hoursWith(1, 1, 3, 1));
        assertThat(hours(days.get(2))).isEqualTo(hoursWith(0, 1, 23, 1));
        assertThat(view.get("total")).isEqualTo(4);
        assertThat(view.get("max")).isEqualTo(1);
    }

    @Test
    void theFirstEventWithoutAnyPreviousStateCountsAsAChangeAndAnEmptyWindowHasNoDays() {
        long start = at("2026-10-21T22:00:00Z");
        long end = at("2026-10-22T22:00:00Z");
        Map<String, Object> view = grid(BERLIN, start, end, "on",
                List.of(StateEvent.of("light.kitchen", "on", at("2026-10-22T04:00:00Z"), null))).view(Set.of());
        assertThat(days(view)).singleElement().satisfies(d -> assertThat(hours(d)).isEqualTo(hoursWith(6, 1)));

        Map<String, Object> none = grid(BERLIN, start, start, "on", List.of()).view(Set.of());
        assertThat(days(none)).isEmpty();
        assertThat(none.get("max")).isEqualTo(0);
        assertThat(none.get("total")).isEqualTo(0);
    }

    @Test
    void aCoOccurrenceCountsItsTriggersState() {
        assertThat(Heatmaps.triggerState("locked->off")).isEqualTo("locked");
        assertThat(Heatmaps.triggerState("on")).isEqualTo("on");
        assertThat(Heatmaps.triggerState(null)).isNull();
    }

    // ---- over the stores ----

    private final class Stores implements AutoCloseable {
        final Database db = Database.open(dir.resolve("hestia.db").toString(), 2, 5000);
        final MinedItemStore items = new MinedItemStore(db.dataSource());
        final AnalysisRunStore runs = new AnalysisRunStore(db.dataSource());
        final EventStore events = new EventStore(db.dataSource());
        final RegistryStore registry = new RegistryStore(db.dataSource());
        final IngestStateStore haState = new IngestStateStore(db.dataSource());

        Heatmaps heatmaps(Instant now) {
            return new Heatmaps(items, runs, events, registry, haState, Clock.fixed(now, ZoneOffset.UTC));
        }

        void item(String runId, String id, String type, List<String> entities, String state,
                  Map<String, Object> details) {
            MinedItemStore.Item it = new MinedItemStore.Item(id, AnalysisService.PATTERN, type, Json.write(entities),
                    entities, state, null, entities.size(), 0.9, 5, 0.9, 0.9, null, null, Json.write(details), "[]",
                    "a routine", true, 0, 0, null);
            items.storeRun(runId, AnalysisService.PATTERN, List.of(it), Map.of(id, entities), 1);
        }

        @Override
        public void close() {
            db.close();
        }
    }

    private static Map<String, Object> routineDetails() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("typical_time", "07:05");
        d.put("typical_minute", 425);
        d.put("spread_minutes", 6.0);
        d.put("days_matched", 2);
        d.put("days", List.of("mon", "tue", "wed", "thu", "fri"));
        d.put("window_days", 7);
        return d;
    }

    @Test
    void aRoutinesHeatMapOverTheWindowOfTheRunThatFoundIt() {
        try (Stores s = new Stores()) {
            s.registry.replace(List.of(), List.of(), List.of(), List.of(
                    new Home.Entity("light.kitchen", "Kitchen Light", List.of(), null, null, null, "on", Map.of()),
                    new Home.Entity("light.hall", "Hall", List.of(), null, null, null, "on", Map.of())));
            s.haState.putConfig(Map.of("time_zone", "Europe/Berlin"));
            List<StateEvent> events = new ArrayList<>(octoberEvents());
            // another entity's changes in the same hours are not the kitchen's
            events.add(StateEvent.of("light.hall", "on", at("2026-10-26T06:05:00Z"), "off"));
            events.add(StateEvent.of("light.hall", "on", at("2026-10-27T06:05:00Z"), "off"));
            s.events.insert(events);
            s.runs.create("run-1", "api", OCT_START, OCT_END, 1);
            s.runs.finish("run-1", AnalysisRunStore.Status.SUCCEEDED, "{}", "[]", null, 2);
            s.item("run-1", "tod-kitchen", "time_of_day", List.of("light.kitchen"), "on", routineDetails());

            Map<String, Object> map = s.heatmaps(Instant.parse("2027-01-01T00:00:00Z")).heatmap("tod-kitchen");
            assertThat(map).containsEntry("pattern_id", "tod-kitchen").containsEntry("type", "time_of_day")
                    .containsEntry("entity_id", "light.kitchen").containsEntry("name", "Kitchen Light")
                    .containsEntry("state", "on").containsEntry("time_zone", "Europe/Berlin")
                    .containsEntry("window_start", "2026-10-21T22:00:00Z")
                    .containsEntry("window_end", "2026-10-28T23:00:00Z").containsEntry("typical_minute", 425)
                    .containsEntry("spread_minutes", 6.0)
                    .containsEntry("days_of_week", List.of("mon", "tue", "wed", "thu", "fri"))
                    .containsEntry("max", 2).containsEntry("total", 7);
            assertThat(map.keySet()).containsExactly("pattern_id", "type", "entity_id", "name", "state", "time_zone",
                    "window_start", "window_end", "typical_minute", "spread_minutes", "days_of_week", "days", "max",
                    "total");
            assertThat(days(map)).hasSize(7);
            assertThat(hours(days(map).get(4))).isEqualTo(hoursWith(7, 1));
            assertThat(days(map).get(5).get("count")).isEqualTo(0);

            // a later run that no longer finds it: inactive, still its own run's window
            s.runs.create("run-2", "api", OCT_START + 86_400_000L, OCT_END + 86_400_000L, 3);
            s.runs.finish("run-2", AnalysisRunStore.Status.SUCCEEDED, "{}", "[]", null, 4);
            s.items.storeRun("run-2", AnalysisService.PATTERN, List.of(), Map.of(), 5);
            assertThat(s.items.find(AnalysisService.PATTERN, "tod-kitchen").orElseThrow().active()).isFalse();
            assertThat(s.heatmaps(Instant.now()).heatmap("tod-kitchen"))
                    .containsEntry("window_start", "2026-10-21T22:00:00Z").containsEntry("total", 7);

            assertThatThrownBy(() -> s.heatmaps(Instant.now()).heatmap("tod-nope"))
                    .isInstanceOf(NotFoundException.class).hasMessageContaining("tod-nope");
        }
    }

    @Test
    void withoutARunTheItemsWindowDaysEndAtTheHomesLastMidnightAndACoOccurrenceShowsItsTrigger() {
        try (Stores s = new Stores()) {
            s.haState.putConfig(Map.of("time_zone", "Europe/Berlin"));
            s.events.insert(octoberEvents());
            s.item("run-x", "tod-kitchen", "time_of_day", List.of("light.kitchen"), "on", routineDetails());
            s.item("run-x", "pat-kitchen", "co_occurrence", List.of("light.kitchen", "light.hall"), "on->off",
                    Map.of("trigger_count", 7));

            // 2026-10-29 10:00 Berlin: the 7 days before that midnight
            Heatmaps heatmaps = s.heatmaps(Instant.parse("2026-10-29T09:00:00Z"));
            Map<String, Object> routine = heatmaps.heatmap("tod-kitchen");
            assertThat(routine).containsEntry("window_start", "2026-10-21T22:00:00Z")
                    .containsEntry("window_end", "2026-10-28T23:00:00Z").containsEntry("name", null)
                    .containsEntry("total", 7);

            // no window_days in a co-occurrence's details: 30 days; no routine figures
            Map<String, Object> co = heatmaps.heatmap("pat-kitchen");
            assertThat(co).containsEntry("entity_id", "light.kitchen").containsEntry("state", "on")
                    .containsEntry("window_start", "2026-09-28T22:00:00Z")
                    .containsEntry("typical_minute", null).containsEntry("spread_minutes", null)
                    .containsEntry("days_of_week", List.of()).containsEntry("total", 8);
            assertThat(days(co)).hasSize(30).extracting(d -> d.get("in_pattern")).containsOnly(false);
            // the wider window takes in the change at 23:59 on the 21st
            assertThat(days(co).get(22)).containsEntry("date", "2026-10-21").containsEntry("count", 1);
        }
    }
}
