package io.hestia.query.llm;

/**
 * The LLM helper's settings ({@code hestia.query.llm.*}); the URL and time limit belong to the service-client
 * target {@value LlmInterpreter#TARGET}.
 *
 * @param path          path of the chat-completions endpoint below the target's URL
 * @param model         model name sent with each request (empty: none is sent; most servers need one)
 * @param apiKey        sent as {@code Authorization: Bearer <key>} when not empty
 * @param minConfidence a local result below this confidence is passed to the LLM
 * @param maxEntities   at most this many entities are listed in the prompt
 */
public record LlmSettings(String path, String model, String apiKey, double minConfidence, int maxEntities) {

    public static final String DEFAULT_PATH = "/v1/chat/completions";

    public LlmSettings {
        path = path == null || path.isBlank() ? DEFAULT_PATH : path.trim();
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("hestia.query.llm.path must start with '/': " + path);
        }
        model = model == null ? "" : model.trim();
        apiKey = apiKey == null ? "" : apiKey.trim();
        if (!(minConfidence >= 0 && minConfidence <= 1)) {
            throw new IllegalArgumentException("hestia.query.llm.min-confidence must be within 0..1: " + minConfidence);
        }
        if (maxEntities < 1) {
            throw new IllegalArgumentException("hestia.query.llm.max-entities must be at least 1: " + maxEntities);
        }
    }

    /** Defaults with the given model: the standard path, no key, min confidence 0.5, 300 entities. */
    public static LlmSettings of(String model) {
        return new LlmSettings(DEFAULT_PATH, model, "", 0.5, 300);
    }
}
