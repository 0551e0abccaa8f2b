package io.hestia.ha;

import io.hestia.ha.HomeDataService.EventPage;
import io.hestia.ha.HomeDataService.EventView;
import io.hestia.ha.HomeDataService.IngestResult;
import io.hestia.ha.home.Home;
import io.hestia.ha.home.StateEvent;
import io.hestia.platform.InvalidInputException;
import io.hestia.platform.InvalidInputException.FieldError;
import io.hestia.platform.Json;
import io.hestia.store.Database;
import io.hestia.store.EventStore;
import io.hestia.store.RegistryStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

class HomeDataServiceTest {

    private static final long T0 = 1_767_596_699_123L; // 2026-01-05T07:04:59.123Z
    private static final String T0_TEXT = "2026-01-05T07:04:59.123000+00:00";

    @TempDir
    Path dir;

    private Database db;
    private EventStore events;
    private RegistryStore registry;
    private HomeDataService service;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("home.db").toString(), 2, 5000);
        events = new EventStore(db.dataSource());
        registry = new RegistryStore(db.dataSource());
        service = new HomeDataService(registry, events);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static InputStream body(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static FieldError onlyError(Runnable call) {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, call::run);
        assertThat(e).as("an InvalidInputException").isNotNull();
        assertThat(e.errors()).hasSize(1);
        FieldError fe = e.errors().get(0);
        assertThat(e.getMessage()).startsWith(fe.field() + ": ");
        return fe;
    }

    // ---- parameter validation ----

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "10001", "abc", "1.5", "1e3", "99999999999"})
    void badLimitIsNamed(String limit) {
        FieldError events = onlyError(() -> service.events(null, null, null, limit, null));
        assertThat(events.field()).isEqualTo("limit");
        assertThat(events.row()).isNull();
        assertThat(events.message()).contains(limit);
        assertThat(onlyError(() -> service.entities(null, null, null, limit)).field()).isEqualTo("limit");
    }

    @Test
    void limitBoundsAndDefault() {
        assertThat(HomeDataService.intParam("limit", null, 1000, 1, 10_000)).isEqualTo(1000);
        assertThat(HomeDataService.intParam("limit", "  ", 1000, 1, 10_000)).isEqualTo(1000);
        assertThat(HomeDataService.intParam("limit", " 7 ", 1000, 1, 10_000)).isEqualTo(7);
        assertThat(HomeDataService.intParam("limit", "1", 1000, 1, 10_000)).isEqualTo(1);
        assertThat(HomeDataService.intParam("limit", "10000", 1000, 1, 10_000)).isEqualTo(10_000);
        assertThat(onlyError(() -> HomeDataService.intParam("limit", "10001", 1000, 1, 10_000)).message())
                .isEqualTo("must be between 1 and 10000, was 10001");
        assertThat(onlyError(() -> HomeDataService.intParam("limit", "x", 1000, 1, 10_000)).message())
                .isEqualTo("must be a whole number, was 'x'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Light.Kitchen", "light", "light.kitchen.main", "light.__x", "light kitchen"})
    void badEntityIdIsNamed(String entityId) {
        FieldError fe = onlyError(() -> service.events(entityId, null, null, null, null));
        assertThat(fe.field()).isEqualTo("entity_id");
        assertThat(fe.message()).contains(entityId.trim());
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2026-01-05", "2026-01-05T07:04:59", "2026-02-30T00:00:00Z", "1767596699123"})
    void badStartAndEndAreNamed(String time) {
        assertThat(onlyError(() -> service.events(null, time, null, null, null)).field()).isEqualTo("start");
        assertThat(onlyError(() -> service.events(null, null, time, null, null)).field()).isEqualTo("end");
        assertThat(onlyError(() -> service.events(null, "2026-01-05T07:04:59Z", time, null, null)).message())
                .contains(time);
    }

    @Test
    void endBeforeStartIsNamed() {
        FieldError fe = onlyError(() -> service.events(null, "2026-01-05T08:00:00Z", "2026-01-05T07:59:59.999Z",
                null, null));
        assertThat(fe.field()).isEqualTo("end");
        assertThat(fe.message()).contains("before start");
        // equal bounds are an empty window, not an error
        assertThat(service.events(null, "2026-01-05T08:00:00Z", "2026-01-05T09:00:00+01:00", null, null).events())
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "MTIz", "@@", "YWJjOmRlZg"})
    void badCursorIsNamed(String cursor) {
        FieldError fe = onlyError(() -> service.events(null, null, null, null, cursor));
        assertThat(fe.field()).isEqualTo("cursor");
    }

    @Test
    void blankParametersAreAbsent() {
        events.insert(List.of(StateEvent.of("light.a", "on", T0, null)));
        EventPage page = service.events(" ", "", "  ", "", " ");
        assertThat(page.events()).hasSize(1);
        assertThat(page.nextCursor()).isNull();
    }

    @Test
    void parametersAreTrimmed() {
        events.insert(List.of(StateEvent.of("light.a", "on", T0, null), StateEvent.of("light.b", "on", T0, null)));
        EventPage page = service.events(" light.a ", " 2026-01-05T07:04:59.123Z ", null, " 10 ", null);
        assertThat(page.events()).extracting(EventView::entityId).containsExactly("light.a");
    }

    // ---- events ----

    @Test
    void eventsArePagedWithTheStoreCursorAndFiltered() {
        List<StateEvent> batch = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            batch.add(StateEvent.of(i % 2 == 0 ? "light.a" : "light.b", "s" + i, T0 + i * 1000L, null));
        }
        events.insert(batch);

        List<EventView> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            EventPage page = service.events("light.a", HaTime.format(T0 + 2000), HaTime.format(T0 + 20_000), "3",
                    cursor);
            seen.addAll(page.events());
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);
        // light.a at 2s, 4s, ..., 18s: 9 events in 3 pages
        assertThat(seen).extracting(EventView::state)
                .containsExactly("s2", "s4", "s6", "s8", "s10", "s12", "s14", "s16", "s18");
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void eventViewsAreInHaShape() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("brightness", 200);
        events.insert(List.of(
                new StateEvent("light.a", "on", attributes, T0 - 1000, T0, "off", "ctx", null, "parent", "LOCAL"),
                StateEvent.of("light.b", "off", T0 + 1, null)));
        List<EventView> views = service.events(null, null, null, null, null).events();
        assertThat(views).hasSize(2);
        EventView a = views.get(0);
        assertThat(a.id()).isPositive();
        assertThat(a.entityId()).isEqualTo("light.a");
        assertThat(a.lastUpdated()).isEqualTo(T0_TEXT);
        assertThat(a.lastChanged()).isEqualTo("2026-01-05T07:04:58.123000+00:00");
        assertThat(a.oldState()).isEqualTo("off");
        assertThat(a.context()).containsExactly(entry("id", "ctx"), entry("parent_id", "parent"),
                entry("user_id", null));
        assertThat(a.origin()).isEqualTo("LOCAL");

        String json = Json.write(a);
        assertThat(json).contains("\"attributes\":{\"brightness\":200}")
                .contains("\"entity_id\":\"light.a\"")
                .contains("\"last_updated\":\"" + T0_TEXT + "\"")
                .contains("\"old_state\":\"off\"");

        EventView b = views.get(1);
        assertThat(b.context()).isNull();
        String bare = Json.write(b);
        assertThat(bare).doesNotContain("context", "attributes", "old_state", "origin");
    }

    // ---- registry ----

    @Test
    void entitiesUseBlankAsAbsentAndTheLimit() {
        registry.replace(List.of(), List.of(new Home.Area("kitchen", "Kitchen", null, null)), List.of(), List.of(
                new Home.Entity("light.a", "A", null, "kitchen", null, null, "on", null),
                new Home.Entity("light.b", "B", null, null, null, null, "on", null),
                new Home.Entity("switch.c", "C", null, "kitchen", null, null, "on", null)));
        assertThat(service.entities(" ", "", " ", null)).hasSize(3);
        assertThat(service.entities(" light ", null, null, "1")).extracting(RegistryStore.EntityRow::entityId)
                .containsExactly("light.a");
        assertThat(service.entities(null, "kitchen", " c ", null)).extracting(RegistryStore.EntityRow::entityId)
                .containsExactly("switch.c");
        assertThat(service.areas()).extracting(RegistryStore.AreaRow::areaId).containsExactly("kitchen");
        assertThat(service.floors()).isEmpty();
    }

    // ---- ingest ----

    @Test
    void ingestReportsAcceptedWrittenAndDuplicates() {
        String first = "[" + obj("light.a", "on", "2026-01-05T07:00:00Z") + ","
                + obj("light.a", "off", "2026-01-05T07:01:00Z") + "]";
        assertThat(service.ingest(body(first))).isEqualTo(new IngestResult(2, 2, 0));

        String second = obj("light.a", "off", "2026-01-05T07:01:00Z") + "\n"
                + obj("light.a", "on", "2026-01-05T07:02:00Z") + "\n"
                + obj("light.a", "on", "2026-01-05T07:02:00Z") + "\n";
        assertThat(service.ingest(body(second))).isEqualTo(new IngestResult(3, 1, 2));
        assertThat(service.ingest(body(second))).isEqualTo(new IngestResult(3, 0, 3));
        assertThat(events.count()).isEqualTo(3);
        assertThat(service.ingest(body("[]"))).isEqualTo(new IngestResult(0, 0, 0));
    }

    @Test
    void ingestWritesNothingWhenARowIsBad() {
        String batch = "[" + obj("light.a", "on", "2026-01-05T07:00:00Z") + ","
                + obj("light.b", "on", "not a time") + "]";
        assertThatThrownBy(() -> service.ingest(body(batch)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("[1].last_changed"));
        assertThat(events.count()).isZero();
    }

    private static String obj(String entity, String state, String time) {
        return "{\"entity_id\":\"" + entity + "\",\"state\":\"" + state + "\",\"last_changed\":\"" + time + "\"}";
    }
}
