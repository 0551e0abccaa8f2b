package io.hestia.training;

import com.fasterxml.jackson.core.type.TypeReference;
import io.hestia.platform.Json;
import io.hestia.store.TrainingStore.ModelRow;
import io.hestia.training.ml.ModelType;
import io.hestia.training.ml.OnnxScorer;

import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

/**
 * Serves the active model of each type. A new active version is loaded beside the old one and swapped in with one
 * reference write; the old session is closed once the last request using it has finished, so a swap never fails a
 * request in flight. Without an active model (or when it cannot be loaded) callers get empty and use their
 * documented heuristic, and say so.
 */
public final class InferenceService implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(InferenceService.class.getName());
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    /** A loaded model's scoring function (an ONNX Runtime session). */
    public interface Scorer extends AutoCloseable {
        /** Probabilities per row, one column per label. */
        float[][] probabilities(float[][] x);

        @Override
        void close();
    }

    /** Loads a scorer from a model file's bytes. */
    @FunctionalInterface
    public interface ScorerFactory {
        Scorer load(byte[] onnx, List<String> featureNames, List<String> labels);
    }

    /** Scorers on ONNX Runtime ({@link OnnxScorer}). */
    public static ScorerFactory onnxRuntime() {
        return (onnx, featureNames, labels) -> {
            OnnxScorer scorer = OnnxScorer.load(onnx, featureNames, labels);
            return new Scorer() {
                @Override
                public float[][] probabilities(float[][] x) {
                    return scorer.probabilities(x);
                }

                @Override
                public void close() {
                    scorer.close();
                }
            };
        };
    }

    /** A prediction and what made it. */
    public record Scored(float[][] probabilities, List<String> labels, String source, Integer version) {
    }

    /** A loaded version; {@code users} counts requests using it, -1 once it was closed. */
    private static final class Loaded {
        final ModelRow row;
        final Scorer scorer;
        final List<String> featureNames;
        final List<String> labels;
        final AtomicInteger users = new AtomicInteger();
        volatile boolean retired;

        Loaded(ModelRow row, Scorer scorer, List<String> featureNames, List<String> labels) {
            this.row = row;
            this.scorer = scorer;
            this.featureNames = featureNames;
            this.labels = labels;
        }

        boolean acquire() {
            while (true) {
                int n = users.get();
                if (n < 0 || retired) {
                    return false;
                }
                if (users.compareAndSet(n, n + 1)) {
                    if (retired) { // retired meanwhile: give it back (release may close it)
                        release();
                        return false;
                    }
                    return true;
                }
            }
        }

        void release() {
            if (users.decrementAndGet() == 0 && retired) {
                closeIfIdle();
            }
        }

        void retire() {
            retired = true;
            closeIfIdle();
        }

        private void closeIfIdle() {
            if (users.compareAndSet(0, -1)) {
                scorer.close();
            }
        }
    }

    private final ModelRegistry registry;
    private final ScorerFactory factory;
    private final Map<ModelType, AtomicReference<Loaded>> current = new EnumMap<>(ModelType.class);
    private volatile boolean closed;

    public InferenceService(ModelRegistry registry, ScorerFactory factory) {
        this.registry = registry;
        this.factory = factory;
        for (ModelType t : ModelType.values()) {
            current.put(t, new AtomicReference<>());
        }
        registry.onActivation(this::reload);
    }

    /**
     * Scores rows with the active model of {@code type}; empty when there is none (the caller's heuristic answers).
     */
    public Optional<Scored> score(ModelType type, float[][] x) {
        AtomicReference<Loaded> ref = current.get(type);
        for (int attempt = 0; attempt < 3; attempt++) {
            Loaded l = ref.get();
            if (l == null) {
                l = loadActive(type);
                if (l == null) {
                    return Optional.empty();
                }
            }
            if (l.acquire()) {
                try {
                    return Optional.of(new Scored(l.scorer.probabilities(x), l.labels,
                            type.id() + " v" + l.row.version(), l.row.version()));
                } finally {
                    l.release();
                }
            }
            // swapped while we looked: the next reference is the new version
        }
        throw new IllegalStateException("the " + type.id() + " model kept changing while scoring");
    }


    /** Loads the registry's active version of {@code type} if it is not the one served (after an activation). */
    public void reload(ModelType type) {
        Optional<ModelRow> active = registry.active(type);
        AtomicReference<Loaded> ref = current.get(type);
        synchronized (ref) {
            Loaded old = ref.get();
            if (active.isEmpty()) {
                ref.set(null);
            } else if (old == null || old.row.version() != active.get().version()) {
                Loaded fresh = load(active.get());
                if (fresh == null) {
                    return; // keep serving the old one
                }
                ref.set(fresh);
            } else {
                return;
            }
            if (old != null) {
                old.retire();
            }
        }
    }

    /** Follows activations made by another process sharing the store (called periodically). */
    public void refreshAll() {
        for (ModelType t : ModelType.values()) {
            if (current.get(t).get() != null || registry.active(t).isPresent()) {
                reload(t);
            }
        }
    }

    private Loaded loadActive(ModelType type) {
        AtomicReference<Loaded> ref = current.get(type);
        synchronized (ref) {
            if (ref.get() == null) {
                registry.active(type).map(this::load).ifPresent(ref::set);
            }
            return ref.get();
        }
    }

    private Loaded load(ModelRow row) {
        if (closed) {
            return null; // shutting down: no new sessions that nobody would close
        }
        try {
            List<String> names = Json.mapper().readValue(row.featureNames(), STRINGS);
            List<String> labels = Json.mapper().readValue(row.labels(), STRINGS);
            return new Loaded(row, factory.load(registry.read(row), names, labels), names, labels);
        } catch (IOException | RuntimeException e) {
            LOG.warning("model " + row.modelType() + " v" + row.version() + " could not be loaded: " + e);
            return null;
        }
    }

    @Override
    public void close() {
        closed = true;
        for (AtomicReference<Loaded> ref : current.values()) {
            Loaded l = ref.getAndSet(null);
            if (l != null) {
                l.retire();
            }
        }
    }
}
