package io.hestia.training.synthetic;

import java.util.List;

/**
 * What the generator planted, for scoring miners. Serialisable with Jackson (records of strings, numbers, enums and
 * lists).
 *
 * <p>Routines and sequences list the planted causes. Some regularities follow from them and are not listed
 * separately: e.g. the front door opening shortly before a person's planted departure, the occupancy sensor turning
 * {@code away} when the last person leaves, power and energy readings following a planted switch.
 */
public record GroundTruth(List<PlantedRoutine> routines, List<PlantedSequence> sequences,
                          List<PlantedAnomaly> anomalies) {
    public GroundTruth {
        routines = List.copyOf(routines);
        sequences = List.copyOf(sequences);
        anomalies = List.copyOf(anomalies);
    }
}
