package io.hestia.ha;

import com.fasterxml.jackson.databind.JsonNode;
import io.hestia.HestiaAppTestSupport;
import io.hestia.ha.home.Home;
import io.hestia.ha.home.StateEvent;
import io.hestia.ha.schema.HaAutomationSchema;
import io.hestia.ha.sim.HaSimulator;
import io.hestia.platform.Json;
import io.hestia.store.EventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The real HA client (WebSocket + REST through the service client) against the HA simulator over loopback:
 * registries, history backfill, live state changes, and a dropped connection whose gap is backfilled with no
 * event lost or stored twice.
 */
class HaIntegrationTest extends HestiaAppTestSupport {

    private static final long NOW = System.currentTimeMillis();
    private HaSimulator sim;

    private HaSimulator sim() {
        if (sim == null) {
            List<StateEvent> history = new ArrayList<>();
            String previous = "off";
            for (int i = 0; i < 200; i++) {
                long t = NOW - Duration.ofDays(3).toMillis() + i * 60_000L * 17;
                String state = i % 2 == 0 ? "on" : "off";
                history.add(StateEvent.of("light.hall", state, t, previous));
                history.add(StateEvent.of("binary_sensor.hall_motion", state, t - 4000, previous));
                previous = state;
            }
            history.sort(java.util.Comparator.comparingLong(StateEvent::lastUpdated));
            Home home = new Home("Test home", "Europe/Berlin",
                    List.of(new Home.Floor("ground", "Ground floor", List.of("downstairs"), 0)),
                    List.of(new Home.Area("hall", "Hall", List.of("hallway"), "ground")),
                    List.of(new Home.Device("dev1", "Hall lamp", "hall", "Acme", "L1")),
                    List.of(new Home.Entity("light.hall", "Hall light", List.of("hall lamp"), null, "dev1", null,
                                    "off", Map.of("friendly_name", "Hall light")),
                            new Home.Entity("binary_sensor.hall_motion", "Hall motion", List.of(), "hall", null,
                                    "motion", "off", Map.of("friendly_name", "Hall motion", "device_class", "motion"))),
                    history);
            sim = HaSimulator.builder(home).accessToken("sim-token").validator(new HaAutomationSchema()).build();
            sim.start();
        }
        return sim;
    }

    @AfterEach
    void stopSim() {
        if (sim != null) {
            sim.stop();
        }
    }

    @Override
    protected Properties extraProperties() {
        Properties p = new Properties();
        p.put("hestia.ha.url", sim().baseUrl());
        p.put("hestia.ha.token", "sim-token");
        p.put("hestia.ha.initial-backfill-days", "7");
        p.put("hestia.ha.reconnect-overlap-ms", "1000");
        return p;
    }

    private EventStore events() {
        return context.getRegistry().lookupByNameAndType("eventStore", EventStore.class);
    }

    private long count(String entity) {
        return events().page(entity, null, null, 10_000, null).events().size();
    }

    private long stored() {
        return count("light.hall") + count("binary_sensor.hall_motion");
    }

