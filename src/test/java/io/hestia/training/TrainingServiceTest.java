package io.hestia.training;

import io.hestia.platform.ConflictException;
import io.hestia.store.Database;
import io.hestia.store.TrainingStore;
import io.hestia.store.TrainingStore.RunRow;
import io.hestia.training.ml.HomeFeatures;
import io.hestia.training.ml.HomeTypeData;
import io.hestia.training.ml.LabelledData;
import io.hestia.training.ml.ModelType;
import io.hestia.training.ml.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Training runs on a real SQLite file with the real trainer, ONNX export and ONNX Runtime: a run trains, registers
 * and activates a model; one run per type; failures and restarts leave a truthful status; old versions are pruned;
 * a new version is swapped in under concurrent scoring without failing a request.
 */
class TrainingServiceTest {

    @TempDir
    Path dir;

    private static LabelledData homes(int n, long seed) {
        return HomeTypeData.build(n, seed, null);
    }

    private RunRow finished(TrainingService training, String id) {
        await().atMost(Duration.ofSeconds(60)).until(() -> !List.of("queued", "running")
                .contains(training.run(id).status()));
        return training.run(id);
    }

    @Test
    void aRunTrainsRegistersAndServesAModelAndKeepsTheLastVersions() throws Exception {
        try (Database db = Database.open(dir.resolve("t.db").toString(), 2, 5000)) {
            TrainingStore store = new TrainingStore(db.dataSource());
            ModelRegistry registry = new ModelRegistry(store, dir.resolve("models"), 2, Clock.systemUTC());
            InferenceService inference = new InferenceService(registry, InferenceService.onnxRuntime());
            TrainingService training = new TrainingService(store, registry,
                    Map.of(ModelType.HOME_TYPE_CLASSIFIER, (params, progress) -> homes(120, ((Number) params
                            .getOrDefault("seed", 1L)).longValue())), new Trainer()::train, Clock.systemUTC());
            assertThat(inference.score(ModelType.HOME_TYPE_CLASSIFIER, new float[][] {new float[HomeFeatures.NAMES.size()]})).isEmpty();

            RunRow done = finished(training, training.start(ModelType.HOME_TYPE_CLASSIFIER, "api", Map.of("seed", 1L))
                    .runId());
            assertThat(done.status()).as(String.valueOf(done.error())).isEqualTo("succeeded");
            assertThat(done.progress()).isEqualTo(1.0);
            assertThat(done.datasetSize()).isEqualTo(120);
            assertThat(done.metrics()).contains("accuracy").contains("f1").contains("loss");
            assertThat(done.modelVersion()).isEqualTo(1);
            assertThat(Files.size(Path.of(done.modelPath()))).isPositive();
            InferenceService.Scored scored = inference.score(ModelType.HOME_TYPE_CLASSIFIER,
                    homes(3, 99).x().toArray(float[][]::new)).orElseThrow();
            assertThat(scored.source()).isEqualTo("home_type_classifier v1");
            for (float[] p : scored.probabilities()) {
                double sum = 0;
                for (float v : p) {
                    sum += v;
                }
                assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
            }

            for (long seed = 2; seed <= 3; seed++) {
                assertThat(finished(training, training.start(ModelType.HOME_TYPE_CLASSIFIER, "api",
                        Map.of("seed", seed)).runId()).status()).isEqualTo("succeeded");
            }
            // keep 2: version 1 and its file are gone, 3 is active and served
            assertThat(registry.models(ModelType.HOME_TYPE_CLASSIFIER)).extracting(r -> r.version())
                    .containsExactly(3, 2);
            assertThat(Files.exists(Path.of(done.modelPath()))).isFalse();
            assertThat(inference.score(ModelType.HOME_TYPE_CLASSIFIER, new float[][] {new float[HomeFeatures.NAMES.size()]})
                    .orElseThrow().source()).isEqualTo("home_type_classifier v3");
            // activating an older kept version serves it at once
            assertThat(registry.activate(ModelType.HOME_TYPE_CLASSIFIER, 2)).isTrue();
            assertThat(inference.score(ModelType.HOME_TYPE_CLASSIFIER, new float[][] {new float[HomeFeatures.NAMES.size()]})
                    .orElseThrow().version()).isEqualTo(2);
            inference.close();
            training.close();
        }
    }

