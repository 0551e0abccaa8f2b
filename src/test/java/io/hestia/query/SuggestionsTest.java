package io.hestia.query;

import io.hestia.ha.schema.HaAutomationSchema;
import io.hestia.platform.MutableClock;
import io.hestia.platform.ServiceCaller;
import io.hestia.platform.UnavailableException;
import io.hestia.query.Suggestions.Enrichment;
import io.hestia.query.Suggestions.Suggestion;
import io.hestia.query.Understanding.EntityMatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Suggestions and draft validation over a scripted service client: ranking, the pattern service's items, its
 * failures and slowness as notes (never a failed query), the automation service's report or the local schema check
 * when it is absent, and the cache.
 */
class SuggestionsTest {

    private final MutableClock clock = new MutableClock(1_750_000_000_000L);
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private Suggestions suggestions;

    @AfterEach
    void close() {
        if (suggestions != null) {
            suggestions.close();
        }
    }

    private static final Map<String, Object> DRAFT = Map.of(
            "id", "draft-kitchen-0700",
            "alias", "Kitchen light at 07:00",
            "description", "Turn on the kitchen ceiling light at 07:00",
            "mode", "single",
            "triggers", List.of(Map.of("trigger", "time", "at", "07:00:00")),
            "conditions", List.of(),
            "actions", List.of(Map.of("action", "light.turn_on",
                    "target", Map.of("entity_id", "light.kitchen_ceiling"))));

    private static Understanding automation(Map<String, Object> draft, double confidence) {
        return new Understanding(Understanding.AUTOMATION, Map.of(), List.of(
                new EntityMatch("kitchen light", "light.kitchen_ceiling", "Kitchen Ceiling", "kitchen", "Kitchen",
                        "light", null, "target", 0.95),
                new EntityMatch("motion", "binary_sensor.kitchen_motion", "Kitchen Motion", "kitchen", "Kitchen",
                        "binary_sensor", "motion", "trigger", 0.9)),
                List.of(), List.of(), List.of(), List.of(), List.of(), draft, List.of(), confidence, List.of());
    }

    private static ServiceCaller.Response json(int status, String body) {
        return new ServiceCaller.Response(status, body.getBytes(StandardCharsets.UTF_8));
    }

    /** The pattern service with one routine and one synergy per entity; no automation service (404). */
    private ServiceCaller home(String automationAnswer, int automationStatus) {
        return (target, method, path, query, headers, body) -> {
            calls.add(target + " " + method + " " + path + (query == null ? "" : "?" + query));
            assertThat(headers).containsEntry("Authorization", "Bearer t");
            if (target.equals("pattern") && path.equals("/api/v1/patterns")) {
                return json(200, "{\"patterns\": [{\"id\": \"tod-1\", \"type\": \"time_of_day\", \"entity_ids\": "
                        + "[\"light.kitchen_ceiling\"], \"confidence\": 0.7, \"explanation\": \"on around 07:00\"}],"
                        + " \"count\": 1, \"next_cursor\": null}");
            }
            if (target.equals("pattern") && path.equals("/api/v1/synergies")) {
                return json(200, "{\"synergies\": [{\"id\": \"syn-1\", \"type\": \"device_pair\", \"entity_ids\": "
                        + "[\"binary_sensor.kitchen_motion\", \"light.kitchen_ceiling\"], \"confidence\": 0.95, "
                        + "\"explanation\": \"motion then light\"}], \"count\": 1, \"next_cursor\": null}");
            }
            if (target.equals("automation")) {
                assertThat(new String(body, StandardCharsets.UTF_8)).contains("draft-kitchen-0700");
                return json(automationStatus, automationAnswer);
            }
            throw new AssertionError("unexpected call " + target + " " + path);
        };
    }

    private Suggestions suggestions(ServiceCaller caller, long timeoutMs) {
        suggestions = new Suggestions(caller, Map.of("Authorization", "Bearer t"), new HaAutomationSchema(), clock,
                60_000, timeoutMs, 3);
        return suggestions;
    }

    @Test
    void theDraftAndTheTargetsMinedItemsAreRankedByConfidence() {
        Enrichment e = suggestions(home("{}", 404), 5_000).enrich(automation(DRAFT, 0.8));
        assertThat(e.suggestions()).extracting(Suggestion::id).containsExactly("syn-1", "draft-kitchen-0700", "tod-1");
        Suggestion draft = e.suggestions().get(1);
        assertThat(draft.type()).isEqualTo("automation_draft");
        assertThat(draft.explanation()).isEqualTo("Turn on the kitchen ceiling light at 07:00");
        assertThat(draft.source()).isEqualTo("query");
        assertThat(e.suggestions().get(0).entityIds()).contains("binary_sensor.kitchen_motion");
        assertThat(e.notes()).isEmpty();
        // only the target is asked about, not the trigger sensor
        assertThat(calls).contains("pattern GET /api/v1/patterns?entity_id=light.kitchen_ceiling&limit=3",
                "pattern GET /api/v1/synergies?entity_id=light.kitchen_ceiling&limit=3");
        assertThat(calls).noneMatch(c -> c.contains("kitchen_motion"));
    }

