package io.hestia.query.llm;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hestia.ha.schema.HaAutomationSchema;
import io.hestia.query.HomeIndex;
import io.hestia.query.Understanding;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads the LLM's answer strictly: one JSON object (bare, or in a {@code ```json} fence) of the shape the prompt
 * asked for, an allowed intent, slots within range that name areas, floors, entities, domains and device classes the
 * home has, target entity ids that exist, and triggers, conditions and actions in HA's modern schema that use only
 * the home's entity, area and floor ids and that HA's own rules ({@link HaAutomationSchema}) accept. Anything else
 * rejects the whole answer with a reason: a rejected answer never reaches the person, and an entity the home does
 * not have is never invented.
 */
final class LlmAnswer {

    /** HA's intent names the query model uses for commands and questions ({@link Understanding#intent()}). */
    static final List<String> COMMAND_INTENTS = List.of("HassTurnOn", "HassTurnOff", "HassToggle", "HassLightSet",
            "HassClimateSetTemperature", "HassSetPosition", "HassGetState", "HassMediaPause", "HassMediaUnpause",
            "HassMediaNext", "HassMediaPrevious", "HassSetVolume");

    /** Confidence of every entity and of the whole understanding when it comes from the LLM. */
    static final double CONFIDENCE = 0.7;

    /** The note in {@link Understanding#unparsed()} that marks an understanding as the LLM's. */
    static final String SOURCE_NOTE = "source: llm";

    private static final Set<String> KEYS = Set.of("intent", "slots", "targets", "triggers", "conditions", "actions");
    private static final Set<String> SLOTS = Set.of("name", "area", "floor", "domain", "device_class", "brightness",
            "color", "temperature", "position", "volume");
    /** Intents whose targets must be of these domains. */
    private static final Map<String, Set<String>> TARGET_DOMAINS = Map.of(
            "HassLightSet", Set.of("light"),
            "HassClimateSetTemperature", Set.of("climate", "water_heater"),
            "HassSetPosition", Set.of("cover", "valve"),
            "HassMediaPause", Set.of("media_player"),
            "HassMediaUnpause", Set.of("media_player"),
            "HassMediaNext", Set.of("media_player"),
            "HassMediaPrevious", Set.of("media_player"),
            "HassSetVolume", Set.of("media_player"));
    private static final Pattern SERVICE = Pattern.compile("[a-z0-9_]+\\.[a-z0-9_]+");
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final HaAutomationSchema HA_SCHEMA = new HaAutomationSchema();

    /** The answer breaks a rule; the message says which. */
    static final class Rejected extends Exception {
        Rejected(String reason) {
            super(reason, null, false, false);
        }
    }

    private final HomeIndex home;
    private final List<Understanding.EntityMatch> entities = new ArrayList<>();
    private final Set<String> seen = new LinkedHashSet<>();
    private final Map<String, Understanding.Place> areas = new LinkedHashMap<>();
    private final Map<String, Understanding.Place> floors = new LinkedHashMap<>();

    private LlmAnswer(HomeIndex home) {
        this.home = home;
    }

    /**
     * @param content the message content the LLM answered
     * @param text    the request (for the automation draft's alias and description)
     * @return the understanding, or empty when the LLM answered intent {@code unknown}
     * @throws Rejected when the answer breaks any rule
     */
    static Optional<Understanding> read(String content, String text, HomeIndex home) throws Rejected {
        return new LlmAnswer(home).read(object(content), text);
    }

