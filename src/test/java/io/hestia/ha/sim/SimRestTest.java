package io.hestia.ha.sim;

import static io.hestia.ha.sim.SimFixtures.START;
import static io.hestia.ha.sim.SimFixtures.get;
import static io.hestia.ha.sim.SimFixtures.home;
import static io.hestia.ha.sim.SimFixtures.post;
import static io.hestia.ha.sim.SimFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SimRestTest {

    private HaSimulator sim;
    private SimFixtures.MutableClock clock;

    @BeforeEach
    void start() {
        clock = new SimFixtures.MutableClock(START);
        sim = SimFixtures.simulator(home(), clock).build();
        sim.start();
    }

    @AfterEach
    void stop() {
        sim.stop();
    }

    @Test
    void restNeedsTheBearerToken() {
        SimFixtures.Resp none = request(sim, "GET", "/api/states", null, null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.body()).isEqualTo("401: Unauthorized");
        assertThat(none.header("Content-Type")).startsWith("text/plain");
        assertThat(request(sim, "GET", "/api/", null, "wrong").status()).isEqualTo(401);

        SimFixtures.Resp ok = get(sim, "/api/");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("{\"message\":\"API running.\"}");
        assertThat(get(sim, "/api/nope").status()).isEqualTo(404);
        assertThat(request(sim, "PUT", "/api/states", "{}", SimFixtures.TOKEN).status()).isEqualTo(405);
    }

    @Test
    void configReportsZoneUnitsVersionAndComponents() {
        JsonNode c = get(sim, "/api/config").json();
        assertThat(c.get("time_zone").asText()).isEqualTo("Europe/Amsterdam");
        assertThat(c.get("unit_system").get("temperature").asText()).isEqualTo("°C");
        assertThat(c.get("version").asText()).isEqualTo("2026.1.0");
        assertThat(c.get("location_name").asText()).isEqualTo("Test Home");
        List<String> components = new ArrayList<>();
        c.get("components").forEach(n -> components.add(n.asText()));
        assertThat(components).contains("light", "automation", "history", "websocket_api");
    }

    @Test
    void statesReflectTheLastHistoricalEvent() {
        JsonNode all = get(sim, "/api/states").json();
        assertThat(all.isArray()).isTrue();
        assertThat(all.size()).isGreaterThanOrEqualTo(9);

        JsonNode motion = get(sim, "/api/states/binary_sensor.hall_motion").json();
        assertThat(motion.get("state").asText()).isEqualTo("off");
        assertThat(motion.get("last_changed").asText()).isEqualTo("2026-01-05T07:10:00+00:00");
        assertThat(motion.get("attributes").get("device_class").asText()).isEqualTo("motion");
        assertThat(motion.get("attributes").get("friendly_name").asText()).isEqualTo("Hall motion");
        assertThat(motion.get("context").has("id")).isTrue();
        assertThat(motion.get("context").get("id").asText()).hasSize(26);
        assertThat(motion.has("last_reported")).isTrue();

        SimFixtures.Resp missing = get(sim, "/api/states/light.nope");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("{\"message\":\"Entity not found.\"}");
    }

    @Test
    void postStateCreatesThenUpdates() {
        SimFixtures.Resp created = post(sim, "/api/states/sensor.outside",
                "{\"state\":\"12\",\"attributes\":{\"unit_of_measurement\":\"°C\"}}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/states/sensor.outside");
        assertThat(created.json().get("state").asText()).isEqualTo("12");

        SimFixtures.Resp updated = post(sim, "/api/states/sensor.outside", "{\"state\":\"13\"}");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("attributes").size()).isZero();

        assertThat(post(sim, "/api/states/sensor.outside", "{}").body())
                .isEqualTo("{\"message\":\"No state specified.\"}");
        assertThat(post(sim, "/api/states/Bad-Id", "{\"state\":\"1\"}").body())
                .isEqualTo("{\"message\":\"Invalid entity ID specified.\"}");
    }

    @Test
    void servicesListsDomainsWithDescriptions() {
        JsonNode list = get(sim, "/api/services").json();
        List<String> domains = new ArrayList<>();
        list.forEach(d -> domains.add(d.get("domain").asText()));
        assertThat(domains).contains("homeassistant", "automation", "light", "switch", "cover", "lock", "climate");
        assertThat(domains).doesNotContain("sensor", "binary_sensor", "fan");
        JsonNode light = null;
        for (JsonNode d : list) {
            if (d.get("domain").asText().equals("light")) {
                light = d.get("services");
            }
        }
        assertThat(light.get("turn_on").get("fields").has("brightness_pct")).isTrue();
        assertThat(light.get("turn_on").get("target").get("entity").get(0).get("domain").get(0).asText())
                .isEqualTo("light");
        assertThat(light.get("turn_on").get("name").asText()).isEqualTo("Turn on");
    }

    @Test
    void serviceCallsChangeStateAndReturnChangedStates() {
        JsonNode changed = post(sim, "/api/services/light/turn_on",
                "{\"entity_id\":\"light.hall\",\"brightness_pct\":40}").json();
        assertThat(changed.size()).isEqualTo(1);
        assertThat(changed.get(0).get("entity_id").asText()).isEqualTo("light.hall");
        assertThat(changed.get(0).get("state").asText()).isEqualTo("on");
        assertThat(changed.get(0).get("attributes").get("brightness").asInt()).isEqualTo(102);
        assertThat(changed.get(0).get("context").get("user_id").isNull()).isFalse();

        // already on with the same brightness: nothing changes, as HA
        assertThat(post(sim, "/api/services/light/turn_on",
                "{\"entity_id\":\"light.hall\",\"brightness_pct\":40}").json().size()).isZero();

        JsonNode off = post(sim, "/api/services/light/turn_off", "{\"entity_id\":[\"light.hall\",\"light.kitchen\"]}")
                .json();
        assertThat(off.size()).isEqualTo(2);
        assertThat(sim.state("light.kitchen")).contains("off");
        assertThat(sim.attributes("light.kitchen")).doesNotContainKey("brightness");

        // restore the earlier brightness; target by area (light.hall is in the hall through its device)
        JsonNode toggled = post(sim, "/api/services/light/toggle", "{\"area_id\":\"hall\"}").json();
        assertThat(toggled.size()).isEqualTo(1);
        assertThat(toggled.get(0).get("attributes").get("brightness").asInt()).isEqualTo(102);

        post(sim, "/api/services/cover/set_cover_position", "{\"entity_id\":\"cover.blinds\",\"position\":30}");
        assertThat(sim.state("cover.blinds")).contains("open");
        assertThat(sim.attributes("cover.blinds")).containsEntry("current_position", 30);
        post(sim, "/api/services/lock/unlock", "{\"entity_id\":\"lock.front_door\"}");
        assertThat(sim.state("lock.front_door")).contains("unlocked");
        post(sim, "/api/services/climate/set_temperature", "{\"entity_id\":\"climate.living\",\"temperature\":21.5}");
        assertThat(sim.attributes("climate.living")).containsEntry("temperature", 21.5);
        post(sim, "/api/services/climate/set_hvac_mode", "{\"entity_id\":\"climate.living\",\"hvac_mode\":\"cool\"}");
        assertThat(sim.state("climate.living")).contains("cool");
        post(sim, "/api/services/lock/lock", "{\"target\":{\"entity_id\":\"lock.front_door\"}}");
        assertThat(sim.state("lock.front_door")).contains("locked");
        post(sim, "/api/services/homeassistant/turn_on", "{\"entity_id\":[\"switch.coffee\",\"cover.blinds\"]}");
        assertThat(sim.state("switch.coffee")).contains("on");
        assertThat(sim.attributes("cover.blinds")).containsEntry("current_position", 100);
    }

    @Test
    void unknownEntityIsOkUnknownServiceIs400() {
        SimFixtures.Resp r = post(sim, "/api/services/light/turn_on", "{\"entity_id\":\"light.nope\"}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("[]");

        SimFixtures.Resp unknown = post(sim, "/api/services/light/explode", "{}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("message").asText()).isEqualTo("Action light.explode not found.");

        SimFixtures.Resp bad = post(sim, "/api/services/light/turn_on", "{\"entity_id\":\"light.hall\",\"brightness\":900}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("message").asText()).contains("value must be at most 255");
    }

    @Test
    void returnResponseRules() {
        SimFixtures.Resp notSupported = post(sim, "/api/services/light/turn_on?return_response",
                "{\"entity_id\":\"light.hall\"}");
        assertThat(notSupported.status()).isEqualTo(400);
        assertThat(notSupported.body()).isEqualTo(
                "{\"message\":\"Service does not support responses. Remove return_response from request.\"}");

        SimFixtures.Resp required = post(sim, "/api/services/weather/get_forecasts",
                "{\"entity_id\":\"weather.home\",\"type\":\"daily\"}");
        assertThat(required.status()).isEqualTo(400);
        assertThat(required.json().get("message").asText()).startsWith("Service call requires responses");

        JsonNode ok = post(sim, "/api/services/weather/get_forecasts?return_response",
                "{\"entity_id\":\"weather.home\",\"type\":\"daily\"}").json();
        assertThat(ok.get("changed_states").isArray()).isTrue();
        assertThat(ok.get("service_response").has("weather.home")).isTrue();
    }

    @Test
    void eventsAndCheckConfigAndAvailability() {
        assertThat(get(sim, "/api/events").json().isArray()).isTrue();
        SimFixtures.Resp fired = post(sim, "/api/events/hestia_test", "{\"x\":1}");
        assertThat(fired.body()).isEqualTo("{\"message\":\"Event hestia_test fired.\"}");
        JsonNode check = post(sim, "/api/config/core/check_config", null).json();
        assertThat(check.get("result").asText()).isEqualTo("valid");
        assertThat(check.get("errors").isNull()).isTrue();

        sim.setAvailable(false);
        assertThat(get(sim, "/api/").status()).isEqualTo(503);
        sim.setAvailable(true);
        assertThat(get(sim, "/api/").status()).isEqualTo(200);
    }

    @Test
    void fireStateChangeAppliesAndRecords() {
        long before = sim.eventCount();
        sim.fireStateChange("binary_sensor.hall_motion", "on", null);
        assertThat(sim.state("binary_sensor.hall_motion")).contains("on");
        assertThat(sim.eventCount()).isEqualTo(before + 1);
        sim.fireStateChange("sensor.temp", "21.0", Map.of("unit_of_measurement", "°C"));
        JsonNode temp = get(sim, "/api/states/sensor.temp").json();
        assertThat(temp.get("state").asText()).isEqualTo("21.0");
        assertThat(temp.get("last_changed").asText()).isEqualTo("2026-01-05T08:00:00+00:00");
    }
}
