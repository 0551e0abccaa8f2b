package io.hestia.ha.sim;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One WebSocket API connection: auth phase, then commands (reference C). Runs on the simulator's event loop. */
final class WsSession implements SimCore.EventSink {

    private static final long AUTH_TIMEOUT_MILLIS = 10_000;

    private final ServerWebSocket ws;
    private final SimCore core;
    private final String token;
    private final Vertx vertx;
    private final Context context;
    private final Set<WsSession> sessions;
    private boolean authenticated;
    private boolean closed;
    private long lastId;
    private boolean coalesce;
    private final ArrayDeque<String> pending = new ArrayDeque<>();
    private boolean flushScheduled;
    private long authTimer = -1;

    WsSession(ServerWebSocket ws, SimCore core, String token, Vertx vertx, Context context, Set<WsSession> sessions) {
        this.ws = ws;
        this.core = core;
        this.token = token;
        this.vertx = vertx;
        this.context = context;
        this.sessions = sessions;
    }

    void open() {
        sessions.add(this);
        ws.textMessageHandler(this::onText);
        ws.binaryMessageHandler(b -> close()); // HA: "Received non-Text message."
        ws.exceptionHandler(e -> close());
        ws.closeHandler(v -> cleanup());
        ws.writeTextMessage(SimJson.write(Map.of("type", "auth_required", "ha_version", core.haVersion)));
        authTimer = vertx.setTimer(AUTH_TIMEOUT_MILLIS, id -> {
            if (!authenticated) {
                close();
            }
        });
    }

    void close() {
        if (!closed) {
            closed = true;
            ws.close();
        }
        cleanup();
    }

    private void cleanup() {
        closed = true;
        sessions.remove(this);
        core.unsubscribeAll(this);
        if (authTimer >= 0) {
            vertx.cancelTimer(authTimer);
            authTimer = -1;
        }
    }

    private void onText(String text) {
        if (closed) {
            return;
        }
        Object msg;
        try {
            msg = SimJson.parse(text);
        } catch (IOException e) {
            close(); // HA disconnects: "Received invalid JSON."
            return;
        }
        if (!authenticated) {
            auth(msg);
            return;
        }
        if (msg instanceof List<?> batch) {
            for (Object m : batch) {
                handle(m);
            }
        } else {
            handle(msg);
        }
    }

    private void auth(Object msg) {
        String error = null;
        if (!(msg instanceof Map<?, ?> m)) {
            error = "Auth message incorrectly formatted: expected a dictionary";
        } else if (!"auth".equals(m.get("type"))) {
            error = m.containsKey("type") ? "Auth message incorrectly formatted: value must be one of ['auth'] for"
                    + " dictionary value @ data['type']"
                    : "Auth message incorrectly formatted: required key not provided @ data['type']";
        } else if (m.containsKey("access_token") && !(m.get("access_token") instanceof String)) {
            error = "Auth message incorrectly formatted: expected str for dictionary value @ data['access_token']";
        } else if (!token.equals(m.get("access_token"))) {
            error = "Invalid access token or password";
        }
        if (error != null) {
            closed = true;
            ws.writeTextMessage(SimJson.write(Map.of("type", "auth_invalid", "message", error)))
                    .onComplete(r -> ws.close());
            cleanup();
            return;
        }
        authenticated = true;
        if (authTimer >= 0) {
            vertx.cancelTimer(authTimer);
            authTimer = -1;
        }
        ws.writeTextMessage(SimJson.write(Map.of("type", "auth_ok", "ha_version", core.haVersion)));
    }

    // ------------------------------------------------------------------ outgoing

    private void send(String json) {
        if (closed) {
            return;
        }
        if (!coalesce) {
            ws.writeTextMessage(json);
            return;
        }
        pending.add(json);
        if (!flushScheduled) {
            flushScheduled = true;
            context.runOnContext(v -> flush());
        }
    }

    private void flush() {
        flushScheduled = false;
        if (closed || pending.isEmpty()) {
            pending.clear();
            return;
        }
        if (pending.size() == 1) {
            ws.writeTextMessage(pending.poll());
            return;
        }
        StringBuilder sb = new StringBuilder().append('[');
        boolean first = true;
        while (!pending.isEmpty()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            sb.append(pending.poll());
        }
        ws.writeTextMessage(sb.append(']').toString());
    }

