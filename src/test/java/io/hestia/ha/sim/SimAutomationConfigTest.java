package io.hestia.ha.sim;

import static io.hestia.ha.sim.SimFixtures.START;
import static io.hestia.ha.sim.SimFixtures.delete;
import static io.hestia.ha.sim.SimFixtures.get;
import static io.hestia.ha.sim.SimFixtures.home;
import static io.hestia.ha.sim.SimFixtures.json;
import static io.hestia.ha.sim.SimFixtures.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

class SimAutomationConfigTest {

    private static final String URL = "/api/config/automation/config/";
    private HaSimulator sim;

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.stop();
        }
    }

    private HaSimulator start(Duration reloadDelay) {
        sim = SimFixtures.simulator(home(), new SimFixtures.MutableClock(START)).automationsDir(dir)
                .automationReloadDelay(reloadDelay).build();
        sim.start();
        return sim;
    }

    static Map<String, Object> automation(String alias) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("mode", "single"); // deliberately first: the store reorders keys
        a.put("actions", List.of(Map.of("action", "light.turn_on", "target", Map.of("entity_id", "light.kitchen"))));
        a.put("conditions", List.of());
        a.put("triggers", List.of(Map.of("trigger", "state", "entity_id", "binary_sensor.hall_motion", "to", "on")));
        a.put("description", "Hestia v1");
        a.put("alias", alias);
        return a;
    }

    private static List<String> keys(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private JsonNode entityRegistry() {
        try (SimFixtures.WsClient c = SimFixtures.WsClient.authenticated(sim)) {
            return c.call(1, Map.of("type", "config/entity_registry/list")).get("result");
        }
    }

    @Test
    void errorsAreExactlyHas() {
        start(Duration.ofMillis(20));
        SimFixtures.Resp missing = get(sim, URL + "nope");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("{\"message\":\"Resource not found\"}");

        SimFixtures.Resp badJson = post(sim, URL + "a1", "{not json");
        assertThat(badJson.status()).isEqualTo(400);
        assertThat(badJson.body()).isEqualTo("{\"message\":\"Invalid JSON specified\"}");

        Map<String, Object> noTriggers = automation("No triggers");
        noTriggers.remove("triggers");
        SimFixtures.Resp malformed = post(sim, URL + "a1", json(noTriggers));
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body())
                .isEqualTo("{\"message\":\"Message malformed: required key not provided @ data['triggers']\"}");

        Map<String, Object> both = automation("Both");
        both.put("trigger", List.of(Map.of("platform", "state", "entity_id", "binary_sensor.hall_motion")));
        assertThat(post(sim, URL + "a1", json(both)).json().get("message").asText())
                .isEqualTo("Message malformed: Cannot specify both 'trigger' and 'triggers'. Please use 'triggers' only.");

        SimFixtures.Resp gone = delete(sim, URL + "nope");
        assertThat(gone.status()).isEqualTo(400);
        assertThat(gone.body()).isEqualTo("{\"message\":\"Resource not found\"}");
    }

    @Test
    void postStoresOrderedAndReloadCreatesTheEntityAfterTheReply() {
        start(Duration.ofMillis(1500));
        post(sim, URL + "warm_up", "{}"); // a refused POST warms up the client and the handlers
        SimFixtures.Resp ok = post(sim, URL + "hestia_3f9a2c10", json(automation("Hall light at dusk")));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("{\"result\":\"ok\"}");
        // the reply comes before the background reload
        assertThat(sim.state("automation.hall_light_at_dusk")).isEmpty();

        JsonNode stored = get(sim, URL + "hestia_3f9a2c10").json();
        assertThat(keys(stored)).containsExactly("id", "alias", "description", "triggers", "conditions", "actions",
                "mode");
        assertThat(stored.get("id").asText()).isEqualTo("hestia_3f9a2c10");

        await().atMost(Duration.ofSeconds(5)).until(() -> sim.state("automation.hall_light_at_dusk").isPresent());
        assertThat(sim.state("automation.hall_light_at_dusk")).contains("on");
        Map<String, Object> attrs = sim.attributes("automation.hall_light_at_dusk");
        assertThat(attrs).containsEntry("id", "hestia_3f9a2c10").containsEntry("friendly_name", "Hall light at dusk")
                .containsEntry("mode", "single").containsEntry("current", 0);
        JsonNode state = get(sim, "/api/states/automation.hall_light_at_dusk").json();
        assertThat(state.get("attributes").get("last_triggered").isNull()).isTrue();

        JsonNode entry = null;
        for (JsonNode e : entityRegistry()) {
            if (e.get("entity_id").asText().equals("automation.hall_light_at_dusk")) {
                entry = e;
            }
        }
        assertThat(entry).isNotNull();
        assertThat(entry.get("platform").asText()).isEqualTo("automation");
        assertThat(entry.get("unique_id").asText()).isEqualTo("hestia_3f9a2c10");
    }

    @Test
    void aliasClashGetsSuffixAndEntityIdSurvivesRename() {
        start(Duration.ofMillis(1));
        post(sim, URL + "one", json(automation("Morning")));
        await().atMost(Duration.ofSeconds(5)).until(() -> sim.state("automation.morning").isPresent());
        post(sim, URL + "two", json(automation("Morning")));
        await().atMost(Duration.ofSeconds(5)).until(() -> sim.state("automation.morning_2").isPresent());
        assertThat(sim.attributes("automation.morning_2")).containsEntry("id", "two");

        post(sim, URL + "one", json(automation("Good morning")));
        await().atMost(Duration.ofSeconds(5)).until(() ->
                "Good morning".equals(sim.attributes("automation.morning").get("friendly_name")));
        assertThat(sim.state("automation.good_morning")).isEmpty();

        Map<String, Object> off = automation("Disabled one");
        off.put("initial_state", false);
        post(sim, URL + "three", json(off));
        await().atMost(Duration.ofSeconds(5)).until(() -> sim.state("automation.disabled_one").isPresent());
        assertThat(sim.state("automation.disabled_one")).contains("off");
    }

    @Test
    void deleteRemovesEntryEntityAndRegistryEntry() {
        start(Duration.ofMillis(1));
        post(sim, URL + "gone_soon", json(automation("Gone soon")));
        await().atMost(Duration.ofSeconds(5)).until(() -> sim.state("automation.gone_soon").isPresent());
        SimFixtures.Resp del = delete(sim, URL + "gone_soon");
        assertThat(del.status()).isEqualTo(200);
        assertThat(del.body()).isEqualTo("{\"result\":\"ok\"}");
        await().atMost(Duration.ofSeconds(5)).until(() -> sim.state("automation.gone_soon").isEmpty());
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            for (JsonNode e : entityRegistry()) {
                if (e.get("unique_id").asText().equals("gone_soon")) {
                    return false;
                }
            }
            return true;
        });
        assertThat(get(sim, URL + "gone_soon").status()).isEqualTo(404);
        assertThat(delete(sim, URL + "gone_soon").status()).isEqualTo(400);
    }

    @Test
    @SuppressWarnings("unchecked")
    void idlessEntriesGetUuidAndFilePersists() throws Exception {
        Files.writeString(dir.resolve("automations.yaml"), """
                - alias: Hand written
                  triggers:
                    - trigger: time
                      at: "07:00:00"
                  actions:
                    - action: switch.turn_on
                      target:
                        entity_id: switch.coffee
                """);
        start(Duration.ofMillis(1));
        // loaded at start: an automation without id has an entity but no registry entry
        assertThat(sim.state("automation.hand_written")).contains("on");
        post(sim, URL + "new_one", json(automation("New one")));
        List<Map<String, Object>> file = new Yaml().load(Files.readString(dir.resolve("automations.yaml")));
        assertThat(file).hasSize(2);
        assertThat(String.valueOf(file.get(0).get("id"))).matches("[0-9a-f]{32}");
        assertThat(file.get(1).get("id")).isEqualTo("new_one");
        assertThat(new ArrayList<>(file.get(1).keySet())).containsExactly("id", "alias", "description", "triggers",
                "conditions", "actions", "mode");
        await().atMost(Duration.ofSeconds(5)).until(() -> sim.state("automation.new_one").isPresent());
        sim.stop();

        // a new simulator on the same directory loads both
        sim = SimFixtures.simulator(home(), new SimFixtures.MutableClock(START)).automationsDir(dir).build();
        sim.start();
        assertThat(sim.state("automation.new_one")).contains("on");
        assertThat(sim.state("automation.hand_written")).contains("on");
    }

    @Test
    void automationServices() {
        start(Duration.ofMillis(1));
        post(sim, URL + "kitchen", json(automation("Kitchen lights")));
        await().atMost(Duration.ofSeconds(5)).until(() -> sim.state("automation.kitchen_lights").isPresent());
        post(sim, "/api/services/light/turn_off", "{\"entity_id\":\"light.kitchen\"}");

        try (SimFixtures.WsClient c = SimFixtures.WsClient.authenticated(sim)) {
            c.call(1, Map.of("type", "subscribe_events", "event_type", "state_changed"));
            JsonNode result = c.call(2, Map.of("type", "call_service", "domain", "automation", "service", "trigger",
                    "target", Map.of("entity_id", "automation.kitchen_lights")));
            assertThat(result.get("success").asBoolean()).isTrue();
            String callContext = result.get("result").get("context").get("id").asText();
            JsonNode lightEvent = null;
            for (int i = 0; i < 5 && lightEvent == null; i++) {
                JsonNode e = c.next(1).get("event");
                if (e.get("data").get("entity_id").asText().equals("light.kitchen")) {
                    lightEvent = e;
                }
            }
            assertThat(lightEvent).isNotNull();
            assertThat(lightEvent.get("data").get("new_state").get("state").asText()).isEqualTo("on");
            // caused by the automation run, whose parent is the service call
            assertThat(lightEvent.get("context").get("parent_id").asText()).isEqualTo(callContext);
            assertThat(lightEvent.get("context").get("user_id").isNull()).isTrue();
        }
        assertThat(sim.attributes("automation.kitchen_lights").get("last_triggered")).isNotNull();
        post(sim, "/api/services/automation/turn_off", "{\"entity_id\":\"automation.kitchen_lights\"}");
        assertThat(sim.state("automation.kitchen_lights")).contains("off");
        post(sim, "/api/services/automation/toggle", "{\"entity_id\":\"automation.kitchen_lights\"}");
        assertThat(sim.state("automation.kitchen_lights")).contains("on");
        post(sim, "/api/services/automation/reload", "{}");
        assertThat(sim.state("automation.kitchen_lights")).contains("on");
        try (SimFixtures.WsClient c = SimFixtures.WsClient.authenticated(sim)) {
            JsonNode config = c.call(1, Map.of("type", "automation/config", "entity_id", "automation.kitchen_lights"));
            assertThat(config.get("result").get("config").get("id").asText()).isEqualTo("kitchen");
        }
    }
}
