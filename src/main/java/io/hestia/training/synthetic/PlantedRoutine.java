package io.hestia.training.synthetic;

import java.time.DayOfWeek;
import java.util.List;
import java.util.Objects;

/**
 * A planted time-of-day routine: on the listed days, {@code entityId} changes to {@code state} around
 * {@code localTime} in the home's time zone.
 *
 * @param entityId      entity that changes
 * @param state         the state it changes to
 * @param localTime     planned local time of day, {@code HH:MM}
 * @param dayMask       ALL, WEEKDAYS, WEEKENDS or CUSTOM (then {@code days} is the set)
 * @param days          the days of week the routine is planted on (always filled, in Monday..Sunday order)
 * @param jitterMinutes standard deviation of the actual time around {@code localTime}; about 0 for time
 *                      automations. Mostly normal, truncated at 2.5 sigma and at most 14 minutes; a routine drawn
 *                      from a uniform window (the description says "uniformly", e.g. the remote-work desk plug or
 *                      a visit some minutes after the wake-up) has that window's standard deviation, combined with
 *                      the wake-up's, and can deviate by more than 14 minutes
 * @param missRate      share of eligible days on which the routine does not happen. Misses are spread evenly over
 *                      the history, so the realised rate matches, unless the description says the routine happens
 *                      on a random share of the days (independent draws, e.g. the morning heater at 0.5)
 * @param description   what it models
 */
public record PlantedRoutine(String entityId, String state, String localTime, DayMask dayMask, List<DayOfWeek> days,
                             double jitterMinutes, double missRate, String description) {
    public PlantedRoutine {
        Objects.requireNonNull(entityId, "entityId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(localTime, "localTime");
        days = List.copyOf(days);
    }

    /** Planned minute of the day (0..1439). */
    public int minuteOfDay() {
        return Integer.parseInt(localTime.substring(0, 2)) * 60 + Integer.parseInt(localTime.substring(3, 5));
    }

    public boolean plantedOn(DayOfWeek day) {
        return days.contains(day);
    }
}