    /** The answer as a JSON object: bare, or in a Markdown code fence. */
    static Map<String, Object> object(String content) throws Rejected {
        if (content == null || content.isBlank()) {
            throw new Rejected("empty answer");
        }
        String s = content.strip();
        if (s.startsWith("```")) {
            int firstLine = s.indexOf('\n');
            if (firstLine < 0 || !s.endsWith("```") || s.length() < firstLine + 4) {
                throw new Rejected("unterminated code fence");
            }
            String lang = s.substring(3, firstLine).strip();
            if (!lang.isEmpty() && !lang.equalsIgnoreCase("json")) {
                throw new Rejected("code fence of '" + lang + "', not json");
            }
            s = s.substring(firstLine + 1, s.length() - 3).strip();
        }
        Object value;
        try {
            value = STRICT.readValue(s, Object.class);
        } catch (JsonProcessingException e) {
            throw new Rejected("not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new Rejected("not a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) map;
        return object;
    }

    private Optional<Understanding> read(Map<String, Object> answer, String text) throws Rejected {
        for (String key : answer.keySet()) {
            if (!KEYS.contains(key)) {
                throw new Rejected("unexpected key '" + key + "'");
            }
        }
        if (!(answer.get("intent") instanceof String intent)) {
            throw new Rejected("intent missing or not a string");
        }
        boolean automation = Understanding.AUTOMATION.equals(intent);
        if (Understanding.UNKNOWN.equals(intent)) {
            return Optional.empty();
        }
        if (!automation && !COMMAND_INTENTS.contains(intent)) {
            throw new Rejected("unknown intent '" + intent + "'");
        }
        Map<String, Object> slots = slots(answer.get("slots"));
        for (Object id : list(answer.get("targets"), "targets")) {
            if (!(id instanceof String s)) {
                throw new Rejected("targets: not an entity id: " + id);
            }
            entity(s, "target");
        }
        List<Map<String, Object>> triggers = items(answer.get("triggers"), "triggers", "trigger");
        List<Map<String, Object>> conditions = items(answer.get("conditions"), "conditions", "condition");
        List<Map<String, Object>> actions = items(answer.get("actions"), "actions", "action");
        walk(triggers, "triggers", "trigger");
        walk(conditions, "conditions", "condition");
        walk(actions, "actions", "target");

        if (automation) {
            if (triggers.isEmpty() || actions.isEmpty()) {
                throw new Rejected("an automation needs at least one trigger and one action");
            }
        } else {
            if (!triggers.isEmpty() || !conditions.isEmpty()) {
                throw new Rejected(intent + " is a command: it has no triggers or conditions");
            }
            if (entities.isEmpty() && !slots.containsKey("name") && !slots.containsKey("area")
                    && !slots.containsKey("floor") && !slots.containsKey("domain")) {
                throw new Rejected(intent + " names nothing to act on");
            }
            Set<String> domains = TARGET_DOMAINS.get(intent);
            if (domains != null) {
                for (Understanding.EntityMatch m : entities) {
                    if ("target".equals(m.role()) && !domains.contains(m.domain())) {
                        throw new Rejected(intent + " cannot act on " + m.entityId());
                    }
                }
            }
        }
        Map<String, Object> draft = null;
        if (automation) {
            draft = new LinkedHashMap<>();
            draft.put("id", "hestia_llm_" + hash(text));
            draft.put("alias", alias(text));
            draft.put("description", "Drafted by the LLM helper from the request: " + text.strip());
            draft.put("mode", "single");
            draft.put("triggers", triggers);
            draft.put("conditions", conditions);
            draft.put("actions", actions);
            haRules(draft);
        } else if (!actions.isEmpty()) {
            // a stand-in trigger lets HA's rules judge the command's actions
            Map<String, Object> standIn = new LinkedHashMap<>();
            standIn.put("triggers", List.of(Map.of("trigger", "homeassistant", "event", "start")));
            standIn.put("actions", actions);
            haRules(standIn);
        }
        return Optional.of(new Understanding(intent, slots, entities, List.copyOf(areas.values()),
                List.copyOf(floors.values()), triggers, conditions, actions, draft, List.of(), CONFIDENCE,
                List.of(SOURCE_NOTE)));
    }

    // ---- slots ----------------------------------------------------------------------------------------------------

    private Map<String, Object> slots(Object value) throws Rejected {
        Map<String, Object> out = new LinkedHashMap<>();
        if (value == null) {
            return out;
        }
        if (!(value instanceof Map<?, ?> slots)) {
            throw new Rejected("slots is not an object");
        }
        for (Map.Entry<?, ?> e : slots.entrySet()) {
            String key = String.valueOf(e.getKey());
            Object v = e.getValue();
            if (!SLOTS.contains(key)) {
                throw new Rejected("unknown slot '" + key + "'");
            }
            if (v == null) {
                continue; // "not said"
            }
            switch (key) {
                case "name" -> out.put(key, entityName(string(v, key)));
                case "area" -> {
                    HomeIndex.Area a = area(string(v, key));
                    out.put(key, a.name() == null ? a.id() : a.name());
                }
                case "floor" -> {
                    HomeIndex.Floor f = floor(string(v, key));
                    out.put(key, f.name() == null ? f.id() : f.name());
                }
                case "domain" -> {
                    String d = string(v, key);
                    if (home.entities().stream().noneMatch(x -> d.equals(x.domain()))) {
                        throw new Rejected("slot domain: the home has no " + d + " entity");
                    }
                    out.put(key, d);
                }
                case "device_class" -> {
                    String c = string(v, key);
                    if (home.entities().stream().noneMatch(x -> c.equals(x.deviceClass()))) {
                        throw new Rejected("slot device_class: the home has no entity of class " + c);
                    }
                    out.put(key, c);
                }
                case "brightness", "position", "volume" -> out.put(key, number(v, "slot " + key, 0, 100));
                case "temperature" -> out.put(key, temperature(v, "slot temperature"));
                case "color" -> out.put(key, color(v));
                default -> throw new IllegalStateException(key);
            }
        }
        return out;
    }

    private String entityName(String name) throws Rejected {
        for (HomeIndex.Entity e : home.entities()) {
            if (name.equalsIgnoreCase(e.name())) {
                return e.name();
            }
            for (String alias : e.aliases()) {
                if (name.equalsIgnoreCase(alias)) {
                    return alias;
                }
            }
        }
        throw new Rejected("slot name: no entity is called '" + name + "'");
    }

    private HomeIndex.Area area(String nameOrId) throws Rejected {
        return place(nameOrId, "area", home.areas(), HomeIndex.Area::id, HomeIndex.Area::name,
                HomeIndex.Area::aliases, areas);
    }

    private HomeIndex.Floor floor(String nameOrId) throws Rejected {
        return place(nameOrId, "floor", home.floors(), HomeIndex.Floor::id, HomeIndex.Floor::name,
                HomeIndex.Floor::aliases, floors);
    }

    /** The area or floor with this id, name or alias (names case-insensitive), recorded as named. */
    private static <P> P place(String nameOrId, String kind, List<P> all, Function<P, String> id,
                               Function<P, String> name, Function<P, List<String>> aliases,
                               Map<String, Understanding.Place> named) throws Rejected {
        for (P p : all) {
            if (nameOrId.equals(id.apply(p)) || nameOrId.equalsIgnoreCase(name.apply(p))
                    || aliases.apply(p).stream().anyMatch(nameOrId::equalsIgnoreCase)) {
                named.putIfAbsent(id.apply(p), new Understanding.Place(id.apply(p), name.apply(p)));
                return p;
            }
        }
        throw new Rejected("unknown " + kind + " '" + nameOrId + "'");
    }

    private static Object color(Object v) throws Rejected {
        if (v instanceof String s && !s.isBlank() && s.length() <= 40 && !template(s)) {
            return s.strip();
        }
        if (v instanceof List<?> rgb && rgb.size() == 3) {
            List<Object> out = new ArrayList<>(3);
            for (Object c : rgb) {
                out.add(number(c, "slot color", 0, 255));
            }
            return out;
        }
        throw new Rejected("slot color: neither a color name nor [r, g, b]");
    }

    // ---- triggers, conditions, actions ----------------------------------------------------------------------------

    /** A list of objects, each with its kind's key ({@code trigger}, {@code condition}, {@code action}). */
    private static List<Map<String, Object>> items(Object value, String field, String key) throws Rejected {
        List<Map<String, Object>> out = new ArrayList<>();
        int i = 0;
        for (Object item : list(value, field)) {
            if (!(item instanceof Map<?, ?> map)) {
                throw new Rejected(field + "[" + i + "]: not an object");
            }
            Object kind = map.get(key);
            boolean delay = "action".equals(key) && map.containsKey("delay") && kind == null;
            if (!delay && !(kind instanceof String s && !s.isBlank())) {
                throw new Rejected(field + "[" + i + "]: no '" + key + "' key"
                        + ("action".equals(key) ? " (or delay)" : ""));
            }
            if ("action".equals(key) && !delay && !SERVICE.matcher((String) kind).matches()) {
                throw new Rejected(field + "[" + i + "]: action '" + kind + "' is not <domain>.<service>");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) map;
            out.add(m);
            i++;
        }
        return out;
    }

    /** Checks every id and value inside, recording the entities met with the given role. */
    private void walk(Object node, String path, String role) throws Rejected {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                Object v = e.getValue();
                String at = path + "." + key;
                switch (key) {
                    case "entity_id" -> {
                        for (String id : ids(v, at)) {
                            entity(id, role);
                        }
                    }
                    case "zone" -> {
                        for (String id : ids(v, at)) {
                            entity(id, role);
                        }
                    }
                    case "area_id" -> {
                        for (String id : ids(v, at)) {
                            if (home.area(id) == null) {
                                throw new Rejected(at + ": unknown area id '" + id + "'");
                            }
                            area(id);
                        }
                    }
                    case "floor_id" -> {
                        for (String id : ids(v, at)) {
                            if (home.floor(id) == null) {
                                throw new Rejected(at + ": unknown floor id '" + id + "'");
                            }
                            floor(id);
                        }
                    }
                    case "device_id" -> throw new Rejected(at + ": device ids are not accepted");
                    case "data" -> {
                        data(v, at);
                        walk(v, at, role);
                    }
                    default -> walk(v, at, role);
                }
            }
        } else if (node instanceof List<?> list) {
            int i = 0;
            for (Object item : list) {
                walk(item, path + "[" + i++ + "]", role);
            }
        } else if (node instanceof String s && template(s)) {
            throw new Rejected(path + ": templates are not accepted");
        }
    }

    /** Ranges of the action data the intents set. */
    private static void data(Object data, String at) throws Rejected {
        if (!(data instanceof Map<?, ?> map)) {
            return; // HA's rules judge the shape
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            Object v = e.getValue();
            switch (key) {
                case "brightness_pct", "position", "tilt_position" -> number(v, at + "." + key, 0, 100);
                case "brightness" -> number(v, at + "." + key, 0, 255);
                case "volume_level" -> number(v, at + "." + key, 0, 1);
                case "temperature", "target_temp_low", "target_temp_high" -> temperature(v, at + "." + key);
                default -> {
                    // other data is HA's to judge
                }
            }
        }
    }

    private static List<String> ids(Object v, String at) throws Rejected {
        List<String> out = new ArrayList<>();
        if (v instanceof String s) {
            for (String part : s.split(",")) {
                out.add(part.strip());
            }
        } else if (v instanceof List<?> list) {
            for (Object o : list) {
                if (!(o instanceof String s)) {
                    throw new Rejected(at + ": not an id: " + o);
                }
                out.add(s.strip());
            }
        } else {
            throw new Rejected(at + ": not an id or a list of ids");
        }
        return out;
    }

    private void entity(String id, String role) throws Rejected {
        HomeIndex.Entity e = home.entity(id);
        if (e == null) {
            throw new Rejected("unknown entity id '" + id + "'");
        }
        if (seen.add(id + "\u0000" + role)) {
            HomeIndex.Area a = home.area(e.areaId());
            entities.add(new Understanding.EntityMatch(e.name() == null ? id : e.name(), id, e.name(), e.areaId(),
                    a == null ? null : a.name(), e.domain(), e.deviceClass(), role, CONFIDENCE));
        }
    }

    private static void haRules(Map<String, Object> automation) throws Rejected {
        String error = HaAutomationSchema.firstErrorMessage(HA_SCHEMA.validate(automation));
        if (error != null) {
            throw new Rejected("Home Assistant would refuse it: " + error);
        }
    }

    // ---- values ---------------------------------------------------------------------------------------------------

    private static List<?> list(Object value, String field) throws Rejected {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new Rejected(field + " is not a list");
        }
        return list;
    }

    private static String string(Object v, String slot) throws Rejected {
        if (!(v instanceof String s) || s.isBlank()) {
            throw new Rejected("slot " + slot + ": not a string");
        }
        if (template(s)) {
            throw new Rejected("slot " + slot + ": templates are not accepted");
        }
        return s.strip();
    }

    private static Number number(Object v, String what, double min, double max) throws Rejected {
        if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            throw new Rejected(what + ": not a number: " + v);
        }
        if (n.doubleValue() < min || n.doubleValue() > max) {
            throw new Rejected(what + ": " + n + " is outside " + plain(min) + "-" + plain(max));
        }
        return n;
    }

    /** 5-35 (°C) or 40-95 (°F): the home's unit is not known here, and nothing else is a sensible set point. */
    private static Number temperature(Object v, String what) throws Rejected {
        if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            throw new Rejected(what + ": not a number: " + v);
        }
        double t = n.doubleValue();
        if (!(t >= 5 && t <= 35) && !(t >= 40 && t <= 95)) {
            throw new Rejected(what + ": " + n + " is neither 5-35 °C nor 40-95 °F");
        }
        return n;
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    private static boolean template(String s) {
        return s.contains("{{") || s.contains("{%");
    }

    private static String alias(String text) {
        String s = text.strip().replaceAll("\\s+", " ");
        if (s.length() > 100) {
            s = s.substring(0, 99) + "…";
        }
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }

    /** A stable id for the same request: 12 hex digits of its SHA-256. */
    private static String hash(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256")
                    .digest(text.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
