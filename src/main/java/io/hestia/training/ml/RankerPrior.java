package io.hestia.training.ml;

import java.util.Map;

/**
 * The ranker's answer while approve/reject labels are few.
 *
 * <p>Prior: {@code confidence × category weight}, clamped to 0..1, with weights security 1.0, energy 0.95,
 * comfort 0.9, convenience 0.85, anything else 0.8 (a missed security or energy automation costs more than a
 * convenience one), times 0.5 when the safety score is below {@link #SAFE_SCORE}.
 *
 * <p>Blend: {@code w × model + (1 − w) × prior}, {@code w = n / (n + K)} with n the labels the model was trained on
 * and {@link #K} = 20: the prior alone without labels, half and half at 20 labels, the model's answer as labels grow.
 */
public final class RankerPrior {

    public static final int K = 20;
    public static final int SAFE_SCORE = 60;
    public static final Map<String, Double> CATEGORY_WEIGHTS = Map.of("security", 1.0, "energy", 0.95,
            "comfort", 0.9, "convenience", 0.85);
    public static final double OTHER_WEIGHT = 0.8;

    private RankerPrior() {
    }

    public static double prior(SuggestionInput s) {
        double weight = s.category() == null ? OTHER_WEIGHT : CATEGORY_WEIGHTS.getOrDefault(s.category(), OTHER_WEIGHT);
        double confidence = Double.isFinite(s.confidence()) ? s.confidence() : 0;
        double p = confidence * weight;
        if (s.safetyScore() < SAFE_SCORE) {
            p *= 0.5;
        }
        return Math.max(0, Math.min(1, p));
    }

    /** The model's weight after {@code labelCount} labels, {@code n / (n + K)}. */
    public static double modelWeight(int labelCount) {
        if (labelCount < 0) {
            throw new IllegalArgumentException("labelCount must be >= 0, was " + labelCount);
        }
        return labelCount / (double) (labelCount + K);
    }

    /** The served score; {@code modelProbability} may be NaN when there is no model (the prior answers). */
    public static double blend(double modelProbability, double prior, int labelCount) {
        double w = modelWeight(labelCount);
        if (Double.isNaN(modelProbability) || w == 0) {
            return prior;
        }
        return w * modelProbability + (1 - w) * prior;
    }
}
