package io.hestia.automation.generate;

import java.util.Map;
import java.util.Optional;

/** Drafts suggestions from mined items and query drafts (being built: see the automation issue). */
public final class SuggestionGenerator {

    public SuggestionGenerator() {
        this(id -> null);
    }

    /** @param names entity id to friendly name, null when unknown */
    public SuggestionGenerator(java.util.function.Function<String, String> names) {
    }

    public Optional<SuggestionDraft> fromPattern(Map<String, Object> item) {
        throw new UnsupportedOperationException("not built yet");
    }

    public Optional<SuggestionDraft> fromSynergy(Map<String, Object> item) {
        throw new UnsupportedOperationException("not built yet");
    }

    public Optional<SuggestionDraft> fromQuery(String queryId, String request, Map<String, Object> draft,
                                               double confidence) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** Stable key of an automation's behaviour (its triggers and actions), whatever its id, alias or source. */
    public static String behaviourKey(Map<String, Object> automation) {
        throw new UnsupportedOperationException("not built yet");
    }
}