    @Override
    public void event(long subscriptionId, String eventJson) {
        send("{\"id\":" + subscriptionId + ",\"type\":\"event\",\"event\":" + eventJson + "}");
    }

    private void result(long id, Object result) {
        resultRaw(id, SimJson.write(result));
    }

    private void resultRaw(long id, String resultJson) {
        send("{\"id\":" + id + ",\"type\":\"result\",\"success\":true,\"result\":" + resultJson + "}");
    }

    private void error(Object id, String code, String message) {
        error(id, code, message, null);
    }

    private void error(Object id, String code, String message, Map<String, Object> extra) {
        Map<String, Object> err = new LinkedHashMap<>();
        err.put("code", code);
        err.put("message", message);
        if (extra != null) {
            err.putAll(extra);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("type", "result");
        m.put("success", false);
        m.put("error", err);
        send(SimJson.write(m));
    }

    // ------------------------------------------------------------------ commands

    /** A command-specific schema error (voluptuous' words). */
    private static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    @SuppressWarnings("unchecked")
    private void handle(Object raw) {
        if (!(raw instanceof Map<?, ?> rawMap)) {
            error(0, "invalid_format", "Message incorrectly formatted.");
            return;
        }
        Map<String, Object> msg = (Map<String, Object>) rawMap;
        Object idValue = msg.get("id");
        Object type = msg.get("type");
        if (!(idValue instanceof Integer || idValue instanceof Long) || ((Number) idValue).longValue() <= 0
                || !(type instanceof String t) || t.isEmpty()) {
            error(idValue, "invalid_format", "Message incorrectly formatted.");
            return;
        }
        long id = ((Number) idValue).longValue();
        if (id <= lastId) {
            error(id, "id_reuse", "Identifier values have to increase.");
            return;
        }
        if (!COMMANDS.contains(t)) {
            error(id, "unknown_command", "Unknown command.");
            return;
        }
        try {
            command(id, t, msg);
        } catch (Invalid e) {
            error(id, "invalid_format", e.getMessage());
        } catch (RuntimeException e) {
            error(id, "unknown_error", "Unknown error");
        }
        lastId = id;
    }

    private static final Set<String> COMMANDS = Set.of("ping", "supported_features", "get_states", "get_config",
            "get_services", "subscribe_events", "unsubscribe_events", "call_service", "fire_event",
            "config/area_registry/list", "config/floor_registry/list", "config/device_registry/list",
            "config/entity_registry/list", "config/entity_registry/get", "config/entity_registry/get_entries",
            "config/entity_registry/list_for_display", "config/label_registry/list", "validate_config",
            "automation/config");

    private void command(long id, String type, Map<String, Object> msg) throws Invalid {
        switch (type) {
            case "ping" -> send("{\"id\":" + id + ",\"type\":\"pong\"}");
            case "supported_features" -> {
                Object f = msg.get("features");
                if (!(f instanceof Map<?, ?> features)) {
                    throw new Invalid("required key not provided @ data['features']");
                }
                Object c = features.get("coalesce_messages");
                result(id, null);
                coalesce = c instanceof Number n ? n.doubleValue() != 0 : Boolean.TRUE.equals(c);
            }
            case "get_states" -> resultRaw(id, core.statesJson());
            case "get_config" -> result(id, core.config());
            case "get_services" -> result(id, core.serviceDescriptions());
            case "subscribe_events" -> {
                Object et = msg.get("event_type");
                if (et != null && !(et instanceof String)) {
                    throw new Invalid("expected str for dictionary value @ data['event_type']");
                }
                core.subscribe(this, id, (String) et);
                result(id, null);
            }
            case "unsubscribe_events" -> {
                if (!(msg.get("subscription") instanceof Number sub)) {
                    throw new Invalid("required key not provided @ data['subscription']");
                }
                if (core.unsubscribe(this, sub.longValue())) {
                    result(id, null);
                } else {
                    error(id, "not_found", "Subscription not found.");
                }
            }
            case "call_service" -> callService(id, msg);
            case "fire_event" -> {
                String et = requiredString(msg, "event_type");
                Map<String, Object> data = optionalMap(msg, "event_data");
                SimContext ctx = core.newContext(null, core.userId);
                core.fireCustom(et, data, "LOCAL", ctx);
                result(id, Map.of("context", contextMap(ctx)));
            }
            case "config/area_registry/list" -> result(id, core.registries.areas());
            case "config/floor_registry/list" -> result(id, core.registries.floors());
            case "config/device_registry/list" -> result(id, core.registries.devices());
            case "config/entity_registry/list" -> result(id, core.entityRegistryList());
            case "config/label_registry/list" -> result(id, List.of());
            case "config/entity_registry/list_for_display" -> result(id, core.registries.listForDisplay());
            case "config/entity_registry/get" -> {
                String entityId = requiredString(msg, "entity_id");
                Map<String, Object> entry = core.extendedRegistryEntry(entityId);
                if (entry == null) {
                    error(id, "not_found", "Entity not found");
                } else {
                    result(id, entry);
                }
            }
            case "config/entity_registry/get_entries" -> {
                if (!(msg.get("entity_ids") instanceof List<?> ids)) {
                    throw new Invalid("required key not provided @ data['entity_ids']");
                }
                Map<String, Object> out = new LinkedHashMap<>();
                for (Object e : ids) {
                    out.put(String.valueOf(e), core.extendedRegistryEntry(String.valueOf(e)));
                }
                result(id, out);
            }
            case "validate_config" -> result(id, core.validateConfig(msg));
            case "automation/config" -> {
                String entityId = requiredString(msg, "entity_id");
                Map<String, Object> config = core.automationConfigForEntity(entityId);
                if (config == null) {
                    error(id, "not_found", "Entity not found");
                } else {
                    result(id, Map.of("config", config));
                }
            }
            default -> error(id, "unknown_command", "Unknown command.");
        }
    }

    private void callService(long id, Map<String, Object> msg) throws Invalid {
        String domain = requiredString(msg, "domain");
        String service = requiredString(msg, "service");
        Map<String, Object> data = optionalMap(msg, "service_data");
        Map<String, Object> target = optionalMap(msg, "target");
        Object rr = msg.get("return_response");
        if (rr != null && !(rr instanceof Boolean)) {
            throw new Invalid("expected bool for dictionary value @ data['return_response']");
        }
        boolean returnResponse = Boolean.TRUE.equals(rr);
        SimContext ctx = core.newContext(null, core.userId);
        try {
            SimCore.CallResult r = core.callService(domain, service, data, target, ctx, returnResponse);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("context", contextMap(ctx));
            out.put("response", r.response());
            result(id, out);
        } catch (ServiceException e) {
            switch (e.kind) {
                case NOT_FOUND -> error(id, "not_found", e.getMessage(), Map.of(
                        "translation_key", "service_not_found", "translation_domain", "homeassistant",
                        "translation_placeholders", Map.of("domain", domain, "service", service)));
                case INVALID -> error(id, "invalid_format", e.getMessage());
                case RESPONSE_NOT_SUPPORTED -> error(id, "service_validation_error",
                        "Validation error: " + e.getMessage(), Map.of("translation_key",
                                "service_does_not_support_response", "translation_domain", "homeassistant",
                                "translation_placeholders", Map.of("return_response", "return_response=True")));
                case RESPONSE_REQUIRED -> error(id, "service_validation_error",
                        "Validation error: " + e.getMessage(), Map.of("translation_key",
                                "service_lacks_response_request", "translation_domain", "homeassistant",
                                "translation_placeholders", Map.of("return_response", "return_response=True")));
                default -> error(id, "service_validation_error", "Validation error: " + e.getMessage());
            }
        }
    }

    private static Map<String, Object> contextMap(SimContext ctx) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("id", ctx.id());
        c.put("parent_id", ctx.parentId());
        c.put("user_id", ctx.userId());
        return c;
    }

    private static String requiredString(Map<String, Object> msg, String key) throws Invalid {
        Object v = msg.get(key);
        if (v == null) {
            throw new Invalid("required key not provided @ data['" + key + "']");
        }
        if (!(v instanceof String s)) {
            throw new Invalid("expected str for dictionary value @ data['" + key + "']");
        }
        return s;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> optionalMap(Map<String, Object> msg, String key) throws Invalid {
        Object v = msg.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Map<?, ?>)) {
            throw new Invalid("expected dict for dictionary value @ data['" + key + "']");
        }
        return new LinkedHashMap<>((Map<String, Object>) v);
    }
}
