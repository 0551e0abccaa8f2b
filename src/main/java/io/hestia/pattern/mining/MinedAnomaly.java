package io.hestia.pattern.mining;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An unusual episode of one entity.
 *
 * @param id          stable id from kind, entity and the episode's local start day ({@link StableIds})
 * @param kind        {@code unusual_gap}, {@code daily_count}, {@code unusual_hour}, {@code stuck_on} or
 *                    {@code silent}
 * @param entityId    the entity
 * @param severity    0..1 (how far from the norm)
 * @param startMs     episode start
 * @param endMs       episode end (exclusive)
 * @param details     kind-specific figures, snake_case keys (observed, expected, robust_z, usual_hours, ...)
 * @param samples     up to 10 event times that show it
 * @param explanation one plain sentence
 */
public record MinedAnomaly(String id, String kind, String entityId, double severity, long startMs, long endMs,
                           Map<String, Object> details, List<Long> samples, String explanation) {
    public MinedAnomaly {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(entityId, "entityId");
        details = Map.copyOf(details);
        samples = List.copyOf(samples);
        Objects.requireNonNull(explanation, "explanation");
    }
}
