package io.hestia.pattern.mining;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A device pair or chain that would make a good automation.
 *
 * @param id                  stable id from type and the ordered entity list ({@link StableIds})
 * @param type                {@code device_pair} or {@code device_chain}
 * @param entityIds           trigger first, then each action in order; no entity twice
 * @param depth               number of entities (2, 3 or 4)
 * @param area                common area id, or null when the entities span areas
 * @param impact              0..1, the rule's benefit after its complexity penalty
 * @param confidence          0..1, raised by observed co-occurrence
 * @param complexity          low, medium or high
 * @param rule                the rule(s) that matched, e.g. {@code motion->light}
 * @param details             figures (benefit, observed support, confidence P(B|A), lift, median lag, ...)
 * @param supportingPatternIds ids of co-occurrence patterns that back it
 * @param samples             up to 10 times the trigger was followed by the action
 * @param explanation         one plain sentence
 */
public record MinedSynergy(String id, String type, List<String> entityIds, int depth, String area, double impact,
                           double confidence, String complexity, String rule, Map<String, Object> details,
                           List<String> supportingPatternIds, List<Long> samples, String explanation) {
    public static final String PAIR = "device_pair";
    public static final String CHAIN = "device_chain";

    public MinedSynergy {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        entityIds = List.copyOf(entityIds);
        details = Map.copyOf(details);
        supportingPatternIds = List.copyOf(supportingPatternIds);
        samples = List.copyOf(samples);
        Objects.requireNonNull(explanation, "explanation");
    }
}
