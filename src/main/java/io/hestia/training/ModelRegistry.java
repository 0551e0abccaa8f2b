package io.hestia.training;

import io.hestia.platform.Json;
import io.hestia.store.TrainingStore;
import io.hestia.store.TrainingStore.ModelRow;
import io.hestia.training.ml.ModelType;
import io.hestia.training.ml.TrainedModel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The model registry: ONNX files under {@code dir/<type>/v<version>.onnx} (written to a temporary file and moved into
 * place, so a reader never sees half a model) and their rows in {@link TrainingStore}. A new version is registered
 * and activated in one transaction; the last {@code keep} versions of a type are kept (the active one always).
 * Listeners hear of every activation (the inference side swaps its session).
 */
public final class ModelRegistry {

    private static final Logger LOG = Logger.getLogger(ModelRegistry.class.getName());

    private final TrainingStore store;
    private final Path dir;
    private final int keep;
    private final Clock clock;
    private final List<Consumer<ModelType>> listeners = new CopyOnWriteArrayList<>();

    public ModelRegistry(TrainingStore store, Path dir, int keep, Clock clock) {
        this.store = store;
        this.dir = dir;
        this.keep = Math.max(1, keep);
        this.clock = clock;
    }

    public void onActivation(Consumer<ModelType> listener) {
        listeners.add(listener);
    }

    /** Stores the model's file, registers it as the new active version, prunes old versions. */
    public synchronized ModelRow register(TrainedModel model, String runId) {
        String type = model.type().id();
        // the file is named by its run, unique whatever version the store assigns (another process may register
        // at the same time): written to a temporary file and moved into place before its row exists
        String name = (runId == null ? java.util.UUID.randomUUID().toString() : runId) + ".onnx";
        Path file = dir.resolve(type).resolve(name);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "model", ".tmp");
            Files.write(tmp, model.onnx());
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("writing model file " + file + " failed", e);
        }
        Map<String, Object> metrics = new java.util.LinkedHashMap<>();
        // a held-out part with one class has no AUC (NaN): JSON has no NaN, so it is null
        model.metrics().forEach((k, v) -> metrics.put(k, v == null || v.isNaN() || v.isInfinite() ? null : v));
        ModelRow row = store.registerNext(new ModelRow(type, 0, file.toString(), Json.write(metrics),
                Json.write(model.featureNames()), Json.write(model.labels()), model.algorithm(), model.datasetSize(),
                runId, true, clock.millis()));
        notifyListeners(model.type());
        try { // the new version is registered and served: pruning old ones is housekeeping, never a failed run
            for (ModelRow old : store.prune(type, keep)) {
                Files.deleteIfExists(Path.of(old.path()));
            }
        } catch (IOException | RuntimeException e) {
            LOG.warning("pruning old " + type + " versions failed: " + e.getMessage());
        }
        return row;
    }

    /** Makes a stored version the active one. */
    public boolean activate(ModelType type, int version) {
        boolean done = store.activate(type.id(), version);
        if (done) {
            notifyListeners(type);
        }
        return done;
    }

    public Optional<ModelRow> active(ModelType type) {
        return store.active(type.id());
    }

    public List<ModelRow> models(ModelType type) {
        return store.models(type == null ? null : type.id());
    }

    /** The bytes of a registered model's file. */
    public byte[] read(ModelRow row) {
        try {
            return Files.readAllBytes(Path.of(row.path()));
        } catch (IOException e) {
            throw new UncheckedIOException("model file " + row.path() + " cannot be read", e);
        }
    }

    private void notifyListeners(ModelType type) {
        for (Consumer<ModelType> l : listeners) {
            try {
                l.accept(type);
            } catch (RuntimeException e) {
                LOG.warning("model activation listener failed for " + type.id() + ": " + e);
            }
        }
    }
}
