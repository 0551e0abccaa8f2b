package io.hestia.training.ml;

import java.util.Objects;

/** A user's verdict on a synergy: accepted (a good automation) or rejected, with the pair's input when judged. */
public record PairFeedback(PairInput input, boolean accepted) {
    public PairFeedback {
        Objects.requireNonNull(input, "input");
    }
}
