package io.hestia.training.synthetic;

import java.util.Objects;

/**
 * An injected anomaly.
 *
 * @param kind        what kind
 * @param entityId    the entity concerned
 * @param start       start of the anomalous period, ISO-8601 local date-time with offset in the home's zone
 * @param end         end of the period (exclusive), same format
 * @param description what happened
 */
public record PlantedAnomaly(Kind kind, String entityId, String start, String end, String description) {

    public enum Kind {
        /** a light or switch that is normally turned off at bedtime stays on through the night */
        LEFT_ON_OVERNIGHT,
        /** a sensor that normally reports every few minutes reports nothing for a whole local day */
        SENSOR_SILENT,
        /** activity at about 03:00 at an entity that is never active between 01:00 and 05:00 otherwise */
        UNUSUAL_TIME_ACTIVITY
    }

    public PlantedAnomaly {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(entityId, "entityId");
    }
}
