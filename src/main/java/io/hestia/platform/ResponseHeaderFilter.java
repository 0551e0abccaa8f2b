package io.hestia.platform;

import org.apache.camel.support.DefaultHeaderFilterStrategy;

import java.util.Locale;
import java.util.Set;

/**
 * Which message headers become HTTP response headers: an allow-list. platform-http copies every request
 * header (Authorization among them) and every query parameter into the message; without this they would be
 * written back in the response, credentials included.
 */
public final class ResponseHeaderFilter extends DefaultHeaderFilterStrategy {

    private static final Set<String> ALLOWED = Set.of("content-type", "location", "cache-control",
            "www-authenticate", "retry-after", "x-hestia-home-id",
            // the dashboard's files (WebAssetProcessor)
            "etag", "content-security-policy", "x-content-type-options", "referrer-policy");

    public ResponseHeaderFilter() {
        // outgoing (message → HTTP response): drop everything not on the allow-list
        setOutFilterStartsWith(new String[0]);
        setLowerCase(true);
    }

    @Override
    public boolean applyFilterToCamelHeaders(String headerName, Object headerValue, org.apache.camel.Exchange exchange) {
        return !ALLOWED.contains(headerName.toLowerCase(Locale.ROOT));
    }
}
