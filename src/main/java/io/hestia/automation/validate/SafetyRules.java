package io.hestia.automation.validate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The safety stage: what HA accepts but a careful owner would not deploy unseen. One walk; each finding is
 * {@code error} (critical), {@code warning} or {@code info}, category {@code safety}, rule {@code safety.<area>.<what>}.
 * Score: {@code max(0, 100 - 30 critical - 10 warning - 5 info)} ({@link #score}); schema and home findings never
 * count.
 *
 * <p>Security rule (unlock, open a lock, disarm the alarm, open a garage door or gate): the step is "guarded" when a
 * condition decides whether it runs (automation conditions, a choose/if branch, a condition step before it, a repeat
 * while). An unguarded step is critical unless a trigger identifies a person (tag scan, zone, person/device_tracker
 * state, a mobile notification action); then it is a warning, since presence alone can flap. Guarded steps pass.
 */
public final class SafetyRules {

    static final int CRITICAL_POINTS = 30;
    static final int WARNING_POINTS = 10;
    static final int INFO_POINTS = 5;
    static final double DAY_SECONDS = 86_400;
    static final int LARGE_MAX = 100;
    static final int LARGE_REPEAT_COUNT = 1000;
    static final int MANY_AREAS = 3;

    /** Sane and hard bounds of a target temperature, per unit: {@code {saneLow, saneHigh, hardLow, hardHigh}}. */
    static final double[] CELSIUS = {10, 30, 5, 35};
    static final double[] FAHRENHEIT = {50, 86, 41, 95};

    private static final Set<String> SECURITY_WORDS = Set.of("alarm", "security", "lock", "locks", "door", "doors",
            "motion", "camera", "cameras", "siren", "smoke", "leak", "water", "fire", "intrusion", "garage", "gas",
            "flood", "burglar", "away", "presence", "panic", "co", "carbon");
    private static final Set<String> OPENING_WORDS = Set.of("garage", "gate", "door", "front", "entrance");
    private static final Set<String> NOISY_WORDS = Set.of("power", "energy", "temperature", "current", "voltage",
            "humidity", "illuminance", "lux", "pressure", "consumption", "watt", "watts", "kwh", "rssi", "signal");
    /** The original's time-constraint rule: what switches off, closes, locks or disables. */
    private static final Set<String> UNCONSTRAINED_OFF = Set.of("turn_off", "close_cover", "lock", "set_hvac_mode");
    private static final Set<String> LOOPING_SERVICES = Set.of("toggle", "increment", "decrement", "set_value",
            "select_next", "select_previous");
    private static final Set<String> IDENTITY_EVENTS = Set.of("mobile_app_notification_action", "ios.action_fired",
            "tag_scanned");
    private static final Set<String> BULK_RISKY = Set.of("turn_off", "toggle", "unlock", "open", "open_cover",
            "close_cover", "alarm_disarm", "set_hvac_mode");
    private static final Set<String> SHUTDOWN = Set.of("homeassistant.restart", "homeassistant.stop",
            "hassio.host_shutdown", "hassio.host_reboot", "hassio.supervisor_restart");

    /** Words of devices that must keep running (fridge, pump, router, ...): turning them off is flagged. */
    public static final java.util.List<String> ALWAYS_ON = java.util.List.of("fridge", "freezer", "refrigerator",
            "aquarium", "router", "modem", "server", "nas", "network", "pump", "medical");

    private SafetyRules() {
    }

    /** Whether an entity's object id names a device that must keep running. */
    public static boolean alwaysOn(String entityId) {
        String objectId = entityId.substring(entityId.indexOf('.') + 1);
        for (String word : ALWAYS_ON) {
            if (objectId.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /** {@code max(0, 100 - 30 critical - 10 warning - 5 info)} over the safety findings of {@code findings}. */
    public static int score(List<Finding> findings) {
        int score = 100;
        for (Finding f : findings) {
            if (!"safety".equals(f.category())) {
                continue;
            }
            score -= switch (f.severity()) {
                case Finding.ERROR -> CRITICAL_POINTS;
                case Finding.WARNING -> WARNING_POINTS;
                default -> INFO_POINTS;
            };
        }
        return Math.max(0, score);
    }

    /** Whether the score and the critical findings pass {@code level}. */
    public static boolean passes(int score, boolean critical, SafetyLevel level) {
        return score >= level.threshold() && !(critical && level.refusesCritical());
    }

    /** The safety findings of one automation. */
    public static List<Finding> check(Map<?, ?> automation, HomeContext home) {
        List<Finding> out = new ArrayList<>();
        Rules rules = new Rules(home, out);
        rules.automation(automation);
        AutomationWalk.walk(automation, rules);
        return out;
    }

    private static final class Rules implements AutomationWalk.Visitor {
        private final boolean fahrenheit;
        private final List<Finding> out;
        /** A trigger identifies a person (tag, zone, person/device tracker, mobile notification action). */
        private boolean identity;
        /** A trigger fires at night (sunset, a time between 21:00 and 06:00). */
        private boolean night;
        /** Entities whose every state change triggers the automation. */
        private Set<String> anyChange;
        /** mode: restart (a new trigger cancels a waiting run), single (the default), queued, parallel. */
        private String mode = "single";
        /** The automation has conditions, or a time/sun trigger: its actions happen at a constrained time. */
        private boolean constrained;

        Rules(HomeContext home, List<Finding> out) {
            this.fahrenheit = home.fahrenheit();
            this.out = out;
        }

        private void add(String path, String rule, String severity, String message, String hint) {
            out.add(new Finding(path, rule, severity, "safety", message, hint));
        }

        void automation(Map<?, ?> a) {
            Object mode = a.get("mode");
            if (mode instanceof String m) {
                this.mode = m;
            }
            Object conditions = a.containsKey("conditions") ? a.get("conditions") : a.get("condition");
            constrained = conditions instanceof List<?> l ? !l.isEmpty() : conditions != null;
            Object max = a.get("max");
            if (("queued".equals(mode) || "parallel".equals(mode)) && max instanceof Number n
                    && n.doubleValue() > LARGE_MAX) {
                add("max", "safety.mode.max_large", Finding.WARNING,
                        "mode " + mode + " with max " + n + ": a burst of triggers can pile up that many runs",
                        "Keep max at " + LARGE_MAX + " or below (HA's default is 10)");
            }
        }

        @Override
        public void trigger(Map<?, ?> t, String platform, String path, boolean waiting) {
            if (platform == null) {
                return;
            }
            if (platform.equals("time_pattern")) {
                timePattern(t, path);
            }
            if (waiting) {
                return;
            }
            switch (platform) {
                case "tag", "zone", "geo_location" -> identity = true;
                case "event" -> identity |= t.get("event_type") instanceof String e && IDENTITY_EVENTS.contains(e);
                case "sun" -> {
                    night |= "sunset".equals(t.get("event"));
                    constrained = true;
                }
                case "time" -> {
                    night |= nightTime(t.get("at"));
                    constrained = true;
                }
                case "state", "numeric_state" -> stateTrigger(t, platform, path);
                default -> {
                }
            }
        }

        private void stateTrigger(Map<?, ?> t, String platform, String path) {
            List<String> ids = new ArrayList<>(2);
            AutomationWalk.ids(t.get("entity_id"), ids::add);
            boolean people = !ids.isEmpty();
            for (String id : ids) {
                people &= id.startsWith("person.") || id.startsWith("device_tracker.");
            }
            // person / device_tracker entities, or any entity (a group of people) triggered on arriving or leaving
            identity |= people || "home".equals(t.get("to")) || "not_home".equals(t.get("to"));
            if (!platform.equals("state") || t.containsKey("attribute")) {
                return;
            }
            boolean constrained = t.get("to") != null || t.get("from") != null || t.containsKey("not_to")
                    || t.containsKey("not_from");
            if (!constrained) {
                if (anyChange == null) {
                    anyChange = new HashSet<>();
                }
                anyChange.addAll(ids);
            }
            if (!constrained && !t.containsKey("for")) {
                for (String id : ids) {
                    if (id.startsWith("sensor.") && hasWord(id, NOISY_WORDS)) {
                        add(path + ".entity_id", "safety.trigger.noisy_sensor", Finding.INFO,
                                "State trigger on " + id + " fires on every reading",
                                "Use a numeric_state trigger with above/below, or add 'for:' so it fires once per change");
                        break;
                    }
                }
            }
        }

        private void timePattern(Map<?, ?> t, String path) {
            Object hours = t.get("hours");
            Object minutes = t.get("minutes");
            Object seconds = t.get("seconds");
            // HA: larger units given default the smaller ones to 0; a missing unit otherwise matches every value
            if (minutes == null && hours != null) {
                minutes = 0;
            }
            int everySeconds = every(seconds);
            if (everySeconds > 0) {
                add(path + ".seconds", "safety.trigger.time_pattern_seconds", Finding.WARNING,
                        "time_pattern fires every " + (everySeconds == 1 ? "second" : everySeconds + " seconds"),
                        "Trigger on the state change you are polling for, or poll every few minutes at most");
            } else if (every(minutes) == 1 || minutes == null) {
                add(path + (t.containsKey("minutes") ? ".minutes" : ""), "safety.trigger.time_pattern_minute",
                        Finding.INFO, "time_pattern fires every minute",
                        "Use minutes: \"/5\" or more, or a state trigger on what you are waiting for");
            }
        }

        /** The period in units of a time_pattern value {@code *} or {@code /n}, 0 for a fixed value. */
        private static int every(Object value) {
            if (!(value instanceof String s)) {
                return 0;
            }
            s = s.strip();
            if (s.equals("*")) {
                return 1;
            }
            if (s.startsWith("/")) {
                try {
                    return Math.max(0, Integer.parseInt(s.substring(1).strip()));
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
            return 0;
        }

        @Override
        public void step(Map<?, ?> s, String path, boolean guarded) {
            if (s.containsKey("delay")) {
                double d = seconds(s.get("delay"));
                if (d > DAY_SECONDS) {
                    add(path + ".delay", "safety.delay.too_long", Finding.WARNING,
                            "Delay of " + hours(d) + ": a restart or reload loses the waiting run",
                            "Use a time or state trigger (or a timer helper) instead of waiting over 24 h");
                }
            }
            if (s.containsKey("wait_for_trigger") || s.containsKey("wait_template")) {
                String kind = s.containsKey("wait_for_trigger") ? "wait_for_trigger" : "wait_template";
                if (!s.containsKey("timeout") && !"restart".equals(mode)) { // restart: the next trigger ends it
                    add(path + "." + kind, "safety.wait.no_timeout", Finding.WARNING,
                            kind + " without timeout can wait forever and block the automation (mode single)",
                            "Add timeout: and continue_on_timeout: to decide what happens when nothing comes");
                } else if (seconds(s.get("timeout")) > DAY_SECONDS) {
                    add(path + ".timeout", "safety.wait.timeout_extreme", Finding.ERROR,
                            kind + " timeout of " + hours(seconds(s.get("timeout"))) + " blocks the automation that long",
                            "Keep waits under 24 h; use a trigger for events that far away");
                }
            }
            if (s.get("repeat") instanceof Map<?, ?> repeat) {
                repeat(repeat, path);
            }
            String service = AutomationWalk.service(s);
            if (service != null && !AutomationWalk.isTemplate(service)) {
                service(s, service.strip().toLowerCase(Locale.ROOT), path, guarded);
            }
        }

        private void repeat(Map<?, ?> repeat, String path) {
            if ((repeat.containsKey("while") || repeat.containsKey("until")) && !AutomationWalk.waits(repeat.get("sequence"))) {
                add(path + ".repeat", "safety.repeat.no_delay", Finding.WARNING,
                        "repeat " + (repeat.containsKey("while") ? "while" : "until") + " without any delay or wait"
                                + " spins as fast as HA can run it while the condition holds",
                        "Add a delay (e.g. 1 s or more) inside the repeat sequence");
            }
            if (repeat.get("count") instanceof Number n && n.doubleValue() > LARGE_REPEAT_COUNT) {
                add(path + ".repeat.count", "safety.repeat.count_large", Finding.WARNING,
                        "repeat count " + n + " runs the sequence that many times",
                        "Repeat at most " + LARGE_REPEAT_COUNT + " times, or use a trigger");
            }
        }

        private void service(Map<?, ?> s, String service, String path, boolean guarded) {
            int dot = service.indexOf('.');
            if (dot <= 0) {
                return;
            }
            String domain = service.substring(0, dot);
            String name = service.substring(dot + 1);
            List<String> entities = new ArrayList<>(4);
            List<String> openingAreas = new ArrayList<>(1);
            String all = null;
            int[] areas = {0};
            boolean targeted = false;
            String dataKey = s.get("data") instanceof Map<?, ?> ? "data" : "data_template";
            Map<?, ?> data = s.get(dataKey) instanceof Map<?, ?> d ? d : Map.of();
            Map<?, ?> target = s.get("target") instanceof Map<?, ?> t ? t : Map.of();
            Map<?, ?>[] blocks = {s, target, data};
            for (int i = 0; i < blocks.length; i++) {
                Map<?, ?> m = blocks[i];
                Object e = m.get("entity_id");
                if (e != null) {
                    targeted = true;
                    if (all == null && (e instanceof String str && str.strip().equals("all")
                            || e instanceof List<?> l && l.contains("all"))) {
                        all = path + (i == 0 ? "" : i == 1 ? ".target" : "." + dataKey) + ".entity_id";
                    }
                    AutomationWalk.ids(e, entities::add);
                }
                Object a = m.get("area_id");
                if (a != null) {
                    targeted = true;
                    AutomationWalk.ids(a, x -> {
                        areas[0]++;
                        if (hasWord("area." + x, OPENING_WORDS)) {
                            openingAreas.add(x);
                        }
                    });
                }
                targeted |= m.containsKey("device_id") || m.containsKey("floor_id") || m.containsKey("label_id");
            }
            String p = path + "." + (s.get("action") instanceof String ? "action" : "service");

            if (SHUTDOWN.contains(service)) {
                add(p, "safety.destructive.restart", Finding.ERROR,
                        service + " takes the whole home offline" + (service.endsWith("restart") ? " for a while" : ""),
                        "Restart or stop by hand; if automated, guard it with conditions and notify first");
            } else if (name.startsWith("reload") || service.equals("hassio.addon_stop")
                    || service.equals("hassio.addon_restart")) {
                add(p, "safety.destructive.reload", Finding.WARNING,
                        service + " interrupts running automations or integrations",
                        "Reload only what changed, and not from a frequent trigger");
            } else if (domain.equals("recorder") && name.startsWith("purge")) {
                add(p, "safety.destructive.purge", Finding.WARNING, service + " deletes recorded history",
                        "Prefer the recorder's purge_keep_days setting");
            }

            if (all != null) {
                boolean risky = BULK_RISKY.contains(name);
                add(all, "safety.bulk.all_entities", risky ? Finding.ERROR : Finding.WARNING,
                        service + " on entity_id: all acts on every " + domain + " entity of the home",
                        "Target the entities, areas or labels you mean");
            } else if (domain.equals("homeassistant") && BULK_RISKY.contains(name) && !targeted) {
                add(p, "safety.bulk.no_target", Finding.ERROR,
                        service + " without a target acts on every entity of the home",
                        "Add a target (entity_id, area_id or label_id)");
            }
            if (areas[0] > MANY_AREAS) {
                add(path + ".target.area_id", "safety.bulk.many_areas", Finding.WARNING,
                        service + " targets " + areas[0] + " areas at once", "Check each area is meant, or use a label");
            }

            switch (domain) {
                case "climate" -> climate(data, name, p, path);
                case "automation" -> {
                    if (name.equals("turn_off")) {
                        automationOff(entities, p);
                    }
                }
                case "lock" -> {
                    if (name.equals("unlock") || name.equals("open")) {
                        security(guarded, p, "safety.lock.unlock_unconditional", service + " opens a lock");
                    }
                }
                case "alarm_control_panel" -> {
                    if (name.equals("alarm_disarm")) {
                        security(guarded, p, "safety.alarm.disarm_unconditional", service + " disarms the alarm");
                    }
                }
                case "cover" -> {
                    if (name.equals("open_cover") || name.equals("toggle") || name.equals("set_cover_position")) {
                        String opening = null;
                        for (String e : entities) {
                            if (hasWord(e, OPENING_WORDS)) {
                                opening = e;
                                break;
                            }
                        }
                        for (int i = 0; opening == null && i < openingAreas.size(); i++) {
                            opening = "area " + openingAreas.get(i);
                        }
                        if (opening != null) {
                            cover(guarded, p, opening);
                        }
                    }
                }
                default -> {
                }
            }
            if (name.equals("turn_off") || name.equals("toggle")) {
                for (String e : entities) {
                    if (alwaysOn(e)) {
                        add(p, "safety.always_on.turned_off", Finding.WARNING,
                                service + " may switch off " + e + ", a device that must keep running",
                                "Leave fridges, freezers, pumps, routers and medical devices out of this action");
                        break;
                    }
                }
            }
            if (!guarded && !constrained && UNCONSTRAINED_OFF.contains(name)) {
                add(p, "safety.time.unconstrained", Finding.INFO,
                        service + " runs whenever the trigger fires, at any time of day, with no condition",
                        "Add a time or state condition if it should not happen at night or while people are home");
            }
            if (anyChange != null && LOOPING_SERVICES.contains(name)) {
                for (String e : entities) {
                    if (anyChange.contains(e)) {
                        add(p, "safety.loop.self_trigger", guarded ? Finding.INFO : Finding.ERROR,
                                service + " changes " + e + ", whose every state change triggers this automation:"
                                        + (guarded ? " it re-triggers itself until its condition turns false"
                                        : " it re-triggers itself without end"),
                                "Give the trigger a 'to:'/'from:', or act on another entity");
                        break;
                    }
                }
            }
        }

        private void security(boolean guarded, String path, String rule, String what) {
            if (guarded) {
                return;
            }
            if (identity) {
                add(path, rule.replace("_unconditional", "_presence_only"), Finding.WARNING,
                        what + " on presence alone, with no condition",
                        "Add a condition (alarm state, time of day, who arrived) so a flapping tracker cannot open it");
            } else {
                add(path, rule, Finding.ERROR, what + " with no condition and no trigger that identifies a person",
                        "Add conditions (who is home, alarm state, time), or trigger on a tag, a zone or a person");
            }
        }

        private void cover(boolean guarded, String path, String entity) {
            if (guarded) {
                return;
            }
            if (identity) {
                add(path, "safety.cover.open_presence_only", Finding.WARNING,
                        "Opens " + entity + " on presence alone, with no condition",
                        "Add a condition (who arrived, time of day) so a flapping tracker cannot open it");
                return;
            }
            add(path, "safety.cover.open_unguarded", night ? Finding.ERROR : Finding.WARNING,
                    "Opens " + entity + (night ? " at night" : "") + " with no condition",
                    "Add a condition that someone is home (and it is day), or trigger on a person arriving");
        }

        private void automationOff(List<String> entities, String path) {
            for (String e : entities) {
                if (hasWord(e, SECURITY_WORDS)) {
                    add(path, "safety.security.automation_disabled", Finding.ERROR,
                            "Turns off " + e + ", a security automation",
                            "Keep security automations on; add conditions to them instead of disabling them");
                    return;
                }
            }
            if (!entities.isEmpty()) {
                add(path, "safety.automation.disabled", Finding.INFO,
                        "Turns off " + String.join(", ", entities) + "; it stays off until turned on again",
                        "Turn it back on later in the sequence, or use conditions in that automation");
            }
        }

        private void climate(Map<?, ?> data, String name, String path, String stepPath) {
            if (!name.equals("set_temperature")) {
                return;
            }
            double[] range = fahrenheit ? FAHRENHEIT : CELSIUS;
            String unit = fahrenheit ? "°F" : "°C";
            for (String key : new String[] {"temperature", "target_temp_low", "target_temp_high"}) {
                Object v = data.get(key);
                double t = v instanceof Number n ? n.doubleValue() : v instanceof String str ? number(str) : Double.NaN;
                if (Double.isNaN(t) || (t >= range[0] && t <= range[1])) {
                    continue;
                }
                boolean hard = t < range[2] || t > range[3];
                String other = fahrenheit ? (t < range[2] ? " (it looks like °C)" : "")
                        : (t > range[3] ? " (it looks like °F)" : "");
                add(stepPath + ".data." + key, "safety.climate.temperature_out_of_range",
                        hard ? Finding.ERROR : Finding.WARNING,
                        key + " " + fmt(t) + " " + unit + " is outside " + fmt(range[0]) + "-" + fmt(range[1]) + " "
                                + unit + other,
                        "This home uses " + unit + "; set a target between " + fmt(range[0]) + " and "
                                + fmt(range[1]) + " " + unit);
            }
            if (!data.containsKey("hvac_mode")) {
                add(path, "safety.climate.no_hvac_mode", Finding.WARNING,
                        "set_temperature without hvac_mode keeps whatever mode the thermostat is in (maybe off)",
                        "Add data.hvac_mode (heat, cool, heat_cool or auto)");
            }
        }
    }

    static boolean hasWord(String entityId, Set<String> words) {
        int start = entityId.indexOf('.') + 1;
        for (int i = start; i <= entityId.length(); i++) {
            if (i == entityId.length() || entityId.charAt(i) == '_') {
                if (i > start && words.contains(entityId.substring(start, i))) {
                    return true;
                }
                start = i + 1;
            }
        }
        return false;
    }

    private static boolean nightTime(Object at) {
        if (at instanceof String s && s.length() >= 2 && Character.isDigit(s.charAt(0))) {
            int colon = s.indexOf(':');
            try {
                int h = Integer.parseInt(colon > 0 ? s.substring(0, colon) : s);
                return h >= 21 || h < 6;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return false;
    }

    private static double number(String s) {
        try {
            return Double.parseDouble(s.strip());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** A duration in seconds: a number, "HH:MM[:SS[.f]]" or a {days, hours, ...} mapping; NaN for a template. */
    static double seconds(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof String s) {
            s = s.strip();
            if (AutomationWalk.isTemplate(s)) {
                return Double.NaN;
            }
            String[] parts = s.split(":");
            if (parts.length == 1) {
                return number(s);
            }
            double total = 0;
            double[] factors = parts.length == 2 ? new double[] {3600, 60} : new double[] {3600, 60, 1};
            for (int i = 0; i < Math.min(parts.length, 3); i++) {
                total += number(parts[i]) * factors[i];
            }
            return total;
        }
        if (value instanceof Map<?, ?> m) {
            double total = 0;
            String[] keys = {"days", "hours", "minutes", "seconds", "milliseconds"};
            double[] factors = {86400, 3600, 60, 1, 0.001};
            for (int i = 0; i < keys.length; i++) {
                Object v = m.get(keys[i]);
                if (v != null) {
                    total += v instanceof Number n ? n.doubleValue() * factors[i]
                            : v instanceof String str ? number(str) * factors[i] : Double.NaN;
                }
            }
            return total;
        }
        return Double.NaN;
    }

    private static String hours(double seconds) {
        return fmt(seconds / 3600) + " h";
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.format(Locale.ROOT, "%.1f", d);
    }
}
