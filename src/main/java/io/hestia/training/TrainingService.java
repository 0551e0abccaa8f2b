package io.hestia.training;

import io.hestia.platform.ConflictException;
import io.hestia.platform.Json;
import io.hestia.platform.NotFoundException;
import io.hestia.store.TrainingStore;
import io.hestia.store.TrainingStore.ModelRow;
import io.hestia.store.TrainingStore.RunRow;
import io.hestia.training.ml.LabelledData;
import io.hestia.training.ml.ModelType;
import io.hestia.training.ml.TrainedModel;

import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Training runs: one run per model type at a time (a second is a 409 naming the first), run on a background thread,
 * progress written to the store as it goes (data, training, export, registering), the model registered and activated
 * when it succeeds. Runs left queued or running by a stopped process are marked failed at start-up, so their status
 * stays truthful.
 */
public final class TrainingService implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TrainingService.class.getName());
    static final String INTERRUPTED = "interrupted: Hestia stopped while the run was in progress";

    /** Builds a model type's training set; reports progress from 0 to 1. */
    @FunctionalInterface
    public interface DatasetBuilder {
        LabelledData build(Map<String, Object> params, DoubleConsumer progress);
    }

    /** Trains a model from a training set; reports progress from 0 to 1. */
    @FunctionalInterface
    public interface ModelTrainer {
        TrainedModel train(ModelType type, LabelledData data, long seed, DoubleConsumer progress);
    }

    private final TrainingStore store;
    private final ModelRegistry registry;
    private final Map<ModelType, DatasetBuilder> datasets;
    private final ModelTrainer trainer;
    private final Clock clock;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "training");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY); // training must not starve request handling
        return t;
    });

    public TrainingService(TrainingStore store, ModelRegistry registry, Map<ModelType, DatasetBuilder> datasets,
                           ModelTrainer trainer, Clock clock) {
        this.store = store;
        this.registry = registry;
        this.datasets = new EnumMap<>(ModelType.class);
        this.datasets.putAll(datasets);
        this.trainer = trainer;
        this.clock = clock;
    }

    /** Marks runs a previous process left unfinished as failed; returns how many. */
    public int recoverInterrupted() {
        int n = store.failUnfinished(INTERRUPTED, clock.millis());
        if (n > 0) {
            LOG.info(n + " training run(s) were interrupted by a restart and are marked failed");
        }
        return n;
    }

    /**
     * Queues a run of {@code type}.
     *
     * @param trigger api, schedule or feedback
     * @throws ConflictException when a run of that type is queued or running
     */
    public RunRow start(ModelType type, String trigger, Map<String, Object> params) {
        long now = clock.millis();
        RunRow run = new RunRow("tr-" + UUID.randomUUID(), type.id(), "queued", trigger, "queued", 0.0, null, null,
                null, null, null, Json.write(params), now, null, null);
        Optional<RunRow> busy = store.insertUnlessBusy(run);
        if (busy.isPresent()) {
            throw new ConflictException("a " + type.id() + " run is already " + busy.get().status() + ": "
                    + busy.get().runId());
        }
        executor.execute(() -> execute(run, type, params));
        return run;
    }

    private void execute(RunRow run, ModelType type, Map<String, Object> params) {
        String id = run.runId();
        long started = clock.millis();
        try {
            store.progress(id, "running", "data", 0.0, started);
            DatasetBuilder builder = datasets.get(type);
            if (builder == null) {
                throw new IllegalStateException("no training data source for " + type.id());
            }
            LabelledData data = builder.build(params, scaled(id, "data", 0.0, 0.6));
            store.progress(id, "running", "training", 0.6, started);
            long seed = params.get("seed") instanceof Number n ? n.longValue() : 42L;
            TrainedModel model = trainer.train(type, data, seed, scaled(id, "training", 0.6, 0.95));
            store.progress(id, "running", "registering", 0.95, started);
            ModelRow row = registry.register(model, id);
            store.finish(id, "succeeded", "done", data.size(), row.metrics(), row.version(),
                    row.path(), null, clock.millis());
            LOG.info("training run " + id + ": " + type.id() + " v" + row.version() + " on " + data.size()
                    + " examples, " + model.metrics());
        } catch (Throwable e) { // an Error too (out of memory on a big run): a run must never stay running
            LOG.log(Level.WARNING, "training run " + id + " (" + type.id() + ") failed", e);
            String error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            try {
                store.finish(id, "failed", "failed", null, null, null, null, error, clock.millis());
            } catch (RuntimeException storeFailure) {
                LOG.log(Level.WARNING, "training run " + id + " could not be marked failed", storeFailure);
            }
            if (e instanceof Error err && !(e instanceof LinkageError)) {
                throw err;
            }
        }
    }

    /** Progress of one phase mapped onto [from, to] of the run, written at most every 1 %. */
    private DoubleConsumer scaled(String id, String phase, double from, double to) {
        long started = clock.millis();
        double[] last = {-1};
        return p -> {
            double v = from + (to - from) * Math.max(0, Math.min(1, p));
            if (v - last[0] >= 0.01) {
                last[0] = v;
                store.progress(id, "running", phase, v, started);
            }
        };
    }

    public RunRow run(String id) {
        return store.run(id).orElseThrow(() -> new NotFoundException("no training run " + id));
    }

    public List<RunRow> runs(ModelType type, int limit) {
        return store.runs(type == null ? null : type.id(), limit);
    }

    /** Deletes a finished run (its model, if registered, stays in the registry). */
    public void delete(String id) {
        RunRow run = run(id);
        if (!store.deleteFinished(id)) {
            throw new ConflictException("training run " + id + " is " + run.status() + "; wait until it ends");
        }
    }

    /** Deletes finished runs older than {@code olderThanDays}, keeping the {@code keepRecent} newest of each type. */
    public int deleteOld(int olderThanDays, int keepRecent) {
        return store.deleteOld(clock.millis() - TimeUnit.DAYS.toMillis(olderThanDays), keepRecent);
    }

    public ModelRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
