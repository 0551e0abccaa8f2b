package io.hestia.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.hestia.pattern.mining.AutomationCoverage;
import io.hestia.platform.ConflictException;
import io.hestia.platform.InvalidInputException;
import io.hestia.platform.Json;
import io.hestia.store.AnalysisRunStore;
import io.hestia.store.Database;
import io.hestia.store.EventStore;
import io.hestia.store.IngestStateStore;
import io.hestia.store.MinedItemStore;
import io.hestia.store.RegistryStore;
import io.hestia.training.synthetic.HomeType;
import io.hestia.training.synthetic.PlantedSequence;
import io.hestia.training.synthetic.SyntheticHome;
import io.hestia.training.synthetic.SyntheticHomeGenerator;
import io.hestia.training.synthetic.SyntheticSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The analysis end to end on real SQLite files with a synthetic home's registries and history: results stored by
 * stable id, reruns that update instead of duplicating, already-automated pairs left out, feedback that survives a
 * restart and a rerun, failures that fail the run, and one run at a time.
 */
class AnalysisServiceTest {

    private static final Instant END = Instant.parse("2026-11-02T00:00:00Z");
    private static SyntheticHome home;

    @TempDir
    Path dir;

    @BeforeAll
    static void generate() {
        home = SyntheticHomeGenerator.generate(new SyntheticSpec(7, HomeType.APARTMENT, 20, 21, END,
                ZoneId.of("Europe/Berlin")));
    }

    /** One process's worth of stores and services over the database file. */
    private final class Instance implements AutoCloseable {
        final Database db = Database.open(dir.resolve("hestia.db").toString(), 4, 5000);
        final MinedItemStore items = new MinedItemStore(db.dataSource());
        final AnalysisService analysis;
        final PatternApi api;

        Instance(Supplier<List<Map<String, Object>>> automations, MiningPipeline pipeline) {
            analysis = new AnalysisService(new AnalysisRunStore(db.dataSource()), items, new EventStore(db.dataSource()),
                    new RegistryStore(db.dataSource()), new IngestStateStore(db.dataSource()), automations,
                    AutomationCoverage::pairs, pipeline, new Scoring(4, 0.8), Clock.fixed(END, ZoneOffset.UTC), 21, 365);
            api = new PatternApi(analysis, items, new Scoring(4, 0.8), Clock.fixed(END, ZoneOffset.UTC),
                    "0 0 3 * * ?", TimeZone.getTimeZone("Europe/Berlin"));
        }

        Instance() {
            this(List::of, DefaultMiningPipeline.defaults());
        }

        void load() {
            new RegistryStore(db.dataSource()).replace(home.home().floors(), home.home().areas(), home.home().devices(),
                    home.home().entities());
            new IngestStateStore(db.dataSource()).putConfig(Map.of("time_zone", home.home().timeZone()));
            new EventStore(db.dataSource()).insert(home.home().events());
        }

        AnalysisRunStore.Run run() {
            return analysis.runScheduled().orElseThrow();
        }

        @Override
        public void close() {
            analysis.close();
            db.close();
        }
    }

    private static List<String> ids(Map<String, MinedItemStore.Item> items) {
        return new ArrayList<>(items.keySet());
    }

    @Test
    void aRunStoresPatternsSynergiesAndAnomaliesAndARerunUpdatesThemInPlace() {
        try (Instance app = new Instance()) {
            app.load();
            AnalysisRunStore.Run first = app.run();
            assertThat(first.status()).as(first.error()).isEqualTo(AnalysisRunStore.Status.SUCCEEDED);
            long inWindow = new EventStore(app.db.dataSource()).streamStates(first.windowStartMs(), first.windowEndMs(),
                    (e, st, old, t) -> { });
            assertThat(first.eventsRead()).isEqualTo(inWindow).isGreaterThan(home.home().events().size() * 9L / 10);
            assertThat(first.patterns()).isPositive();
            assertThat(first.synergies()).isPositive();
            assertThat(first.phaseMsJson()).contains("events").contains("store");
            // whole local days: 21 days up to the home's last midnight (Berlin, 2026-11-02 00:00 = 11-01 23:00Z)
            assertThat(Instant.ofEpochMilli(first.windowEndMs())).isEqualTo(Instant.parse("2026-11-01T23:00:00Z"));
            assertThat(Instant.ofEpochMilli(first.windowStartMs())).isEqualTo(Instant.parse("2026-10-11T22:00:00Z"));
            // every item can be checked by a person: a sentence and sample times
            for (String kind : List.of("pattern", "synergy", "anomaly")) {
                assertThat(app.items.active(kind).values()).as(kind).isNotEmpty().allSatisfy(it -> {
                    assertThat(it.explanation()).isNotBlank();
                    assertThat(it.samplesJson()).as(it.itemId()).isNotEqualTo("[]");
                });
            }
            List<String> patterns = ids(app.items.active("pattern"));
            List<String> synergies = ids(app.items.active("synergy"));
            List<String> anomalies = ids(app.items.active("anomaly"));

            AnalysisRunStore.Run second = app.run();
            assertThat(second.status()).isEqualTo(AnalysisRunStore.Status.SUCCEEDED);
            assertThat(ids(app.items.active("pattern"))).containsExactlyInAnyOrderElementsOf(patterns);
            assertThat(ids(app.items.active("synergy"))).containsExactlyInAnyOrderElementsOf(synergies);
            assertThat(ids(app.items.active("anomaly"))).containsExactlyInAnyOrderElementsOf(anomalies);
            assertThat(app.items.stats("pattern").inactive()).isZero();
            // each item has one history point per run
            assertThat(app.items.history(patterns.get(0), 10)).hasSize(2);

            JsonNode status = Json.mapper().valueToTree(app.api.status());
            assertThat(status.get("last_run").get("id").asText()).isEqualTo(second.runId());
            assertThat(status.get("next_fire_time").asText()).isEqualTo("2026-11-02T02:00:00Z"); // 03:00 Berlin
        }
    }

