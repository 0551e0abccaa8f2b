package io.hestia.pattern.mining;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The trigger → action entity pairs the home's own automations already cover (original defect 9: the synergy
 * filter was skipped for want of a parser). Reads automation mappings as loaded from YAML or the config API, in
 * either spelling (singular or plural top-level keys, {@code platform:} or {@code trigger:}, {@code service:} or
 * {@code action:}).
 *
 * <p>Triggers: every {@code entity_id} (string, comma-separated string or list) of every trigger, and a 2025-style
 * trigger's {@code target.entity_id}; nested {@code triggers:} lists are flattened. Actions: a step's
 * {@code entity_id}, {@code target.entity_id} and {@code data.entity_id}; {@code scene: scene.x}; a script called
 * as a service ({@code script.bedtime}) counts as the entity {@code script.bedtime}; nested {@code choose}
 * (sequences and default), {@code if}/{@code then}/{@code else}, {@code sequence}, {@code parallel} and
 * {@code repeat.sequence} are walked. Conditions and {@code wait_for_trigger} are not actions and are skipped.
 * Templates ({@code {{ ... }}}), {@code all}, {@code none}, device ids and area targets are ignored.
 */
public final class AutomationCoverage {

    private static final Pattern ENTITY_ID = Pattern.compile("[a-z0-9_]+\\.[a-z0-9_]+");
    private static final Set<String> SCRIPT_SERVICES = Set.of("turn_on", "turn_off", "toggle", "reload");

    private AutomationCoverage() {
    }

    /** {@link HomeModel#pairKey} for every trigger entity × action entity of each automation, sorted. */
    public static Set<String> pairs(List<Map<String, Object>> automationConfigs) {
        Set<String> out = new TreeSet<>();
        for (Map<String, Object> automation : automationConfigs) {
            if (automation == null) {
                continue;
            }
            Set<String> triggers = triggerEntities(automation);
            Set<String> actions = actionEntities(automation);
            for (String t : triggers) {
                for (String a : actions) {
                    if (!t.equals(a)) {
                        out.add(HomeModel.pairKey(t, a));
                    }
                }
            }
        }
        return out;
    }

    /** The entities whose changes trigger this automation. */
    public static Set<String> triggerEntities(Map<String, Object> automation) {
        Set<String> out = new TreeSet<>();
        for (Object trigger : items(first(automation, "triggers", "trigger"))) {
            collectTrigger(trigger, out);
        }
        return out;
    }

    /** The entities this automation acts on. */
    public static Set<String> actionEntities(Map<String, Object> automation) {
        Set<String> out = new TreeSet<>();
        collectSteps(first(automation, "actions", "action"), out);
        return out;
    }

    private static Object first(Map<?, ?> map, String plural, String singular) {
        Object v = map.get(plural);
        return v != null ? v : map.get(singular);
    }

    private static List<Object> items(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof Collection<?> c) {
            return new ArrayList<>(c);
        }
        return List.of(value);
    }

    private static void collectTrigger(Object trigger, Set<String> out) {
        if (!(trigger instanceof Map<?, ?> t)) {
            return;
        }
        Object nested = t.get("triggers");
        if (nested != null) {
            for (Object n : items(nested)) {
                collectTrigger(n, out);
            }
            return;
        }
        addEntities(t.get("entity_id"), out);
        if (t.get("target") instanceof Map<?, ?> target) {
            addEntities(target.get("entity_id"), out);
        }
    }

    private static void collectSteps(Object steps, Set<String> out) {
        for (Object step : items(steps)) {
            if (step instanceof Map<?, ?> s) {
                collectStep(s, out);
            }
        }
    }

    private static void collectStep(Map<?, ?> s, Set<String> out) {
        // step type: first key present in HA's order (conditions, waits and events are not actions)
        if (s.containsKey("delay") || s.containsKey("wait_template") || s.containsKey("condition")
                || s.containsKey("event") || s.containsKey("wait_for_trigger") || s.containsKey("variables")
                || s.containsKey("stop")) {
            return;
        }
        if (s.containsKey("scene")) {
            addEntities(s.get("scene"), out);
            return;
        }
        if (s.containsKey("repeat")) {
            if (s.get("repeat") instanceof Map<?, ?> r) {
                collectSteps(r.get("sequence"), out);
            }
            return;
        }
        if (s.containsKey("choose")) {
            for (Object option : items(s.get("choose"))) {
                if (option instanceof Map<?, ?> o) {
                    collectSteps(o.get("sequence"), out);
                }
            }
            collectSteps(s.get("default"), out);
            return;
        }
        if (s.containsKey("if")) {
            collectSteps(s.get("then"), out);
            collectSteps(s.get("else"), out);
            return;
        }
        Object service = s.containsKey("action") ? s.get("action") : s.get("service");
        if (service != null || s.containsKey("device_id")) {
            addEntities(s.get("entity_id"), out);
            if (s.get("target") instanceof Map<?, ?> target) {
                addEntities(target.get("entity_id"), out);
            }
            if (s.get("data") instanceof Map<?, ?> data) {
                addEntities(data.get("entity_id"), out);
            }
            if (service instanceof String name && name.startsWith("script.")) {
                String script = name.substring("script.".length());
                if (!SCRIPT_SERVICES.contains(script)) {
                    addEntities(name, out);
                }
            }
            return;
        }
        if (s.containsKey("parallel")) {
            for (Object branch : items(s.get("parallel"))) {
                if (branch instanceof Map<?, ?> b && b.containsKey("sequence") && b.size() == 1) {
                    collectSteps(b.get("sequence"), out);
                } else {
                    collectSteps(branch, out);
                }
            }
            return;
        }
        if (s.containsKey("sequence")) {
            collectSteps(s.get("sequence"), out);
        }
    }

    private static void addEntities(Object value, Set<String> out) {
        if (value instanceof String str) {
            for (String part : str.split(",")) {
                String id = part.trim().toLowerCase(java.util.Locale.ROOT);
                if (!id.contains("{") && ENTITY_ID.matcher(id).matches()) {
                    out.add(id);
                }
            }
        } else if (value instanceof Collection<?> c) {
            for (Object v : c) {
                addEntities(v, out);
            }
        }
    }
}
