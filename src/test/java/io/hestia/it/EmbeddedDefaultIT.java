package io.hestia.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.hestia.platform.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code java -jar hestia.jar} with no HA configured: the built-in simulated home is served on loopback and
 * read through the real HA client; a restart on the same data neither loses nor duplicates history.
 */
class EmbeddedDefaultIT {

    @TempDir
    Path dir;

    private static long eventCount(JarProcess p) throws Exception {
        long n = 0;
        String cursor = null;
        do {
            JsonNode page = Json.mapper().readTree(p.get("/api/v1/events?limit=10000"
                    + (cursor == null ? "" : "&cursor=" + cursor)).body());
            n += page.get("events").size();
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
        } while (cursor != null);
        return n;
    }

    private static boolean healthy(JarProcess p) throws Exception {
        return p.get("/observe/health").statusCode() == 200;
    }

    @Test
    void theDefaultRunServesAndIngestsTheSimulatedHomeAndARestartAddsNoDuplicates() throws Exception {
        Map<String, String> env = Map.of("HESTIA_SIM_SEED", "7");
        long first;
        try (JarProcess hestia = JarProcess.start(dir, env).awaitServing()) {
            await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> healthy(hestia));
            // healthy means connected; the registries are stored just after the connection, so wait for them
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() ->
                    Json.mapper().readTree(hestia.get("/api/v1/entities").body()).size() > 10);
            assertThat(Json.mapper().readTree(hestia.get("/api/v1/areas").body()).size()).isGreaterThan(2);
            await().atMost(Duration.ofSeconds(90)).until(() -> eventCount(hestia) > 1000);
            // the initial backfill is done when the count stops growing between two reads a second apart
            first = awaitStable(hestia);
        }
        try (JarProcess again = JarProcess.start(dir, env).awaitServing()) {
            await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> healthy(again));
            long second = awaitStable(again);
            // only live events played since the first run may be new; history is not stored twice
            assertThat(second).isBetween(first, first + 200);
        }
    }

    private static long awaitStable(JarProcess p) {
        long[] last = {-1};
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().until(() -> {
            long n = eventCount(p);
            boolean stable = n == last[0];
            last[0] = n;
            return stable;
        });
        return last[0];
    }
}
