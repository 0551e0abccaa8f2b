package io.hestia.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.hestia.HestiaAppTestSupport;
import io.hestia.query.Suggestions.Enrichment;
import io.hestia.query.Understanding.EntityMatch;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The query API over real HTTP on the built-in simulated home, with the real parser. The assertions hold whatever
 * the parser understands (what depends on understanding is tested in {@link QueryServiceTest} through the
 * {@link Parser} seam): the result's shape, persistence, the 4xx problems, and the service-client calls to the
 * pattern and automation targets over loopback; and, at the end, the household's path with what the real parser understands.
 */
class QueryRoutesTest extends HestiaAppTestSupport {

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

    private JsonNode areas() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> json(get("/api/v1/areas")).size() > 0);
        return json(get("/api/v1/areas"));
    }

    @Test
    void askClarifyAndGetOnTheSimulatedHome() throws Exception {
        String area = areas().get(0).get("area_id").asText();
        HttpResponse<String> asked = postJson("/api/v1/query", "{\"query\": \"turn on the light\", "
                + "\"context\": {\"area_id\": \"" + area + "\"}, \"conversation_id\": \"conv-1\"}");
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(200);
        JsonNode q = json(asked);
        String id = q.get("query_id").asText();
        assertThat(id).startsWith("q-");
        assertThat(q.get("query").asText()).isEqualTo("turn on the light");
        assertThat(q.get("status").asText()).isIn("answered", "needs_clarification", "unresolved");
        for (String field : List.of("intent", "entities", "areas", "floors", "clarification", "suggestions",
                "confidence", "processing_ms", "notes")) {
            assertThat(q.has(field)).as(field).isTrue();
        }
        assertThat(q.get("entities").isArray()).isTrue();
        assertThat(q.get("suggestions").isArray()).isTrue();
        assertThat(q.get("processing_ms").asDouble()).isPositive();
        assertThat(q.get("context").get("area_id").asText()).isEqualTo(area);
        assertThat(q.get("conversation_id").asText()).isEqualTo("conv-1");
        JsonNode clarification = q.get("clarification");
        assertThat(clarification.get("round").asInt()).isZero();
        assertThat(clarification.get("max_rounds").asInt()).isEqualTo(3);
        boolean needed = clarification.get("needed").asBoolean();
        assertThat(needed).isEqualTo(q.get("status").asText().equals("needs_clarification"));

        // a follow-up in the same conversation takes its area
        JsonNode followUp = json(postJson("/api/v1/query", "{\"query\": \"and off again\", \"conversation_id\": "
                + "\"conv-1\"}"));
        assertThat(followUp.get("context").get("area_id").asText()).isEqualTo(area);

        String answerPath = "/api/v1/query/" + id + "/clarify";
        if (needed) {
            JsonNode question = clarification.get("questions").get(0);
            assertField(postJson(answerPath, "{\"answers\": [{\"question_id\": \"no-such-question\", "
                    + "\"answer\": \"x\"}]}"), "answers[0].question_id");
            String answer = question.get("options").isEmpty() ? "yes"
                    : question.get("options").get(0).get("value").asText();
            if (!question.get("options").isEmpty()) {
                assertField(postJson(answerPath, "{\"answers\": [{\"question_id\": \"" + question.get("id").asText()
                        + "\", \"answer\": \"not-an-option\"}]}"), "answers[0].answer");
            }
            HttpResponse<String> answered = postJson(answerPath, "{\"answers\": [{\"question_id\": \""
                    + question.get("id").asText() + "\", \"answer\": \"" + answer + "\"}]}");
            assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
            assertThat(json(answered).get("clarification").get("round").asInt()).isEqualTo(1);
            assertThat(json(answered).get("clarification").get("answers").get(question.get("id").asText()).asText())
                    .isEqualTo(answer);
        } else {
            HttpResponse<String> refused = postJson(answerPath, "{\"answers\": [{\"question_id\": \"any\", "
                    + "\"answer\": \"x\"}]}");
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
            assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        }

        HttpResponse<String> read = get("/api/v1/query/" + id);
        assertThat(read.statusCode()).isEqualTo(200);
        JsonNode stored = json(read);
        assertThat(stored.get("query_id").asText()).isEqualTo(id);
        assertThat(stored.get("query").asText()).isEqualTo("turn on the light");
        assertThat(stored.get("clarification").get("round").asInt()).isEqualTo(needed ? 1 : 0);
        assertThat(stored.get("clarification").has("history")).isEqualTo(needed);
        if (!needed) {
            assertThat(stored.get("intent")).isEqualTo(q.get("intent"));
            assertThat(stored.get("entities")).isEqualTo(q.get("entities"));
            assertThat(stored.get("processing_ms")).isEqualTo(q.get("processing_ms"));
        }

        // the OpenAPI document shows the operations and their parameters
        String openapi = get("/api/v1/openapi.json").body();
        assertThat(openapi).contains("/api/v1/query/{id}/clarify", "query-ask", "\"query\"");
    }

    @Test
    void suggestionsGoThroughTheServiceClientToThePatternAndAutomationTargets() throws Exception {
        String area = areas().get(0).get("area_id").asText();
        JsonNode entity = json(get("/api/v1/entities?area=" + area + "&limit=1")).get(0);
        Suggestions suggestions = context.getRegistry().lookupByNameAndType("querySuggestions", Suggestions.class);
        Map<String, Object> draft = Map.of("id", "draft-1", "alias", "Test", "mode", "single",
                "triggers", List.of(Map.of("trigger", "time", "at", "07:00:00")), "conditions", List.of(),
                "actions", List.of(Map.of("action", "homeassistant.turn_on",
                        "target", Map.of("entity_id", entity.get("entity_id").asText()))));
        Enrichment e = suggestions.enrich(new Understanding(Understanding.AUTOMATION, Map.of(),
                List.of(new EntityMatch("it", entity.get("entity_id").asText(), entity.get("name").asText(), area,
                        area, entity.get("domain").asText(), null, "target", 1.0)),
                List.of(), List.of(), List.of(), List.of(), List.of(), draft, List.of(), 0.9, List.of()));
        // the pattern service answered over loopback (no analysis ran, so it has no items); the automation
        // service validated the draft against the home (structure, references, safety)
        assertThat(e.notes()).isEmpty();
        assertThat(e.suggestions()).extracting(Suggestions.Suggestion::type).contains("automation_draft");
        assertThat(e.validation()).containsEntry("validated_by", "automation_service").containsEntry("valid", true);
        JsonNode report = (JsonNode) e.validation().get("report");
        assertThat(report.get("safety_score").asInt()).isBetween(0, 100);
        assertThat(report.get("yaml").asText()).contains("homeassistant.turn_on");
        JsonNode targets = json(get("/api/v1/platform/services"));
        assertThat(targets.get("pattern").get("calls").asInt()).isEqualTo(2);
        assertThat(targets.get("automation").get("calls").asInt()).isEqualTo(1);
    }

    @Test
    void badRequestsAreProblemsNamingTheField() throws Exception {
        assertField(postJson("/api/v1/query", "not json"), "body");
        assertField(postJson("/api/v1/query", "[]"), "body");
        assertField(postJson("/api/v1/query", "{}"), "query");
        assertField(postJson("/api/v1/query", "{\"query\": 42}"), "query");
        assertField(postJson("/api/v1/query", "{\"query\": [\"turn on\"]}"), "query");
        assertField(postJson("/api/v1/query", "{\"query\": \"   \"}"), "query");
        assertField(postJson("/api/v1/query", "{\"query\": \"" + "a".repeat(501) + "\"}"), "query");
        assertField(postJson("/api/v1/query", "{\"query\": \"hi\", \"context\": \"kitchen\"}"), "context");
        assertField(postJson("/api/v1/query", "{\"query\": \"hi\", \"context\": {\"area_id\": 3}}"),
                "context.area_id");
        assertField(postJson("/api/v1/query", "{\"query\": \"hi\", \"context\": {\"area_id\": \"no_such_area\"}}"),
                "context.area_id");
        assertField(postJson("/api/v1/query", "{\"query\": \"hi\", \"conversation_id\": 7}"), "conversation_id");

        assertThat(get("/api/v1/query/q-unknown").statusCode()).isEqualTo(404);
        assertThat(postJson("/api/v1/query/q-unknown/clarify", "{\"answers\": [{\"question_id\": \"a\", "
                + "\"answer\": \"b\"}]}").statusCode()).isEqualTo(404);

        String id = json(postJson("/api/v1/query", "{\"query\": \"hello there\"}")).get("query_id").asText();
        String path = "/api/v1/query/" + id + "/clarify";
        assertField(postJson(path, "{}"), "answers");
        assertField(postJson(path, "{\"answers\": []}"), "answers");
        assertField(postJson(path, "{\"answers\": [\"x\"]}"), "answers[0]");
        assertField(postJson(path, "{\"answers\": [{\"answer\": \"x\"}]}"), "answers[0].question_id");
        assertField(postJson(path, "{\"answers\": [{\"question_id\": \"a\"}]}"), "answers[0].answer");
    }

    // ---- with what the real parser understands (the simulated home, seed 42: persons Sam and Robin) ----

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
