package io.hestia.ha.home;

import io.hestia.ha.HaTime;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;
import org.yaml.snakeyaml.DumperOptions;

/**
 * Reads and writes Hestia home files.
 *
 * <p>The format is a superset of the Home Assistant intents test fixture ({@code tests/en/_fixtures.yaml}): top-level
 * {@code floors} (name, id, aliases, level), {@code areas} (name, id, floor, aliases) and {@code entities} (name, id,
 * area, state, attributes, aliases, device / device_id). Extensions, all optional: top-level {@code name},
 * {@code time_zone}, {@code devices} (id, name, area, manufacturer, model), entity {@code device_class} (otherwise
 * taken from {@code attributes.device_class}) and an event history, either inline as {@code events:} (HA state
 * objects as {@code /api/history/period} returns them, flat or as its array of arrays) or as {@code events_csv:} naming
 * a CSV file beside the home file. Keys the reader does not know ({@code language}, {@code timers}, {@code media},
 * ...) are ignored.
 *
 * <p>YAML is read with YAML 1.1 scalar resolution (as HA does) except that timestamps stay strings. Unquoted states
 * that YAML turns into booleans are mapped back to {@code on}/{@code off}; numbers become their text. A state given as
 * {@code {in: ..., out: ...}} (the fixture's spoken-state form) uses {@code out}.
 *
 * <p>Reading validates and fails with a {@link HomeFileException} naming the item and field: malformed entity ids
 * (HA's rule: {@code domain.object_id}, {@code [a-z0-9_]}, no leading/trailing {@code _}, no {@code __}), duplicate
 * ids, references to unknown floors, areas or devices, events of entities not in {@code entities}, bad times
 * (ISO-8601 with an offset), states over 255 characters. Events are returned sorted by {@code last_updated}
 * (stable). The real intents fixture contains two malformed ids ({@code sensor.traveling speed},
 * {@code sensor.price_per_kW}); read it with {@link EntityIdPolicy#WARN} to accept them with a warning.
 *
 * <p>Writing produces a file the reader reads back equal: every string is double-quoted, times are written as
 * {@code yyyy-MM-ddTHH:mm:ss.SSS+00:00}, mapping keys are sorted.
 *
 * <p>Size: inline events suit small histories (tests, fixtures). Large histories belong in the CSV, which is read
 * row by row: about 0.9 million events are a 99 MB CSV, written in about 1.3 s and read in about 1.7 s with a few
 * hundred MB of heap, whereas the same history inline is 174 MB of YAML whose object tree does not fit in a 1 GB heap.
 */
public final class HomeFiles {

    /** What to do with entity ids that break HA's format. */
    public enum EntityIdPolicy {
        /** fail the read */
        REJECT,
        /** accept the id unchanged and report a warning */
        WARN
    }

    /** Maximum length of a state value, as HA enforces. */
    public static final int MAX_STATE_LENGTH = 255;

    private static final int MAX_REPORTED_PROBLEMS = 25;

    private HomeFiles() {
    }

    // ------------------------------------------------------------------------------------------------ reading

    /** Reads a home file strictly; an {@code events_csv} is resolved against the file's directory. */
    public static Home read(Path file) {
        return read(file, EntityIdPolicy.REJECT, w -> { });
    }

