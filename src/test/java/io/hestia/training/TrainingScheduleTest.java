package io.hestia.training;

import io.hestia.store.Database;
import io.hestia.store.TrainingStore;
import io.hestia.store.TrainingStore.RunRow;
import io.hestia.training.ml.ModelType;
import io.hestia.training.ml.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** What the schedules start: the ranker only with enough labels and enough new ones; a busy type is skipped. */
class TrainingScheduleTest {

    @TempDir
    Path dir;

    @Test
    void theRankerWaitsForLabelsAndABusyTypeIsSkipped() throws Exception {
        try (Database db = Database.open(dir.resolve("s.db").toString(), 2, 5000)) {
            TrainingStore store = new TrainingStore(db.dataSource());
            ModelRegistry registry = new ModelRegistry(store, dir.resolve("models"), 3, Clock.systemUTC());
            CountDownLatch hold = new CountDownLatch(1);
            TrainingService.DatasetBuilder blocked = (params, progress) -> {
                try {
                    hold.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("held");
            };
            TrainingService training = new TrainingService(store, registry, Map.of(
                    ModelType.HOME_TYPE_CLASSIFIER, blocked, ModelType.SYNERGY_SCORER, blocked,
                    ModelType.SUGGESTION_RANKER, blocked), new Trainer()::train, Clock.systemUTC());
            AtomicInteger labels = new AtomicInteger(5);
            TrainingSchedule schedule = new TrainingSchedule(training, labels::get, 20, 10);

            assertThat(schedule.rankerIfFeedback()).isFalse(); // 5 labels: under the minimum
            schedule.weekly(); // home type and synergy start; the ranker waits for labels
            assertThat(training.runs(null, 10)).extracting(RunRow::modelType)
                    .containsExactlyInAnyOrder("home_type_classifier", "synergy_scorer");
            assertThat(training.runs(null, 10)).extracting(RunRow::trigger).containsOnly("schedule");
            schedule.weekly(); // both still queued or running: skipped, not doubled
            assertThat(training.runs(null, 10)).hasSize(2);

            labels.set(25);
            assertThat(schedule.rankerIfFeedback()).isTrue();
            assertThat(training.runs(ModelType.SUGGESTION_RANKER, 10)).extracting(RunRow::trigger)
                    .containsExactly("feedback");
            assertThat(schedule.rankerIfFeedback()).isFalse(); // one already queued
            hold.countDown();
            training.close();
        }
    }
}
