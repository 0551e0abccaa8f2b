package io.hestia.ha.schema;

import static io.hestia.ha.schema.HaValues.coerceFloat;
import static io.hestia.ha.schema.HaValues.coerceInt;
import static io.hestia.ha.schema.HaValues.isFakeUuid;
import static io.hestia.ha.schema.HaValues.isTemplate;
import static io.hestia.ha.schema.HaValues.isValidDomain;
import static io.hestia.ha.schema.HaValues.isValidEntityId;
import static io.hestia.ha.schema.HaValues.lower;
import static io.hestia.ha.schema.HaValues.pyFloatRepr;
import static io.hestia.ha.schema.HaValues.pyStr;

import io.hestia.ha.schema.SchemaFinding.Severity;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Home Assistant's structural rules for one automation (reference/home-assistant.md A.3–A.8), re-implemented from
 * core's {@code components/automation/config.py}, {@code helpers/config_validation.py}, {@code helpers/script.py}
 * and the trigger platforms. Findings carry the path in the user's spelling ({@code trigger[0].to},
 * {@code actions[1].target.entity_id}), a stable dotted rule id, HA's message where HA has one, and a fix hint.
 *
 * <p>Severity: {@code ERROR} means HA refuses the automation; {@code WARNING} means HA accepts it but it is
 * probably not what the author meant; {@code INFO} is a note (for example that a blueprint instance was only
 * checked structurally). Findings are ordered like HA validates (A.8): schema, then trigger platforms, then
 * integration conditions, then actions; within a stage in document order.
 *
 * <p>What is not checked (HA does not check it statically either, A.8): that services, entities, devices, areas
 * exist; device-automation specifics; integration ({@code domain.name}) triggers and conditions beyond their base
 * keys; full Jinja syntax (only delimiters and block balance). Values tagged {@code !input}, {@code !secret} etc.
 * ({@link HaTag}) are opaque placeholders and always accepted.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class HaAutomationSchema implements AutomationSchemaValidator {

    /** HA's validation status of an automation ({@code components/automation/config.py ValidationStatus}). */
    public enum Status {
        OK("ok"),
        FAILED_SCHEMA("failed_schema"),
        FAILED_TRIGGERS("failed_triggers"),
        FAILED_CONDITIONS("failed_conditions"),
        FAILED_ACTIONS("failed_actions"),
        FAILED_BLUEPRINT("failed_blueprint");

        private final String value;

        Status(String value) {
            this.value = value;
        }

        /** HA's spelling, e.g. {@code failed_triggers}. */
        public String value() {
            return value;
        }

        @Override
        public String toString() {
            return value;
        }
    }

    /** The stage of HA's validation (A.8) in which a finding would make HA fail. */
    public enum Stage { SCHEMA, TRIGGERS, CONDITIONS, ACTIONS }

    /** Trigger platforms without a dot that HA core provides (built-in and integration {@code trigger.py}). */
    public static final Set<String> CORE_TRIGGER_PLATFORMS = Set.of(
            "state", "numeric_state", "event", "time", "time_pattern", "homeassistant", "device", "sun", "zone",
            "template", "mqtt", "webhook", "tag", "calendar", "conversation", "geo_location",
            "persistent_notification", "litejet");

    /** Condition types without a dot that HA core provides. */
    public static final Set<String> CORE_CONDITION_TYPES = Set.of(
            "and", "or", "not", "state", "numeric_state", "template", "time", "trigger", "device", "sun", "zone");

    static final String INFO_BLUEPRINT = "blueprint.instance";

    private static final Set<String> AUTOMATION_KEYS = Set.of(
            "id", "alias", "description", "trace", "initial_state", "hide_entity", "trigger", "triggers",
            "condition", "conditions", "action", "actions", "variables", "trigger_variables", "mode", "max",
            "max_exceeded", "use_blueprint");
    private static final List<String> MODES = List.of("parallel", "queued", "restart", "single");
    private static final List<String> MAX_EXCEEDED = List.of(
            "CRITICAL", "DEBUG", "ERROR", "FATAL", "INFO", "NOTSET", "SILENT", "WARN", "WARNING");
    private static final Set<String> TRIGGER_BASE = Set.of("alias", "platform", "trigger", "id", "variables", "enabled");
    private static final Set<String> CONDITION_BASE = Set.of("alias", "enabled", "condition");
    private static final Set<String> ACTION_BASE = Set.of("alias", "continue_on_error", "enabled");
    private static final List<String> ACTION_ORDER = List.of(
            "delay", "wait_template", "condition", "and", "or", "not", "event", "device_id", "scene", "repeat",
            "choose", "wait_for_trigger", "variables", "if", "action", "service", "service_template", "stop",
            "parallel", "sequence", "set_conversation_response");
    private static final List<String> WEEKDAYS = List.of("fri", "mon", "sat", "sun", "thu", "tue", "wed");
    private static final Set<String> BOOLEAN_WORDS =
            Set.of("1", "true", "yes", "on", "enable", "0", "false", "no", "off", "disable");
    private static final Set<String> WEBHOOK_METHODS = Set.of("GET", "HEAD", "POST", "PUT");
    private static final Set<String> NOTIFICATION_UPDATE_TYPES = Set.of("added", "removed", "current", "updated");
    private static final Pattern CONVERSATION_PUNCTUATION = Pattern.compile(
            "^[.。,，?¿？؟!¡！;；:：]+|[.。,，?¿？؟!¡！;；:：]+$|(?<=\\s)[.。,，?¿？؟!¡！;；:：]+|[.。,，?¿？؟!¡！;；:：]+(?=\\s)");

    private static final String HINT_ENTITY = "Write entity ids as <domain>.<object_id> using lowercase letters, digits"
            + " and single underscores, e.g. light.kitchen_ceiling";
    private static final String HINT_QUOTE_STATE = "States are strings: quote the value, e.g. to: \"on\". Unquoted "
            + "on/off/yes/no/true/false are YAML 1.1 booleans and numbers stay numbers";
    private static final String HINT_PERIOD = "Use \"HH:MM:SS\" (quoted), a number of seconds, or a mapping such as "
            + "{minutes: 5}";
    private static final String HINT_TIME = "Use a quoted 24-hour time \"HH:MM\" or \"HH:MM:SS\" (hours 0-23, minutes"
            + " and seconds 0-59)";

    private final Set<String> triggerPlatforms;
    private final Set<String> conditionTypes;

    /** Validator that knows HA core's trigger platforms and condition types. */
    public HaAutomationSchema() {
        this(Set.of(), Set.of());
    }

    /**
     * @param extraTriggerPlatforms non-dotted trigger platforms of custom integrations installed in the home
     * @param extraConditionTypes   non-dotted condition types of custom integrations installed in the home
     */
    public HaAutomationSchema(Set<String> extraTriggerPlatforms, Set<String> extraConditionTypes) {
        Set<String> platforms = new HashSet<>(CORE_TRIGGER_PLATFORMS);
        platforms.addAll(extraTriggerPlatforms);
        Set<String> conditions = new HashSet<>(CORE_CONDITION_TYPES);
        conditions.addAll(extraConditionTypes);
        this.triggerPlatforms = Set.copyOf(platforms);
        this.conditionTypes = Set.copyOf(conditions);
    }

    // ==============================================================================================================
    // Public API

    @Override
    public List<SchemaFinding> validate(Object automation) {
        Run run = new Run();
        validateAutomation(automation, run);
        return run.sorted();
    }

    /** HA's validation status for these findings (A.8). */
    public static Status status(List<SchemaFinding> findings) {
        boolean blueprint = false;
        Stage worst = null;
        for (SchemaFinding f : findings) {
            if (INFO_BLUEPRINT.equals(f.rule())) {
                blueprint = true;
            }
            if (f.isError()) {
                Stage stage = stageOf(f);
                if (worst == null || stage.ordinal() < worst.ordinal()) {
                    worst = stage;
                }
            }
        }
        if (worst == null) {
            return Status.OK;
        }
        if (blueprint) {
            return Status.FAILED_BLUEPRINT;
        }
        return switch (worst) {
            case SCHEMA -> Status.FAILED_SCHEMA;
            case TRIGGERS -> Status.FAILED_TRIGGERS;
            case CONDITIONS -> Status.FAILED_CONDITIONS;
            case ACTIONS -> Status.FAILED_ACTIONS;
        };
    }

    /**
     * The error HA would report first, in voluptuous' phrasing: {@code "<message> @ data['actions'][1]['target']}
     * {@code ['entity_id']"}, suitable for the config API's {@code Message malformed: <text>}. Paths use HA's
     * renamed keys ({@code triggers}, {@code conditions}, {@code actions}); errors of trigger platforms and
     * integration conditions are relative to the trigger or condition, as in HA. Null when there is no error.
     */
    public static String firstErrorMessage(List<SchemaFinding> findings) {
        SchemaFinding first = null;
        for (SchemaFinding f : findings) {
            if (f.isError() && (first == null || stageOf(f).ordinal() < stageOf(first).ordinal())) {
                first = f;
            }
        }
        if (first == null) {
            return null;
        }
        String path = haPath(first);
        return path.isEmpty() ? first.message() : first.message() + " @ data" + path;
    }

    /** The config API's 400 body text: {@code Message malformed: <firstErrorMessage>}; null when valid. */
    public static String configApiMessage(List<SchemaFinding> findings) {
        String message = firstErrorMessage(findings);
        return message == null ? null : "Message malformed: " + message;
    }

    /** The stage of HA's validation in which this finding would fail the automation. */
    public static Stage stageOf(SchemaFinding finding) {
        String rule = finding.rule();
        boolean deferredTrigger = isDeferredTriggerRule(rule);
        boolean deferredCondition = isDeferredConditionRule(rule);
        if (!deferredTrigger && !deferredCondition) {
            return Stage.SCHEMA;
        }
        String root = rootSegment(finding.path());
        return switch (root) {
            case "trigger", "triggers" -> Stage.TRIGGERS;
            case "condition", "conditions" -> Stage.CONDITIONS;
            case "action", "actions" -> Stage.ACTIONS;
            default -> deferredTrigger ? Stage.TRIGGERS : Stage.CONDITIONS;
        };
    }

    private static boolean isDeferredTriggerRule(String rule) {
        return rule.startsWith("trigger.") && !rule.startsWith("trigger.base.");
    }

    private static boolean isDeferredConditionRule(String rule) {
        return rule.startsWith("condition.sun.") || rule.startsWith("condition.zone.")
                || rule.equals("condition.unknown_type") || rule.equals("condition.type_missing");
    }

    // ==============================================================================================================
    // Automation

    private void validateAutomation(Object automation, Run r) {
        if (automation instanceof HaTag) {
            return;
        }
        if (!(automation instanceof Map<?, ?> m)) {
            r.error(null, "automation.not_mapping", "expected a dictionary",
                    "An automation is a mapping with at least triggers and actions");
            return;
        }
        boolean blueprint = m.containsKey("use_blueprint");
        if (blueprint) {
            r.info(P.key(null, "use_blueprint"), INFO_BLUEPRINT,
                    "Blueprint instance: only its structure was checked; the blueprint was not expanded",
                    "Expand the blueprint with its inputs and validate the result to check triggers and actions");
        }
        bothSpellings(m, "trigger", "triggers", r);
        bothSpellings(m, "action", "actions", r);
        bothSpellings(m, "condition", "conditions", r);

        for (Map.Entry<?, ?> e : m.entrySet()) {
            Object keyObject = e.getKey();
            Object value = e.getValue();
            if (!(keyObject instanceof String key) || !AUTOMATION_KEYS.contains(key)) {
                String key = pyStr(keyObject);
                r.error(P.key(null, key), "automation.unknown_key", "extra keys not allowed",
                        "Remove '" + key + "'" + suggestion(key, AUTOMATION_KEYS)
                                + "; allowed top-level keys: id, alias, description, triggers, conditions, actions,"
                                + " variables, trigger_variables, mode, max, max_exceeded, initial_state, trace");
                continue;
            }
            P p = P.key(null, key);
            switch (key) {
                case "id" -> {
                    if (!(value instanceof String) && !(value instanceof HaTag)) {
                        r.error(p, "automation.id_not_string", "expected str",
                                "Quote the id so it is a string, e.g. id: '" + pyStr(value) + "'");
                    }
                }
                case "alias" -> string(value, p, "automation.alias_invalid", r);
                case "description" -> string(value, p, "automation.description_invalid", r);
                case "trace" -> trace(value, p, r);
                case "initial_state" -> bool(value, p, "automation.initial_state_invalid", r);
                case "hide_entity" -> {
                    bool(value, p, "automation.hide_entity_invalid", r);
                    r.warning(p, "automation.hide_entity_deprecated",
                            "The 'hide_entity' option is deprecated, please remove it from your configuration",
                            "Remove hide_entity");
                }
                case "trigger", "triggers" -> triggers(value, p, r);
                case "condition", "conditions" -> conditions(value, p, r);
                case "action", "actions" -> script(value, p, r);
                case "variables", "trigger_variables" -> variables(value, p, "automation." + key + "_invalid", r);
                case "mode" -> {
                    if (!(value instanceof HaTag) && !MODES.contains(value)) {
                        r.error(p, "automation.mode_invalid",
                                "value must be one of ['parallel', 'queued', 'restart', 'single']",
                                "Use mode: single (default), restart, queued or parallel");
                    }
                }
                case "max" -> {
                    if (value instanceof HaTag) {
                        break;
                    }
                    Long max = coerceInt(value);
                    if (max == null) {
                        r.error(p, "automation.max_invalid", "expected int", "Use an integer of at least 2, e.g. max: 10");
                    } else if (max < 2) {
                        r.error(p, "automation.max_too_small", "value must be at least 2",
                                "max must be 2 or more (it only matters for mode queued/parallel); remove it or use"
                                        + " mode: single for one run at a time");
                    }
                }
                case "max_exceeded" -> {
                    if (!(value instanceof HaTag)
                            && !MAX_EXCEEDED.contains(pyStr(value).toUpperCase(Locale.ROOT))) {
                        r.error(p, "automation.max_exceeded_invalid",
                                "value must be one of " + pyList(MAX_EXCEEDED),
                                "Use one of silent, warning (default), info, debug, error, critical");
                    }
                }
                case "use_blueprint" -> useBlueprint(value, p, r);
                default -> throw new IllegalStateException(key);
            }
        }
        if (!blueprint) {
            if (!m.containsKey("triggers") && !m.containsKey("trigger")) {
                r.error(P.key(null, "triggers"), "automation.triggers_required", "required key not provided",
                        "Add triggers: (a list of triggers, or [] for an automation that is only run manually)");
            }
            if (!m.containsKey("actions") && !m.containsKey("action")) {
                r.error(P.key(null, "actions"), "automation.actions_required", "required key not provided",
                        "Add actions: with at least one step, e.g. - action: light.turn_on");
            }
        }
    }

    private static void bothSpellings(Map<?, ?> m, String old, String plural, Run r) {
        if (m.containsKey(old) && m.containsKey(plural)) {
            r.error(P.key(null, old), "automation.both_keys",
                    "Cannot specify both '" + old + "' and '" + plural + "'. Please use '" + plural + "' only.",
                    "Merge '" + old + "' into '" + plural + "' and remove '" + old + "'");
        }
    }

    private static void trace(Object value, P p, Run r) {
        if (value instanceof HaTag) {
            return;
        }
        if (!(value instanceof Map<?, ?> m)) {
            r.error(p, "automation.trace_invalid", "expected a dictionary", "Use trace: {stored_traces: 5}");
            return;
        }
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!"stored_traces".equals(e.getKey())) {
                r.error(P.key(p, pyStr(e.getKey())), "automation.trace_invalid", "extra keys not allowed",
                        "trace only takes stored_traces");
            } else {
                Long n = e.getValue() instanceof HaTag ? Long.valueOf(0) : coerceInt(e.getValue());
                if (n == null || n < 0) {
                    r.error(P.key(p, "stored_traces"), "automation.trace_invalid",
                            n == null ? "expected int" : "value must be at least 0",
                            "Use a non-negative integer, e.g. stored_traces: 5");
                }
            }
        }
    }

    private static void useBlueprint(Object value, P p, Run r) {
        if (value instanceof HaTag) {
            return;
        }
        if (!(value instanceof Map<?, ?> m)) {
            r.error(p, "blueprint.not_mapping", "expected a dictionary",
                    "Write use_blueprint: {path: <file>.yaml, input: {...}}");
            return;
        }
        for (Map.Entry<?, ?> e : m.entrySet()) {
            Object key = e.getKey();
            Object v = e.getValue();
            P kp = P.key(p, pyStr(key));
            if ("path".equals(key)) {
                if (v instanceof HaTag) {
                    continue;
                }
                if (!(v instanceof String path)) {
                    r.error(kp, "blueprint.path_invalid", "Expected a string",
                            "Give the blueprint path relative to blueprints/automation/, e.g. homeassistant/motion_light.yaml");
                } else if (path.contains("~") || path.contains("..")) {
                    r.error(kp, "blueprint.path_invalid", "Invalid path",
                            "The path may not contain '..' or '~'; give it relative to blueprints/automation/");
                } else if (!path.endsWith(".yaml")) {
                    r.error(kp, "blueprint.path_suffix", "Path needs to end in .yaml",
                            "Blueprint files end in .yaml");
                }
            } else if ("input".equals(key)) {
                if (v instanceof HaTag) {
                    continue;
                }
                if (!(v instanceof Map<?, ?> inputs)) {
                    r.error(kp, "blueprint.input_invalid", "expected a dictionary",
                            "input maps each blueprint input name to its value");
                } else {
                    for (Object inputKey : inputs.keySet()) {
                        if (!(inputKey instanceof String)) {
                            r.error(P.key(kp, pyStr(inputKey)), "blueprint.input_invalid", "extra keys not allowed",
                                    "Input names are strings");
                        }
                    }
                }
            } else {
                r.error(kp, "blueprint.unknown_key", "extra keys not allowed", "use_blueprint only takes path and input");
            }
        }
        if (!m.containsKey("path")) {
            r.error(P.key(p, "path"), "blueprint.path_required", "required key not provided",
                    "Add path: <file>.yaml (relative to blueprints/automation/)");
        }
        if (!m.containsKey("input")) {
            r.warning(P.key(p, "input"), "blueprint.input_missing",
                    "No inputs given; HA substitutes an empty input mapping",
                    "Add input: with a value for every blueprint input that has no default");
        }
    }

    // ==============================================================================================================
    // Triggers

    private void triggers(Object value, P p, Run r) {
        if (value == null || value instanceof HaTag) {
            return;
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                Object item = list.get(i);
                P ip = P.index(p, i);
                if (item instanceof Map<?, ?> m && m.size() == 1 && m.containsKey("triggers")) {
                    // {triggers: [...]} items are flattened into the list (cv._base_trigger_list_flatten)
                    triggers(m.get("triggers"), P.key(ip, "triggers"), r);
                } else {
                    trigger(item, ip, r);
                }
            }
        } else {
            trigger(value, p, r);
        }
    }

    private void trigger(Object value, P p, Run r) {
        if (value instanceof HaTag) {
            return;
        }
        if (!(value instanceof Map<?, ?> t)) {
            r.error(p, "trigger.base.not_mapping", "expected a dictionary",
                    "Each trigger is a mapping, e.g. - trigger: state\n  entity_id: binary_sensor.door");
            return;
        }
        boolean hasTrigger = t.containsKey("trigger");
        boolean hasPlatform = t.containsKey("platform");
        if (hasTrigger && hasPlatform) {
            r.error(p, "trigger.base.both_keys",
                    "Cannot specify both 'platform' and 'trigger'. Please use 'trigger' only.",
                    "Keep only trigger: (platform: is the legacy spelling)");
            return;
        }
        if (!hasTrigger && !hasPlatform) {
            r.error(P.key(p, "trigger"), "trigger.base.platform_required", "required key not provided",
                    "Say what kind of trigger this is, e.g. trigger: state");
            return;
        }
        String kindKey = hasTrigger ? "trigger" : "platform";
        Object kind = t.get(kindKey);
        // TRIGGER_BASE_SCHEMA (schema stage)
        for (Map.Entry<?, ?> e : t.entrySet()) {
            Object k = e.getKey();
            Object v = e.getValue();
            if (v instanceof HaTag) {
                continue;
            }
            if ("alias".equals(k) && !(v instanceof String)) {
                r.error(P.key(p, "alias"), "trigger.base.alias_invalid", "expected str", "Quote the alias");
            } else if ("id".equals(k) && !(v instanceof String)) {
                r.error(P.key(p, "id"), "trigger.base.id_not_string", "expected str",
                        "Quote the trigger id so it is a string, e.g. id: '" + pyStr(v) + "'");
            } else if ("variables".equals(k)) {
                variables(v, P.key(p, "variables"), "trigger.base.variables_invalid", r);
            } else if ("enabled".equals(k)) {
                enabled(v, P.key(p, "enabled"), "trigger.base.enabled_invalid", r);
            }
        }
        if (kind instanceof HaTag) {
            return;
        }
        if (!(kind instanceof String platform)) {
            r.error(P.key(p, kindKey), "trigger.base.platform_not_string", "expected str",
                    "The trigger kind is a name such as state, time or event");
            return;
        }
        // Platform schemas (trigger stage)
        switch (platform) {
            case "state" -> stateTrigger(t, p, r);
            case "numeric_state" -> numericStateTrigger(t, p, r);
            case "event" -> eventTrigger(t, p, r);
            case "time" -> timeTrigger(t, p, r);
            case "time_pattern" -> timePatternTrigger(t, p, r);
            case "homeassistant" -> {
                keys(t, p, "trigger.homeassistant", r, "event");
                if (require(t, "event", p, "trigger.homeassistant.event_required", "Add event: start or event: shutdown", r)) {
                    literal(t.get("event"), P.key(p, "event"), "trigger.homeassistant.event_invalid",
                            List.of("start", "shutdown"), false, "Use event: start or event: shutdown", r);
                }
            }
            case "sun" -> {
                keys(t, p, "trigger.sun", r, "event", "offset");
                if (require(t, "event", p, "trigger.sun.event_required", "Add event: sunrise or event: sunset", r)) {
                    literal(t.get("event"), P.key(p, "event"), "trigger.sun.event_invalid",
                            List.of("sunset", "sunrise"), true, "Use event: sunrise or event: sunset", r);
                }
                if (t.containsKey("offset")) {
                    timePeriod(t.get("offset"), P.key(p, "offset"), "trigger.sun.offset_invalid", false, false, r);
                }
            }
            case "zone" -> {
                keys(t, p, "trigger.zone", r, "entity_id", "zone", "event");
                if (require(t, "entity_id", p, "trigger.zone.entity_id_required", "Add the tracked entity, e.g. entity_id: person.anna", r)) {
                    entityIds(t.get("entity_id"), P.key(p, "entity_id"), true, "trigger.zone.entity_id_invalid", r);
                }
                if (require(t, "zone", p, "trigger.zone.zone_required", "Add zone: zone.home", r)) {
                    entityId(t.get("zone"), P.key(p, "zone"), "trigger.zone.zone_invalid", r);
                }
                if (t.containsKey("event")) {
                    literal(t.get("event"), P.key(p, "event"), "trigger.zone.event_invalid",
                            List.of("enter", "leave"), false, "Use event: enter or event: leave", r);
                }
            }
            case "template" -> {
                keys(t, p, "trigger.template", r, "value_template", "for");
                if (require(t, "value_template", p, "trigger.template.value_template_required",
                        "Add value_template: \"{{ ... }}\"", r)) {
                    template(t.get("value_template"), P.key(p, "value_template"), "trigger.template.value_template_invalid", r);
                }
                if (t.containsKey("for")) {
                    timePeriod(t.get("for"), P.key(p, "for"), "trigger.template.for_invalid", true, true, r);
                }
            }
            case "mqtt" -> mqttTrigger(t, p, r);
            case "webhook" -> webhookTrigger(t, p, r);
            case "tag" -> {
                keys(t, p, "trigger.tag", r, "tag_id", "device_id");
                if (require(t, "tag_id", p, "trigger.tag.tag_id_required", "Add tag_id: <the tag's id>", r)) {
                    stringList(t.get("tag_id"), P.key(p, "tag_id"), "trigger.tag.tag_id_invalid", r);
                }
                if (t.containsKey("device_id")) {
                    stringList(t.get("device_id"), P.key(p, "device_id"), "trigger.tag.device_id_invalid", r);
                }
            }
            case "calendar" -> {
                keys(t, p, "trigger.calendar", r, "entity_id", "event", "offset");
                if (require(t, "entity_id", p, "trigger.calendar.entity_id_required", "Add entity_id: calendar.<name>", r)) {
                    entityId(t.get("entity_id"), P.key(p, "entity_id"), "trigger.calendar.entity_id_invalid", r);
                }
                if (t.containsKey("event") && !(t.get("event") instanceof HaTag)
                        && !"start".equals(t.get("event")) && !"end".equals(t.get("event"))) {
                    r.error(P.key(p, "event"), "trigger.calendar.event_invalid", "value must be one of ['end', 'start']",
                            "Use event: start or event: end");
                }
                if (t.containsKey("offset")) {
                    timePeriod(t.get("offset"), P.key(p, "offset"), "trigger.calendar.offset_invalid", false, false, r);
                }
            }
            case "conversation" -> conversationTrigger(t, p, r);
            case "geo_location" -> {
                keys(t, p, "trigger.geo_location", r, "source", "zone", "event");
                if (require(t, "source", p, "trigger.geo_location.source_required", "Add source: <geo_location platform>", r)) {
                    string(t.get("source"), P.key(p, "source"), "trigger.geo_location.source_invalid", r);
                }
                if (require(t, "zone", p, "trigger.geo_location.zone_required", "Add zone: zone.home", r)) {
                    entityDomain(t.get("zone"), P.key(p, "zone"), List.of("zone"), "trigger.geo_location.zone_invalid", r);
                }
                if (t.containsKey("event")) {
                    literal(t.get("event"), P.key(p, "event"), "trigger.geo_location.event_invalid",
                            List.of("enter", "leave"), false, "Use event: enter or event: leave", r);
                }
            }
            case "persistent_notification" -> {
                keys(t, p, "trigger.persistent_notification", r, "notification_id", "update_type");
                Object id = t.get("notification_id");
                if (t.containsKey("notification_id") && !(id instanceof String) && !(id instanceof HaTag)) {
                    r.error(P.key(p, "notification_id"), "trigger.persistent_notification.notification_id_invalid",
                            "expected str", "Quote the notification id");
                }
                if (t.containsKey("update_type")) {
                    P up = P.key(p, "update_type");
                    forEachListed(t.get("update_type"), up, (item, ip) -> {
                        if (!(item instanceof HaTag) && !NOTIFICATION_UPDATE_TYPES.contains(item)) {
                            r.error(ip, "trigger.persistent_notification.update_type_invalid", "expected UpdateType",
                                    "Use added, removed, current or updated");
                        }
                    });
                }
            }
            case "device" -> {
                // DEVICE_TRIGGER_BASE_SCHEMA; the rest belongs to the device's integration
                if (require(t, "device_id", p, "trigger.device.device_id_required", "Add device_id: <device id>", r)
                        && !(t.get("device_id") instanceof String) && !(t.get("device_id") instanceof HaTag)) {
                    r.error(P.key(p, "device_id"), "trigger.device.device_id_invalid", "expected str", "Quote the device id");
                }
                if (require(t, "domain", p, "trigger.device.domain_required", "Add domain: <integration of the device>", r)
                        && !(t.get("domain") instanceof String) && !(t.get("domain") instanceof HaTag)) {
                    r.error(P.key(p, "domain"), "trigger.device.domain_invalid", "expected str", "Quote the domain");
                }
            }
            default -> {
                int dot = platform.indexOf('.');
                String domain = dot < 0 ? platform : platform.substring(0, dot);
                if (dot >= 0 ? !isValidDomain(domain) || dot == platform.length() - 1
                        : !triggerPlatforms.contains(platform)) {
                    r.error(P.key(p, kindKey), "trigger.unknown_platform", "Invalid trigger '" + domain + "' specified",
                            "Use a trigger platform HA provides (state, numeric_state, event, time, time_pattern, "
                                    + "homeassistant, sun, zone, template, mqtt, webhook, tag, calendar, conversation, "
                                    + "geo_location, persistent_notification, device) or an integration trigger "
                                    + "written <domain>.<trigger>" + suggestion(platform, CORE_TRIGGER_PLATFORMS));
                }
            }
        }
    }

    private static void stateTrigger(Map<?, ?> t, P p, Run r) {
        keys(t, p, "trigger.state", r, "entity_id", "for", "attribute", "from", "to", "not_from", "not_to");
        if (t.containsKey("from") && t.containsKey("not_from")) {
            r.error(P.key(p, "not_from"), "trigger.state.from_exclusive",
                    "two or more values in the same group of exclusion 'from'", "Use either from or not_from, not both");
        }
        if (t.containsKey("to") && t.containsKey("not_to")) {
            r.error(P.key(p, "not_to"), "trigger.state.to_exclusive",
                    "two or more values in the same group of exclusion 'to'", "Use either to or not_to, not both");
        }
        if (require(t, "entity_id", p, "trigger.state.entity_id_required", "Add entity_id: <domain>.<object_id>", r)) {
            entityIds(t.get("entity_id"), P.key(p, "entity_id"), true, "trigger.state.entity_id_invalid", r);
        }
        boolean attribute = t.containsKey("attribute");
        for (String key : List.of("from", "to", "not_from", "not_to")) {
            if (!t.containsKey(key)) {
                continue;
            }
            Object v = t.get(key);
            P kp = P.key(p, key);
            if (attribute) {
                continue; // with attribute any value type is allowed
            }
            stateValues(v, kp, "trigger.state." + key + "_not_string", "trigger.state.template_not_rendered", r);
        }
        if (t.containsKey("for")) {
            timePeriod(t.get("for"), P.key(p, "for"), "trigger.state.for_invalid", true, true, r);
        }
    }

    /** {@code vol.Any(str, [str], None)} with the "str on purpose" hint. */
    private static void stateValues(Object v, P p, String rule, String templateRule, Run r) {
        if (v == null || v instanceof HaTag) {
            return;
        }
        if (v instanceof String s) {
            templateNotRendered(s, p, templateRule, r);
            return;
        }
        if (v instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                Object item = list.get(i);
                if (item instanceof String s) {
                    templateNotRendered(s, P.index(p, i), templateRule, r);
                } else if (!(item instanceof HaTag)) {
                    r.error(P.index(p, i), rule, "expected str", stateHint(item));
                }
            }
            return;
        }
        r.error(p, rule, "expected str", stateHint(v));
    }

    private static void templateNotRendered(String s, P p, String rule, Run r) {
        if (isTemplate(s)) {
            r.warning(p, rule, "Templates are not rendered here; the text is compared literally",
                    "Use a template trigger/condition, or list the literal state values");
        }
    }

    private static String stateHint(Object v) {
        if (v instanceof Boolean b) {
            String word = b ? "on" : "off";
            return "YAML 1.1 read an unquoted on/off/yes/no/true/false as the boolean " + pyStr(v)
                    + ". Quote the state, e.g. \"" + word + "\" (or add attribute: when comparing an attribute)";
        }
        if (v instanceof Number) {
            return "Quote the state, e.g. \"" + pyStr(v) + "\"; states are always strings";
        }
        return HINT_QUOTE_STATE;
    }

    private static void numericStateTrigger(Map<?, ?> t, P p, Run r) {
        keys(t, p, "trigger.numeric_state", r, "entity_id", "below", "above", "value_template", "for", "attribute");
        if (require(t, "entity_id", p, "trigger.numeric_state.entity_id_required", "Add entity_id: sensor.<name>", r)) {
            entityIds(t.get("entity_id"), P.key(p, "entity_id"), true, "trigger.numeric_state.entity_id_invalid", r);
        }
        thresholds(t, p, "trigger.numeric_state", r);
        if (t.containsKey("value_template")) {
            template(t.get("value_template"), P.key(p, "value_template"), "trigger.numeric_state.value_template_invalid", r);
        }
        if (t.containsKey("for")) {
            timePeriod(t.get("for"), P.key(p, "for"), "trigger.numeric_state.for_invalid", true, true, r);
        }
        Double above = numericThreshold(t.get("above"));
        Double below = numericThreshold(t.get("below"));
        if (above != null && below != null) {
            if (above > below) {
                r.error(p, "trigger.numeric_state.above_greater_than_below",
                        "A value can never be above " + pyFloatRepr(above) + " and below " + pyFloatRepr(below)
                                + " at the same time. You probably want two different triggers.",
                        "above is the lower bound and below the upper bound; swap them, or use two triggers for"
                                + " 'outside the range'");
            } else if (above.equals(below)) {
                r.warning(p, "trigger.numeric_state.empty_range",
                        "above and below are equal, so no value is ever inside the range",
                        "Widen the range (above < below)");
            }
        }
    }

    /** The threshold as HA compares it: vol.Coerce(float) turns numbers and numeric strings into floats. */
    private static Double numericThreshold(Object v) {
        if (v == null || v instanceof HaTag) {
            return null;
        }
        Double d = coerceFloat(v);
        return d == null || d.isNaN() ? null : d;
    }

    /** NUMERIC_STATE_THRESHOLD_SCHEMA for above/below, plus has_at_least_one_key(below, above). */
    private static void thresholds(Map<?, ?> m, P p, String prefix, Run r) {
        for (String key : List.of("below", "above")) {
            if (!m.containsKey(key)) {
                continue;
            }
            Object v = m.get(key);
            if (v instanceof HaTag) {
                continue;
            }
            P kp = P.key(p, key);
            if (coerceFloat(v) != null) {
                continue;
            }
            if (v instanceof String s) {
                String problem = entityDomainProblem(s, List.of("input_number", "number", "sensor", "zone"));
                if (problem == null) {
                    continue;
                }
                r.error(kp, prefix + "." + key + "_invalid", "expected float",
                        isTemplate(s) ? "Templates are not allowed in " + key + "; use value_template, or a number"
                                : "Use a number or an input_number/number/sensor/zone entity id (" + problem + ")");
            } else {
                r.error(kp, prefix + "." + key + "_invalid", "expected float",
                        "Use a number or an input_number/number/sensor/zone entity id");
            }
        }
        if (!m.containsKey("below") && !m.containsKey("above")) {
            r.error(p, prefix + ".above_or_below_required", "must contain at least one of below, above.",
                    "Add above: and/or below:");
        }
    }

    private static void eventTrigger(Map<?, ?> t, P p, Run r) {
        keys(t, p, "trigger.event", r, "event_type", "event_data", "context");
        if (require(t, "event_type", p, "trigger.event.event_type_required", "Add event_type: <event name>", r)) {
            P ep = P.key(p, "event_type");
            forEachListed(t.get("event_type"), ep, (item, ip) -> {
                if (item instanceof HaTag) {
                    return;
                }
                if (!template(item, ip, "trigger.event.event_type_invalid", r)) {
                    return;
                }
                if ("state_reported".equals(item)) {
                    r.error(ip, "trigger.event.state_reported", "Can't listen to state_reported in event trigger",
                            "Use a state trigger (or the state_changed event) instead of state_reported");
                }
            });
        }
        for (String key : List.of("event_data", "context")) {
            if (t.containsKey(key)) {
                Object v = t.get(key);
                if (v instanceof Map<?, ?>) {
                    templateComplex(v, P.key(p, key), "trigger.event.template_invalid", r);
                } else if (!(v instanceof HaTag)) {
                    r.error(P.key(p, key), "trigger.event." + key + "_invalid", "expected dict",
                            key + " is a mapping of fields to match, e.g. " + key + ": {entity_id: light.kitchen}");
                }
            }
        }
    }

    private static void timeTrigger(Map<?, ?> t, P p, Run r) {
        // weekday: newer HA versions (2025.10+) accept a weekday filter on time triggers; real configs use it
        keys(t, p, "trigger.time", r, "at", "weekday");
        if (t.containsKey("weekday")) {
            weekdays(t.get("weekday"), P.key(p, "weekday"), "trigger.time.weekday_invalid", r);
        }
        if (!require(t, "at", p, "trigger.time.at_required", "Add at: \"HH:MM:SS\"", r)) {
            return;
        }
        forEachListed(t.get("at"), P.key(p, "at"), (item, ip) -> {
            if (item instanceof HaTag || timeAtValid(item)) {
                return;
            }
            String hint = HINT_TIME + ", an input_datetime or timestamp sensor entity, {entity_id, offset}, or a "
                    + "limited template";
            if (HaValues.isIntegral(item)) {
                String guess = HaValues.sexagesimalGuess(((Number) item).longValue());
                if (guess != null) {
                    hint = "The unquoted time was read as the number " + item + " (YAML 1.1 base 60); quote it: at: \""
                            + guess + "\"";
                }
            }
            r.error(ip, "trigger.time.at_invalid",
                    "Expected HH:MM, HH:MM:SS, an Entity ID with domain 'input_datetime' or 'sensor', a combination of"
                            + " a timestamp sensor entity and an offset, or Limited Template", hint);
        });
    }

    private static boolean timeAtValid(Object v) {
        if (v instanceof Map<?, ?> m) {
            for (Object k : m.keySet()) {
                if (!"entity_id".equals(k) && !"offset".equals(k)) {
                    return false;
                }
            }
            Object entity = m.get("entity_id");
            if (!(entity instanceof HaTag)
                    && (entity == null || entityDomainProblem(entity, List.of("input_datetime", "sensor")) != null)) {
                return false;
            }
            return !m.containsKey("offset") || timePeriodProblem(m.get("offset"), false) == null;
        }
        if (v == null || v instanceof List<?>) {
            return false;
        }
        if (HaValues.parseTimeOfDay(v) != null) {
            return true;
        }
        if (v instanceof String s) {
            if (isTemplate(s)) {
                return HaValues.templateError(s) == null;
            }
            return entityDomainProblem(s, List.of("input_datetime", "sensor")) == null;
        }
        return false;
    }

    private static void timePatternTrigger(Map<?, ?> t, P p, Run r) {
        keys(t, p, "trigger.time_pattern", r, "hours", "minutes", "seconds");
        String[] units = {"hours", "minutes", "seconds"};
        int[] maxima = {23, 59, 59};
        boolean any = false;
        for (int i = 0; i < units.length; i++) {
            if (!t.containsKey(units[i])) {
                continue;
            }
            any = true;
            Object v = t.get(units[i]);
            if (v instanceof HaTag || "*".equals(v)) {
                continue;
            }
            P kp = P.key(p, units[i]);
            int max = maxima[i];
            String rule = "trigger.time_pattern." + units[i] + "_invalid";
            String hint = "Use \"*\", a number 0-" + max + ", or \"/N\" (every N " + units[i] + ", N from 1 to " + max
                    + "), quoted";
            if (v instanceof String s && s.startsWith("/")) {
                Long n = HaValues.pyInt(s.substring(1));
                if (n == null) {
                    r.error(kp, rule, "invalid time_pattern value", hint);
                } else if (n == 0) {
                    r.error(kp, "trigger.time_pattern.divisor_zero", "must be a value between 1 and " + max, hint);
                } else if (n < 0 || n > max) {
                    r.error(kp, rule, "must be a value between 0 and " + max, hint);
                }
                continue;
            }
            Long n = v == null ? null : coerceInt(v);
            if (n == null) {
                r.error(kp, rule, "invalid time_pattern value", hint);
            } else if (n < 0 || n > max) {
                r.error(kp, rule, "must be a value between 0 and " + max, hint);
            }
        }
        if (!any) {
            r.error(p, "trigger.time_pattern.unit_required", "must contain at least one of hours, minutes, seconds.",
                    "Add hours:, minutes: and/or seconds:, e.g. minutes: \"/5\"");
        }
    }

    private static void mqttTrigger(Map<?, ?> t, P p, Run r) {
        keys(t, p, "trigger.mqtt", r, "topic", "payload", "value_template", "encoding", "qos");
        if (require(t, "topic", p, "trigger.mqtt.topic_required", "Add topic: <mqtt/topic>", r)) {
            Object topic = t.get("topic");
            P tp = P.key(p, "topic");
            if (template(topic, tp, "trigger.mqtt.topic_invalid", r) && topic instanceof String s && !isTemplate(s)) {
                String problem = mqttTopicProblem(s);
                if (problem != null) {
                    r.error(tp, "trigger.mqtt.topic_invalid", problem,
                            "'+' and '#' must fill a whole topic level and '#' may only be last, e.g. home/+/temperature");
                }
            }
        }
        if (t.containsKey("payload")) {
            template(t.get("payload"), P.key(p, "payload"), "trigger.mqtt.payload_invalid", r);
        }
        if (t.containsKey("value_template")) {
            template(t.get("value_template"), P.key(p, "value_template"), "trigger.mqtt.value_template_invalid", r);
        }
        if (t.containsKey("encoding")) {
            string(t.get("encoding"), P.key(p, "encoding"), "trigger.mqtt.encoding_invalid", r);
        }
        if (t.containsKey("qos") && !(t.get("qos") instanceof HaTag)) {
            Long qos = coerceInt(t.get("qos"));
            if (qos == null || qos < 0 || qos > 2) {
                r.error(P.key(p, "qos"), "trigger.mqtt.qos_invalid", qos == null ? "expected int" : "value must be one of [0, 1, 2]",
                        "Use qos: 0, 1 or 2");
            }
        }
    }

    private static String mqttTopicProblem(String topic) {
        if (topic.isEmpty()) {
            return "Topic must not be empty.";
        }
        if (topic.indexOf('\0') >= 0) {
            return "MQTT topic name/filter must not contain null character.";
        }
        String[] levels = topic.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if (level.contains("#") && (!level.equals("#") || i != levels.length - 1)) {
                return "Multi-level wildcard must be the last character in the topic.";
            }
            if (level.contains("+") && !level.equals("+")) {
                return "Single-level wildcard must occupy an entire level of the filter.";
            }
        }
        return null;
    }

    private static void webhookTrigger(Map<?, ?> t, P p, Run r) {
        keys(t, p, "trigger.webhook", r, "webhook_id", "allowed_methods", "local_only");
        if (require(t, "webhook_id", p, "trigger.webhook.webhook_id_required", "Add webhook_id: <unique id>", r)) {
            string(t.get("webhook_id"), P.key(p, "webhook_id"), "trigger.webhook.webhook_id_invalid", r);
        }
        if (t.containsKey("allowed_methods")) {
            Set<String> seen = new HashSet<>();
            forEachListed(t.get("allowed_methods"), P.key(p, "allowed_methods"), (item, ip) -> {
                if (item instanceof HaTag) {
                    return;
                }
                String method = pyStr(item).toUpperCase(Locale.ROOT);
                if (!WEBHOOK_METHODS.contains(method)) {
                    r.error(ip, "trigger.webhook.allowed_methods_invalid",
                            "value must be one of ['GET', 'HEAD', 'POST', 'PUT']", "Use GET, HEAD, POST or PUT");
                } else if (!seen.add(method)) {
                    r.error(ip, "trigger.webhook.allowed_methods_invalid", "contains duplicate items",
                            "List each method once");
                }
            });
        }
        if (t.containsKey("local_only") && !(t.get("local_only") instanceof Boolean) && !(t.get("local_only") instanceof HaTag)) {
            r.error(P.key(p, "local_only"), "trigger.webhook.local_only_invalid", "expected bool",
                    "Use local_only: true or false (unquoted)");
        }
    }

    private static void conversationTrigger(Map<?, ?> t, P p, Run r) {
        keys(t, p, "trigger.conversation", r, "command");
        if (!require(t, "command", p, "trigger.conversation.command_required", "Add command: \"turn on the lights\"", r)) {
            return;
        }
        Object command = t.get("command");
        P cp = P.key(p, "command");
        if (command == null || command instanceof List<?> list && list.isEmpty()) {
            r.error(cp, "trigger.conversation.command_invalid", "at least one sentence is required", "Add a sentence");
            return;
        }
        forEachListed(command, cp, (item, ip) -> {
            if (item instanceof HaTag) {
                return;
            }
            if (!string(item, ip, "trigger.conversation.command_invalid", r)) {
                return;
            }
            String sentence = pyStr(item);
            if (sentence.isEmpty()) {
                r.error(ip, "trigger.conversation.command_invalid", "sentence too short: ''", "Remove the empty sentence");
            } else if (CONVERSATION_PUNCTUATION.matcher(sentence).find()) {
                r.error(ip, "trigger.conversation.command_punctuation", "sentence should not contain punctuation",
                        "Remove punctuation such as . , ? ! at the start or end of words");
            }
        });
    }

    // ==============================================================================================================
    // Conditions

    private void conditions(Object value, P p, Run r) {
        if (value == null || value instanceof HaTag) {
            return;
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                condition(list.get(i), P.index(p, i), false, r);
            }
        } else {
            condition(value, p, false, r);
        }
    }

    /**
     * One condition. {@code asStep}: the condition is an action step (CONDITION_ACTION_SCHEMA), which also
     * accepts {@code condition: "{{ template }}"}.
     */
    private void condition(Object value, P p, boolean asStep, Run r) {
        if (value instanceof HaTag) {
            return;
        }
        if (value instanceof String s && !asStep) {
            if (isTemplate(s)) {
                templateSyntax(s, p, "condition.template.invalid", r);
            } else {
                r.error(p, "condition.not_mapping", "Expected a dictionary",
                        "A condition is a mapping (e.g. condition: state …) or a template string \"{{ … }}\"");
            }
            return;
        }
        if (!(value instanceof Map<?, ?> c)) {
            r.error(p, "condition.not_mapping", "Expected a dictionary",
                    "A condition is a mapping (e.g. condition: state …) or a template string \"{{ … }}\"");
            return;
        }
        // Shorthands (cv.expand_condition_shorthand)
        if (!c.containsKey("conditions")) {
            for (String op : List.of("and", "or", "not")) {
                if (c.containsKey(op) && onlyKeys(c, op, "alias", "enabled")) {
                    conditionBase(c, p, r);
                    conditions(c.get(op), P.key(p, op), r);
                    return;
                }
            }
            if (c.get("condition") instanceof List<?> && onlyKeys(c, "condition", "alias", "enabled")) {
                conditionBase(c, p, r);
                conditions(c.get("condition"), P.key(p, "condition"), r);
                return;
            }
        }
        Object type = c.get("condition");
        if (type instanceof HaTag) {
            return;
        }
        if (type == null) {
            if (c.containsKey("condition")) {
                r.error(P.key(p, "condition"), "condition.type_invalid", "expected str",
                        "Name the condition type, e.g. condition: state");
            } else {
                r.error(P.key(p, "condition"), "condition.type_missing", "required key not provided",
                        "Add the condition type, e.g. condition: state (or use a template string)");
            }
            return;
        }
        if (!(type instanceof String kind)) {
            r.error(P.key(p, "condition"), "condition.type_invalid", "expected str",
                    "Name the condition type, e.g. condition: state");
            return;
        }
        conditionBase(c, p, r);
        switch (kind) {
            case "and", "or", "not" -> {
                keysC(c, p, "condition." + kind, r, "conditions");
                if (requireC(c, "conditions", p, "condition." + kind + ".conditions_required",
                        "Add conditions: with a list of conditions", r)) {
                    conditions(c.get("conditions"), P.key(p, "conditions"), r);
                }
            }
            case "state" -> stateCondition(c, p, r);
            case "numeric_state" -> {
                keysC(c, p, "condition.numeric_state", r, "entity_id", "attribute", "below", "above", "value_template");
                if (requireC(c, "entity_id", p, "condition.numeric_state.entity_id_required", "Add entity_id: sensor.<name>", r)) {
                    entityIds(c.get("entity_id"), P.key(p, "entity_id"), true, "condition.numeric_state.entity_id_invalid", r);
                }
                if (c.containsKey("attribute")) {
                    strictString(c.get("attribute"), P.key(p, "attribute"), "condition.numeric_state.attribute_invalid", r);
                }
                thresholds(c, p, "condition.numeric_state", r);
                if (c.containsKey("value_template")) {
                    template(c.get("value_template"), P.key(p, "value_template"), "condition.numeric_state.value_template_invalid", r);
                }
                Double above = numericThreshold(c.get("above"));
                Double below = numericThreshold(c.get("below"));
                if (above != null && below != null && above >= below) {
                    r.warning(p, "condition.numeric_state.empty_range",
                            "above " + pyFloatRepr(above) + " and below " + pyFloatRepr(below)
                                    + ": no value satisfies both, so this condition is never true",
                            "above is the lower bound and below the upper bound; swap them or use an or condition");
                }
            }
            case "template" -> {
                keysC(c, p, "condition.template", r, "value_template");
                if (requireC(c, "value_template", p, "condition.template.value_template_required",
                        "Add value_template: \"{{ ... }}\"", r)) {
                    template(c.get("value_template"), P.key(p, "value_template"), "condition.template.invalid", r);
                }
            }
            case "time" -> timeCondition(c, p, r);
            case "trigger" -> {
                keysC(c, p, "condition.trigger", r, "id");
                if (requireC(c, "id", p, "condition.trigger.id_required", "Add id: <trigger id>", r)) {
                    forEachListed(c.get("id"), P.key(p, "id"), (item, ip) -> {
                        if (!(item instanceof HaTag)) {
                            string(item, ip, "condition.trigger.id_invalid", r);
                        }
                    });
                }
            }
            case "device" -> {
                if (requireC(c, "device_id", p, "condition.device.device_id_required", "Add device_id: <device id>", r)
                        && !(c.get("device_id") instanceof String) && !(c.get("device_id") instanceof HaTag)) {
                    r.error(P.key(p, "device_id"), "condition.device.device_id_invalid", "expected str", "Quote the device id");
                }
                if (requireC(c, "domain", p, "condition.device.domain_required", "Add domain: <integration>", r)
                        && !(c.get("domain") instanceof String) && !(c.get("domain") instanceof HaTag)) {
                    r.error(P.key(p, "domain"), "condition.device.domain_invalid", "expected str", "Quote the domain");
                }
            }
            case "sun" -> sunCondition(c, p, r);
            case "zone" -> {
                keysC(c, p, "condition.zone", r, "entity_id", "zone", "event");
                if (requireC(c, "entity_id", p, "condition.zone.entity_id_required", "Add entity_id: person.<name>", r)) {
                    entityIds(c.get("entity_id"), P.key(p, "entity_id"), false, "condition.zone.entity_id_invalid", r);
                }
                if (requireC(c, "zone", p, "condition.zone.zone_required", "Add zone: zone.home", r)) {
                    entityIds(c.get("zone"), P.key(p, "zone"), false, "condition.zone.zone_invalid", r);
                }
                if (c.containsKey("event")) {
                    literal(c.get("event"), P.key(p, "event"), "condition.zone.event_invalid", List.of("enter", "leave"),
                            false, "Use enter or leave", r);
                }
            }
            default -> {
                if (asStep && isTemplate(kind)) {
                    // condition: "{{ ... }}" as a step (dynamic_template_condition_action)
                    keysC(c, p, "condition.template", r);
                    templateSyntax(kind, P.key(p, "condition"), "condition.template.invalid", r);
                } else if (kind.indexOf('.') > 0 && isValidDomain(kind.substring(0, kind.indexOf('.')))) {
                    // integration condition (domain.condition): validated by the integration
                    return;
                } else if (!conditionTypes.contains(kind)) {
                    r.error(P.key(p, "condition"), "condition.unknown_type", "Invalid condition \"" + kind + "\" specified",
                            "Use and, or, not, state, numeric_state, template, time, trigger, sun, zone, device, "
                                    + "or <domain>.<condition>" + suggestion(kind, CORE_CONDITION_TYPES));
                }
            }
        }
    }

    private static void conditionBase(Map<?, ?> c, P p, Run r) {
        if (c.containsKey("alias")) {
            string(c.get("alias"), P.key(p, "alias"), "condition.base.alias_invalid", r);
        }
        if (c.containsKey("enabled")) {
            enabled(c.get("enabled"), P.key(p, "enabled"), "condition.base.enabled_invalid", r);
        }
    }

    private static void stateCondition(Map<?, ?> c, P p, Run r) {
        keysC(c, p, "condition.state", r, "entity_id", "match", "attribute", "for", "state");
        if (requireC(c, "entity_id", p, "condition.state.entity_id_required", "Add entity_id: <domain>.<object_id>", r)) {
            entityIds(c.get("entity_id"), P.key(p, "entity_id"), true, "condition.state.entity_id_invalid", r);
        }
        boolean attribute = c.containsKey("attribute");
        if (requireC(c, "state", p, "condition.state.state_required", "Add state: \"on\" (quoted)", r) && !attribute) {
            Object v = c.get("state");
            if (v == null) {
                r.error(P.key(p, "state"), "condition.state.state_not_string", "expected str", HINT_QUOTE_STATE);
            } else {
                stateValues(v, P.key(p, "state"), "condition.state.state_not_string", "condition.state.template_not_rendered", r);
            }
        }
        if (attribute) {
            strictString(c.get("attribute"), P.key(p, "attribute"), "condition.state.attribute_invalid", r);
        }
        if (c.containsKey("match") && !(c.get("match") instanceof HaTag)) {
            String match = lower(pyStr(c.get("match")));
            if (!match.equals("all") && !match.equals("any")) {
                r.error(P.key(p, "match"), "condition.state.match_invalid", "not a valid value", "Use match: all or match: any");
            }
        }
        if (c.containsKey("for")) {
            timePeriod(c.get("for"), P.key(p, "for"), "condition.state.for_invalid", true, true, r);
        }
    }

    private static void timeCondition(Map<?, ?> c, P p, Run r) {
        keysC(c, p, "condition.time", r, "before", "after", "weekday");
        for (String key : List.of("before", "after")) {
            if (!c.containsKey(key)) {
                continue;
            }
            Object v = c.get(key);
            if (v instanceof HaTag || HaValues.parseTimeOfDay(v) != null) {
                continue;
            }
            if (v instanceof String s && entityDomainProblem(s, List.of("input_datetime", "time", "sensor")) == null) {
                continue;
            }
            String hint = HINT_TIME + ", or an input_datetime, time or sensor entity";
            if (HaValues.isIntegral(v)) {
                String guess = HaValues.sexagesimalGuess(((Number) v).longValue());
                if (guess != null) {
                    hint = "The unquoted time was read as the number " + v + " (YAML 1.1 base 60); quote it: " + key
                            + ": \"" + guess + "\"";
                }
            }
            r.error(P.key(p, key), "condition.time." + key + "_invalid", "Invalid time specified: " + pyStr(v), hint);
        }
        if (c.containsKey("weekday")) {
            weekdays(c.get("weekday"), P.key(p, "weekday"), "condition.time.weekday_invalid", r);
        }
        if (!c.containsKey("before") && !c.containsKey("after") && !c.containsKey("weekday")) {
            r.error(p, "condition.time.field_required", "must contain at least one of before, after, weekday.",
                    "Add before:, after: and/or weekday:");
        }
    }

    /** cv.weekdays: one or a list of mon … sun. */
    private static void weekdays(Object v, P p, String rule, Run r) {
        forEachListed(v, p, (item, ip) -> {
            if (!(item instanceof HaTag) && !WEEKDAYS.contains(item)) {
                r.error(ip, rule, "value must be one of " + pyList(WEEKDAYS),
                        "Use mon, tue, wed, thu, fri, sat, sun (lowercase)");
            }
        });
    }

    private static void sunCondition(Map<?, ?> c, P p, Run r) {
        keysC(c, p, "condition.sun", r, "before", "after", "before_offset", "after_offset");
        for (String key : List.of("before", "after")) {
            if (c.containsKey(key)) {
                literal(c.get(key), P.key(p, key), "condition.sun." + key + "_invalid", List.of("sunset", "sunrise"), true,
                        "Use sunrise or sunset", r);
            }
        }
        for (String key : List.of("before_offset", "after_offset")) {
            if (c.containsKey(key)) {
                timePeriod(c.get(key), P.key(p, key), "condition.sun." + key + "_invalid", false, false, r);
            }
        }
        if (!c.containsKey("before") && !c.containsKey("after")) {
            r.error(p, "condition.sun.field_required", "must contain at least one of before, after.",
                    "Add before: sunrise/sunset and/or after: sunrise/sunset");
        }
    }

    // ==============================================================================================================
    // Actions (script steps)

    private void script(Object value, P p, Run r) {
        if (value == null || value instanceof HaTag) {
            return;
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                step(list.get(i), P.index(p, i), r);
            }
        } else {
            step(value, p, r);
        }
    }

    private void step(Object value, P p, Run r) {
        if (value instanceof HaTag) {
            return;
        }
        if (!(value instanceof Map<?, ?> s)) {
            r.error(p, "action.not_mapping", "expected dictionary",
                    "Each action step is a mapping, e.g. - action: light.turn_on");
            return;
        }
        String type = null;
        for (String key : ACTION_ORDER) {
            if (s.containsKey(key)) {
                type = key;
                break;
            }
        }
        if (type == null) {
            r.error(p, "action.unknown_step", "Unable to determine action",
                    "A step needs one of: action (service call), delay, wait_template, wait_for_trigger, condition, "
                            + "event, scene, repeat, choose, if, parallel, sequence, variables, stop, "
                            + "set_conversation_response, device_id" + stepKeySuggestion(s));
            return;
        }
        switch (type) {
            case "delay" -> {
                stepKeys(s, p, "action.delay", r, "delay");
                timePeriod(s.get("delay"), P.key(p, "delay"), "action.delay.invalid", true, true, r);
            }
            case "wait_template" -> {
                stepKeys(s, p, "action.wait_template", r, "wait_template", "timeout", "continue_on_timeout");
                template(s.get("wait_template"), P.key(p, "wait_template"), "action.wait_template.invalid", r);
                waitOptions(s, p, "action.wait_template", r);
            }
            case "condition", "and", "or", "not" -> condition(s, p, true, r);
            case "event" -> {
                stepKeys(s, p, "action.event", r, "event", "event_data", "event_data_template");
                string(s.get("event"), P.key(p, "event"), "action.event.event_invalid", r);
                for (String key : List.of("event_data", "event_data_template")) {
                    if (s.containsKey(key)) {
                        Object v = s.get(key);
                        if (v instanceof Map<?, ?>) {
                            templateComplex(v, P.key(p, key), "action.event.template_invalid", r);
                        } else if (!(v instanceof HaTag)) {
                            r.error(P.key(p, key), "action.event." + key + "_invalid", "expected dict",
                                    key + " is a mapping of event fields");
                        }
                    }
                }
            }
            case "device_id" -> {
                actionBase(s, p, r);
                string(s.get("device_id"), P.key(p, "device_id"), "action.device.device_id_invalid", r);
                if (!s.containsKey("domain")) {
                    String hint = "A step with device_id is a device action and needs domain: and type:";
                    if (s.containsKey("action") || s.containsKey("service")) {
                        hint = "device_id next to action/service makes this a device action; for a service call move "
                                + "device_id under target: (target: {device_id: ...})";
                    }
                    r.error(P.key(p, "domain"), "action.device.domain_required", "required key not provided", hint);
                } else if (!(s.get("domain") instanceof String) && !(s.get("domain") instanceof HaTag)) {
                    r.error(P.key(p, "domain"), "action.device.domain_invalid", "expected str", "Quote the domain");
                }
            }
            case "scene" -> {
                stepKeys(s, p, "action.scene", r, "scene");
                entityDomain(s.get("scene"), P.key(p, "scene"), List.of("scene"), "action.scene.invalid", r);
            }
            case "repeat" -> repeat(s, p, r);
            case "choose" -> choose(s, p, r);
            case "wait_for_trigger" -> {
                stepKeys(s, p, "action.wait_for_trigger", r, "wait_for_trigger", "timeout", "continue_on_timeout");
                triggers(s.get("wait_for_trigger"), P.key(p, "wait_for_trigger"), r);
                waitOptions(s, p, "action.wait_for_trigger", r);
            }
            case "variables" -> {
                stepKeys(s, p, "action.variables", r, "variables");
                variables(s.get("variables"), P.key(p, "variables"), "action.variables.invalid", r);
            }
            case "if" -> {
                stepKeys(s, p, "action.if", r, "if", "then", "else");
                conditions(s.get("if"), P.key(p, "if"), r);
                if (s.containsKey("then")) {
                    script(s.get("then"), P.key(p, "then"), r);
                } else {
                    r.error(P.key(p, "then"), "action.if.then_required", "required key not provided",
                            "Add then: with the steps to run when the conditions hold");
                }
                if (s.containsKey("else")) {
                    script(s.get("else"), P.key(p, "else"), r);
                }
            }
            case "action", "service", "service_template" -> serviceCall(s, p, r);
            case "stop" -> {
                stepKeys(s, p, "action.stop", r, "stop", "error", "response_variable");
                Object stop = s.get("stop");
                if (stop != null) {
                    string(stop, P.key(p, "stop"), "action.stop.invalid", r);
                }
                if (s.containsKey("error")) {
                    bool(s.get("error"), P.key(p, "error"), "action.stop.error_invalid", r);
                }
                if (s.containsKey("response_variable")) {
                    strictString(s.get("response_variable"), P.key(p, "response_variable"),
                            "action.stop.response_variable_invalid", r);
                }
                if (s.containsKey("error") && s.containsKey("response_variable")) {
                    r.error(P.key(p, "response_variable"), "action.stop.error_or_response_exclusive",
                            "not allowed to add a response to an error stop action",
                            "Use either error: true or response_variable:, not both");
                }
            }
            case "parallel" -> {
                stepKeys(s, p, "action.parallel", r, "parallel");
                Object branches = s.get("parallel");
                if (branches instanceof List<?> list) {
                    for (int i = 0; i < list.size(); i++) {
                        script(list.get(i), P.index(P.key(p, "parallel"), i), r);
                    }
                } else {
                    script(branches, P.key(p, "parallel"), r);
                }
            }
            case "sequence" -> {
                stepKeys(s, p, "action.sequence", r, "sequence", "metadata");
                script(s.get("sequence"), P.key(p, "sequence"), r);
            }
            case "set_conversation_response" -> {
                stepKeys(s, p, "action.set_conversation_response", r, "set_conversation_response");
                Object v = s.get("set_conversation_response");
                if (v != null) {
                    template(v, P.key(p, "set_conversation_response"), "action.set_conversation_response.invalid", r);
                }
            }
            default -> throw new IllegalStateException(type);
        }
    }

    private static String stepKeySuggestion(Map<?, ?> s) {
        for (Object k : s.keySet()) {
            String key = pyStr(k);
            String near = nearest(key, ACTION_ORDER);
            if (near != null) {
                return "; did you mean '" + near + "' instead of '" + key + "'?";
            }
        }
        if (s.containsKey("platform") || s.containsKey("trigger")) {
            return "; this looks like a trigger, not an action";
        }
        return "";
    }

    private static void actionBase(Map<?, ?> s, P p, Run r) {
        if (s.containsKey("alias")) {
            string(s.get("alias"), P.key(p, "alias"), "action.base.alias_invalid", r);
        }
        if (s.containsKey("continue_on_error")) {
            bool(s.get("continue_on_error"), P.key(p, "continue_on_error"), "action.base.continue_on_error_invalid", r);
        }
        if (s.containsKey("enabled")) {
            enabled(s.get("enabled"), P.key(p, "enabled"), "action.base.enabled_invalid", r);
        }
    }

    private static void waitOptions(Map<?, ?> s, P p, String prefix, Run r) {
        if (s.containsKey("timeout")) {
            timePeriod(s.get("timeout"), P.key(p, "timeout"), prefix + ".timeout_invalid", true, true, r);
        }
        if (s.containsKey("continue_on_timeout")) {
            bool(s.get("continue_on_timeout"), P.key(p, "continue_on_timeout"), prefix + ".continue_on_timeout_invalid", r);
        }
    }

    private void serviceCall(Map<?, ?> s, P p, Run r) {
        if (s.containsKey("service") && s.containsKey("action")) {
            r.error(p, "action.service.both_keys", "Cannot specify both 'service' and 'action'. Please use 'action' only.",
                    "Keep only action: (service: is the legacy spelling)");
            return;
        }
        String nameKey = s.containsKey("action") ? "action" : s.containsKey("service") ? "service" : null;
        stepKeys(s, p, "action.service", r, "action", "service", "service_template", "data", "data_template",
                "entity_id", "target", "response_variable", "metadata");
        if (nameKey != null && s.containsKey("service_template")) {
            r.error(P.key(p, "service_template"), "action.service.name_exclusive",
                    "two or more values in the same group of exclusion 'service name'",
                    "Use only action: (it accepts templates)");
        }
        for (String key : new String[] {nameKey, "service_template"}) {
            if (key == null || !s.containsKey(key)) {
                continue;
            }
            Object name = s.get(key);
            P np = P.key(p, key);
            if (name instanceof HaTag) {
                continue;
            }
            if (name == null || name instanceof List<?> || name instanceof Map<?, ?>) {
                r.error(np, "action.service.name_invalid", name == null ? "string value is None" : "value should be a string",
                        "Name the service as <domain>.<service>, e.g. light.turn_on");
                continue;
            }
            String text = pyStr(name);
            if (isTemplate(text)) {
                templateSyntax(text, np, "action.service.template_invalid", r);
            } else if (!isValidEntityId(lower(text))) {
                r.error(np, "action.service.name_invalid", "Service " + text + " does not match format <domain>.<name>",
                        "Name the service as <domain>.<service>, e.g. light.turn_on");
            }
        }
        for (String key : List.of("data", "data_template")) {
            if (!s.containsKey(key)) {
                continue;
            }
            Object data = s.get(key);
            P dp = P.key(p, key);
            if (data instanceof Map<?, ?>) {
                templateComplex(data, dp, "action.service.template_invalid", r);
                dataWarnings((Map<?, ?>) data, dp, r);
            } else if (data == null) {
                r.error(dp, "action.service.data_invalid", "template value is None",
                        "Give data: a mapping of service fields, or remove it (data: {} is fine)");
            } else if (data instanceof List<?>) {
                r.error(dp, "action.service.data_invalid", "template value should be a string",
                        "data: is a mapping of service fields, not a list");
            } else if (!(data instanceof HaTag)) {
                template(data, dp, "action.service.data_invalid", r);
            }
        }
        if (s.containsKey("entity_id")) {
            Object v = s.get("entity_id");
            P ep = P.key(p, "entity_id");
            if (v instanceof String str && isTemplate(str)) {
                r.error(ep, "action.service.entity_id_invalid", "Entity ID " + str + " is an invalid entity ID",
                        "Templates are not allowed in a step's entity_id; use target: {entity_id: \"{{ ... }}\"}");
            } else if (!(v instanceof String str2 && isAllOrNone(str2))) {
                entityIds(v, ep, false, "action.service.entity_id_invalid", r);
            }
        }
        if (s.containsKey("target")) {
            target(s.get("target"), P.key(p, "target"), r);
        }
        if (s.containsKey("response_variable")) {
            strictString(s.get("response_variable"), P.key(p, "response_variable"), "action.service.response_variable_invalid", r);
        }
    }

    private static boolean isAllOrNone(String s) {
        String l = lower(s);
        return l.equals("all") || l.equals("none");
    }

    private static void dataWarnings(Map<?, ?> data, P p, Run r) {
        Object state = data.get("state");
        if (state instanceof Boolean b) {
            r.warning(P.key(p, "state"), "action.service.data_state_boolean",
                    "state is the boolean " + pyStr(b) + " (YAML 1.1 reads unquoted on/off/yes/no as booleans)",
                    "If a state string was meant, quote it: state: \"" + (b ? "on" : "off") + "\"");
        }
    }

    private static void target(Object value, P p, Run r) {
        if (value instanceof HaTag) {
            return;
        }
        if (value instanceof String s && isTemplate(s)) {
            templateSyntax(s, p, "action.service.template_invalid", r);
            return;
        }
        if (!(value instanceof Map<?, ?> t)) {
            r.error(p, "action.service.target_invalid", "expected a dictionary",
                    "target: takes entity_id, device_id, area_id, floor_id and/or label_id");
            return;
        }
        for (Map.Entry<?, ?> e : t.entrySet()) {
            Object key = e.getKey();
            Object v = e.getValue();
            P kp = P.key(p, pyStr(key));
            if (v instanceof HaTag) {
                continue;
            }
            if ("entity_id".equals(key)) {
                if (v instanceof String s) {
                    if (isTemplate(s)) {
                        templateSyntax(s, kp, "action.service.template_invalid", r);
                    } else if (!isAllOrNone(s)) {
                        entityIds(s, kp, true, "action.service.target_entity_id_invalid", r);
                    }
                } else if (v instanceof List<?> list) {
                    // a list is accepted as is (vol.All(list, template_complex)): bad ids are only warned about
                    for (int i = 0; i < list.size(); i++) {
                        Object item = list.get(i);
                        P ip = P.index(kp, i);
                        if (item instanceof String s) {
                            if (isTemplate(s)) {
                                templateSyntax(s, ip, "action.service.template_invalid", r);
                            } else if (!isValidEntityId(lower(s)) && !isFakeUuid(s)) {
                                r.warning(ip, "action.service.target_entity_id_suspicious",
                                        "Entity " + s + " is neither a valid entity ID nor a valid UUID",
                                        HINT_ENTITY + " (HA accepts it in a list but the call will not find it)");
                            }
                        } else if (!(item instanceof HaTag)) {
                            templateComplex(item, ip, "action.service.template_invalid", r);
                        }
                    }
                } else {
                    entityIds(v, kp, true, "action.service.target_entity_id_invalid", r);
                }
            } else if ("device_id".equals(key) || "area_id".equals(key) || "floor_id".equals(key) || "label_id".equals(key)) {
                forEachListed(v, kp, (item, ip) -> {
                    if (item instanceof HaTag) {
                        return;
                    }
                    if (!(item instanceof String s)) {
                        r.error(ip, "action.service.target_" + key + "_invalid", "expected str",
                                "Quote the id so it is a string");
                    } else if (isTemplate(s)) {
                        templateSyntax(s, ip, "action.service.template_invalid", r);
                    }
                });
            } else {
                r.error(kp, "action.service.target_unknown_key", "extra keys not allowed",
                        "target: only takes entity_id, device_id, area_id, floor_id and label_id; service fields go"
                                + " under data:");
            }
        }
    }

    private void repeat(Map<?, ?> s, P p, Run r) {
        stepKeys(s, p, "action.repeat", r, "repeat");
        Object value = s.get("repeat");
        P rp = P.key(p, "repeat");
        if (value instanceof HaTag) {
            return;
        }
        if (!(value instanceof Map<?, ?> m)) {
            r.error(rp, "action.repeat.invalid", "expected a dictionary",
                    "repeat: takes one of count/for_each/while/until and a sequence");
            return;
        }
        int kinds = 0;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            Object key = e.getKey();
            Object v = e.getValue();
            P kp = P.key(rp, pyStr(key));
            if (v instanceof HaTag && !"sequence".equals(key)) {
                kinds++;
                continue;
            }
            if ("count".equals(key)) {
                kinds++;
                if (!(v instanceof String str && isTemplate(str)) && coerceInt(v) == null) {
                    r.error(kp, "action.repeat.count_invalid", "expected int", "Use a whole number or a template");
                } else if (v instanceof String str && isTemplate(str)) {
                    templateSyntax(str, kp, "action.repeat.template_invalid", r);
                }
            } else if ("for_each".equals(key)) {
                kinds++;
                if (v instanceof String str && isTemplate(str)) {
                    templateSyntax(str, kp, "action.repeat.template_invalid", r);
                } else if (v instanceof List<?>) {
                    templateComplex(v, kp, "action.repeat.template_invalid", r);
                } else {
                    r.error(kp, "action.repeat.for_each_invalid", "template value does not contain a dynamic template",
                            "for_each takes a list or a template that renders one");
                }
            } else if ("while".equals(key) || "until".equals(key)) {
                kinds++;
                conditions(v, kp, r);
            } else if ("sequence".equals(key)) {
                script(v, kp, r);
            } else {
                r.error(kp, "action.repeat.unknown_key", "extra keys not allowed",
                        "repeat: takes count, for_each, while, until and sequence");
            }
        }
        if (kinds > 1) {
            r.error(rp, "action.repeat.kind_exclusive", "two or more values in the same group of exclusion 'repeat'",
                    "Use exactly one of count, for_each, while, until");
        } else if (kinds == 0) {
            r.error(rp, "action.repeat.kind_required", "must contain at least one of count, for_each, while, until.",
                    "Add count:, for_each:, while: or until:");
        }
        if (!m.containsKey("sequence")) {
            r.error(P.key(rp, "sequence"), "action.repeat.sequence_required", "required key not provided",
                    "Add sequence: with the steps to repeat");
        }
    }

    private void choose(Map<?, ?> s, P p, Run r) {
        stepKeys(s, p, "action.choose", r, "choose", "default");
        Object options = s.get("choose");
        P cp = P.key(p, "choose");
        forEachListed(options, cp, (option, op) -> {
            if (option instanceof HaTag) {
                return;
            }
            if (!(option instanceof Map<?, ?> o)) {
                r.error(op, "action.choose.option_invalid", "expected a dictionary",
                        "Each choose option is {conditions: ..., sequence: ...}");
                return;
            }
            for (Map.Entry<?, ?> e : o.entrySet()) {
                Object key = e.getKey();
                P kp = P.key(op, pyStr(key));
                if ("alias".equals(key)) {
                    string(e.getValue(), kp, "action.choose.alias_invalid", r);
                } else if ("conditions".equals(key)) {
                    conditions(e.getValue(), kp, r);
                } else if ("sequence".equals(key)) {
                    script(e.getValue(), kp, r);
                } else {
                    r.error(kp, "action.choose.unknown_key", "extra keys not allowed",
                            "A choose option only takes alias, conditions and sequence"
                                    + ("condition".equals(key) ? " (did you mean conditions?)" : ""));
                }
            }
            if (!o.containsKey("conditions")) {
                r.error(P.key(op, "conditions"), "action.choose.conditions_required", "required key not provided",
                        "Add conditions: to the option (use [] to always match)");
            }
            if (!o.containsKey("sequence")) {
                r.error(P.key(op, "sequence"), "action.choose.sequence_required", "required key not provided",
                        "Add sequence: with the steps of this option");
            }
        });
        if (s.containsKey("default")) {
            script(s.get("default"), P.key(p, "default"), r);
        }
    }

    // ==============================================================================================================
    // Value validators (cv.*)

    /** cv.string: any scalar except None; lists and dicts are refused. */
    private static boolean string(Object v, P p, String rule, Run r) {
        if (v instanceof HaTag) {
            return true;
        }
        if (v == null) {
            r.error(p, rule, "string value is None", "Give a text value");
            return false;
        }
        if (v instanceof List<?> || v instanceof Map<?, ?>) {
            r.error(p, rule, "value should be a string", "Give a single text value");
            return false;
        }
        return true;
    }

    /** Python's {@code str} type check (no conversion). */
    private static void strictString(Object v, P p, String rule, Run r) {
        if (!(v instanceof String) && !(v instanceof HaTag)) {
            r.error(p, rule, "expected str", "Quote the value so it is a string");
        }
    }

    /** cv.boolean. */
    private static void bool(Object v, P p, String rule, Run r) {
        if (v instanceof Boolean || v instanceof Number || v instanceof HaTag) {
            return;
        }
        if (v instanceof String s) {
            String l = lower(s).strip();
            if (BOOLEAN_WORDS.contains(l)) {
                return;
            }
        }
        r.error(p, rule, "invalid boolean value " + pyStr(v), "Use true or false");
    }

    /** {@code vol.Any(cv.boolean, cv.template)}: any scalar. */
    private static void enabled(Object v, P p, String rule, Run r) {
        if (v == null || v instanceof List<?> || v instanceof Map<?, ?>) {
            r.error(p, rule, "invalid boolean value " + pyStr(v), "Use true, false or a template");
        } else if (v instanceof String s && isTemplate(s)) {
            templateSyntax(s, p, rule, r);
        }
    }

    /** cv.template: any scalar (a static value is a static template); template strings are syntax-checked. */
    private static boolean template(Object v, P p, String rule, Run r) {
        if (v instanceof HaTag) {
            return true;
        }
        if (v == null) {
            r.error(p, rule, "template value is None", "Give a template, e.g. \"{{ is_state('sun.sun', 'below_horizon') }}\"");
            return false;
        }
        if (v instanceof List<?> || v instanceof Map<?, ?>) {
            r.error(p, rule, "template value should be a string", "Give the template as one string");
            return false;
        }
        if (v instanceof String s && isTemplate(s)) {
            return templateSyntax(s, p, rule, r);
        }
        return true;
    }

    private static boolean templateSyntax(String s, P p, String rule, Run r) {
        String problem = HaValues.templateError(s);
        if (problem != null) {
            r.error(p, rule.endsWith("_invalid") || rule.endsWith(".invalid") ? rule : rule + "_invalid",
                    "invalid template (" + problem + ")",
                    "Close every {{ with }}, {% with %} and every {% if/for %} block with its {% end… %}");
            return false;
        }
        return true;
    }

    /** cv.template_complex: every template string inside lists and mappings (keys too) is checked. */
    private static void templateComplex(Object v, P p, String rule, Run r) {
        if (v instanceof String s) {
            if (isTemplate(s)) {
                templateSyntax(s, p, rule, r);
            }
        } else if (v instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                templateComplex(list.get(i), P.index(p, i), rule, r);
            }
        } else if (v instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                P kp = P.key(p, pyStr(e.getKey()));
                if (e.getKey() instanceof String k && isTemplate(k)) {
                    templateSyntax(k, kp, rule, r);
                }
                templateComplex(e.getValue(), kp, rule, r);
            }
        }
    }

    /** SCRIPT_VARIABLES_SCHEMA: a mapping with string keys, values template_complex. */
    private static void variables(Object v, P p, String rule, Run r) {
        if (v instanceof HaTag) {
            return;
        }
        if (!(v instanceof Map<?, ?> m)) {
            r.error(p, rule, "expected a dictionary", "variables: is a mapping of name: value");
            return;
        }
        for (Map.Entry<?, ?> e : m.entrySet()) {
            P kp = P.key(p, pyStr(e.getKey()));
            if (!(e.getKey() instanceof String)) {
                r.error(kp, rule, "extra keys not allowed", "Variable names are strings");
            } else {
                templateComplex(e.getValue(), kp, rule, r);
            }
        }
    }

    /** A literal choice (vol.Any of literals); {@code lowerFirst} applies vol.Lower (str(v).lower()) first. */
    private static void literal(Object v, P p, String rule, List<String> choices, boolean lowerFirst, String hint, Run r) {
        if (v instanceof HaTag) {
            return;
        }
        Object candidate = lowerFirst ? lower(pyStr(v)) : v;
        if (!choices.contains(candidate)) {
            r.error(p, rule, "not a valid value", hint);
        }
    }

    /** A value or list of values (cv.ensure_list), each passed to the callback with its path. */
    private static void forEachListed(Object v, P p, Item each) {
        if (v instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                each.accept(list.get(i), P.index(p, i));
            }
        } else if (v != null) {
            each.accept(v, p);
        }
    }

    @FunctionalInterface
    private interface Item {
        void accept(Object value, P path);
    }

    private static void stringList(Object v, P p, String rule, Run r) {
        if (v == null) {
            return; // ensure_list(None) == []
        }
        forEachListed(v, p, (item, ip) -> string(item, ip, rule, r));
    }

    /** cv.entity_ids / cv.entity_ids_or_uuids. */
    private static void entityIds(Object v, P p, boolean allowUuid, String rule, Run r) {
        if (v instanceof HaTag) {
            return;
        }
        if (v == null) {
            r.error(p, rule, "Entity IDs cannot be None", HINT_ENTITY);
            return;
        }
        if (v instanceof String s) {
            for (String part : s.split(",", -1)) {
                checkEntity(part.strip(), p, allowUuid, rule, r);
            }
            return;
        }
        if (v instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                Object item = list.get(i);
                P ip = P.index(p, i);
                if (item instanceof HaTag) {
                    continue;
                }
                if (item == null || item instanceof List<?> || item instanceof Map<?, ?>) {
                    r.error(ip, rule, item == null ? "string value is None" : "value should be a string", HINT_ENTITY);
                } else {
                    checkEntity(pyStr(item), ip, allowUuid, rule, r);
                }
            }
            return;
        }
        r.error(p, rule, "Entity " + pyStr(v) + " is neither a valid entity ID nor a valid UUID",
                "Give one entity id, a comma-separated string or a list of entity ids");
    }

    private static void checkEntity(String s, P p, boolean allowUuid, String rule, Run r) {
        if (isValidEntityId(lower(s)) || (allowUuid && isFakeUuid(s))) {
            return;
        }
        String hint = isTemplate(s) ? "Templates are not allowed here; list entity ids, or use a template trigger or"
                + " condition" : HINT_ENTITY;
        r.error(p, rule, allowUuid ? "Entity " + s + " is neither a valid entity ID nor a valid UUID"
                : "Entity ID " + s + " is an invalid entity ID", hint);
    }

    /** cv.entity_id: one entity id (lowercased before the check). */
    private static void entityId(Object v, P p, String rule, Run r) {
        if (v instanceof HaTag) {
            return;
        }
        if (!string(v, p, rule, r)) {
            return;
        }
        if (!isValidEntityId(lower(pyStr(v)))) {
            r.error(p, rule, "Entity ID " + pyStr(v) + " is an invalid entity ID", HINT_ENTITY);
        }
    }

    /** cv.entity_domain(domains): exactly one entity id of one of the domains. */
    private static void entityDomain(Object v, P p, List<String> domains, String rule, Run r) {
        if (v instanceof HaTag) {
            return;
        }
        String problem = entityDomainProblem(v, domains);
        if (problem != null) {
            r.error(p, rule, problem, "Use one entity id of domain " + String.join(" or ", domains)
                    + ", e.g. " + domains.get(0) + ".example");
        }
    }

    private static String entityDomainProblem(Object v, List<String> domains) {
        if (v == null) {
            return "Entity IDs cannot be None";
        }
        List<String> ids = new ArrayList<>();
        if (v instanceof String s) {
            for (String part : s.split(",", -1)) {
                ids.add(part.strip());
            }
        } else if (v instanceof List<?> list) {
            for (Object item : list) {
                ids.add(pyStr(item));
            }
        } else {
            ids.add(pyStr(v));
        }
        String domainText = domains.size() == 1 ? domains.get(0) : pyList(domains);
        for (String id : ids) {
            String l = lower(id);
            if (!isValidEntityId(l)) {
                return "Entity ID " + id + " is an invalid entity ID";
            }
            if (!domains.contains(l.substring(0, l.indexOf('.')))) {
                return "Entity ID '" + l + "' does not belong to domain '" + domainText + "'";
            }
        }
        if (ids.size() != 1) {
            return "Expected exactly 1 entity, got " + ids.size();
        }
        return null;
    }

    /**
     * cv.time_period / cv.positive_time_period_template. {@code positive}: negative periods are refused;
     * {@code templates}: template strings and templated mappings are accepted.
     */
    private static void timePeriod(Object v, P p, String rule, boolean positive, boolean templates, Run r) {
        if (v instanceof HaTag) {
            return;
        }
        if (templates && v instanceof String s && isTemplate(s)) {
            templateSyntax(s, p, rule, r);
            return;
        }
        if (templates && v instanceof Map<?, ?> m && hasTemplate(m)) {
            // _positive_time_period_template_complex
            if (m.isEmpty()) {
                r.error(p, rule, "template should be a dict", HINT_PERIOD);
            }
            for (Map.Entry<?, ?> e : m.entrySet()) {
                P kp = P.key(p, pyStr(e.getKey()));
                if (!(e.getKey() instanceof String k)) {
                    r.error(kp, rule, "key should be a string", HINT_PERIOD);
                    continue;
                }
                if (!isTemplate(k) && !HaValues.TIME_PERIOD_KEYS.contains(k)) {
                    r.error(kp, rule, "value must be one of " + pyList(HaValues.TIME_PERIOD_KEYS), HINT_PERIOD);
                }
                Object element = e.getValue();
                if (element instanceof String es && isTemplate(es)) {
                    templateSyntax(es, kp, rule, r);
                } else if (!(element instanceof HaTag)) {
                    Double d = coerceFloat(element);
                    if (d == null) {
                        r.error(kp, rule, "expected float", HINT_PERIOD);
                    } else if (d < 0) {
                        r.error(kp, rule, "value must be at least 0", "Durations cannot be negative");
                    }
                }
            }
            return;
        }
        String problem = timePeriodProblem(v, positive);
        if (problem != null) {
            String hint = HINT_PERIOD;
            if (problem.equals("Time period should be positive")) {
                hint = "Durations cannot be negative; use a positive period such as \"00:00:05\"";
            }
            r.error(p, positive && problem.equals("Time period should be positive") ? negativeRule(rule) : rule, problem, hint);
        }
    }

    private static String negativeRule(String rule) {
        int dot = rule.lastIndexOf('.');
        String base = rule.substring(0, dot);
        String last = rule.substring(dot + 1);
        if (last.equals("invalid")) {
            return base + ".negative";
        }
        return base + "." + (last.endsWith("_invalid") ? last.substring(0, last.length() - "_invalid".length()) : last)
                + "_negative";
    }

    private static boolean hasTemplate(Map<?, ?> m) {
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if ((e.getKey() instanceof String k && isTemplate(k)) || (e.getValue() instanceof String v && isTemplate(v))) {
                return true;
            }
        }
        return false;
    }

    /** Null when {@code v} is a valid (non-template) time period, else HA's message. */
    private static String timePeriodProblem(Object v, boolean positive) {
        double seconds;
        if (v instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                return "must contain at least one of days, hours, minutes, seconds, milliseconds.";
            }
            seconds = 0;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getKey() instanceof String k) || !HaValues.TIME_PERIOD_KEYS.contains(k)) {
                    return "extra keys not allowed";
                }
                if (e.getValue() instanceof HaTag) {
                    continue;
                }
                Double d = coerceFloat(e.getValue());
                if (d == null || !Double.isFinite(d)) {
                    return "expected float";
                }
                seconds += d * HaValues.timePeriodFactor(k);
            }
        } else {
            Double d = HaValues.timePeriodScalar(v);
            if (d == null) {
                return String.format(HaValues.TIME_PERIOD_ERROR, pyStr(v));
            }
            seconds = d;
        }
        if (positive && seconds < 0) {
            return "Time period should be positive";
        }
        return null;
    }

    // ==============================================================================================================
    // Key checks

    private static void keys(Map<?, ?> m, P p, String prefix, Run r, String... platformKeys) {
        extraKeys(m, p, prefix + ".extra_key", TRIGGER_BASE, platformKeys, r);
    }

    private static void keysC(Map<?, ?> m, P p, String prefix, Run r, String... typeKeys) {
        extraKeys(m, p, prefix + ".extra_key", CONDITION_BASE, typeKeys, r);
    }

    private static void stepKeys(Map<?, ?> m, P p, String prefix, Run r, String... typeKeys) {
        actionBase(m, p, r);
        extraKeys(m, p, prefix + ".extra_key", ACTION_BASE, typeKeys, r);
    }

    private static void extraKeys(Map<?, ?> m, P p, String rule, Set<String> base, String[] specific, Run r) {
        for (Object k : m.keySet()) {
            if (k instanceof String key && (base.contains(key) || contains(specific, key))) {
                continue;
            }
            String key = pyStr(k);
            Set<String> allowed = new LinkedHashSet<>(List.of(specific));
            allowed.addAll(base);
            r.error(P.key(p, key), rule, "extra keys not allowed",
                    "Remove '" + key + "'" + suggestion(key, allowed) + "; allowed here: " + String.join(", ", allowed)
                            + (rule.startsWith("action.service") ? " (service fields belong under data:)" : ""));
        }
    }

    private static boolean contains(String[] keys, String key) {
        for (String k : keys) {
            if (k.equals(key)) {
                return true;
            }
        }
        return false;
    }

    private static boolean onlyKeys(Map<?, ?> m, String main, String... others) {
        for (Object k : m.keySet()) {
            if (!main.equals(k) && !contains(others, String.valueOf(k))) {
                return false;
            }
        }
        return true;
    }

    private static boolean require(Map<?, ?> m, String key, P p, String rule, String hint, Run r) {
        if (m.containsKey(key)) {
            return true;
        }
        r.error(P.key(p, key), rule, "required key not provided", hint);
        return false;
    }

    private static boolean requireC(Map<?, ?> m, String key, P p, String rule, String hint, Run r) {
        return require(m, key, p, rule, hint, r);
    }

    private static String suggestion(String key, Iterable<String> candidates) {
        String near = nearest(key, candidates);
        return near == null ? "" : " (did you mean '" + near + "'?)";
    }

    /** A candidate at edit distance 1–2 from {@code key}, or null. */
    private static String nearest(String key, Iterable<String> candidates) {
        String best = null;
        int bestDistance = 3;
        for (String c : candidates) {
            if (c.equals(key) || Math.abs(c.length() - key.length()) > 2) {
                continue;
            }
            int d = editDistance(key, c);
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best;
    }

    /** Levenshtein distance (insert, delete, substitute), for "did you mean" hints. */
    public static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static String pyList(List<String> values) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append('\'').append(values.get(i)).append('\'');
        }
        return sb.append(']').toString();
    }

    // ==============================================================================================================
    // Paths

    /** A path element: a key or a list index below a parent. Strings are only built for findings. */
    private static final class P {
        final P parent;
        final String key;
        final int index;

        private P(P parent, String key, int index) {
            this.parent = parent;
            this.key = key;
            this.index = index;
        }

        static P key(P parent, String key) {
            return new P(parent, key, -1);
        }

        static P index(P parent, int index) {
            return new P(parent, null, index);
        }

        static String render(P p) {
            if (p == null) {
                return "";
            }
            StringBuilder sb = new StringBuilder();
            append(p, sb);
            return sb.toString();
        }

        private static void append(P p, StringBuilder sb) {
            if (p.parent != null) {
                append(p.parent, sb);
            }
            if (p.key != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(p.key);
            } else {
                sb.append('[').append(p.index).append(']');
            }
        }
    }

    /** Splits {@code actions[1].target.entity_id} into its keys and indexes. */
    static List<Object> segments(String path) {
        List<Object> out = new ArrayList<>();
        int i = 0;
        int n = path.length();
        while (i < n) {
            char c = path.charAt(i);
            if (c == '.') {
                i++;
            } else if (c == '[') {
                int close = path.indexOf(']', i);
                out.add(Integer.parseInt(path.substring(i + 1, close)));
                i = close + 1;
            } else {
                int j = i;
                while (j < n && path.charAt(j) != '.' && path.charAt(j) != '[') {
                    j++;
                }
                out.add(path.substring(i, j));
                i = j;
            }
        }
        return out;
    }

    private static String rootSegment(String path) {
        int end = 0;
        while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
            end++;
        }
        return path.substring(0, end);
    }

    /** The finding's path in voluptuous' notation ({@code ['actions'][1]['target']}), as HA would report it. */
    static String haPath(SchemaFinding f) {
        String rule = f.rule();
        if (rule.equals("automation.both_keys") || rule.equals("trigger.unknown_platform")
                || rule.equals("condition.unknown_type")) {
            return ""; // raised without a path
        }
        List<Object> segments = segments(f.path());
        if (!segments.isEmpty() && segments.get(0) instanceof String root) {
            switch (root) {
                case "trigger" -> segments.set(0, "triggers");
                case "condition" -> segments.set(0, "conditions");
                case "action" -> segments.set(0, "actions");
                default -> {
                }
            }
        }
        int from = 0;
        if (isDeferredTriggerRule(rule)) {
            from = afterElement(segments, Set.of("triggers", "trigger", "wait_for_trigger"));
        } else if (isDeferredConditionRule(rule)) {
            from = afterElement(segments, Set.of("conditions", "condition", "if", "while", "until", "and", "or", "not"));
        }
        String last = segments.isEmpty() ? null : String.valueOf(segments.get(segments.size() - 1));
        String group = switch (rule) {
            case "trigger.state.from_exclusive" -> "from";
            case "trigger.state.to_exclusive" -> "to";
            case "action.service.name_exclusive" -> "service name";
            case "action.stop.error_or_response_exclusive" -> "error_or_response";
            default -> null;
        };
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < segments.size(); i++) {
            Object s = segments.get(i);
            if (group != null && i == segments.size() - 1 && last != null) {
                sb.append("[<").append(group).append(">]");
            } else if (s instanceof Integer idx) {
                sb.append('[').append(idx).append(']');
            } else if (i == segments.size() - 1 && "trigger".equals(s) && rule.equals("trigger.base.platform_not_string")) {
                sb.append("['platform']"); // trigger is renamed to platform before TRIGGER_BASE_SCHEMA
            } else if (i == segments.size() - 1 && "service".equals(s) && rule.startsWith("action.service")) {
                sb.append("['action']"); // service is renamed to action before validation
            } else {
                sb.append("['").append(s).append("']");
            }
        }
        return sb.toString();
    }

    /** Index just after the deepest list element of one of the container keys (the item the error is relative to). */
    private static int afterElement(List<Object> segments, Set<String> containers) {
        int from = 0;
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i) instanceof String s && containers.contains(s)) {
                if (i + 1 < segments.size() && segments.get(i + 1) instanceof Integer) {
                    from = i + 2;
                } else if (!s.equals("condition") && !s.equals("and") && !s.equals("or") && !s.equals("not")) {
                    from = i + 1;
                }
            }
        }
        return from;
    }

    // ==============================================================================================================
    // Findings of one validation run

    private static final class Run {
        private List<SchemaFinding> findings;

        void error(P p, String rule, String message, String hint) {
            add(new SchemaFinding(P.render(p), rule, Severity.ERROR, message, hint));
        }

        void warning(P p, String rule, String message, String hint) {
            add(new SchemaFinding(P.render(p), rule, Severity.WARNING, message, hint));
        }

        void info(P p, String rule, String message, String hint) {
            add(new SchemaFinding(P.render(p), rule, Severity.INFO, message, hint));
        }

        private void add(SchemaFinding f) {
            if (findings == null) {
                findings = new ArrayList<>(4);
            }
            findings.add(f);
        }

        List<SchemaFinding> sorted() {
            if (findings == null) {
                return List.of();
            }
            List<SchemaFinding> out = new ArrayList<>(findings);
            out.sort((a, b) -> Integer.compare(stageOf(a).ordinal(), stageOf(b).ordinal())); // stable
            return Collections.unmodifiableList(out);
        }
    }
}
