package io.hestia.pattern;

import io.hestia.store.MinedItemStore.Posterior;

import java.util.Locale;

/**
 * Ranking scores. Each item has a base score from mining (a pattern's confidence; a synergy's
 * {@code 0.5·impact + 0.5·confidence}; an anomaly's severity). User feedback keeps a Beta(α, β) posterior of "the
 * user wants this" per item (for an anomaly: "it is real, worth flagging") from Beta(1, 1): an acceptance adds its
 * rating's weight to α and the rest to β, a rejection (a false alarm) adds 1 to β; the score moves from the base
 * towards the posterior mean as feedback accumulates:
 * {@code score = (1 − w)·base + w·mean} with {@code w = n / (n + k)} for n feedbacks, capped at {@code maxWeight}.
 */
public final class Scoring {

    private final double k;
    private final double maxWeight;

    public Scoring(double k, double maxWeight) {
        if (k <= 0 || maxWeight < 0 || maxWeight > 1) {
            throw new IllegalArgumentException("k must be > 0 and maxWeight within 0..1");
        }
        this.k = k;
        this.maxWeight = maxWeight;
    }

    public static double synergyBase(double impact, double confidence) {
        return clamp(0.5 * impact + 0.5 * confidence);
    }

    /** How much a feedback counts as success: accepted with rating r of 5 → r/5 (1 without a rating); rejected → 0. */
    public static double success(boolean accepted, Integer rating) {
        if (!accepted) {
            return 0;
        }
        return rating == null ? 1.0 : Math.max(0, Math.min(5, rating)) / 5.0;
    }

    public double weight(Posterior p) {
        int n = p.feedbacks();
        return Math.min(maxWeight, n / (n + k));
    }

    public double score(double base, Posterior p) {
        if (p.feedbacks() == 0) {
            return clamp(base);
        }
        double w = weight(p);
        return clamp((1 - w) * base + w * p.mean());
    }

    /** The sentence that says how feedback moved the score, or null without feedback. */
    public String explain(double base, Posterior p) {
        if (p.feedbacks() == 0) {
            return null;
        }
        double score = score(base, p);
        String verb = score > base + 1e-9 ? "raised" : score < base - 1e-9 ? "lowered" : "kept";
        return String.format(Locale.ROOT, "Your feedback (%d accepted, %d rejected) %s its score from %.2f to %.2f.",
                p.accepted(), p.rejected(), verb, base, score);
    }

    static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
