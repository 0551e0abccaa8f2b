package io.hestia.automation.generate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Category, priority and entities of a drafted automation, read from the automation itself so that every source
 * (pattern, synergy, query) is judged the same way.
 * <ol>
 * <li>a climate or water heater: energy when it is switched off, comfort otherwise;</li>
 * <li>a lock, alarm, camera, siren or valve, or a door, window or leak sensor: security;</li>
 * <li>an energy or power meter, or only switching off at bedtime (21:00-04:59) or when someone leaves: energy;
 * </li>
 * <li>a cover, fan or humidifier: comfort;</li>
 * <li>the rest (lights with motion, ...): convenience.</li>
 * </ol>
 */
final class Categories {

    private static final Set<String> SECURITY_DOMAINS = Set.of("lock", "alarm_control_panel", "camera", "siren",
            "valve");
    private static final List<String> SECURITY_SENSORS = List.of("door", "window", "leak", "moisture", "smoke",
            "water");
    private static final Set<String> COMFORT_DOMAINS = Set.of("cover", "fan", "humidifier");
    private static final Set<String> LEAVING = Set.of("not_home", "away");

    private Categories() {
    }

    static String of(Map<String, Object> automation) {
        List<Map<?, ?>> triggers = maps(automation.get("triggers"));
        List<Map<?, ?>> calls = new ArrayList<>();
        collectCalls(automation.get("actions"), calls);
        Set<String> targets = new LinkedHashSet<>();
        boolean allOff = !calls.isEmpty();
        boolean heatingOff = false;
        boolean heating = false;
        for (Map<?, ?> c : calls) {
            String service = String.valueOf(c.get("action"));
            boolean off = service.endsWith(".turn_off") || offData(c.get("data"));
            allOff &= off;
            for (String e : ids(c.get("target"))) {
                targets.add(e);
                String d = EntityActions.domain(e);
                if (d.equals("climate") || d.equals("water_heater")) {
                    heating = true;
                    heatingOff |= off;
                }
            }
        }
        Set<String> read = new LinkedHashSet<>();
        for (Map<?, ?> t : triggers) {
            read.addAll(ids(t));
        }
        if (heating) {
            return heatingOff ? "energy" : "comfort";
        }
        Set<String> all = new LinkedHashSet<>(read);
        all.addAll(targets);
        for (String e : all) {
            String d = EntityActions.domain(e);
            if (SECURITY_DOMAINS.contains(d) || d.equals("binary_sensor")
                    && SECURITY_SENSORS.stream().anyMatch(EntityActions.objectId(e)::contains)) {
                return "security";
            }
        }
        for (String e : all) {
            String o = EntityActions.objectId(e);
            if (EntityActions.domain(e).equals("sensor") && (o.contains("energy") || o.contains("power"))) {
                return "energy";
            }
        }
        if (allOff && triggers.stream().anyMatch(Categories::bedtimeOrLeaving)) {
            return "energy";
        }
        if (targets.stream().anyMatch(e -> COMFORT_DOMAINS.contains(EntityActions.domain(e)))) {
            return "comfort";
        }
        return "convenience";
    }

    /** high, medium or low from the confidence, one step up for security and energy. */
    static String priority(double confidence, String category) {
        int level = confidence >= 0.8 ? 2 : confidence >= 0.5 ? 1 : 0;
        if (category.equals("security") || category.equals("energy")) {
            level = Math.min(2, level + 1);
        }
        return switch (level) {
            case 2 -> "high";
            case 1 -> "medium";
            default -> "low";
        };
    }

    /** Entities the automation reads (triggers, conditions) or acts on, in order of appearance. */
    static List<String> entities(Map<String, Object> automation) {
        Set<String> out = new LinkedHashSet<>();
        for (String k : List.of("triggers", "conditions", "actions")) {
            collectIds(automation.get(k), out);
        }
        return List.copyOf(out);
    }

    private static void collectIds(Object v, Set<String> out) {
        if (v instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if ("entity_id".equals(e.getKey())) {
                    for (String id : ids(m)) {
                        if (id.contains(".") && !id.contains("{")) {
                            out.add(id);
                        }
                    }
                } else {
                    collectIds(e.getValue(), out);
                }
            }
        } else if (v instanceof Collection<?> c) {
            for (Object o : c) {
                collectIds(o, out);
            }
        }
    }

    private static boolean bedtimeOrLeaving(Map<?, ?> t) {
        Object to = t.get("to");
        if (to != null && LEAVING.contains(String.valueOf(to))) {
            return true;
        }
        String at = String.valueOf(t.get("at"));
        if ("time".equals(t.get("trigger")) && at.matches("\\d{2}:\\d{2}(:\\d{2})?")) {
            int hour = Integer.parseInt(at.substring(0, 2));
            return hour >= 21 || hour < 5;
        }
        return false;
    }

    private static boolean offData(Object data) {
        return data instanceof Map<?, ?> m && ("off".equals(m.get("hvac_mode"))
                || "off".equals(m.get("operation_mode")));
    }

    private static void collectCalls(Object v, List<Map<?, ?>> out) {
        if (v instanceof Map<?, ?> m) {
            if (m.get("action") instanceof String) {
                out.add(m);
            }
            for (Object x : m.values()) {
                collectCalls(x, out);
            }
        } else if (v instanceof Collection<?> c) {
            for (Object o : c) {
                collectCalls(o, out);
            }
        }
    }

    private static List<Map<?, ?>> maps(Object v) {
        List<Map<?, ?>> out = new ArrayList<>();
        if (v instanceof Collection<?> c) {
            for (Object o : c) {
                if (o instanceof Map<?, ?> m) {
                    out.add(m);
                }
            }
        }
        return out;
    }

    /** The entity ids of a map's {@code entity_id} (a string, comma-separated or not, or a list). */
    private static List<String> ids(Object holder) {
        List<String> out = new ArrayList<>();
        if (!(holder instanceof Map<?, ?> m)) {
            return out;
        }
        Object v = m.get("entity_id");
        if (v instanceof Collection<?> c) {
            for (Object o : c) {
                out.add(String.valueOf(o).strip());
            }
        } else if (v != null) {
            for (String s : String.valueOf(v).split(",")) {
                if (!s.isBlank()) {
                    out.add(s.strip());
                }
            }
        }
        return out;
    }
}
