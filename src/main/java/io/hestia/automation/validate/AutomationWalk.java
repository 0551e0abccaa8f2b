package io.hestia.automation.validate;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One structural pass over an automation's triggers, conditions and actions, in both of HA's spellings
 * ({@code triggers}/{@code trigger}, {@code trigger:}/{@code platform:}, {@code actions}/{@code action},
 * {@code action:}/{@code service:}), descending into {@code choose}/{@code default}, {@code if/then/else},
 * {@code repeat}, {@code parallel}, {@code sequence}, {@code wait_for_trigger} and and/or/not. Wrongly shaped
 * parts are skipped (the schema stage reports them), so a walk never throws.
 */
final class AutomationWalk {

    /** What a stage does with each part; paths use the author's keys, e.g. {@code actions[1].target.entity_id}. */
    interface Visitor {
        /** @param waiting true for the triggers of a {@code wait_for_trigger} step */
        default void trigger(Map<?, ?> trigger, String platform, String path, boolean waiting) {
        }

        default void condition(Map<?, ?> condition, String path) {
        }

        /** @param guarded a condition decides whether the step runs (automation conditions, choose, if, a condition step before it) */
        default void step(Map<?, ?> step, String path, boolean guarded) {
        }
    }

    private AutomationWalk() {
    }

    static void walk(Map<?, ?> automation, Visitor v) {
        String tk = automation.containsKey("triggers") ? "triggers" : "trigger";
        triggers(automation.get(tk), tk, false, v);
        String ck = automation.containsKey("conditions") ? "conditions" : "condition";
        Object conditions = automation.get(ck);
        conditions(conditions, ck, v);
        boolean guarded = conditions instanceof List<?> l ? !l.isEmpty() : conditions != null;
        String ak = automation.containsKey("actions") ? "actions" : "action";
        steps(automation.get(ak), ak, guarded, v);
    }

    /** The service a step calls ({@code action:} or {@code service:}), or null. */
    static String service(Map<?, ?> step) {
        Object s = step.get("action");
        if (!(s instanceof String)) {
            s = step.get("service");
        }
        return s instanceof String str ? str : null;
    }

    /** The platform of a trigger ({@code trigger:} or {@code platform:}), or null. */
    static String platform(Map<?, ?> trigger) {
        Object p = trigger.get("trigger");
        if (!(p instanceof String)) {
            p = trigger.get("platform");
        }
        return p instanceof String s ? s : null;
    }

    static boolean isTemplate(String s) {
        return s.contains("{{") || s.contains("{%") || s.contains("{#");
    }

