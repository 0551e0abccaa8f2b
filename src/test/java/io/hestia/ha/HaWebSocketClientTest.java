package io.hestia.ha;

import io.hestia.ha.home.Home;
import io.hestia.ha.schema.HaAutomationSchema;
import io.hestia.ha.sim.HaSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The JDK WebSocket client against the HA simulator: auth, commands, and recovery from a failed connect handler. */
class HaWebSocketClientTest {

    private HaSimulator sim;

    @BeforeEach
    void startSim() {
        Home home = new Home("ws test", "UTC", List.of(), List.of(), List.of(),
                List.of(new Home.Entity("light.desk", "Desk", List.of(), null, null, null, "off", Map.of())), List.of());
        sim = HaSimulator.builder(home).accessToken("t").validator(new HaAutomationSchema()).build();
        sim.start();
    }

    @AfterEach
    void stopSim() {
        sim.stop();
    }

    @Test
    void reconnectsWhenItsConnectHandlerFailsInsteadOfHangingOnADeadSocket() {
        AtomicInteger calls = new AtomicInteger();
        HaWebSocketClient.Listener failsOnce = client -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("backfill failed");
            }
            assertThat(client.call("get_config", Map.of()).get("time_zone").asText()).isEqualTo("UTC");
        };
        try (HaWebSocketClient client = new HaWebSocketClient(sim.baseUrl(), "t", failsOnce, Duration.ofSeconds(5),
                Duration.ofSeconds(2))) {
            client.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> calls.get() >= 2
                    && client.status() == HaWebSocketClient.Status.CONNECTED);
            assertThat(client.connectCount()).isGreaterThanOrEqualTo(2);
            assertThat(client.lastError()).contains("connect handler failed");
            assertThat(client.call("get_states", Map.of()).get(0).get("entity_id").asText()).isEqualTo("light.desk");
        }
    }

    @Test
    void aWrongTokenIsReportedAsAuthFailed() {
        try (HaWebSocketClient client = new HaWebSocketClient(sim.baseUrl(), "wrong", c -> { }, Duration.ofSeconds(5),
                Duration.ofSeconds(30))) {
            client.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> client.status() == HaWebSocketClient.Status.AUTH_FAILED);
            assertThat(client.lastError()).contains("auth_invalid");
        }
    }
}
