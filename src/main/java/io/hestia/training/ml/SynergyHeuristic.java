package io.hestia.training.ml;

import java.util.Map;
import java.util.Set;

/**
 * The synergy score when no scorer is trained: the pattern service's own rule confidence, a noisy-or of an
 * area-based prior and the observed evidence, {@code 1 - (1 - base) * (1 - evidence)} with {@code base} 0.6 for a
 * same-area pair, 0.4 for a person or device tracker without area (a whole-home trigger), 0.3 otherwise, and
 * {@code evidence = P(B|A) * (1 - 1/lift) * min(1, support / 10)} (0 when not observed or lift ≤ 1): SynergyDetector's
 * defaults, so an item scores what the pattern service already published as its {@code confidence}.
 */
public final class SynergyHeuristic {

    public static final double BASE_SAME_AREA = 0.6;
    public static final double BASE_WHOLE_HOME = 0.4;
    public static final double BASE_CROSS_AREA = 0.3;
    private static final Set<String> WHOLE_HOME = Set.of("person", "device_tracker");

    private SynergyHeuristic() {
    }

    /** A synergy item's published {@code confidence}, or the rule on its pair when it has none. */
    public static double score(Map<String, Object> item, HomeGraph graph) {
        Object c = item.get("confidence");
        return c instanceof Number n ? n.doubleValue() : score(PairInput.fromSynergyItem(item, graph));
    }

    /** The rule on a pair's input. */
    public static double score(PairInput p) {
        double base = p.sameArea() ? BASE_SAME_AREA
                : !p.triggerHasArea() && WHOLE_HOME.contains(p.triggerDomain()) ? BASE_WHOLE_HOME : BASE_CROSS_AREA;
        double evidence = p.observed() ? HomeGraph.evidence(new HomeGraph.Edge("", p.triggerId(), p.actionId(),
                p.support(), p.confidence(), p.lift(), p.medianLagSeconds())) : 0;
        return 1 - (1 - base) * (1 - evidence);
    }
}
