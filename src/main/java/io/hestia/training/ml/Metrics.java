package io.hestia.training.ml;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Held-out metrics from predicted probabilities: {@code accuracy}, {@code f1} (macro over the labels that occur in
 * the truth or the predictions), {@code loss} (mean log loss, probabilities clipped to [1e-15, 1]) and, for two
 * labels, {@code auc} of the second label (the positive class) by the rank statistic with ties averaged. Unweighted:
 * example weights steer training, the test set is measured as it is.
 */
final class Metrics {

    private static final double EPSILON = 1e-15;

    private Metrics() {
    }

    /**
     * @param truth index of each example's label
     * @param p     probabilities per example, one column per label
     */
    static Map<String, Double> of(int[] truth, double[][] p, int labelCount) {
        if (truth.length == 0) {
            throw new IllegalArgumentException("no test examples");
        }
        int[][] confusion = new int[labelCount][labelCount];
        double loss = 0;
        for (int i = 0; i < truth.length; i++) {
            confusion[truth[i]][argmax(p[i])]++;
            loss -= Math.log(Math.min(1, Math.max(EPSILON, p[i][truth[i]])));
        }
        int correct = 0;
        double f1Sum = 0;
        int f1Labels = 0;
        for (int l = 0; l < labelCount; l++) {
            correct += confusion[l][l];
            int actual = Arrays.stream(confusion[l]).sum();
            int predicted = 0;
            for (int[] row : confusion) {
                predicted += row[l];
            }
            if (actual + predicted > 0) {
                f1Sum += 2.0 * confusion[l][l] / (actual + predicted);
                f1Labels++;
            }
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("accuracy", (double) correct / truth.length);
        metrics.put("f1", f1Sum / f1Labels);
        if (labelCount == 2) {
            double[] positive = new double[truth.length];
            boolean[] isPositive = new boolean[truth.length];
            for (int i = 0; i < truth.length; i++) {
                positive[i] = p[i][1];
                isPositive[i] = truth[i] == 1;
            }
            metrics.put("auc", auc(positive, isPositive));
        }
        metrics.put("loss", loss / truth.length);
        return metrics;
    }

    static int argmax(double[] row) {
        int best = 0;
        for (int i = 1; i < row.length; i++) {
            if (row[i] > row[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Mann-Whitney: the chance a random positive scores above a random negative; NaN without both classes. */
    static double auc(double[] score, boolean[] positive) {
        Integer[] order = new Integer[score.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(score[a], score[b]));
        double positiveRankSum = 0;
        long positives = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && score[order[j + 1]] == score[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (positive[order[k]]) {
                    positiveRankSum += rank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = score.length - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }
}
