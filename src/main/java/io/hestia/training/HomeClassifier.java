package io.hestia.training;

import io.hestia.store.EventStore;
import io.hestia.store.RegistryStore;
import io.hestia.training.ml.HomeFeatures;
import io.hestia.training.ml.HomeSummary;
import io.hestia.training.ml.HomeTypeHeuristic;
import io.hestia.training.ml.ModelType;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The home type of the home Hestia serves: its registries and the last {@code days} days of state changes summarised
 * ({@link HomeSummary}), then the active home type classifier, or the documented heuristic when there is none. The
 * answer says which was used.
 */
public final class HomeClassifier {

    private final RegistryStore registries;
    private final EventStore events;
    private final InferenceService inference;
    private final Supplier<ZoneId> zone;
    private final Clock clock;
    private final int days;

    public HomeClassifier(RegistryStore registries, EventStore events, InferenceService inference,
                          Supplier<ZoneId> zone, Clock clock, int days) {
        this.registries = registries;
        this.events = events;
        this.inference = inference;
        this.zone = zone;
        this.clock = clock;
        this.days = days;
    }

    /** The live home's summary over the last {@code days} days. */
    public HomeSummary summary() {
        List<RegistryStore.FloorRow> floors = registries.floors();
        int below = (int) floors.stream().filter(f -> f.level() != null && f.level() < 0).count();
        List<String> areas = new ArrayList<>();
        registries.areas().forEach(a -> areas.add(a.name()));
        Map<String, Integer> byDomain = new HashMap<>();
        Map<String, Integer> byClass = new HashMap<>();
        for (RegistryStore.EntityRow e : registries.entities(null, null, null, Integer.MAX_VALUE)) {
            byDomain.merge(e.domain(), 1, Integer::sum);
            if (e.deviceClass() != null) {
                byClass.merge(e.deviceClass(), 1, Integer::sum);
            }
        }
        long end = clock.millis();
        long start = end - days * 86_400_000L;
        ZoneId z = zone.get();
        Map<String, Long> eventsByDomain = new HashMap<>();
        long[] night = {0};
        long[] first = {Long.MAX_VALUE};
        events.streamStates(start, end, (entityId, state, old, timeMs) -> {
            if (state != null && state.equals(old)) {
                return; // an attribute-only update: training homes count state changes, so must this
            }
            first[0] = Math.min(first[0], timeMs);
            int dot = entityId.indexOf('.');
            eventsByDomain.merge(dot < 0 ? entityId : entityId.substring(0, dot), 1L, Long::sum);
            if (Instant.ofEpochMilli(timeMs).atZone(z).getHour() < 6) {
                night[0]++;
            }
        });
        // the days the stored history really covers (HA keeps 10 days by default): rates per day as in training
        double covered = first[0] == Long.MAX_VALUE ? 1
                : Math.max(1, Math.min(days, Math.ceil((end - first[0]) / 86_400_000.0)));
        return new HomeSummary(floors.size(), below, areas, registries.deviceIds().size(), byDomain, byClass,
                eventsByDomain, night[0], covered);
    }

    /** {@code {type, confidence, probabilities?, source, rule?, summary}}. */
    public Map<String, Object> classify() {
        HomeSummary s = summary();
        Map<String, Object> out = new LinkedHashMap<>();
        Optional<InferenceService.Scored> scored = inference.score(ModelType.HOME_TYPE_CLASSIFIER,
                new float[][] {HomeFeatures.of(s)});
        if (scored.isPresent()) {
            float[] p = scored.get().probabilities()[0];
            List<String> labels = scored.get().labels();
            int best = 0;
            Map<String, Object> probabilities = new LinkedHashMap<>();
            for (int i = 0; i < p.length; i++) {
                probabilities.put(labels.get(i), Math.round(p[i] * 1000) / 1000.0);
                if (p[i] > p[best]) {
                    best = i;
                }
            }
            out.put("type", labels.get(best));
            out.put("confidence", Math.round(p[best] * 1000) / 1000.0);
            out.put("probabilities", probabilities);
            out.put("source", "model");
            out.put("model", scored.get().source());
        } else {
            HomeTypeHeuristic.Result h = HomeTypeHeuristic.classify(s);
            out.put("type", h.type());
            out.put("confidence", h.confidence());
            out.put("source", "heuristic");
            out.put("rule", h.rule());
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("floors", s.floors());
        summary.put("areas", s.areas());
        summary.put("devices", s.devices());
        summary.put("entities", s.entities());
        summary.put("events", s.events());
        summary.put("days", s.days());
        out.put("summary", summary);
        return out;
    }
}
