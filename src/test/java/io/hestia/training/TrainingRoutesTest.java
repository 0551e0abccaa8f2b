package io.hestia.training;

import com.fasterxml.jackson.databind.JsonNode;
import io.hestia.SimulatedHaTestSupport;
import io.hestia.ha.home.Home;
import io.hestia.training.synthetic.HomeType;
import io.hestia.training.synthetic.SyntheticHomeGenerator;
import io.hestia.training.synthetic.SyntheticSpec;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Properties;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The training API over real HTTP: a home type classifier trained on synthetic homes in-process, exported to ONNX,
 * registered and served; classify answering from the heuristic before and from the model after; the ranker's
 * scores from the prior without a model; runs listed and deleted; problems naming the field.
 */
class TrainingRoutesTest extends SimulatedHaTestSupport {

    @Override
    protected Home simulatedHome() {
        return SyntheticHomeGenerator.generate(new SyntheticSpec(5, HomeType.TOWNHOUSE, 20, 2,
                Instant.now().truncatedTo(ChronoUnit.MINUTES), ZoneId.of("Europe/Berlin"))).home();
    }

    @Override
    protected Properties extraProperties() {
        Properties p = simProperties();
        p.put("hestia.ha.initial-backfill-days", "9");
        p.put("hestia.pattern.schedule-enabled", "false");
        p.put("hestia.training.schedule-enabled", "false");
        p.put("hestia.automation.sync-enabled", "false");
        return p;
    }

