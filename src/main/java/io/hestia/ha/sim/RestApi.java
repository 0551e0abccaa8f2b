package io.hestia.ha.sim;

import com.fasterxml.jackson.core.JsonGenerator;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/** HA's REST API (reference B) on Vert.x core. Handlers run on the simulator's event loop. */
final class RestApi implements Handler<HttpServerRequest> {

    private static final Logger LOG = Logger.getLogger(RestApi.class.getName());
    private static final String JSON = "application/json";
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final long DAY = 86_400_000L;

    private final SimCore core;
    private final String bearer;
    private final Context context;
    private final BooleanSupplier available;

    RestApi(SimCore core, String token, Context context, BooleanSupplier available) {
        this.core = core;
        this.bearer = "Bearer " + token;
        this.context = context;
        this.available = available;
    }

    @FunctionalInterface
    private interface Route {
        void handle(HttpServerRequest req, Map<String, String> query, String body) throws Exception;
    }

    @Override
    public void handle(HttpServerRequest req) {
        HttpServerResponse resp = req.response();
        if (!available.getAsBoolean()) {
            text(resp, 503, "503: Service Unavailable");
            return;
        }
        String path = req.path();
        if (!path.startsWith("/api/")) {
            text(resp, 404, "404: Not Found");
            return;
        }
        String[] seg = splitPath(path.substring(5));
        Map<HttpMethod, Route> routes = routes(seg);
        if (routes == null) {
            text(resp, 404, "404: Not Found");
            return;
        }
        Route route = routes.get(req.method());
        if (route == null) {
            resp.putHeader("Allow", String.join(",", routes.keySet().stream().map(HttpMethod::name).toList()));
            text(resp, 405, "405: Method Not Allowed");
            return;
        }
        if (!bearer.equals(req.getHeader("Authorization"))) {
            text(resp, 401, "401: Unauthorized");
            return;
        }
        Map<String, String> query = parseQuery(req.query());
        if (req.method() == HttpMethod.POST || req.method() == HttpMethod.DELETE) {
            req.body().onSuccess(b -> run(route, req, query, b.toString(StandardCharsets.UTF_8)))
                    .onFailure(e -> text(resp, 400, "400: Bad Request"));
        } else {
            run(route, req, query, null);
        }
    }

