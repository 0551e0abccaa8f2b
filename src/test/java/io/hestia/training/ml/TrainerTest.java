package io.hestia.training.ml;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TrainerTest {

    private static final List<String> BINARY = List.of("0", "1");
    private static final List<String> THREE = List.of("villa", "apartment", "cabin");

    private final Trainer trainer = new Trainer();

    @Test
    void multiclassTrainsInSecondsAndTheOnnxModelAgreesWithTribuo() {
        LabelledData data = SyntheticData.blobs(THREE, 100, 6, 3.0, 1);
        List<Double> progress = new ArrayList<>();
        long start = System.nanoTime();
        Trainer.Fit fit = trainer.fit(ModelType.HOME_TYPE_CLASSIFIER, data, 7, progress::add);
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(10);

        TrainedModel model = fit.model();
        assertThat(model.metrics().get("accuracy")).isGreaterThan(0.85);
        assertThat(model.metrics().get("f1")).isGreaterThan(0.85);
        assertThat(model.metrics()).doesNotContainKey("auc");
        assertThat(model.metrics().get("loss")).isBetween(0.0, 0.6);
        assertThat(model.metrics().get("train_size")).isEqualTo(240.0);
        assertThat(model.metrics().get("test_size")).isEqualTo(60.0);
        assertThat(model.datasetSize()).isEqualTo(300);
        assertThat(model.labels()).isEqualTo(THREE);
        assertThat(progress.get(0)).isEqualTo(0.0);
        assertThat(progress.get(progress.size() - 1)).isEqualTo(1.0);
        assertThat(progress).isSorted();

        assertAgree(fit, data);
    }

    @Test
    void binaryModelAgreesAndSeparatesWithHighAuc() {
        LabelledData data = SyntheticData.blobs(BINARY, 150, 30, 2.5, 2);
        Trainer.Fit fit = trainer.fit(ModelType.SYNERGY_SCORER, data, 3, null);
        assertThat(fit.model().metrics().get("auc")).isGreaterThan(0.95);
        assertThat(fit.model().metrics().get("accuracy")).isGreaterThan(0.85);
        assertAgree(fit, data);
    }

    @Test
    void shuffledLabelsGiveAnAucNearOneHalf() {
        LabelledData data = SyntheticData.blobs(BINARY, 500, 5, 2.5, 3);
        List<String> y = new ArrayList<>(data.y());
        Collections.shuffle(y, new Random(4));
        LabelledData shuffled = new LabelledData(data.featureNames(), data.x(), y, BINARY, data.weights());
        TrainedModel model = trainer.train(ModelType.SYNERGY_SCORER, shuffled, 5, null);
        assertThat(model.metrics().get("auc")).isCloseTo(0.5, within(0.1));
        assertThat(model.metrics().get("accuracy")).isLessThan(0.62);
    }

    @Test
    void theSameSeedGivesTheSameModel() {
        LabelledData data = SyntheticData.blobs(BINARY, 50, 4, 2.0, 5);
        TrainedModel a = trainer.train(ModelType.SUGGESTION_RANKER, data, 9, null);
        TrainedModel b = trainer.train(ModelType.SUGGESTION_RANKER, data, 9, null);
        assertThat(a.metrics()).isEqualTo(b.metrics());
        try (OnnxScorer sa = OnnxScorer.load(a.onnx(), a.featureNames(), a.labels());
             OnnxScorer sb = OnnxScorer.load(b.onnx(), b.featureNames(), b.labels())) {
            float[][] rows = SyntheticData.rows(20, 4, 6);
            assertThat(sa.probabilities(rows)).isDeepEqualTo(sb.probabilities(rows));
        }
    }

    @Test
    void exampleWeightsSteerTheModel() {
        // the same points labelled both ways; the weights decide which label wins
        List<float[]> x = new ArrayList<>();
        List<String> y = new ArrayList<>();
        List<Float> w = new ArrayList<>();
        Random random = new Random(8);
        for (int i = 0; i < 100; i++) {
            float[] row = {(float) random.nextGaussian(), (float) random.nextGaussian()};
            x.add(row);
            y.add("1");
            w.add(5f);
            x.add(row);
            y.add("0");
            w.add(0.2f);
        }
        TrainedModel model = trainer.train(ModelType.SUGGESTION_RANKER,
                new LabelledData(List.of("a", "b"), x, y, BINARY, w), 1, null);
        try (OnnxScorer scorer = OnnxScorer.load(model.onnx(), model.featureNames(), model.labels())) {
            assertThat(scorer.probabilities(new float[]{0, 0})[1]).isGreaterThan(0.8f);
        }
    }

    @Test
    void degenerateDataIsRefusedByName() {
        LabelledData tiny = SyntheticData.blobs(BINARY, 4, 3, 2, 1);
        assertThatThrownBy(() -> trainer.train(ModelType.SYNERGY_SCORER, tiny, 1, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too few examples");

        LabelledData blobs = SyntheticData.blobs(BINARY, 20, 3, 2, 1);
        LabelledData oneClass = new LabelledData(blobs.featureNames(), blobs.x(),
                Collections.nCopies(blobs.size(), "1"), BINARY, blobs.weights());
        assertThatThrownBy(() -> trainer.train(ModelType.SYNERGY_SCORER, oneClass, 1, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only one class");

        LabelledData missingLabel = new LabelledData(blobs.featureNames(), blobs.x(), blobs.y(),
                List.of("0", "1", "2"), blobs.weights());
        assertThatThrownBy(() -> trainer.train(ModelType.HOME_TYPE_CLASSIFIER, missingLabel, 1, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("labels without any example: [2]");

        LabelledData unknownLabel = new LabelledData(blobs.featureNames(), blobs.x(), blobs.y(),
                List.of("0", "x"), blobs.weights());
        assertThatThrownBy(() -> trainer.train(ModelType.SYNERGY_SCORER, unknownLabel, 1, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has label '1', not one of");
    }

    @Test
    void theSplitIsStratifiedAndDeterministic() {
        LabelledData data = SyntheticData.blobs(THREE, 10, 2, 1, 1);
        List<List<Integer>> a = Trainer.split(data, 3);
        assertThat(a).isEqualTo(Trainer.split(data, 3));
        assertThat(a.get(1)).hasSize(6);
        for (String label : THREE) {
            assertThat(a.get(1).stream().filter(i -> data.y().get(i).equals(label))).hasSize(2);
        }
        assertThat(a.get(0)).hasSize(24).doesNotContainAnyElementsOf(a.get(1));
    }

    @Test
    void aucCountsTiesAsHalf() {
        assertThat(Metrics.auc(new double[]{0.1, 0.4, 0.35, 0.8}, new boolean[]{false, false, true, true}))
                .isEqualTo(0.75);
        assertThat(Metrics.auc(new double[]{0.5, 0.5}, new boolean[]{false, true})).isEqualTo(0.5);
    }

    /** ONNX Runtime's probabilities equal Tribuo's in-JVM ones on training rows and on random rows. */
    private static void assertAgree(Trainer.Fit fit, LabelledData data) {
        TrainedModel model = fit.model();
        int width = data.featureNames().size();
        float[][] rows = new float[200][];
        float[][] random = SyntheticData.rows(100, width, 42);
        for (int i = 0; i < 100; i++) {
            rows[i] = data.x().get(i);
            rows[100 + i] = random[i];
        }
        double[][] tribuo = Trainer.probabilities(fit.tribuo(), data.featureNames(), data.labels(), rows);
        try (OnnxScorer scorer = OnnxScorer.load(model.onnx(), model.featureNames(), model.labels())) {
            float[][] onnx = scorer.probabilities(rows);
            for (int i = 0; i < rows.length; i++) {
                for (int l = 0; l < data.labels().size(); l++) {
                    assertThat((double) onnx[i][l]).as("row %d label %s", i, data.labels().get(l))
                            .isCloseTo(tribuo[i][l], within(1e-4));
                }
                assertThat(scorer.probabilities(rows[i])).containsExactly(onnx[i]);
            }
        }
    }
}
