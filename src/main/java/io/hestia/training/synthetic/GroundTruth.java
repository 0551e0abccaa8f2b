package io.hestia.training.synthetic;

import java.util.List;

/**
 * What the generator planted, for scoring miners. Serialisable with Jackson (records of strings, numbers, enums and
 * lists).
 *
 * <p>Routines and sequences list the planted causes: behaviour the generator schedules on its own clock.
 * {@code consequences} lists, in the same form as routines, what the generator schedules as a fixed offset from a
 * planted routine (a bathroom visit 1-5 minutes after the household wakes up, the morning heater after the
 * wake-up): regular, and worth finding, but caused by the routine they follow, so recall is measured over
 * {@code routines} only. Some regularities follow from planted causes without being scheduled and are not listed:
 * e.g. the front door opening shortly before a person's planted departure, the occupancy sensor turning
 * {@code away} when the last person leaves, power and energy readings following a planted switch.
 */
public record GroundTruth(List<PlantedRoutine> routines, List<PlantedSequence> sequences,
                          List<PlantedAnomaly> anomalies, List<PlantedRoutine> consequences) {
    public GroundTruth {
        routines = List.copyOf(routines);
        sequences = List.copyOf(sequences);
        anomalies = List.copyOf(anomalies);
        consequences = consequences == null ? List.of() : List.copyOf(consequences);
    }

    public GroundTruth(List<PlantedRoutine> routines, List<PlantedSequence> sequences,
                       List<PlantedAnomaly> anomalies) {
        this(routines, sequences, anomalies, List.of());
    }
}
