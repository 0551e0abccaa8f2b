package io.hestia.automation;

import com.fasterxml.jackson.databind.JsonNode;
import io.hestia.SimulatedHaTestSupport;
import io.hestia.ha.home.Home;
import io.hestia.ha.schema.HaAutomationSchema;
import io.hestia.ha.schema.SchemaFinding;
import io.hestia.ha.sim.HaSimulator;
import io.hestia.training.synthetic.HomeType;
import io.hestia.training.synthetic.SyntheticHome;
import io.hestia.training.synthetic.SyntheticHomeGenerator;
import io.hestia.training.synthetic.SyntheticSpec;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * HA refusing an automation that Hestia's validator accepts (a rule of a newer HA): the answer is a 422 problem
 * naming HA's own message, and nothing is recorded.
 */
class HaRefusalRoutesTest extends SimulatedHaTestSupport {

    private SyntheticHome home;

    @Override
    protected Home simulatedHome() {
        home = SyntheticHomeGenerator.generate(new SyntheticSpec(11, HomeType.APARTMENT, 12, 1,
                Instant.now().truncatedTo(ChronoUnit.MINUTES), ZoneId.of("UTC")));
        return home.home();
    }

    @Override
    protected HaSimulator.Builder simulator(Home home) {
        HaAutomationSchema real = new HaAutomationSchema();
        // this HA also refuses any automation whose alias mentions a fountain
        return super.simulator(home).validator(automation -> {
            if (automation instanceof Map<?, ?> m && String.valueOf(m.get("alias")).contains("fountain")) {
                return List.of(new SchemaFinding("alias", "test.fountain", SchemaFinding.Severity.ERROR,
                        "extra keys not allowed @ data['fountain']", "none"));
            }
            return real.validate(automation);
        });
    }

    @Override
    protected Properties extraProperties() {
        Properties p = simProperties();
        p.put("hestia.ha.initial-backfill-days", "0");
        p.put("hestia.pattern.schedule-enabled", "false");
        p.put("hestia.automation.sync-enabled", "false");
        return p;
    }

    @Test
    void haSaysNoInItsOwnWordsAndNothingIsRecorded() throws Exception {
        String light = home.home().entities().stream().map(e -> e.entityId()).filter(e -> e.startsWith("light."))
                .findFirst().orElseThrow();
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/v1/entities?q=" + light).body()
                .contains(light));
        String yaml = "id: fountain_1\nalias: Garden fountain at seven\ntriggers:\n  - trigger: time\n"
                + "    at: \"07:00:00\"\nactions:\n  - action: light.turn_on\n    target:\n      entity_id: "
                + light + "\n";
        JsonNode report = json(post("/api/v1/automations/validate", yaml, "application/yaml"));
        assertThat(report.get("valid").asBoolean()).as(report.toString()).isTrue();

        HttpResponse<String> r = post("/api/v1/automations", yaml, "application/yaml");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode problem = json(r);
        assertThat(problem.get("ha_status").asInt()).isEqualTo(400);
        assertThat(problem.get("ha_message").asText()).startsWith("Message malformed:")
                .contains("extra keys not allowed @ data['fountain']");
        assertThat(problem.get("detail").asText()).contains("Message malformed");
        assertThat(get("/api/v1/automations/fountain_1").statusCode()).isEqualTo(404);
        assertThat(json(get("/api/v1/automations?include_deleted=true")).get("count").asInt()).isZero();
    }
}
