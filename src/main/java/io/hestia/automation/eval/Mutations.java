package io.hestia.automation.eval;

import io.hestia.ha.schema.HaTag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Fault injection for the negative corpus: each {@link Case} injects one fault HA would refuse into a copy of a
 * corpus automation, where the fault applies. Used by {@code eval automations} and the schema's MutationTest.
 */
public final class Mutations {

    private static final List<String> STEP_ORDER = List.of(
            "delay", "wait_template", "condition", "and", "or", "not", "event", "device_id", "scene", "repeat",
            "choose", "wait_for_trigger", "variables", "if", "action", "service", "service_template", "stop",
            "parallel", "sequence", "set_conversation_response");

    private Mutations() {
    }

    /** Mutates the automation in place; returns false when the mutation does not apply to it. */
    @FunctionalInterface
    public interface Mutation {
        boolean apply(Map<Object, Object> automation);
    }

    /**
     * @param name         the fault, for reports
     * @param expectedRule part of the rule id the schema should report for it
     */
    public record Case(String name, String expectedRule, Mutation mutation) {
    }

    /** Every fault kind, in report order. */
    public static List<Case> cases() {
        return List.of(
                new Case("bad entity-id format", "entity_id_invalid", Mutations::badEntityId),
                new Case("unknown trigger platform", "trigger.unknown_platform", a -> {
                    Map<Object, Object> t = firstTrigger(a, x -> true);
                    if (t == null) {
                        return false;
                    }
                    t.put(t.containsKey("trigger") ? "trigger" : "platform", "motion_detector");
                    return true;
                }),
                new Case("missing actions", "automation.actions_required", a -> removeBoth(a, "actions", "action")),
                new Case("missing triggers", "automation.triggers_required",
                        a -> removeBoth(a, "triggers", "trigger")),
                new Case("invalid time \"25:00\"", "time.", Mutations::invalidTime),
                new Case("time_pattern \"/0\"", "trigger.time_pattern.divisor_zero", a -> {
                    Map<Object, Object> t = firstTrigger(a, x -> "time_pattern".equals(kind(x)));
                    if (t == null) {
                        return false;
                    }
                    t.put("minutes", "/0");
                    return true;
                }),
                new Case("both spellings", "automation.both_keys", a -> {
                    if (a.containsKey("trigger")) {
                        a.put("triggers", new ArrayList<>());
                        return true;
                    }
                    if (a.containsKey("triggers")) {
                        a.put("trigger", new ArrayList<>());
                        return true;
                    }
                    return false;
                }),
                new Case("bad mode", "automation.mode_invalid", a -> {
                    a.put("mode", "sequential");
                    return true;
                }),
                new Case("max 1", "automation.max_too_small", a -> {
                    a.put("mode", "queued");
                    a.put("max", 1);
                    return true;
                }),
                new Case("negative delay", "negative", Mutations::negativeDelay),
                new Case("to: true without attribute", "trigger.state.to_not_string", a -> {
                    Map<Object, Object> t = firstTrigger(a, x -> "state".equals(kind(x)) && !x.containsKey("attribute"));
                    if (t == null) {
                        return false;
                    }
                    t.put("to", Boolean.TRUE);
                    return true;
                }),
                new Case("numeric id", "automation.id_not_string", a -> {
                    a.put("id", 1234);
                    return true;
                }),
                new Case("unknown top-level key", "automation.unknown_key", a -> {
                    a.put("trigger_condition", "all");
                    return true;
                }),
                new Case("service + action in one step", "action.service.both_keys", a -> {
                    for (Map<Object, Object> s : steps(a)) {
                        String type = stepType(s);
                        if ("action".equals(type) || "service".equals(type)) {
                            if (s.containsKey("service")) {
                                s.put("action", s.get("service"));
                            } else {
                                s.put("service", s.get("action"));
                            }
                            return true;
                        }
                    }
                    return false;
                }),
                new Case("above > below", "trigger.numeric_state.above_greater_than_below", a -> {
                    Map<Object, Object> t = firstTrigger(a, x -> "numeric_state".equals(kind(x)));
                    if (t == null) {
                        return false;
                    }
                    t.put("above", 50);
                    t.put("below", 10);
                    return true;
                }),
                new Case("service without domain", "action.service.name_invalid", a -> {
                    for (Map<Object, Object> s : steps(a)) {
                        if (s.get("action") instanceof String || s.get("service") instanceof String) {
                            s.put(s.get("action") instanceof String ? "action" : "service", "turn_on");
                            return true;
                        }
                    }
                    return false;
                }),
                new Case("numeric_state without above/below", "above_or_below_required", a -> {
                    Map<Object, Object> t = firstTrigger(a, x -> "numeric_state".equals(kind(x)));
                    if (t == null) {
                        return false;
                    }
                    t.remove("above");
                    t.remove("below");
                    return true;
                }),
                new Case("unknown condition type", "condition.unknown_type", a -> {
                    List<Map<Object, Object>> found = conditions(a);
                    for (Map<Object, Object> c : found) {
                        if (c.get("condition") instanceof String) {
                            c.put("condition", "weather");
                            return true;
                        }
                    }
                    return false;
                }),
                new Case("invalid 'for' duration", "for_invalid", a -> {
                    Map<Object, Object> t = firstTrigger(a, x -> "state".equals(kind(x)));
                    if (t == null) {
                        return false;
                    }
                    t.put("for", "ten minutes");
                    return true;
                }),
                new Case("unknown step", "action.unknown_step", a -> {
                    Map<Object, Object> unknown = new LinkedHashMap<>();
                    unknown.put("turn_on", "light.kitchen");
                    return insertStep(a, unknown);
                }));
    }

