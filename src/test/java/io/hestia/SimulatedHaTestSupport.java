package io.hestia;

import io.hestia.ha.home.Home;
import io.hestia.ha.schema.HaAutomationSchema;
import io.hestia.ha.sim.HaSimulator;
import org.junit.jupiter.api.AfterEach;

import java.util.Properties;

/**
 * Hestia over real HTTP connected to an HA simulator on loopback (the real HA client, WebSocket and REST). The
 * simulator is built on first use, from {@link #simulatedHome()}, before Camel asks for the properties, and stopped
 * after each test.
 */
public abstract class SimulatedHaTestSupport extends HestiaAppTestSupport {

    protected static final String SIM_TOKEN = "sim-token";

    protected HaSimulator sim;

    /** The home the simulator serves (built once per test instance). */
    protected abstract Home simulatedHome();

    /** The simulator as HA: HA's schema rules for automations; a test may configure it otherwise. */
    protected HaSimulator.Builder simulator(Home home) {
        return HaSimulator.builder(home).accessToken(SIM_TOKEN).validator(new HaAutomationSchema());
    }

    protected HaSimulator sim() {
        if (sim == null) {
            sim = simulator(simulatedHome()).build();
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

    /**
     * Waits until the start-up backfill has stored every event of the simulated home up to {@code end} (the
     * synthetic home's end; later events are played live).
     */
    protected void awaitHistory(Home home, java.time.Instant end) {
        io.hestia.store.EventStore events = context.getRegistry().lookupByNameAndType("eventStore",
                io.hestia.store.EventStore.class);
        long expected = home.events().stream().filter(e -> e.lastUpdated() <= end.toEpochMilli()).count();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> events.count() >= expected);
    }

    /**
     * Starts an analysis over the last {@code windowDays} days through the API (202) and waits until it ended;
     * returns the ended run.
     */
    protected com.fasterxml.jackson.databind.JsonNode analysisRun(int windowDays) throws Exception {
        java.net.http.HttpResponse<String> started = post("/api/v1/analysis/runs", "{\"window_days\": "
                + windowDays + "}", "application/json");
        org.assertj.core.api.Assertions.assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String run = json(started).get("id").asText();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() ->
                !json(get("/api/v1/analysis/runs/" + run)).get("status").asText().equals("running"));
        return json(get("/api/v1/analysis/runs/" + run));
    }

    /** Hestia pointed at the simulator; subclasses add their own properties to these. */
    protected Properties simProperties() {
        Properties p = new Properties();
        p.put("hestia.ha.url", sim().baseUrl());
        p.put("hestia.ha.token", SIM_TOKEN);
        return p;
    }
}