    @Test
    void withoutAnAutomationServiceTheDraftIsCheckedByHasSchemaRules() {
        Suggestions s = suggestions(home("{}", 404), 5_000);
        Map<String, Object> v = s.enrich(automation(DRAFT, 0.8)).validation();
        assertThat(v).containsEntry("validated_by", "local_schema").containsEntry("valid", true)
                .containsEntry("status", "ok");
        assertThat(v.get("reason").toString()).contains("404");
        assertThat(v.get("yaml").toString()).contains("triggers:", "light.turn_on");

        Map<String, Object> broken = new java.util.HashMap<>(DRAFT);
        broken.put("triggers", List.of(Map.of("trigger", "time", "at", "25:99")));
        Map<String, Object> bad = s.enrich(automation(broken, 0.8)).validation();
        assertThat(bad).containsEntry("valid", false).containsEntry("status", "failed_triggers");
        assertThat((List<?>) bad.get("findings")).isNotEmpty();
        // the automation service's finding shape, placed at its line of the YAML shown
        Map<?, ?> finding = (Map<?, ?>) ((List<?>) bad.get("findings")).get(0);
        assertThat(finding.get("category")).isEqualTo("schema");
        String[] yamlLines = bad.get("yaml").toString().split("\n");
        assertThat(yamlLines[(Integer) finding.get("line") - 1]).contains("25:99");
        // the 404 is remembered: the automation service was asked once
        assertThat(calls).filteredOn(c -> c.startsWith("automation")).hasSize(1);
    }

    @Test
    void theAutomationServicesReportIsUsedWhenItAnswers() {
        Map<String, Object> v = suggestions(home("{\"valid\": false, \"yaml\": \"alias: x\"}", 200), 5_000)
                .enrich(automation(DRAFT, 0.8)).validation();
        assertThat(v).containsEntry("validated_by", "automation_service").containsEntry("valid", false);
        assertThat(v.get("report").toString()).contains("alias: x");
    }

    @Test
    void aFailingPatternServiceLeavesANoteAndNoPatternSuggestions() {
        Suggestions s = suggestions((target, method, path, query, headers, body) -> {
            calls.add(target + " " + path);
            throw new UnavailableException(target + " is unavailable: circuit breaker is open");
        }, 5_000);
        Enrichment e = s.enrich(automation(DRAFT, 0.8));
        assertThat(e.suggestions()).extracting(Suggestion::type).containsExactly("automation_draft");
        assertThat(e.notes()).singleElement().asString().contains("no pattern suggestions", "circuit breaker is open");
        assertThat(e.validation()).containsEntry("validated_by", "local_schema");
        assertThat(e.validation().get("reason").toString()).contains("circuit breaker is open");

        // an error status is a note too
        Enrichment notFound = suggestions((target, method, path, query, headers, body) -> json(404, "{}"), 5_000)
                .enrich(automation(null, 0.5));
        assertThat(notFound.suggestions()).isEmpty();
        assertThat(notFound.validation()).isNull();
        assertThat(notFound.notes()).singleElement().asString().contains("answered 404");
    }

    @Test
    void aSlowServiceIsNotWaitedForButItsAnswerIsKept() {
        ServiceCaller slow = home("{}", 404);
        Suggestions s = suggestions((target, method, path, query, headers, body) -> {
            try {
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return slow.call(target, method, path, query, headers, body);
        }, 50);
        long started = System.nanoTime();
        Enrichment e = s.enrich(automation(DRAFT, 0.8));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1_500));
        assertThat(e.notes()).anyMatch(n -> n.contains("time limit"));
        assertThat(e.validation()).containsEntry("validated_by", "local_schema");
        // the late answer filled the cache: the next request about the entity has the items without a call
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> calls.stream()
                .filter(c -> c.startsWith("pattern")).count() == 2);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() ->
                s.enrich(automation(null, 0.8)).suggestions().size() == 2);
    }

    @Test
    void anEntitysItemsAreCachedForAWhile() {
        Suggestions s = suggestions(home("{}", 404), 5_000);
        s.enrich(automation(null, 0.8));
        s.enrich(automation(null, 0.8));
        assertThat(calls).hasSize(2); // patterns and synergies, once
        clock.advance(Duration.ofMinutes(2));
        assertThat(s.enrich(automation(null, 0.8)).suggestions()).hasSize(2);
        assertThat(calls).hasSize(4);
    }
}
