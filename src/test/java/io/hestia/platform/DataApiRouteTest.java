package io.hestia.platform;

import com.fasterxml.jackson.databind.JsonNode;
import io.hestia.HestiaAppTestSupport;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The data API and the problem responses, over real HTTP against the running application. */
class DataApiRouteTest extends HestiaAppTestSupport {

    @Override
    protected Properties extraProperties() {
        Properties p = new Properties();
        // no HA here: a closed loopback port; the data API works without HA
        p.put("hestia.ha.url", "http://127.0.0.1:9");
        p.put("hestia.ha.token", "unused");
        p.put("camel.server.max-body-size", "4096");
        return p;
    }

    @Test
    void uploadsEventsAndPagesThemBackWithACursor() throws Exception {
        StringBuilder ndjson = new StringBuilder();
        for (int i = 0; i < 25; i++) {
            ndjson.append("{\"entity_id\":\"light.kitchen\",\"state\":\"").append(i % 2 == 0 ? "on" : "off")
                    .append("\",\"last_changed\":\"2026-01-05T07:").append(String.format("%02d", i))
                    .append(":00.250+00:00\",\"attributes\":{\"brightness\":").append(i).append("}}\n");
        }
        HttpResponse<String> up = post("/api/v1/events", ndjson.toString(), "application/x-ndjson");
        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(json(up).get("written").asInt()).isEqualTo(25);

        HttpResponse<String> again = post("/api/v1/events", ndjson.toString(), "application/x-ndjson");
        assertThat(json(again).get("duplicates").asInt()).isEqualTo(25);

        JsonNode page1 = json(get("/api/v1/events?entity_id=light.kitchen&limit=10"));
        assertThat(page1.get("events")).hasSize(10);
        assertThat(page1.get("events").get(0).get("last_changed").asText())
                .isEqualTo("2026-01-05T07:00:00.250000+00:00");
        assertThat(page1.get("events").get(3).get("attributes").get("brightness").asInt()).isEqualTo(3);
        int seen = 10;
        String cursor = page1.get("next_cursor").asText();
        while (cursor != null) {
            JsonNode page = json(get("/api/v1/events?entity_id=light.kitchen&limit=10&cursor=" + cursor));
            seen += page.get("events").size();
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
        }
        assertThat(seen).isEqualTo(25);
    }

    @Test
    void aBatchWithOneBadRowIsRejectedWholeAndNamesRowAndField() throws Exception {
        String body = "[{\"entity_id\":\"switch.good\",\"state\":\"on\",\"last_changed\":\"2026-01-05T07:00:00Z\"},"
                + "{\"entity_id\":\"switch.bad\",\"state\":\"on\",\"last_changed\":\"yesterday\"}]";
        HttpResponse<String> r = post("/api/v1/events", body, "application/json");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json(r);
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("errors").get(0).get("row").asInt()).isEqualTo(1);
        assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo("[1].last_changed");
        assertThat(json(get("/api/v1/events?entity_id=switch.good")).get("events")).isEmpty();
    }

    @Test
    void malformedJsonIsA400Problem() throws Exception {
        HttpResponse<String> r = post("/api/v1/events", "[{\"entity_id\": ", "application/json");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("detail").asText()).contains("malformed JSON");
    }

    @Test
    void anOversizedBodyIsA413Problem() throws Exception {
        HttpResponse<String> r = post("/api/v1/events", "[" + " ".repeat(5000) + "]", "application/json");
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(json(r).get("type").asText()).endsWith("/payload-too-large");
    }

    @Test
    void badQueryParametersNameTheField() throws Exception {
        HttpResponse<String> r = get("/api/v1/events?start=soon");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("errors").get(0).get("field").asText()).isEqualTo("start");
        assertThat(get("/api/v1/entities?limit=0").statusCode()).isEqualTo(400);
    }

    @Test
    void responsesNeverEchoRequestHeadersOrQueryParameters() throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url("/api/v1/events?entity_id=light.x&limit=5")))
                .header("Authorization", "Bearer do-not-echo").header("X-Probe", "secret").GET().build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().map().keySet()).noneMatch(h -> h.equalsIgnoreCase("authorization")
                || h.equalsIgnoreCase("x-probe") || h.equalsIgnoreCase("entity_id") || h.equalsIgnoreCase("limit"));
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    }

    @Test
    void healthMetricsAndOpenApiAreServed() throws Exception {
        HttpResponse<String> health = get("/observe/health");
        assertThat(health.body()).contains("\"database\"").contains("home-assistant");
        assertThat(get("/observe/metrics").body()).contains("hestia_cache_hit_ratio");
        JsonNode openapi = json(get("/api/v1/openapi.json"));
        assertThat(openapi.get("paths").has("/api/v1/events")).isTrue();
        assertThat(json(get("/api/v1/platform/cache/stats")).has("hit_rate")).isTrue();
    }
}
