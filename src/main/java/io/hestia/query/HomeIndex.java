package io.hestia.query;

import io.hestia.ha.home.Home;
import io.hestia.store.RegistryStore;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable snapshot of the home's registries as the request parser sees them: floors, areas and entities with
 * names and aliases, each entity with its domain, device class, area and floor (an entity without an area takes its
 * device's area, as HA does; the store has already applied that). Built once per registry change and shared by
 * concurrent requests.
 */
public final class HomeIndex {

    /** @param level HA's floor level (0 ground, negative below), or null when not set */
    public record Floor(String id, String name, List<String> aliases, Integer level) {
        public Floor {
            Objects.requireNonNull(id, "id");
            aliases = aliases == null ? List.of() : List.copyOf(aliases);
        }

        public Floor(String id, String name, List<String> aliases) {
            this(id, name, aliases, null);
        }
    }

    public record Area(String id, String name, List<String> aliases, String floorId) {
        public Area {
            Objects.requireNonNull(id, "id");
            aliases = aliases == null ? List.of() : List.copyOf(aliases);
        }
    }

    /** @param state the last known state (may be null) */
    public record Entity(String entityId, String name, List<String> aliases, String domain, String deviceClass,
                         String areaId, String floorId, String state) {
        public Entity {
            Objects.requireNonNull(entityId, "entityId");
            aliases = aliases == null ? List.of() : List.copyOf(aliases);
            if (domain == null) {
                domain = entityId.substring(0, entityId.indexOf('.'));
            }
        }
    }

    private final List<Floor> floors;
    private final List<Area> areas;
    private final List<Entity> entities;
    private final Map<String, Floor> floorById = new HashMap<>();
    private final Map<String, Area> areaById = new HashMap<>();
    private final Map<String, Entity> entityById = new LinkedHashMap<>();
    private final Map<String, List<Entity>> byArea = new HashMap<>();
    private final Map<String, List<Entity>> byDomain = new HashMap<>();

    private HomeIndex(List<Floor> floors, List<Area> areas, List<Entity> entities) {
        this.floors = List.copyOf(floors);
        this.areas = List.copyOf(areas);
        this.entities = List.copyOf(entities);
        for (Floor f : this.floors) {
            floorById.put(f.id(), f);
        }
        for (Area a : this.areas) {
            areaById.put(a.id(), a);
        }
        for (Entity e : this.entities) {
            entityById.put(e.entityId(), e);
            if (e.areaId() != null) {
                byArea.computeIfAbsent(e.areaId(), k -> new ArrayList<>()).add(e);
            }
            byDomain.computeIfAbsent(e.domain(), k -> new ArrayList<>()).add(e);
        }
    }

    public static HomeIndex of(List<Floor> floors, List<Area> areas, List<Entity> entities) {
        return new HomeIndex(floors, areas, entities);
    }

    /** From a home file or a synthetic home; an entity's floor is its area's floor. */
    public static HomeIndex of(Home home) {
        Map<String, String> floorOfArea = new HashMap<>();
        List<Floor> floors = new ArrayList<>();
        for (Home.Floor f : home.floors()) {
            floors.add(new Floor(f.floorId(), f.name(), f.aliases(), f.level()));
        }
        List<Area> areas = new ArrayList<>();
        for (Home.Area a : home.areas()) {
            areas.add(new Area(a.areaId(), a.name(), a.aliases(), a.floorId()));
            floorOfArea.put(a.areaId(), a.floorId());
        }
        Map<String, String> areaOfDevice = new HashMap<>();
        for (Home.Device d : home.devices()) {
            areaOfDevice.put(d.id(), d.areaId());
        }
        List<Entity> entities = new ArrayList<>();
        for (Home.Entity e : home.entities()) {
            String area = e.areaId() != null ? e.areaId() : areaOfDevice.get(e.deviceId());
            String name = e.name();
            if (name == null && e.attributes().get("friendly_name") != null) {
                name = e.attributes().get("friendly_name").toString();
            }
            entities.add(new Entity(e.entityId(), name, e.aliases(), e.domain(), e.deviceClass(), area,
                    area == null ? null : floorOfArea.get(area), e.state()));
        }
        return new HomeIndex(floors, areas, entities);
    }

    /** From the ingested registries. */
    public static HomeIndex of(RegistryStore registry) {
        List<Floor> floors = new ArrayList<>();
        for (RegistryStore.FloorRow f : registry.floors()) {
            floors.add(new Floor(f.floorId(), f.name(), f.aliases(), f.level()));
        }
        List<Area> areas = new ArrayList<>();
        for (RegistryStore.AreaRow a : registry.areas()) {
            areas.add(new Area(a.areaId(), a.name(), a.aliases(), a.floorId()));
        }
        List<Entity> entities = new ArrayList<>();
        for (RegistryStore.EntityRow e : registry.entities(null, null, null, Integer.MAX_VALUE)) {
            entities.add(new Entity(e.entityId(), e.name(), e.aliases(), e.domain(), e.deviceClass(), e.areaId(),
                    e.floorId(), e.state()));
        }
        return new HomeIndex(floors, areas, entities);
    }

    public List<Floor> floors() {
        return floors;
    }

    public List<Area> areas() {
        return areas;
    }

    public List<Entity> entities() {
        return entities;
    }

    public Floor floor(String id) {
        return id == null ? null : floorById.get(id);
    }

    public Area area(String id) {
        return id == null ? null : areaById.get(id);
    }

    public Entity entity(String entityId) {
        return entityId == null ? null : entityById.get(entityId);
    }

    /** Entities of a domain, in registry order. */
    public List<Entity> ofDomain(String domain) {
        return byDomain.getOrDefault(domain, Collections.emptyList());
    }

    public List<Entity> inArea(String areaId) {
        return byArea.getOrDefault(areaId, Collections.emptyList());
    }

    /** The floor id of an entity: its own, or its area's. */
    public String floorOf(Entity e) {
        if (e.floorId() != null) {
            return e.floorId();
        }
        Area a = area(e.areaId());
        return a == null ? null : a.floorId();
    }

    public int size() {
        return entities.size();
    }
}
