package io.hestia.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class IngestStateStoreTest {

    @TempDir
    Path dir;

    private Database db;
    private IngestStateStore store;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("ingest.db").toString(), 2, 5000);
        store = new IngestStateStore(db.dataSource());
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void unknownSourceHasNoCursor() {
        assertThat(store.cursor("live")).isEmpty();
    }

    @Test
    void cursorMovesForwardOnly() {
        store.advance("live", 1_000);
        assertThat(store.cursor("live")).hasValue(1_000);
        store.advance("live", 5_000);
        assertThat(store.cursor("live")).hasValue(5_000);
        store.advance("live", 4_999);
        assertThat(store.cursor("live")).hasValue(5_000);
        store.advance("live", 0);
        assertThat(store.cursor("live")).hasValue(5_000);
        store.advance("live", 5_000);
        assertThat(store.cursor("live")).hasValue(5_000);
        store.advance("live", 5_001);
        assertThat(store.cursor("live")).hasValue(5_001);
    }

    @Test
    void aFirstCursorMayBeAnyValue() {
        store.advance("old", -10);
        assertThat(store.cursor("old")).hasValue(-10);
        store.advance("old", -20);
        assertThat(store.cursor("old")).hasValue(-10);
    }

    @Test
    void sourcesAreIndependent() {
        store.advance("live", 9_000);
        store.advance("backfill", 100);
        assertThat(store.cursor("live")).hasValue(9_000);
        assertThat(store.cursor("backfill")).hasValue(100);
        store.advance("backfill", 200);
        assertThat(store.cursor("live")).hasValue(9_000);
        assertThat(store.cursor("backfill")).hasValue(200);
    }

    @Test
    void cursorSurvivesReopening() {
        store.advance("live", 42);
        db.close();
        db = Database.open(dir.resolve("ingest.db").toString(), 1, 5000);
        store = new IngestStateStore(db.dataSource());
        assertThat(store.cursor("live")).hasValue(42);
        store.advance("live", 41);
        assertThat(store.cursor("live")).hasValue(42);
    }

    @Test
    void configIsEmptyAtFirst() {
        assertThat(store.config()).isEmpty();
        store.putConfig(Map.of());
        assertThat(store.config()).isEmpty();
    }

    @Test
    void putConfigInsertsAndOverwritesAndReadsInKeyOrder() {
        Map<String, String> first = new LinkedHashMap<>();
        first.put("version", "2026.1.0");
        first.put("time_zone", "Europe/Berlin");
        first.put("location_name", "Home");
        store.putConfig(first);
        assertThat(store.config()).containsExactly(entry("location_name", "Home"),
                entry("time_zone", "Europe/Berlin"), entry("version", "2026.1.0"));

        Map<String, String> second = new HashMap<>();
        second.put("version", "2026.2.1");
        second.put("unit_system", null);
        store.putConfig(second);
        assertThat(store.config()).containsExactly(entry("location_name", "Home"),
                entry("time_zone", "Europe/Berlin"), entry("unit_system", null), entry("version", "2026.2.1"));
    }
}
