package io.hestia.ha;

import io.hestia.ha.home.StateEvent;
import io.hestia.platform.InvalidInputException;
import io.hestia.platform.InvalidInputException.FieldError;
import io.hestia.platform.PayloadTooLargeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

class StateObjectReaderTest {

    private static final String T1 = "2026-01-05T07:04:59.123456+00:00";
    private static final long T1_MS = 1_767_596_699_123L;
    private static final String T2 = "2026-01-05T07:05:00+00:00";
    private static final long T2_MS = 1_767_596_700_000L;

    private static InputStream body(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<StateEvent> read(String text) {
        return StateObjectReader.readBatch(body(text), 1_000);
    }

    private static InvalidInputException invalid(String text) {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> read(text));
        assertThat(e).as("InvalidInputException for %s", text).isNotNull();
        return e;
    }

    private static String obj(String entity, String state, String time) {
        return "{\"entity_id\":\"" + entity + "\",\"state\":\"" + state + "\",\"last_changed\":\"" + time
                + "\",\"last_updated\":\"" + time + "\"}";
    }

    // ---- shapes ----

    @Test
    void readsAJsonArrayOfFullStateObjects() {
        String json = """
                [
                  {"entity_id": "light.kitchen", "state": "on",
                   "attributes": {"brightness": 200, "friendly_name": "Kitchen", "rgb": [1, 2, 3], "extra": null},
                   "last_changed": "2026-01-05T07:04:59.123456+00:00",
                   "last_updated": "2026-01-05T07:05:00+00:00",
                   "old_state": {"entity_id": "light.kitchen", "state": "off", "attributes": {"x": {"y": 1}}},
                   "context": {"id": "01JGX", "parent_id": "01JGP", "user_id": "u1", "other": {"deep": [1]}},
                   "origin": "LOCAL",
                   "unknown_field": {"nested": [1, {"a": 2}]}},
                  {"entity_id": "sensor.temp", "state": "21.5", "last_changed": "2026-01-05T07:05:00Z"}
                ]""";
        List<StateEvent> events = read(json);
        assertThat(events).hasSize(2);
        StateEvent a = events.get(0);
        assertThat(a.entityId()).isEqualTo("light.kitchen");
        assertThat(a.state()).isEqualTo("on");
        assertThat(a.attributes()).containsEntry("brightness", 200).containsEntry("friendly_name", "Kitchen")
                .containsEntry("rgb", List.of(1, 2, 3)).containsEntry("extra", null).hasSize(4);
        assertThat(a.lastChanged()).isEqualTo(T1_MS);
        assertThat(a.lastUpdated()).isEqualTo(T2_MS);
        assertThat(a.oldState()).isEqualTo("off");
        assertThat(a.contextId()).isEqualTo("01JGX");
        assertThat(a.parentId()).isEqualTo("01JGP");
        assertThat(a.userId()).isEqualTo("u1");
        assertThat(a.origin()).isEqualTo("LOCAL");

        StateEvent b = events.get(1);
        assertThat(b).isEqualTo(new StateEvent("sensor.temp", "21.5", null, T2_MS, T2_MS, null, null, null, null,
                null));
    }

    @Test
    void readsNdjson() {
        String ndjson = obj("light.a", "on", T1) + "\n" + obj("light.b", "off", T1) + "\r\n\n"
                + obj("light.c", "on", T2) + "\n";
        assertThat(read(ndjson)).extracting(StateEvent::entityId, StateEvent::state, StateEvent::lastUpdated)
                .containsExactly(tuple("light.a", "on", T1_MS), tuple("light.b", "off", T1_MS),
                        tuple("light.c", "on", T2_MS));
        // a single object is NDJSON of one line
        assertThat(read(obj("light.a", "on", T1))).hasSize(1);
    }

