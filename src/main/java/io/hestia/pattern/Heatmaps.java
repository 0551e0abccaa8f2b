package io.hestia.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.hestia.pattern.mining.LocalClock;
import io.hestia.platform.Json;
import io.hestia.platform.NotFoundException;
import io.hestia.store.AnalysisRunStore;
import io.hestia.store.AnalysisRunStore.Run;
import io.hestia.store.EventStore;
import io.hestia.store.IngestStateStore;
import io.hestia.store.MinedItemStore;
import io.hestia.store.MinedItemStore.Item;
import io.hestia.store.RegistryStore;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Why a routine was found, as a person can see it: how often the pattern's entity changed to the pattern's state
 * in each local hour of each local day of the analysis window. The entity is the pattern's first entity (a
 * co-occurrence's trigger), the state its state (a co-occurrence's {@code a->b} counts the trigger's {@code a}).
 * Days are local dates in HA's time zone, the zone the analysis mines in; only that entity's events are read.
 */
public final class Heatmaps {

    /** The window, in days up to the home's last midnight, when no run and no stored detail says otherwise. */
    static final int DEFAULT_WINDOW_DAYS = 30;

    private final MinedItemStore items;
    private final AnalysisRunStore runs;
    private final EventStore events;
    private final RegistryStore registry;
    private final IngestStateStore haState;
    private final Clock clock;

    public Heatmaps(MinedItemStore items, AnalysisRunStore runs, EventStore events, RegistryStore registry,
                    IngestStateStore haState, Clock clock) {
        this.items = items;
        this.runs = runs;
        this.events = events;
        this.registry = registry;
        this.haState = haState;
        this.clock = clock;
    }

    /** The heat map of a pattern (active or not); 404 for an unknown pattern id. */
    public Map<String, Object> heatmap(String id) {
        Item it = items.find(AnalysisService.PATTERN, id).orElseThrow(() -> new NotFoundException("no pattern " + id));
        JsonNode details = Json.stored(it.detailsJson());
        ZoneId zone = AnalysisService.zone(haState.config().get("time_zone"), new ArrayList<>());
        long[] window = window(it, details, zone);
        String entityId = it.entityIds().get(0);
        String state = triggerState(it.state());
        Grid grid = new Grid(zone, window[0], window[1], state);
        events.streamStates(entityId, window[0], window[1], grid);

        List<String> daysOfWeek = new ArrayList<>();
        JsonNode days = details == null ? null : details.get("days");
        if (days != null && days.isArray()) {
            days.forEach(d -> daysOfWeek.add(d.asText()));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pattern_id", it.itemId());
        out.put("type", it.type());
        out.put("entity_id", entityId);
        out.put("name", registry.entity(entityId).map(RegistryStore.EntityRow::name).orElse(null));
        out.put("state", state);
        out.put("time_zone", zone.getId());
        out.put("window_start", Instant.ofEpochMilli(window[0]).toString());
        out.put("window_end", Instant.ofEpochMilli(window[1]).toString());
        JsonNode minute = details == null ? null : details.get("typical_minute");
        out.put("typical_minute", minute != null && minute.isNumber() ? minute.intValue() : null);
        JsonNode spread = details == null ? null : details.get("spread_minutes");
        out.put("spread_minutes", spread != null && spread.isNumber() ? spread.doubleValue() : null);
        out.put("days_of_week", daysOfWeek);
        out.putAll(grid.view(Set.copyOf(daysOfWeek)));
        return out;
    }

    /**
     * [start, end) of the run that last produced the item; else of the latest succeeded run; else the item's
     * {@code window_days} (or {@link #DEFAULT_WINDOW_DAYS}) up to the home's last midnight, as a run would take them.
     */
    private long[] window(Item it, JsonNode details, ZoneId zone) {
        Optional<Run> run = it.lastRunId() == null ? Optional.empty() : runs.find(it.lastRunId())
                .filter(r -> r.status() == AnalysisRunStore.Status.SUCCEEDED);
        if (run.isEmpty()) {
            run = runs.latestSucceeded();
        }
        if (run.isPresent()) {
            return new long[] {run.get().windowStartMs(), run.get().windowEndMs()};
        }
        JsonNode d = details == null ? null : details.get("window_days");
        int days = d != null && d.canConvertToInt() && d.intValue() > 0 ? d.intValue() : DEFAULT_WINDOW_DAYS;
        return AnalysisService.wholeDaysBefore(clock.millis(), days, zone);
    }

    /** The state a pattern's first entity changes to: a co-occurrence's {@code a->b} is its trigger's {@code a}. */
    static String triggerState(String state) {
        if (state == null) {
            return null;
        }
        int arrow = state.indexOf("->");
        return arrow < 0 ? state : state.substring(0, arrow);
    }

    /**
     * Counts of one entity's real changes to one state (the state differs from the previous one: the row's old
     * state, else the entity's state in the row before, as the miners take it) by local date and wall-clock hour,
     * for every local date of [start, end). Feed it one entity's events in time order. On a daylight-saving day
     * the skipped hour stays empty and the repeated hour holds both of its passes, so no change moves to another
     * hour or date. Not thread-safe.
     */
    static final class Grid implements EventStore.StateRowSink {

        private final LocalClock clock;
        private final long startMs;
        private final long endMs;
        private final String state;
        private final LocalDate firstDate;
        private final int[][] counts;
        private String last;

        Grid(ZoneId zone, long startMs, long endMs, String state) {
            this.clock = new LocalClock(zone);
            this.startMs = startMs;
            this.endMs = endMs;
            this.state = state;
            this.firstDate = Instant.ofEpochMilli(startMs).atZone(zone).toLocalDate();
            int days = endMs <= startMs ? 0 : (int) (Instant.ofEpochMilli(endMs - 1).atZone(zone).toLocalDate()
                    .toEpochDay() - firstDate.toEpochDay() + 1);
            this.counts = new int[days][24];
        }

        @Override
        public void accept(String entityId, String newState, String oldState, long timeMs) {
            String previous = oldState != null ? oldState : last;
            last = newState;
            if (timeMs < startMs || timeMs >= endMs || state == null || !state.equals(newState)
                    || state.equals(previous)) {
                return;
            }
            long day = clock.epochDay(timeMs) - firstDate.toEpochDay();
            if (day >= 0 && day < counts.length) {
                counts[(int) day][clock.minuteOfDay(timeMs) / 60]++;
            }
        }

        /** {@code days [{date, weekday, in_pattern, count, hours [24]}], max, total}. */
        Map<String, Object> view(Set<String> daysOfWeek) {
            List<Map<String, Object>> days = new ArrayList<>(counts.length);
            int max = 0;
            int total = 0;
            for (int d = 0; d < counts.length; d++) {
                LocalDate date = firstDate.plusDays(d);
                String weekday = weekday(date.getDayOfWeek());
                int count = Arrays.stream(counts[d]).sum();
                max = Math.max(max, Arrays.stream(counts[d]).max().orElse(0));
                total += count;
                Map<String, Object> day = new LinkedHashMap<>();
                day.put("date", date.toString());
                day.put("weekday", weekday);
                day.put("in_pattern", daysOfWeek.contains(weekday));
                day.put("count", count);
                day.put("hours", Arrays.stream(counts[d]).boxed().collect(Collectors.toList()));
                days.add(day);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("days", days);
            out.put("max", max);
            out.put("total", total);
            return out;
        }

        static String weekday(DayOfWeek d) {
            return d.name().substring(0, 3).toLowerCase(Locale.ROOT);
        }
    }
}