    @Test
    void oneRunPerTypeAFailureIsRecordedAndARestartIsTruthful() throws Exception {
        try (Database db = Database.open(dir.resolve("r.db").toString(), 2, 5000)) {
            TrainingStore store = new TrainingStore(db.dataSource());
            ModelRegistry registry = new ModelRegistry(store, dir.resolve("models"), 3, Clock.systemUTC());
            CountDownLatch release = new CountDownLatch(1);
            TrainingService training = new TrainingService(store, registry, Map.of(
                    ModelType.HOME_TYPE_CLASSIFIER, (params, progress) -> {
                        try {
                            release.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        throw new IllegalArgumentException("no homes today");
                    }), new Trainer()::train, Clock.systemUTC());
            RunRow first = training.start(ModelType.HOME_TYPE_CLASSIFIER, "api", Map.of());
            assertThatThrownBy(() -> training.start(ModelType.HOME_TYPE_CLASSIFIER, "api", Map.of()))
                    .isInstanceOf(ConflictException.class).hasMessageContaining(first.runId());
            assertThatThrownBy(() -> training.delete(first.runId())).isInstanceOf(ConflictException.class);
            release.countDown();
            RunRow failed = finished(training, first.runId());
            assertThat(failed.status()).isEqualTo("failed");
            assertThat(failed.error()).contains("no homes today");
            // a type without a data source fails the same way, visibly
            RunRow none = finished(training, training.start(ModelType.SYNERGY_SCORER, "api", Map.of()).runId());
            assertThat(none.error()).contains("no training data source");
            training.delete(none.runId());
            assertThat(training.runs(null, 10)).extracting(RunRow::runId).containsExactly(first.runId());

            // a process stopped mid-run: the next one marks it failed, not running forever
            store.insertUnlessBusy(new RunRow("tr-left", "synergy_scorer", "running", "api", "training", 0.4, null,
                    null, null, null, null, "{}", 1L, 1L, null));
            // ... and one stopped after its model was registered: it succeeded, with that version
            store.insertUnlessBusy(new RunRow("tr-registered", "home_type_classifier", "running", "api", "registering",
                    0.95, null, null, null, null, null, "{}", 2L, 2L, null));
            registry.register(new Trainer().train(ModelType.HOME_TYPE_CLASSIFIER, homes(60, 5), 5, p -> { }),
                    "tr-registered");
            TrainingService next = new TrainingService(store, registry, Map.of(), new Trainer()::train,
                    Clock.systemUTC());
            assertThat(next.recoverInterrupted()).isEqualTo(1);
            RunRow registered = next.run("tr-registered");
            assertThat(registered.status()).isEqualTo("succeeded");
            assertThat(registered.modelVersion()).isEqualTo(1);
            RunRow left = next.run("tr-left");
            assertThat(left.status()).isEqualTo("failed");
            assertThat(left.error()).isEqualTo(TrainingService.INTERRUPTED);
            assertThat(left.finishedAt()).isNotNull();
            // old finished runs go, the newest of each type stays
            // old finished runs go, keeping the newest of each type: of the two home type runs one goes
            assertThat(next.deleteOld(0, 1)).isEqualTo(1);
            training.close();
            next.close();
        }
    }

    @Test
    void theRankerBlendsItsModelWithThePriorByItsLabelCount() throws Exception {
        try (Database db = Database.open(dir.resolve("k.db").toString(), 2, 5000)) {
            TrainingStore store = new TrainingStore(db.dataSource());
            ModelRegistry registry = new ModelRegistry(store, dir.resolve("models"), 5, Clock.systemUTC());
            InferenceService inference = new InferenceService(registry, InferenceService.onnxRuntime());
            SuggestionRanker ranker = new SuggestionRanker(inference, registry);
            Map<String, Object> security = Map.of("id", "s", "category", "security", "priority", "high",
                    "confidence", 0.9, "safety_score", 100, "source", Map.of("kind", "synergy", "type", "device_pair"),
                    "entity_ids", List.of("binary_sensor.door", "lock.front"), "automation", Map.of(
                            "triggers", List.of(Map.of("trigger", "state")),
                            "actions", List.of(Map.of("action", "lock.lock"))));
            Map<String, Object> light = Map.of("id", "l", "category", "convenience", "priority", "medium",
                    "confidence", 0.9, "safety_score", 100, "source", Map.of("kind", "pattern", "type", "time_of_day"),
                    "entity_ids", List.of("light.hall"), "automation", Map.of(
                            "triggers", List.of(Map.of("trigger", "time", "at", "07:00:00")),
                            "actions", List.of(Map.of("action", "light.turn_on"))));
            Map<String, Object> prior = ranker.score(List.of(security)).get(0);
            assertThat(prior.get("source").toString()).startsWith("prior");
            assertThat(prior.get("score")).isEqualTo(prior.get("prior"));

            // this household approves its lock automations and rejects its time-of-day lights
            List<io.hestia.training.ml.RankerLabel> labels = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                labels.add(new io.hestia.training.ml.RankerLabel(SuggestionRanker.input(security), true));
                labels.add(new io.hestia.training.ml.RankerLabel(SuggestionRanker.input(light), false));
            }
            registry.register(new Trainer().train(ModelType.SUGGESTION_RANKER,
                    io.hestia.training.ml.RankerData.build(labels), 1, p -> { }), "r");
            List<Map<String, Object>> scored = ranker.score(List.of(security, light));
            assertThat(scored.get(0).get("source").toString()).contains("suggestion_ranker v1").contains("80 labels");
            assertThat((double) scored.get(0).get("model_probability")).isGreaterThan(0.9);
            assertThat((double) scored.get(1).get("model_probability")).isLessThan(0.1);
            // 80 labels weigh 80 / (80 + 20): the learnt rejection pulls the light well below its prior
            assertThat((double) scored.get(1).get("score")).isLessThan((double) scored.get(1).get("prior") - 0.4);
            assertThat((double) scored.get(0).get("score")).isGreaterThan((double) scored.get(1).get("score"));
            inference.close();
        }
    }

