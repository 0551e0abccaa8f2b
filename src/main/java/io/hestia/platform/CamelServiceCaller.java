package io.hestia.platform;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

import java.util.Map;

/**
 * {@link ServiceCaller} over the {@code service-client} route template: every target is a route
 * {@code direct:service-<target>} with timeout, retries with backoff and jitter, a circuit breaker and a
 * fallback. The fallback marks the exchange with {@link #FALLBACK_HEADER}; this class turns that into
 * {@link UnavailableException}.
 */
public final class CamelServiceCaller implements ServiceCaller {

    public static final String FALLBACK_HEADER = "HestiaFallback";
    public static final String FALLBACK_REASON = "HestiaFallbackReason";
    static final String BREAKER_OPEN = "circuit breaker is open";
    static final String NO_ANSWER_IN_TIME = "no answer within the time limit";
    static final String BREAKER_OPEN_HEADER = "HestiaBreakerOpen";

    /** A failed attempt; {@code breakerOpen} when the breaker refused it (no retry helps then). */
    static final class AttemptFailed extends UnavailableException {
        final boolean breakerOpen;

        AttemptFailed(String detail, boolean breakerOpen, Throwable cause) {
            super(detail, cause);
            this.breakerOpen = breakerOpen;
        }
    }

    /**
     * Retry policy: retries after the first attempt, first delay, cap. Each delay doubles, with "equal jitter":
     * a random point in the upper half of the current step.
     */
    public record Retry(int retries, long firstDelayMs, long maxDelayMs) {
        long delay(int attempt) {
            long base = Math.min(maxDelayMs, firstDelayMs << Math.min(attempt, 20));
            return base / 2 + java.util.concurrent.ThreadLocalRandom.current().nextLong(base / 2 + 1);
        }
    }

    private final ProducerTemplate producer;
    private final ServiceTargets targets;
    private final Retry retry;

    public CamelServiceCaller(ProducerTemplate producer, ServiceTargets targets, Retry retry) {
        this.producer = producer;
        this.targets = targets;
        this.retry = retry;
    }

    @Override
    public Response call(String target, String method, String path, String query, Map<String, String> headers,
                         byte[] body) {
        targets.get(target); // fail fast on an unconfigured target
        // a POST may have acted before it failed (a service call, a toggle): it is not repeated automatically
        int retries = "POST".equalsIgnoreCase(method) ? 0 : retry.retries();
        for (int attempt = 0; ; attempt++) {
            try {
                return attempt(target, method, path, query, headers, body);
            } catch (AttemptFailed e) {
                if (e.breakerOpen || attempt >= retries) {
                    throw e;
                }
                try {
                    Thread.sleep(retry.delay(attempt));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private Response attempt(String target, String method, String path, String query, Map<String, String> headers,
                             byte[] body) {
        Exchange result = producer.send("direct:service-" + target, exchange -> {
            var in = exchange.getIn();
            in.setHeader(Exchange.HTTP_METHOD, method);
            in.setHeader(Exchange.HTTP_PATH, path);
            if (query != null && !query.isEmpty()) {
                in.setHeader(Exchange.HTTP_QUERY, query);
            }
            headers.forEach(in::setHeader);
            in.setBody(body);
        });
        var out = result.getMessage();
        if (result.getException() != null) {
            String error = describe(result.getException());
            targets.failure(target, error, false);
            throw new AttemptFailed(target + " call " + method + " " + path + " failed: " + error, false,
                    result.getException());
        }
        if (Boolean.TRUE.equals(out.getHeader(FALLBACK_HEADER, Boolean.class))) {
            String reason = out.getHeader(FALLBACK_REASON, String.class);
            targets.failure(target, reason, true);
            throw new AttemptFailed(target + " is unavailable: " + reason,
                    Boolean.TRUE.equals(out.getHeader(BREAKER_OPEN_HEADER, Boolean.class)), null);
        }
        Integer status = out.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (status == null) {
            targets.failure(target, "no HTTP answer", false);
            throw new AttemptFailed(target + " gave no HTTP answer to " + method + " " + path, false, null);
        }
        targets.success(target);
        byte[] bytes = out.getBody(byte[].class);
        return new Response(status, bytes == null ? new byte[0] : bytes);
    }

    /** What went wrong, in one line; the target not answering in time always reads the same. */
    static String describe(Throwable e) {
        if (isReadTimeout(e)) {
            return NO_ANSWER_IN_TIME;
        }
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    /**
     * The socket's read timeout and the breaker's time limit are the same length, so either may fire first; and
     * when the read timeout wins the race, it may reach the caller as the exchange's exception rather than through
     * the fallback. Both are the target not answering in time.
     */
    static boolean isReadTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
