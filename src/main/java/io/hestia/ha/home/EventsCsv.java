package io.hestia.ha.home;

import io.hestia.ha.HaTime;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

import io.hestia.platform.Json;

/**
 * The events CSV of a home file: header {@code entity_id,state,last_changed,last_updated,old_state,context_id,
 * user_id,parent_id}, optionally followed by Hestia's {@code origin} and {@code attributes} (a JSON object). Columns
 * are found by header name; only {@code entity_id}, {@code state} and {@code last_changed} are required. RFC 4180
 * quoting. An unquoted empty field is null, a quoted empty field ({@code ""}) is the empty string.
 */
final class EventsCsv {

    static final List<String> BASE_COLUMNS = List.of("entity_id", "state", "last_changed", "last_updated",
            "old_state", "context_id", "user_id", "parent_id");

    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private EventsCsv() {
    }

    // ------------------------------------------------------------------------------------------------ writing

    static void write(List<StateEvent> events, Writer out) throws IOException {
        boolean origin = false;
        boolean attributes = false;
        for (StateEvent e : events) {
            origin |= e.origin() != null;
            attributes |= e.attributes() != null;
        }
        StringBuilder b = new StringBuilder(1 << 16);
        b.append(String.join(",", BASE_COLUMNS));
        if (origin) {
            b.append(",origin");
        }
        if (attributes) {
            b.append(",attributes");
        }
        b.append('\n');
        for (StateEvent e : events) {
            field(b, e.entityId()).append(',');
            field(b, e.state()).append(',');
            b.append(HaTime.format(e.lastChanged())).append(',');
            b.append(HaTime.format(e.lastUpdated())).append(',');
            field(b, e.oldState()).append(',');
            field(b, e.contextId()).append(',');
            field(b, e.userId()).append(',');
            field(b, e.parentId());
            if (origin) {
                b.append(',');
                field(b, e.origin());
            }
            if (attributes) {
                b.append(',');
                field(b, e.attributes() == null ? null : Json.write(new java.util.TreeMap<>(e.attributes())));
            }
            b.append('\n');
            if (b.length() > 1 << 20) {
                out.write(b.toString());
                b.setLength(0);
            }
        }
        out.write(b.toString());
        out.flush();
    }

