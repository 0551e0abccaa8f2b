package io.hestia.training.ml;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class OnnxScorerTest {

    private static final int WIDTH = 8;
    private static TrainedModel model;
    private static OnnxScorer scorer;

    @BeforeAll
    static void train() {
        model = new Trainer().train(ModelType.SYNERGY_SCORER,
                SyntheticData.blobs(List.of("0", "1"), 100, WIDTH, 2.5, 11), 1, null);
        scorer = OnnxScorer.load(model.onnx(), model.featureNames(), model.labels());
    }

    @AfterAll
    static void close() {
        scorer.close();
    }

    @Test
    void probabilitiesAreDistributionsInLabelOrder() {
        float[][] p = scorer.probabilities(SyntheticData.rows(50, WIDTH, 1));
        assertThat(p).hasNumberOfRows(50);
        for (float[] row : p) {
            assertThat(row).hasSize(2);
            assertThat((double) row[0] + row[1]).isCloseTo(1.0, within(1e-5));
        }
        // the blob of label "1" is centred on feature 1
        float[] one = new float[WIDTH];
        one[1] = 3;
        assertThat(scorer.probabilities(one)[1]).isGreaterThan(0.9f);
        assertThat(scorer.probabilities(new float[0][])).isEmpty();
    }

    @Test
    void wrongWidthsAreRefused() {
        assertThatThrownBy(() -> scorer.probabilities(new float[WIDTH + 1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 0 has 9 features");
        assertThatThrownBy(() -> scorer.probabilities(new float[][]{new float[WIDTH], new float[3]}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 1 has 3 features");
        assertThatThrownBy(() -> OnnxScorer.load(model.onnx(), model.featureNames().subList(1, WIDTH),
                model.labels())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has 8 features, the feature names 7");
        assertThatThrownBy(() -> OnnxScorer.load(model.onnx(), model.featureNames(), List.of("a", "b", "c")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("probability output");
        assertThatThrownBy(() -> OnnxScorer.load(new byte[]{1, 2, 3}, model.featureNames(), model.labels()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a usable ONNX model");
    }

    @Test
    void concurrentScoringMatchesSequential() throws Exception {
        float[][] rows = SyntheticData.rows(400, WIDTH, 2);
        float[][] batch = scorer.probabilities(rows);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                int offset = t;
                results.add(pool.submit(() -> {
                    for (int round = 0; round < 3; round++) {
                        for (int i = offset; i < rows.length; i += 3) {
                            if (!java.util.Arrays.equals(scorer.probabilities(rows[i]), batch[i])) {
                                return false;
                            }
                        }
                        float[][] again = scorer.probabilities(rows);
                        for (int i = 0; i < rows.length; i++) {
                            if (!java.util.Arrays.equals(again[i], batch[i])) {
                                return false;
                            }
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aClosedScorerRefusesCalls() {
        OnnxScorer other = OnnxScorer.load(model.onnx(), model.featureNames(), model.labels());
        other.close();
        other.close();
        assertThatThrownBy(() -> other.probabilities(new float[WIDTH]))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
}
