package io.hestia.query.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.hestia.HestiaAppTestSupport;
import io.hestia.platform.Json;
import io.hestia.platform.ServiceTargets;
import io.hestia.query.HomeIndex;
import io.hestia.query.Parser;
import io.hestia.query.Understanding;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The LLM helper configured against a stub OpenAI-compatible endpoint on loopback, through the real application:
 * the {@code llm} target's service-client route (time limit, breaker, fallback) and the {@code queryParser} wiring.
 * The local parser is scripted, so the tests do not depend on the real one.
 */
class LlmHelperRouteTest extends HestiaAppTestSupport {

    /** One request as the stub saw it. */
    record Seen(String path, String authorization, JsonNode body) {
    }

    private HttpServer server;
    private ExecutorService pool;
    private final AtomicInteger hits = new AtomicInteger();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private volatile String content = "{\"intent\": \"unknown\"}";
    private volatile int status = 200;
    private volatile long delayMs;

    private final HomeIndex home = TestHome.home();

    private HttpServer server() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            pool = Executors.newCachedThreadPool();
            server.setExecutor(pool);
            server.createContext("/v1/chat/completions", exchange -> {
                hits.incrementAndGet();
                byte[] request = exchange.getRequestBody().readAllBytes();
                seen.add(new Seen(exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Authorization"), Json.mapper().readTree(request)));
                if (delayMs > 0) {
                    try {
                        Thread.sleep(delayMs);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                // OpenAI's chat-completions response shape
                byte[] body = Json.write(Map.of("id", "chatcmpl-1", "object", "chat.completion", "model", "stub",
                        "choices", List.of(Map.of("index", 0, "finish_reason", "stop",
                                "message", Map.of("role", "assistant", "content", content))),
                        "usage", Map.of("prompt_tokens", 1, "completion_tokens", 1, "total_tokens", 2)))
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.createContext("/", exchange -> { // HA's REST and WebSocket knocks: nothing here
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
            });
            server.start();
        }
        return server;
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
            pool.shutdownNow();
        }
    }

    @Override
    protected Properties extraProperties() {
        String url = "http://127.0.0.1:" + server().getAddress().getPort();
        Properties p = new Properties();
        p.put("hestia.ha.url", url);
        p.put("hestia.ha.token", "t");
        p.put("hestia.query.llm.url", url);
        p.put("hestia.query.llm.model", "stub-model");
        p.put("hestia.query.llm.api-key", "sk-test");
        p.put("hestia.query.llm.timeout-ms", "400");
        p.put("hestia.client.breaker.window", "4");
        p.put("hestia.client.breaker.minimum-calls", "4");
        p.put("hestia.client.breaker.failure-rate", "50");
        p.put("hestia.client.breaker.open-seconds", "60");
        return p;
    }

    /** The configured helper around a scripted local parser. */
    private LlmAssistedParser parser(Parser local) {
        return new LlmAssistedParser(local, context.getRegistry().lookupByNameAndType("queryLlm", LlmInterpreter.class));
    }

    private Understanding askUnknown(String text) {
        return parser((t, h, a, q) -> TestHome.unknown(t)).parse(text, home, null, Map.of());
    }

    @Test
    void theQueryParserBeanIsTheHelperAndTheLlmTargetHasItsRoute() {
        assertThat(context.getRegistry().lookupByNameAndType("queryParser", Parser.class))
                .isInstanceOf(LlmAssistedParser.class);
        assertThat(context.getRoute("service-llm")).isNotNull();
        ServiceTargets targets = context.getRegistry().lookupByNameAndType("serviceTargets", ServiceTargets.class);
        assertThat(targets.view("llm").optional()).isTrue();
        assertThat(targets.view("llm").url()).isEqualTo("http://127.0.0.1:" + server.getAddress().getPort());
        assertThat(targets.view("ha").optional()).isFalse();
    }

    @Test
    void aValidAnswerIsUsedAndTheRequestIsOpenAiShaped() {
        content = "{\"intent\": \"HassLightSet\", \"slots\": {\"brightness\": 30},"
                + " \"targets\": [\"light.reading_lamp\"]}";
        Understanding u = askUnknown("dim the floor lamp to 30");
        assertThat(u.intent()).isEqualTo("HassLightSet");
        assertThat(u.entities()).extracting(Understanding.EntityMatch::entityId).containsExactly("light.reading_lamp");
        assertThat(u.unparsed()).containsExactly("source: llm");

        assertThat(seen).singleElement().satisfies(s -> {
            assertThat(s.path()).isEqualTo("/v1/chat/completions");
            assertThat(s.authorization()).isEqualTo("Bearer sk-test");
            assertThat(s.body().path("model").asText()).isEqualTo("stub-model");
            assertThat(s.body().path("temperature").asInt(-1)).isZero();
            assertThat(s.body().path("response_format").path("type").asText()).isEqualTo("json_object");
            assertThat(s.body().path("messages").path(0).path("role").asText()).isEqualTo("system");
            assertThat(s.body().path("messages").path(0).path("content").asText())
                    .contains("\"targets\"", "light.reading_lamp: Reading lamp; aliases floor lamp");
            assertThat(s.body().path("messages").path(1).path("content").asText())
                    .isEqualTo("Request: dim the floor lamp to 30");
        });
    }

    @Test
    void aFencedAutomationIsUsedWithItsDraft() {
        content = """
                ```json
                {"intent": "automation",
                 "triggers": [{"trigger": "state", "entity_id": "binary_sensor.hallway_motion", "to": "on"}],
                 "actions": [{"action": "light.turn_on", "target": {"entity_id": "light.kitchen_ceiling"}}]}
                ```""";
        Understanding u = askUnknown("when the hallway sees motion turn on the kitchen light");
        assertThat(u.intent()).isEqualTo("automation");
        assertThat(u.draft()).containsEntry("mode", "single").containsKey("triggers");
        assertThat(u.unparsed()).containsExactly("source: llm");
    }

    @Test
    void anInventedEntityIsRejectedAndTheLocalResultKept() {
        content = "{\"intent\": \"HassTurnOn\", \"targets\": [\"light.garage\"]}";
        Understanding u = askUnknown("turn on the garage light");
        assertThat(u.intent()).isEqualTo(Understanding.UNKNOWN);
        assertThat(u.entities()).isEmpty();
        assertThat(u.unparsed()).containsExactly("turn on the garage light",
                "llm: rejected: unknown entity id 'light.garage'");
    }

    @Test
    void malformedJsonIsRejectedAndTheLocalResultKept() {
        content = "Sure! The lamp is light.reading_lamp.";
        assertThat(askUnknown("lamp").unparsed()).last().asString().startsWith("llm: rejected: not valid JSON");
        status = 500;
        content = "{\"intent\": \"HassTurnOn\", \"targets\": [\"light.reading_lamp\"]}";
        assertThat(askUnknown("lamp").unparsed()).last().asString().startsWith("llm: failed: ");
        status = 404;
        assertThat(askUnknown("lamp").unparsed()).last().asString().startsWith("llm: failed: HTTP 404");
    }

    @Test
    void aConfidentLocalResultMakesNoCall() {
        Understanding local = TestHome.confident(0.95);
        assertThat(parser((t, h, a, q) -> local).parse("turn on the kitchen ceiling", home, null, Map.of()))
                .isSameAs(local);
        assertThat(hits).hasValue(0);
    }

    @Test
    void aTimeOutKeepsTheLocalResultAndRepeatedFailuresOpenTheBreaker() throws Exception {
        delayMs = 1500;
        content = "{\"intent\": \"HassTurnOn\", \"targets\": [\"light.reading_lamp\"]}";
        long start = System.nanoTime();
        Understanding first = askUnknown("reading lamp on");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1400); // the 400 ms limit, not the stub
        assertThat(first.intent()).isEqualTo(Understanding.UNKNOWN);
        assertThat(first.unparsed()).last().asString().startsWith("llm: failed: ").contains("time limit");
        assertThat(hits).hasValue(1); // a POST is never retried

        for (int i = 0; i < 3; i++) {
            askUnknown("reading lamp on");
        }
        ServiceTargets targets = context.getRegistry().lookupByNameAndType("serviceTargets", ServiceTargets.class);
        assertThat(targets.breakerState("llm")).isEqualTo("OPEN");

        delayMs = 0;
        int before = hits.get();
        Understanding whileOpen = askUnknown("reading lamp on");
        assertThat(hits.get()).isEqualTo(before);
        assertThat(whileOpen.intent()).isEqualTo(Understanding.UNKNOWN);
        assertThat(whileOpen.unparsed()).last().asString().contains("circuit breaker is open");

        // the helper is optional: its open breaker does not make Hestia unready
        HealthCheck.Result llm = HealthCheckHelper.invoke(context).stream()
                .filter(r -> r.getCheck().getId().equals("service-llm")).findFirst().orElseThrow();
        assertThat(llm.getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(llm.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("open"));
    }
}
