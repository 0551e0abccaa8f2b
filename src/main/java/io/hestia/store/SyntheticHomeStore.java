package io.hestia.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Synthetic homes generated through the API: their spec (enough to regenerate them) and ground truth. */
public final class SyntheticHomeStore {

    public record Row(String id, long seed, String homeType, int size, int days, long endMs, String timeZone,
                      String truthJson, long createdAt) {
    }

    private final DataSource dataSource;

    public SyntheticHomeStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void insert(Row r) {
        String sql = "INSERT INTO synthetic_homes (id, seed, home_type, size, days, end_ms, time_zone, truth, created_at) "
                + "VALUES (?,?,?,?,?,?,?,?,?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, r.id());
            ps.setLong(2, r.seed());
            ps.setString(3, r.homeType());
            ps.setInt(4, r.size());
            ps.setInt(5, r.days());
            ps.setLong(6, r.endMs());
            ps.setString(7, r.timeZone());
            ps.setString(8, r.truthJson());
            ps.setLong(9, r.createdAt());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("storing synthetic home " + r.id() + " failed", e);
        }
    }

    public Optional<Row> find(String id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, seed, home_type, size, days, end_ms, time_zone, truth, created_at FROM synthetic_homes WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Row(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getInt(4), rs.getInt(5),
                        rs.getLong(6), rs.getString(7), rs.getString(8), rs.getLong(9)));
            }
        } catch (SQLException e) {
            throw new StoreException("reading synthetic home " + id + " failed", e);
        }
    }
}
