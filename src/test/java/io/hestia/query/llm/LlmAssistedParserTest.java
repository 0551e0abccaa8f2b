package io.hestia.query.llm;

import io.hestia.platform.ServiceCaller;
import io.hestia.platform.UnavailableException;
import io.hestia.query.HomeIndex;
import io.hestia.query.Parser;
import io.hestia.query.Understanding;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** When the LLM is asked, and what comes back, with a scripted local parser and a scripted endpoint. */
class LlmAssistedParserTest {

    private final HomeIndex home = TestHome.home();
    private final AtomicInteger calls = new AtomicInteger();
    private volatile ServiceCaller.Response answer = chat("{\"intent\": \"HassTurnOn\", \"targets\": [\"light.reading_lamp\"]}");

    private final ServiceCaller caller = (target, method, path, query, headers, body) -> {
        calls.incrementAndGet();
        assertThat(target).isEqualTo("llm");
        assertThat(method).isEqualTo("POST");
        if (answer == null) {
            throw new UnavailableException("llm is unavailable: circuit breaker is open");
        }
        return answer;
    };

    private LlmAssistedParser parser(Parser local, double minConfidence) {
        return new LlmAssistedParser(local,
                new LlmInterpreter(caller, new LlmSettings(null, "m", "", minConfidence, 300)));
    }

    static ServiceCaller.Response chat(String content) {
        String body = io.hestia.platform.Json.write(Map.of("choices",
                List.of(Map.of("index", 0, "message", Map.of("role", "assistant", "content", content)))));
        return new ServiceCaller.Response(200, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aConfidentLocalResultIsReturnedUntouchedWithoutACall() {
        Understanding local = TestHome.confident(0.9);
        assertThat(parser((t, h, a, q) -> local, 0.5).parse("turn on the kitchen ceiling", home, null, Map.of()))
                .isSameAs(local);
        assertThat(calls).hasValue(0);
    }

    @Test
    void anUnknownLocalResultIsPassedToTheLlm() {
        Understanding u = parser((t, h, a, q) -> TestHome.unknown(t), 0.5)
                .parse("make the reading lamp glow", home, null, Map.of());
        assertThat(calls).hasValue(1);
        assertThat(u.intent()).isEqualTo("HassTurnOn");
        assertThat(u.unparsed()).containsExactly(LlmInterpreter.SOURCE_NOTE);
    }

    @Test
    void aLocalResultBelowTheMinimumConfidenceIsPassedToTheLlm() {
        parser((t, h, a, q) -> TestHome.confident(0.4), 0.5).parse("kitchen ceiling on", home, null, Map.of());
        assertThat(calls).hasValue(1);
        parser((t, h, a, q) -> TestHome.confident(0.4), 0.3).parse("kitchen ceiling on", home, null, Map.of());
        assertThat(calls).hasValue(1);
    }

    @Test
    void noEntitiesWhileTheRequestNamesSomethingOfTheHomeAsksTheLlm() {
        LlmAssistedParser p = parser((t, h, a, q) -> TestHome.noEntities(t), 0.5);
        p.parse("switch on the floor lamp please", home, null, Map.of()); // an alias
        assertThat(calls).hasValue(1);
        p.parse("turn on the lights in the lounge", home, null, Map.of()); // a domain and an area alias
        assertThat(calls).hasValue(2);
        Understanding nothingNamed = p.parse("turn it on please", home, null, Map.of());
        assertThat(calls).hasValue(2);
        assertThat(nothingNamed.unparsed()).containsExactly("turn it on please");
    }

    @Test
    void aRejectedAnswerKeepsTheLocalResultWithTheReason() {
        answer = chat("{\"intent\": \"HassTurnOn\", \"targets\": [\"light.garage\"]}");
        Understanding local = TestHome.unknown("turn on the garage light");
        Understanding u = parser((t, h, a, q) -> local, 0.5).parse("turn on the garage light", home, null, Map.of());
        assertThat(u.intent()).isEqualTo(Understanding.UNKNOWN);
        assertThat(u.entities()).isEmpty();
        assertThat(u.unparsed()).containsExactly("turn on the garage light",
                "llm: rejected: unknown entity id 'light.garage'");
    }

    @Test
    void anUnavailableOrFailingEndpointKeepsTheLocalResult() {
        LlmAssistedParser p = parser((t, h, a, q) -> TestHome.unknown(t), 0.5);
        answer = null;
        assertThat(p.parse("x", home, null, Map.of()).unparsed()).last().asString()
                .startsWith("llm: failed: ").contains("circuit breaker is open");
        answer = new ServiceCaller.Response(401, "{\"error\": {\"message\": \"bad key\"}}".getBytes());
        assertThat(p.parse("x", home, null, Map.of()).unparsed()).last().asString()
                .startsWith("llm: failed: HTTP 401").contains("bad key");
        answer = new ServiceCaller.Response(200, "<html>".getBytes());
        assertThat(p.parse("x", home, null, Map.of()).unparsed()).last().isEqualTo("llm: failed: the answer is not JSON");
        answer = new ServiceCaller.Response(200, "{\"choices\": []}".getBytes());
        assertThat(p.parse("x", home, null, Map.of()).unparsed()).last()
                .isEqualTo("llm: failed: the answer has no choices[0].message.content");
        answer = chat("{\"intent\": \"unknown\"}");
        assertThat(p.parse("x", home, null, Map.of()).unparsed()).last().isEqualTo("llm: no interpretation");
    }

    @Test
    void theRequestIsOpenAiChatCompletionsWithJsonOutput() {
        LlmInterpreter llm = new LlmInterpreter(caller, new LlmSettings("/api/chat", "qwen", "k", 0.5, 300));
        Map<String, Object> r = llm.request("turn on the telly", home, "living_room", Map.of());
        assertThat(r).containsEntry("model", "qwen").containsEntry("temperature", 0)
                .containsEntry("response_format", Map.of("type", "json_object"));
        assertThat(r.get("messages")).asList().hasSize(2);
        assertThat(new LlmInterpreter(caller, LlmSettings.of("")).request("x", home, null, Map.of()))
                .doesNotContainKey("model");
    }
}
