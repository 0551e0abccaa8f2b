package io.hestia.training.ml;

import java.util.List;

/**
 * A suggestion's input as the ranker's vector. Fixed order, see {@link #NAMES}; documented in
 * {@code docs/architecture.md} ("ML features").
 */
public final class SuggestionFeatures {

    public static final List<String> CATEGORIES = List.of("energy", "comfort", "security", "convenience");
    public static final List<String> SOURCES = List.of("pattern", "synergy", "query");
    public static final List<String> SOURCE_TYPES = List.of("time_of_day", "co_occurrence", "device_pair",
            "device_chain", "automation");
    public static final List<String> ACTION_DOMAINS = List.of("light", "switch", "climate", "cover", "lock",
            "media_player", "fan", "notify", "scene", "script");
    public static final List<String> TRIGGER_KINDS = List.of("time", "state", "sun", "numeric_state", "zone",
            "time_pattern");

    /** Feature names in vector order. */
    public static final List<String> NAMES = Features.names(
            Features.oneHotNames("category", CATEGORIES),
            Features.oneHotNames("source", SOURCES),
            Features.oneHotNames("source_type", SOURCE_TYPES),
            List.of("priority_level", "confidence", "safety", "log_entity_count", "has_conditions"),
            Features.oneHotNames("action_domain", ACTION_DOMAINS),
            Features.oneHotNames("trigger_kind", TRIGGER_KINDS),
            List.of("has_trigger_hour", "trigger_hour_sin", "trigger_hour_cos"));

    private SuggestionFeatures() {
    }

    /** high 1, medium 0.5, low 0, anything else 0.5. */
    static double priorityLevel(String priority) {
        return "high".equals(priority) ? 1 : "low".equals(priority) ? 0 : 0.5;
    }

    public static float[] of(SuggestionInput s) {
        boolean hour = s.triggerHour() >= 0;
        double angle = 2 * Math.PI * Math.max(0, s.triggerHour()) / 24;
        return new Features.Cursor(NAMES.size())
                .oneHot(s.category(), CATEGORIES)
                .oneHot(s.source(), SOURCES)
                .oneHot(s.sourceType(), SOURCE_TYPES)
                .add(priorityLevel(s.priority()))
                .add(Features.unit(s.confidence()))
                .add(Features.unit(s.safetyScore() / 100.0))
                .add(Features.log1p(s.entityCount()))
                .flag(s.hasConditions())
                .oneHot(s.actionDomain(), ACTION_DOMAINS)
                .oneHot(s.triggerKind(), TRIGGER_KINDS)
                .flag(hour)
                .add(hour ? Math.sin(angle) : 0)
                .add(hour ? Math.cos(angle) : 0)
                .done();
    }
}
