package io.hestia.store;

import com.fasterxml.jackson.core.type.TypeReference;
import io.hestia.ha.home.Home;
import io.hestia.platform.Json;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The home's registries as last read from HA: floors, areas, devices and entities. A sync replaces the
 * whole registry in one transaction, so readers never see half of one sync and half of another.
 */
public final class RegistryStore {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };

    private final DataSource dataSource;
    private final java.util.concurrent.atomic.AtomicLong version = new java.util.concurrent.atomic.AtomicLong();

    public RegistryStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public record FloorRow(String floorId, String name, List<String> aliases, Integer level) {
    }

    public record AreaRow(String areaId, String name, List<String> aliases, String floorId) {
    }

    public record EntityRow(String entityId, String name, List<String> aliases, String domain, String deviceClass,
                            String areaId, String floorId, String deviceId, String state) {
    }

    /** Counts of the registries: what a {@link #replace} call stored, or what they hold ({@link #counts}). */
    public record Counts(int floors, int areas, int devices, int entities) {
    }

    /**
     * Replaces the stored registries with these. An entity without an area takes its device's area; its
     * floor is its area's floor.
     */
    public Counts replace(List<Home.Floor> floors, List<Home.Area> areas, List<Home.Device> devices,
                          List<Home.Entity> entities) {
        long now = System.currentTimeMillis();
        Map<String, String> areaFloor = new HashMap<>();
        areas.forEach(a -> areaFloor.put(a.areaId(), a.floorId()));
        Map<String, String> deviceArea = new HashMap<>();
        devices.forEach(d -> deviceArea.put(d.id(), d.areaId()));
        Counts counts = Jdbc.transaction(dataSource, "replacing the registries", c -> {
            for (String table : List.of("floors", "areas", "devices", "entities")) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table)) {
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO floors (floor_id, name, aliases, level, updated_at) VALUES (?,?,?,?,?)")) {
                for (Home.Floor f : floors) {
                    ps.setString(1, f.floorId());
                    ps.setString(2, f.name() == null ? f.floorId() : f.name());
                    ps.setString(3, Json.write(f.aliases()));
                    ps.setObject(4, f.level());
                    ps.setLong(5, now);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO areas (area_id, name, aliases, floor_id, updated_at) VALUES (?,?,?,?,?)")) {
                for (Home.Area a : areas) {
                    ps.setString(1, a.areaId());
                    ps.setString(2, a.name() == null ? a.areaId() : a.name());
                    ps.setString(3, Json.write(a.aliases()));
                    ps.setString(4, a.floorId());
                    ps.setLong(5, now);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO devices (device_id, name, area_id, "
                    + "manufacturer, model, updated_at) VALUES (?,?,?,?,?,?)")) {
                for (Home.Device d : devices) {
                    ps.setString(1, d.id());
                    ps.setString(2, d.name());
                    ps.setString(3, d.areaId());
                    ps.setString(4, d.manufacturer());
                    ps.setString(5, d.model());
                    ps.setLong(6, now);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO entities (entity_id, name, aliases, "
                    + "domain, device_class, area_id, floor_id, device_id, state, attributes, updated_at) "
                    + "VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
                for (Home.Entity e : entities) {
                    String area = e.areaId() != null ? e.areaId() : deviceArea.get(e.deviceId());
                    ps.setString(1, e.entityId());
                    ps.setString(2, e.name());
                    ps.setString(3, Json.write(e.aliases()));
                    ps.setString(4, e.domain());
                    ps.setString(5, e.deviceClass());
                    ps.setString(6, area);
                    ps.setString(7, area == null ? null : areaFloor.get(area));
                    ps.setString(8, e.deviceId());
                    ps.setString(9, e.state());
                    ps.setString(10, Json.write(e.attributes()));
                    ps.setLong(11, now);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return new Counts(floors.size(), areas.size(), devices.size(), entities.size());
        });
        version.incrementAndGet(); // after the commit: a reader that sees the new version reads the new rows
        return counts;
    }

    /**
     * A counter this store bumps after every {@link #replace} through it: readers that keep a snapshot of the
     * registries compare it to see, without a query, that this process changed them.
     */
    public long version() {
        return version.get();
    }

    /**
     * A cheap summary of the stored registries (row counts and latest write times) that changes whenever
     * {@link #replace} runs, in this process or another one sharing the store.
     */
    public String fingerprint() {
        StringBuilder out = new StringBuilder();
        query("SELECT (SELECT COUNT(*) FROM floors), (SELECT MAX(updated_at) FROM floors), "
                + "(SELECT COUNT(*) FROM areas), (SELECT MAX(updated_at) FROM areas), "
                + "(SELECT COUNT(*) FROM entities), (SELECT MAX(updated_at) FROM entities)", List.of(), rs -> {
                    for (int i = 1; i <= 6; i++) {
                        out.append(rs.getLong(i)).append('/');
                    }
                });
        return out.toString();
    }

    /** Every device id. */
    public List<String> deviceIds() {
        List<String> out = new ArrayList<>();
        query("SELECT device_id FROM devices", List.of(), rs -> out.add(rs.getString(1)));
        return out;
    }

    public List<FloorRow> floors() {
        List<FloorRow> out = new ArrayList<>();
        query("SELECT floor_id, name, aliases, level FROM floors ORDER BY level, name", List.of(), rs -> {
            Object level = rs.getObject(4);
            out.add(new FloorRow(rs.getString(1), rs.getString(2), strings(rs.getString(3)),
                    level == null ? null : ((Number) level).intValue()));
        });
        return out;
    }

    public List<AreaRow> areas() {
        List<AreaRow> out = new ArrayList<>();
        query("SELECT area_id, name, aliases, floor_id FROM areas ORDER BY name", List.of(), rs ->
                out.add(new AreaRow(rs.getString(1), rs.getString(2), strings(rs.getString(3)), rs.getString(4))));
        return out;
    }

    /**
     * Entities, optionally filtered by domain, area id and a case-insensitive text that must occur in the
     * entity id, name or an alias.
     */
    public List<EntityRow> entities(String domain, String areaId, String text, int limit) {
        StringBuilder sql = new StringBuilder(ENTITY_SELECT + " WHERE 1=1");
        List<Object> args = new ArrayList<>();
        if (domain != null) {
            sql.append(" AND domain = ?");
            args.add(domain);
        }
        if (areaId != null) {
            sql.append(" AND area_id = ?");
            args.add(areaId);
        }
        // the text is matched here rather than with SQL LIKE: SQLite's LOWER() and LIKE fold ASCII letters only
        // (so "ÖL" would not find "Öl"), and the aliases column is JSON text whose quotes and brackets must not match
        String needle = text == null ? null : text.toLowerCase(Locale.ROOT);
        sql.append(" ORDER BY entity_id");
        if (needle == null) {
            sql.append(" LIMIT ?");
            args.add(limit);
        }
        List<EntityRow> out = new ArrayList<>();
        query(sql.toString(), args, rs -> {
            if (out.size() >= limit) {
                return;
            }
            EntityRow row = entityRow(rs);
            if (needle == null || matches(row, needle)) {
                out.add(row);
            }
        });
        return out;
    }

    /** One entity by its id. */
    public Optional<EntityRow> entity(String entityId) {
        List<EntityRow> out = new ArrayList<>(1);
        query(ENTITY_SELECT + " WHERE entity_id = ?", List.of(entityId), rs -> out.add(entityRow(rs)));
        return out.stream().findFirst();
    }

    /** How many floors, areas, devices and entities the registries hold now. */
    public Counts counts() {
        List<Counts> out = new ArrayList<>(1);
        query("SELECT (SELECT COUNT(*) FROM floors), (SELECT COUNT(*) FROM areas), (SELECT COUNT(*) FROM devices), "
                + "(SELECT COUNT(*) FROM entities)", List.of(),
                rs -> out.add(new Counts(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4))));
        return out.get(0);
    }

    private static final String ENTITY_SELECT = "SELECT entity_id, name, aliases, domain, device_class, area_id, "
            + "floor_id, device_id, state FROM entities";

    private static EntityRow entityRow(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new EntityRow(rs.getString(1), rs.getString(2), strings(rs.getString(3)), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9));
    }

    private static boolean matches(EntityRow row, String needle) {
        if (contains(row.entityId(), needle) || contains(row.name(), needle)) {
            return true;
        }
        for (String alias : row.aliases()) {
            if (contains(alias, needle)) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(String value, String lowerCaseNeedle) {
        return value != null && value.toLowerCase(Locale.ROOT).contains(lowerCaseNeedle);
    }

    public int entityCount() {
        int[] n = new int[1];
        query("SELECT COUNT(*) FROM entities", List.of(), rs -> n[0] = rs.getInt(1));
        return n[0];
    }

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private void query(String sql, List<Object> args, RowReader reader) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        } catch (SQLException e) {
            throw new StoreException("reading the registry failed", e);
        }
    }

    private static List<String> strings(String json) {
        if (json == null || json.isEmpty()) {
            return List.of();
        }
        try {
            return Json.mapper().readValue(json, STRINGS);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored aliases are not a JSON list: " + json, e);
        }
    }
}
