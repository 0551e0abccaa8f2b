package io.hestia.pattern.mining;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The home as the miners see it: its entities (indexed), its time zone and the trigger→action entity pairs that
 * the home's own automations already cover. Entities that appear only in events are added on the fly by
 * {@link #indexOf(String)} (domain from the id, no area).
 */
public final class HomeModel {

    private final ZoneId zone;
    private final List<EntityInfo> entities = new ArrayList<>();
    private final Map<String, Integer> byId = new HashMap<>();
    private final java.util.Set<String> automatedPairs;

    public HomeModel(ZoneId zone, List<EntityInfo> known, java.util.Set<String> automatedPairs) {
        this.zone = Objects.requireNonNull(zone, "zone");
        for (EntityInfo e : known) {
            add(e.entityId(), e.domain(), e.deviceClass(), e.areaId(), e.name());
        }
        this.automatedPairs = java.util.Set.copyOf(automatedPairs);
    }

    /** A home with these entities ({@code entity_id}, device class, area, name given per entity). */
    public static HomeModel of(ZoneId zone, List<EntityInfo> entities) {
        return new HomeModel(zone, entities, java.util.Set.of());
    }

    public ZoneId zone() {
        return zone;
    }

    public List<EntityInfo> entities() {
        return entities;
    }

    public EntityInfo entity(int index) {
        return entities.get(index);
    }

    public int size() {
        return entities.size();
    }

    /** Index of an entity id, or -1. */
    public int find(String entityId) {
        Integer i = byId.get(entityId);
        return i == null ? -1 : i;
    }

    /** Index of an entity id, adding an entity known only from its events. */
    public int indexOf(String entityId) {
        Integer i = byId.get(entityId);
        if (i != null) {
            return i;
        }
        int dot = entityId.indexOf('.');
        return add(entityId, dot > 0 ? entityId.substring(0, dot) : entityId, null, null, null);
    }

    private int add(String entityId, String domain, String deviceClass, String areaId, String name) {
        Integer existing = byId.get(entityId);
        if (existing != null) {
            return existing;
        }
        int index = entities.size();
        entities.add(new EntityInfo(index, entityId, domain, deviceClass, areaId, name));
        byId.put(entityId, index);
        return index;
    }

    /** True when one of the home's automations already reacts to {@code trigger} by acting on {@code action}. */
    public boolean automated(String trigger, String action) {
        return automatedPairs.contains(pairKey(trigger, action));
    }

    public static String pairKey(String trigger, String action) {
        return trigger + "->" + action;
    }
}
