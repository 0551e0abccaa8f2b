package io.hestia.training;

import io.hestia.store.TrainingStore.ModelRow;
import io.hestia.training.ml.ModelType;
import io.hestia.training.ml.RankerPrior;
import io.hestia.training.ml.SuggestionFeatures;
import io.hestia.training.ml.SuggestionInput;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Acceptance scores of suggestions: the prior ({@link RankerPrior}: the suggestion's confidence weighed by its
 * category and safety) blended with the active suggestion ranker's probability, the model's weight growing with the
 * number of approve/reject labels it was trained on. Without a model the prior answers alone, and each answer says
 * so.
 */
public final class SuggestionRanker {

    private final InferenceService inference;
    private final ModelRegistry registry;

    public SuggestionRanker(InferenceService inference, ModelRegistry registry) {
        this.inference = inference;
        this.registry = registry;
    }

    /**
     * @param suggestions suggestion views as the automation service shows them ({@code id, category, source {kind,
     *                    type}, priority, confidence, safety_score, entity_ids, automation})
     * @return per suggestion {@code {id, score, prior, model_probability?, source}} in the same order
     */
    public List<Map<String, Object>> score(List<Map<String, Object>> suggestions) {
        List<SuggestionInput> inputs = new ArrayList<>(suggestions.size());
        float[][] x = new float[suggestions.size()][];
        for (int i = 0; i < suggestions.size(); i++) {
            SuggestionInput in = input(suggestions.get(i));
            inputs.add(in);
            x[i] = SuggestionFeatures.of(in);
        }
        Optional<InferenceService.Scored> scored = suggestions.isEmpty() ? Optional.empty()
                : inference.score(ModelType.SUGGESTION_RANKER, x);
        int labels = scored.isEmpty() ? 0 : registry.active(ModelType.SUGGESTION_RANKER)
                .map(ModelRow::datasetSize).orElse(0);
        List<Map<String, Object>> out = new ArrayList<>(suggestions.size());
        for (int i = 0; i < suggestions.size(); i++) {
            double prior = RankerPrior.prior(inputs.get(i));
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("id", suggestions.get(i).get("id"));
            if (scored.isPresent()) {
                float[] p = scored.get().probabilities()[i];
                double model = p[scored.get().labels().indexOf("1")];
                r.put("score", round(RankerPrior.blend(model, prior, labels)));
                r.put("prior", round(prior));
                r.put("model_probability", round(model));
                r.put("source", scored.get().source() + " blended with the prior (" + labels + " labels)");
            } else {
                r.put("score", round(prior));
                r.put("prior", round(prior));
                r.put("source", "prior (no suggestion ranker is trained yet)");
            }
            out.add(r);
        }
        return out;
    }

    /** The ranker's input from a suggestion view. */
    @SuppressWarnings("unchecked")
    static SuggestionInput input(Map<String, Object> s) {
        Map<String, Object> source = s.get("source") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        Map<?, ?> automation = s.get("automation") instanceof Map<?, ?> a ? a : Map.of();
        int entities = s.get("entity_ids") instanceof List<?> l ? l.size() : 0;
        return SuggestionInput.of(text(s.get("category")), text(source.get("kind")), text(source.get("type")),
                text(s.get("priority")), number(s.get("confidence"), 0.5), (int) number(s.get("safety_score"), 100),
                entities, automation);
    }

    private static String text(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    private static double number(Object o, double dflt) {
        return o instanceof Number n ? n.doubleValue() : dflt;
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