    /**
     * Each id in an id-list value (a string, a comma-separated string or a list of strings), stripped; templates,
     * HA tag placeholders, {@code all} and {@code none} skipped.
     */
    static void ids(Object value, Consumer<String> each) {
        if (value instanceof String s) {
            if (s.indexOf(',') < 0) {
                id(s, each);
            } else {
                if (isTemplate(s)) {
                    return;
                }
                for (String part : s.split(",")) {
                    id(part, each);
                }
            }
        } else if (value instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof String s) {
                    id(s, each);
                }
            }
        }
    }

    private static void id(String raw, Consumer<String> each) {
        String s = raw.strip();
        if (s.isEmpty() || s.equals("all") || s.equals("none") || isTemplate(s)) {
            return;
        }
        each.accept(s);
    }

    private static String at(String path, int i) {
        return path + "[" + i + "]";
    }

    private static void triggers(Object value, String path, boolean waiting, Visitor v) {
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) instanceof Map<?, ?> m) {
                    trigger(m, at(path, i), waiting, v);
                }
            }
        } else if (value instanceof Map<?, ?> m) {
            trigger(m, path, waiting, v);
        }
    }

    private static void trigger(Map<?, ?> t, String path, boolean waiting, Visitor v) {
        String platform = platform(t);
        if (platform == null && t.containsKey("triggers")) {
            triggers(t.get("triggers"), path + ".triggers", waiting, v);
        } else {
            v.trigger(t, platform, path, waiting);
        }
    }

    private static void conditions(Object value, String path, Visitor v) {
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) instanceof Map<?, ?> m) {
                    condition(m, at(path, i), v);
                }
            }
        } else if (value instanceof Map<?, ?> m) {
            condition(m, path, v);
        }
    }

    private static void condition(Map<?, ?> c, String path, Visitor v) {
        v.condition(c, path);
        if (c.containsKey("conditions")) {
            conditions(c.get("conditions"), path + ".conditions", v);
        }
        for (String op : new String[] {"and", "or", "not"}) {
            if (c.containsKey(op)) {
                conditions(c.get(op), path + "." + op, v);
            }
        }
    }

    private static void steps(Object value, String path, boolean guarded, Visitor v) {
        if (value instanceof List<?> list) {
            boolean g = guarded;
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) instanceof Map<?, ?> m) {
                    step(m, at(path, i), g, v);
                    // a condition step stops the sequence when false: what follows is guarded
                    g |= isConditionStep(m);
                }
            }
        } else if (value instanceof Map<?, ?> m) {
            step(m, path, guarded, v);
        }
    }

    private static boolean isConditionStep(Map<?, ?> step) {
        return step.containsKey("condition") || step.containsKey("and") || step.containsKey("or")
                || step.containsKey("not");
    }

    private static void step(Map<?, ?> s, String path, boolean guarded, Visitor v) {
        v.step(s, path, guarded);
        if (isConditionStep(s)) {
            condition(s, path, v);
            return;
        }
        if (s.containsKey("choose")) {
            Object options = s.get("choose");
            List<?> list = options instanceof List<?> l ? l : options == null ? List.of() : List.of(options);
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) instanceof Map<?, ?> option) {
                    String p = options instanceof List<?> ? at(path + ".choose", i) : path + ".choose";
                    conditions(option.get("conditions"), p + ".conditions", v);
                    steps(option.get("sequence"), p + ".sequence", true, v);
                }
            }
            steps(s.get("default"), path + ".default", true, v);
        } else if (s.containsKey("if")) {
            conditions(s.get("if"), path + ".if", v);
            steps(s.get("then"), path + ".then", true, v);
            steps(s.get("else"), path + ".else", true, v);
        } else if (s.get("repeat") instanceof Map<?, ?> repeat) {
            conditions(repeat.get("while"), path + ".repeat.while", v);
            conditions(repeat.get("until"), path + ".repeat.until", v);
            steps(repeat.get("sequence"), path + ".repeat.sequence", guarded || repeat.containsKey("while"), v);
        } else if (s.get("parallel") instanceof List<?> branches) {
            for (int i = 0; i < branches.size(); i++) {
                Object b = branches.get(i);
                String p = at(path + ".parallel", i);
                if (b instanceof Map<?, ?> m && m.containsKey("sequence") && service(m) == null) {
                    steps(m.get("sequence"), p + ".sequence", guarded, v);
                } else {
                    steps(b, p, guarded, v);
                }
            }
        } else if (s.containsKey("parallel")) {
            steps(s.get("parallel"), path + ".parallel", guarded, v);
        } else if (s.containsKey("sequence")) {
            steps(s.get("sequence"), path + ".sequence", guarded, v);
        } else if (s.containsKey("wait_for_trigger")) {
            triggers(s.get("wait_for_trigger"), path + ".wait_for_trigger", true, v);
        }
    }

    /** Whether a sequence waits anywhere (delay, wait_template, wait_for_trigger), nested steps included. */
    static boolean waits(Object sequence) {
        boolean[] found = {false};
        steps(sequence, "", false, new Visitor() {
            @Override
            public void step(Map<?, ?> step, String path, boolean guarded) {
                found[0] |= step.containsKey("delay") || step.containsKey("wait_template")
                        || step.containsKey("wait_for_trigger");
            }
        });
        return found[0];
    }
}