    public static Home read(Path file, EntityIdPolicy policy, Consumer<String> warnings) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read home file " + file, e);
        }
        Path dir = file.toAbsolutePath().getParent();
        String fileName = file.getFileName().toString();
        String stem = fileName.replaceFirst("\\.[^.]*$", "");
        return new YamlReader(fileName, stem, dir, policy, warnings).read(text);
    }

    /** Reads home-file text strictly; {@code baseDirOrNull} resolves {@code events_csv} (required if it is used). */
    public static Home read(String yamlText, Path baseDirOrNull) {
        return read(yamlText, baseDirOrNull, EntityIdPolicy.REJECT, w -> { });
    }

    public static Home read(String yamlText, Path baseDirOrNull, EntityIdPolicy policy, Consumer<String> warnings) {
        return new YamlReader("home", "home", baseDirOrNull, policy, warnings).read(yamlText);
    }

    /**
     * Reads an events CSV on its own (header {@code entity_id,state,last_changed,last_updated,old_state,context_id,
     * user_id,parent_id[,origin][,attributes]}; only the first three are required; columns are found by name).
     * Checks entity-id format, times and state length, not registry membership. Sorted by last_updated.
     */
    public static List<StateEvent> readEventsCsv(Path csv) {
        String name = csv.getFileName().toString();
        List<String> problems = new ArrayList<>();
        List<StateEvent> events = EventsCsv.read(csv, name, problems, id -> true, EntityIdPolicy.REJECT, w -> { });
        if (!problems.isEmpty()) {
            throw new HomeFileException(name, problems);
        }
        events.sort(Comparator.comparingLong(StateEvent::lastUpdated));
        return events;
    }

    // ------------------------------------------------------------------------------------------------ writing

    /** The home as YAML with its events inline. */
    public static String toYaml(Home home) {
        StringBuilder b = new StringBuilder(256 + home.events().size() * 160);
        YamlWriter.write(home, null, b);
        return b.toString();
    }

    /** The home as YAML whose events live in {@code eventsCsvFileName} (not written by this method). */
    public static String toYaml(Home home, String eventsCsvFileName) {
        StringBuilder b = new StringBuilder(4096);
        YamlWriter.write(home, eventsCsvFileName, b);
        return b.toString();
    }

    /** Writes the home with its events inline. */
    public static void write(Home home, Path file) {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder b = new StringBuilder(64 * 1024);
            YamlWriter.write(home, null, b, w);
            w.write(b.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write home file " + file, e);
        }
    }

    /**
     * Writes the home to {@code file} with {@code events_csv: eventsCsvFileName}, and its events to that CSV in the
     * same directory.
     */
    public static void write(Home home, Path file, String eventsCsvFileName) {
        if (eventsCsvFileName == null || eventsCsvFileName.isBlank() || eventsCsvFileName.contains("/")
                || eventsCsvFileName.contains("\\")) {
            throw new IllegalArgumentException("events CSV must be a plain file name beside the home file: "
                    + eventsCsvFileName);
        }
        Path dir = file.toAbsolutePath().getParent();
        try {
            Files.writeString(file, toYaml(home, eventsCsvFileName), StandardCharsets.UTF_8);
            try (BufferedWriter w = Files.newBufferedWriter(dir.resolve(eventsCsvFileName), StandardCharsets.UTF_8)) {
                EventsCsv.write(home.events(), w);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write home file " + file, e);
        }
    }

    /** Writes events as CSV (header included). */
    public static void writeEventsCsv(List<StateEvent> events, Writer out) throws IOException {
        EventsCsv.write(events, out);
    }

    // ------------------------------------------------------------------------------------------------ YAML reading

    /** YAML 1.1 resolution as HA uses, except that timestamps stay strings. */
    static final class NoTimestampResolver extends Resolver {
        @Override
        public Tag resolve(NodeId kind, String value, boolean implicit) {
            Tag tag = super.resolve(kind, value, implicit);
            return Tag.TIMESTAMP.equals(tag) ? Tag.STR : tag;
        }
    }

    static Yaml newYaml() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(Integer.MAX_VALUE);
        DumperOptions dumper = new DumperOptions();
        return new Yaml(new SafeConstructor(options), new Representer(dumper), dumper, options,
                new NoTimestampResolver());
    }

    /** Converts a YAML scalar state to HA's text; null if the value is not a scalar. */
    static String scalarText(Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Boolean bool) {
            return bool ? "on" : "off";
        }
        if (v instanceof Integer || v instanceof Long || v instanceof BigInteger || v instanceof Short
                || v instanceof Byte) {
            return v.toString();
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return Double.toString(d);
            }
            return BigDecimal.valueOf(d).toPlainString();
        }
        if (v instanceof BigDecimal bd) {
            return bd.toPlainString();
        }
        return null;
    }

    private static final class YamlReader {
        private final String source;
        private final String defaultName;
        private final Path baseDir;
        private final EntityIdPolicy policy;
        private final Consumer<String> warnings;
        private final List<String> problems = new ArrayList<>();

        YamlReader(String source, String defaultName, Path baseDir, EntityIdPolicy policy,
                   Consumer<String> warnings) {
            this.source = source;
            this.defaultName = defaultName;
            this.baseDir = baseDir;
            this.policy = policy == null ? EntityIdPolicy.REJECT : policy;
            this.warnings = warnings == null ? w -> { } : warnings;
        }

        Home read(String text) {
            Object root;
            try {
                root = newYaml().load(text);
            } catch (MarkedYAMLException e) {
                throw new HomeFileException(source, List.of("not valid YAML: " + e.getMessage()));
            } catch (YAMLException e) {
                throw new HomeFileException(source, List.of("not valid YAML: " + e.getMessage()));
            }
            if (root == null) {
                root = Map.of();
            }
            if (!(root instanceof Map<?, ?> top)) {
                throw new HomeFileException(source, List.of("top level must be a mapping, found "
                        + typeName(root)));
            }

            String name = str(top.get("name"), "name");
            String zone = str(top.get("time_zone"), "time_zone");
            if (zone != null && !zone.isBlank()) {
                try {
                    ZoneId.of(zone);
                } catch (DateTimeException e) {
                    problem("time_zone: '" + zone + "' is not an IANA time zone id");
                }
            }

            List<Home.Floor> floors = readFloors(top.get("floors"));
            Set<String> floorIds = new HashSet<>();
            for (Home.Floor f : floors) {
                if (!floorIds.add(f.floorId())) {
                    problem("floors: duplicate floor id '" + f.floorId() + "'");
                }
            }
            List<Home.Area> areas = readAreas(top.get("areas"), floorIds);
            Set<String> areaIds = new HashSet<>();
            for (Home.Area a : areas) {
                if (!areaIds.add(a.areaId())) {
                    problem("areas: duplicate area id '" + a.areaId() + "'");
                }
            }
            List<Home.Device> devices = readDevices(top.get("devices"), areaIds);
            Set<String> deviceIds = new HashSet<>();
            for (Home.Device d : devices) {
                if (!deviceIds.add(d.id())) {
                    problem("devices: duplicate device id '" + d.id() + "'");
                }
            }
            List<Home.Entity> entities = readEntities(top.get("entities"), areaIds, deviceIds);
            Set<String> entityIds = new HashSet<>();
            for (Home.Entity e : entities) {
                if (!entityIds.add(e.entityId())) {
                    problem("entities: duplicate entity id '" + e.entityId() + "'");
                }
            }

            List<StateEvent> events = new ArrayList<>();
            Object inline = top.get("events");
            Object csv = top.get("events_csv");
            if (inline != null && csv != null) {
                problem("use either events or events_csv, not both");
            } else if (inline != null) {
                readInlineEvents(inline, entityIds, events);
            } else if (csv != null) {
                String csvName = str(csv, "events_csv");
                if (csvName != null) {
                    if (baseDir == null) {
                        problem("events_csv: '" + csvName + "' given but the home text has no base directory");
                    } else {
                        Path csvPath = baseDir.resolve(csvName);
                        if (!Files.isRegularFile(csvPath)) {
                            problem("events_csv: file '" + csvPath + "' does not exist");
                        } else {
                            events = EventsCsv.read(csvPath, csvName, problems, entityIds::contains, policy,
                                    warnings);
                        }
                    }
                }
            }
            if (!problems.isEmpty()) {
                throw new HomeFileException(source, problems);
            }
            events.sort(Comparator.comparingLong(StateEvent::lastUpdated));
            return new Home(name == null ? defaultName : name, zone, floors, areas, devices, entities, events);
        }

        private List<Home.Floor> readFloors(Object node) {
            List<Home.Floor> out = new ArrayList<>();
            int i = 0;
            for (Object item : list(node, "floors")) {
                String at = "floors[" + i++ + "]";
                Map<?, ?> m = map(item, at);
                if (m == null) {
                    continue;
                }
                String fname = str(m.get("name"), at + ".name");
                String id = str(first(m, "id", "floor_id"), at + ".id");
                if (id == null || id.isBlank()) {
                    if (fname == null) {
                        problem(at + ": needs an id or a name");
                        continue;
                    }
                    id = EntityIds.slugify(fname);
                }
                Integer level = null;
                Object lv = m.get("level");
                if (lv instanceof Integer n) {
                    level = n;
                } else if (lv != null) {
                    problem(at + " (id '" + id + "').level: must be an integer, found '" + lv + "'");
                }
                out.add(new Home.Floor(id, fname, strings(m.get("aliases"), at + ".aliases"), level));
            }
            return out;
        }

        private List<Home.Area> readAreas(Object node, Set<String> floorIds) {
            List<Home.Area> out = new ArrayList<>();
            int i = 0;
            for (Object item : list(node, "areas")) {
                String at = "areas[" + i++ + "]";
                Map<?, ?> m = map(item, at);
                if (m == null) {
                    continue;
                }
                String aname = str(m.get("name"), at + ".name");
                String id = str(first(m, "id", "area_id"), at + ".id");
                if (id == null || id.isBlank()) {
                    if (aname == null) {
                        problem(at + ": needs an id or a name");
                        continue;
                    }
                    id = EntityIds.slugify(aname);
                }
                String floor = str(first(m, "floor", "floor_id"), at + ".floor");
                if (floor != null && !floorIds.contains(floor)) {
                    problem(at + " (id '" + id + "').floor: unknown floor '" + floor + "'");
                }
                out.add(new Home.Area(id, aname, strings(m.get("aliases"), at + ".aliases"), floor));
            }
            return out;
        }

        private List<Home.Device> readDevices(Object node, Set<String> areaIds) {
            List<Home.Device> out = new ArrayList<>();
            int i = 0;
            for (Object item : list(node, "devices")) {
                String at = "devices[" + i++ + "]";
                Map<?, ?> m = map(item, at);
                if (m == null) {
                    continue;
                }
                String id = str(first(m, "id", "device_id"), at + ".id");
                if (id == null || id.isBlank()) {
                    problem(at + ": id is missing");
                    continue;
                }
                String area = str(first(m, "area", "area_id"), at + ".area");
                if (area != null && !areaIds.contains(area)) {
                    problem(at + " (id '" + id + "').area: unknown area '" + area + "'");
                }
                out.add(new Home.Device(id, str(m.get("name"), at + ".name"), area,
                        str(m.get("manufacturer"), at + ".manufacturer"), str(m.get("model"), at + ".model")));
            }
            return out;
        }

        private List<Home.Entity> readEntities(Object node, Set<String> areaIds, Set<String> deviceIds) {
            List<Home.Entity> out = new ArrayList<>();
            int i = 0;
            for (Object item : list(node, "entities")) {
                String at = "entities[" + i++ + "]";
                Map<?, ?> m = map(item, at);
                if (m == null) {
                    continue;
                }
                String ename = str(m.get("name"), at + ".name");
                String id = str(first(m, "id", "entity_id"), at + ".id");
                if (id == null || id.isBlank()) {
                    String domain = str(m.get("domain"), at + ".domain");
                    if (domain != null && ename != null) {
                        id = domain + "." + EntityIds.slugify(ename);   // intents "format 2" mini fixtures
                    } else {
                        problem(at + ": id is missing");
                        continue;
                    }
                }
                String label = at + " (id '" + id + "')";
                checkEntityId(id, label + ".id");
                String area = str(first(m, "area", "area_id"), label + ".area");
                if (area != null && !areaIds.contains(area)) {
                    problem(label + ".area: unknown area '" + area + "'");
                }
                String device = str(first(m, "device_id", "device"), label + ".device_id");
                if (device != null && !deviceIds.contains(device)) {
                    problem(label + ".device_id: unknown device '" + device + "'");
                }
                String state = null;
                Object sv = m.get("state");
                if (sv instanceof Map<?, ?> spoken) {
                    state = scalarText(spoken.get("out"));
                    if (state == null) {
                        problem(label + ".state: a mapping state needs a scalar 'out' (the HA state)");
                    }
                } else if (sv != null) {
                    state = scalarText(sv);
                    if (state == null) {
                        problem(label + ".state: must be a scalar, found " + typeName(sv));
                    }
                }
                if (state != null && state.length() > MAX_STATE_LENGTH) {
                    problem(label + ".state: longer than " + MAX_STATE_LENGTH + " characters ("
                            + state.length() + ")");
                }
                Map<String, Object> attributes = attributes(m.get("attributes"), label + ".attributes", true);
                String deviceClass = str(m.get("device_class"), label + ".device_class");
                if (deviceClass == null && attributes != null && attributes.get("device_class") != null) {
                    deviceClass = attributes.get("device_class").toString();
                }
                out.add(new Home.Entity(id, ename, strings(m.get("aliases"), label + ".aliases"), area, device,
                        deviceClass, state, attributes));
            }
            return out;
        }

        private void readInlineEvents(Object node, Set<String> entityIds, List<StateEvent> out) {
            if (!(node instanceof List<?> items)) {
                problem("events: must be a list of state objects, found " + typeName(node));
                return;
            }
            int i = 0;
            for (Object item : items) {
                String at = "events[" + i++ + "]";
                if (item instanceof List<?> inner) {
                    // /api/history/period: one inner array per entity; minimal_response items omit entity_id
                    String inherited = null;
                    int j = 0;
                    for (Object o : inner) {
                        String at2 = at + "[" + j++ + "]";
                        StateEvent e = readEvent(o, at2, inherited, entityIds);
                        if (e != null) {
                            inherited = e.entityId();
                            out.add(e);
                        }
                    }
                } else {
                    StateEvent e = readEvent(item, at, null, entityIds);
                    if (e != null) {
                        out.add(e);
                    }
                }
                if (problems.size() >= MAX_REPORTED_PROBLEMS) {
                    return;
                }
            }
        }

        private StateEvent readEvent(Object item, String at, String inheritedEntity, Set<String> entityIds) {
            Map<?, ?> m = map(item, at);
            if (m == null) {
                return null;
            }
            int before = problems.size();
            String entityId = str(m.get("entity_id"), at + ".entity_id");
            if (entityId == null) {
                entityId = inheritedEntity;
            }
            if (entityId == null) {
                problem(at + ".entity_id: missing");
                return null;
            }
            String label = at + " (" + entityId + ")";
            checkEntityId(entityId, label + ".entity_id");
            if (!entityIds.contains(entityId)) {
                problem(label + ".entity_id: entity '" + entityId + "' is not in entities");
            }
            Object sv = m.get("state");
            String state = sv == null ? null : scalarText(sv);
            if (state == null) {
                problem(label + ".state: missing or not a scalar");
            } else if (state.length() > MAX_STATE_LENGTH) {
                problem(label + ".state: longer than " + MAX_STATE_LENGTH + " characters (" + state.length() + ")");
            }
            Long lastChanged = time(m.get("last_changed"), label + ".last_changed", true);
            Long lastUpdated = time(m.get("last_updated"), label + ".last_updated", false);
            String oldState = null;
            Object ov = m.get("old_state");
            if (ov instanceof Map<?, ?> om) {
                oldState = scalarText(om.get("state"));
            } else if (ov != null) {
                oldState = scalarText(ov);
                if (oldState == null) {
                    problem(label + ".old_state: must be a string or a state object");
                }
            }
            String contextId = null;
            String userId = null;
            String parentId = null;
            Object cv = m.get("context");
            if (cv instanceof Map<?, ?> cm) {
                contextId = str(cm.get("id"), label + ".context.id");
                userId = str(cm.get("user_id"), label + ".context.user_id");
                parentId = str(cm.get("parent_id"), label + ".context.parent_id");
            } else if (cv instanceof String s) {
                contextId = s;
            } else if (cv != null) {
                problem(label + ".context: must be a mapping {id, parent_id, user_id}");
            }
            String origin = str(m.get("origin"), label + ".origin");
            Map<String, Object> attrs = attributes(m.get("attributes"), label + ".attributes", false);
            if (problems.size() > before) {
                return null;
            }
            long lc = lastChanged;
            long lu = lastUpdated == null ? lc : lastUpdated;
            return new StateEvent(entityId, state, attrs, lc, lu, oldState, contextId, userId, parentId, origin);
        }

        private Long time(Object v, String at, boolean required) {
            if (v == null) {
                if (required) {
                    problem(at + ": missing");
                }
                return null;
            }
            if (!(v instanceof String s)) {
                problem(at + ": '" + v + "' is not an ISO-8601 time with an offset (quote it)");
                return null;
            }
            try {
                return HaTime.parseMillis(s);
            } catch (IllegalArgumentException e) {
                problem(at + ": " + e.getMessage());
                return null;
            }
        }

        private void checkEntityId(String id, String at) {
            String why = EntityIds.problem(id);
            if (why == null) {
                return;
            }
            if (policy == EntityIdPolicy.WARN) {
                warnings.accept(source + ": " + at + ": " + why + " (accepted)");
            } else {
                problem(at + ": " + why);
            }
        }

        private Map<String, Object> attributes(Object v, String at, boolean dropNulls) {
            if (v == null) {
                return null;
            }
            if (!(v instanceof Map<?, ?> m)) {
                problem(at + ": must be a mapping, found " + typeName(v));
                return null;
            }
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (e.getValue() == null && dropNulls) {
                    warnings.accept(source + ": " + at + "." + key + ": null value dropped");
                    continue;
                }
                out.put(key, e.getValue());
            }
            return out;
        }

        private String str(Object v, String at) {
            if (v == null) {
                return null;
            }
            String s = scalarText(v);
            if (s == null) {
                problem(at + ": must be a scalar, found " + typeName(v));
            }
            return s;
        }

        private List<String> strings(Object v, String at) {
            if (v == null) {
                return List.of();
            }
            if (v instanceof List<?> l) {
                List<String> out = new ArrayList<>(l.size());
                for (Object o : l) {
                    if (o == null) {
                        continue;
                    }
                    String s = str(o, at);
                    if (s != null) {
                        out.add(s);
                    }
                }
                return out;
            }
            String s = str(v, at);
            return s == null ? List.of() : List.of(s);
        }

        private Collection<?> list(Object node, String at) {
            if (node == null) {
                return List.of();
            }
            if (node instanceof List<?> l) {
                return l;
            }
            problem(at + ": must be a list, found " + typeName(node));
            return List.of();
        }

        private Map<?, ?> map(Object item, String at) {
            if (item instanceof Map<?, ?> m) {
                return m;
            }
            problem(at + ": must be a mapping, found " + typeName(item));
            return null;
        }

        private void problem(String p) {
            if (problems.size() < MAX_REPORTED_PROBLEMS) {
                problems.add(p);
            } else if (problems.size() == MAX_REPORTED_PROBLEMS) {
                problems.add("... further problems not listed");
            }
        }
    }

    private static Object first(Map<?, ?> m, String k1, String k2) {
        Object v = m.get(k1);
        return v != null ? v : m.get(k2);
    }

    static String typeName(Object v) {
        if (v == null) {
            return "nothing";
        }
        if (v instanceof Map) {
            return "a mapping";
        }
        if (v instanceof List) {
            return "a list";
        }
        return "'" + v + "'";
    }

    // ------------------------------------------------------------------------------------------------ YAML writing

    static final class YamlWriter {

        private YamlWriter() {
        }

        static void write(Home home, String eventsCsv, StringBuilder b) {
            try {
                write(home, eventsCsv, b, null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Appends to {@code b}; if {@code flushTo} is given, flushes {@code b} to it whenever it grows large. */
        static void write(Home home, String eventsCsv, StringBuilder b, Writer flushTo) throws IOException {
            b.append("# Hestia home file: registries (floors, areas, devices, entities) and state history\n");
            kv(b, "", "name", home.name());
            kv(b, "", "time_zone", home.timeZone());
            if (!home.floors().isEmpty()) {
                b.append("floors:\n");
                for (Home.Floor f : home.floors()) {
                    b.append("  - id: ");
                    quote(b, f.floorId());
                    b.append('\n');
                    kv(b, "    ", "name", f.name());
                    list(b, "    ", "aliases", f.aliases());
                    if (f.level() != null) {
                        b.append("    level: ").append(f.level()).append('\n');
                    }
                }
            }
            if (!home.areas().isEmpty()) {
                b.append("areas:\n");
                for (Home.Area a : home.areas()) {
                    b.append("  - id: ");
                    quote(b, a.areaId());
                    b.append('\n');
                    kv(b, "    ", "name", a.name());
                    kv(b, "    ", "floor", a.floorId());
                    list(b, "    ", "aliases", a.aliases());
                }
            }
            if (!home.devices().isEmpty()) {
                b.append("devices:\n");
                for (Home.Device d : home.devices()) {
                    b.append("  - id: ");
                    quote(b, d.id());
                    b.append('\n');
                    kv(b, "    ", "name", d.name());
                    kv(b, "    ", "area", d.areaId());
                    kv(b, "    ", "manufacturer", d.manufacturer());
                    kv(b, "    ", "model", d.model());
                }
            }
            if (!home.entities().isEmpty()) {
                b.append("entities:\n");
                for (Home.Entity e : home.entities()) {
                    b.append("  - id: ");
                    quote(b, e.entityId());
                    b.append('\n');
                    kv(b, "    ", "name", e.name());
                    kv(b, "    ", "area", e.areaId());
                    kv(b, "    ", "device_id", e.deviceId());
                    kv(b, "    ", "device_class", e.deviceClass());
                    list(b, "    ", "aliases", e.aliases());
                    kv(b, "    ", "state", e.state());
                    if (!e.attributes().isEmpty()) {
                        b.append("    attributes: ");
                        value(b, e.attributes());
                        b.append('\n');
                    }
                }
            }
            if (eventsCsv != null) {
                kv(b, "", "events_csv", eventsCsv);
            } else if (!home.events().isEmpty()) {
                b.append("events:\n");
                for (StateEvent ev : home.events()) {
                    b.append("  - ");
                    event(b, ev);
                    b.append('\n');
                    if (flushTo != null && b.length() > 1 << 20) {
                        flushTo.write(b.toString());
                        b.setLength(0);
                    }
                }
            }
        }

        static void event(StringBuilder b, StateEvent ev) {
            b.append("{entity_id: ");
            quote(b, ev.entityId());
            b.append(", state: ");
            quote(b, ev.state());
            if (ev.attributes() != null) {
                b.append(", attributes: ");
                value(b, ev.attributes());
            }
            b.append(", last_changed: \"").append(HaTime.format(ev.lastChanged()))
                    .append("\", last_updated: \"").append(HaTime.format(ev.lastUpdated())).append('"');
            if (ev.oldState() != null) {
                b.append(", old_state: ");
                quote(b, ev.oldState());
            }
            if (ev.contextId() != null || ev.parentId() != null || ev.userId() != null) {
                b.append(", context: {id: ");
                value(b, ev.contextId());
                b.append(", parent_id: ");
                value(b, ev.parentId());
                b.append(", user_id: ");
                value(b, ev.userId());
                b.append('}');
            }
            if (ev.origin() != null) {
                b.append(", origin: ");
                quote(b, ev.origin());
            }
            b.append('}');
        }

        private static void kv(StringBuilder b, String indent, String key, String value) {
            if (value == null) {
                return;
            }
            b.append(indent).append(key).append(": ");
            quote(b, value);
            b.append('\n');
        }

        private static void list(StringBuilder b, String indent, String key, List<String> values) {
            if (values.isEmpty()) {
                return;
            }
            b.append(indent).append(key).append(": ");
            value(b, values);
            b.append('\n');
        }

        /** Flow-style YAML value: strings double-quoted, numbers and booleans plain, nested maps and lists. */
        static void value(StringBuilder b, Object v) {
            if (v == null) {
                b.append("null");
            } else if (v instanceof String s) {
                quote(b, s);
            } else if (v instanceof Boolean || v instanceof Integer || v instanceof Long || v instanceof Short
                    || v instanceof Byte || v instanceof BigInteger) {
                b.append(v);
            } else if (v instanceof Double || v instanceof Float) {
                double d = ((Number) v).doubleValue();
                if (Double.isNaN(d)) {
                    b.append(".nan");
                } else if (Double.isInfinite(d)) {
                    b.append(d > 0 ? ".inf" : "-.inf");
                } else {
                    String s = Double.toString(d);
                    int e = s.indexOf('E');
                    if (e > 0 && s.charAt(e + 1) != '-') {
                        s = s.substring(0, e + 1) + "+" + s.substring(e + 1);   // YAML 1.1 floats need a sign
                    }
                    b.append(s);
                }
            } else if (v instanceof BigDecimal bd) {
                b.append(bd.toPlainString().contains(".") ? bd.toPlainString() : bd.toPlainString() + ".0");
            } else if (v instanceof Map<?, ?> m) {
                b.append('{');
                boolean firstEntry = true;
                // sorted keys: immutable maps iterate in a per-JVM random order, files should not
                java.util.TreeMap<String, Object> sorted = new java.util.TreeMap<>();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    sorted.put(String.valueOf(e.getKey()), e.getValue());
                }
                for (Map.Entry<?, ?> e : sorted.entrySet()) {
                    if (!firstEntry) {
                        b.append(", ");
                    }
                    firstEntry = false;
                    quote(b, String.valueOf(e.getKey()));
                    b.append(": ");
                    value(b, e.getValue());
                }
                b.append('}');
            } else if (v instanceof Collection<?> c) {
                b.append('[');
                boolean firstItem = true;
                for (Object o : c) {
                    if (!firstItem) {
                        b.append(", ");
                    }
                    firstItem = false;
                    value(b, o);
                }
                b.append(']');
            } else {
                quote(b, v.toString());
            }
        }

        /** YAML double-quoted scalar. */
        static void quote(StringBuilder b, String s) {
            b.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> b.append("\\\"");
                    case '\\' -> b.append("\\\\");
                    case '\n' -> b.append("\\n");
                    case '\t' -> b.append("\\t");
                    case '\r' -> b.append("\\r");
                    default -> {
                        boolean printable = (c >= 0x20 && c <= 0x7E) || (c >= 0xA0 && c <= 0xD7FF && c != 0x2028
                                && c != 0x2029) || (c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF)
                                || Character.isSurrogate(c);
                        if (printable) {
                            b.append(c);
                        } else {
                            b.append(String.format("\\u%04x", (int) c));
                        }
                    }
                }
            }
            b.append('"');
        }
    }
}