    private void run(Route route, HttpServerRequest req, Map<String, String> query, String body) {
        try {
            route.handle(req, query, body);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "error handling " + req.method() + " " + req.path(), e);
            if (!req.response().headWritten()) {
                text(req.response(), 500, "500 Internal Server Error\n\nServer got itself in trouble");
            }
        }
    }

    private Map<HttpMethod, Route> routes(String[] s) {
        Map<HttpMethod, Route> r = new LinkedHashMap<>();
        int n = s.length;
        if (n == 0) {
            r.put(HttpMethod.GET, (req, q, b) -> json(req.response(), 200, SimJson.message("API running.")));
        } else if (n == 1 && s[0].equals("config")) {
            r.put(HttpMethod.GET, (req, q, b) -> json(req.response(), 200, SimJson.write(core.config())));
        } else if (n == 1 && s[0].equals("components")) {
            r.put(HttpMethod.GET, (req, q, b) ->
                    json(req.response(), 200, SimJson.write(core.config().get("components"))));
        } else if (n == 2 && s[0].equals("core") && s[1].equals("state")) {
            r.put(HttpMethod.GET, (req, q, b) -> json(req.response(), 200,
                    "{\"state\":\"RUNNING\",\"recorder_state\":{\"migration_in_progress\":false,"
                            + "\"migration_is_live\":false}}"));
        } else if (n == 1 && s[0].equals("error_log")) {
            r.put(HttpMethod.GET, (req, q, b) -> text(req.response(), 200, ""));
        } else if (n == 1 && s[0].equals("states")) {
            r.put(HttpMethod.GET, (req, q, b) -> json(req.response(), 200, core.statesJson()));
        } else if (n == 2 && s[0].equals("states")) {
            String id = s[1];
            r.put(HttpMethod.GET, (req, q, b) -> getState(req.response(), id));
            r.put(HttpMethod.POST, (req, q, b) -> postState(req.response(), id, b));
            r.put(HttpMethod.DELETE, (req, q, b) -> {
                boolean removed = core.removeState(id, core.newContext(null, core.userId));
                json(req.response(), removed ? 200 : 404,
                        SimJson.message(removed ? "Entity removed." : "Entity not found."));
            });
        } else if (n == 1 && s[0].equals("services")) {
            r.put(HttpMethod.GET, (req, q, b) -> {
                List<Object> out = new ArrayList<>();
                core.serviceDescriptions().forEach((d, svcs) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("domain", d);
                    m.put("services", svcs);
                    out.add(m);
                });
                json(req.response(), 200, SimJson.write(out));
            });
        } else if (n == 3 && s[0].equals("services")) {
            r.put(HttpMethod.POST, (req, q, b) -> callService(req.response(), s[1], s[2], q, b));
        } else if ((n == 2 || n == 3) && s[0].equals("history") && s[1].equals("period")) {
            String start = n == 3 ? s[2] : null;
            r.put(HttpMethod.GET, (req, q, b) -> history(req.response(), start, q));
        } else if (n == 1 && s[0].equals("events")) {
            r.put(HttpMethod.GET, (req, q, b) -> json(req.response(), 200, SimJson.write(core.eventListeners())));
        } else if (n == 2 && s[0].equals("events")) {
            r.put(HttpMethod.POST, (req, q, b) -> fireEvent(req.response(), s[1], b));
        } else if (n == 4 && s[0].equals("config") && s[1].equals("automation") && s[2].equals("config")) {
            String id = s[3];
            r.put(HttpMethod.GET, (req, q, b) -> reply(req.response(), core.getAutomationConfig(id)));
            r.put(HttpMethod.POST, (req, q, b) -> reply(req.response(), core.postAutomationConfig(id, b)));
            r.put(HttpMethod.DELETE, (req, q, b) -> reply(req.response(), core.deleteAutomationConfig(id)));
        } else if (n == 3 && s[0].equals("config") && s[1].equals("core") && s[2].equals("check_config")) {
            r.put(HttpMethod.POST, (req, q, b) -> json(req.response(), 200,
                    "{\"result\":\"valid\",\"errors\":null,\"warnings\":null}"));
        } else {
            return null;
        }
        return r;
    }

    // ------------------------------------------------------------------ handlers

    private void getState(HttpServerResponse resp, String id) {
        SimState s = core.states.get(id);
        if (s == null) {
            json(resp, 404, SimJson.message("Entity not found."));
        } else {
            json(resp, 200, s.json());
        }
    }

    @SuppressWarnings("unchecked")
    private void postState(HttpServerResponse resp, String id, String body) {
        Object data;
        try {
            data = SimJson.parse(body);
        } catch (IOException e) {
            json(resp, 400, SimJson.message("Invalid JSON specified."));
            return;
        }
        if (!(data instanceof Map<?, ?> m) || m.get("state") == null) {
            json(resp, 400, SimJson.message("No state specified."));
            return;
        }
        if (!Ids.validEntityId(id)) {
            json(resp, 400, SimJson.message("Invalid entity ID specified."));
            return;
        }
        String state = String.valueOf(m.get("state"));
        if (state.length() > 255) {
            json(resp, 400, SimJson.message("Invalid state specified."));
            return;
        }
        Map<String, Object> attrs = m.get("attributes") instanceof Map<?, ?> a
                ? (Map<String, Object>) a : Map.of();
        boolean force = Boolean.TRUE.equals(m.get("force_update"));
        boolean created = !core.states.containsKey(id);
        core.setState(id, state, attrs, core.newContext(null, core.userId), force);
        resp.putHeader("Location", "/api/states/" + id);
        json(resp, created ? 201 : 200, core.states.get(id).json());
    }

    @SuppressWarnings("unchecked")
    private void callService(HttpServerResponse resp, String domain, String service, Map<String, String> q,
                             String body) {
        Map<String, Object> data = null;
        if (body != null && !body.isEmpty()) {
            Object parsed;
            try {
                parsed = SimJson.parse(body);
            } catch (IOException e) {
                json(resp, 400, SimJson.message("Data should be valid JSON."));
                return;
            }
            if (parsed != null && !(parsed instanceof Map<?, ?>)) {
                json(resp, 400, SimJson.message("Data should be a JSON object."));
                return;
            }
            data = (Map<String, Object>) parsed;
        }
        boolean returnResponse = q.containsKey("return_response");
        Map<String, Object> target = null;
        if (data != null && data.get("target") instanceof Map<?, ?> t) {
            // lenient: a WS-style "target" inside the REST body is merged like the WS target
            data = new LinkedHashMap<>(data);
            data.remove("target");
            target = new LinkedHashMap<>((Map<String, Object>) t);
        }
        SimCore.CallResult r;
        try {
            r = core.callService(domain, service, data, target, core.newContext(null, core.userId), returnResponse);
        } catch (ServiceException e) {
            String message = switch (e.kind) {
                case RESPONSE_NOT_SUPPORTED ->
                        "Service does not support responses. Remove return_response from request.";
                case RESPONSE_REQUIRED -> "Service call requires responses but caller did not ask for responses. "
                        + "Add ?return_response to query parameters.";
                default -> e.getMessage();
            };
            json(resp, 400, SimJson.message(message));
            return;
        }
        StringBuilder changed = new StringBuilder("[");
        for (int i = 0; i < r.changed().size(); i++) {
            if (i > 0) {
                changed.append(',');
            }
            changed.append(r.changed().get(i).json());
        }
        changed.append(']');
        if (returnResponse) {
            json(resp, 200, "{\"changed_states\":" + changed + ",\"service_response\":"
                    + SimJson.write(r.response()) + "}");
        } else {
            json(resp, 200, changed.toString());
        }
    }

    @SuppressWarnings("unchecked")
    private void fireEvent(HttpServerResponse resp, String eventType, String body) {
        Object data = null;
        if (body != null && !body.isEmpty()) {
            try {
                data = SimJson.parse(body);
            } catch (IOException e) {
                json(resp, 400, SimJson.message("Event data should be valid JSON."));
                return;
            }
        }
        if (data != null && !(data instanceof Map<?, ?>)) {
            json(resp, 400, SimJson.message("Event data should be a JSON object"));
            return;
        }
        core.fireCustom(eventType, (Map<String, Object>) data, "REMOTE", core.newContext(null, core.userId));
        json(resp, 200, SimJson.message("Event " + eventType + " fired."));
    }

    /** {@code GET /api/history/period[/<start>]}: validated here, streamed from a worker thread. */
    private void history(HttpServerResponse resp, String startText, Map<String, String> q) {
        Long start = null;
        if (startText != null && !startText.isEmpty()) {
            start = IsoTime.parse(startText, core.zone);
            if (start == null) {
                json(resp, 400, SimJson.message("Invalid datetime"));
                return;
            }
        }
        String filter = q.get("filter_entity_id");
        if (filter == null || filter.isBlank()) {
            json(resp, 400, SimJson.message("filter_entity_id is missing"));
            return;
        }
        Set<String> ids = new LinkedHashSet<>();
        for (String id : filter.strip().toLowerCase().split(",")) {
            String e = id.strip();
            if (!core.states.containsKey(e) && !Ids.validEntityId(e)) {
                json(resp, 400, SimJson.message("Invalid filter_entity_id"));
                return;
            }
            ids.add(e);
        }
        long now = core.now();
        long from = start != null ? start : now - DAY;
        if (from > now) {
            json(resp, 200, "[]");
            return;
        }
        long to;
        String endText = q.get("end_time");
        if (endText != null && !endText.isEmpty()) {
            Long end = IsoTime.parse(endText, core.zone);
            if (end == null) {
                json(resp, 400, SimJson.message("Invalid end_time"));
                return;
            }
            to = end;
        } else {
            to = from + DAY;
        }
        HistoryStore.Query query = new HistoryStore.Query(from, to, !q.containsKey("skip_initial_state"),
                q.containsKey("minimal_response"), q.containsKey("no_attributes"),
                !"0".equals(q.getOrDefault("significant_changes_only", "1")));
        HistoryStore.Snapshot snap = core.history.snapshot(new ArrayList<>(ids));
        resp.setStatusCode(200).putHeader("Content-Type", JSON);
        context.executeBlocking(() -> {
            ResponseStream out = new ResponseStream(resp);
            try (JsonGenerator g = SimJson.MAPPER.getFactory().createGenerator(out)) {
                HistoryStore.write(snap, query, g);
            }
            return out.bytes();
        }, false).onFailure(e -> {
            LOG.log(Level.FINE, "history stream aborted", e);
            resp.reset();
        });
    }

    // ------------------------------------------------------------------ plumbing

    private static void reply(HttpServerResponse resp, SimCore.Reply r) {
        json(resp, r.status(), r.body());
    }

    static void json(HttpServerResponse resp, int status, String body) {
        resp.setStatusCode(status).putHeader("Content-Type", JSON).end(body);
    }

    static void text(HttpServerResponse resp, int status, String body) {
        resp.setStatusCode(status).putHeader("Content-Type", TEXT).end(body);
    }

    /** Splits the path after {@code /api/} into percent-decoded segments ('+' stays '+'). */
    static String[] splitPath(String rest) {
        if (rest.isEmpty()) {
            return new String[0];
        }
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        String[] parts = rest.split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            parts[i] = percentDecode(parts[i], false);
        }
        return parts;
    }

    /** Query string as aiohttp reads it: '+' is a space, %XX decoded; the first value of a key wins. */
    static Map<String, String> parseQuery(String query) {
        Map<String, String> out = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return out;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = percentDecode(eq < 0 ? pair : pair.substring(0, eq), true);
            String v = eq < 0 ? "" : percentDecode(pair.substring(eq + 1), true);
            out.putIfAbsent(k, v);
        }
        return out;
    }

    static String percentDecode(String s, boolean plusIsSpace) {
        if (s.indexOf('%') < 0 && (!plusIsSpace || s.indexOf('+') < 0)) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+' && plusIsSpace) {
                out.write(' ');
            } else if (c == '%' && i + 2 < s.length()
                    && Character.digit(s.charAt(i + 1), 16) >= 0 && Character.digit(s.charAt(i + 2), 16) >= 0) {
                out.write(Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
                i += 2;
            } else {
                int cp = s.codePointAt(i);
                byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
                i += Character.charCount(cp) - 1;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
