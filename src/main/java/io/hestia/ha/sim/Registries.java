package io.hestia.ha.sim;

import io.hestia.ha.home.Home;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Area, floor, device and entity registries in HA's WebSocket shapes (reference C.4). */
final class Registries {

    static final String PLATFORM = "hestia_sim";

    /** One entity-registry entry. Mutable fields change only on the event loop. */
    static final class RegEntity {
        String entityId;
        final String id;
        final String uniqueId;
        final String platform;
        final String deviceId;
        final String areaId;
        String originalName;
        final List<String> aliases;
        final String originalDeviceClass;
        final String configEntryId;
        final long createdAt;
        long modifiedAt;

        RegEntity(String entityId, String id, String uniqueId, String platform, String deviceId, String areaId,
                  String originalName, List<String> aliases, String originalDeviceClass, String configEntryId,
                  long createdAt) {
            this.entityId = entityId;
            this.id = id;
            this.uniqueId = uniqueId;
            this.platform = platform;
            this.deviceId = deviceId;
            this.areaId = areaId;
            this.originalName = originalName;
            this.aliases = aliases;
            this.originalDeviceClass = originalDeviceClass;
            this.configEntryId = configEntryId;
            this.createdAt = createdAt;
            this.modifiedAt = createdAt;
        }
    }

    final String configEntryId;
    private final Home home;
    private final long createdAt;
    final Map<String, RegEntity> entities = new LinkedHashMap<>();

    Registries(Home home, long createdAt) {
        this.home = home;
        this.createdAt = createdAt;
        this.configEntryId = Ids.stableHex("config_entry:" + home.name());
        for (Home.Entity e : home.entities()) {
            entities.put(e.entityId(), new RegEntity(e.entityId(), Ids.stableHex("entity:" + e.entityId()),
                    "sim_" + Ids.stableHex("unique:" + e.entityId()).substring(0, 12), PLATFORM, e.deviceId(),
                    e.areaId(), e.name(), e.aliases(), e.deviceClass(), configEntryId, createdAt));
        }
    }

    RegEntity byUniqueId(String platform, String uniqueId) {
        for (RegEntity r : entities.values()) {
            if (r.platform.equals(platform) && r.uniqueId.equals(uniqueId)) {
                return r;
            }
        }
        return null;
    }

    /** The area of an entity: its own, else its device's. */
    String areaOf(String entityId) {
        RegEntity r = entities.get(entityId);
        if (r == null) {
            return null;
        }
        if (r.areaId != null) {
            return r.areaId;
        }
        if (r.deviceId != null) {
            for (Home.Device d : home.devices()) {
                if (d.id().equals(r.deviceId)) {
                    return d.areaId();
                }
            }
        }
        return null;
    }

    String floorOfArea(String areaId) {
        for (Home.Area a : home.areas()) {
            if (a.areaId().equals(areaId)) {
                return a.floorId();
            }
        }
        return null;
    }

    List<Object> areas() {
        List<Object> out = new ArrayList<>();
        for (Home.Area a : home.areas()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("aliases", a.aliases());
            m.put("area_id", a.areaId());
            m.put("floor_id", a.floorId());
            m.put("humidity_entity_id", null);
            m.put("icon", null);
            m.put("labels", List.of());
            m.put("name", a.name() == null ? a.areaId() : a.name());
            m.put("picture", null);
            m.put("temperature_entity_id", null);
            m.put("created_at", SimJson.epochSeconds(createdAt));
            m.put("modified_at", SimJson.epochSeconds(createdAt));
            out.add(m);
        }
        return out;
    }

    List<Object> floors() {
        List<Object> out = new ArrayList<>();
        for (Home.Floor f : home.floors()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("aliases", f.aliases());
            m.put("created_at", SimJson.epochSeconds(createdAt));
            m.put("floor_id", f.floorId());
            m.put("icon", null);
            m.put("level", f.level());
            m.put("modified_at", SimJson.epochSeconds(createdAt));
            m.put("name", f.name() == null ? f.floorId() : f.name());
            out.add(m);
        }
        return out;
    }

