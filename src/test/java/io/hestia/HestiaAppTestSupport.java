package io.hestia;

import com.fasterxml.jackson.databind.JsonNode;
import io.hestia.platform.HestiaConfiguration;
import io.hestia.platform.Json;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the real Hestia application (all services, real HTTP on a free loopback port, a SQLite file in a
 * fresh temporary directory) through camel-test-main-junit5. Subclasses add or change properties.
 */
public abstract class HestiaAppTestSupport extends CamelMainTestSupport {

    // lazily set: CamelTestSupport's constructor asks for the properties before field initialisers run
    private int port;
    private Path dataDir;
    protected final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    protected int port() {
        if (port == 0) {
            port = freePort();
        }
        return port;
    }

    protected Path dataDir() {
        if (dataDir == null) {
            dataDir = tempDir();
        }
        return dataDir;
    }

    @Override
    protected void configure(MainConfigurationProperties configuration) {
        configuration.addConfiguration(HestiaConfiguration.class);
        configuration.setRoutesIncludePattern(HestiaApplication.routesPattern(
                new java.util.LinkedHashSet<>(HestiaApplication.SERVICES)));
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties p = new Properties();
        p.put("camel.server.port", String.valueOf(port()));
        p.put("camel.management.port", String.valueOf(port()));
        p.put("camel.server.host", "127.0.0.1");
        p.put("camel.management.host", "127.0.0.1");
        p.put("hestia.db", dataDir().resolve("hestia.db").toString());
        p.put("hestia.api.token", "");
        p.putAll(extraProperties());
        return p;
    }

    /** Properties a test adds or overrides. */
    protected Properties extraProperties() {
        return new Properties();
    }

    protected String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    protected HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    protected HttpResponse<String> post(String path, String body, String contentType) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(path)))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    protected static JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.mapper().readTree(r.body());
    }

    /** A 400 problem whose first error names {@code field}. */
    protected static void assertField(HttpResponse<String> r, String field) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(json(r).get("errors").get(0).get("field").asText()).as(r.body()).isEqualTo(field);
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path tempDir() {
        try {
            return Files.createTempDirectory("hestia-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
