package io.hestia.training;

import com.fasterxml.jackson.databind.JsonNode;
import io.hestia.HestiaAppTestSupport;
import io.hestia.ha.home.Home;
import io.hestia.ha.home.HomeFiles;
import io.hestia.platform.Json;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/** POST /api/v1/synthetic/homes and its ground truth, over real HTTP. */
class SyntheticHomesRouteTest extends HestiaAppTestSupport {

    @Override
    protected Properties extraProperties() {
        Properties p = new Properties();
        p.put("hestia.ha.url", "http://127.0.0.1:9");
        p.put("hestia.ha.token", "unused");
        return p;
    }

    @Test
    void generatesAHomeFileThatReadsBackAndKeepsItsTruth() throws Exception {
        HttpResponse<String> r = post("/api/v1/synthetic/homes",
                "{\"seed\": 11, \"type\": \"apartment\", \"size\": 15, \"days\": 7, \"time_zone\": \"Europe/Berlin\"}",
                "application/json");
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/yaml");
        String id = r.headers().firstValue("X-Hestia-Home-Id").orElseThrow();
        assertThat(r.headers().firstValue("Location")).hasValue("/api/v1/synthetic/homes/" + id + "/truth");

        Home home = HomeFiles.read(r.body(), null);
        assertThat(home.devices()).hasSize(15);
        assertThat(home.timeZone()).isEqualTo("Europe/Berlin");
        assertThat(home.events()).isNotEmpty();

        JsonNode truth = Json.mapper().readTree(get("/api/v1/synthetic/homes/" + id + "/truth").body());
        assertThat(truth.get("routines").size()).isPositive();
        // every planted routine names an entity of the home
        truth.get("routines").forEach(rt -> assertThat(home.entities())
                .anyMatch(e -> e.entityId().equals(rt.get("entity_id").asText())));

        // same seed and spec, same home (the end time is the request's minute, so compare the registries without
        // the states: a second request in the next minute ends on other sensor readings)
        HttpResponse<String> again = post("/api/v1/synthetic/homes",
                "{\"seed\": 11, \"type\": \"apartment\", \"size\": 15, \"days\": 7, \"time_zone\": \"Europe/Berlin\"}",
                "application/json");
        assertThat(HomeFiles.read(again.body(), null).entities()).extracting(Home.Entity::entityId, Home.Entity::name,
                        Home.Entity::aliases, Home.Entity::areaId, Home.Entity::deviceId, Home.Entity::deviceClass)
                .isEqualTo(home.entities().stream().map(e -> tuple(e.entityId(),
                        e.name(), e.aliases(), e.areaId(), e.deviceId(), e.deviceClass())).toList());
    }

    @Test
    void badSpecsAre400sNamingTheField() throws Exception {
        assertField(post("/api/v1/synthetic/homes", "{\"size\": 500}", "application/json"), "size");
        assertField(post("/api/v1/synthetic/homes", "{\"type\": \"castle\"}", "application/json"), "type");
        assertField(post("/api/v1/synthetic/homes", "{\"days\": 0}", "application/json"), "days");
        assertField(post("/api/v1/synthetic/homes", "{\"size\": 100, \"days\": 90}", "application/json"), "days");
        assertField(post("/api/v1/synthetic/homes", "{\"time_zone\": \"Mars/Olympus\"}", "application/json"),
                "time_zone");
        assertThat(get("/api/v1/synthetic/homes/nope/truth").statusCode()).isEqualTo(404);
    }
}
