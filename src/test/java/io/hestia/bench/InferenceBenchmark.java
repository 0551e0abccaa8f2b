package io.hestia.bench;

import io.hestia.training.ml.LabelledData;
import io.hestia.training.ml.ModelType;
import io.hestia.training.ml.OnnxScorer;
import io.hestia.training.ml.SyntheticData;
import io.hestia.training.ml.TrainedModel;
import io.hestia.training.ml.Trainer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * ONNX Runtime inference (JMH, sample time: median and percentiles of single calls) of a binary logistic model 30
 * features wide, the synergy scorer's shape: one item, and a batch of 1,000. Targets (issue 6): p99 under 1 ms for
 * one item, under 20 ms for 1,000. Run: {@code bench/training.sh inference}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 2, jvmArgs = {"-Xmx512m"})
public class InferenceBenchmark {

    static final int WIDTH = 30;
    static final int BATCH = 1000;

    private OnnxScorer scorer;
    private float[] one;
    private float[][] batch;

    @Setup(Level.Trial)
    public void setup() {
        LabelledData data = SyntheticData.blobs(List.of("0", "1"), 500, WIDTH, 2.0, 1);
        TrainedModel model = new Trainer().train(ModelType.SYNERGY_SCORER, data, 1, null);
        scorer = OnnxScorer.load(model.onnx(), model.featureNames(), model.labels());
        batch = SyntheticData.rows(BATCH, WIDTH, 2);
        one = batch[0];
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        scorer.close();
    }

    @Benchmark
    public float[] oneItem() {
        return scorer.probabilities(one);
    }

    @Benchmark
    public float[][] batchOf1000() {
        return scorer.probabilities(batch);
    }

    public static void main(String[] args) throws Exception {
        new Runner(new OptionsBuilder().include(InferenceBenchmark.class.getSimpleName()).build()).run();
    }
}
