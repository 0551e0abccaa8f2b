package io.hestia.ha.sim;

import io.hestia.ha.home.Home;
import io.hestia.ha.schema.AutomationSchemaValidator;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A Home Assistant simulator that speaks HA's REST and WebSocket APIs (reference/home-assistant.md, Parts B-D)
 * over a {@link Home}: states, history, services with realistic effects, registries, the automation config API,
 * and live playback of the home's future events. Built on Vert.x core with one event loop, so the simulated core
 * is single-threaded; the history endpoint streams from a worker thread over an append-only snapshot.
 *
 * <pre>{@code
 * HaSimulator sim = HaSimulator.builder(home).accessToken("t").validator(v).build();
 * int port = sim.start();
 * ...
 * sim.stop();
 * }</pre>
 */
public final class HaSimulator implements AutoCloseable {

    private static final int MAX_WS_SIZE = 64 * 1024 * 1024;
    private static final long TICK_MILLIS = 10;
    private static final int PLAYBACK_BUDGET_PER_TICK = 20_000;

    private final Home home;
    private final String host;
    private final int requestedPort;
    private final String token;
    private final String haVersion;
    private final AutomationSchemaValidator validator;
    private final Path automationsDir;
    private final Clock clock;
    private final double speed;
    private final long reloadDelayMillis;

    private volatile boolean available = true;
    private Vertx vertx;
    private Context context;
    private HttpServer server;
    private SimCore core;
    private long timerId = -1;
    private volatile int port = -1;
    private final Set<WsSession> sessions = new LinkedHashSet<>();

    private HaSimulator(Builder b) {
        this.home = Objects.requireNonNull(b.home, "home");
        this.host = b.host;
        this.requestedPort = b.port;
        this.token = Objects.requireNonNull(b.accessToken, "accessToken");
        this.haVersion = b.haVersion;
        this.validator = Objects.requireNonNull(b.validator, "validator");
        this.automationsDir = b.automationsDir;
        this.clock = b.clock;
        this.speed = b.playbackSpeed;
        this.reloadDelayMillis = b.automationReloadDelay.toMillis();
    }

    public static Builder builder(Home home) {
        return new Builder(home);
    }

    /** Options of a simulator. Only the home, the access token and the validator are required. */
    public static final class Builder {
        private final Home home;
        private String host = "127.0.0.1";
        private int port;
        private String accessToken;
        private String haVersion = "2026.1.0";
        private AutomationSchemaValidator validator;
        private Path automationsDir;
        private Clock clock = Clock.systemUTC();
        private double playbackSpeed = 1.0;
        private Duration automationReloadDelay = Duration.ofMillis(20);

        private Builder(Home home) {
            this.home = home;
        }

        /** Bind address; default 127.0.0.1. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host);
            return this;
        }

        /** Port; 0 (default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The long-lived access token REST (Bearer) and WebSocket (auth) must present. */
        public Builder accessToken(String token) {
            this.accessToken = token;
            return this;
        }

        /** Version reported in auth_required/auth_ok and /api/config; default 2026.1.0. */
        public Builder haVersion(String version) {
            this.haVersion = Objects.requireNonNull(version);
            return this;
        }

        /** HA's structural automation rules, used by the config API, validate_config and reload. */
        public Builder validator(AutomationSchemaValidator validator) {
            this.validator = validator;
            return this;
        }

        /** Directory holding automations.yaml (read at start, rewritten on every change); default: memory only. */
        public Builder automationsDir(Path dir) {
            this.automationsDir = dir;
            return this;
        }

        /** Clock whose time at {@link #start()} is the simulated start; default system UTC. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** Simulated seconds per clock second for playback and "now" (60 = one simulated minute per second). */
        public Builder playbackSpeed(double speed) {
            if (!(speed > 0)) {
                throw new IllegalArgumentException("playback speed must be > 0: " + speed);
            }
            this.playbackSpeed = speed;
            return this;
        }

        /** Delay between the config API's reply and the background reload; default 20 ms. */
        public Builder automationReloadDelay(Duration delay) {
            this.automationReloadDelay = Objects.requireNonNull(delay);
            return this;
        }

        public HaSimulator build() {
            return new HaSimulator(this);
        }
    }

    // ------------------------------------------------------------------ lifecycle

