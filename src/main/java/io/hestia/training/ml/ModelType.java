package io.hestia.training.ml;

import java.util.Locale;

/** The models Hestia trains, exports to ONNX and serves. */
public enum ModelType {
    /** A home's device, area and activity mix to its home type (single_family, apartment, ...). */
    HOME_TYPE_CLASSIFIER,
    /** An entity pair's features to the probability that the pair makes a good automation. */
    SYNERGY_SCORER,
    /** A suggestion's features to the probability that the household approves it. */
    SUGGESTION_RANKER;

    /** The API spelling, e.g. {@code home_type_classifier}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the known types */
    public static ModelType fromId(String id) {
        for (ModelType t : values()) {
            if (t.id().equals(id)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown model type '" + id + "' (known: home_type_classifier, "
                + "synergy_scorer, suggestion_ranker)");
    }
}
