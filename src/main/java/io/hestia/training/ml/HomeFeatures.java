package io.hestia.training.ml;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A home's mix as the home type classifier's input: registry sizes, the share of entities per domain and device
 * class, area kinds and activity per domain group. Fixed order, see {@link #NAMES}; documented in
 * {@code docs/architecture.md} ("ML features").
 */
public final class HomeFeatures {

    /** Domains with a share feature each ({@code domain_share_<d>}, plus {@code domain_share_other}). */
    public static final List<String> DOMAINS = List.of("light", "switch", "sensor", "binary_sensor", "climate",
            "cover", "lock", "media_player", "fan", "vacuum", "person", "device_tracker", "camera", "scene");
    /** Device classes with a share feature each ({@code class_share_<c>}). */
    public static final List<String> DEVICE_CLASSES = List.of("motion", "door", "window", "occupancy", "presence",
            "temperature", "humidity", "illuminance", "power", "energy", "moisture", "smoke");
    /** Activity groups: domain lists whose events per entity per day are one feature each. */
    public static final Map<String, List<String>> ACTIVITY_GROUPS = Map.of(
            "lighting", List.of("light"),
            "switching", List.of("switch", "fan", "scene"),
            "binary_sensor", List.of("binary_sensor"),
            "sensor", List.of("sensor"),
            "climate", List.of("climate", "cover"),
            "presence", List.of("person", "device_tracker"),
            "media", List.of("media_player"));
    /** Activity group names in vector order. */
    public static final List<String> GROUPS = List.of("lighting", "switching", "binary_sensor", "sensor", "climate",
            "presence", "media");
    /** Area kinds: the feature is 1 when an area name contains one of the keywords (case-insensitive). */
    public static final Map<String, List<String>> AREA_KINDS = Map.of(
            "outdoor", List.of("garden", "patio", "balcony", "porch", "yard", "terrace", "deck"),
            "garage", List.of("garage", "carport"),
            "basement", List.of("basement", "cellar", "gym", "theater", "theatre"),
            "stairs", List.of("landing", "stairs", "staircase"),
            "sleeping", List.of("bedroom", "kids", "guest", "nook", "nursery"),
            "dining", List.of("dining"),
            "storage", List.of("shed", "storage", "laundry", "utility"));
    public static final List<String> KINDS = List.of("outdoor", "garage", "basement", "stairs", "sleeping", "dining",
            "storage");

    private static final List<String> SIZE = List.of("floors", "floors_below_ground", "areas", "log_devices",
            "log_entities", "entities_per_area", "devices_per_area");

    /** Feature names in vector order. */
    public static final List<String> NAMES = Features.names(SIZE,
            Features.oneHotNames("domain_share", DOMAINS),
            DEVICE_CLASSES.stream().map(c -> "class_share_" + c).toList(),
            KINDS.stream().map(k -> "areas_" + k).toList(),
            GROUPS.stream().map(g -> "log_events_per_entity_day_" + g).toList(),
            List.of("log_events_per_entity_day", "night_event_fraction"));

    private HomeFeatures() {
    }

    public static float[] of(HomeSummary s) {
        int entities = s.entities();
        int areas = s.areas();
        Features.Cursor c = new Features.Cursor(NAMES.size())
                .add(s.floors()).add(s.floorsBelowGround()).add(areas)
                .add(Features.log1p(s.devices())).add(Features.log1p(entities))
                .add(Features.ratio(entities, areas)).add(Features.ratio(s.devices(), areas));
        int other = entities;
        for (String d : DOMAINS) {
            int n = s.entitiesByDomain().getOrDefault(d, 0);
            other -= n;
            c.add(Features.ratio(n, entities));
        }
        c.add(Features.ratio(other, entities));
        for (String dc : DEVICE_CLASSES) {
            c.add(Features.ratio(s.entitiesByDeviceClass().getOrDefault(dc, 0), entities));
        }
        for (String k : KINDS) {
            c.add(countKind(s.areaNames(), AREA_KINDS.get(k)));
        }
        for (String g : GROUPS) {
            long events = 0;
            int members = 0;
            for (String d : ACTIVITY_GROUPS.get(g)) {
                events += s.eventsByDomain().getOrDefault(d, 0L);
                members += s.entitiesByDomain().getOrDefault(d, 0);
            }
            c.add(Features.log1p(Features.ratio(events, members * s.days())));
        }
        c.add(Features.log1p(Features.ratio(s.events(), entities * s.days())));
        c.add(Features.ratio(s.nightEvents(), s.events()));
        return c.done();
    }

    /** Areas whose name contains one of the keywords. */
    static int countKind(List<String> areaNames, List<String> keywords) {
        int n = 0;
        for (String name : areaNames) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (keywords.stream().anyMatch(lower::contains)) {
                n++;
            }
        }
        return n;
    }

    /** The vector as a name → value map, for explanations and tests. */
    public static Map<String, Float> named(float[] v) {
        Map<String, Float> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < NAMES.size(); i++) {
            m.put(NAMES.get(i), v[i]);
        }
        return m;
    }

}
