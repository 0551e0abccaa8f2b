package io.hestia.ha;

import io.hestia.store.Database;
import io.hestia.store.EventStore;
import io.hestia.store.RegistryStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Large uploads are reported as bulk work (so memory can be released later); small ones are not. */
class HomeDataServiceBulkTest {

    @TempDir
    Path dir;

    private static ByteArrayInputStream ndjson(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append("{\"entity_id\":\"sensor.s\",\"state\":\"").append(i)
                    .append("\",\"last_changed\":\"2026-01-01T00:00:00.000Z\"}\n");
        }
        return new ByteArrayInputStream(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void onlyUploadsOfTenThousandEventsOrMoreCountAsBulk() {
        try (Database db = Database.open(dir.resolve("h.db").toString(), 2, 5000)) {
            AtomicInteger bulk = new AtomicInteger();
            HomeDataService data = new HomeDataService(new RegistryStore(db.dataSource()),
                    new EventStore(db.dataSource()), bulk::incrementAndGet, java.util.Map::of);
            data.ingest(ndjson(HomeDataService.BULK_EVENTS - 1));
            assertThat(bulk.get()).isZero();
            data.ingest(ndjson(HomeDataService.BULK_EVENTS));
            assertThat(bulk.get()).isEqualTo(1);
        }
    }
}
