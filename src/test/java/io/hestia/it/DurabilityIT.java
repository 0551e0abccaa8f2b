package io.hestia.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.hestia.platform.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kills a real Hestia process with SIGKILL while clients are uploading event batches, restarts it on the same
 * database, and checks that every acknowledged batch is complete and no batch is partly written.
 */
class DurabilityIT {

    private static final int BATCH = 2_000;
    private static final Map<String, String> NO_HA = Map.of("HESTIA_HA_URL", "http://127.0.0.1:9",
            "HESTIA_HA_TOKEN", "none");

    @TempDir
    Path dir;

    private static String batch(int n) {
        StringBuilder sb = new StringBuilder("[");
        long base = Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();
        for (int i = 0; i < BATCH; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"entity_id\":\"sensor.batch_").append(n).append("\",\"state\":\"").append(i)
                    .append("\",\"last_changed\":\"").append(Instant.ofEpochMilli(base + i * 1000L)).append("\"}");
        }
        return sb.append(']').toString();
    }

    @Test
    void everyAcknowledgedBatchSurvivesKill9AndNoBatchIsPartial() throws Exception {
        List<Integer> acknowledged = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Integer> sent = java.util.Collections.synchronizedList(new ArrayList<>());
        int lastBatch;
        try (JarProcess hestia = JarProcess.start(dir, NO_HA).awaitServing()) {
            AtomicBoolean stop = new AtomicBoolean();
            List<CompletableFuture<Void>> clients = new ArrayList<>();
            for (int c = 0; c < 3; c++) {
                int client = c;
                clients.add(CompletableFuture.runAsync(() -> {
                    for (int n = client; !stop.get(); n += 3) {
                        sent.add(n);
                        try {
                            HttpResponse<String> r = hestia.post("/api/v1/events", batch(n));
                            if (r.statusCode() == 200) {
                                acknowledged.add(n);
                            }
                        } catch (Exception e) {
                            return; // the process died under this request
                        }
                    }
                }));
            }
            await().atMost(java.time.Duration.ofSeconds(120)).until(() -> acknowledged.size() >= 30);
            hestia.kill9();
            stop.set(true);
            CompletableFuture.allOf(clients.toArray(CompletableFuture[]::new)).join();
            lastBatch = sent.stream().mapToInt(Integer::intValue).max().orElse(0);
        }
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(30);

        try (JarProcess restarted = JarProcess.start(dir, NO_HA).awaitServing()) {
            for (int n = 0; n <= lastBatch; n++) {
                JsonNode page = Json.mapper().readTree(
                        restarted.get("/api/v1/events?entity_id=sensor.batch_" + n + "&limit=10000").body());
                int stored = page.get("events").size();
                if (acknowledged.contains(n)) {
                    assertThat(stored).as("acknowledged batch %d", n).isEqualTo(BATCH);
                } else {
                    assertThat(stored).as("unacknowledged batch %d is all or nothing", n).isIn(0, BATCH);
                }
            }
        }
    }
}
