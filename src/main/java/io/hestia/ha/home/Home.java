package io.hestia.ha.home;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A home as Hestia reads it from a home file or a synthetic generator: registries plus an optional
 * event history. Registry shapes follow HA's area/floor/device/entity registries; events follow HA's
 * state-object shape as {@code /api/history/period} returns it.
 *
 * @param name      display name of the home ("location_name" in HA's /api/config)
 * @param timeZone  IANA zone id, as HA's /api/config {@code time_zone}; never null ("UTC" by default)
 * @param floors    floor registry
 * @param areas     area registry
 * @param devices   device registry (may be empty: files of the intents fixture format have none)
 * @param entities  entities with their current state
 * @param events    state changes in time order (may be empty)
 */
public record Home(String name, String timeZone, List<Floor> floors, List<Area> areas, List<Device> devices,
                   List<Entity> entities, List<StateEvent> events) {

    public Home {
        Objects.requireNonNull(name, "name");
        timeZone = timeZone == null || timeZone.isBlank() ? "UTC" : timeZone;
        floors = List.copyOf(floors);
        areas = List.copyOf(areas);
        devices = List.copyOf(devices);
        entities = List.copyOf(entities);
        events = List.copyOf(events);
    }

    public record Floor(String floorId, String name, List<String> aliases, Integer level) {
        public Floor {
            Objects.requireNonNull(floorId, "floorId");
            aliases = aliases == null ? List.of() : List.copyOf(aliases);
        }
    }

    public record Area(String areaId, String name, List<String> aliases, String floorId) {
        public Area {
            Objects.requireNonNull(areaId, "areaId");
            aliases = aliases == null ? List.of() : List.copyOf(aliases);
        }
    }

    public record Device(String id, String name, String areaId, String manufacturer, String model) {
        public Device {
            Objects.requireNonNull(id, "id");
        }
    }

    /**
     * @param attributes current attributes (friendly_name, device_class, unit_of_measurement, ...); never null, but
     *                   values may be: HA sends {@code last_triggered: null} for an automation that never ran,
     *                   and integrations leave attributes null when they have no reading
     */
    public record Entity(String entityId, String name, List<String> aliases, String areaId, String deviceId,
                         String deviceClass, String state, Map<String, Object> attributes) {
        public Entity {
            Objects.requireNonNull(entityId, "entityId");
            aliases = aliases == null ? List.of() : List.copyOf(aliases);
            attributes = attributes == null ? Map.of()
                    : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributes));
        }

        public String domain() {
            return entityId.substring(0, entityId.indexOf('.'));
        }
    }
}
