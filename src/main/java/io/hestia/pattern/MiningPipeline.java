package io.hestia.pattern;

import io.hestia.pattern.mining.EventSink;
import io.hestia.pattern.mining.HomeModel;
import io.hestia.pattern.mining.MinedAnomaly;
import io.hestia.pattern.mining.MinedPattern;
import io.hestia.pattern.mining.MinedSynergy;
import io.hestia.pattern.mining.StateVocabulary;

import java.util.List;

/** The detectors of one analysis: sinks for the event pass, then the results. */
public interface MiningPipeline {

    /** Opens the detectors for one window. */
    Session open(HomeModel home, StateVocabulary states, long windowStartMs, long windowEndMs);

    interface Session {
        /** The sinks the event pass feeds. */
        List<EventSink> sinks();

        /** Patterns and anomalies, after the pass. */
        Results detect();

        /** Synergies from the home and the co-occurrence patterns. */
        List<MinedSynergy> synergies(List<MinedPattern> patterns);
    }

    record Results(List<MinedPattern> patterns, List<MinedAnomaly> anomalies) {
    }
}
