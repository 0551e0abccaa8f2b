package io.hestia.query.llm;

import com.fasterxml.jackson.databind.JsonNode;
import io.hestia.platform.Json;
import io.hestia.platform.ServiceCaller;
import io.hestia.platform.UnavailableException;
import io.hestia.query.HomeIndex;
import io.hestia.query.Understanding;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Asks an OpenAI-compatible chat endpoint (Ollama, llama.cpp's server, a cloud API) to interpret one request, through
 * the service-client target {@value #TARGET} (its time limit, circuit breaker and fallback; a POST is never
 * retried), and reads the answer strictly ({@link LlmAnswer}). Never throws for the endpoint's sake: a failed call
 * or a rejected answer is an {@link Outcome} with a note, and the caller keeps its local result.
 */
public final class LlmInterpreter {

    private static final Logger LOG = Logger.getLogger(LlmInterpreter.class.getName());

    /** The service-client target name. */
    public static final String TARGET = "llm";

    /** Notes in {@link Understanding#unparsed()} that say what the LLM helper did. */
    public static final String SOURCE_NOTE = LlmAnswer.SOURCE_NOTE;
    public static final String REJECTED = "llm: rejected: ";
    public static final String FAILED = "llm: failed: ";
    public static final String NO_INTERPRETATION = "llm: no interpretation";

    /**
     * What the LLM made of a request.
     *
     * @param understanding the LLM's understanding, or null when there is none to use
     * @param note          {@value #SOURCE_NOTE} with an understanding; otherwise why there is none
     *                      ({@code llm: failed: ...}, {@code llm: rejected: ...}, {@value #NO_INTERPRETATION})
     */
    public record Outcome(Understanding understanding, String note) {
        public Outcome {
            Objects.requireNonNull(note, "note");
        }

        public boolean accepted() {
            return understanding != null;
        }
    }

    private final ServiceCaller caller;
    private final LlmSettings settings;

    public LlmInterpreter(ServiceCaller caller, LlmSettings settings) {
        this.caller = Objects.requireNonNull(caller, "caller");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public LlmSettings settings() {
        return settings;
    }

    public Outcome interpret(String text, HomeIndex home, String contextAreaId, Map<String, String> answers) {
        byte[] body = Json.write(request(text, home, contextAreaId, answers)).getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Accept", "application/json");
        if (!settings.apiKey().isEmpty()) {
            headers.put("Authorization", "Bearer " + settings.apiKey());
        }
        ServiceCaller.Response response;
        try {
            response = caller.call(TARGET, "POST", settings.path(), null, headers, body);
        } catch (UnavailableException e) {
            return failed(e.getMessage());
        }
        if (!response.ok()) {
            return failed("HTTP " + response.status() + snippet(response.text()));
        }
        String content;
        try {
            JsonNode node = Json.mapper().readTree(response.body())
                    .path("choices").path(0).path("message").path("content");
            if (!node.isTextual()) {
                return failed("the answer has no choices[0].message.content");
            }
            content = node.asText();
        } catch (IOException | RuntimeException e) {
            return failed("the answer is not JSON");
        }
        try {
            Optional<Understanding> understanding = LlmAnswer.read(content, text, home);
            return understanding.map(u -> new Outcome(u, SOURCE_NOTE))
                    .orElseGet(() -> new Outcome(null, NO_INTERPRETATION));
        } catch (LlmAnswer.Rejected e) {
            LOG.info("LLM answer rejected: " + e.getMessage());
            return new Outcome(null, REJECTED + e.getMessage());
        }
    }

    /** The chat-completions request: temperature 0, JSON output, the system prompt and the request. */
    Map<String, Object> request(String text, HomeIndex home, String contextAreaId, Map<String, String> answers) {
        Map<String, Object> request = new LinkedHashMap<>();
        if (!settings.model().isEmpty()) {
            request.put("model", settings.model());
        }
        request.put("temperature", 0);
        request.put("stream", false);
        request.put("response_format", Map.of("type", "json_object"));
        request.put("messages", List.of(
                Map.of("role", "system", "content", LlmPrompt.system(text, home, settings.maxEntities())),
                Map.of("role", "user", "content", LlmPrompt.user(text, contextAreaId, answers))));
        return request;
    }

    private static Outcome failed(String reason) {
        LOG.info("LLM helper not used: " + reason);
        return new Outcome(null, FAILED + reason);
    }

    private static String snippet(String body) {
        String s = body == null ? "" : body.strip().replaceAll("\\s+", " ");
        if (s.isEmpty()) {
            return "";
        }
        return ": " + (s.length() > 200 ? s.substring(0, 200) + "…" : s);
    }
}
