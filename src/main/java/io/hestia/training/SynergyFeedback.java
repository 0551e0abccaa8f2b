package io.hestia.training;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.hestia.platform.Json;
import io.hestia.platform.ServiceCaller;
import io.hestia.platform.UnavailableException;
import io.hestia.training.ml.HomeGraph;
import io.hestia.training.ml.PairFeedback;
import io.hestia.training.ml.PairInput;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The household's verdicts on synergies as synergy scorer labels: every pair synergy of the pattern service with
 * feedback (accepted when more approvals than rejections), its features from the live home graph. Read through the
 * service client (target {@code pattern}).
 */
public final class SynergyFeedback {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final ServiceCaller caller;
    private final Map<String, String> headers;
    private final SynergyScorer scorer;

    public SynergyFeedback(ServiceCaller caller, Map<String, String> headers, SynergyScorer scorer) {
        this.caller = caller;
        this.headers = headers;
        this.scorer = scorer;
    }

    public List<PairFeedback> labels() {
        List<Map<String, Object>> synergies = items("/api/v1/synergies", "synergies", "include_inactive=true");
        List<PairFeedback> out = new ArrayList<>();
        HomeGraph graph = null;
        for (Map<String, Object> s : synergies) {
            Map<?, ?> feedback = s.get("feedback") instanceof Map<?, ?> f ? f : Map.of();
            int accepted = feedback.get("accepted") instanceof Number n ? n.intValue() : 0;
            int rejected = feedback.get("rejected") instanceof Number n ? n.intValue() : 0;
            if (accepted == rejected || !(s.get("entity_ids") instanceof List<?> ids) || ids.size() != 2) {
                continue;
            }
            if (graph == null) {
                graph = scorer.graph(items("/api/v1/patterns", "patterns", "type=co_occurrence"));
            }
            out.add(new PairFeedback(PairInput.fromSynergyItem(s, graph), accepted > rejected));
        }
        return out;
    }

    private List<Map<String, Object>> items(String path, String field, String query) {
        ServiceCaller.Response r = caller.call("pattern", "GET", path, query + "&limit=500", headers, null);
        if (!r.ok()) {
            throw new UnavailableException("the pattern service answered " + r.status() + " for " + path);
        }
        try {
            List<Map<String, Object>> out = new ArrayList<>();
            for (JsonNode n : Json.mapper().readTree(r.body()).path(field)) {
                out.add(Json.mapper().convertValue(n, MAP));
            }
            return out;
        } catch (IOException e) {
            throw new UnavailableException("the pattern service's " + field + " are not JSON: " + e.getMessage());
        }
    }
}
