package io.hestia.ha.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hestia.ha.home.Home;
import io.hestia.ha.home.StateEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** A small home, a settable clock and minimal HTTP / WebSocket clients for the simulator tests. */
final class SimFixtures {

    static final String TOKEN = "test-token";
    static final ObjectMapper JSON = new ObjectMapper();
    /** Simulator start in the tests: 2026-01-05T08:00:00Z. */
    static final Instant START = Instant.parse("2026-01-05T08:00:00Z");

    private SimFixtures() {
    }

    static long t(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    static Home home() {
        return home(List.of());
    }

    static Home home(List<StateEvent> extraEvents) {
        List<StateEvent> events = new ArrayList<>();
        events.add(StateEvent.of("sensor.temp", "20.5", t("2026-01-04T12:00:00Z"), "20.0"));
        events.add(StateEvent.of("binary_sensor.hall_motion", "on", t("2026-01-05T07:01:12Z"), "off"));
        events.add(StateEvent.of("binary_sensor.hall_motion", "off", t("2026-01-05T07:03:40Z"), "on"));
        events.add(StateEvent.of("binary_sensor.hall_motion", "on", t("2026-01-05T07:04:59.123Z"), "off"));
        events.add(StateEvent.of("binary_sensor.hall_motion", "off", t("2026-01-05T07:10:00Z"), "on"));
        events.addAll(extraEvents);
        events.sort(java.util.Comparator.comparingLong(StateEvent::lastUpdated));
        return new Home("Test Home", "Europe/Amsterdam",
                List.of(new Home.Floor("ground", "Ground floor", List.of("downstairs"), 0)),
                List.of(new Home.Area("hall", "Hall", List.of("entrance"), "ground"),
                        new Home.Area("kitchen", "Kitchen", List.of(), "ground")),
                List.of(new Home.Device("dev_hall_light", "Hall lamp", "hall", "Signify", "LCT001")),
                List.of(new Home.Entity("light.hall", "Hall light", List.of("hall lamp"), null, "dev_hall_light",
                                null, "off", Map.of("supported_color_modes", List.of("brightness"))),
                        new Home.Entity("light.kitchen", "Kitchen light", List.of(), "kitchen", null, null, "on",
                                Map.of("brightness", 180, "supported_color_modes", List.of("brightness"),
                                        "color_mode", "brightness")),
                        new Home.Entity("switch.coffee", "Coffee machine", List.of(), "kitchen", null, null, "off",
                                Map.of()),
                        new Home.Entity("binary_sensor.hall_motion", "Hall motion", List.of(), "hall", null,
                                "motion", "off", Map.of()),
                        new Home.Entity("cover.blinds", "Blinds", List.of(), "kitchen", null, null, "closed",
                                Map.of("current_position", 0)),
                        new Home.Entity("lock.front_door", "Front door", List.of(), "hall", null, null, "locked",
                                Map.of()),
                        new Home.Entity("climate.living", "Living", List.of(), null, null, null, "heat",
                                Map.of("hvac_modes", List.of("off", "heat", "cool"), "temperature", 20)),
                        new Home.Entity("sensor.temp", "Temperature", List.of(), "hall", null, "temperature",
                                "20.5", Map.of("unit_of_measurement", "°C", "state_class", "measurement")),
                        new Home.Entity("weather.home", "Home", List.of(), null, null, null, "sunny", Map.of())),
                events);
    }

    static HaSimulator.Builder simulator(Home home, Clock clock) {
        return HaSimulator.builder(home).accessToken(TOKEN).validator(new TestValidator()).clock(clock)
                .haVersion("2026.1.0");
    }

    /** A clock tests move by hand. */
    static final class MutableClock extends Clock {
        private final AtomicLong millis;

        MutableClock(Instant start) {
            this.millis = new AtomicLong(start.toEpochMilli());
        }

        void advance(long ms) {
            millis.addAndGet(ms);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public long millis() {
            return millis.get();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }
    }

    // ------------------------------------------------------------------ HTTP

    record Resp(int status, String body, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    static final HttpClient HTTP = HttpClient.newHttpClient();

    static Resp request(HaSimulator sim, String method, String path, String body, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Resp(r.statusCode(), r.body(), r);
        } catch (Exception e) {
            throw new AssertionError(method + " " + path + " failed", e);
        }
    }

    static Resp get(HaSimulator sim, String path) {
        return request(sim, "GET", path, null, TOKEN);
    }

    static Resp post(HaSimulator sim, String path, String body) {
        return request(sim, "POST", path, body, TOKEN);
    }

    static Resp delete(HaSimulator sim, String path) {
        return request(sim, "DELETE", path, null, TOKEN);
    }

    static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    // ------------------------------------------------------------------ WebSocket

    /** Collects whole text messages; coalesced arrays are split into their messages. */
    static final class WsClient implements WebSocket.Listener, AutoCloseable {
        final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        final List<String> frames = new java.util.concurrent.CopyOnWriteArrayList<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder part = new StringBuilder();
        WebSocket ws;

        static WsClient connect(HaSimulator sim) {
            WsClient c = new WsClient();
            c.ws = HTTP.newWebSocketBuilder().buildAsync(URI.create(sim.webSocketUrl()), c).join();
            return c;
        }

        static WsClient authenticated(HaSimulator sim) {
            WsClient c = connect(sim);
            JsonNode req = c.next();
            if (!"auth_required".equals(req.path("type").asText())) {
                throw new AssertionError("expected auth_required: " + req);
            }
            c.send(Map.of("type", "auth", "access_token", TOKEN));
            JsonNode ok = c.next();
            if (!"auth_ok".equals(ok.path("type").asText())) {
                throw new AssertionError("expected auth_ok: " + ok);
            }
            return c;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            part.append(data);
            if (last) {
                String msg = part.toString();
                part.setLength(0);
                frames.add(msg);
                try {
                    JsonNode n = JSON.readTree(msg);
                    if (n.isArray()) {
                        n.forEach(messages::add);
                    } else {
                        messages.add(n);
                    }
                } catch (Exception e) {
                    messages.add(JSON.getNodeFactory().textNode("unparseable: " + msg));
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
        }

        void send(Object message) {
            sendText(json(message));
        }

        void sendText(String text) {
            ws.sendText(text, true).join();
        }

        JsonNode next() {
            try {
                JsonNode n = messages.poll(10, TimeUnit.SECONDS);
                if (n == null) {
                    throw new AssertionError("no WebSocket message within 10 s");
                }
                return n;
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }

        /** Messages received while waiting for another id, in arrival order. */
        final List<JsonNode> backlog = new ArrayList<>();

        /** The next message with this id; others are kept in the backlog for later calls. */
        JsonNode next(long id) {
            for (int i = 0; i < backlog.size(); i++) {
                if (backlog.get(i).path("id").asLong() == id) {
                    return backlog.remove(i);
                }
            }
            while (true) {
                JsonNode n = next();
                if (n.path("id").asLong() == id) {
                    return n;
                }
                backlog.add(n);
            }
        }

        /** Sends a command and returns its result message. */
        JsonNode call(long id, Map<String, Object> command) {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("id", id);
            m.putAll(command);
            send(m);
            return next(id);
        }

        @Override
        public void close() {
            try {
                ws.abort();
            } catch (RuntimeException ignored) {
                // already closed
            }
        }
    }
}
