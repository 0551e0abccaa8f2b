package io.hestia.platform;

import org.apache.camel.CamelContext;

/** The built-in simulated home (HA simulator + synthetic home on loopback) used when no HA URL is set. */
final class EmbeddedHome implements AutoCloseable {
    private final String url;
    private final String token;

    private EmbeddedHome(String url, String token) {
        this.url = url;
        this.token = token;
    }

    static EmbeddedHome start(CamelContext context) {
        throw new IllegalStateException("the built-in simulated home is not available yet; set hestia.ha.url");
    }

    String url() {
        return url;
    }

    String token() {
        return token;
    }

    @Override
    public void close() {
    }
}
