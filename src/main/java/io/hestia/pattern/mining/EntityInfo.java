package io.hestia.pattern.mining;

import java.util.Objects;

/**
 * What the miners know of one entity.
 *
 * @param index       position in {@link HomeModel#entities()}, the int the event pass uses
 * @param entityId    HA entity id
 * @param domain      part before the dot
 * @param deviceClass HA device class, or null
 * @param areaId      area id (the entity's, else its device's), or null
 * @param name        friendly name (falls back to the entity id)
 */
public record EntityInfo(int index, String entityId, String domain, String deviceClass, String areaId, String name) {
    public EntityInfo {
        Objects.requireNonNull(entityId, "entityId");
        Objects.requireNonNull(domain, "domain");
        if (name == null || name.isBlank()) {
            name = entityId;
        }
    }
}
