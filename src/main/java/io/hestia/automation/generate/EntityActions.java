package io.hestia.automation.generate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What Hestia may do to an entity to put it into an observed state, and how to say it. Everything a suggestion
 * acts on goes through {@link #act}: a state it has no safe action for gives nothing, so no suggestion.
 */
final class EntityActions {

    /** Domains a suggestion may act on. */
    static final Set<String> ACTIONABLE = Set.of("light", "switch", "fan", "cover", "lock", "climate", "media_player",
            "input_boolean", "scene", "script", "vacuum", "humidifier", "water_heater", "siren", "valve",
            "alarm_control_panel");

    /** States on the way to another one, or no state at all: neither a trigger nor a target. */
    static final Set<String> TRANSITIONAL = Set.of("opening", "closing", "locking", "unlocking", "jammed", "arming",
            "disarming", "pending", "triggered", "returning", "unavailable", "unknown", "none", "");

    static final Set<String> HVAC_MODES = Set.of("off", "heat", "cool", "heat_cool", "auto", "dry", "fan_only");
    static final Set<String> WATER_HEATER_MODES = Set.of("off", "eco", "electric", "gas", "heat_pump", "high_demand",
            "performance");


    /** Binary sensors that report presence of people (a motion-like trigger). */
    private static final List<String> MOTION_WORDS = List.of("motion", "occupancy", "presence", "pir");

    /**
     * One service call.
     *
     * @param service HA action, e.g. {@code light.turn_on}
     * @param data    the call's data, null when none
     * @param verb    title phrase with {@code %s} for the entity's name, e.g. "Turn on %s"
     */
    record Act(String service, Map<String, Object> data, String verb) {

        Map<String, Object> step(String entityId) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("action", service);
            Map<String, Object> target = new LinkedHashMap<>();
            target.put("entity_id", entityId);
            m.put("target", target);
            if (data != null && !data.isEmpty()) {
                m.put("data", new LinkedHashMap<>(data));
            }
            return m;
        }

        String phrase(String name) {
            return String.format(Locale.ROOT, verb, name);
        }

        boolean turnsOff() {
            return service.endsWith(".turn_off") || "off".equals(data == null ? null : data.get("hvac_mode"))
                    || "off".equals(data == null ? null : data.get("operation_mode"));
        }
    }

    private EntityActions() {
    }

    static String domain(String entityId) {
        int dot = entityId == null ? -1 : entityId.indexOf('.');
        return dot < 0 ? "" : entityId.substring(0, dot);
    }

    static String objectId(String entityId) {
        int dot = entityId == null ? -1 : entityId.indexOf('.');
        return dot < 0 ? String.valueOf(entityId) : entityId.substring(dot + 1);
    }

    static boolean transitional(String state) {
        return state == null || TRANSITIONAL.contains(state.toLowerCase(Locale.ROOT));
    }

    /** A binary sensor (or sensor) whose object id says it reports people moving or being there. */
    static boolean motionLike(String entityId) {
        String d = domain(entityId);
        if (!d.equals("binary_sensor") && !d.equals("sensor")) {
            return false;
        }
        String o = objectId(entityId);
        return MOTION_WORDS.stream().anyMatch(o::contains) && !o.contains("household");
    }

    static boolean sensorNamed(String entityId, String word) {
        return domain(entityId).equals("binary_sensor") && objectId(entityId).contains(word);
    }

    /** Switches that must keep running (the validator's list): a suggestion never turns them off. */
    private static boolean alwaysOn(String entityId) {
        return io.hestia.automation.validate.SafetyRules.alwaysOn(entityId);
    }

    /**
     * The service call that puts {@code entityId} into {@code state}, when Hestia may suggest it. Never an unlock,
     * a disarm or switching off something that must keep running; a climate only to a known HVAC mode.
     */
    static Optional<Act> act(String entityId, String state) {
        if (entityId == null || transitional(state)) {
            return Optional.empty();
        }
        String d = domain(entityId);
        String s = state.toLowerCase(Locale.ROOT);
        if (!ACTIONABLE.contains(d)) {
            return Optional.empty();
        }
        if (("off".equals(s) || "closed".equals(s)) && alwaysOn(entityId) && !d.equals("light")) {
            return Optional.empty();
        }
        return Optional.ofNullable(switch (d) {
            case "light", "switch", "fan", "input_boolean", "siren", "humidifier" -> onOff(d, s);
            case "script" -> "on".equals(s) ? new Act("script.turn_on", null, "Run %s") : null;
            case "scene" -> "off".equals(s) ? null : new Act("scene.turn_on", null, "Activate %s");
            case "media_player" -> switch (s) {
                case "on" -> new Act("media_player.turn_on", null, "Turn on %s");
                case "off" -> new Act("media_player.turn_off", null, "Turn off %s");
                // a player that is off ignores media_play: the routine that ends in "playing" starts by turning it on
                case "playing" -> new Act("media_player.turn_on", null, "Turn on %s");
                default -> null;
            };
            case "cover" -> switch (s) {
                case "open" -> new Act("cover.open_cover", null, "Open %s");
                case "closed" -> new Act("cover.close_cover", null, "Close %s");
                default -> null;
            };
            case "valve" -> switch (s) {
                case "open" -> new Act("valve.open_valve", null, "Open %s");
                case "closed" -> new Act("valve.close_valve", null, "Close %s");
                default -> null;
            };
            case "lock" -> "locked".equals(s) ? new Act("lock.lock", null, "Lock %s") : null;
            case "alarm_control_panel" -> s.startsWith("armed_") && s.length() > 6
                    ? new Act("alarm_control_panel.alarm_arm_" + s.substring(6), null,
                    "Arm %s (" + s.substring(6).replace('_', ' ') + ")")
                    : null;
            case "climate" -> HVAC_MODES.contains(s)
                    ? new Act("climate.set_hvac_mode", Map.of("hvac_mode", s), "Set %s to " + s.replace('_', ' '))
                    : null;
            case "water_heater" -> WATER_HEATER_MODES.contains(s)
                    ? new Act("water_heater.set_operation_mode", Map.of("operation_mode", s),
                    "Set %s to " + s.replace('_', ' '))
                    : null;
            case "vacuum" -> switch (s) {
                case "cleaning" -> new Act("vacuum.start", null, "Start %s");
                case "docked" -> new Act("vacuum.return_to_base", null, "Dock %s");
                default -> null;
            };
            default -> null;
        });
    }

    private static Act onOff(String domain, String s) {
        return switch (s) {
            case "on" -> new Act(domain + ".turn_on", null, "Turn on %s");
            case "off" -> new Act(domain + ".turn_off", null, "Turn off %s");
            default -> null;
        };
    }

    /** The state as a title word: "on", "locked", "to heat". */
    static String outcome(String entityId, String state) {
        String d = domain(entityId);
        if (d.equals("climate") || d.equals("water_heater")) {
            return "to " + state.replace('_', ' ');
        }
        return "playing".equals(state) ? "on" : state.replace('_', ' ');
    }

    /** "Front Door opens", "Sam comes home", "Bathroom Motion detects motion" (for titles). */
    static String when(String entityId, String name, String state) {
        String s = state.toLowerCase(Locale.ROOT);
        String d = domain(entityId);
        if (motionLike(entityId)) {
            if ("on".equals(s)) {
                return name + " detects motion";
            }
            if ("off".equals(s)) {
                return name + " clears";
            }
        }
        if (d.equals("binary_sensor") && (objectId(entityId).contains("door")
                || objectId(entityId).contains("window"))) {
            if ("on".equals(s)) {
                return name + " opens";
            }
            if ("off".equals(s)) {
                return name + " closes";
            }
        }
        return switch (s) {
            case "on" -> name + " turns on";
            case "off" -> name + " turns off";
            case "home" -> name + " comes home";
            case "not_home", "away" -> name + " leaves";
            case "locked" -> name + " locks";
            case "unlocked" -> name + " unlocks";
            case "open" -> name + " opens";
            case "closed" -> name + " closes";
            case "playing" -> name + " starts playing";
            default -> name + " changes to " + state;
        };
    }
}
