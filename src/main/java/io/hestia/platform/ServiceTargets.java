package io.hestia.platform;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Per-target figures of the service client: calls, failures, fallbacks, last success and last error, and the
 * circuit breaker state (read from the route's breaker through a supplied lookup).
 */
public final class ServiceTargets {

    public static final class Target {
        private final String name;
        private final String url;
        private final boolean optional;
        private final AtomicLong calls = new AtomicLong();
        private final AtomicLong failures = new AtomicLong();
        private final AtomicLong fallbacks = new AtomicLong();
        private volatile long lastSuccessAt;
        private volatile long lastFailureAt;
        private volatile String lastError;

        Target(String name, String url, boolean optional) {
            this.name = name;
            this.url = url;
            this.optional = optional;
        }

        public String name() {
            return name;
        }

        public String url() {
            return url;
        }

        /** An optional target (the query service's LLM): Hestia works without it, so it never makes Hestia unready. */
        public boolean optional() {
            return optional;
        }

        public long calls() {
            return calls.get();
        }

        public long failures() {
            return failures.get();
        }

        public long fallbacks() {
            return fallbacks.get();
        }

        public long lastSuccessAt() {
            return lastSuccessAt;
        }

        public long lastFailureAt() {
            return lastFailureAt;
        }

        public String lastError() {
            return lastError;
        }
    }

    /** A target as reported by the API and health checks. */
    public record View(String name, String url, String breakerState, long calls, long failures, long fallbacks,
                       Long lastSuccessAt, Long lastFailureAt, String lastError, boolean healthy, boolean optional) {
    }

    private final Map<String, Target> targets = new ConcurrentHashMap<>();
    private volatile Function<String, String> breakerState = t -> "UNKNOWN";

    public Target register(String name, String url) {
        return register(name, url, false);
    }

    /** @param optional true for a helper Hestia works without (see {@link Target#optional()}) */
    public Target register(String name, String url, boolean optional) {
        return targets.computeIfAbsent(name, n -> new Target(n, url, optional));
    }

    public void breakerStateLookup(Function<String, String> lookup) {
        this.breakerState = lookup;
    }

    public Target get(String name) {
        Target t = targets.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no service target '" + name + "' is configured");
        }
        return t;
    }

    void success(String name) {
        Target t = get(name);
        t.calls.incrementAndGet();
        t.lastSuccessAt = System.currentTimeMillis();
    }

    void failure(String name, String error, boolean fallback) {
        Target t = get(name);
        t.calls.incrementAndGet();
        t.failures.incrementAndGet();
        if (fallback) {
            t.fallbacks.incrementAndGet();
        }
        t.lastFailureAt = System.currentTimeMillis();
        t.lastError = error;
    }

    public String breakerState(String name) {
        return breakerState.apply(name);
    }

    public View view(String name) {
        Target t = get(name);
        String state = breakerState(name);
        boolean healthy = !"OPEN".equals(state) && !"FORCED_OPEN".equals(state)
                && (t.lastFailureAt == 0 || t.lastSuccessAt >= t.lastFailureAt);
        return new View(t.name, t.url, state, t.calls.get(), t.failures.get(), t.fallbacks.get(),
                t.lastSuccessAt == 0 ? null : t.lastSuccessAt, t.lastFailureAt == 0 ? null : t.lastFailureAt,
                t.lastError, healthy, t.optional);
    }

    public Map<String, View> views() {
        Map<String, View> out = new TreeMap<>();
        targets.keySet().forEach(n -> out.put(n, view(n)));
        return out;
    }
}
