package io.hestia.platform;

import java.util.Map;

/**
 * Calls another service or HA over HTTP. The production implementation goes through the service-client
 * route template (timeout, retry with backoff and jitter, circuit breaker, fallback); beans depend only on
 * this interface.
 */
public interface ServiceCaller {

    /** An HTTP answer below 500. */
    record Response(int status, byte[] body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        public String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /**
     * @param target  configured target name (ha, pattern, query, automation, training)
     * @param method  GET, POST, DELETE, ...
     * @param path    path below the target's base URL, starting with /
     * @param query   raw query string without '?', or null
     * @param headers extra request headers
     * @param body    request body or null
     * @throws UnavailableException when the target failed after retries or its breaker is open
     */
    Response call(String target, String method, String path, String query, Map<String, String> headers, byte[] body);
}