    /**
     * Loads the home, binds and starts playback. Blocks until the server is listening.
     *
     * @return the port actually bound
     */
    public synchronized int start() {
        if (vertx != null) {
            throw new IllegalStateException("already started");
        }
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(2)
                .setInternalBlockingPoolSize(2).setMaxEventLoopExecuteTime(30).setMaxEventLoopExecuteTimeUnit(
                        TimeUnit.SECONDS).setMaxWorkerExecuteTime(10).setMaxWorkerExecuteTimeUnit(TimeUnit.MINUTES));
        context = vertx.getOrCreateContext();
        AutomationStore store = new AutomationStore(automationsDir);
        core = new SimCore(home, haVersion, token, validator, clock, speed, store,
                (delay, task) -> vertx.setTimer(Math.max(1, delay), id -> task.run()), reloadDelayMillis);
        CompletableFuture<Integer> bound = new CompletableFuture<>();
        context.runOnContext(v -> {
            try {
                core.start();
                HttpServerOptions options = new HttpServerOptions().setHost(host).setPort(requestedPort)
                        .setMaxWebSocketFrameSize(MAX_WS_SIZE).setMaxWebSocketMessageSize(MAX_WS_SIZE)
                        .setReuseAddress(true)
                        .setHttp2ClearTextEnabled(false); // HA (aiohttp) speaks HTTP/1.1 only
                server = vertx.createHttpServer(options);
                server.requestHandler(new RestApi(core, token, context, () -> available));
                server.webSocketHandler(ws -> {
                    if (!"/api/websocket".equals(ws.path())) {
                        ws.reject(404);
                    } else if (!available) {
                        ws.reject(503);
                    } else {
                        new WsSession(ws, core, token, vertx, context, sessions).open();
                    }
                });
                server.listen().onSuccess(s -> {
                    timerId = vertx.setPeriodic(TICK_MILLIS, id -> core.playDue(PLAYBACK_BUDGET_PER_TICK));
                    bound.complete(s.actualPort());
                }).onFailure(bound::completeExceptionally);
            } catch (Throwable t) {
                bound.completeExceptionally(t);
            }
        });
        try {
            port = bound.get(120, TimeUnit.SECONDS);
            return port;
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            stop();
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("HA simulator failed to start on " + host + ":" + requestedPort + ": "
                    + cause.getMessage(), cause);
        }
    }

    /** Closes every connection and the server. Safe to call twice. */
    public synchronized void stop() {
        Vertx v = vertx;
        if (v == null) {
            return;
        }
        try {
            call(() -> {
                if (timerId >= 0) {
                    v.cancelTimer(timerId);
                }
                for (WsSession s : List.copyOf(sessions)) {
                    s.close();
                }
                return null;
            });
        } catch (RuntimeException ignored) {
            // closing anyway
        }
        try {
            v.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException ignored) {
            // best effort
        }
        vertx = null;
        context = null;
        port = -1;
    }

    @Override
    public void close() {
        stop();
    }

    /** The bound port, or -1 when not running. */
    public int port() {
        return port;
    }

    /** {@code http://host:port} (a wildcard bind address is given as localhost). */
    public String baseUrl() {
        String h = host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host;
        return "http://" + h + ":" + port;
    }

    /** {@code ws://host:port/api/websocket}. */
    public String webSocketUrl() {
        return baseUrl().replaceFirst("^http", "ws") + "/api/websocket";
    }

    // ------------------------------------------------------------------ test hooks

    /** Drops every WebSocket connection (clients must reconnect and re-authenticate). */
    public void disconnectAllWebSockets() {
        call(() -> {
            for (WsSession s : List.copyOf(sessions)) {
                s.close();
            }
            return null;
        });
    }

    /** false: REST answers 503 and WebSocket upgrades are refused, and open connections are dropped. */
    public void setAvailable(boolean available) {
        this.available = available;
        if (!available && vertx != null) {
            disconnectAllWebSockets();
        }
    }

    public boolean isAvailable() {
        return available;
    }

    /**
     * Applies a state as a device would report it: sets it, records it in history and pushes state_changed.
     *
     * @param attributes new attributes, or null to keep the current ones
     */
    public void fireStateChange(String entityId, String state, Map<String, Object> attributes) {
        Objects.requireNonNull(entityId, "entityId");
        Objects.requireNonNull(state, "state");
        Map<String, Object> attrs = attributes == null ? null : new LinkedHashMap<>(attributes);
        call(() -> {
            core.deviceStateChange(entityId, state, attrs);
            return null;
        });
    }

    /** Events fired on the simulated bus since start (state_changed, call_service, automation_reloaded, ...). */
    public long eventCount() {
        return call(core::eventCount);
    }

    /** state_changed events since start (playback, services, REST writes, test hooks, automations). */
    public long stateChangeCount() {
        return call(core::stateChangeCount);
    }

    /** Home events still waiting to be played. */
    public int pendingPlaybackEvents() {
        return call(core::pendingPlayback);
    }

    /** The simulated now (start instant + elapsed clock time x playback speed). */
    public Instant simulatedNow() {
        return Instant.ofEpochMilli(call(core::now));
    }

    /** Current state value of an entity. */
    public Optional<String> state(String entityId) {
        return Optional.ofNullable(call(() -> {
            SimState s = core.states.get(entityId);
            return s == null ? null : s.state;
        }));
    }

    /** Current attributes of an entity, null-valued ones left out (empty when unknown). */
    public Map<String, Object> attributes(String entityId) {
        return call(() -> {
            SimState s = core.states.get(entityId);
            return s == null ? Map.<String, Object>of() : Map.copyOf(nonNull(s.attributes));
        });
    }

    /** Records in the simulated recorder (history rows). */
    public long historyRecords() {
        return call(core.history::records);
    }

    /** Open, authenticated or not, WebSocket connections. */
    public int webSocketConnections() {
        return call(sessions::size);
    }

    private static Map<String, Object> nonNull(Map<String, Object> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (v != null) {
                out.put(k, v);
            }
        });
        return out;
    }

    private <T> T call(Callable<T> task) {
        Context ctx = context;
        if (ctx == null || core == null) {
            throw new IllegalStateException("simulator not started");
        }
        if (Vertx.currentContext() == ctx) {
            try {
                return task.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        CompletableFuture<T> f = new CompletableFuture<>();
        ctx.runOnContext(v -> {
            try {
                f.complete(task.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        try {
            return f.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e.getCause() != null ? e.getCause() : e);
        }
    }
}
