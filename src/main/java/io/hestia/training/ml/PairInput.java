package io.hestia.training.ml;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An ordered entity pair, trigger → action, as the synergy scorer sees it. Build it with {@link HomeGraph#pair}
 * (training, or any pair of a home) or {@link #fromSynergyItem} (a pattern service synergy); both give the same
 * input for the same pair and patterns.
 *
 * @param triggerId          trigger entity id (not a feature)
 * @param actionId           action entity id (not a feature)
 * @param sameArea           both have an area and it is the same
 * @param observed           a directed co-occurrence pattern backs the pair; when false the four figures are 0
 * @param support            occurrences of the strongest pattern (action followed trigger)
 * @param confidence         P(action | trigger) of that pattern
 * @param lift               its lift against chance
 * @param medianLagSeconds   its median lag
 */
public record PairInput(String triggerId, String actionId, String triggerDomain, String triggerDeviceClass,
                        String actionDomain, String actionDeviceClass, boolean sameArea, boolean triggerHasArea,
                        boolean actionHasArea, boolean observed, int support, double confidence, double lift,
                        double medianLagSeconds, HomeGraph.Neighbourhood trigger, HomeGraph.Neighbourhood action) {

    public PairInput {
        Objects.requireNonNull(triggerDomain, "triggerDomain");
        Objects.requireNonNull(actionDomain, "actionDomain");
        trigger = trigger == null ? HomeGraph.Neighbourhood.NONE : trigger;
        action = action == null ? HomeGraph.Neighbourhood.NONE : action;
    }

    /**
     * A pattern service synergy item (the API's shape: {@code entity_ids}, {@code details} with
     * {@code observed_support}, {@code observed_confidence}, {@code lift}, {@code median_lag_seconds} when the pair
     * was observed) and the home graph for the entities' domains, classes, areas and neighbourhoods. For a chain
     * ({@code device_chain}) the first step is taken, without figures (chain items carry none): score chains step by
     * step with {@link HomeGraph#pair} instead.
     */
    @SuppressWarnings("unchecked")
    public static PairInput fromSynergyItem(Map<String, Object> item, HomeGraph graph) {
        List<String> ids = (List<String>) item.get("entity_ids");
        if (ids == null || ids.size() < 2) {
            throw new IllegalArgumentException("a synergy item needs at least two entity_ids, was " + ids);
        }
        Object d = item.get("details");
        Map<String, Object> details = d instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        Object support = details.get("observed_support");
        if (!(support instanceof Number) || ids.size() > 2) {
            return graph.pair(ids.get(0), ids.get(1), false, 0, 0, 0, 0);
        }
        return graph.pair(ids.get(0), ids.get(1), true, ((Number) support).intValue(),
                HomeGraph.number(details.get("observed_confidence")), HomeGraph.number(details.get("lift")),
                HomeGraph.number(details.get("median_lag_seconds")));
    }
}
