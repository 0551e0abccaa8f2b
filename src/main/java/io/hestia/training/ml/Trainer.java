package io.hestia.training.ml;

import ai.onnx.proto.OnnxMl;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.MutableDataset;
import org.tribuo.ONNXExportable;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXPlaceholder;
import org.tribuo.util.onnx.ONNXRef;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleConsumer;

/**
 * Trains a {@link ModelType} in-process with Tribuo and exports it to ONNX.
 *
 * <p>The algorithm is multinomial logistic regression: Tribuo's {@link LinearSGDTrainer} with the {@link
 * LogMulticlass} objective (softmax cross-entropy) and AdaGrad, a few shuffled epochs, mini-batches of one, seeded.
 * Example weights ({@link LabelledData#weights()}) scale each example's gradient (Tribuo's {@code
 * Example.getWeight()}). Features are used raw: the data producer scales them if it wants to, so the ONNX graph and
 * the scorer never need a scaler of their own.
 *
 * <p>The data are split per label by the seed (stratified 80/20; a label with a single example trains only), the
 * model is fitted on the 80 % and measured on the 20 % ({@link Metrics}). The exported graph has the contract of
 * {@link TrainedModel#onnx()}: input {@code features} float[N, featureNames.size()] in {@code featureNames} order,
 * output {@code probabilities} float[N, labels.size()] in {@code labels} order. Tribuo numbers features by name and
 * labels by first appearance, so the graph wraps Tribuo's own (Gemm + Softmax) in two {@code Gather}s that map
 * between the two orders; Tribuo's provenance is kept in the model's metadata.
 *
 * <p>Stateless and thread-safe; each call trains its own model.
 */
public final class Trainer {

    static final String ALGORITHM = "logistic regression (Tribuo LinearSGD, LogMulticlass, AdaGrad)";
    static final String ONNX_DOMAIN = "io.hestia.training";
    static final String INPUT = "features";
    static final String OUTPUT = "probabilities";
    static final double TEST_FRACTION = 0.2;
    static final int MIN_EXAMPLES = 10;

    private final int epochs;
    private final double learningRate;

    /** 10 epochs, AdaGrad learning rate 0.5. */
    public Trainer() {
        this(10, 0.5);
    }

    public Trainer(int epochs, double learningRate) {
        if (epochs < 1 || !(learningRate > 0)) {
            throw new IllegalArgumentException("epochs must be >= 1 and the learning rate > 0");
        }
        this.epochs = epochs;
        this.learningRate = learningRate;
    }

    /**
     * Trains, measures on the held-out split and exports to ONNX.
     *
     * @param seed     decides the split, the shuffling and the initialisation: the same data and seed give the same
     *                 model
     * @param progress receives values from 0 to 1 (the phases: split, fit, measure, export; Tribuo's SGD reports no
     *                 progress of its own inside the fit)
     * @throws IllegalArgumentException for data no model can be trained on (fewer than {@value #MIN_EXAMPLES}
     *                                  examples, fewer than two labels present, labels outside {@code labels},
     *                                  duplicate feature names, non-finite values or weights)
     */
    public TrainedModel train(ModelType type, LabelledData data, long seed, DoubleConsumer progress) {
        return fit(type, data, seed, progress).model();
    }

    /** The exported model with the Tribuo model it came from (tests compare the two). */
    record Fit(TrainedModel model, LinearSGDModel tribuo) {
    }

    Fit fit(ModelType type, LabelledData data, long seed, DoubleConsumer progress) {
        DoubleConsumer report = progress == null ? p -> { } : progress;
        report.accept(0.0);
        validate(data);
        List<List<Integer>> split = split(data, seed);
        List<Integer> trainRows = split.get(0);
        List<Integer> testRows = split.get(1);
        report.accept(0.1);

        String[] names = data.featureNames().toArray(String[]::new);
        List<Example<Label>> train = new ArrayList<>(trainRows.size());
        for (int row : trainRows) {
            train.add(example(names, data.x().get(row), data.y().get(row), data.weights().get(row)));
        }
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> dataset = new MutableDataset<>(train,
                new SimpleDataSourceProvenance("hestia " + type.id(), factory), factory);
        LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(learningRate, 0.1), epochs,
                Math.max(1, trainRows.size() * epochs), 1, seed);
        LinearSGDModel model = (LinearSGDModel) trainer.train(dataset);
        report.accept(0.7);

        int labelCount = data.labels().size();
        float[][] testX = new float[testRows.size()][];
        int[] testY = new int[testRows.size()];
        for (int i = 0; i < testRows.size(); i++) {
            testX[i] = data.x().get(testRows.get(i));
            testY[i] = data.labels().indexOf(data.y().get(testRows.get(i)));
        }
        double[][] p = probabilities(model, data.featureNames(), data.labels(), testX);
        Map<String, Double> metrics = new LinkedHashMap<>(Metrics.of(testY, p, labelCount));
        metrics.put("train_size", (double) trainRows.size());
        metrics.put("test_size", (double) testRows.size());
        report.accept(0.85);

