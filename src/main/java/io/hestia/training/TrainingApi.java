package io.hestia.training;

import static io.hestia.platform.QueryParams.intParam;

import com.fasterxml.jackson.databind.JsonNode;
import io.hestia.platform.InvalidInputException;
import io.hestia.platform.Json;
import io.hestia.platform.JsonBody;
import io.hestia.platform.NotFoundException;
import io.hestia.store.TrainingStore.ModelRow;
import io.hestia.store.TrainingStore.RunRow;
import io.hestia.training.ml.ModelType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Request mapping of the training API: runs and the model registry. No Camel types. */
public final class TrainingApi {

    private final TrainingService training;
    private final SuggestionRanker ranker;
    private final SynergyScorer synergies;

    public TrainingApi(TrainingService training, SuggestionRanker ranker, SynergyScorer synergies) {
        this.training = training;
        this.ranker = ranker;
        this.synergies = synergies;
    }

    /** {@code {synergies: [items], patterns?: [co-occurrence items]}} to {@code {scores: [{id, score, source}]}}. */
    public Map<String, Object> scoreSynergies(String body) {
        JsonNode json = JsonBody.object(body);
        List<Map<String, Object>> items = objects(json, "synergies", true);
        for (int i = 0; i < items.size(); i++) {
            entityIds(items.get(i), "synergies[" + i + "].entity_ids", 2);
        }
        List<Map<String, Object>> patterns = objects(json, "patterns", false);
        for (int i = 0; i < patterns.size(); i++) {
            entityIds(patterns.get(i), "patterns[" + i + "].entity_ids", 1);
        }
        return Map.of("scores", synergies.score(items, patterns));
    }

