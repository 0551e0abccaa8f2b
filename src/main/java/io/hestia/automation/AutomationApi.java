package io.hestia.automation;

import static io.hestia.platform.QueryParams.intParam;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.hestia.automation.validate.SafetyLevel;
import io.hestia.automation.validate.ValidationReport;
import io.hestia.ha.schema.HaYaml;
import io.hestia.platform.InvalidInputException;
import io.hestia.platform.Json;
import io.hestia.platform.JsonBody;
import io.hestia.store.AutomationStore.AutomationRow;
import io.hestia.store.AutomationStore.Version;
import io.hestia.store.SuggestionStore.SuggestionRow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Request mapping of the automation service's REST API: reads and checks parameters (400 naming the field), calls
 * {@link SuggestionService} and {@link AutomationService}, and builds the JSON views. No Camel types.
 */
public final class AutomationApi {

    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };
    static final int MAX_LIMIT = 500;
    static final int MAX_NAME = 255;
    static final java.util.Set<String> CATEGORIES = java.util.Set.of("energy", "comfort", "security", "convenience");

    private final SuggestionService suggestions;
    private final AutomationService automations;

    public AutomationApi(SuggestionService suggestions, AutomationService automations) {
        this.suggestions = suggestions;
        this.automations = automations;
    }

    // ---- suggestions ----

    public Map<String, Object> generate(String body) {
        JsonNode json = body == null || body.isBlank() ? Json.mapper().createObjectNode() : JsonBody.object(body);
        int limit = intField(json, "limit", 10, 1, 100);
        double minConfidence = numberField(json, "min_confidence", 0.5, 0, 1);
        SuggestionService.Generated g = suggestions.generate(limit, minConfidence);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("created", g.created().size());
        out.put("considered", g.considered());
        out.put("skipped", g.skipped());
        out.put("notes", g.notes());
        List<Map<String, Object>> views = new ArrayList<>();
        g.created().forEach(s -> views.add(suggestion(s, null)));
        out.put("suggestions", views);
        return out;
    }

    public Map<String, Object> fromQuery(String body) {
        JsonNode json = JsonBody.object(body);
        JsonNode id = json.get("query_id");
        if (id == null || !id.isTextual() || id.asText().isBlank()) {
            throw InvalidInputException.of("query_id", "is required: the id of a query with an automation draft");
        }
        return suggestion(suggestions.fromQuery(id.asText()), null);
    }

    public Map<String, Object> listSuggestions(String status, String category, String limit, String offset) {
        if (status != null && !status.isBlank() && !SuggestionService.STATUSES.contains(status)) {
            throw InvalidInputException.of("status", "must be one of " + new java.util.TreeSet<>(
                    SuggestionService.STATUSES) + ", was " + status);
        }
        if (category != null && !category.isBlank() && !CATEGORIES.contains(category)) {
            throw InvalidInputException.of("category", "must be one of " + new java.util.TreeSet<>(CATEGORIES)
                    + ", was " + category);
        }
        int lim = intParam("limit", limit, 50, 1, MAX_LIMIT);
        int off = intParam("offset", offset, 0, 0, Integer.MAX_VALUE);
        List<Map<String, Object>> views = new ArrayList<>();
        for (SuggestionRow s : suggestions.list(blankToNull(status), blankToNull(category), lim, off)) {
            views.add(suggestion(s, null));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("suggestions", views);
        out.put("count", views.size());
        out.put("counts", suggestions.counts());
        return out;
    }

    /** One suggestion with its YAML and a validation report against the home as it is now. */
    public Map<String, Object> getSuggestion(String id) {
        SuggestionRow s = suggestions.get(id);
        ValidationReport report = automations.validate(AutomationService.read(s.automation()), null);
        return suggestion(s, report);
    }

    public Map<String, Object> approve(String id, String body) {
        return suggestion(suggestions.approve(id, text(optionalObject(body), "comment")), null);
    }

    public Map<String, Object> reject(String id, String body) {
        return suggestion(suggestions.reject(id, text(optionalObject(body), "reason")), null);
    }

    public Map<String, Object> deploySuggestion(String id, String body) {
        SafetyLevel level = level("safety_level", text(optionalObject(body), "safety_level"));
        return deployed(suggestions.deploy(id, level));
    }

    // ---- automations ----

    /** Deploys raw YAML or JSON (one automation mapping). */
    public Map<String, Object> create(String body, String level) {
        Map<String, Object> automation = parseAutomation(body);
        return deployed(automations.deploy(automation, "api", "deployed through the API", null, level("safety_level", level)));
    }

    public Map<String, Object> listAutomations(String includeDeleted) {
        boolean all = booleanParam("include_deleted", includeDeleted);
        List<Map<String, Object>> views = new ArrayList<>();
        for (AutomationRow a : automations.list(all)) {
            views.add(automation(a));
        }
        return Map.of("automations", views, "count", views.size());
    }

    public Map<String, Object> getAutomation(String id) {
        AutomationRow a = automations.get(id);
        Map<String, Object> out = automation(a);
        automations.latest(id).ifPresent(v -> {
            out.put("config", AutomationService.read(v.config()));
            out.put("yaml", v.yaml());
        });
        return out;
    }

    public Map<String, Object> versions(String id) {
        List<Map<String, Object>> views = new ArrayList<>();
        for (Version v : automations.versions(id)) {
            views.add(version(v));
        }
        return Map.of("automation_id", id, "versions", views);
    }

    public Map<String, Object> rollback(String id, String body) {
        JsonNode json = JsonBody.object(body);
        JsonNode v = json.get("version");
        if (v == null || v.isNull()) {
            throw InvalidInputException.of("version", "is required: a version number (1 or more) of " + id);
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 1) {
            throw InvalidInputException.of("version", "must be a whole number from 1, was " + v);
        }
        return deployed(automations.rollback(id, v.asInt(), text(json, "reason"), level("safety_level", text(json, "safety_level"))));
    }

    public Map<String, Object> enable(String id) {
        return automation(automations.setEnabled(id, true));
    }

    public Map<String, Object> disable(String id) {
        return automation(automations.setEnabled(id, false));
    }

    public Map<String, Object> delete(String id, String reason) {
        Version v = automations.delete(id, reason);
        Map<String, Object> out = automation(automations.get(id));
        out.put("version", version(v));
        return out;
    }

    public Map<String, Object> sync() {
        AutomationService.SyncResult r = automations.sync();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("seen", r.seen());
        out.put("imported", r.imported());
        out.put("changed", r.changed());
        out.put("missing", r.missing());
        out.put("warnings", r.warnings());
        return out;
    }

    // ---- parsing ----

    /** One automation from YAML (1.1, HA's tags) or JSON text. */
    static Map<String, Object> parseAutomation(String body) {
        if (body == null || body.isBlank()) {
            throw InvalidInputException.of("body", "must be one automation as YAML or JSON");
        }
        Object parsed;
        try {
            parsed = HaYaml.load(body);
        } catch (HaYaml.HaYamlException e) {
            throw new InvalidInputException("body: not valid YAML or JSON at line " + e.line() + ", column "
                    + e.column() + ": " + e.getMessage(), List.of(new InvalidInputException.FieldError(null, "body",
                    "not valid YAML at line " + e.line() + ", column " + e.column())));
        }
        if (parsed instanceof List<?> list && list.size() == 1) {
            parsed = list.get(0); // automations.yaml style: a list of one
        }
        if (!(parsed instanceof Map<?, ?>)) {
            throw InvalidInputException.of("body", "must be one automation mapping (with triggers and actions)");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        ((Map<?, ?>) parsed).forEach((k, v) -> out.put(String.valueOf(k), v));
        if (out.containsKey("id") && !(out.get("id") instanceof String)) {
            throw InvalidInputException.of("id", "must be a string (HA refuses numeric ids), was " + out.get("id"));
        }
        // HA derives the entity id from the alias; ids and aliases this long break its URLs (and readers)
        for (String key : List.of("id", "alias")) {
            if (out.get(key) instanceof String text && text.length() > MAX_NAME) {
                throw InvalidInputException.of(key, "must be at most " + MAX_NAME + " characters, was "
                        + text.length());
            }
        }
        return out;
    }

    /** @param field the parameter's name as the caller wrote it ({@code safety_level}, {@code level}) */
    static SafetyLevel level(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return SafetyLevel.parse(value);
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of(field, "must be strict, moderate or permissive, was " + value);
        }
    }

    private static JsonNode optionalObject(String body) {
        return body == null || body.isBlank() ? Json.mapper().createObjectNode() : JsonBody.object(body);
    }

    private static String text(JsonNode json, String field) {
        JsonNode n = json.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw InvalidInputException.of(field, "must be text");
        }
        if (n.asText().length() > 1000) {
            throw InvalidInputException.of(field, "must be at most 1000 characters");
        }
        return n.asText();
    }

    private static int intField(JsonNode json, String field, int dflt, int min, int max) {
        JsonNode n = json.get(field);
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (!n.isIntegralNumber() || n.asLong() < min || n.asLong() > max) {
            throw InvalidInputException.of(field, "must be a whole number from " + min + " to " + max + ", was " + n);
        }
        return n.asInt();
    }

    private static double numberField(JsonNode json, String field, double dflt, double min, double max) {
        JsonNode n = json.get(field);
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (!n.isNumber() || n.asDouble() < min || n.asDouble() > max) {
            throw InvalidInputException.of(field, "must be a number from " + min + " to " + max + ", was " + n);
        }
        return n.asDouble();
    }


    private static boolean booleanParam(String name, String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw InvalidInputException.of(name, "must be true or false, was " + value);
        };
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    // ---- views ----

    static Map<String, Object> suggestion(SuggestionRow s, ValidationReport report) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", s.suggestionId());
        out.put("status", s.status());
        out.put("status_reason", s.statusReason());
        out.put("title", s.title());
        out.put("description", s.description());
        out.put("evidence", s.evidence());
        out.put("category", s.category());
        out.put("priority", s.priority());
        out.put("confidence", s.confidence());
        out.put("safety_score", s.safetyScore());
        out.put("source", Map.of("kind", s.source(), "id", s.sourceId(), "type", s.sourceType()));
        out.put("entity_ids", Json.stored(s.entityIds()));
        out.put("behaviour_key", s.behaviourKey());
        out.put("automation_id", s.automationId());
        out.put("feedback", s.feedbackState());
        Map<String, Object> automation = AutomationService.read(s.automation());
        out.put("automation", automation);
        out.put("yaml", HaYaml.dump(automation));
        if (report != null) {
            out.put("validation", report);
        }
        out.put("created_at", iso(s.createdAt()));
        out.put("updated_at", iso(s.updatedAt()));
        return out;
    }

    static Map<String, Object> automation(AutomationRow a) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", a.automationId());
        out.put("alias", a.alias());
        out.put("entity_id", a.entityId());
        out.put("ha_state", a.haState());
        out.put("enabled", a.enabled());
        out.put("managed", a.managed());
        out.put("suggestion_id", a.suggestionId());
        out.put("current_version", a.currentVersion());
        out.put("deleted", a.deletedAt() != null);
        out.put("created_at", iso(a.createdAt()));
        out.put("updated_at", iso(a.updatedAt()));
        out.put("deleted_at", a.deletedAt() == null ? null : iso(a.deletedAt()));
        return out;
    }

    static Map<String, Object> version(Version v) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", v.version());
        out.put("source", v.source());
        out.put("reason", v.reason());
        out.put("created_at", iso(v.createdAt()));
        out.put("valid", v.valid());
        out.put("safety_score", v.safetyScore());
        out.put("confirmed", v.confirmed());
        out.put("yaml", v.yaml());
        out.put("diff", v.diff());
        out.put("findings", Json.stored(v.findings()));
        return out;
    }

    private static Map<String, Object> deployed(AutomationService.Deployed d) {
        Map<String, Object> out = automation(d.automation());
        out.put("changed", d.changed());
        out.put("confirmed", d.confirmed());
        out.put("ha_state", d.haState());
        out.put("version", version(d.version()));
        out.put("validation", d.report());
        if (!d.confirmed()) {
            out.put("warning", "Home Assistant accepted the automation but did not show its entity "
                    + (d.haState() == null ? "in time" : "as expected (state " + d.haState() + ")"));
        }
        return out;
    }


    private static String iso(long ms) {
        return Instant.ofEpochMilli(ms).toString();
    }
}
