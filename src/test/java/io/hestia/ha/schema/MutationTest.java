package io.hestia.ha.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

/**
 * Negative corpus by mutation: one fault at a time is injected into every corpus automation where the mutation
 * applies; HA would refuse each mutant, so the validator must report at least one ERROR for it.
 */
class MutationTest {

    private static final HaAutomationSchema SCHEMA = new HaAutomationSchema();
    private static final List<String> STEP_ORDER = List.of(
            "delay", "wait_template", "condition", "and", "or", "not", "event", "device_id", "scene", "repeat",
            "choose", "wait_for_trigger", "variables", "if", "action", "service", "service_template", "stop",
            "parallel", "sequence", "set_conversation_response");

    /** Mutates the automation in place; returns false when the mutation does not apply to it. */
    @FunctionalInterface
    interface Mutation {
        boolean apply(Map<Object, Object> automation);
    }

    record Case(String name, String expectedRule, Mutation mutation) {
    }

    static List<Case> cases() {
        return List.of(
                new Case("bad entity-id format", "entity_id_invalid", MutationTest::badEntityId),
                new Case("unknown trigger platform", "trigger.unknown_platform", a -> {
                    Map<Object, Object> t = firstTrigger(a, x -> true);
                    if (t == null) {
                        return false;
                    }
                    t.put(t.containsKey("trigger") ? "trigger" : "platform", "motion_detector");
                    return true;
                }),
                new Case("missing actions", "automation.actions_required", a -> {
                    if (a.containsKey("use_blueprint")) {
                        return false;
                    }
                    a.remove("actions");
                    a.remove("action");
                    return true;
                }),
                new Case("missing triggers", "automation.triggers_required", a -> {
                    if (a.containsKey("use_blueprint")) {
                        return false;
                    }
                    a.remove("triggers");
                    a.remove("trigger");
                    return true;
                }),
                new Case("invalid time \"25:00\"", "time.", MutationTest::invalidTime),
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
                new Case("negative delay", "negative", MutationTest::negativeDelay),
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
                new Case("unknown step", "action.unknown_step", a -> {
                    Map<Object, Object> unknown = new LinkedHashMap<>();
                    unknown.put("turn_on", "light.kitchen");
                    return insertStep(a, unknown);
                }));
    }

    @Test
    void mutantsAreCaught() {
        List<Object> corpus = CorpusFixture.automations();
        for (Object automation : corpus) {
            assertThat(SCHEMA.validate(automation)).filteredOn(SchemaFinding::isError).isEmpty();
        }
        StringBuilder table = new StringBuilder();
        table.append(String.format("%-30s %10s %8s %12s %8s%n", "mutation", "applicable", "caught", "expected-rule", "rate"));
        int totalApplicable = 0;
        int totalCaught = 0;
        List<String> misses = new ArrayList<>();
        List<String> lowRates = new ArrayList<>();
        for (Case c : cases()) {
            int applicable = 0;
            int caught = 0;
            int expected = 0;
            for (int i = 0; i < corpus.size(); i++) {
                Map<Object, Object> mutant = CorpusFixture.deepCopy(asMap(corpus.get(i)));
                if (!c.mutation().apply(mutant)) {
                    continue;
                }
                applicable++;
                List<SchemaFinding> errors = SCHEMA.validate(mutant).stream().filter(SchemaFinding::isError).toList();
                if (!errors.isEmpty()) {
                    caught++;
                } else {
                    misses.add(c.name() + " #" + i + " " + mutant.get("alias"));
                }
                if (errors.stream().anyMatch(f -> f.rule().contains(c.expectedRule()))) {
                    expected++;
                }
            }
            double rate = applicable == 0 ? 1.0 : (double) caught / applicable;
            table.append(String.format("%-30s %10d %8d %12d %7.1f%%%n", c.name(), applicable, caught, expected, rate * 100));
            totalApplicable += applicable;
            totalCaught += caught;
            assertThat(applicable).as(c.name() + " applies somewhere").isPositive();
            if (rate < 0.99) {
                lowRates.add(c.name());
            }
        }
        double total = (double) totalCaught / totalApplicable;
        table.append(String.format("%-30s %10d %8d %12s %7.2f%%%n", "TOTAL", totalApplicable, totalCaught, "", total * 100));
        System.out.print(table);
        misses.stream().limit(50).forEach(m -> System.out.println("  missed: " + m));
        assertThat(total).isGreaterThanOrEqualTo(0.99);
        assertThat(lowRates).as("mutations below 99%").isEmpty();
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
    private static Map<Object, Object> asMap(Object o) {
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

    private static Map<Object, Object> firstTrigger(Map<Object, Object> a, Predicate<Map<Object, Object>> match) {
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