    @Test
    void anEmptyArrayIsAnEmptyBatch() {
        assertThat(read("[]")).isEmpty();
        assertThat(read("  [ ]  \n")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\n\n", "\t \r\n"})
    void anEmptyBodyIsRefused(String text) {
        InvalidInputException e = invalid(text);
        assertThat(e.getMessage()).contains("empty");
        assertThat(e.errors()).containsExactly(new FieldError(null, "body", "empty"));
    }

    @Test
    void malformedJsonNamesThePosition() {
        InvalidInputException e = invalid("[\n  {\"entity_id\": \"light.a\",\n   \"state\": }\n]");
        assertThat(e.getMessage()).startsWith("malformed JSON at line 3, column ");
        assertThat(e.errors()).singleElement().satisfies(fe -> {
            assertThat(fe.row()).isNull();
            assertThat(fe.field()).isEqualTo("body");
            assertThat(fe.message()).startsWith("malformed JSON at line 3, column ");
        });
    }

    @Test
    void malformedNdjsonNamesTheLine() {
        String ndjson = obj("light.a", "on", T1) + "\n" + obj("light.b", "on", T1) + "\n{\"entity_id\": oops}\n";
        assertThat(invalid(ndjson).getMessage()).startsWith("malformed JSON at line 3, column ");
    }

    @Test
    void anUnterminatedArrayIsMalformed() {
        assertThat(invalid("[" + obj("light.a", "on", T1)).getMessage()).startsWith("malformed JSON");
        assertThat(invalid("[" + obj("light.a", "on", T1) + ",").getMessage()).startsWith("malformed JSON");
    }

    @Test
    void contentAfterTheArrayIsRefused() {
        InvalidInputException e = invalid("[" + obj("light.a", "on", T1) + "] " + obj("light.b", "on", T1));
        assertThat(e.errors()).extracting(FieldError::field).containsExactly("body");
        assertThat(e.getMessage()).contains("after the JSON array");
        assertThat(invalid("[] garbage").getMessage()).startsWith("malformed JSON");
    }

    // ---- size limit ----

    @Test
    void moreThanMaxEventsIsPayloadTooLarge() {
        String three = "[" + obj("light.a", "1", T1) + "," + obj("light.a", "2", T1) + ","
                + obj("light.a", "3", T1) + "]";
        assertThat(StateObjectReader.readBatch(body(three), 3)).hasSize(3);
        assertThatThrownBy(() -> StateObjectReader.readBatch(body(three), 2))
                .isInstanceOf(PayloadTooLargeException.class)
                .hasMessageContaining("2");

        String ndjson = obj("light.a", "1", T1) + "\n" + obj("light.a", "2", T1) + "\n" + obj("light.a", "3", T1);
        assertThat(StateObjectReader.readBatch(body(ndjson), 3)).hasSize(3);
        assertThatThrownBy(() -> StateObjectReader.readBatch(body(ndjson), 2))
                .isInstanceOf(PayloadTooLargeException.class);
    }

    @Test
    void badRowsCountTowardsTheLimit() {
        assertThatThrownBy(() -> StateObjectReader.readBatch(body("[1, 2, 3]"), 2))
                .isInstanceOf(PayloadTooLargeException.class);
    }

    // ---- row validation ----

    @Test
    void everyBadRowIsReportedWithItsRowAndFieldAndNothingIsReturned() {
        String longState = "x".repeat(256);
        String json = "[\n"
                + obj("light.ok", "on", T1) + ",\n"                                                  // 0 ok
                + "{\"state\": \"on\", \"last_changed\": \"" + T1 + "\"},\n"                         // 1
                + "{\"entity_id\": \"Light.Bad\", \"state\": \"on\", \"last_changed\": \"" + T1 + "\"},\n" // 2
                + "{\"entity_id\": \"light.a\", \"state\": \"on\", \"last_changed\": \"yesterday\"},\n" // 3
                + "{\"entity_id\": \"light.a\", \"state\": 21.5, \"last_changed\": \"" + T1 + "\"},\n"  // 4
                + "{\"entity_id\": \"light.a\", \"state\": \"" + longState + "\", \"last_changed\": \"" + T1 + "\"},\n" // 5
                + "{\"entity_id\": \"light.a\", \"state\": \"on\", \"attributes\": [1], \"last_changed\": \"" + T1 + "\"},\n" // 6
                + "{\"entity_id\": \"light.a\", \"state\": \"on\", \"context\": \"c\", \"last_changed\": \"" + T1 + "\"},\n" // 7
                + "{\"entity_id\": \"light.a\", \"state\": \"on\", \"old_state\": 5, \"last_changed\": \"" + T1 + "\"},\n" // 8
                + "42,\n"                                                                             // 9
                + "{\"entity_id\": \"light.a\", \"state\": \"on\"},\n"                                // 10
                + "{\"entity_id\": \"light.a\", \"last_changed\": \"" + T1 + "\"},\n"                 // 11
                + "{\"entity_id\": 7, \"state\": \"on\", \"last_changed\": \"" + T1 + "\"},\n"        // 12
                + "{\"entity_id\": \"light.a\", \"state\": \"on\", \"last_changed\": \"" + T1
                + "\", \"last_updated\": \"2026-02-30T00:00:00Z\"},\n"                               // 13
                + "{\"entity_id\": \"light.a\", \"state\": {\"nested\": [1, 2]}, \"last_changed\": \"" + T1
                + "\", \"origin\": 1},\n"                                                             // 14
                + obj("light.ok", "off", T2) + "\n"                                                  // 15 ok
                + "]";
        InvalidInputException e = invalid(json);
        assertThat(e.errors().stream().map(fe -> tuple(fe.row(), fe.field())).distinct()).containsExactly(
                tuple(1, "[1].entity_id"),
                tuple(2, "[2].entity_id"),
                tuple(3, "[3].last_changed"),
                tuple(4, "[4].state"),
                tuple(5, "[5].state"),
                tuple(6, "[6].attributes"),
                tuple(7, "[7].context"),
                tuple(8, "[8].old_state"),
                tuple(9, "[9]"),
                tuple(10, "[10].last_changed"),
                tuple(11, "[11].state"),
                tuple(12, "[12].entity_id"),
                tuple(13, "[13].last_updated"),
                tuple(14, "[14].state"),
                tuple(14, "[14].origin"));
        assertThat(e.getMessage()).startsWith("14 of 16 events are invalid; nothing was written")
                .contains("row 1, [1].entity_id: is required");
        assertThat(e.errors()).contains(
                new FieldError(1, "[1].entity_id", "is required"),
                new FieldError(3, "[3].last_changed", "'yesterday' is not an ISO-8601 time with offset"),
                new FieldError(4, "[4].state", "must be a string"),
                new FieldError(5, "[5].state", "is 256 characters; HA states are at most 255"),
                new FieldError(6, "[6].attributes", "must be an object"),
                new FieldError(7, "[7].context", "must be an object"),
                new FieldError(10, "[10].last_changed", "is required (or last_updated)"),
                new FieldError(11, "[11].state", "is required"),
                new FieldError(12, "[12].entity_id", "must be a string"),
                new FieldError(14, "[14].origin", "must be a string"));
        assertThat(e.errors()).filteredOn(fe -> fe.row() == 2).singleElement()
                .satisfies(fe -> assertThat(fe.message()).contains("'Light.Bad'"));
        assertThat(e.errors()).filteredOn(fe -> fe.row() == 9).singleElement()
                .satisfies(fe -> assertThat(fe.message()).contains("expected a state object"));
        assertThat(e.errors()).filteredOn(fe -> fe.row() == 14).hasSize(2);
    }

    @Test
    void aSingleBadRowAmongGoodOnesRejectsTheBatch() {
        String json = "[" + obj("light.a", "1", T1) + "," + obj("light.a", "2", T1) + "," + obj("light.a", "3", T1)
                + ",{\"entity_id\": \"light.a\", \"state\": \"4\", \"last_changed\": \"2026-01-05T07:04:59\"}]";
        InvalidInputException e = invalid(json);
        assertThat(e.errors()).containsExactly(new FieldError(3, "[3].last_changed",
                "'2026-01-05T07:04:59' is not an ISO-8601 time with offset"));
        assertThat(e.getMessage()).startsWith("1 of 4 events are invalid");
    }

    @Test
    void ndjsonRowsAreNumberedToo() {
        String ndjson = obj("light.a", "1", T1) + "\n{\"entity_id\": \"light.a\", \"state\": \"2\"}\n";
        assertThat(invalid(ndjson).errors()).extracting(FieldError::row, FieldError::field)
                .containsExactly(tuple(1, "[1].last_changed"));
    }

    @Test
    void aNullStateIsRefusedLikeAMissingOne() {
        InvalidInputException e = invalid("[{\"entity_id\": \"light.a\", \"state\": null, \"last_changed\": \""
                + T1 + "\"}]");
        assertThat(e.errors()).extracting(FieldError::row, FieldError::field).containsExactly(tuple(0, "[0].state"));
    }

    @Test
    void aNullStateInHistoryIsAnInvalidItem() {
        assertThatThrownBy(() -> history("[[{\"entity_id\": \"light.a\", \"state\": null, \"last_changed\": \""
                + T1 + "\"}]]"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("[0].state");
    }

    @Test
    void aNullEntityIdIsRefused() {
        InvalidInputException e = invalid("[{\"entity_id\": null, \"state\": \"on\", \"last_changed\": \""
                + T1 + "\"}]");
        assertThat(e.errors()).containsExactly(new FieldError(0, "[0].entity_id", "is required"));
    }

    @Test
    void stateLengthLimitIs255Characters() {
        String max = "é".repeat(255);
        assertThat(read("[" + obj("sensor.a", max, T1) + "]")).singleElement()
                .extracting(StateEvent::state).isEqualTo(max);
        assertThat(invalid("[" + obj("sensor.a", max + "x", T1) + "]").errors())
                .extracting(FieldError::field).containsExactly("[0].state");
        // the empty string is a state
        assertThat(read("[" + obj("sensor.a", "", T1) + "]")).singleElement()
                .extracting(StateEvent::state).isEqualTo("");
    }

    @Test
    void atMostFiftyErrorsAreReportedButAllAreCounted() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < 70; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"entity_id\": \"bad\", \"state\": \"on\", \"last_changed\": \"")
                    .append(T1).append("\"}");
        }
        sb.append(',').append(obj("light.ok", "on", T1)).append(']');
        InvalidInputException e = invalid(sb.toString());
        assertThat(e.errors()).hasSize(50);
        assertThat(e.errors().get(49).row()).isEqualTo(49);
        assertThat(e.getMessage()).startsWith("70 of 71 events are invalid; nothing was written (first 50 shown)");
    }

    // ---- field semantics ----

    @Test
    void oldStateMayBeAnObjectAStringOrNull() {
        String json = "["
                + "{\"entity_id\": \"light.a\", \"state\": \"on\", \"last_changed\": \"" + T1 + "\","
                + " \"old_state\": {\"state\": \"off\", \"attributes\": {\"a\": [1, {\"state\": \"nested\"}]},"
                + " \"context\": {\"id\": \"x\"}, \"last_changed\": \"bad time is not checked\"}},"
                + "{\"entity_id\": \"light.a\", \"state\": \"on\", \"last_changed\": \"" + T2 + "\","
                + " \"old_state\": \"unavailable\"},"
                + "{\"entity_id\": \"light.b\", \"state\": \"on\", \"last_changed\": \"" + T2 + "\","
                + " \"old_state\": null},"
                + "{\"entity_id\": \"light.c\", \"state\": \"on\", \"last_changed\": \"" + T2 + "\","
                + " \"old_state\": {\"attributes\": {}}}"
                + "]";
        List<StateEvent> events = read(json);
        assertThat(events).extracting(StateEvent::oldState).containsExactly("off", "unavailable", null, null);
        // the old state's context did not leak into the event
        assertThat(events.get(0).contextId()).isNull();
    }

    @Test
    void contextFieldsAreRead() {
        String json = "[{\"entity_id\": \"light.a\", \"state\": \"on\", \"last_changed\": \"" + T1 + "\","
                + " \"context\": {\"id\": \"ctx\", \"parent_id\": null, \"user_id\": \"user\", \"x\": [1, 2]}},"
                + "{\"entity_id\": \"light.a\", \"state\": \"off\", \"last_changed\": \"" + T2 + "\","
                + " \"context\": null, \"origin\": \"REMOTE\"}]";
        List<StateEvent> events = read(json);
        assertThat(events.get(0)).extracting(StateEvent::contextId, StateEvent::parentId, StateEvent::userId)
                .containsExactly("ctx", null, "user");
        assertThat(events.get(1)).extracting(StateEvent::contextId, StateEvent::parentId, StateEvent::userId,
                StateEvent::origin).containsExactly(null, null, null, "REMOTE");
    }

    @Test
    void lastUpdatedDefaultsToLastChangedAndViceVersa() {
        String json = "[{\"entity_id\": \"light.a\", \"state\": \"on\", \"last_changed\": \"" + T1 + "\"},"
                + "{\"entity_id\": \"light.a\", \"state\": \"off\", \"last_updated\": \"" + T2 + "\"},"
                + "{\"entity_id\": \"light.a\", \"state\": \"x\", \"last_changed\": \"" + T1 + "\", "
                + "\"last_updated\": null}]";
        List<StateEvent> events = read(json);
        assertThat(events).extracting(StateEvent::lastChanged, StateEvent::lastUpdated).containsExactly(
                tuple(T1_MS, T1_MS), tuple(T2_MS, T2_MS), tuple(T1_MS, T1_MS));
    }

    @Test
    void attributesMayBeNull() {
        String json = "[{\"entity_id\": \"light.a\", \"state\": \"on\", \"attributes\": null, \"last_changed\": \""
                + T1 + "\"}, {\"entity_id\": \"light.b\", \"state\": \"on\", \"attributes\": {}, \"last_changed\": \""
                + T1 + "\"}]";
        List<StateEvent> events = read(json);
        assertThat(events.get(0).attributes()).isNull();
        assertThat(events.get(1).attributes()).isEqualTo(Map.of());
    }

    // ---- history ----

    private static List<StateEvent> history(String json) throws IOException {
        List<StateEvent> out = new ArrayList<>();
        long n = StateObjectReader.readHistory(body(json), out::add);
        assertThat(n).isEqualTo(out.size());
        return out;
    }

    @Test
    void readsHaHistoryWithMinimalResponseItems() throws IOException {
        String json = """
                [
                  [
                    {"entity_id": "light.kitchen", "state": "off", "attributes": {"friendly_name": "Kitchen"},
                     "last_changed": "2026-01-05T07:00:00+00:00", "last_updated": "2026-01-05T07:00:00+00:00"},
                    {"state": "on", "last_changed": "2026-01-05T07:04:59.123456+00:00"},
                    {"state": "off", "last_changed": "2026-01-05T07:05:00+00:00"}
                  ],
                  [
                    {"entity_id": "sensor.temp", "state": "20.0", "attributes": {},
                     "last_changed": "2026-01-05T06:00:00+00:00", "last_updated": "2026-01-05T06:30:00+00:00"},
                    {"state": "20.5", "last_changed": "2026-01-05T07:00:00+00:00"}
                  ],
                  []
                ]""";
        List<StateEvent> events = history(json);
        assertThat(events).extracting(StateEvent::entityId, StateEvent::state, StateEvent::oldState)
                .containsExactly(
                        tuple("light.kitchen", "off", null),
                        tuple("light.kitchen", "on", "off"),
                        tuple("light.kitchen", "off", "on"),
                        // a new entity starts without an old state
                        tuple("sensor.temp", "20.0", null),
                        tuple("sensor.temp", "20.5", "20.0"));
        assertThat(events.get(0).attributes()).containsEntry("friendly_name", "Kitchen");
        assertThat(events.get(1).attributes()).isNull();
        assertThat(events.get(1).lastChanged()).isEqualTo(T1_MS);
        assertThat(events.get(1).lastUpdated()).isEqualTo(T1_MS);
        assertThat(events.get(3).lastUpdated() - events.get(3).lastChanged()).isEqualTo(30 * 60_000);
    }

    @Test
    void historyKeepsAnExplicitOldStateAndAnItemMayNameItsEntity() throws IOException {
        String json = "[[" + obj("light.a", "on", T1) + ","
                + "{\"state\": \"off\", \"old_state\": \"dimmed\", \"last_changed\": \"" + T2 + "\"},"
                + "{\"entity_id\": \"light.a\", \"state\": \"on\", \"last_changed\": \"" + T2 + "\"}]]";
        assertThat(history(json)).extracting(StateEvent::entityId, StateEvent::oldState)
                .containsExactly(tuple("light.a", null), tuple("light.a", "dimmed"), tuple("light.a", "off"));
    }

    @Test
    void emptyHistory() throws IOException {
        assertThat(history("[]")).isEmpty();
        assertThat(history("[[], []]")).isEmpty();
    }

    @Test
    void historyThatIsNotAnArrayIsRefused() {
        assertThatThrownBy(() -> history("{\"message\": \"unauthorized\"}"))
                .isInstanceOf(IOException.class).hasMessageContaining("not a JSON array");
        assertThatThrownBy(() -> history("")).isInstanceOf(IOException.class);
    }

    @Test
    void anInvalidHistoryItemFailsNamingIt() {
        // a minimal item first: no entity to inherit
        assertThatThrownBy(() -> history("[[{\"state\": \"on\", \"last_changed\": \"" + T1 + "\"}]]"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("history item 0")
                .hasMessageContaining("[0].entity_id");
        assertThatThrownBy(() -> history("[[" + obj("light.a", "on", T1) + "," + obj("light.a", "on", T1) + ","
                + "{\"state\": \"on\", \"last_changed\": \"bad\"}]]"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("history item 2")
                .hasMessageContaining("[2].last_changed");
    }
}
