package io.hestia.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/** Ingest bookkeeping: how far each source has been durably written, and HA's configuration values. */
public final class IngestStateStore {

    private final DataSource dataSource;

    public IngestStateStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public OptionalLong cursor(String source) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT position_ms FROM ingest_cursors WHERE source = ?")) {
            ps.setString(1, source);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("reading cursor " + source + " failed", e);
        }
    }

    /** Moves the cursor forward to {@code positionMs}; never moves it back. */
    public void advance(String source, long positionMs) {
        String sql = "INSERT INTO ingest_cursors (source, position_ms, updated_at) VALUES (?,?,?) "
                + "ON CONFLICT (source) DO UPDATE SET position_ms = excluded.position_ms, updated_at = excluded.updated_at "
                + "WHERE excluded.position_ms > ingest_cursors.position_ms";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, source);
            ps.setLong(2, positionMs);
            ps.setLong(3, System.currentTimeMillis());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("advancing cursor " + source + " failed", e);
        }
    }

    public void putConfig(Map<String, String> values) {
        String sql = "INSERT INTO ha_config (config_key, config_value, updated_at) VALUES (?,?,?) "
                + "ON CONFLICT (config_key) DO UPDATE SET config_value = excluded.config_value, "
                + "updated_at = excluded.updated_at";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            long now = System.currentTimeMillis();
            for (Map.Entry<String, String> e : values.entrySet()) {
                ps.setString(1, e.getKey());
                ps.setString(2, e.getValue());
                ps.setLong(3, now);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new StoreException("storing HA config failed", e);
        }
    }

    public Map<String, String> config() {
        Map<String, String> out = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT config_key, config_value FROM ha_config ORDER BY config_key");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        } catch (SQLException e) {
            throw new StoreException("reading HA config failed", e);
        }
        return out;
    }
}
