package io.hestia.ha;

import io.hestia.platform.DaemonThreads;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hestia.platform.Json;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * HA's WebSocket API on the JDK client: the auth handshake, commands with increasing ids answered through
 * futures, subscriptions, a ping heartbeat, and reconnects with exponential backoff and jitter. After every
 * (re)connect the {@link Listener} is told, so it can subscribe again and backfill what the gap missed.
 */
public final class HaWebSocketClient implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(HaWebSocketClient.class.getName());

    /** Callbacks; called on the client's threads, never concurrently for one connection. */
    public interface Listener {
        /** Authenticated; commands may be sent. */
        void onConnected(HaWebSocketClient client);

        /** Lost the connection (it will be retried unless closed). */
        default void onDisconnected(String reason) {
        }
    }

    /** A command HA answered with {@code success: false}. */
    public static final class CommandFailedException extends RuntimeException {
        private final String code;

        public CommandFailedException(String code, String message) {
            super(code + ": " + message);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    public enum Status { CONNECTING, CONNECTED, DISCONNECTED, AUTH_FAILED, CLOSED }

    private final URI uri;
    private final String token;
    private final Listener listener;
    private final Duration commandTimeout;
    private final long maxBackoffMs;
    private HttpClient http; // created on the scheduler thread: a cold TLS set-up costs about 0.5 s
    private final ScheduledExecutorService scheduler;
    private final AtomicInteger nextId = new AtomicInteger(1);
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final Map<Integer, Consumer<JsonNode>> subscriptions = new ConcurrentHashMap<>();
    private final AtomicLong connects = new AtomicLong();
    private final AtomicLong lastMessageAt = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicReference<WebSocket> socketRef =
            new java.util.concurrent.atomic.AtomicReference<>();
    private volatile Status status = Status.DISCONNECTED;
    private volatile String haVersion;
    private volatile String lastError;
    private volatile boolean closed;
    private volatile int attempt;
    private ScheduledFuture<?> heartbeat;

    /**
     * @param baseUrl HA's base URL, e.g. {@code http://homeassistant.local:8123}
     */
    public HaWebSocketClient(String baseUrl, String token, Listener listener, Duration commandTimeout,
                             Duration maxBackoff) {
        String ws = baseUrl.replaceFirst("^http", "ws");
        this.uri = URI.create((ws.endsWith("/") ? ws.substring(0, ws.length() - 1) : ws) + "/api/websocket");
        this.token = token;
        this.listener = listener;
        this.commandTimeout = commandTimeout;
        this.maxBackoffMs = maxBackoff.toMillis();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(DaemonThreads.factory("ha-websocket"));
        scheduler.execute(this::http); // build it now, off the caller's thread, so connect() finds it ready
    }

    /** Starts connecting in the background; returns at once. */
    public void start() {
        scheduler.execute(this::connect);
    }

    public Status status() {
        return status;
    }

    public String haVersion() {
        return haVersion;
    }

    public String lastError() {
        return lastError;
    }

    /** How many times the client has authenticated (1 after the first connect). */
    public long connectCount() {
        return connects.get();
    }

    private void connect() {
        if (closed) {
            return;
        }
        status = Status.CONNECTING;
        http().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(uri, new Handler())
                .whenComplete((ws, error) -> {
                    if (error != null) {
                        lastError = rootMessage(error);
                        status = Status.DISCONNECTED;
                        scheduleReconnect();
                    }
                });
    }

    private HttpClient http() { // scheduler thread only
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        }
        return http;
    }

    private void scheduleReconnect() {
        if (closed) {
            return;
        }
        int n = attempt++;
        long base = Math.min(maxBackoffMs, 500L << Math.min(n, 16));
        long delay = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
        LOG.log(Level.INFO, "HA WebSocket reconnect in {0} ms (attempt {1}): {2}",
                new Object[] {delay, n + 1, lastError});
        scheduler.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    /** Sends a command; the id is added. Completes with the {@code result} field. */
    public CompletableFuture<JsonNode> command(String type, Map<String, ?> fields) {
        WebSocket ws = socketRef.get();
        if (ws == null || status != Status.CONNECTED) {
            return CompletableFuture.failedFuture(new IllegalStateException("not connected to HA (" + status + ")"));
        }
        ObjectNode msg = Json.mapper().createObjectNode();
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        synchronized (this) {
            // ids must increase on the wire: allocate and send under one lock
            int id = nextId.getAndIncrement();
            msg.put("id", id);
            msg.put("type", type);
            fields.forEach((k, v) -> msg.set(k, Json.mapper().valueToTree(v)));
            pending.put(id, f);
            if (!send(ws, msg.toString())) {
                pending.remove(id);
                return CompletableFuture.failedFuture(new IllegalStateException("sending " + type + " to HA failed"));
            }
        }
        return f.orTimeout(commandTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Sends a command and waits for its result. */
    public JsonNode call(String type, Map<String, ?> fields) {
        try {
            return command(type, fields).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof TimeoutException) {
                throw new IllegalStateException("HA did not answer " + type + " within " + commandTimeout);
            }
            throw e;
        }
    }

    /**
     * Subscribes to events ({@code eventType} null = all); the consumer gets each event's {@code event} object.
     *
     * @return the subscription id
     */
    public int subscribeEvents(String eventType, Consumer<JsonNode> consumer) {
        WebSocket ws = socketRef.get();
        if (ws == null || status != Status.CONNECTED) {
            throw new IllegalStateException("not connected to HA (" + status + ")");
        }
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        int id;
        synchronized (this) {
            id = nextId.getAndIncrement();
            ObjectNode msg = Json.mapper().createObjectNode();
            msg.put("id", id);
            msg.put("type", "subscribe_events");
            if (eventType != null) {
                msg.put("event_type", eventType);
            }
            subscriptions.put(id, consumer);
            pending.put(id, f);
            if (!send(ws, msg.toString())) {
                pending.remove(id);
                subscriptions.remove(id);
                throw new IllegalStateException("sending subscribe_events to HA failed");
            }
        }
        try {
            f.orTimeout(commandTimeout.toMillis(), TimeUnit.MILLISECONDS).join();
        } catch (CompletionException e) {
            subscriptions.remove(id);
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
        return id;
    }

    /**
     * Sends one text frame and waits for it to be written (the JDK client allows one send at a time; callers
     * hold the lock). A send that fails or does not finish within the command timeout drops the connection.
     */
    private boolean send(WebSocket ws, String text) {
        try {
            ws.sendText(text, true).get(commandTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            drop(ws, "interrupted while sending");
            return false;
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            drop(ws, "send failed: " + rootMessage(e));
            return false;
        }
    }

    /**
     * Drops a connection: abort() stops the JDK client's receiving side, so neither onClose nor onError will
     * come; the close handling (and the reconnect) is run here instead, once per socket.
     */
    private void drop(WebSocket ws, String reason) {
        if (ws != null) {
            ws.abort();
            onClosed(ws, reason);
        }
    }

    private void onMessage(WebSocket ws, JsonNode msg) {
        lastMessageAt.set(System.currentTimeMillis());
        String type = msg.path("type").asText();
        switch (type) {
            case "auth_required" -> {
                haVersion = msg.path("ha_version").asText(null);
                ObjectNode auth = Json.mapper().createObjectNode();
                auth.put("type", "auth");
                auth.put("access_token", token);
                synchronized (this) {
                    send(ws, auth.toString());
                }
            }
            case "auth_ok" -> {
                haVersion = msg.path("ha_version").asText(haVersion);
                status = Status.CONNECTED;
                attempt = 0;
                connects.incrementAndGet();
                startHeartbeat();
                // the listener may block on commands: run it off the socket's delivery thread
                scheduler.execute(() -> {
                    try {
                        listener.onConnected(this);
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "HA connect handler failed; reconnecting", e);
                        drop(ws, "connect handler failed: " + rootMessage(e));
                    }
                });
            }
            case "auth_invalid" -> {
                lastError = "auth_invalid: " + msg.path("message").asText();
                status = Status.AUTH_FAILED;
                LOG.warning("HA refused the access token: " + msg.path("message").asText());
            }
            case "result" -> {
                CompletableFuture<JsonNode> f = pending.remove(msg.path("id").asInt());
                if (f != null) {
                    if (msg.path("success").asBoolean()) {
                        f.complete(msg.path("result"));
                    } else {
                        JsonNode err = msg.path("error");
                        f.completeExceptionally(new CommandFailedException(err.path("code").asText(),
                                err.path("message").asText()));
                    }
                }
            }
            case "pong" -> {
                CompletableFuture<JsonNode> f = pending.remove(msg.path("id").asInt());
                if (f != null) {
                    f.complete(msg);
                }
            }
            case "event" -> {
                Consumer<JsonNode> c = subscriptions.get(msg.path("id").asInt());
                if (c != null) {
                    try {
                        c.accept(msg.path("event"));
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "event handler failed", e);
                    }
                }
            }
            default -> LOG.fine(() -> "ignored HA message type " + type);
        }
    }

    private synchronized void startHeartbeat() {
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
        heartbeat = scheduler.scheduleAtFixedRate(() -> {
            // an exception would cancel this periodic task for good: none may escape
            try {
                WebSocket ws = socketRef.get();
                if (status != Status.CONNECTED || ws == null
                        || System.currentTimeMillis() - lastMessageAt.get() < 20_000) {
                    return;
                }
                command("ping", Map.of()).exceptionally(e -> {
                    drop(ws, "heartbeat failed: " + rootMessage(e));
                    return null;
                });
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "HA heartbeat failed", e);
            }
        }, 30, 30, TimeUnit.SECONDS);
    }

    /** Close handling for one socket; runs at most once per socket, whichever path noticed first. */
    private void onClosed(WebSocket ws, String reason) {
        if (ws == null || !socketRef.compareAndSet(ws, null)) {
            return;
        }
        Status before = status;
        status = closed ? Status.CLOSED : before == Status.AUTH_FAILED ? Status.AUTH_FAILED : Status.DISCONNECTED;
        subscriptions.clear();
        IllegalStateException gone = new IllegalStateException("HA connection lost: " + reason);
        pending.values().forEach(f -> f.completeExceptionally(gone));
        pending.clear();
        ws.abort();
        if (!closed) {
            if (before != Status.AUTH_FAILED) {
                lastError = reason; // after auth_invalid, keep that as the reason: it is what the operator must fix
            }
            try {
                listener.onDisconnected(reason);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "disconnect handler failed", e);
            }
            scheduleReconnect();
        }
    }

    private final class Handler implements WebSocket.Listener {
        private final StringBuilder frame = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            socketRef.set(webSocket);
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            frame.append(data);
            if (last) {
                String text = frame.toString();
                frame.setLength(0);
                try {
                    JsonNode node = Json.mapper().readTree(text);
                    if (node.isArray()) {
                        node.forEach(m -> onMessage(webSocket, m)); // coalesced messages
                    } else {
                        onMessage(webSocket, node);
                    }
                } catch (java.io.IOException | RuntimeException e) {
                    LOG.log(Level.WARNING, "unreadable HA message", e);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            onClosed(webSocket, "closed by HA (" + statusCode + (reason == null || reason.isEmpty() ? "" : " " + reason)
                    + ")");
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            onClosed(webSocket, "error: " + rootMessage(error));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    @Override
    public void close() {
        closed = true;
        status = Status.CLOSED;
        WebSocket ws = socketRef.getAndSet(null);
        if (ws != null) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
            ws.abort();
        }
        scheduler.shutdownNow();
    }
}
