package io.hestia.ha.sim;

import static io.hestia.ha.sim.SimFixtures.START;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.hestia.ha.home.Home;
import io.hestia.ha.home.StateEvent;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Hestia client backfills a million events through /api/history/period; it must stay fast. */
class SimHistoryLoadTest {

    private static final int ENTITIES = 100;
    private static final int EVENTS = 1_000_000;
    private static HaSimulator sim;
    private static String ids;

    @BeforeAll
    static void start() {
        long end = START.toEpochMilli();
        long begin = end - 10L * 86_400_000L;
        List<Home.Entity> entities = new ArrayList<>();
        StringJoiner filter = new StringJoiner(",");
        String[] names = new String[ENTITIES];
        for (int e = 0; e < ENTITIES; e++) {
            names[e] = String.format("binary_sensor.motion_%03d", e);
            filter.add(names[e]);
            entities.add(new Home.Entity(names[e], "Motion " + e, List.of(), null, null, "motion", "off",
                    Map.of()));
        }
        ids = filter.toString();
        List<StateEvent> events = new ArrayList<>(EVENTS);
        long step = (end - begin) / EVENTS;
        for (int i = 0; i < EVENTS; i++) {
            int e = i % ENTITIES;
            boolean on = (i / ENTITIES) % 2 == 0;
            events.add(StateEvent.of(names[e], on ? "on" : "off", begin + (long) i * step, on ? "off" : "on"));
        }
        Home home = new Home("Big", "UTC", List.of(), List.of(), List.of(), entities, events);
        long t0 = System.nanoTime();
        sim = SimFixtures.simulator(home, new SimFixtures.MutableClock(START)).build();
        sim.start();
        System.out.printf("simulator loaded %d events in %.0f ms%n", EVENTS, (System.nanoTime() - t0) / 1e6);
    }

    @AfterAll
    static void stop() {
        sim.stop();
    }

    /** Streams the answer and counts inner arrays and state items. */
    private static long[] fetch(String query) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(sim.baseUrl() + query))
                .header("Authorization", "Bearer " + SimFixtures.TOKEN).build();
        HttpResponse<InputStream> r = SimFixtures.HTTP.send(req, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        long arrays = 0;
        long items = 0;
        try (InputStream in = r.body(); JsonParser p = SimFixtures.JSON.getFactory().createParser(in)) {
            int depth = 0;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.START_ARRAY) {
                    depth++;
                    if (depth == 2) {
                        arrays++;
                    }
                } else if (t == JsonToken.END_ARRAY) {
                    depth--;
                } else if (t == JsonToken.START_OBJECT) {
                    items++;
                    p.skipChildren();
                }
            }
        }
        return new long[] {arrays, items};
    }

    @Test
    void millionEventBackfill() throws Exception {
        String window = "/api/history/period/2025-12-25T00:00:00%2B00:00?end_time=2026-01-05T08:00:00%2B00:00"
                + "&filter_entity_id=" + ids;
        fetch(window.replace(ids, "binary_sensor.motion_000")); // warm-up

        long t0 = System.nanoTime();
        long[] full = fetch(window);
        double fullMs = (System.nanoTime() - t0) / 1e6;
        assertThat(full[0]).isEqualTo(ENTITIES);
        // every event, plus a baseline state for each entity whose first event is after recording began
        assertThat(full[1]).isEqualTo(EVENTS + ENTITIES - 1);

        t0 = System.nanoTime();
        long[] minimal = fetch(window + "&minimal_response&no_attributes");
        double minimalMs = (System.nanoTime() - t0) / 1e6;
        assertThat(minimal[1]).isEqualTo(EVENTS + ENTITIES - 1);

        System.out.printf("history: %d items full in %.0f ms (%.0f items/s); minimal+no_attributes in %.0f ms"
                + " (%.0f items/s)%n", full[1], fullMs, full[1] / fullMs * 1000, minimalMs,
                minimal[1] / minimalMs * 1000);
        assertThat(fullMs).isLessThan(30_000);
        assertThat(minimalMs).isLessThan(30_000);
    }

    @Test
    void perDayWindowsOfOneEntity() throws Exception {
        long t0 = System.nanoTime();
        long items = 0;
        for (int day = 25; day <= 31; day++) {
            items += fetch("/api/history/period/2025-12-" + day + "T00:00:00%2B00:00"
                    + "?filter_entity_id=binary_sensor.motion_042&minimal_response&no_attributes")[1];
        }
        System.out.printf("7 one-day windows of one entity: %d items in %.0f ms%n", items,
                (System.nanoTime() - t0) / 1e6);
        // history begins 2025-12-26T08:00: 2/3 of a day, then five full days of 1,000 changes + initial state
        assertThat(items).isBetween(5 * 1001 + 660L, 5 * 1001 + 670L);
    }
}
