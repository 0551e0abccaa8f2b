package io.hestia.training.ml;

import java.util.List;

/**
 * A training set: one feature vector and one label per example. Feature names give the vector's order, which
 * serving must reproduce exactly; {@code labels} lists the label values in the order the model's probability outputs
 * follow (for binary models {@code ["0", "1"]}, probability of "1" = the positive class).
 *
 * @param weights per-example weights (1 for most; feedback may weigh more), same length as {@code x}
 */
public record LabelledData(List<String> featureNames, List<float[]> x, List<String> y, List<String> labels,
                           List<Float> weights) {

    public LabelledData {
        featureNames = List.copyOf(featureNames);
        x = List.copyOf(x);
        y = List.copyOf(y);
        labels = List.copyOf(labels);
        weights = List.copyOf(weights);
        if (x.size() != y.size() || x.size() != weights.size()) {
            throw new IllegalArgumentException("x, y and weights differ in length: " + x.size() + ", " + y.size()
                    + ", " + weights.size());
        }
        for (float[] row : x) {
            if (row.length != featureNames.size()) {
                throw new IllegalArgumentException("a row has " + row.length + " features, the names "
                        + featureNames.size());
            }
        }
    }

    public int size() {
        return x.size();
    }
}
