package io.hestia.training.ml;

import java.util.List;
import java.util.Map;

/**
 * A trained model exported to ONNX.
 *
 * @param onnx         the ONNX model bytes: input {@code features} float[N, featureNames.size()], output
 *                     probabilities float[N, labels.size()] (see {@link OnnxScorer})
 * @param metrics      on a held-out split: {@code accuracy}, {@code f1} (macro), {@code auc} (binary models), {@code
 *                     loss} (log loss), and {@code train_size}/{@code test_size}
 * @param datasetSize  examples used (train and test)
 * @param algorithm    e.g. "logistic regression (Tribuo LinearSGD, AdaGrad)"
 */
public record TrainedModel(ModelType type, byte[] onnx, Map<String, Double> metrics, int datasetSize,
                           List<String> featureNames, List<String> labels, String algorithm) {
}
