package io.hestia.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.hestia.SimulatedHaTestSupport;
import io.hestia.ha.home.Home;
import io.hestia.training.synthetic.HomeType;
import io.hestia.training.synthetic.SyntheticHome;
import io.hestia.training.synthetic.SyntheticHomeGenerator;
import io.hestia.training.synthetic.SyntheticSpec;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
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

/**
 * A routine's heat map and feedback on anomalies over real HTTP, on a month of a simulated home read through the
 * real HA client: the heat map covers every local day of the run's window and shows the routine's days around its
 * typical hour; an anomaly's feedback moves its posterior; 404 and 400 problems.
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
        awaitHistory(home.home(), END);
    }

    @Test
    void aRoutinesHeatMapShowsItsDaysAroundItsTypicalHourAndAnomalyFeedbackMovesThePosterior() throws Exception {
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

        // anomalies: "a real anomaly, worth flagging" is an acceptance
        JsonNode anomalies = json(get("/api/v1/anomalies?limit=1")).get("anomalies");
        assertThat(anomalies.size()).as("the month has an anomaly").isPositive();
        String anomaly = anomalies.get(0).get("id").asText();
        HttpResponse<String> fb = post("/api/v1/anomalies/" + anomaly + "/feedback",
                "{\"accepted\": true, \"rating\": 5, \"comment\": \"the freezer was open\"}", "application/json");
        assertThat(fb.statusCode()).as(fb.body()).isEqualTo(201);
        assertThat(json(fb).get("id").asText()).isEqualTo(anomaly);
        assertThat(json(fb).get("posterior").get("accepted").asInt()).isEqualTo(1);
        JsonNode one = json(get("/api/v1/anomalies/" + anomaly));
        assertThat(one.get("feedback").get("accepted").asInt()).isEqualTo(1);
        assertThat(one.get("feedback").get("rejected").asInt()).isZero();
        assertThat(one.get("explanation").asText()).contains("Your feedback (1 accepted, 0 rejected)");
        assertThat(json(get("/api/v1/anomalies/stats")).get("with_feedback").asInt()).isEqualTo(1);

        assertField(post("/api/v1/anomalies/" + anomaly + "/feedback", "{\"rating\": 3}", "application/json"),
                "accepted");
        assertThat(post("/api/v1/anomalies/anom-nope/feedback", "{\"accepted\": false}", "application/json")
                .statusCode()).isEqualTo(404);
        // a pattern's id is not an anomaly's
        assertThat(post("/api/v1/anomalies/" + id + "/feedback", "{\"accepted\": false}", "application/json")
                .statusCode()).isEqualTo(404);
    }
}