    /** Entity ids must be a list of at least {@code min} non-blank texts. */
    private static void entityIds(Map<String, Object> item, String field, int min) {
        if (!(item.get("entity_ids") instanceof List<?> ids) || ids.size() < min) {
            throw InvalidInputException.of(field, "must list at least " + min + " entity ids");
        }
        for (Object id : ids) {
            if (!(id instanceof String text) || text.isBlank()) {
                throw InvalidInputException.of(field, "must hold entity ids as text, found " + id);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> objects(JsonNode json, String field, boolean required) {
        JsonNode list = json.get(field);
        if (list == null || list.isNull()) {
            if (required) {
                throw InvalidInputException.of(field, "is required: a list of objects");
            }
            return List.of();
        }
        if (!list.isArray()) {
            throw InvalidInputException.of(field, "must be a list of objects");
        }
        if (list.size() > 10_000) {
            throw InvalidInputException.of(field, "must hold at most 10000 items, has " + list.size());
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!list.get(i).isObject()) {
                throw InvalidInputException.of(field + "[" + i + "]", "must be an object");
            }
            items.add(Json.mapper().convertValue(list.get(i), Map.class));
        }
        return items;
    }

    /** {@code {suggestions: [suggestion views]}} to {@code {scores: [{id, score, prior, model_probability?, source}]}}. */
    public Map<String, Object> rank(String body) {
        List<Map<String, Object>> items = objects(JsonBody.object(body), "suggestions", true);
        for (int i = 0; i < items.size(); i++) {
            for (String key : List.of("confidence", "safety_score")) {
                Object v = items.get(i).get(key);
                if (v != null && !(v instanceof Number n && Double.isFinite(n.doubleValue()))) {
                    throw InvalidInputException.of("suggestions[" + i + "]." + key, "must be a finite number");
                }
            }
        }
        return Map.of("scores", ranker.score(items));
    }

    /** {@code {type, homes?, seed?}}: queues a run; the caller answers 202. */
    public Map<String, Object> start(String body) {
        JsonNode json = JsonBody.object(body);
        ModelType type = type(json.get("type"));
        Map<String, Object> params = new LinkedHashMap<>();
        JsonNode homes = json.get("homes");
        if (homes != null && !homes.isNull()) {
            if (!homes.isIntegralNumber() || !homes.canConvertToInt() || homes.asInt() < 10 || homes.asInt() > 5000) {
                throw InvalidInputException.of("homes", "must be a whole number from 10 to 5000, was " + homes);
            }
            params.put("homes", homes.asInt());
        }
        JsonNode seed = json.get("seed");
        if (seed != null && !seed.isNull()) {
            if (!seed.isIntegralNumber() || !seed.canConvertToLong()) {
                throw InvalidInputException.of("seed", "must be a whole number, was " + seed);
            }
            params.put("seed", seed.asLong());
        }
        return run(training.start(type, "api", params));
    }

    public Map<String, Object> get(String id) {
        return run(training.run(id));
    }

    public Map<String, Object> list(String type, String limit) {
        ModelType t = type == null || type.isBlank() ? null : typeParam(type);
        int n = intParam("limit", limit, 50, 1, 500);
        List<Map<String, Object>> runs = new ArrayList<>();
        training.runs(t, n).forEach(r -> runs.add(run(r)));
        return Map.of("runs", runs, "count", runs.size());
    }

    public Map<String, Object> delete(String id) {
        training.delete(id);
        return Map.of("deleted", id);
    }

    public Map<String, Object> deleteOld(String olderThanDays, String keepRecent) {
        if (olderThanDays == null || olderThanDays.isBlank()) {
            throw InvalidInputException.of("older_than_days", "is required: delete finished runs older than this");
        }
        int days = intParam("older_than_days", olderThanDays, 0, 0, 36500);
        int keep = intParam("keep_recent", keepRecent, 5, 0, 1000);
        return Map.of("deleted", training.deleteOld(days, keep), "older_than_days", days, "keep_recent", keep);
    }

    public Map<String, Object> models(String type) {
        ModelType t = type == null || type.isBlank() ? null : typeParam(type);
        List<Map<String, Object>> out = new ArrayList<>();
        training.registry().models(t).forEach(m -> out.add(model(m)));
        return Map.of("models", out, "count", out.size());
    }

    public Map<String, Object> activate(String type, String version) {
        ModelType t = typeParam(type);
        int v = intParam("version", version, 0, 1, Integer.MAX_VALUE);
        if (!training.registry().activate(t, v)) {
            throw new NotFoundException("no " + t.id() + " model version " + v);
        }
        return model(training.registry().active(t).orElseThrow());
    }

    // ---- parsing and views ----

    private static ModelType type(JsonNode node) {
        if (node == null || !node.isTextual()) {
            throw InvalidInputException.of("type", "is required: home_type_classifier, synergy_scorer or "
                    + "suggestion_ranker");
        }
        try {
            return ModelType.fromId(node.asText());
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("type", e.getMessage());
        }
    }

    private static ModelType typeParam(String value) {
        try {
            return ModelType.fromId(value);
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("type", e.getMessage());
        }
    }


    static Map<String, Object> run(RunRow r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", r.runId());
        out.put("type", r.modelType());
        out.put("status", r.status());
        out.put("trigger", r.trigger());
        out.put("phase", r.phase());
        out.put("progress", Math.round(r.progress() * 1000) / 1000.0);
        out.put("dataset_size", r.datasetSize());
        out.put("metrics", Json.stored(r.metrics()));
        out.put("model_version", r.modelVersion());
        out.put("model_path", r.modelPath());
        out.put("error", r.error());
        out.put("params", Json.stored(r.params()));
        out.put("created_at", iso(r.createdAt()));
        out.put("started_at", r.startedAt() == null ? null : iso(r.startedAt()));
        out.put("finished_at", r.finishedAt() == null ? null : iso(r.finishedAt()));
        Long end = r.finishedAt();
        out.put("duration_ms", r.startedAt() == null ? null
                : (end == null ? System.currentTimeMillis() : end) - r.startedAt());
        return out;
    }

    static Map<String, Object> model(ModelRow m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", m.modelType());
        out.put("version", m.version());
        out.put("active", m.active());
        out.put("algorithm", m.algorithm());
        out.put("metrics", Json.stored(m.metrics()));
        out.put("dataset_size", m.datasetSize());
        out.put("features", Json.stored(m.featureNames()));
        out.put("labels", Json.stored(m.labels()));
        out.put("path", m.path());
        out.put("run_id", m.runId());
        out.put("created_at", iso(m.createdAt()));
        return out;
    }


    private static String iso(long ms) {
        return Instant.ofEpochMilli(ms).toString();
    }
}
