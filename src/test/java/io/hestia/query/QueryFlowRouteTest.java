package io.hestia.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.hestia.HestiaAppTestSupport;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The household's path through the query API with the real parser, over real HTTP, on the built-in simulated home
 * (seed 42: persons Sam and Robin, a living room ceiling light): a request that needs a question, the answer, and the
 * draft that comes back validated by HA's schema; then the same session read back after the answer.
 */
class QueryFlowRouteTest extends HestiaAppTestSupport {

    @Override
    protected Properties extraProperties() {
        Properties p = new Properties();
        p.put("hestia.sim.days", "2");
        p.put("hestia.ha.initial-backfill-days", "1");
        p.put("hestia.pattern.schedule-enabled", "false");
        return p;
    }

    private HttpResponse<String> postJson(String path, String body) throws Exception {
        return post(path, body, "application/json");
    }

    @Test
    void askedWhoIAmThenDraftedAndValidated() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> json(get("/api/v1/entities?domain=person")).size() == 2);
        HttpResponse<String> asked = postJson("/api/v1/query",
                "{\"query\": \"When I get home, turn on the living room ceiling light\"}");
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(200);
        JsonNode q = json(asked);
        assertThat(q.get("intent").asText()).isEqualTo("automation");
        assertThat(q.get("status").asText()).isEqualTo("needs_clarification");
        JsonNode question = q.get("clarification").get("questions").get(0);
        assertThat(question.get("id").asText()).isEqualTo("person:me");
        List<String> options = new ArrayList<>();
        question.get("options").forEach(o -> options.add(o.get("value").asText()));
        assertThat(options).containsExactlyInAnyOrder("person.sam", "person.robin");
        assertThat(q.has("automation_draft")).isFalse();

        String id = q.get("query_id").asText();
        // an answer that is not one of the options is refused, naming the field
        assertField(postJson("/api/v1/query/" + id + "/clarify",
                "{\"answers\": [{\"question_id\": \"person:me\", \"answer\": \"person.nobody\"}]}"), "answers[0].answer");

        JsonNode answered = json(postJson("/api/v1/query/" + id + "/clarify",
                "{\"answers\": [{\"question_id\": \"person:me\", \"answer\": \"person.robin\"}]}"));
        assertThat(answered.get("status").asText()).isEqualTo("answered");
        assertThat(answered.get("clarification").get("needed").asBoolean()).isFalse();
        assertThat(answered.get("confidence").asDouble()).isGreaterThan(q.get("confidence").asDouble());
        JsonNode draft = answered.get("automation_draft");
        assertThat(draft.get("triggers").get(0).get("entity_id").asText()).isEqualTo("person.robin");
        assertThat(draft.get("triggers").get(0).get("to").asText()).isEqualTo("home");
        assertThat(draft.get("actions").get(0).get("action").asText()).isEqualTo("light.turn_on");
        assertThat(draft.get("actions").get(0).get("target").get("entity_id").asText())
                .isEqualTo("light.living_room_ceiling_light");
        JsonNode validation = answered.get("validation");
        assertThat(validation.get("valid").asBoolean()).as(validation.toString()).isTrue();
        assertThat(validation.get("yaml").asText()).contains("trigger: state").contains("action: light.turn_on");

        JsonNode stored = json(get("/api/v1/query/" + id));
        assertThat(stored.get("status").asText()).isEqualTo("answered");
        assertThat(stored.get("clarification").get("round").asInt()).isEqualTo(1);
        assertThat(stored.get("automation_draft")).isEqualTo(draft);
    }

    @Test
    void aPlainCommandNeedsNoQuestion() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> json(get("/api/v1/areas")).size() > 0);
        JsonNode q = json(postJson("/api/v1/query", "{\"query\": \"turn off the lights in here\", "
                + "\"context\": {\"area_id\": \"bedroom\"}}"));
        assertThat(q.get("intent").asText()).isEqualTo("HassTurnOff");
        assertThat(q.get("status").asText()).isEqualTo("answered");
        assertThat(q.get("slots").get("area").asText()).isEqualTo("Bedroom");
        List<String> ids = new ArrayList<>();
        q.get("entities").forEach(e -> ids.add(e.get("entity_id").asText()));
        assertThat(ids).containsExactlyInAnyOrder("light.bedroom_ceiling_light", "light.bedroom_floor_lamp");
    }
}