    List<Object> devices() {
        List<Object> out = new ArrayList<>();
        for (Home.Device d : home.devices()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("area_id", d.areaId());
            m.put("configuration_url", null);
            m.put("config_entries", List.of(configEntryId));
            Map<String, Object> sub = new LinkedHashMap<>();
            List<Object> none = new ArrayList<>();
            none.add(null);
            sub.put(configEntryId, none);
            m.put("config_entries_subentries", sub);
            m.put("connections", List.of());
            m.put("created_at", SimJson.epochSeconds(createdAt));
            m.put("disabled_by", null);
            m.put("entry_type", null);
            m.put("hw_version", null);
            m.put("id", d.id());
            m.put("identifiers", List.of(List.of(PLATFORM, d.id())));
            m.put("labels", List.of());
            m.put("manufacturer", d.manufacturer());
            m.put("model", d.model());
            m.put("model_id", null);
            m.put("modified_at", SimJson.epochSeconds(createdAt));
            m.put("name_by_user", null);
            m.put("name", d.name());
            m.put("primary_config_entry", configEntryId);
            m.put("serial_number", null);
            m.put("sw_version", null);
            m.put("via_device_id", null);
            out.add(m);
        }
        return out;
    }

    /** The plain {@code config/entity_registry/list} entry: no aliases, no device class. */
    static Map<String, Object> listEntry(RegEntity r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("area_id", r.areaId);
        m.put("categories", Map.of());
        m.put("config_entry_id", r.configEntryId);
        m.put("config_subentry_id", null);
        m.put("created_at", SimJson.epochSeconds(r.createdAt));
        m.put("device_id", r.deviceId);
        m.put("disabled_by", null);
        m.put("entity_category", null);
        m.put("entity_id", r.entityId);
        m.put("has_entity_name", false);
        m.put("hidden_by", null);
        m.put("icon", null);
        m.put("id", r.id);
        m.put("labels", List.of());
        m.put("modified_at", SimJson.epochSeconds(r.modifiedAt));
        m.put("name", null);
        m.put("options", Map.of());
        m.put("original_name", r.originalName);
        m.put("platform", r.platform);
        m.put("translation_key", null);
        m.put("unique_id", r.uniqueId);
        return m;
    }

    /** The extended entry of {@code get} / {@code get_entries}. */
    static Map<String, Object> extendedEntry(RegEntity r, SimState state) {
        Map<String, Object> m = listEntry(r);
        m.put("aliases", r.aliases);
        m.put("capabilities", capabilities(r, state));
        m.put("device_class", null);
        m.put("original_device_class", r.originalDeviceClass);
        m.put("original_icon", null);
        return m;
    }

    private static Map<String, Object> capabilities(RegEntity r, SimState state) {
        Map<String, Object> a = state == null ? Map.of() : state.attributes;
        String domain = r.entityId.substring(0, r.entityId.indexOf('.'));
        Map<String, Object> c = new LinkedHashMap<>();
        switch (domain) {
            case "light" -> c.put("supported_color_modes",
                    a.getOrDefault("supported_color_modes", List.of("brightness")));
            case "climate" -> {
                c.put("hvac_modes", a.getOrDefault("hvac_modes", List.of("off", "heat")));
                c.put("min_temp", a.getOrDefault("min_temp", 7));
                c.put("max_temp", a.getOrDefault("max_temp", 35));
            }
            case "sensor" -> {
                if (a.containsKey("state_class")) {
                    c.put("state_class", a.get("state_class"));
                }
            }
            case "select", "input_select" -> {
                if (a.containsKey("options")) {
                    c.put("options", a.get("options"));
                }
            }
            default -> {
            }
        }
        return c.isEmpty() ? null : c;
    }

    /** {@code config/entity_registry/list_for_display}: short keys, optional keys only when set. */
    Map<String, Object> listForDisplay() {
        List<Object> list = new ArrayList<>();
        for (RegEntity r : entities.values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ei", r.entityId);
            m.put("pl", r.platform);
            if (r.areaId != null) {
                m.put("ai", r.areaId);
            }
            if (r.deviceId != null) {
                m.put("di", r.deviceId);
            }
            if (r.originalName != null) {
                m.put("en", r.originalName);
            }
            list.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> categories = new LinkedHashMap<>();
        categories.put("0", "config");
        categories.put("1", "diagnostic");
        out.put("entity_categories", categories);
        out.put("entities", list);
        return out;
    }
}
