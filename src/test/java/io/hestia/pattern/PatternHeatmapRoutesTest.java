package io.hestia.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.hestia.SimulatedHaTestSupport;
import io.hestia.ha.home.Home;
import io.hestia.store.EventStore;
import io.hestia.training.synthetic.HomeType;
import io.hestia.training.synthetic.SyntheticHome;
import io.hestia.training.synthetic.SyntheticHomeGenerator;
import io.hestia.training.synthetic.SyntheticSpec;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A routine's heat map over real HTTP, on a month of a simulated home read through the real HA client: the heat map
 * covers every local day of the run's window and shows the routine's days around its typical hour; 404 problem.
 */
class PatternHeatmapRoutesTest extends SimulatedHaTestSupport {

    private static final Instant END = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private SyntheticHome home;

    @Override
    protected Home simulatedHome() {
        home = SyntheticHomeGenerator.generate(new SyntheticSpec(3, HomeType.APARTMENT, 15, 30, END, BERLIN));
        return home.home();
    }

    @Override
    protected Properties extraProperties() {
        Properties p = simProperties();
        p.put("hestia.ha.initial-backfill-days", "31");
        p.put("hestia.pattern.schedule-enabled", "false");
        p.put("hestia.pattern.window-days", "30");
        return p;
    }

    private void awaitHistory() {
        EventStore events = context.getRegistry().lookupByNameAndType("eventStore", EventStore.class);
        long expected = home.home().events().stream().filter(e -> e.lastUpdated() <= END.toEpochMilli()).count();
        await().atMost(Duration.ofSeconds(60)).until(() -> events.count() >= expected);
    }

    @Test
    void aRoutinesHeatMapShowsItsDaysAroundItsTypicalHour() throws Exception {
        awaitHistory();
        JsonNode run = analysisRun(30);
        assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("succeeded");

        // a tight routine away from midnight, so its typical hour ± 1 stays inside each day
        List<JsonNode> routines = new ArrayList<>();
        json(get("/api/v1/patterns?type=time_of_day&limit=500")).get("patterns").forEach(routines::add);
        JsonNode routine = routines.stream()
                .filter(p -> p.get("details").get("typical_minute").asInt() >= 120
                        && p.get("details").get("typical_minute").asInt() < 1320)
                .min(Comparator.comparingDouble(p -> p.get("details").get("spread_minutes").asDouble()))
                .orElseThrow(() -> new AssertionError("no routine between 02:00 and 22:00: " + routines));
        String id = routine.get("id").asText();

        HttpResponse<String> r = get("/api/v1/patterns/" + id + "/heatmap");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode map = json(r);
        assertThat(map.get("pattern_id").asText()).isEqualTo(id);
        assertThat(map.get("type").asText()).isEqualTo("time_of_day");
        assertThat(map.get("entity_id").asText()).isEqualTo(routine.get("entity_ids").get(0).asText());
        assertThat(map.get("name").isTextual()).as(map.toString()).isTrue();
        assertThat(map.get("state").asText()).isEqualTo(routine.get("state").asText());
        assertThat(map.get("time_zone").asText()).isEqualTo("Europe/Berlin");
        assertThat(map.get("window_start").asText()).isEqualTo(run.get("window_start").asText());
        assertThat(map.get("window_end").asText()).isEqualTo(run.get("window_end").asText());
        int typical = routine.get("details").get("typical_minute").asInt();
        assertThat(map.get("typical_minute").asInt()).isEqualTo(typical);
        assertThat(map.get("spread_minutes").asDouble())
                .isEqualTo(routine.get("details").get("spread_minutes").asDouble());
        assertThat(map.get("days_of_week")).isEqualTo(routine.get("details").get("days"));

        // every local date of the window, in order, 24 hours each
        LocalDate first = Instant.parse(run.get("window_start").asText()).atZone(BERLIN).toLocalDate();
        LocalDate end = Instant.parse(run.get("window_end").asText()).atZone(BERLIN).toLocalDate();
        assertThat(ChronoUnit.DAYS.between(first, end)).isEqualTo(30);
        JsonNode days = map.get("days");
        assertThat(days.size()).isEqualTo(30);
        Set<String> weekdays = new HashSet<>();
        map.get("days_of_week").forEach(d -> weekdays.add(d.asText()));
        int hour = typical / 60;
        int around = 0;
        int total = 0;
        int max = 0;
        for (int d = 0; d < days.size(); d++) {
            JsonNode day = days.get(d);
            LocalDate date = first.plusDays(d);
            assertThat(day.get("date").asText()).isEqualTo(date.toString());
            assertThat(day.get("weekday").asText()).isEqualTo(Heatmaps.Grid.weekday(date.getDayOfWeek()));
            assertThat(day.get("in_pattern").asBoolean()).isEqualTo(weekdays.contains(day.get("weekday").asText()));
            assertThat(day.get("hours").size()).isEqualTo(24);
            int count = 0;
            for (JsonNode cell : day.get("hours")) {
                count += cell.asInt();
                max = Math.max(max, cell.asInt());
            }
            assertThat(day.get("count").asInt()).isEqualTo(count);
            total += count;
            if (day.get("in_pattern").asBoolean()) {
                for (int h = hour - 1; h <= hour + 1; h++) {
                    around += day.get("hours").get(h).asInt();
                }
            }
        }
        assertThat(map.get("total").asInt()).isEqualTo(total);
        assertThat(map.get("max").asInt()).isEqualTo(max);
        // the evidence the routine was found on shows on its days around its typical hour
        assertThat(around).as(map.toString())
                .isGreaterThanOrEqualTo(routine.get("details").get("days_matched").asInt()).isPositive();

        HttpResponse<String> missing = get("/api/v1/patterns/tod-nope/heatmap");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }
}
