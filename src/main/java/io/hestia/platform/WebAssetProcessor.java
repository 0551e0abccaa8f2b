package io.hestia.platform;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

import java.util.Optional;

/**
 * Camel adapter of {@link WebAssets}: answers a dashboard request with the file, 304 when the browser's copy
 * is current (ETag), or a 404 problem. The page may only load its own scripts and styles (a strict content
 * security policy: no inline script, no other origin), so nothing it shows can run code.
 */
public final class WebAssetProcessor implements Processor {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    private final WebAssets assets;

    public WebAssetProcessor(WebAssets assets) {
        this.assets = assets;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        String path = in.getHeader(Exchange.HTTP_PATH, "", String.class);
        String uri = in.getHeader(Exchange.HTTP_URI, "", String.class);
        String relative = relative(uri.isEmpty() ? path : uri);
        Optional<WebAssets.Asset> found = assets.find(relative);
        if (found.isEmpty()) {
            throw new NotFoundException("no dashboard file " + (relative.isEmpty() ? "/" : relative));
        }
        WebAssets.Asset asset = found.get();
        String ifNoneMatch = in.getHeader("If-None-Match", String.class);
        Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader("ETag", asset.etag());
        // revalidate on every load: a new jar's files show at once, an unchanged file costs a 304
        out.setHeader("Cache-Control", "no-cache");
        out.setHeader("X-Content-Type-Options", "nosniff");
        out.setHeader("Referrer-Policy", "no-referrer");
        if (asset.name().endsWith(".html")) {
            out.setHeader("Content-Security-Policy", CSP);
        }
        if (matches(ifNoneMatch, asset.etag())) {
            out.setHeader(Exchange.HTTP_RESPONSE_CODE, 304);
            out.setBody(null);
            return;
        }
        out.setHeader(Exchange.CONTENT_TYPE, asset.contentType());
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        out.setBody(asset.body());
    }

    /** RFC 9110 If-None-Match: {@code *}, or a list of tags compared weakly ({@code W/} ignored). */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.trim();
            if (t.equals("*") || (t.startsWith("W/") ? t.substring(2) : t).equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /** The path below the dashboard's asset mount ({@code /ui/}); the page itself for {@code /}. */
    static String relative(String requestPath) {
        String p = requestPath == null ? "" : requestPath;
        int q = p.indexOf('?');
        if (q >= 0) {
            p = p.substring(0, q);
        }
        if (p.equals("/ui") || p.startsWith("/ui/")) {
            return p.substring(3);
        }
        return p.equals("/") ? "" : p;
    }
}
