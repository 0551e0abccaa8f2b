package io.hestia.ha;

import io.hestia.ha.home.Home;
import io.hestia.ha.schema.HaAutomationSchema;
import io.hestia.ha.sim.HaSimulator;
import io.hestia.platform.ServiceCaller;
import io.hestia.platform.UnavailableException;
import io.hestia.store.Database;
import io.hestia.store.EventStore;
import io.hestia.store.IngestStateStore;
import io.hestia.store.RegistryStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ingest cursor does not move past a gap whose backfill has not completed: live events written while the
 * backfill runs (and then fails) leave the cursor where it was, so the next connect backfills the gap again.
 */
class HaIngestorCursorTest {

    @TempDir
    Path dir;

    @Test
    void liveEventsDuringAFailedGapBackfillDoNotMoveTheCursor() throws Exception {
        Home home = new Home("cursor", "UTC", List.of(), List.of(), List.of(),
                List.of(new Home.Entity("light.desk", "Desk", List.of(), null, null, null, "off", Map.of())), List.of());
        try (HaSimulator sim = HaSimulator.builder(home).accessToken("t").validator(new HaAutomationSchema()).build();
             Database db = Database.open(dir.resolve("c.db").toString(), 2, 5000)) {
            sim.start();
            IngestStateStore state = new IngestStateStore(db.dataSource());
            long oldCursor = System.currentTimeMillis() - 3_600_000;
            state.advance(HaIngestor.CURSOR, oldCursor);

            CountDownLatch historyAsked = new CountDownLatch(1);
            CountDownLatch liveWritten = new CountDownLatch(1);
            // HA's REST side is down: the history request waits until a live event is stored, then fails
            ServiceCaller restDown = (target, method, path, query, headers, body) -> {
                historyAsked.countDown();
                try {
                    liveWritten.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new UnavailableException("HA REST is down");
            };
            EventStore events = new EventStore(db.dataSource());
            HistoryBackfill backfill = new HistoryBackfill(new HaRestClient(restDown, "t"), events, 50, 1, false,
                    () -> { });
            try (HaIngestor ingestor = new HaIngestor(events, new RegistryStore(db.dataSource()), state, backfill, 30,
                    1000);
                 HaWebSocketClient ws = new HaWebSocketClient(sim.baseUrl(), "t", ingestor, Duration.ofSeconds(5),
                         Duration.ofSeconds(30))) {
                ws.start();
                assertThat(historyAsked.await(10, TimeUnit.SECONDS)).isTrue();
                sim.fireStateChange("light.desk", "on", null);
                await().atMost(Duration.ofSeconds(10)).until(() -> ingestor.liveWritten() == 1);
                liveWritten.countDown();
                await().atMost(Duration.ofSeconds(10)).until(() -> ws.lastError() != null
                        && ws.lastError().contains("connect handler failed"));
                assertThat(events.count()).isEqualTo(1);
                assertThat(state.cursor(HaIngestor.CURSOR)).hasValue(oldCursor);
            }
        }
    }
}