        byte[] onnx = export(model, type, data.featureNames(), data.labels());
        report.accept(1.0);
        return new Fit(new TrainedModel(type, onnx, Collections.unmodifiableMap(metrics), data.size(),
                data.featureNames(), data.labels(), ALGORITHM), model);
    }

    private static void validate(LabelledData data) {
        if (data.size() < MIN_EXAMPLES) {
            throw new IllegalArgumentException("too few examples to train: " + data.size() + " (at least "
                    + MIN_EXAMPLES + ")");
        }
        if (data.featureNames().isEmpty()) {
            throw new IllegalArgumentException("no features");
        }
        if (new HashSet<>(data.featureNames()).size() != data.featureNames().size()) {
            throw new IllegalArgumentException("duplicate feature names: " + data.featureNames());
        }
        if (data.labels().size() < 2 || new HashSet<>(data.labels()).size() != data.labels().size()) {
            throw new IllegalArgumentException("labels must be at least two distinct values: " + data.labels());
        }
        int[] counts = new int[data.labels().size()];
        for (int i = 0; i < data.size(); i++) {
            int label = data.labels().indexOf(data.y().get(i));
            if (label < 0) {
                throw new IllegalArgumentException("example " + i + " has label '" + data.y().get(i)
                        + "', not one of " + data.labels());
            }
            counts[label]++;
            float w = data.weights().get(i);
            if (!Float.isFinite(w) || w < 0) {
                throw new IllegalArgumentException("example " + i + " has weight " + w);
            }
            for (float v : data.x().get(i)) {
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("example " + i + " has a non-finite feature value");
                }
            }
        }
        List<String> present = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        for (int l = 0; l < counts.length; l++) {
            (counts[l] > 0 ? present : absent).add(data.labels().get(l));
        }
        if (present.size() < 2) {
            throw new IllegalArgumentException("only one class in the data (" + present
                    + "): a classifier needs examples of at least two labels");
        }
        if (!absent.isEmpty()) {
            throw new IllegalArgumentException("labels without any example: " + absent
                    + " (the model could never predict them)");
        }
    }

    /** Rows of each label shuffled by the seed; the first 20 % (rounded, at least one when a label has two) test. */
    static List<List<Integer>> split(LabelledData data, long seed) {
        Random random = new Random(seed);
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (String label : data.labels()) {
            List<Integer> rows = new ArrayList<>();
            for (int i = 0; i < data.size(); i++) {
                if (data.y().get(i).equals(label)) {
                    rows.add(i);
                }
            }
            Collections.shuffle(rows, random);
            int testCount = rows.size() < 2 ? 0 : Math.max(1, (int) Math.round(rows.size() * TEST_FRACTION));
            test.addAll(rows.subList(0, testCount));
            train.addAll(rows.subList(testCount, rows.size()));
        }
        Collections.shuffle(train, random);
        Collections.sort(test);
        return List.of(train, test);
    }

    private static Example<Label> example(String[] names, float[] x, String label, float weight) {
        double[] values = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            values[i] = x[i];
        }
        ArrayExample<Label> example = new ArrayExample<>(new Label(label), names, values);
        example.setWeight(weight);
        return example;
    }

    /** Tribuo's in-JVM probabilities for rows in {@code featureNames} order, columns in {@code labels} order. */
    static double[][] probabilities(LinearSGDModel model, List<String> featureNames, List<String> labels,
                                    float[][] x) {
        String[] names = featureNames.toArray(String[]::new);
        double[][] p = new double[x.length][labels.size()];
        for (int i = 0; i < x.length; i++) {
            Prediction<Label> prediction = model.predict(example(names, x[i], LabelFactory.UNKNOWN_LABEL.getLabel(),
                    1f));
            Map<String, Label> scores = prediction.getOutputScores();
            for (int l = 0; l < labels.size(); l++) {
                Label score = scores.get(labels.get(l));
                p[i][l] = score == null ? 0 : score.getScore();
            }
        }
        return p;
    }

    /** Tribuo's graph between a column-reordering Gather on the input and a label-reordering one on the output. */
    static byte[] export(LinearSGDModel model, ModelType type, List<String> featureNames, List<String> labels) {
        ImmutableFeatureMap features = model.getFeatureIDMap();
        long[] featureOrder = new long[features.size()];
        for (int id = 0; id < featureOrder.length; id++) {
            featureOrder[id] = featureNames.indexOf(features.get(id).getName());
        }
        ImmutableOutputInfo<Label> outputs = model.getOutputIDInfo();
        long[] labelOrder = new long[labels.size()];
        for (int l = 0; l < labelOrder.length; l++) {
            labelOrder[l] = outputs.getID(new Label(labels.get(l)));
        }
        ONNXContext context = new ONNXContext();
        context.setName("hestia_" + type.id());
        ONNXPlaceholder input = context.floatInput(INPUT, featureNames.size());
        ONNXPlaceholder output = context.floatOutput(OUTPUT, labels.size());
        ONNXRef<?> tribuoInput = isIdentity(featureOrder, featureNames.size()) ? input
                : input.apply(ONNXOperators.GATHER, context.array("feature_order", featureOrder),
                Map.of("axis", 1));
        ONNXRef<?> tribuoOutput = model.writeONNXGraph(tribuoInput);
        ONNXRef<?> ordered = isIdentity(labelOrder, outputs.size()) ? tribuoOutput
                : tribuoOutput.apply(ONNXOperators.GATHER, context.array("label_order", labelOrder),
                Map.of("axis", 1));
        ordered.assignTo(output);
        OnnxMl.ModelProto proto = ONNXExportable.buildModel(context, ONNX_DOMAIN, 1, model);
        return proto.toByteArray();
    }

    private static boolean isIdentity(long[] order, int width) {
        if (order.length != width) {
            return false;
        }
        for (int i = 0; i < order.length; i++) {
            if (order[i] != i) {
                return false;
            }
        }
        return true;
    }
}
