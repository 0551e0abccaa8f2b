package io.hestia.bench;

import io.hestia.training.ml.HomeTypeData;
import io.hestia.training.ml.LabelledData;
import io.hestia.training.ml.ModelType;
import io.hestia.training.ml.SynergyData;
import io.hestia.training.ml.TrainedModel;
import io.hestia.training.ml.Trainer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Wall time of whole training runs as the training service performs them, in one thread: the synthetic data set
 * (generation, mining where the model needs it, features), then training, held-out metrics and ONNX export. Runs
 * the home type classifier on {@code homes} synthetic homes and the synergy scorer on {@code synergyHomes}, each
 * {@code runs} times with different seeds. Usage: {@code bench/training.sh train [homes] [synergyHomes] [runs]}.
 */
public final class TrainingBenchmark {

    private TrainingBenchmark() {
    }

    public static void main(String[] args) {
        int homes = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int synergyHomes = args.length > 1 ? Integer.parseInt(args[1]) : 150;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Trainer trainer = new Trainer();
        List<Double> homeTotals = new ArrayList<>();
        List<Double> synergyTotals = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            homeTotals.add(run(trainer, ModelType.HOME_TYPE_CLASSIFIER, homes, 100 + r));
            synergyTotals.add(run(trainer, ModelType.SYNERGY_SCORER, synergyHomes, 200 + r));
        }
        homeTotals.sort(Double::compare);
        synergyTotals.sort(Double::compare);
        System.out.printf(Locale.ROOT, "median home_type_classifier run (%d homes): %.1f s%n", homes,
                homeTotals.get(runs / 2));
        System.out.printf(Locale.ROOT, "median synergy_scorer run (%d homes): %.1f s%n", synergyHomes,
                synergyTotals.get(runs / 2));
    }

    private static double run(Trainer trainer, ModelType type, int homes, long seed) {
        long t0 = System.nanoTime();
        LabelledData data = type == ModelType.HOME_TYPE_CLASSIFIER ? HomeTypeData.build(homes, seed, null)
                : SynergyData.build(homes, seed, List.of(), null);
        long t1 = System.nanoTime();
        TrainedModel model = trainer.train(type, data, seed, p -> { });
        long t2 = System.nanoTime();
        double total = (t2 - t0) / 1e9;
        System.out.printf(Locale.ROOT, "%-22s seed %d: %d examples; data %.1f s, train+export %.1f s, total %.1f s;"
                        + " accuracy %.3f, f1 %.3f, auc %s, loss %.3f; %d KB ONNX%n", type.id(), seed, data.size(),
                (t1 - t0) / 1e9, (t2 - t1) / 1e9, total, model.metrics().get("accuracy"), model.metrics().get("f1"),
                model.metrics().containsKey("auc") ? String.format(Locale.ROOT, "%.3f", model.metrics().get("auc"))
                        : "-", model.metrics().get("loss"), model.onnx().length / 1024);
        return total;
    }
}