    /**
     * Faults only the home stage sees (validate against a home holding the corpus's references): a referenced entity
     * renamed, a called service renamed.
     */
    public static List<Case> homeCases() {
        return List.of(
                new Case("unknown entity (home)", "home.entity_unknown", a -> {
                    if (a.containsKey("use_blueprint")) {
                        return false; // its inputs are only references once the blueprint is expanded
                    }
                    String id = firstReference(a, false);
                    return id != null && replaceAll(a, id, id + "_typo") > 0;
                }),
                new Case("unknown service (home)", "home.service_unknown", a -> {
                    for (Map<Object, Object> s : steps(a)) {
                        for (String key : new String[] {"action", "service"}) {
                            if (s.get(key) instanceof String name && name.matches("[a-z_]+\\.[a-z0-9_]+")) {
                                s.put(key, name + "_typo");
                                return true;
                            }
                        }
                    }
                    return false;
                }));
    }

    private static final Set<String> REFERENCE_KEYS = Set.of("entity_id", "zone", "scene", "at");

    /** The first entity id (depth first) that is the value, or a list item, of an entity-referencing key. */
    private static String firstReference(Object node, boolean underKey) {
        if (node instanceof String s) {
            return underKey && s.matches("[a-z_]+\\.[a-z0-9_]+") ? s : null;
        }
        if (node instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String found = firstReference(e.getValue(), REFERENCE_KEYS.contains(e.getKey()));
                if (found != null) {
                    return found;
                }
            }
        } else if (node instanceof List<?> l) {
            for (Object o : l) {
                String found = firstReference(o, underKey);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** Replaces every string value equal to {@code from} (map values and list items); returns how many. */
    private static int replaceAll(Object node, String from, String to) {
        int n = 0;
        if (node instanceof Map<?, ?> m) {
            for (Map.Entry<Object, Object> e : asMap(m).entrySet()) {
                if (from.equals(e.getValue())) {
                    e.setValue(to);
                    n++;
                } else {
                    n += replaceAll(e.getValue(), from, to);
                }
            }
        } else if (node instanceof List<?> l) {
            @SuppressWarnings("unchecked")
            List<Object> list = (List<Object>) l;
            for (int i = 0; i < list.size(); i++) {
                if (from.equals(list.get(i))) {
                    list.set(i, to);
                    n++;
                } else {
                    n += replaceAll(list.get(i), from, to);
                }
            }
        }
        return n;
    }

    /** Deep copy of maps (insertion order kept), lists and tags; other values are immutable and shared. */
    @SuppressWarnings("unchecked")
    public static <T> T deepCopy(T value) {
        if (value instanceof Map<?, ?> m) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                copy.put(e.getKey(), deepCopy(e.getValue()));
            }
            return (T) copy;
        }
        if (value instanceof List<?> l) {
            List<Object> copy = new ArrayList<>(l.size());
            for (Object o : l) {
                copy.add(deepCopy(o));
            }
            return (T) copy;
        }
        if (value instanceof HaTag t) {
            return (T) new HaTag(t.tag(), deepCopy(t.value()));
        }
        return value;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Mutations

    private static boolean badEntityId(Map<Object, Object> a) {
        Map<Object, Object> t = firstTrigger(a, x -> Set.of("state", "numeric_state", "zone").contains(kind(x))
                && x.containsKey("entity_id"));
        if (t != null) {
            t.put("entity_id", "Kitchen Light");
            return true;
        }
        for (Map<Object, Object> s : steps(a)) {
            String type = stepType(s);
            if (("action".equals(type) || "service".equals(type))) {
                if (s.containsKey("entity_id")) {
                    s.put("entity_id", "Kitchen Light");
                    return true;
                }
                if (s.get("target") instanceof Map<?, ?> target && target.containsKey("entity_id")) {
                    asMap(target).put("entity_id", "Kitchen Light");
                    return true;
                }
            }
        }
        for (Map<Object, Object> c : conditions(a)) {
            if (Set.of("state", "numeric_state").contains(c.get("condition")) && c.containsKey("entity_id")) {
                c.put("entity_id", "Kitchen Light");
                return true;
            }
        }
        return false;
    }

    /** Removes a top-level key in both spellings (not from blueprint instances, which have neither). */
    private static boolean removeBoth(Map<Object, Object> a, String modern, String legacy) {
        if (a.containsKey("use_blueprint")) {
            return false;
        }
        a.remove(modern);
        a.remove(legacy);
        return true;
    }

    private static boolean invalidTime(Map<Object, Object> a) {
        Map<Object, Object> t = firstTrigger(a, x -> "time".equals(kind(x)));
        if (t != null) {
            t.put("at", "25:00");
            return true;
        }
        for (Map<Object, Object> c : conditions(a)) {
            if ("time".equals(c.get("condition")) && (c.containsKey("after") || c.containsKey("before"))) {
                c.put(c.containsKey("after") ? "after" : "before", "25:00");
                return true;
            }
        }
        return false;
    }

    private static boolean negativeDelay(Map<Object, Object> a) {
        for (Map<Object, Object> s : steps(a)) {
            if ("delay".equals(stepType(s))) {
                s.put("delay", "-00:00:05");
                return true;
            }
        }
        Map<Object, Object> delay = new LinkedHashMap<>();
        delay.put("delay", -5);
        return insertStep(a, delay);
    }

    private static boolean insertStep(Map<Object, Object> a, Map<Object, Object> step) {
        String key = a.containsKey("actions") ? "actions" : a.containsKey("action") ? "action" : null;
        if (key == null) {
            return false;
        }
        Object actions = a.get(key);
        List<Object> list = new ArrayList<>();
        list.add(step);
        if (actions instanceof List<?> existing) {
            list.addAll(existing);
        } else if (actions != null) {
            list.add(actions);
        }
        a.put(key, list);
        return true;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Navigation

    @SuppressWarnings("unchecked")
    static Map<Object, Object> asMap(Object o) {
        return (Map<Object, Object>) o;
    }

    private static List<?> listOf(Object o) {
        if (o == null) {
            return List.of();
        }
        return o instanceof List<?> l ? l : List.of(o);
    }

    private static String kind(Map<Object, Object> trigger) {
        Object k = trigger.containsKey("trigger") ? trigger.get("trigger") : trigger.get("platform");
        return k instanceof String s ? s : null;
    }

    static Map<Object, Object> firstTrigger(Map<Object, Object> a, Predicate<Map<Object, Object>> match) {
        Object triggers = a.containsKey("triggers") ? a.get("triggers") : a.get("trigger");
        return firstTrigger(triggers, match);
    }

    private static Map<Object, Object> firstTrigger(Object triggers, Predicate<Map<Object, Object>> match) {
        for (Object t : listOf(triggers)) {
            if (t instanceof Map<?, ?> m) {
                if (m.size() == 1 && m.containsKey("triggers")) {
                    Map<Object, Object> nested = firstTrigger(m.get("triggers"), match);
                    if (nested != null) {
                        return nested;
                    }
                } else if ((m.containsKey("trigger") || m.containsKey("platform")) && match.test(asMap(m))) {
                    return asMap(m);
                }
            }
        }
        return null;
    }

    static String stepType(Map<Object, Object> step) {
        for (String key : STEP_ORDER) {
            if (step.containsKey(key)) {
                return key;
            }
        }
        return null;
    }

    /** Every step, depth first, including nested sequences. */
    private static List<Map<Object, Object>> steps(Map<Object, Object> a) {
        List<Map<Object, Object>> out = new ArrayList<>();
        collectSteps(a.containsKey("actions") ? a.get("actions") : a.get("action"), out);
        return out;
    }

    private static void collectSteps(Object script, List<Map<Object, Object>> out) {
        for (Object o : listOf(script)) {
            if (!(o instanceof Map<?, ?> m)) {
                continue;
            }
            Map<Object, Object> s = asMap(m);
            out.add(s);
            for (String key : List.of("then", "else", "default", "sequence")) {
                collectSteps(s.get(key), out);
            }
            for (Object option : listOf(s.get("choose"))) {
                if (option instanceof Map<?, ?> om) {
                    collectSteps(om.get("sequence"), out);
                }
            }
            if (s.get("repeat") instanceof Map<?, ?> repeat) {
                collectSteps(repeat.get("sequence"), out);
            }
            for (Object branch : listOf(s.get("parallel"))) {
                collectSteps(branch, out);
            }
        }
    }

    /** Every condition mapping: top level, nested in and/or/not, and in if/choose/repeat of the actions. */
    private static List<Map<Object, Object>> conditions(Map<Object, Object> a) {
        List<Map<Object, Object>> out = new ArrayList<>();
        collectConditions(a.containsKey("conditions") ? a.get("conditions") : a.get("condition"), out);
        for (Map<Object, Object> s : steps(a)) {
            collectConditions(s.get("if"), out);
            for (Object option : listOf(s.get("choose"))) {
                if (option instanceof Map<?, ?> om) {
                    collectConditions(om.get("conditions"), out);
                }
            }
            if (s.get("repeat") instanceof Map<?, ?> repeat) {
                collectConditions(repeat.get("while"), out);
                collectConditions(repeat.get("until"), out);
            }
            if (s.containsKey("condition") && "condition".equals(stepType(s))) {
                collectConditions(s, out);
            }
        }
        return out;
    }

    private static void collectConditions(Object conditions, List<Map<Object, Object>> out) {
        for (Object o : listOf(conditions)) {
            if (o instanceof Map<?, ?> m) {
                Map<Object, Object> c = asMap(m);
                out.add(c);
                collectConditions(c.get("conditions"), out);
                for (String op : List.of("and", "or", "not")) {
                    collectConditions(c.get(op), out);
                }
            }
        }
    }
}
