package io.hestia.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** The persistent tier of the correlation cache: one row per ordered pair key, with an expiry time. */
public final class CorrelationCacheStore {

    private final DataSource dataSource;

    public CorrelationCacheStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public record Row(String value, long expiresAt) {
    }

    /** The row, if present and not expired at {@code now}; an expired row is deleted. */
    public Optional<Row> get(String first, String second, long now) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT value, expires_at FROM correlation_cache WHERE entity1_id = ? AND entity2_id = ?")) {
            ps.setString(1, first);
            ps.setString(2, second);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Row row = new Row(rs.getString(1), rs.getLong(2));
                if (row.expiresAt() <= now) {
                    delete(first, second);
                    return Optional.empty();
                }
                return Optional.of(row);
            }
        } catch (SQLException e) {
            throw new StoreException("reading the correlation cache failed", e);
        }
    }

    public void put(String first, String second, String value, long now, long expiresAt) {
        String sql = "INSERT INTO correlation_cache (entity1_id, entity2_id, value, created_at, expires_at) "
                + "VALUES (?,?,?,?,?) ON CONFLICT (entity1_id, entity2_id) DO UPDATE SET value = excluded.value, "
                + "created_at = excluded.created_at, expires_at = excluded.expires_at";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, first);
            ps.setString(2, second);
            ps.setString(3, value);
            ps.setLong(4, now);
            ps.setLong(5, expiresAt);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("writing the correlation cache failed", e);
        }
    }

    public void delete(String first, String second) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "DELETE FROM correlation_cache WHERE entity1_id = ? AND entity2_id = ?")) {
            ps.setString(1, first);
            ps.setString(2, second);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("deleting from the correlation cache failed", e);
        }
    }

    /** Deletes rows expired at {@code now}; returns how many. */
    public int purgeExpired(long now) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "DELETE FROM correlation_cache WHERE expires_at <= ?")) {
            ps.setLong(1, now);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("purging the correlation cache failed", e);
        }
    }

    public long size() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM correlation_cache");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            throw new StoreException("counting the correlation cache failed", e);
        }
    }
}
