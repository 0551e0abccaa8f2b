package io.hestia.training;

import io.hestia.pattern.mining.EntityInfo;
import io.hestia.store.RegistryStore;
import io.hestia.training.ml.HomeGraph;
import io.hestia.training.ml.ModelType;
import io.hestia.training.ml.PairFeatures;
import io.hestia.training.ml.PairInput;
import io.hestia.training.ml.SynergyHeuristic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Scores synergies of the home Hestia serves: the home graph (the registries' entities and the pattern service's
 * co-occurrence patterns, both as the caller sends or the store holds them) gives each pair its features, then the
 * active synergy scorer answers, or the pattern service's own rule confidence ({@link SynergyHeuristic}) when there
 * is none. Each answer says which.
 */
public final class SynergyScorer {

    private final RegistryStore registries;
    private final InferenceService inference;

    public SynergyScorer(RegistryStore registries, InferenceService inference) {
        this.registries = registries;
        this.inference = inference;
    }

    /**
     * @param synergies synergy items as the pattern service publishes them
     * @param patterns  its co-occurrence patterns (items of type {@code co_occurrence}); others are ignored
     * @return per synergy {@code {id, score, source}} in the same order
     */
    public List<Map<String, Object>> score(List<Map<String, Object>> synergies, List<Map<String, Object>> patterns) {
        HomeGraph graph = graph(patterns);
        List<PairInput> inputs = new ArrayList<>(synergies.size());
        for (Map<String, Object> s : synergies) {
            inputs.add(PairInput.fromSynergyItem(s, graph));
        }
        float[][] x = new float[inputs.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = PairFeatures.of(inputs.get(i));
        }
        Optional<InferenceService.Scored> scored = x.length == 0 ? Optional.empty()
                : inference.score(ModelType.SYNERGY_SCORER, x);
        List<Map<String, Object>> out = new ArrayList<>(synergies.size());
        for (int i = 0; i < synergies.size(); i++) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("id", synergies.get(i).get("id"));
            if (scored.isPresent()) {
                r.put("score", round(scored.get().probabilities()[i][scored.get().labels().indexOf("1")]));
                r.put("source", scored.get().source());
            } else {
                r.put("score", round(SynergyHeuristic.score(synergies.get(i), graph)));
                r.put("source", "heuristic");
            }
            out.add(r);
        }
        return out;
    }

    /** The live home's graph: the registries' entities and the given co-occurrence patterns. */
    public HomeGraph graph(List<Map<String, Object>> patterns) {
        return new HomeGraph(entities(), edges(patterns));
    }

    private List<EntityInfo> entities() {
        List<EntityInfo> out = new ArrayList<>();
        for (RegistryStore.EntityRow e : registries.entities(null, null, null, Integer.MAX_VALUE)) {
            out.add(new EntityInfo(out.size(), e.entityId(), e.domain(), e.deviceClass(), e.areaId(), e.name()));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static List<HomeGraph.Edge> edges(List<Map<String, Object>> patterns) {
        List<HomeGraph.Edge> out = new ArrayList<>();
        for (Map<String, Object> p : patterns) {
            List<String> ids = p.get("entity_ids") instanceof List<?> l ? (List<String>) l : List.of();
            if (!"co_occurrence".equals(p.get("type")) || ids.size() != 2) {
                continue;
            }
            Map<String, Object> d = p.get("details") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
            out.add(new HomeGraph.Edge(String.valueOf(p.get("id")), ids.get(0), ids.get(1),
                    (int) HomeGraph.number(p.get("support")), HomeGraph.number(p.get("confidence")),
                    HomeGraph.number(d.get("lift")), HomeGraph.number(d.get("median_lag_seconds"))));
        }
        return out;
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
