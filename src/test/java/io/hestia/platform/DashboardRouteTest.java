package io.hestia.platform;

import io.hestia.HestiaAppTestSupport;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard's files over real HTTP: headers, revalidation, no leaks, and open even when the API needs a token. */
class DashboardRouteTest extends HestiaAppTestSupport {

    @Override
    protected Properties extraProperties() {
        Properties p = new Properties();
        p.put("hestia.api.token", "s3cret");
        return p;
    }

    @Test
    void thePageIsServedWithAStrictPolicyAndTheApiStillNeedsTheToken() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type")).contains("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("content-security-policy").orElseThrow())
                .contains("default-src 'self'").contains("script-src 'self'").doesNotContain("unsafe");
        assertThat(page.headers().firstValue("x-content-type-options")).contains("nosniff");
        assertThat(page.headers().firstValue("cache-control")).contains("no-cache");
        assertThat(page.body()).contains("/ui/app.js");

        HttpResponse<String> script = get("/ui/pages/automations.js");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("content-type").orElseThrow()).startsWith("text/javascript");
        assertThat(script.headers().map()).doesNotContainKey("authorization");

        assertThat(get("/api/v1/areas").statusCode()).isEqualTo(401); // the page is open; the data is not
    }

    @Test
    void anUnchangedFileIsNotSentAgain() throws Exception {
        HttpResponse<String> first = get("/ui/style.css");
        String etag = first.headers().firstValue("etag").orElseThrow();
        HttpResponse<String> again = http.send(HttpRequest.newBuilder(URI.create(url("/ui/style.css")))
                .header("If-None-Match", etag).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @Test
    void unknownFilesAndOtherResourcesAreProblems() throws Exception {
        for (String path : new String[] {"/ui/nope.js", "/ui/application.properties", "/ui/logging.properties"}) {
            HttpResponse<String> r = get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(r.headers().firstValue("content-type")).as(path).contains("application/problem+json");
            assertThat(r.body()).doesNotContain("hestia.db");
        }
        // the HTTP server resolves dot segments (escaped too) before routing: these leave /ui and match no route
        for (String path : new String[] {"/ui/../application.properties", "/ui/%2e%2e/application.properties",
                "/ui/pages/../../application.properties"}) {
            HttpResponse<String> up = get(path);
            assertThat(up.statusCode()).as(path).isEqualTo(404);
            assertThat(up.body()).as(path).doesNotContain("hestia.db");
        }
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(url("/ui/app.js")))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isIn(404, 405);
    }
}