    @Test
    void pairsTheHomeAlreadyAutomatesAreNotSuggested() {
        PlantedSequence planted = home.truth().sequences().get(0);
        List<String> pair = List.of(planted.triggerEntity(), planted.actionEntity());
        try (Instance app = new Instance()) {
            app.load();
            app.run();
            assertThat(app.items.active("synergy").values()).anyMatch(s -> s.entityIds().equals(pair));
        }
        Map<String, Object> automation = Map.of("id", "1700000000001", "alias", "existing",
                "triggers", List.of(Map.of("trigger", "state", "entity_id", planted.triggerEntity(), "to",
                        planted.triggerState())),
                "actions", List.of(Map.of("action", planted.actionEntity().split("\\.")[0] + ".turn_on",
                        "target", Map.of("entity_id", planted.actionEntity()))));
        try (Instance app = new Instance(() -> List.of(automation), DefaultMiningPipeline.defaults())) {
            app.run();
            assertThat(app.items.active("synergy").values()).noneMatch(s -> s.entityIds().size() == 2
                    && s.entityIds().equals(pair));
        }
    }

    @Test
    void unreadableAutomationsDegradeTheRunWithAWarning() {
        try (Instance app = new Instance(() -> {
            throw new IllegalStateException("HA is not connected");
        }, DefaultMiningPipeline.defaults())) {
            app.load();
            AnalysisRunStore.Run run = app.run();
            assertThat(run.status()).isEqualTo(AnalysisRunStore.Status.SUCCEEDED);
            assertThat(run.warningsJson()).contains("HA is not connected");
        }
    }

    @Test
    void feedbackSurvivesARestartAndARerun() throws Exception {
        String id;
        double base;
        try (Instance app = new Instance()) {
            app.load();
            app.run();
            MinedItemStore.Item synergy = app.items.active("synergy").values().iterator().next();
            id = synergy.itemId();
            base = synergy.baseScore();
            JsonNode answer = Json.mapper().valueToTree(app.api.feedback("synergy", id,
                    "{\"accepted\": true, \"rating\": 5, \"comment\": \"yes please\"}"));
            assertThat(answer.get("score").asDouble()).isGreaterThan(base - 1e-9);
            assertThat(answer.get("explanation").asText()).contains("1 accepted");
        }
        try (Instance app = new Instance()) { // a new process over the same file
            app.run();
            JsonNode item = Json.mapper().valueToTree(app.api.get("synergy", id));
            assertThat(item.get("feedback").get("accepted").asInt()).isEqualTo(1);
            assertThat(item.get("score").asDouble()).isGreaterThan(item.get("base_score").asDouble());
            assertThat(item.get("explanation").asText()).contains("Your feedback (1 accepted, 0 rejected) raised");
            assertThat(item.get("trend").get("history")).hasSize(2);
        }
    }

    @Test
    void aFailingStepFailsTheRunVisibly() {
        MiningPipeline broken = (home, states, start, end) -> {
            throw new IllegalStateException("detector exploded");
        };
        try (Instance app = new Instance(List::of, broken)) {
            app.load();
            AnalysisRunStore.Run run = app.run();
            assertThat(run.status()).isEqualTo(AnalysisRunStore.Status.FAILED);
            assertThat(run.error()).contains("detector exploded");
            assertThat(app.analysis.running()).isEmpty();
        }
    }

    @Test
    void oneRunAtATime() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        MiningPipeline slow = (home, states, start, end) -> {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return DefaultMiningPipeline.defaults().open(home, states, start, end);
        };
        try (Instance app = new Instance(List::of, slow)) {
            AnalysisRunStore.Run started = app.analysis.start("api", null);
            entered.await();
            assertThatThrownBy(() -> app.analysis.start("api", null)).isInstanceOf(ConflictException.class)
                    .hasMessageContaining(started.runId());
            assertThat(app.analysis.runScheduled()).isEmpty(); // the schedule skips, it does not queue
            release.countDown();
            org.awaitility.Awaitility.await().until(() -> app.analysis.get(started.runId()).status()
                    != AnalysisRunStore.Status.RUNNING);
            assertThatThrownBy(() -> app.analysis.start("api", 6)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("between 7 and 365");
        }
    }
}
