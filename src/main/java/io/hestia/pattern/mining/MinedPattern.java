package io.hestia.pattern.mining;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A mined behaviour pattern.
 *
 * @param id          stable id, derived from the type and the natural key (see {@link StableIds}); a rerun that
 *                    finds the same pattern gives the same id
 * @param type        {@code time_of_day} or {@code co_occurrence}
 * @param entityIds   the entity (time of day) or the ordered pair, trigger first (co-occurrence)
 * @param state       the target state (time of day), or the states as {@code "on->on"} (co-occurrence)
 * @param confidence  0..1
 * @param support     how many times it happened (days matched, or A-then-B occurrences)
 * @param firstSeenMs first occurrence
 * @param lastSeenMs  last occurrence
 * @param details     type-specific figures, snake_case keys (e.g. typical_time, spread_minutes, days_matched,
 *                    days_observed, day_mask; lift, median_lag_seconds, lag_spread_seconds)
 * @param samples     up to 10 occurrence times, epoch ms, newest last
 * @param explanation one plain sentence a person can check
 */
public record MinedPattern(String id, String type, List<String> entityIds, String state, double confidence,
                           int support, long firstSeenMs, long lastSeenMs, Map<String, Object> details,
                           List<Long> samples, String explanation) {
    public static final String TIME_OF_DAY = "time_of_day";
    public static final String CO_OCCURRENCE = "co_occurrence";

    public MinedPattern {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        entityIds = List.copyOf(entityIds);
        details = Map.copyOf(details);
        samples = List.copyOf(samples);
        Objects.requireNonNull(explanation, "explanation");
    }
}
