package io.hestia.training.ml;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.hestia.ha.home.Home;
import io.hestia.ha.home.StateEvent;

/**
 * The counts a home's type is judged from; {@link HomeFeatures} turns them into the model's vector. Built from a
 * {@link Home} ({@link #of(Home)}) or, by the service, from Hestia's store with the canonical constructor:
 *
 * @param floors             floors in the floor registry (0 when it is empty)
 * @param floorsBelowGround  floors with a level below 0 (basements)
 * @param areaNames          names of the areas in the area registry (their count is the number of areas; names are
 *                           matched against keywords such as garage, garden, balcony)
 * @param devices            devices in the device registry
 * @param entitiesByDomain   entities in the entity registry per domain ({@code light} → 12)
 * @param entitiesByDeviceClass entities per device class ({@code motion} → 4); entities without a class not counted
 * @param eventsByDomain     state changes recorded over the last {@code days} days, per entity domain
 * @param nightEvents        how many of those happened between 00:00 and 05:59 in the home's time zone
 * @param days               the period the events cover, in days (> 0; the service uses its analysis window)
 */
public record HomeSummary(int floors, int floorsBelowGround, List<String> areaNames, int devices,
                          Map<String, Integer> entitiesByDomain, Map<String, Integer> entitiesByDeviceClass,
                          Map<String, Long> eventsByDomain, long nightEvents, double days) {

    public HomeSummary {
        areaNames = List.copyOf(areaNames);
        entitiesByDomain = Map.copyOf(entitiesByDomain);
        entitiesByDeviceClass = Map.copyOf(entitiesByDeviceClass);
        eventsByDomain = Map.copyOf(eventsByDomain);
        if (!(days > 0)) {
            throw new IllegalArgumentException("days must be > 0, was " + days);
        }
    }

    /** Entities in all domains. */
    public int entities() {
        return entitiesByDomain.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** State changes in all domains. */
    public long events() {
        return eventsByDomain.values().stream().mapToLong(Long::longValue).sum();
    }

    public int areas() {
        return areaNames.size();
    }

    /** A home's summary; the period is the span of its events rounded up to whole days (1 when it has none). */
    public static HomeSummary of(Home home) {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (StateEvent e : home.events()) {
            first = Math.min(first, e.lastUpdated());
            last = Math.max(last, e.lastUpdated());
        }
        double days = first > last ? 1 : Math.max(1, Math.ceil((last - first) / 86_400_000.0));
        return of(home, days);
    }

    /** A home's summary over a known period of {@code days} days (e.g. the synthetic spec's). */
    public static HomeSummary of(Home home, double days) {
        int below = 0;
        for (Home.Floor f : home.floors()) {
            below += f.level() != null && f.level() < 0 ? 1 : 0;
        }
        List<String> areas = new ArrayList<>();
        for (Home.Area a : home.areas()) {
            areas.add(a.name() == null ? a.areaId() : a.name());
        }
        Map<String, Integer> byDomain = new HashMap<>();
        Map<String, Integer> byClass = new HashMap<>();
        for (Home.Entity e : home.entities()) {
            byDomain.merge(e.domain(), 1, Integer::sum);
            if (e.deviceClass() != null) {
                byClass.merge(e.deviceClass(), 1, Integer::sum);
            }
        }
        ZoneId zone = ZoneId.of(home.timeZone());
        Map<String, Long> events = new HashMap<>();
        long night = 0;
        // the UTC hour of the previous event and the zone's offset then (offsets change on whole hours)
        long hourStart = Long.MIN_VALUE;
        int offsetMs = 0;
        for (StateEvent e : home.events()) {
            String id = e.entityId();
            events.merge(id.substring(0, Math.max(0, id.indexOf('.'))), 1L, Long::sum);
            long t = e.lastUpdated();
            if (t < hourStart || t >= hourStart + 3_600_000L) {
                offsetMs = zone.getRules().getOffset(Instant.ofEpochMilli(t)).getTotalSeconds() * 1000;
                hourStart = t - Math.floorMod(t, 3_600_000L);
            }
            long localMs = Math.floorMod(t + offsetMs, 86_400_000L);
            night += localMs < 6 * 3_600_000L ? 1 : 0;
        }
        return new HomeSummary(home.floors().size(), below, areas, home.devices().size(), byDomain, byClass, events,
                night, days);
    }
}
