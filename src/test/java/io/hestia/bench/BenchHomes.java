package io.hestia.bench;

import io.hestia.ha.home.Home;
import io.hestia.training.synthetic.HomeType;
import io.hestia.training.synthetic.SyntheticHomeGenerator;
import io.hestia.training.synthetic.SyntheticSpec;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Large homes for benchmarks: wings of 100-device synthetic homes (seeds 1, 2, ...), each wing's floors, areas and
 * entity names prefixed with its own word ("Guest Kitchen", "Guest Kitchen Ceiling Light"), cut to the entity count
 * asked. Names stay as HA users write them, so the parser works as hard as on a real large home.
 */
public final class BenchHomes {

    private static final List<String> WINGS = List.of("", "Guest", "North", "South", "Annex", "Garden", "West",
            "East");

    private BenchHomes() {
    }

    public static Home big(int entities) {
        List<Home.Floor> floors = new ArrayList<>();
        List<Home.Area> areas = new ArrayList<>();
        List<Home.Entity> out = new ArrayList<>();
        for (int w = 0; out.size() < entities; w++) {
            if (w >= WINGS.size()) {
                throw new IllegalArgumentException("at most about " + WINGS.size() * 220 + " entities");
            }
            String wing = WINGS.get(w);
            String idPrefix = wing.isEmpty() ? "" : wing.toLowerCase() + "_";
            String namePrefix = wing.isEmpty() ? "" : wing + " ";
            Home h = SyntheticHomeGenerator.generate(new SyntheticSpec(w + 1, HomeType.SINGLE_FAMILY, 100, 1,
                    Instant.parse("2026-11-24T00:00:00Z"), ZoneId.of("Europe/Berlin"))).home();
            for (Home.Floor f : h.floors()) {
                floors.add(new Home.Floor(idPrefix + f.floorId(), namePrefix + f.name(),
                        wing.isEmpty() ? f.aliases() : List.of(), f.level()));
            }
            Map<String, String> areaNames = new java.util.HashMap<>();
            for (Home.Area a : h.areas()) {
                areas.add(new Home.Area(idPrefix + a.areaId(), namePrefix + a.name(),
                        wing.isEmpty() ? a.aliases() : List.of(), a.floorId() == null ? null : idPrefix + a.floorId()));
                areaNames.put(a.areaId(), a.name());
            }
            for (Home.Entity e : h.entities()) {
                if (out.size() >= entities) {
                    break;
                }
                String objectId = e.entityId().substring(e.entityId().indexOf('.') + 1);
                String name = e.name() == null ? null : namePrefix + e.name();
                out.add(new Home.Entity(e.domain() + "." + idPrefix + objectId, name,
                        wing.isEmpty() ? e.aliases() : List.of(), e.areaId() == null ? null : idPrefix + e.areaId(),
                        null, e.deviceClass(), e.state(), Map.of()));
            }
        }
        return new Home("Benchmark home (" + out.size() + " entities)", "Europe/Berlin", floors, areas, List.of(),
                out, List.of());
    }

    /** Requests over {@link #big}: commands, state questions and automation requests, each naming its wing. */
    public static final List<String> REQUESTS = List.of(
            "turn on the kitchen ceiling light",
            "switch off all the lights in the guest bedroom",
            "set the north living room thermostat to 21 degrees",
            "close the south bedroom blinds",
            "is the front door open?",
            "which lights are on in the guest kitchen?",
            "turn on the entrance ceiling light when motion is detected after sunset",
            "turn off the north bathroom light after 10 minutes without motion",
            "when the living room temperature goes above 25 degrees turn off the thermostat",
            "close the bedroom blinds 30 minutes before sunset on weekdays",
            "lock the front door at 22:30 if nobody is home",
            "turn on the guest kitchen lihgt strip");
}
