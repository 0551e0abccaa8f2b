package io.hestia.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.hestia.SimulatedHaTestSupport;
import io.hestia.ha.home.Home;
import io.hestia.training.synthetic.HomeType;
import io.hestia.training.synthetic.SyntheticHome;
import io.hestia.training.synthetic.SyntheticHomeGenerator;
import io.hestia.training.synthetic.SyntheticSpec;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pattern service over real HTTP on a simulated home reached through the real HA client: the nightly Quartz
 * job fired early (a per-second cron, started once the history is in), then the runs, patterns, synergies,
 * anomalies and feedback APIs, and their 4xx answers.
 */
class PatternRoutesTest extends SimulatedHaTestSupport {

    private static final Instant END = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    private SyntheticHome home;

    @Override
    protected Home simulatedHome() {
        home = SyntheticHomeGenerator.generate(new SyntheticSpec(3, HomeType.APARTMENT, 15, 14, END,
                ZoneId.of("Europe/Berlin")));
        return home.home();
    }

    @Override
    protected Properties extraProperties() {
        Properties p = simProperties();
        p.put("hestia.ha.initial-backfill-days", "15");
        p.put("hestia.pattern.cron", "0/1 * * * * ?"); // every second, once the route is started below
        p.put("hestia.pattern.cron-time-zone", "Europe/Berlin");
        p.put("hestia.pattern.schedule-enabled", "false");
        p.put("hestia.pattern.window-days", "15");
        return p;
    }

    private void awaitHistory() {
        awaitHistory(home.home(), END);
    }

    @Test
    void theNightlyJobFiredEarlyMinesTheHomeAndTheApiServesTheResults() throws Exception {
        awaitHistory();
        NotifyBuilder fired = new NotifyBuilder(context).fromRoute("analysis-nightly").whenCompleted(1).create();
        context.getRouteController().startRoute("analysis-nightly");
        assertThat(fired.matches(90, TimeUnit.SECONDS)).as("the Quartz job ran").isTrue();
        context.getRouteController().stopRoute("analysis-nightly");

        JsonNode status = json(get("/api/v1/analysis/status"));
        JsonNode last = status.get("last_run");
        assertThat(last.get("trigger").asText()).isEqualTo("schedule");
        assertThat(last.get("status").asText()).as(last.toString()).isEqualTo("succeeded");
        assertThat(last.get("counts").get("events").asLong()).isPositive();
        assertThat(status.get("schedule").asText()).isEqualTo("0/1 * * * * ?");
        // the nightly route was only started by hand here: the schedule is configured off, so no next fire time
        assertThat(status.get("schedule_enabled").asBoolean()).isFalse();
        assertThat(status.get("next_fire_time").isNull()).isTrue();

        JsonNode patterns = json(get("/api/v1/patterns?type=time_of_day&limit=5"));
        assertThat(patterns.get("patterns").size()).isPositive();
        JsonNode first = patterns.get("patterns").get(0);
        assertThat(first.get("explanation").asText()).isNotBlank();
        assertThat(first.get("samples").size()).isPositive();
        assertThat(first.get("details").has("typical_time")).isTrue();
        String id = first.get("id").asText();
        JsonNode one = json(get("/api/v1/patterns/" + id));
        assertThat(one.get("trend").get("history").size()).isEqualTo(1);
        JsonNode stats = json(get("/api/v1/patterns/stats"));
        assertThat(stats.get("total").asInt()).isGreaterThanOrEqualTo(patterns.get("patterns").size());
        assertThat(stats.get("by_type").has("time_of_day")).isTrue();

        String entity = first.get("entity_ids").get(0).asText();
        json(get("/api/v1/patterns?entity_id=" + entity)).get("patterns")
                .forEach(p -> assertThat(p.get("entity_ids").toString()).contains(entity));

        JsonNode synergies = json(get("/api/v1/synergies?limit=50"));
        assertThat(synergies.get("synergies").size()).isPositive();
        String synergy = synergies.get("synergies").get(0).get("id").asText();
        HttpResponse<String> fb = post("/api/v1/synergies/" + synergy + "/feedback",
                "{\"accepted\": true, \"rating\": 4}", "application/json");
        assertThat(fb.statusCode()).isEqualTo(201);
        assertThat(json(fb).get("posterior").get("accepted").asInt()).isEqualTo(1);
        assertThat(json(get("/api/v1/synergies/" + synergy)).get("explanation").asText()).contains("Your feedback");
        assertThat(json(get("/api/v1/synergies/stats")).get("with_feedback").asInt()).isEqualTo(1);
        assertThat(get("/api/v1/anomalies").statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/anomalies/stats").statusCode()).isEqualTo(200);

        // on demand: 202 with a run id, then readable until it is done
        JsonNode done = analysisRun(15);
        assertThat(done.get("status").asText()).isEqualTo("succeeded");
        assertThat(done.get("trigger").asText()).isEqualTo("api");
        // the rerun updated the same rows
        assertThat(json(get("/api/v1/patterns/stats")).get("total").asInt()).isEqualTo(stats.get("total").asInt());
        assertThat(json(get("/api/v1/patterns/" + id)).get("trend").get("history").size()).isEqualTo(2);
    }

    @Test
    void badRequestsAreProblemsNamingTheField() throws Exception {
        assertField(get("/api/v1/patterns?type=weekly"), "type");
        assertField(get("/api/v1/patterns?min_confidence=2"), "min_confidence");
        assertField(get("/api/v1/patterns?limit=0"), "limit");
        assertField(get("/api/v1/patterns?sort=random"), "sort");
        assertField(get("/api/v1/patterns?cursor=zzz"), "cursor");
        assertField(get("/api/v1/patterns?include_inactive=yes"), "include_inactive");
        assertField(get("/api/v1/patterns?entity_id=not%20an%20id"), "entity_id");
        assertField(get("/api/v1/synergies?depth=7"), "depth");
        assertField(post("/api/v1/analysis/runs", "{\"window_days\": 0}", "application/json"), "window_days");
        assertField(post("/api/v1/analysis/runs", "{\"window_days\": \"x\"}", "application/json"), "window_days");
        assertField(post("/api/v1/analysis/runs", "[1]", "application/json"), "body");
        assertThat(get("/api/v1/analysis/runs/nope").statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/patterns/nope").statusCode()).isEqualTo(404);
        assertThat(post("/api/v1/synergies/nope/feedback", "{\"accepted\": true}", "application/json").statusCode())
                .isEqualTo(404);
        assertThat(get("/api/v1/patterns").statusCode()).isEqualTo(200);
    }
}
