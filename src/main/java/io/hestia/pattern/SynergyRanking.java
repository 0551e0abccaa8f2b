package io.hestia.pattern;

import java.util.List;
import java.util.Map;

/**
 * Scores a run's synergies with a learnt model (the training service's synergy scorer). An analysis uses a model's
 * score in place of the rule confidence when it ranks synergies; without a model, or when the scorer cannot be
 * reached, the rule confidence ranks as before and the run says so.
 */
@FunctionalInterface
public interface SynergyRanking {

    /** A synergy's score and what made it ({@code synergy_scorer v3}, or {@code heuristic}). */
    record Ranked(double score, String source) {
        public boolean fromModel() {
            return !"heuristic".equals(source);
        }
    }

    /**
     * @param synergies     the run's synergies, as the synergies API shows them
     * @param coOccurrences the run's co-occurrence patterns, as the patterns API shows them
     * @return scores by synergy id
     */
    Map<String, Ranked> rank(List<Map<String, Object>> synergies, List<Map<String, Object>> coOccurrences);
}
