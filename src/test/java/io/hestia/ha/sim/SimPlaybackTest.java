package io.hestia.ha.sim;

import static io.hestia.ha.sim.SimFixtures.START;
import static io.hestia.ha.sim.SimFixtures.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hestia.ha.home.Home;
import io.hestia.ha.home.StateEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimPlaybackTest {

    private static final long S = 1000;

    @Test
    void futureEventsPlayAtTheirTimeScaledBySpeed() {
        long start = START.toEpochMilli();
        Home home = SimFixtures.home(List.of(
                new StateEvent("binary_sensor.hall_motion", "on", null, start + 10 * S, start + 10 * S, "off",
                        "01JCTXPLAYBACK0000000000AA", null, null, "LOCAL"),
                StateEvent.of("light.hall", "on", start + 20 * S, "off"),
                StateEvent.of("binary_sensor.hall_motion", "off", start + 60 * S, "on"),
                StateEvent.of("switch.coffee", "on", start + 3_600 * S, "off")));
        SimFixtures.MutableClock clock = new SimFixtures.MutableClock(START);
        HaSimulator sim = SimFixtures.simulator(home, clock).playbackSpeed(60).build();
        sim.start();
        try (SimFixtures.WsClient c = SimFixtures.WsClient.authenticated(sim)) {
            c.call(1, Map.of("type", "subscribe_events", "event_type", "state_changed"));
            assertThat(sim.state("binary_sensor.hall_motion")).contains("off");
            assertThat(sim.pendingPlaybackEvents()).isEqualTo(4);

            clock.advance(500); // 30 simulated seconds
            assertThat(sim.simulatedNow()).isEqualTo(START.plusSeconds(30));
            JsonNode first = c.next(1).get("event");
            assertThat(first.get("data").get("entity_id").asText()).isEqualTo("binary_sensor.hall_motion");
            assertThat(first.get("time_fired").asText()).isEqualTo("2026-01-05T08:00:10+00:00");
            assertThat(first.get("context").get("id").asText()).isEqualTo("01JCTXPLAYBACK0000000000AA");
            assertThat(first.get("data").get("old_state").get("state").asText()).isEqualTo("off");
            JsonNode second = c.next(1).get("event");
            assertThat(second.get("data").get("entity_id").asText()).isEqualTo("light.hall");
            assertThat(sim.pendingPlaybackEvents()).isEqualTo(2);
            assertThat(sim.state("binary_sensor.hall_motion")).contains("on");

            clock.advance(1000); // 90 simulated seconds
            JsonNode third = c.next(1).get("event");
            assertThat(third.get("data").get("new_state").get("state").asText()).isEqualTo("off");
            assertThat(third.get("data").get("new_state").get("last_changed").asText())
                    .isEqualTo("2026-01-05T08:01:00+00:00");
            assertThat(sim.state("switch.coffee")).contains("off");

            // played events are history now; earlier ones were history from the start
            JsonNode h = get(sim, "/api/history/period/2026-01-05T07:00:00%2B00:00"
                    + "?filter_entity_id=binary_sensor.hall_motion&minimal_response&no_attributes").json();
            List<String> states = new ArrayList<>();
            h.get(0).forEach(n -> states.add(n.get("state").asText()));
            assertThat(states).containsExactly("off", "on", "off", "on", "off", "on", "off");
        } finally {
            sim.stop();
        }
    }

    @Test
    void realTimerWithTheSystemClock() {
        long now = System.currentTimeMillis();
        Home home = SimFixtures.home(List.of(StateEvent.of("switch.coffee", "on", now + 60_000, "off"),
                StateEvent.of("switch.coffee", "off", now + 120_000, "on")));
        // 600x: the two events are due 100 ms and 200 ms after start
        HaSimulator sim = SimFixtures.simulator(home, Clock.systemUTC()).playbackSpeed(600).build();
        sim.start();
        try {
            assertThat(sim.state("switch.coffee")).contains("off");
            await().atMost(Duration.ofSeconds(10)).until(() -> sim.pendingPlaybackEvents() == 0);
            assertThat(sim.state("switch.coffee")).contains("off");
            assertThat(sim.stateChangeCount()).isGreaterThanOrEqualTo(2);
        } finally {
            sim.stop();
        }
    }
}
