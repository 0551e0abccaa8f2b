package io.hestia.training.ml;

import java.util.Objects;

/** A household's verdict on a suggestion: approved (1) or rejected (0). */
public record RankerLabel(SuggestionInput input, boolean approved) {
    public RankerLabel {
        Objects.requireNonNull(input, "input");
    }
}
