package io.hestia.training;

import io.hestia.platform.ConflictException;
import io.hestia.store.TrainingStore.ModelRow;
import io.hestia.training.ml.ModelType;

import java.util.Map;
import java.util.function.IntSupplier;
import java.util.logging.Logger;

/**
 * What the training schedules start: every model weekly (the ranker only once it has enough labels), and the ranker
 * again whenever {@code threshold} new approve/reject labels arrived since the labels its active version learnt from.
 * A run of the same type already in progress makes a start a logged no-op.
 */
public final class TrainingSchedule {

    private static final Logger LOG = Logger.getLogger(TrainingSchedule.class.getName());

    private final TrainingService training;
    private final IntSupplier rankerLabels;
    private final int threshold;
    private final int minLabels;

    /** @param rankerLabels how many approve/reject labels exist now (read from the automation service) */
    public TrainingSchedule(TrainingService training, IntSupplier rankerLabels, int threshold, int minLabels) {
        this.training = training;
        this.rankerLabels = rankerLabels;
        this.threshold = threshold;
        this.minLabels = minLabels;
    }

    public void weekly() {
        start(ModelType.HOME_TYPE_CLASSIFIER, "schedule");
        start(ModelType.SYNERGY_SCORER, "schedule");
        int labels = labels();
        if (labels >= minLabels) {
            start(ModelType.SUGGESTION_RANKER, "schedule");
        } else {
            LOG.info("weekly training: the suggestion ranker waits for " + minLabels + " labels (has " + labels + ")");
        }
    }

    /** Starts the ranker when enough new labels arrived; returns whether it did. */
    public boolean rankerIfFeedback() {
        int labels = labels();
        int learnt = training.registry().active(ModelType.SUGGESTION_RANKER).map(ModelRow::datasetSize).orElse(0);
        if (labels < minLabels || labels - learnt < threshold) {
            return false;
        }
        return start(ModelType.SUGGESTION_RANKER, "feedback");
    }

    private int labels() {
        try {
            return rankerLabels.getAsInt();
        } catch (RuntimeException e) {
            LOG.info("suggestion labels unavailable: " + e.getMessage());
            return 0;
        }
    }

    private boolean start(ModelType type, String trigger) {
        try {
            training.start(type, trigger, Map.of());
            return true;
        } catch (ConflictException e) {
            LOG.info("scheduled " + type.id() + " training skipped: " + e.getMessage());
            return false;
        }
    }
}
