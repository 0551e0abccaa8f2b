package io.hestia.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.hestia.platform.Json;
import io.hestia.platform.ServiceCaller;
import io.hestia.platform.UnavailableException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link SynergyRanking} by the training service's {@code POST /api/v1/models/synergy_scorer/score}. */
public final class TrainingSynergyRanking implements SynergyRanking {

    static final String TARGET = "training";
    static final String PATH = "/api/v1/models/synergy_scorer/score";

    private final ServiceCaller caller;
    private final Map<String, String> headers;

    public TrainingSynergyRanking(ServiceCaller caller, Map<String, String> headers) {
        this.caller = caller;
        this.headers = headers;
    }

    @Override
    public Map<String, Ranked> rank(List<Map<String, Object>> synergies, List<Map<String, Object>> coOccurrences) {
        if (synergies.isEmpty()) {
            return Map.of();
        }
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put("Content-Type", "application/json");
        ServiceCaller.Response r = caller.call(TARGET, "POST", PATH, null, h,
                Json.write(Map.of("synergies", synergies, "patterns", coOccurrences))
                        .getBytes(StandardCharsets.UTF_8));
        if (!r.ok()) {
            throw new UnavailableException("the training service answered " + r.status() + ": " + r.text());
        }
        Map<String, Ranked> out = new HashMap<>();
        try {
            for (JsonNode n : Json.mapper().readTree(r.body()).path("scores")) {
                out.put(n.path("id").asText(), new Ranked(n.path("score").asDouble(), n.path("source").asText()));
            }
        } catch (IOException e) {
            throw new UnavailableException("the training service's scores are not JSON: " + e.getMessage());
        }
        return out;
    }
}
