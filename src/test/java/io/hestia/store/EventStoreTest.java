package io.hestia.store;

import io.hestia.ha.home.StateEvent;
import io.hestia.platform.Json;
import io.hestia.store.EventStore.Page;
import io.hestia.store.EventStore.StoredEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventStoreTest {

    private static final long T0 = 1_767_600_000_000L; // 2026-01-05T08:00:00Z

    @TempDir
    Path dir;

    private Database db;
    private EventStore store;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("events.db").toString(), 2, 5000);
        store = new EventStore(db.dataSource());
    }

    @AfterEach
    void close() {
        db.close();
    }

    // ---- insert ----

    @Test
    void emptyStoreHasNoEventsAndNoLatestTime() {
        assertThat(store.count()).isZero();
        assertThat(store.latestTime()).isEmpty();
        assertThat(store.insert(List.of())).isZero();
        Page page = page(null, null, null, 10, null);
        assertThat(page.events()).isEmpty();
        assertThat(page.nextCursor()).isNull();
    }

    @Test
    void insertReturnsTheNumberOfNewRowsAndSkipsDuplicates() {
        StateEvent a = StateEvent.of("light.a", "on", T0, null);
        StateEvent b = StateEvent.of("light.a", "off", T0 + 1000, "on");
        StateEvent c = StateEvent.of("light.b", "on", T0, null);
        assertThat(store.insert(List.of(a, b, c))).isEqualTo(3);
        assertThat(store.count()).isEqualTo(3);

        StateEvent d = StateEvent.of("light.b", "off", T0 + 5000, "on");
        assertThat(store.insert(List.of(a, b, c, d))).isEqualTo(1);
        assertThat(store.count()).isEqualTo(4);
        assertThat(store.insert(List.of(a, b, c, d))).isZero();
        assertThat(store.count()).isEqualTo(4);
    }

    @Test
    void duplicatesInsideOneBatchAreWrittenOnce() {
        StateEvent a = StateEvent.of("light.a", "on", T0, null);
        assertThat(store.insert(List.of(a, a, a))).isEqualTo(1);
        assertThat(store.count()).isEqualTo(1);
    }

    @Test
    void uniquenessIsOnEntityTimeAndStateOnly() {
        StateEvent base = new StateEvent("light.a", "on", Map.of("brightness", 10), T0, T0, null, "c1", null, null,
                "LOCAL");
        assertThat(store.insert(List.of(base))).isEqualTo(1);
        // same key, other attributes/context/old state: a duplicate, the first one stays
        StateEvent sameKey = new StateEvent("light.a", "on", Map.of("brightness", 99), T0 - 5, T0, "off", "c2",
                "u", "p", "REMOTE");
        assertThat(store.insert(List.of(sameKey))).isZero();
        // a different state, entity or time is a new row
        assertThat(store.insert(List.of(StateEvent.of("light.a", "off", T0, null)))).isEqualTo(1);
        assertThat(store.insert(List.of(StateEvent.of("light.b", "on", T0, null)))).isEqualTo(1);
        assertThat(store.insert(List.of(StateEvent.of("light.a", "on", T0 + 1, null)))).isEqualTo(1);
        assertThat(store.count()).isEqualTo(4);
        StoredEvent first = page("light.a", T0, T0 + 1, 10, null).events().stream()
                .filter(e -> e.state().equals("on")).findFirst().orElseThrow();
        assertThat(first.attributesJson()).isEqualTo("{\"brightness\":10}");
        assertThat(first.contextId()).isEqualTo("c1");
    }

    @Test
    void insertCountsNewRowsAcrossSeveralJdbcBatches() {
        List<StateEvent> events = new ArrayList<>();
        for (int i = 0; i < 2_345; i++) {
            events.add(StateEvent.of("sensor.s" + (i % 7), Integer.toString(i), T0 + i, null));
        }
        assertThat(store.insert(events)).isEqualTo(2_345);
        List<StateEvent> again = new ArrayList<>(events.subList(1_000, 2_345));
        for (int i = 0; i < 1_100; i++) {
            again.add(StateEvent.of("sensor.new", Integer.toString(i), T0 + i, null));
        }
        Collections.shuffle(again, new Random(7));
        assertThat(store.insert(again)).isEqualTo(1_100);
        assertThat(store.count()).isEqualTo(3_445);
    }

    @Test
    void storesEveryFieldOfTheStateObject() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("friendly_name", "Kitchen \"main\" light");
        attributes.put("brightness", 200);
        attributes.put("rgb", List.of(1, 2, 3));
        StateEvent full = new StateEvent("light.kitchen", "on", attributes, T0 - 60_000, T0, "off", "ctx-1",
                "user-1", "parent-1", "LOCAL");
        StateEvent bare = StateEvent.of("light.hall", "off", T0 + 1, null);
        store.insert(List.of(full, bare));

        List<StoredEvent> rows = page(null, null, null, 10, null).events();
        assertThat(rows).hasSize(2);
        StoredEvent f = rows.get(0);
        assertThat(f.id()).isPositive();
        assertThat(f.entityId()).isEqualTo("light.kitchen");
        assertThat(f.state()).isEqualTo("on");
        assertThat(f.oldState()).isEqualTo("off");
        assertThat(f.lastUpdated()).isEqualTo(T0);
        assertThat(f.lastChanged()).isEqualTo(T0 - 60_000);
        assertThat(f.contextId()).isEqualTo("ctx-1");
        assertThat(f.userId()).isEqualTo("user-1");
        assertThat(f.parentId()).isEqualTo("parent-1");
        assertThat(f.origin()).isEqualTo("LOCAL");
        assertThat(readJson(f.attributesJson())).isEqualTo(attributes);

        StoredEvent b = rows.get(1);
        assertThat(b.attributesJson()).isNull();
        assertThat(b.oldState()).isNull();
        assertThat(b.contextId()).isNull();
        assertThat(b.userId()).isNull();
        assertThat(b.parentId()).isNull();
        assertThat(b.origin()).isNull();
    }

    // ---- atomicity ----

    @Test
    void aFailingRowRollsBackTheWholeBatch() throws SQLException {
        poison("sensor.poison");
        store.insert(List.of(StateEvent.of("light.before", "on", T0, null)));

        List<StateEvent> batch = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            // the poisoned row is number 1,501: the first JDBC batch of 1,000 rows has already been executed
            String entity = i == 1_500 ? "sensor.poison" : "sensor.s" + (i % 5);
            batch.add(StateEvent.of(entity, "v" + i, T0 + 10 + i, null));
        }
        assertThatThrownBy(() -> store.insert(batch))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("2500")
                .rootCause().hasMessageContaining("poisoned");

        assertThat(store.count()).isEqualTo(1);
        assertThat(page(null, null, null, 10, null).events())
                .extracting(StoredEvent::entityId).containsExactly("light.before");
    }

    @Test
    void aFailingFirstRowWritesNothing() throws SQLException {
        poison("sensor.poison");
        assertThatThrownBy(() -> store.insert(List.of(StateEvent.of("sensor.poison", "x", T0, null),
                StateEvent.of("sensor.ok", "x", T0, null))))
                .isInstanceOf(StoreException.class);
        assertThat(store.count()).isZero();
    }

    @Test
    void theConnectionIsUsableAndAutoCommittingAfterARolledBackBatch() throws SQLException {
        // one pooled connection: the failed insert and the following ones share it
        db.close();
        db = Database.open(dir.resolve("single.db").toString(), 1, 5000);
        store = new EventStore(db.dataSource());
        poison("sensor.poison");
        for (int round = 0; round < 3; round++) {
            int r = round;
            assertThatThrownBy(() -> store.insert(List.of(StateEvent.of("sensor.ok", "a" + r, T0, null),
                    StateEvent.of("sensor.poison", "x", T0, null)))).isInstanceOf(StoreException.class);
        }
        assertThat(store.insert(List.of(StateEvent.of("sensor.ok", "fine", T0, null)))).isEqualTo(1);
        try (Connection c = db.dataSource().getConnection()) {
            assertThat(c.getAutoCommit()).isTrue();
        }
        assertThat(store.count()).isEqualTo(1);
        // committed: visible to a separate Database on the same file
        try (Database other = Database.open(dir.resolve("single.db").toString(), 1, 5000)) {
            assertThat(new EventStore(other.dataSource()).count()).isEqualTo(1);
        }
    }

    @Test
    void insertOnAClosedDatabaseFailsWithStoreException() {
        db.close();
        assertThatThrownBy(() -> store.insert(List.of(StateEvent.of("light.a", "on", T0, null))))
                .isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> store.count()).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> page(null, null, null, 10, null)).isInstanceOf(StoreException.class);
    }

    @Test
    void concurrentWritersOnSeparatePooledConnectionsAllSucceed() throws Exception {
        db.close();
        db = Database.open(dir.resolve("concurrent.db").toString(), 4, 30_000);
        store = new EventStore(db.dataSource());
        int writers = 4;
        int batches = 10;
        int perBatch = 300;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Integer>> results = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                results.add(pool.submit(() -> {
                    start.await();
                    int written = 0;
                    for (int b = 0; b < batches; b++) {
                        List<StateEvent> batch = new ArrayList<>();
                        for (int i = 0; i < perBatch; i++) {
                            // writers overlap on half of their rows: those are duplicates for all but one
                            String entity = i % 2 == 0 ? "sensor.shared" : "sensor.w" + writer;
                            batch.add(StateEvent.of(entity, "v", T0 + b * perBatch + i, null));
                        }
                        written += store.insert(batch);
                    }
                    return written;
                }));
            }
            start.countDown();
            int total = 0;
            for (java.util.concurrent.Future<Integer> f : results) {
                total += f.get(2, java.util.concurrent.TimeUnit.MINUTES);
            }
            int shared = batches * perBatch / 2;
            int own = writers * batches * perBatch / 2;
            assertThat(total).isEqualTo(shared + own);
            assertThat(store.count()).isEqualTo(shared + own);
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- paging ----

    @Test
    void pagingVisitsEveryEventExactlyOnceInTimeThenIdOrder() {
        List<StateEvent> events = tiedEvents(2_500);
        assertThat(store.insert(events)).isEqualTo(2_500);

        for (int limit : new int[] {1, 7, 97, 1_000, 2_499, 2_500, 10_000}) {
            List<StoredEvent> all = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                Page p = page(null, null, null, limit, cursor);
                assertThat(p.events().size()).isLessThanOrEqualTo(limit);
                if (p.nextCursor() != null) {
                    assertThat(p.events()).hasSize(limit);
                }
                all.addAll(p.events());
                cursor = p.nextCursor();
                pages++;
                assertThat(pages).as("pages for limit %d", limit).isLessThanOrEqualTo(2_500 / limit + 2);
            } while (cursor != null);

            assertThat(all).as("limit %d", limit).hasSize(2_500);
            assertThat(all.stream().map(StoredEvent::id).distinct().count()).isEqualTo(2_500);
            assertThat(all).isSortedAccordingTo(TIME_THEN_ID);
            assertThat(all.stream().map(e -> e.entityId() + "|" + e.lastUpdated() + "|" + e.state()).distinct().count())
                    .isEqualTo(2_500);
            assertThat(pages).isEqualTo((2_500 + limit - 1) / limit);
        }
    }

    @Test
    void tiesOnTheSameMillisecondAreOrderedById() {
        // inserted in reverse entity order: ids are not in entity order
        store.insert(List.of(StateEvent.of("light.c", "on", T0, null), StateEvent.of("light.b", "on", T0, null),
                StateEvent.of("light.a", "on", T0, null), StateEvent.of("light.z", "on", T0 - 1, null)));
        List<StoredEvent> seen = new ArrayList<>();
        String cursor = null;
        do {
            Page p = page(null, null, null, 1, cursor);
            seen.addAll(p.events());
            cursor = p.nextCursor();
        } while (cursor != null);
        assertThat(seen).extracting(StoredEvent::entityId).containsExactly("light.z", "light.c", "light.b", "light.a");
        assertThat(seen.subList(1, 4)).extracting(StoredEvent::id).isSorted();
        assertThat(seen.get(0).id()).isGreaterThan(seen.get(3).id());
    }

    @Test
    void lastPageHasNoCursorEvenWhenItIsExactlyFull() {
        store.insert(List.of(StateEvent.of("light.a", "1", T0, null), StateEvent.of("light.a", "2", T0 + 1, null)));
        Page first = page(null, null, null, 1, null);
        assertThat(first.nextCursor()).isNotNull();
        Page second = page(null, null, null, 1, first.nextCursor());
        assertThat(second.events()).extracting(StoredEvent::state).containsExactly("2");
        assertThat(second.nextCursor()).isNull();
        assertThat(page(null, null, null, 2, null).nextCursor()).isNull();
    }

    @Test
    void entityFilterAndHalfOpenWindow() {
        List<StateEvent> events = new ArrayList<>(tiedEvents(2_500));
        long start = T0 + 100;
        long end = T0 + 300;
        String entity = "sensor.e3";
        // events exactly on both bounds, of the entity and of another one
        for (long t : new long[] {start, end}) {
            events.add(StateEvent.of(entity, "bound", t, null));
            events.add(StateEvent.of("sensor.other", "bound", t, null));
        }
        store.insert(events);

        List<StoredEvent> all = new ArrayList<>();
        String cursor = null;
        do {
            Page p = page(entity, start, end, 13, cursor);
            all.addAll(p.events());
            cursor = p.nextCursor();
        } while (cursor != null);

        long expected = events.stream().filter(e -> e.entityId().equals(entity) && e.lastUpdated() >= start
                && e.lastUpdated() < end).count();
        assertThat(expected).isGreaterThan(13);
        assertThat(all).hasSize((int) expected);
        assertThat(all).allSatisfy(e -> {
            assertThat(e.entityId()).isEqualTo(entity);
            assertThat(e.lastUpdated()).isGreaterThanOrEqualTo(start).isLessThan(end);
        });
        assertThat(all).isSortedAccordingTo(TIME_THEN_ID);
        assertThat(all).extracting(StoredEvent::lastUpdated).contains(start).doesNotContain(end);
    }

    @Test
    void windowBoundsAreStartInclusiveEndExclusive() {
        store.insert(List.of(StateEvent.of("light.a", "1", T0, null), StateEvent.of("light.a", "2", T0 + 10, null),
                StateEvent.of("light.a", "3", T0 + 20, null)));
        assertThat(page(null, T0, T0 + 20, 10, null).events()).extracting(StoredEvent::state)
                .containsExactly("1", "2");
        assertThat(page(null, T0 + 10, null, 10, null).events()).extracting(StoredEvent::state)
                .containsExactly("2", "3");
        assertThat(page(null, null, T0 + 10, 10, null).events()).extracting(StoredEvent::state)
                .containsExactly("1");
        assertThat(page(null, T0 + 10, T0 + 10, 10, null).events()).isEmpty();
        assertThat(page("light.b", null, null, 10, null).events()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a cursor", "@@@", "", "MTIz", "YWJjOjEy", "MTI6eA", "OjE"})
    void badCursorIsRejected(String cursor) {
        // MTIz = "123" (no colon), YWJjOjEy = "abc:12", MTI6eA = "12:x", OjE = ":1"
        assertThatThrownBy(() -> store.page(null, null, null, 10, cursor))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cursor");
    }

    @Test
    void aCursorOfThisStoreRoundTrips() {
        String cursor = EventStore.encodeCursor(T0, 42);
        assertThat(EventStore.decodeCursor(cursor)).containsExactly(T0, 42);
        assertThat(EventStore.decodeCursor(EventStore.encodeCursor(-5, Long.MAX_VALUE)))
                .containsExactly(-5, Long.MAX_VALUE);
        assertThat(cursor).doesNotContain("=", "+", "/");
        assertThat(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII))
                .isEqualTo(T0 + ":42");
    }

    // ---- stream ----

    @Test
    void streamVisitsEveryEventOfTheWindowInOrder() {
        List<StateEvent> events = tiedEvents(2_500);
        store.insert(events);
        long start = T0 + 17;
        long end = T0 + 401;
        List<StoredEvent> seen = new ArrayList<>();
        long n = store.stream(start, end, seen::add);

        long expected = events.stream().filter(e -> e.lastUpdated() >= start && e.lastUpdated() < end).count();
        assertThat(n).isEqualTo(expected).isEqualTo(seen.size());
        assertThat(seen).isSortedAccordingTo(TIME_THEN_ID);
        assertThat(seen).allSatisfy(e -> assertThat(e.lastUpdated()).isGreaterThanOrEqualTo(start).isLessThan(end));
        assertThat(seen.stream().map(StoredEvent::id).distinct().count()).isEqualTo(expected);

        // the same events, in the same order, as paging the window
        List<StoredEvent> paged = new ArrayList<>();
        String cursor = null;
        do {
            Page p = page(null, start, end, 50, cursor);
            paged.addAll(p.events());
            cursor = p.nextCursor();
        } while (cursor != null);
        assertThat(seen).isEqualTo(paged);
    }

    @Test
    void streamOfTheWholeHistoryAndOfAnEmptyWindow() {
        store.insert(tiedEvents(2_500));
        List<StoredEvent> seen = new ArrayList<>();
        assertThat(store.stream(Long.MIN_VALUE, Long.MAX_VALUE, seen::add)).isEqualTo(2_500);
        assertThat(seen).isSortedAccordingTo(TIME_THEN_ID);
        assertThat(store.stream(T0 - 1000, T0, e -> { throw new AssertionError("no event expected"); })).isZero();
    }

    @Test
    void oneEntitysStatesStreamInTheSameOrderAsItsPagesAndNoOtherEntitys() {
        List<StateEvent> events = tiedEvents(2_500);
        store.insert(events);
        long start = T0 + 17;
        long end = T0 + 401;
        List<String> seen = new ArrayList<>();
        long n = store.streamStates("sensor.e3", start, end, (entity, state, old, time) ->
                seen.add(entity + "|" + state + "|" + old + "|" + time));

        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            Page p = page("sensor.e3", start, end, 50, cursor);
            p.events().forEach(e -> paged.add(e.entityId() + "|" + e.state() + "|" + e.oldState() + "|"
                    + e.lastUpdated()));
            cursor = p.nextCursor();
        } while (cursor != null);
        assertThat(paged).isNotEmpty().allSatisfy(e -> assertThat(e).startsWith("sensor.e3|"));
        assertThat(seen).isEqualTo(paged);
        assertThat(n).isEqualTo(seen.size());
        assertThat(store.streamStates("sensor.none", Long.MIN_VALUE, Long.MAX_VALUE, (e, s, o, t) -> {
            throw new AssertionError("no event expected");
        })).isZero();
    }

    // ---- count / latestTime ----

    @Test
    void latestTimeIsTheGreatestLastUpdated() {
        store.insert(List.of(StateEvent.of("light.a", "on", T0 + 50, null)));
        assertThat(store.latestTime()).hasValue(T0 + 50);
        // an older event does not move it back
        store.insert(List.of(StateEvent.of("light.b", "on", T0 - 50, null)));
        assertThat(store.latestTime()).hasValue(T0 + 50);
        // last_updated, not last_changed, decides
        store.insert(List.of(new StateEvent("light.c", "on", null, T0 + 9_000, T0 + 60, null, null, null, null,
                null)));
        assertThat(store.latestTime()).hasValue(T0 + 60);
        assertThat(store.count()).isEqualTo(3);
    }

    // ---- helpers ----

    private static final Comparator<StoredEvent> TIME_THEN_ID =
            Comparator.comparingLong(StoredEvent::lastUpdated).thenComparingLong(StoredEvent::id);

    /**
     * {@code n} events over 10 entities where many share a millisecond (up to 10 per ms), inserted in a
     * shuffled order so that ids do not follow time.
     */
    private static List<StateEvent> tiedEvents(int n) {
        Random random = new Random(42);
        List<StateEvent> events = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        int i = 0;
        while (events.size() < n) {
            String entity = "sensor.e" + random.nextInt(10);
            long time = T0 + random.nextInt(500);
            String state = "s" + (i++ % 3);
            if (keys.add(entity + "|" + time + "|" + state)) {
                events.add(StateEvent.of(entity, state, time, null));
            }
        }
        Collections.shuffle(events, random);
        return events;
    }

    private void poison(String entity) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TRIGGER poison_" + entity.replace('.', '_') + " BEFORE INSERT ON events WHEN NEW.entity_id = '"
                    + entity + "' BEGIN SELECT RAISE(ABORT, 'poisoned row'); END");
        }
    }

    private static Object readJson(String json) {
        try {
            return Json.mapper().readValue(json, Object.class);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private Page page(String entity, Long start, Long end, int limit, String cursor) {
        return store.page(entity, start, end, limit, cursor);
    }
}
