package io.hestia.ha;

import io.hestia.ha.home.EntityIds;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import io.hestia.ha.home.StateEvent;
import io.hestia.platform.InvalidInputException;
import io.hestia.platform.InvalidInputException.FieldError;
import io.hestia.platform.Json;
import io.hestia.platform.PayloadTooLargeException;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads HA state objects ({@code entity_id, state, attributes, last_changed, last_updated}, optional
 * {@code old_state}, {@code context}, {@code origin}) from JSON: a JSON array, NDJSON (one object per line),
 * or HA's history shape (an array of arrays, where {@code minimal_response} items omit the entity id).
 * A batch is validated whole: every bad row is reported and nothing is returned if any row is bad.
 */
public final class StateObjectReader {

    /** Report at most this many bad rows; the rest are counted. */
    private static final int MAX_REPORTED = 50;
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private StateObjectReader() {
    }

    /**
     * @param maxEvents more than this many objects is refused with {@link PayloadTooLargeException}
     * @throws InvalidInputException naming each bad row and field, or the position of malformed JSON
     */
    public static List<StateEvent> readBatch(InputStream in, int maxEvents) {
        List<StateEvent> events = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        int[] bad = new int[1];
        try (JsonParser p = Json.mapper().getFactory().createParser(in)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new InvalidInputException("the body is empty; send a JSON array or NDJSON of state objects",
                        List.of(new FieldError(null, "body", "empty")));
            }
            int row = 0;
            if (first == JsonToken.START_ARRAY) {
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    row = readRow(p, row, maxEvents, null, events, errors, bad);
                }
                if (p.nextToken() != null) {
                    throw InvalidInputException.of("body", "unexpected content after the JSON array");
                }
            } else {
                JsonToken t = first;
                while (t != null) {
                    row = readRow(p, row, maxEvents, null, events, errors, bad);
                    t = p.nextToken();
                }
            }
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw new InvalidInputException("the body could not be read: " + e.getMessage(),
                    List.of(new FieldError(null, "body", e.getMessage())));
        }
        if (!errors.isEmpty()) {
            String more = bad[0] > errors.size() ? " (first " + errors.size() + " shown)" : "";
            throw new InvalidInputException(bad[0] + " of " + (events.size() + bad[0])
                    + " events are invalid; nothing was written" + more + ". First: row " + errors.get(0).row()
                    + ", " + errors.get(0).field() + ": " + errors.get(0).message(), errors);
        }
        return events;
    }

    /**
     * Streams HA's {@code /api/history/period} answer (array of arrays) to the sink, entity by entity.
     * Items without an entity id (minimal_response) belong to the first item's entity.
     *
     * @return number of state objects read
     */
    public static long readHistory(InputStream in, Consumer<StateEvent> sink) throws IOException {
        long n = 0;
        try (JsonParser p = Json.mapper().getFactory().createParser(in)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new IOException("history answer is not a JSON array");
            }
            while (p.nextToken() == JsonToken.START_ARRAY) {
                String entity = null;
                String previous = null;
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    List<FieldError> errors = new ArrayList<>(1);
                    StateEvent e = readObject(p, (int) n, entity, errors);
                    if (!errors.isEmpty()) {
                        FieldError fe = errors.get(0);
                        throw new IOException("history item " + n + " is invalid: " + fe.field() + ": " + fe.message());
                    }
                    entity = e.entityId();
                    if (e.oldState() == null && previous != null) {
                        e = new StateEvent(e.entityId(), e.state(), e.attributes(), e.lastChanged(), e.lastUpdated(),
                                previous, e.contextId(), e.userId(), e.parentId(), e.origin());
                    }
                    previous = e.state();
                    sink.accept(e);
                    n++;
                }
            }
        }
        return n;
    }

    private static int readRow(JsonParser p, int row, int maxEvents, String defaultEntity, List<StateEvent> events,
                               List<FieldError> errors, int[] bad) throws IOException {
        if (row >= maxEvents) {
            throw new PayloadTooLargeException("at most " + maxEvents + " events are accepted in one request");
        }
        if (p.currentToken() != JsonToken.START_OBJECT) {
            bad[0]++;
            addError(errors, new FieldError(row, "[" + row + "]", "expected a state object, found "
                    + p.currentToken()));
            p.skipChildren();
            return row + 1;
        }
        int before = errors.size();
        List<FieldError> rowErrors = new ArrayList<>(2);
        StateEvent e = readObject(p, row, defaultEntity, rowErrors);
        if (rowErrors.isEmpty()) {
            events.add(e);
        } else {
            bad[0]++;
            if (before < MAX_REPORTED) {
                rowErrors.forEach(fe -> addError(errors, fe));
            }
        }
        return row + 1;
    }

    private static void addError(List<FieldError> errors, FieldError e) {
        if (errors.size() < MAX_REPORTED) {
            errors.add(e);
        }
    }

    /** Reads one object; the parser is on its START_OBJECT and ends on its END_OBJECT. */
    private static StateEvent readObject(JsonParser p, int row, String defaultEntity, List<FieldError> errors)
            throws IOException {
        String entityId = defaultEntity;
        String state = null;
        Map<String, Object> attributes = null;
        String lastChanged = null;
        String lastUpdated = null;
        String oldState = null;
        String contextId = null;
        String userId = null;
        String parentId = null;
        String origin = null;
        String prefix = "[" + row + "].";
        boolean stateGiven = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            switch (field) {
                case "entity_id" -> entityId = text(p, v, prefix + field, errors);
                case "state" -> {
                    // a null state is reported as missing; a non-string one by text()
                    stateGiven = v != JsonToken.VALUE_NULL;
                    state = text(p, v, prefix + field, errors);
                }
                case "attributes" -> {
                    if (v == JsonToken.START_OBJECT) {
                        attributes = p.readValueAs(MAP);
                    } else if (v != JsonToken.VALUE_NULL) {
                        errors.add(new FieldError(row, prefix + field, "must be an object"));
                        p.skipChildren();
                    }
                }
                case "last_changed" -> lastChanged = text(p, v, prefix + field, errors);
                case "last_updated" -> lastUpdated = text(p, v, prefix + field, errors);
                case "old_state" -> {
                    if (v == JsonToken.START_OBJECT) {
                        oldState = nestedState(p);
                    } else if (v == JsonToken.VALUE_STRING) {
                        oldState = p.getText();
                    } else if (v != JsonToken.VALUE_NULL) {
                        errors.add(new FieldError(row, prefix + field, "must be a state object, a string or null"));
                        p.skipChildren();
                    }
                }
                case "context" -> {
                    if (v == JsonToken.START_OBJECT) {
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String k = p.currentName();
                            JsonToken cv = p.nextToken();
                            String value = cv == JsonToken.VALUE_NULL ? null : cv.isScalarValue() ? p.getText() : null;
                            if (!cv.isScalarValue()) {
                                p.skipChildren();
                            }
                            switch (k) {
                                case "id" -> contextId = value;
                                case "user_id" -> userId = value;
                                case "parent_id" -> parentId = value;
                                default -> { }
                            }
                        }
                    } else if (v != JsonToken.VALUE_NULL) {
                        errors.add(new FieldError(row, prefix + field, "must be an object"));
                        p.skipChildren();
                    }
                }
                case "origin" -> origin = text(p, v, prefix + field, errors);
                default -> p.skipChildren();
            }
        }
        if (entityId == null) {
            errors.add(new FieldError(row, prefix + "entity_id", "is required"));
        } else if (!EntityIds.isValid(entityId)) {
            errors.add(new FieldError(row, prefix + "entity_id", "'" + abbreviate(entityId)
                    + "' is not a valid entity id (domain.object_id of a-z, 0-9 and _)"));
        }
        if (state == null) {
            if (!stateGiven) {
                errors.add(new FieldError(row, prefix + "state", "is required"));
            }
        } else if (state.length() > 255) {
            errors.add(new FieldError(row, prefix + "state", "is " + state.length()
                    + " characters; HA states are at most 255"));
        }
        long changed = time(lastChanged, row, prefix + "last_changed", errors);
        long updated = time(lastUpdated, row, prefix + "last_updated", errors);
        if (lastChanged == null && lastUpdated == null) {
            errors.add(new FieldError(row, prefix + "last_changed", "is required (or last_updated)"));
        }
        if (!errors.isEmpty()) {
            return null;
        }
        if (lastChanged == null) {
            changed = updated;
        }
        if (lastUpdated == null) {
            updated = changed;
        }
        return new StateEvent(entityId, state, attributes, changed, updated, oldState, contextId, userId, parentId,
                origin);
    }

    private static String nestedState(JsonParser p) throws IOException {
        String state = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = p.currentName();
            JsonToken v = p.nextToken();
            if ("state".equals(k) && v == JsonToken.VALUE_STRING) {
                state = p.getText();
            } else {
                p.skipChildren();
            }
        }
        return state;
    }

    private static String text(JsonParser p, JsonToken v, String field, List<FieldError> errors) throws IOException {
        if (v == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        if (v == JsonToken.VALUE_NULL) {
            return null;
        }
        errors.add(new FieldError(row(field), field, "must be a string"));
        p.skipChildren();
        return null;
    }

    private static long time(String text, int row, String field, List<FieldError> errors) {
        if (text == null) {
            return 0;
        }
        try {
            return HaTime.parseMillis(text);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(row, field, "'" + abbreviate(text) + "' is not an ISO-8601 time with offset"));
            return 0;
        }
    }

    private static Integer row(String field) {
        int close = field.indexOf(']');
        return Integer.valueOf(field.substring(1, close));
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    private static InvalidInputException malformed(JsonProcessingException e) {
        var loc = e.getLocation();
        String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
        String msg = e.getOriginalMessage();
        return new InvalidInputException("malformed JSON" + where + ": " + msg,
                List.of(new FieldError(null, "body", "malformed JSON" + where)));
    }
}
