package io.hestia.ha;

import com.fasterxml.jackson.databind.JsonNode;
import io.hestia.ha.home.StateEvent;
import io.hestia.platform.Json;
import io.hestia.platform.ServiceCaller;
import io.hestia.platform.UnavailableException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.function.Consumer;

/** HA's REST API (reference/home-assistant.md Part B), through the guarded service client. */
public final class HaRestClient {

    public static final String TARGET = "ha";

    private final ServiceCaller caller;
    private final String token;

    public HaRestClient(ServiceCaller caller, String token) {
        this.caller = caller;
        this.token = token;
    }

    /** HA's answer with a status other than 2xx. */
    public static final class HaHttpException extends RuntimeException {
        private final int status;
        private final String haMessage;

        public HaHttpException(int status, String haMessage) {
            super("HA answered " + status + ": " + haMessage);
            this.status = status;
            this.haMessage = haMessage;
        }

        public int status() {
            return status;
        }

        public String haMessage() {
            return haMessage;
        }
    }

    private ServiceCaller.Response call(String method, String path, String query, Object body) {
        byte[] bytes = body == null ? null : Json.write(body).getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json");
        return caller.call(TARGET, method, path, query, headers, bytes);
    }

    private JsonNode json(String method, String path, String query, Object body) {
        ServiceCaller.Response r = call(method, path, query, body);
        if (!r.ok()) {
            throw new HaHttpException(r.status(), messageOf(r));
        }
        try {
            return Json.mapper().readTree(r.body());
        } catch (IOException e) {
            throw new UnavailableException("HA answered " + path + " with unreadable JSON", e);
        }
    }

    private static String messageOf(ServiceCaller.Response r) {
        try {
            JsonNode n = Json.mapper().readTree(r.body());
            if (n != null && n.hasNonNull("message")) {
                return n.get("message").asText();
            }
        } catch (IOException | RuntimeException ignored) {
            // not JSON: HA answers 401 and some errors in plain text
        }
        return r.text();
    }

    /** {@code GET /api/}: true when HA answers "API running.". */
    public boolean ping() {
        return json("GET", "/api/", null, null).path("message").asText().startsWith("API running");
    }

    public JsonNode config() {
        return json("GET", "/api/config", null, null);
    }

    public JsonNode states() {
        return json("GET", "/api/states", null, null);
    }

    /** {@code GET /api/states/<entity_id>}, or null when HA has no such entity. */
    public JsonNode state(String entityId) {
        return jsonOrNull("/api/states/" + enc(entityId));
    }

    /** GET {@code path}: its JSON, or null when HA answers 404. */
    private JsonNode jsonOrNull(String path) {
        ServiceCaller.Response r = call("GET", path, null, null);
        if (r.status() == 404) {
            return null;
        }
        if (!r.ok()) {
            throw new HaHttpException(r.status(), messageOf(r));
        }
        try {
            return Json.mapper().readTree(r.body());
        } catch (IOException e) {
            throw new UnavailableException("HA answered " + path + " with unreadable JSON", e);
        }
    }

    /**
     * {@code GET /api/services}: domain to its service names. HA's documentation shows {@code services} as a list of
     * names, current HA a mapping from name to description; both are read.
     */
    public Map<String, java.util.Set<String>> services() {
        Map<String, java.util.Set<String>> out = new java.util.TreeMap<>();
        for (JsonNode d : json("GET", "/api/services", null, null)) {
            java.util.Set<String> names = new java.util.TreeSet<>();
            JsonNode services = d.path("services");
            if (services.isArray()) {
                services.forEach(n -> names.add(n.asText()));
            } else {
                services.fieldNames().forEachRemaining(names::add);
            }
            out.computeIfAbsent(d.path("domain").asText(), k -> new java.util.TreeSet<>()).addAll(names);
        }
        return out;
    }

    /** {@code POST /api/services/<domain>/<service>}; returns the changed states. */
    public JsonNode callService(String domain, String service, Map<String, ?> data) {
        return json("POST", "/api/services/" + enc(domain) + "/" + enc(service), null, data);
    }

    /**
     * Streams state changes of the given entities in [start, end) from {@code /api/history/period}, without the
     * state in effect at the start (which is not a change).
     *
     * @return number of state objects received
     */
    public long history(Collection<String> entityIds, long startMs, long endMs, boolean withAttributes,
                        Consumer<StateEvent> sink) {
        return history(entityIds, startMs, endMs, withAttributes, false, sink);
    }

    /**
     * As {@link #history(Collection, long, long, boolean, Consumer)}; with {@code minimalResponse} HA sends only
     * state and last_changed for items between the first and last of each entity (smaller answers; the
     * entity and previous state of those items are filled in from their neighbours).
     */
    public long history(Collection<String> entityIds, long startMs, long endMs, boolean withAttributes,
                        boolean minimalResponse, Consumer<StateEvent> sink) {
        StringBuilder q = new StringBuilder("filter_entity_id=").append(enc(String.join(",", entityIds)))
                .append("&end_time=").append(enc(HaTime.format(endMs)))
                .append("&skip_initial_state")
                // every change, as live ingest stores them (HA's default leaves out attribute-only updates)
                .append("&significant_changes_only=0");
        if (!withAttributes) {
            q.append("&no_attributes");
        }
        if (minimalResponse) {
            q.append("&minimal_response");
        }
        ServiceCaller.Response r = call("GET", "/api/history/period/" + enc(HaTime.format(startMs)), q.toString(),
                null);
        if (!r.ok()) {
            throw new HaHttpException(r.status(), messageOf(r));
        }
        try {
            return StateObjectReader.readHistory(new ByteArrayInputStream(r.body()), e -> {
                if (e.lastUpdated() >= startMs && e.lastUpdated() < endMs) {
                    sink.accept(e);
                }
            });
        } catch (IOException e) {
            throw new UnavailableException("HA's history answer could not be read: " + e.getMessage(), e);
        }
    }

    /** {@code GET /api/config/automation/config/<id>}, or null when HA has no such automation. */
    public JsonNode automationConfig(String id) {
        return jsonOrNull("/api/config/automation/config/" + enc(id));
    }

    /** {@code POST /api/config/automation/config/<id>}; HA's 400 message is in the thrown {@link HaHttpException}. */
    public void saveAutomationConfig(String id, Map<String, ?> automation) {
        json("POST", "/api/config/automation/config/" + enc(id), null, automation);
    }

    /** {@code DELETE /api/config/automation/config/<id>}; false when HA had no such automation. */
    public boolean deleteAutomationConfig(String id) {
        ServiceCaller.Response r = call("DELETE", "/api/config/automation/config/" + enc(id), null, null);
        if (r.ok()) {
            return true;
        }
        String message = messageOf(r);
        if (r.status() == 400 && message.contains("Resource not found")) {
            return false;
        }
        throw new HaHttpException(r.status(), message);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