    @Test
    void theHomeAtAGlanceCarriesHasNameZoneAndCounts() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> stored() == sim().historyRecords());
        JsonNode home = Json.mapper().readTree(get("/api/v1/home").body());
        assertThat(home.get("location_name").asText()).isEqualTo("Test home");
        assertThat(home.get("time_zone").asText()).isEqualTo("Europe/Berlin");
        assertThat(home.get("ha_version").asText()).isNotBlank();
        assertThat(home.get("unit_system").get("temperature").asText()).isNotBlank();
        assertThat(home.get("floors").asInt()).isEqualTo(1);
        assertThat(home.get("areas").asInt()).isEqualTo(1);
        assertThat(home.get("devices").asInt()).isEqualTo(1);
        assertThat(home.get("entities").asInt()).isEqualTo(2);
        long newest = events().latestTime().orElseThrow();
        assertThat(java.time.Instant.parse(home.get("last_event_at").asText()).toEpochMilli()).isEqualTo(newest);
    }

    @Test
    void aSyncReadsEntitiesWhoseAttributesHoldNull() throws Exception {
        // HA sends null attribute values, e.g. last_triggered of an automation that never ran
        await().atMost(Duration.ofSeconds(30)).until(() -> stored() == sim().historyRecords());
        Map<String, Object> attributes = new java.util.HashMap<>();
        attributes.put("friendly_name", "Hall light");
        attributes.put("last_triggered", null);
        sim().fireStateChange("light.hall", "on", attributes);
        JsonNode run = Json.mapper().readTree(post("/api/v1/ha/sync", "{\"days\": 1}", "application/json").body());
        String id = run.get("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> !Json.mapper().readTree(get("/api/v1/ha/sync/" + id)
                .body()).get("status").asText().equals("RUNNING"));
        JsonNode done = Json.mapper().readTree(get("/api/v1/ha/sync/" + id).body());
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
        assertThat(Json.mapper().readTree(get("/api/v1/entities?q=hall").body())).hasSize(2);
    }

    @Test
    void syncsRegistriesBackfillsHistoryAndFollowsLiveChangesAcrossAReconnect() throws Exception {
        HaWebSocketClient ws = context.getRegistry().lookupByNameAndType("haWebSocket", HaWebSocketClient.class);
        // the oracle is HA's recorder: Hestia must hold exactly the records the simulator's history holds
        // (each entity's first state is a record of its own, as in HA)
        await().atMost(Duration.ofSeconds(30)).until(() -> stored() == sim().historyRecords());

        JsonNode entities = Json.mapper().readTree(get("/api/v1/entities?q=hall").body());
        assertThat(entities).hasSize(2);
        JsonNode light = entities.get(1).get("entity_id").asText().equals("light.hall") ? entities.get(1) : entities.get(0);
        assertThat(light.get("area_id").asText()).as("area from the device").isEqualTo("hall");
        assertThat(light.get("floor_id").asText()).isEqualTo("ground");
        assertThat(light.get("aliases").get(0).asText()).isEqualTo("hall lamp");
        assertThat(Json.mapper().readTree(get("/api/v1/floors").body()).get(0).get("aliases").get(0).asText())
                .isEqualTo("downstairs");
        assertThat(count("light.hall")).isBetween(200L, 201L);
        assertThat(count("binary_sensor.hall_motion")).isBetween(200L, 201L);
        long lights = count("light.hall");
        long motion = count("binary_sensor.hall_motion");

        // live: a change in HA arrives through the subscription
        sim().fireStateChange("light.hall", "on", Map.of("brightness", 120));
        await().atMost(Duration.ofSeconds(10)).until(() -> count("light.hall") == lights + 1);

        // drop the connection and change states while Hestia is away: the gap is backfilled from history
        long connects = ws.connectCount();
        sim().disconnectAllWebSockets();
        sim().fireStateChange("binary_sensor.hall_motion", "on", null);
        sim().fireStateChange("light.hall", "off", null);
        await().atMost(Duration.ofSeconds(30)).until(() -> ws.connectCount() > connects
                && count("light.hall") == lights + 2 && count("binary_sensor.hall_motion") == motion + 1);
        assertThat(stored()).isEqualTo(sim().historyRecords());

        // a full resync over the same window writes nothing new
        JsonNode run = Json.mapper().readTree(post("/api/v1/ha/sync", "{\"days\": 7}", "application/json").body());
        String id = run.get("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Json.mapper().readTree(get("/api/v1/ha/sync/" + id).body()).get("status").asText().equals("SUCCEEDED"));
        JsonNode done = Json.mapper().readTree(get("/api/v1/ha/sync/" + id).body());
        assertThat(done.get("events_written").asLong()).isZero();
        assertThat(done.get("events_received").asLong()).isGreaterThanOrEqualTo(400);
        assertThat(count("light.hall")).isEqualTo(lights + 2);
        assertThat(stored()).isEqualTo(sim().historyRecords());
    }

    @Test
    void restClientCallsServicesReadsHistoryAndManagesAutomationConfigsLikeHa() {
        HaRestClient rest = context.getRegistry().lookupByNameAndType("haRest", HaRestClient.class);
        assertThat(rest.ping()).isTrue();
        assertThat(rest.config().get("time_zone").asText()).isEqualTo("Europe/Berlin");

        // a service call changes the state in HA and the change arrives through the subscription
        await().atMost(Duration.ofSeconds(30)).until(() -> stored() == sim().historyRecords());
        long before = count("light.hall");
        rest.callService("light", "turn_on", Map.of("entity_id", "light.hall", "brightness_pct", 40));
        assertThat(sim().state("light.hall")).hasValue("on");
        await().atMost(Duration.ofSeconds(10)).until(() -> count("light.hall") == before + 1);

        // history: minimal_response gives the same states and times as full items
        long start = NOW - Duration.ofDays(4).toMillis();
        List<StateEvent> full = new ArrayList<>();
        List<StateEvent> minimal = new ArrayList<>();
        rest.history(List.of("light.hall", "binary_sensor.hall_motion"), start, NOW, false, false, full::add);
        rest.history(List.of("light.hall", "binary_sensor.hall_motion"), start, NOW, false, true, minimal::add);
        assertThat(minimal).hasSameSizeAs(full).hasSizeGreaterThanOrEqualTo(400);
        for (int i = 0; i < full.size(); i++) {
            assertThat(minimal.get(i).entityId()).isEqualTo(full.get(i).entityId());
            assertThat(minimal.get(i).state()).isEqualTo(full.get(i).state());
            assertThat(minimal.get(i).lastChanged()).isEqualTo(full.get(i).lastChanged());
        }

        // automation config API: HA's validation message comes back, a valid one is stored and deleted
        Map<String, Object> bad = Map.of("alias", "Broken", "triggers", List.of());
        assertThatThrownBy(() -> rest.saveAutomationConfig("hestia_test", bad))
                .isInstanceOf(HaRestClient.HaHttpException.class).hasMessageContaining("Message malformed");
        Map<String, Object> good = Map.of("alias", "Hall light on motion",
                "triggers", List.of(Map.of("trigger", "state", "entity_id", "binary_sensor.hall_motion", "to", "on")),
                "actions", List.of(Map.of("action", "light.turn_on", "target", Map.of("entity_id", "light.hall"))));
        rest.saveAutomationConfig("hestia_test", good);
        assertThat(rest.automationConfig("hestia_test").get("alias").asText()).isEqualTo("Hall light on motion");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                sim().state("automation.hall_light_on_motion").orElse("").equals("on"));
        assertThat(rest.deleteAutomationConfig("hestia_test")).isTrue();
        assertThat(rest.automationConfig("hestia_test")).isNull();
        assertThat(rest.deleteAutomationConfig("hestia_test")).isFalse();
    }

    @Test
    void syncRejectsABadDaysValueNamingTheField() throws Exception {
        var r = post("/api/v1/ha/sync", "{\"days\": -1}", "application/json");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(Json.mapper().readTree(r.body()).get("errors").get(0).get("field").asText()).isEqualTo("days");
        assertThat(get("/api/v1/ha/sync/nope").statusCode()).isEqualTo(404);
    }
}
