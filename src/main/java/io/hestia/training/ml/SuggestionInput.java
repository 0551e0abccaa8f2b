package io.hestia.training.ml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import io.hestia.platform.Json;
import io.hestia.store.SuggestionStore.SuggestionRow;

/**
 * A suggestion as the ranker sees it.
 *
 * @param category      energy, comfort, security or convenience
 * @param source        pattern, synergy or query
 * @param sourceType    time_of_day, co_occurrence, device_pair, device_chain, automation
 * @param priority      high, medium or low
 * @param confidence    the suggestion's confidence, 0..1
 * @param safetyScore   the validator's safety score, 0..100
 * @param entityCount   entities the automation reads or acts on
 * @param actionDomain  domain of the first action's first target entity (else of its service), or null
 * @param hasConditions the automation has conditions
 * @param triggerKind   the first trigger's kind ({@code trigger}, or the old {@code platform}: time, state, sun, ...),
 *                      or null
 * @param triggerHour   the hour (0..23) of a time trigger's {@code at}, or -1
 */
public record SuggestionInput(String category, String source, String sourceType, String priority, double confidence,
                              int safetyScore, int entityCount, String actionDomain, boolean hasConditions,
                              String triggerKind, int triggerHour) {

    /** A stored suggestion: its columns, and its {@code entity_ids} and {@code automation} JSON. */
    public static SuggestionInput of(SuggestionRow row) {
        try {
            List<?> ids = row.entityIds() == null ? List.of() : Json.mapper().readValue(row.entityIds(), List.class);
            Map<?, ?> automation = row.automation() == null ? Map.of()
                    : Json.mapper().readValue(row.automation(), Map.class);
            return of(row.category(), row.source(), row.sourceType(), row.priority(), row.confidence(),
                    row.safetyScore(), ids.size(), automation);
        } catch (IOException e) {
            throw new UncheckedIOException("suggestion " + row.suggestionId() + " has unreadable JSON", e);
        }
    }

    /** From a suggestion's parts and its automation (HA's modern or old schema). */
    public static SuggestionInput of(String category, String source, String sourceType, String priority,
                                     double confidence, int safetyScore, int entityCount, Map<?, ?> automation) {
        Map<?, ?> trigger = first(automation, "triggers", "trigger");
        Map<?, ?> action = first(automation, "actions", "action");
        String kind = trigger == null ? null : text(trigger.get("trigger") != null ? trigger.get("trigger")
                : trigger.get("platform"));
        int hour = -1;
        if ("time".equals(kind) && trigger.get("at") instanceof String at && at.matches("\\d{1,2}:\\d{2}.*")) {
            hour = Integer.parseInt(at.substring(0, at.indexOf(':'))) % 24;
        }
        Object conditions = automation.get("conditions") != null ? automation.get("conditions")
                : automation.get("condition");
        boolean hasConditions = conditions instanceof List<?> l ? !l.isEmpty() : conditions != null;
        return new SuggestionInput(category, source, sourceType, priority, confidence, safetyScore, entityCount,
                actionDomain(action), hasConditions, kind, hour);
    }

    private static String actionDomain(Map<?, ?> action) {
        if (action == null) {
            return null;
        }
        if (action.get("target") instanceof Map<?, ?> target) {
            Object e = target.get("entity_id");
            String id = e instanceof List<?> l && !l.isEmpty() ? text(l.get(0)) : text(e);
            if (id != null && id.indexOf('.') > 0) {
                return id.substring(0, id.indexOf('.'));
            }
        }
        String service = text(action.get("action") != null ? action.get("action") : action.get("service"));
        return service == null || service.indexOf('.') < 0 ? null : service.substring(0, service.indexOf('.'));
    }

    private static Map<?, ?> first(Map<?, ?> automation, String modern, String old) {
        Object v = automation.get(modern) != null ? automation.get(modern) : automation.get(old);
        if (v instanceof List<?> l) {
            v = l.isEmpty() ? null : l.get(0);
        }
        return v instanceof Map<?, ?> m ? m : null;
    }

    private static String text(Object o) {
        return o == null ? null : o.toString();
    }
}
