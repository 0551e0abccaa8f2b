package io.hestia.pattern;

import io.hestia.pattern.mining.AnomalyDetector;
import io.hestia.pattern.mining.CoOccurrenceDetector;
import io.hestia.pattern.mining.EventSink;
import io.hestia.pattern.mining.HomeModel;
import io.hestia.pattern.mining.MinedPattern;
import io.hestia.pattern.mining.MinedSynergy;
import io.hestia.pattern.mining.RoutineDetector;
import io.hestia.pattern.mining.StateVocabulary;
import io.hestia.pattern.mining.SynergyDetector;

import java.util.ArrayList;
import java.util.List;

/**
 * Hestia's detectors: time-of-day routines, directed co-occurrence and anomalies fed by one event pass, then
 * synergies from the home's entities and the co-occurrence evidence.
 */
public final class DefaultMiningPipeline implements MiningPipeline {

    private final RoutineDetector.Params routines;
    private final CoOccurrenceDetector.Params coOccurrence;
    private final AnomalyDetector.Params anomalies;
    private final SynergyDetector.Params synergies;

    public DefaultMiningPipeline(RoutineDetector.Params routines, CoOccurrenceDetector.Params coOccurrence,
                                 AnomalyDetector.Params anomalies, SynergyDetector.Params synergies) {
        this.routines = routines;
        this.coOccurrence = coOccurrence;
        this.anomalies = anomalies;
        this.synergies = synergies;
    }

    public static DefaultMiningPipeline defaults() {
        return new DefaultMiningPipeline(RoutineDetector.Params.defaults(), CoOccurrenceDetector.Params.defaults(),
                AnomalyDetector.Params.defaults(), SynergyDetector.Params.defaults());
    }

    @Override
    public Session open(HomeModel home, StateVocabulary states, long windowStartMs, long windowEndMs) {
        RoutineDetector r = new RoutineDetector(home, states, routines, windowStartMs, windowEndMs);
        CoOccurrenceDetector c = new CoOccurrenceDetector(home, states, coOccurrence, windowStartMs, windowEndMs);
        AnomalyDetector a = new AnomalyDetector(home, states, anomalies, windowStartMs, windowEndMs);
        return new Session() {
            @Override
            public List<EventSink> sinks() {
                return List.of(r, c, a);
            }

            @Override
            public Results detect() {
                List<MinedPattern> patterns = new ArrayList<>(r.results());
                patterns.addAll(c.results());
                return new Results(patterns, a.results());
            }

            @Override
            public List<MinedSynergy> synergies(List<MinedPattern> patterns) {
                List<MinedPattern> pairs = patterns.stream()
                        .filter(p -> MinedPattern.CO_OCCURRENCE.equals(p.type())).toList();
                return SynergyDetector.detect(home, pairs, synergies);
            }
        };
    }
}