    private static StringBuilder field(StringBuilder b, String s) {
        if (s == null) {
            return b;
        }
        boolean quote = s.isEmpty();
        for (int i = 0; i < s.length() && !quote; i++) {
            char c = s.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote && (s.charAt(0) == ' ' || s.charAt(s.length() - 1) == ' ')) {
            quote = true;
        }
        if (!quote) {
            return b.append(s);
        }
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                b.append('"');
            }
            b.append(c);
        }
        return b.append('"');
    }

    // ------------------------------------------------------------------------------------------------ reading

    static List<StateEvent> read(Path csv, String name, List<String> problems, Predicate<String> knownEntity,
                                 HomeFiles.EntityIdPolicy policy, Consumer<String> warnings) {
        try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            return read(r, name, problems, knownEntity, policy, warnings);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read events CSV " + csv, e);
        }
    }

    static List<StateEvent> read(Reader reader, String name, List<String> problems, Predicate<String> knownEntity,
                                 HomeFiles.EntityIdPolicy policy, Consumer<String> warnings) throws IOException {
        Tokenizer t = new Tokenizer(reader);
        List<String> row = new ArrayList<>();
        List<StateEvent> out = new ArrayList<>();
        if (!t.next(row)) {
            problems.add(name + ": empty file, expected a header line");
            return out;
        }
        Map<String, Integer> col = new HashMap<>();
        for (int i = 0; i < row.size(); i++) {
            String h = row.get(i) == null ? "" : row.get(i).trim().toLowerCase(Locale.ROOT);
            if (i == 0 && h.startsWith("\ufeff")) {
                h = h.substring(1);
            }
            col.putIfAbsent(h, i);
        }
        for (String required : List.of("entity_id", "state", "last_changed")) {
            if (!col.containsKey(required)) {
                problems.add(name + " line 1: header has no '" + required + "' column (expected "
                        + String.join(",", BASE_COLUMNS) + ")");
            }
        }
        if (!problems.isEmpty()) {
            return out;
        }
        int cEntity = col.get("entity_id");
        int cState = col.get("state");
        int cChanged = col.get("last_changed");
        int cUpdated = col.getOrDefault("last_updated", -1);
        int cOld = col.getOrDefault("old_state", -1);
        int cContext = col.getOrDefault("context_id", -1);
        int cUser = col.getOrDefault("user_id", -1);
        int cParent = col.getOrDefault("parent_id", -1);
        int cOrigin = col.getOrDefault("origin", -1);
        int cAttributes = col.getOrDefault("attributes", -1);

        Map<String, String> interned = new HashMap<>();
        Map<String, Boolean> checkedIds = new HashMap<>();
        int maxProblems = 25;
        while (problems.size() < maxProblems) {
            int line = t.line();
            if (!t.next(row)) {
                break;
            }
            if (row.size() == 1 && row.get(0) == null) {
                continue;   // blank line
            }
            String at = name + " line " + line;
            String entityId = intern(interned, get(row, cEntity));
            if (entityId == null || entityId.isEmpty()) {
                problems.add(at + ", field entity_id: missing");
                continue;
            }
            at = at + " (" + entityId + ")";
            Boolean ok = checkedIds.get(entityId);
            if (ok == null) {
                String why = EntityIds.problem(entityId);
                ok = why == null;
                if (why != null) {
                    if (policy == HomeFiles.EntityIdPolicy.WARN) {
                        warnings.accept(at + ", field entity_id: " + why + " (accepted)");
                        ok = true;
                    } else {
                        problems.add(at + ", field entity_id: " + why);
                    }
                }
                if (ok && !knownEntity.test(entityId)) {
                    problems.add(at + ", field entity_id: entity '" + entityId + "' is not in entities");
                    ok = false;
                }
                checkedIds.put(entityId, ok);
            }
            if (!ok) {
                continue;
            }
            String state = get(row, cState);
            state = state == null ? "" : intern(interned, state);
            if (state.length() > HomeFiles.MAX_STATE_LENGTH) {
                problems.add(at + ", field state: longer than " + HomeFiles.MAX_STATE_LENGTH + " characters ("
                        + state.length() + ")");
                continue;
            }
            long lastChanged;
            long lastUpdated;
            try {
                String lc = get(row, cChanged);
                if (lc == null || lc.isEmpty()) {
                    problems.add(at + ", field last_changed: missing");
                    continue;
                }
                lastChanged = HaTime.parseMillis(lc);
            } catch (IllegalArgumentException e) {
                problems.add(at + ", field last_changed: " + e.getMessage());
                continue;
            }
            String lu = get(row, cUpdated);
            if (lu == null || lu.isEmpty()) {
                lastUpdated = lastChanged;
            } else {
                try {
                    lastUpdated = HaTime.parseMillis(lu);
                } catch (IllegalArgumentException e) {
                    problems.add(at + ", field last_updated: " + e.getMessage());
                    continue;
                }
            }
            Map<String, Object> attributes = null;
            String attrText = get(row, cAttributes);
            if (attrText != null && !attrText.isEmpty()) {
                try {
                    attributes = Json.mapper().readValue(attrText, MAP);
                } catch (JsonProcessingException e) {
                    problems.add(at + ", field attributes: not a JSON object (" + e.getOriginalMessage() + ")");
                    continue;
                }
            }
            out.add(new StateEvent(entityId, state, attributes, lastChanged, lastUpdated,
                    intern(interned, get(row, cOld)), get(row, cContext), intern(interned, get(row, cUser)),
                    get(row, cParent), intern(interned, get(row, cOrigin))));
        }
        if (problems.size() >= maxProblems) {
            problems.add(name + ": further rows not checked");
        }
        return out;
    }

    private static String get(List<String> row, int i) {
        return i < 0 || i >= row.size() ? null : row.get(i);
    }

    private static String intern(Map<String, String> table, String s) {
        if (s == null || s.length() > 64) {
            return s;
        }
        if (table.size() > 200_000) {
            String t = table.get(s);
            return t == null ? s : t;
        }
        String t = table.putIfAbsent(s, s);
        return t == null ? s : t;
    }

    /** RFC 4180 record reader that keeps quoted-empty ("") apart from empty (null). */
    static final class Tokenizer {
        private final Reader in;
        private final char[] buf = new char[1 << 16];
        private int pos;
        private int len;
        private int line = 1;
        private final StringBuilder field = new StringBuilder(64);

        Tokenizer(Reader in) {
            this.in = in;
        }

        /** Line number at which the next record starts. */
        int line() {
            return line;
        }

        private int read() throws IOException {
            return refilled() ? buf[pos++] : -1;
        }

        private int peek() throws IOException {
            return refilled() ? buf[pos] : -1;
        }

        /** Refills the buffer when it is used up; false at the end of the input. */
        private boolean refilled() throws IOException {
            if (pos == len) {
                len = in.read(buf, 0, buf.length);
                pos = 0;
                if (len <= 0) {
                    len = 0;
                    return false;
                }
            }
            return true;
        }

        boolean next(List<String> row) throws IOException {
            row.clear();
            int c = peek();
            if (c == -1) {
                return false;
            }
            while (true) {
                field.setLength(0);
                c = read();
                boolean quoted = false;
                if (c == '"') {
                    quoted = true;
                    while (true) {
                        c = read();
                        if (c == -1) {
                            break;
                        }
                        if (c == '"') {
                            if (peek() == '"') {
                                read();
                                field.append('"');
                                continue;
                            }
                            c = read();
                            break;
                        }
                        if (c == '\n') {
                            line++;
                        }
                        field.append((char) c);
                    }
                    // tolerate characters after the closing quote up to the delimiter
                    while (c != -1 && c != ',' && c != '\n' && c != '\r') {
                        field.append((char) c);
                        c = read();
                    }
                } else {
                    while (c != -1 && c != ',' && c != '\n' && c != '\r') {
                        field.append((char) c);
                        c = read();
                    }
                }
                row.add(quoted || field.length() > 0 ? field.toString() : null);
                if (c == ',') {
                    continue;
                }
                if (c == '\r') {
                    if (peek() == '\n') {
                        read();
                    }
                }
                if (c == '\r' || c == '\n') {
                    line++;
                }
                return true;
            }
        }
    }
}
