package io.hestia.ha.sim;

import static io.hestia.ha.sim.SimFixtures.START;
import static io.hestia.ha.sim.SimFixtures.home;
import static io.hestia.ha.sim.SimFixtures.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SimWebSocketTest {

    private HaSimulator sim;

    @BeforeEach
    void start() {
        sim = SimFixtures.simulator(home(), new SimFixtures.MutableClock(START)).build();
        sim.start();
    }

    @AfterEach
    void stop() {
        sim.stop();
    }

    private static List<String> keys(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void authInvalidClosesTheConnection() throws Exception {
        try (SimFixtures.WsClient c = SimFixtures.WsClient.connect(sim)) {
            JsonNode req = c.next();
            assertThat(req.get("type").asText()).isEqualTo("auth_required");
            assertThat(req.get("ha_version").asText()).isEqualTo("2026.1.0");
            c.send(Map.of("type", "auth", "access_token", "wrong"));
            JsonNode invalid = c.next();
            assertThat(invalid.get("type").asText()).isEqualTo("auth_invalid");
            assertThat(invalid.get("message").asText()).isEqualTo("Invalid access token or password");
            c.closed.get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void commandPhaseRules() {
        try (SimFixtures.WsClient c = SimFixtures.WsClient.authenticated(sim)) {
            assertThat(c.call(5, Map.of("type", "ping")).get("type").asText()).isEqualTo("pong");
            JsonNode reuse = c.call(5, Map.of("type", "ping"));
            assertThat(reuse.get("success").asBoolean()).isFalse();
            assertThat(reuse.get("error").get("code").asText()).isEqualTo("id_reuse");
            assertThat(reuse.get("error").get("message").asText()).isEqualTo("Identifier values have to increase.");
            JsonNode lower = c.call(3, Map.of("type", "ping"));
            assertThat(lower.get("error").get("code").asText()).isEqualTo("id_reuse");

            JsonNode unknown = c.call(6, Map.of("type", "make_coffee"));
            assertThat(unknown.get("error").get("code").asText()).isEqualTo("unknown_command");
            assertThat(unknown.get("error").get("message").asText()).isEqualTo("Unknown command.");

            c.send(Map.of("type", "ping"));
            JsonNode invalid = c.next();
            assertThat(invalid.get("id").isNull()).isTrue();
            assertThat(invalid.get("error").get("code").asText()).isEqualTo("invalid_format");

            JsonNode missingDomain = c.call(7, Map.of("type", "call_service", "service", "turn_on"));
            assertThat(missingDomain.get("error").get("code").asText()).isEqualTo("invalid_format");
            assertThat(missingDomain.get("error").get("message").asText())
                    .isEqualTo("required key not provided @ data['domain']");
        }
    }

    @Test
    void getStatesConfigAndServices() {
        try (SimFixtures.WsClient c = SimFixtures.WsClient.authenticated(sim)) {
            JsonNode states = c.call(1, Map.of("type", "get_states"));
            assertThat(states.get("type").asText()).isEqualTo("result");
            assertThat(states.get("success").asBoolean()).isTrue();
            assertThat(states.get("result").size()).isGreaterThanOrEqualTo(9);
            assertThat(c.call(2, Map.of("type", "get_config")).get("result").get("time_zone").asText())
                    .isEqualTo("Europe/Amsterdam");
            JsonNode services = c.call(3, Map.of("type", "get_services")).get("result");
            assertThat(services.get("light").has("turn_on")).isTrue();
            assertThat(services.get("automation").has("reload")).isTrue();
        }
    }

    @Test
    void serviceCallsPushStateChangedWithTheSubscriptionId() {
        try (SimFixtures.WsClient c = SimFixtures.WsClient.authenticated(sim)) {
            JsonNode sub = c.call(3, Map.of("type", "subscribe_events", "event_type", "state_changed"));
            assertThat(sub.get("success").asBoolean()).isTrue();
            assertThat(sub.get("result").isNull()).isTrue();

            post(sim, "/api/services/switch/turn_on", "{\"entity_id\":\"switch.coffee\"}");
            JsonNode ev = c.next(3);
            assertThat(ev.get("type").asText()).isEqualTo("event");
            JsonNode event = ev.get("event");
            assertThat(keys(event)).containsExactly("event_type", "data", "origin", "time_fired", "context");
            assertThat(event.get("event_type").asText()).isEqualTo("state_changed");
            assertThat(event.get("origin").asText()).isEqualTo("LOCAL");
            assertThat(event.get("time_fired").asText()).isEqualTo("2026-01-05T08:00:00+00:00");
            assertThat(event.get("context").get("user_id").asText()).hasSize(32);
            JsonNode data = event.get("data");
            assertThat(data.get("entity_id").asText()).isEqualTo("switch.coffee");
            assertThat(data.get("old_state").get("state").asText()).isEqualTo("off");
            assertThat(data.get("new_state").get("state").asText()).isEqualTo("on");
            assertThat(data.get("new_state").get("context").get("id").asText())
                    .isEqualTo(event.get("context").get("id").asText());

            JsonNode call = c.call(4, Map.of("type", "call_service", "domain", "light", "service", "turn_on",
                    "service_data", Map.of("brightness", 50), "target", Map.of("entity_id", "light.hall")));
            assertThat(call.get("success").asBoolean()).isTrue();
            assertThat(call.get("result").get("context").get("id").asText()).hasSize(26);
            assertThat(call.get("result").get("response").isNull()).isTrue();
            JsonNode ev2 = c.next(3);
            assertThat(ev2.get("event").get("data").get("new_state").get("attributes").get("brightness").asInt())
                    .isEqualTo(50);

            sim.fireStateChange("binary_sensor.hall_motion", "on", null);
            JsonNode device = c.next(3).get("event");
            assertThat(device.get("context").get("user_id").isNull()).isTrue();
            assertThat(device.get("context").get("parent_id").isNull()).isTrue();

            assertThat(c.call(10, Map.of("type", "unsubscribe_events", "subscription", 3)).get("success")
                    .asBoolean()).isTrue();
            assertThat(c.call(11, Map.of("type", "unsubscribe_events", "subscription", 3)).get("error").get("code")
                    .asText()).isEqualTo("not_found");

            JsonNode unknown = c.call(12, Map.of("type", "call_service", "domain", "light", "service", "explode"));
            assertThat(unknown.get("error").get("code").asText()).isEqualTo("not_found");
            JsonNode noResponse = c.call(13, Map.of("type", "call_service", "domain", "light", "service",
                    "turn_on", "target", Map.of("entity_id", "light.hall"), "return_response", true));
            assertThat(noResponse.get("error").get("code").asText()).isEqualTo("service_validation_error");
        }
    }

    @Test
    void subscribeWithoutEventTypeGetsEverythingAndCoalescing() {
        try (SimFixtures.WsClient c = SimFixtures.WsClient.authenticated(sim)) {
            c.call(1, Map.of("type", "supported_features", "features", Map.of("coalesce_messages", 1)));
            c.call(2, Map.of("type", "subscribe_events"));
            int before = c.frames.size();
            JsonNode call = c.call(3, Map.of("type", "call_service", "domain", "switch", "service", "toggle",
                    "target", Map.of("entity_id", "switch.coffee")));
            assertThat(call.get("success").asBoolean()).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> c.frames.size() > before);
            // call_service event, state_changed event and the result arrive together as one JSON array
            assertThat(c.frames.subList(before, c.frames.size())).anyMatch(f -> f.startsWith("["));
            List<String> types = new ArrayList<>();
            c.backlog.forEach(m -> types.add(m.path("event").path("event_type").asText()));
            assertThat(types).containsExactly("call_service", "state_changed");
        }
    }

    @Test
    void registryShapes() {
        try (SimFixtures.WsClient c = SimFixtures.WsClient.authenticated(sim)) {
            JsonNode areas = c.call(1, Map.of("type", "config/area_registry/list")).get("result");
            assertThat(areas.size()).isEqualTo(2);
            assertThat(keys(areas.get(0))).contains("area_id", "name", "aliases", "floor_id", "icon", "labels",
                    "picture", "humidity_entity_id", "temperature_entity_id", "created_at", "modified_at");
            assertThat(areas.get(0).get("created_at").isNumber()).isTrue();
            JsonNode floors = c.call(2, Map.of("type", "config/floor_registry/list")).get("result");
            assertThat(keys(floors.get(0))).contains("floor_id", "name", "aliases", "icon", "level", "created_at",
                    "modified_at");
            JsonNode devices = c.call(3, Map.of("type", "config/device_registry/list")).get("result");
            assertThat(keys(devices.get(0))).contains("id", "name", "name_by_user", "area_id", "manufacturer",
                    "model", "model_id", "labels", "disabled_by", "entry_type", "via_device_id", "identifiers",
                    "connections", "config_entries", "config_entries_subentries", "primary_config_entry",
                    "configuration_url", "hw_version", "sw_version", "serial_number", "created_at", "modified_at");
            JsonNode entities = c.call(4, Map.of("type", "config/entity_registry/list")).get("result");
            JsonNode hall = null;
            for (JsonNode e : entities) {
                if (e.get("entity_id").asText().equals("light.hall")) {
                    hall = e;
                }
            }
            assertThat(keys(hall)).contains("entity_id", "id", "unique_id", "platform", "device_id", "area_id",
                    "name", "original_name", "has_entity_name", "icon", "labels", "categories", "options",
                    "entity_category", "disabled_by", "hidden_by", "translation_key", "config_entry_id",
                    "config_subentry_id", "created_at", "modified_at");
            assertThat(keys(hall)).doesNotContain("aliases", "device_class", "original_device_class");
            assertThat(hall.get("device_id").asText()).isEqualTo("dev_hall_light");
            assertThat(hall.get("original_name").asText()).isEqualTo("Hall light");

            JsonNode one = c.call(5, Map.of("type", "config/entity_registry/get", "entity_id", "light.hall"))
                    .get("result");
            assertThat(one.get("aliases").get(0).asText()).isEqualTo("hall lamp");
            assertThat(keys(one)).contains("capabilities", "device_class", "original_device_class", "original_icon");
            assertThat(c.call(6, Map.of("type", "config/entity_registry/get", "entity_id", "light.nope"))
                    .get("error").get("code").asText()).isEqualTo("not_found");
            JsonNode entries = c.call(7, Map.of("type", "config/entity_registry/get_entries", "entity_ids",
                    List.of("binary_sensor.hall_motion", "light.nope"))).get("result");
            assertThat(entries.get("binary_sensor.hall_motion").get("original_device_class").asText())
                    .isEqualTo("motion");
            assertThat(entries.get("light.nope").isNull()).isTrue();

            JsonNode display = c.call(8, Map.of("type", "config/entity_registry/list_for_display")).get("result");
            assertThat(display.get("entity_categories").get("0").asText()).isEqualTo("config");
            JsonNode first = display.get("entities").get(0);
            assertThat(first.get("ei").asText()).isEqualTo("light.hall");
            assertThat(first.get("di").asText()).isEqualTo("dev_hall_light");
            assertThat(first.has("ai")).isFalse();
        }
    }

    @Test
    void validateConfigUsesTheValidatorPerPart() {
        try (SimFixtures.WsClient c = SimFixtures.WsClient.authenticated(sim)) {
            JsonNode r = c.call(20, Map.of("type", "validate_config",
                    "trigger", Map.of("trigger", "state", "entity_id", "binary_sensor.hall_motion", "to", "on"),
                    "action", List.of(Map.of("action", "light.turn_on")))).get("result");
            assertThat(keys(r)).containsExactly("trigger", "action");
            assertThat(r.get("trigger").get("valid").asBoolean()).isTrue();
            assertThat(r.get("trigger").get("error").isNull()).isTrue();
            JsonNode bad = c.call(21, Map.of("type", "validate_config", "trigger", Map.of("entity_id", "x.y")))
                    .get("result");
            assertThat(bad.get("trigger").get("valid").asBoolean()).isFalse();
            assertThat(bad.get("trigger").get("error").asText()).contains("required key not provided");
        }
    }

    @Test
    void disconnectAllAndUnavailable() throws Exception {
        SimFixtures.WsClient a = SimFixtures.WsClient.authenticated(sim);
        SimFixtures.WsClient b = SimFixtures.WsClient.authenticated(sim);
        await().atMost(Duration.ofSeconds(5)).until(() -> sim.webSocketConnections() == 2);
        sim.disconnectAllWebSockets();
        a.closed.get(5, TimeUnit.SECONDS);
        b.closed.get(5, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(5)).until(() -> sim.webSocketConnections() == 0);

        // a client can reconnect and authenticate again
        try (SimFixtures.WsClient again = SimFixtures.WsClient.authenticated(sim)) {
            assertThat(again.call(1, Map.of("type", "ping")).get("type").asText()).isEqualTo("pong");
            sim.setAvailable(false);
            again.closed.get(5, TimeUnit.SECONDS);
        }
        assertThatThrownBy(() -> SimFixtures.HTTP.newWebSocketBuilder()
                .buildAsync(URI.create(sim.webSocketUrl()), new java.net.http.WebSocket.Listener() { }).join())
                .isInstanceOf(CompletionException.class);
        sim.setAvailable(true);
        try (SimFixtures.WsClient back = SimFixtures.WsClient.authenticated(sim)) {
            assertThat(back.call(1, Map.of("type", "ping")).get("type").asText()).isEqualTo("pong");
        }
    }

    @Test
    void largeMessagesGoThrough() {
        String big = "x".repeat(6 * 1024 * 1024);
        sim.fireStateChange("sensor.temp", "20.5", Map.of("blob", big));
        try (SimFixtures.WsClient c = SimFixtures.WsClient.authenticated(sim)) {
            JsonNode states = c.call(1, Map.of("type", "get_states")).get("result");
            boolean found = false;
            for (JsonNode s : states) {
                if (s.get("entity_id").asText().equals("sensor.temp")) {
                    found = s.get("attributes").get("blob").asText().length() == big.length();
                }
            }
            assertThat(found).isTrue();
        }
    }
}
