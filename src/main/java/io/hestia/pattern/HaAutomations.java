package io.hestia.pattern;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.hestia.ha.HaRestClient;
import io.hestia.platform.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The home's automations as HA stores them: every {@code automation.*} state whose attributes carry a config
 * {@code id} (automations from the UI or {@code automations.yaml}), read through
 * {@code GET /api/config/automation/config/<id>}. YAML-only automations without an id cannot be read over the API
 * and are not seen. Throws when HA cannot be reached, so the analysis records a warning.
 */
public final class HaAutomations implements Supplier<List<Map<String, Object>>> {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final Supplier<HaRestClient> rest;

    public HaAutomations(Supplier<HaRestClient> rest) {
        this.rest = rest;
    }

    @Override
    public List<Map<String, Object>> get() {
        HaRestClient client = rest.get();
        if (client == null) {
            return List.of();
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (JsonNode state : client.states()) {
            String entityId = state.path("entity_id").asText("");
            String id = state.path("attributes").path("id").asText(null);
            if (!entityId.startsWith("automation.") || id == null || id.isBlank()) {
                continue;
            }
            JsonNode config = client.automationConfig(id);
            if (config != null && config.isObject()) {
                out.add(Json.mapper().convertValue(config, MAP));
            }
        }
        return out;
    }
}