    @Test
    void trainRegisterServeAndClassify() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> json(get("/api/v1/entities?limit=1")).size() > 0);
        JsonNode before = json(post("/api/v1/home/classify", "", "application/json"));
        assertThat(before.get("source").asText()).isEqualTo("heuristic");
        assertThat(before.get("rule").asText()).isNotBlank();
        Set<String> types = Set.of("single_family", "apartment", "condo", "townhouse", "cottage", "studio",
                "multi_story", "ranch");
        assertThat(types).contains(before.get("type").asText());
        assertThat(before.get("summary").get("entities").asInt()).isPositive();

        HttpResponse<String> started = post("/api/v1/training/runs",
                "{\"type\": \"home_type_classifier\", \"homes\": 300, \"seed\": 3}", "application/json");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String id = json(started).get("id").asText();
        HttpResponse<String> again = post("/api/v1/training/runs", "{\"type\": \"home_type_classifier\"}",
                "application/json");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
        assertThat(json(again).get("detail").asText()).contains(id);
        await().atMost(Duration.ofSeconds(90)).until(() -> Set.of("succeeded", "failed")
                .contains(json(get("/api/v1/training/runs/" + id)).get("status").asText()));
        JsonNode run = json(get("/api/v1/training/runs/" + id));
        assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("succeeded");
        assertThat(run.get("dataset_size").asInt()).isEqualTo(300);
        assertThat(run.get("metrics").get("accuracy").asDouble()).isGreaterThan(0.3);
        assertThat(run.get("model_version").asInt()).isEqualTo(1);
        assertThat(run.get("duration_ms").asLong()).isPositive();

        JsonNode models = json(get("/api/v1/training/models?type=home_type_classifier"));
        assertThat(models.get("count").asInt()).isEqualTo(1);
        assertThat(models.get("models").get(0).get("active").asBoolean()).isTrue();
        JsonNode after = json(post("/api/v1/home/classify", "", "application/json"));
        assertThat(after.get("source").asText()).isEqualTo("model");
        assertThat(after.get("model").asText()).isEqualTo("home_type_classifier v1");
        assertThat(after.get("probabilities").size()).isEqualTo(8);

        // the ranker without a model: the prior, said so
        JsonNode scores = json(post("/api/v1/models/suggestion_ranker/score", "{\"suggestions\": [{\"id\": \"a\", "
                + "\"category\": \"security\", \"priority\": \"high\", \"confidence\": 0.9, \"safety_score\": 100, "
                + "\"source\": {\"kind\": \"synergy\", \"type\": \"device_pair\"}, \"entity_ids\": [\"a.b\", \"c.d\"],"
                + " \"automation\": {\"triggers\": [{\"trigger\": \"state\"}], \"actions\": [{\"action\": "
                + "\"lock.lock\"}]}}, {\"id\": \"b\", \"category\": \"convenience\", \"confidence\": 0.5}]}",
                "application/json"));
        assertThat(scores.get("scores").get(0).get("source").asText()).startsWith("prior");
        assertThat(scores.get("scores").get(0).get("score").asDouble())
                .isGreaterThan(scores.get("scores").get(1).get("score").asDouble());

        assertThat(json(get("/api/v1/training/runs?type=home_type_classifier")).get("count").asInt()).isEqualTo(1);
        HttpResponse<String> deleted = http.send(HttpRequest.newBuilder(URI.create(url("/api/v1/training/runs/"
                + id))).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/training/runs/" + id).statusCode()).isEqualTo(404);
        // the model stays registered
        assertThat(json(get("/api/v1/training/models")).get("count").asInt()).isEqualTo(1);
    }

    @Test
    void thePatternServiceRanksSynergiesWithTheTrainedScorer() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> json(get("/api/v1/entities?limit=1")).size() > 0);
        // before any model: the rule confidence ranks, and the synergy says so
        assertThat(analyse().get("model_source").asText()).isEqualTo("heuristic");

        String id = json(post("/api/v1/training/runs", "{\"type\": \"synergy_scorer\", \"homes\": 30}",
                "application/json")).get("id").asText();
        await().atMost(Duration.ofSeconds(90)).until(() -> Set.of("succeeded", "failed")
                .contains(json(get("/api/v1/training/runs/" + id)).get("status").asText()));
        JsonNode run = json(get("/api/v1/training/runs/" + id));
        assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("succeeded");
        assertThat(run.get("metrics").get("auc").asDouble()).isGreaterThan(0.7);

        JsonNode details = analyse();
        assertThat(details.get("model_source").asText()).isEqualTo("synergy_scorer v1");
        assertThat(details.get("model_score").asDouble()).isBetween(0.0, 1.0);

        // the household's verdict on a pair becomes a label of the next run (same seed: one example more)
        String pair = json(get("/api/v1/synergies?type=device_pair&limit=1")).get("synergies").get(0).get("id")
                .asText();
        assertThat(post("/api/v1/synergies/" + pair + "/feedback", "{\"accepted\": false}", "application/json")
                .statusCode()).isEqualTo(201);
        String second = json(post("/api/v1/training/runs", "{\"type\": \"synergy_scorer\", \"homes\": 30}",
                "application/json")).get("id").asText();
        await().atMost(Duration.ofSeconds(90)).until(() -> Set.of("succeeded", "failed")
                .contains(json(get("/api/v1/training/runs/" + second)).get("status").asText()));
        assertThat(json(get("/api/v1/training/runs/" + second)).get("dataset_size").asInt())
                .isEqualTo(run.get("dataset_size").asInt() + 1);
        assertField(post("/api/v1/models/synergy_scorer/score", "{\"synergies\": [{\"id\": \"x\", "
                + "\"entity_ids\": [\"light.a\"]}]}", "application/json"), "synergies[0].entity_ids");
    }

    /** Runs an analysis and returns the details of its best synergy. */
    private JsonNode analyse() throws Exception {
        JsonNode run = analysisRun(7);
        assertThat(run.get("status").asText()).isEqualTo("succeeded");
        assertThat(run.get("warnings").toString()).doesNotContain("synergy scorer");
        JsonNode synergies = json(get("/api/v1/synergies?limit=1")).get("synergies");
        assertThat(synergies.size()).isPositive();
        return synergies.get(0).get("details");
    }

    @Test
    void badRequestsNameTheField() throws Exception {
        assertField(post("/api/v1/training/runs", "{\"type\": \"gnn\"}", "application/json"), "type");
        assertField(post("/api/v1/training/runs", "{}", "application/json"), "type");
        assertField(post("/api/v1/training/runs", "{\"type\": \"home_type_classifier\", \"homes\": 5}",
                "application/json"), "homes");
        assertField(get("/api/v1/training/runs?limit=0"), "limit");
        assertField(post("/api/v1/models/suggestion_ranker/score", "{\"suggestions\": 3}", "application/json"),
                "suggestions");
        HttpResponse<String> old = http.send(HttpRequest.newBuilder(URI.create(url("/api/v1/training/runs")))
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertField(old, "older_than_days");
        assertThat(get("/api/v1/training/runs/tr-nope").statusCode()).isEqualTo(404);
        assertThat(post("/api/v1/training/models/home_type_classifier/9/activate", "", "application/json")
                .statusCode()).isEqualTo(404);
    }
}
