package io.hestia.ha.sim;

import static io.hestia.ha.sim.SimFixtures.START;
import static io.hestia.ha.sim.SimFixtures.get;
import static io.hestia.ha.sim.SimFixtures.home;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SimHistoryTest {

    private static final String WINDOW = "/api/history/period/2026-01-05T07:00:00%2B00:00"
            + "?end_time=2026-01-05T07:30:00%2B00:00&filter_entity_id=";
    private static HaSimulator sim;

    @BeforeAll
    static void start() {
        sim = SimFixtures.simulator(home(), new SimFixtures.MutableClock(START)).build();
        sim.start();
        // an attribute-only change and a state change after the window
        sim.fireStateChange("sensor.temp", "20.5", Map.of("unit_of_measurement", "°C", "battery", 80));
    }

    @AfterAll
    static void stop() {
        sim.stop();
    }

    private static List<String> states(JsonNode entityArray) {
        List<String> out = new ArrayList<>();
        entityArray.forEach(n -> out.add(n.get("state").asText()));
        return out;
    }

    @Test
    void arrayOfArraysWithTheInitialStateFirst() {
        JsonNode h = get(sim, WINDOW + "binary_sensor.hall_motion,light.hall").json();
        assertThat(h.isArray()).isTrue();
        assertThat(h.size()).isEqualTo(2);
        JsonNode motion = h.get(0);
        assertThat(states(motion)).containsExactly("off", "on", "off", "on", "off");
        JsonNode first = motion.get(0);
        assertThat(first.get("entity_id").asText()).isEqualTo("binary_sensor.hall_motion");
        assertThat(first.get("last_changed").asText()).isEqualTo("2026-01-05T07:00:00+00:00");
        assertThat(first.get("last_updated").asText()).isEqualTo("2026-01-05T07:00:00+00:00");
        assertThat(first.get("attributes").get("device_class").asText()).isEqualTo("motion");
        assertThat(motion.get(3).get("last_changed").asText()).isEqualTo("2026-01-05T07:04:59.123000+00:00");
        assertThat(motion.get(1).get("last_changed").asText()).isEqualTo("2026-01-05T07:01:12+00:00");
        JsonNode light = h.get(1);
        assertThat(light.size()).isEqualTo(1);
        assertThat(light.get(0).get("entity_id").asText()).isEqualTo("light.hall");
        assertThat(light.get(0).get("state").asText()).isEqualTo("off");
    }

    @Test
    void minimalResponseReducesMiddleItems() {
        JsonNode motion = get(sim, WINDOW + "binary_sensor.hall_motion&minimal_response").json().get(0);
        assertThat(states(motion)).containsExactly("off", "on", "off", "on", "off");
        assertThat(motion.get(0).has("entity_id")).isTrue();
        for (int i = 1; i < 4; i++) {
            List<String> keys = new ArrayList<>();
            motion.get(i).fieldNames().forEachRemaining(keys::add);
            assertThat(keys).containsExactly("state", "last_changed");
        }
        assertThat(motion.get(4).has("entity_id")).isTrue();
        assertThat(motion.get(4).has("attributes")).isTrue();
    }

    @Test
    void noAttributesAndSkipInitialState() {
        JsonNode h = get(sim, WINDOW + "binary_sensor.hall_motion,light.hall&no_attributes&skip_initial_state")
                .json();
        assertThat(h.size()).isEqualTo(1); // light.hall has no change in the window
        assertThat(states(h.get(0))).containsExactly("on", "off", "on", "off");
        assertThat(h.get(0).get(0).get("attributes").size()).isZero();
    }

    @Test
    void endTimeLimitsTheWindow() {
        JsonNode h = get(sim, "/api/history/period/2026-01-05T07:00:00%2B00:00"
                + "?end_time=2026-01-05T07:04:00%2B00:00&filter_entity_id=binary_sensor.hall_motion").json();
        assertThat(states(h.get(0))).containsExactly("off", "on", "off");
    }

    @Test
    void plusSignsMayArriveAsSpacesOrLiterally() {
        JsonNode spaced = get(sim, "/api/history/period/2026-01-05T07:00:00+00:00"
                + "?end_time=2026-01-05T07:04:00+00:00&filter_entity_id=binary_sensor.hall_motion").json();
        assertThat(states(spaced.get(0))).containsExactly("off", "on", "off");
        JsonNode local = get(sim, "/api/history/period/2026-01-05T08:00:00"
                + "?end_time=2026-01-05%2008:04:00&filter_entity_id=binary_sensor.hall_motion").json();
        // naive times are in the home's zone (Europe/Amsterdam, UTC+1 in January)
        assertThat(states(local.get(0))).containsExactly("off", "on", "off");
    }

    @Test
    void defaultWindowIsTheLastDay() {
        JsonNode h = get(sim, "/api/history/period?filter_entity_id=sensor.temp,binary_sensor.hall_motion").json();
        assertThat(h.size()).isEqualTo(2);
        JsonNode temp = h.get(0);
        assertThat(temp.get(0).get("last_changed").asText()).isEqualTo("2026-01-04T12:00:00+00:00");
        assertThat(states(h.get(1))).containsExactly("off", "on", "off", "on", "off");
    }

    @Test
    void significantChangesOnlyHidesAttributeOnlyUpdatesByDefault() {
        String q = "/api/history/period/2026-01-05T07:59:00%2B00:00?filter_entity_id=sensor.temp";
        assertThat(get(sim, q).json().get(0).size()).isEqualTo(1);
        JsonNode all = get(sim, q + "&significant_changes_only=0").json().get(0);
        assertThat(all.size()).isEqualTo(2);
        assertThat(all.get(1).get("attributes").get("battery").asInt()).isEqualTo(80);
        assertThat(all.get(1).get("last_changed").asText()).isEqualTo("2026-01-04T12:00:00+00:00");
        assertThat(all.get(1).get("last_updated").asText()).isEqualTo("2026-01-05T08:00:00+00:00");
    }

    @Test
    void errorsAsHa() {
        SimFixtures.Resp missing = get(sim, "/api/history/period");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body()).isEqualTo("{\"message\":\"filter_entity_id is missing\"}");
        SimFixtures.Resp badStart = get(sim, "/api/history/period/yesterday?filter_entity_id=light.hall");
        assertThat(badStart.status()).isEqualTo(400);
        assertThat(badStart.body()).isEqualTo("{\"message\":\"Invalid datetime\"}");
        SimFixtures.Resp badEnd = get(sim, "/api/history/period?filter_entity_id=light.hall&end_time=soon");
        assertThat(badEnd.body()).isEqualTo("{\"message\":\"Invalid end_time\"}");
        SimFixtures.Resp badId = get(sim, "/api/history/period?filter_entity_id=not-an-entity");
        assertThat(badId.body()).isEqualTo("{\"message\":\"Invalid filter_entity_id\"}");
        assertThat(get(sim, "/api/history/period/2027-01-01T00:00:00%2B00:00?filter_entity_id=light.hall").body())
                .isEqualTo("[]");
        assertThat(get(sim, "/api/history/period?filter_entity_id=light.unknown_but_valid").body())
                .isEqualTo("[]");
    }
}