    @Test
    void aNewVersionIsSwappedInUnderConcurrentScoringWithoutFailingARequest() throws Exception {
        try (Database db = Database.open(dir.resolve("s.db").toString(), 2, 5000)) {
            TrainingStore store = new TrainingStore(db.dataSource());
            ModelRegistry registry = new ModelRegistry(store, dir.resolve("models"), 5, Clock.systemUTC());
            InferenceService inference = new InferenceService(registry, InferenceService.onnxRuntime());
            Trainer trainer = new Trainer();
            registry.register(trainer.train(ModelType.HOME_TYPE_CLASSIFIER, homes(100, 1), 1, p -> { }), "a");
            float[][] x = homes(20, 7).x().toArray(float[][]::new);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger calls = new AtomicInteger();
            List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
            List<Integer> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Thread th = new Thread(() -> {
                    while (!stop.get()) {
                        try {
                            InferenceService.Scored s = inference.score(ModelType.HOME_TYPE_CLASSIFIER, x)
                                    .orElseThrow();
                            assertThat(s.probabilities()).hasNumberOfRows(20);
                            if (!seen.contains(s.version())) {
                                seen.add(s.version());
                            }
                            calls.incrementAndGet();
                        } catch (Throwable e) {
                            failures.add(e);
                        }
                    }
                });
                threads.add(th);
                th.start();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> calls.get() > 200);
            for (long seed = 2; seed <= 4; seed++) { // three swaps while scoring goes on
                registry.register(trainer.train(ModelType.HOME_TYPE_CLASSIFIER, homes(100, seed), seed, p -> { }),
                        "r" + seed);
                int before = calls.get();
                await().atMost(Duration.ofSeconds(30)).until(() -> calls.get() > before + 100);
            }
            stop.set(true);
            for (Thread th : threads) {
                th.join();
            }
            assertThat(failures).isEmpty();
            assertThat(seen).contains(1, 4);
            assertThat(inference.score(ModelType.HOME_TYPE_CLASSIFIER, x).orElseThrow().version()).isEqualTo(4);
            inference.close();
        }
    }
}
