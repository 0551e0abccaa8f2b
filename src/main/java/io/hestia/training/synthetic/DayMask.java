package io.hestia.training.synthetic;

import java.time.DayOfWeek;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Which days a routine is planted on; CUSTOM means an explicit day-of-week set. */
public enum DayMask {
    ALL, WEEKDAYS, WEEKENDS, CUSTOM;

    public static DayMask of(Set<DayOfWeek> days) {
        EnumSet<DayOfWeek> d = days.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(days);
        if (d.size() == 7) {
            return ALL;
        }
        if (d.equals(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY))) {
            return WEEKDAYS;
        }
        if (d.equals(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY))) {
            return WEEKENDS;
        }
        return CUSTOM;
    }

    public static List<DayOfWeek> sorted(Set<DayOfWeek> days) {
        return List.copyOf(days.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(days));
    }
}
