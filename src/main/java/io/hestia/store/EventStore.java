package io.hestia.store;

import io.hestia.ha.home.StateEvent;
import io.hestia.platform.Json;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * The home's state-change history. Writes are batched in one transaction and idempotent on
 * (entity_id, last_updated, state): live events, backfills and API uploads may overlap freely.
 */
public final class EventStore {

    private static final String INSERT = "INSERT INTO events (entity_id, state, old_state, attributes, time_ms, "
            + "changed_ms, context_id, user_id, parent_id, origin) VALUES (?,?,?,?,?,?,?,?,?,?) "
            + "ON CONFLICT (entity_id, time_ms, state) DO NOTHING";
    private static final String COLUMNS = "id, entity_id, state, old_state, attributes, time_ms, changed_ms, "
            + "context_id, user_id, parent_id, origin";
    private static final int JDBC_BATCH = 1000;

    private final DataSource dataSource;

    public EventStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A stored event; {@code attributesJson} is the attributes object as JSON text, or null. */
    public record StoredEvent(long id, String entityId, String state, String oldState, String attributesJson,
                              long lastUpdated, long lastChanged, String contextId, String userId,
                              String parentId, String origin) {
    }

    /** One page of events and the cursor of the next page (null at the end). */
    public record Page(List<StoredEvent> events, String nextCursor) {
    }

    /**
     * Writes the events in one transaction; committed when this returns.
     *
     * @return how many were new (duplicates of stored events are skipped)
     */
    public int insert(List<StateEvent> events) {
        if (events.isEmpty()) {
            return 0;
        }
        return Jdbc.transaction(dataSource, "writing " + events.size() + " events", c -> {
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                int written = 0;
                int pending = 0;
                for (StateEvent e : events) {
                    bind(ps, e);
                    ps.addBatch();
                    if (++pending == JDBC_BATCH) {
                        written += sum(ps.executeBatch());
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    written += sum(ps.executeBatch());
                }
                return written;
            }
        });
    }

    private static void bind(PreparedStatement ps, StateEvent e) throws SQLException {
        ps.setString(1, e.entityId());
        ps.setString(2, e.state());
        ps.setString(3, e.oldState());
        Map<String, Object> attributes = e.attributes();
        if (attributes == null) {
            ps.setNull(4, Types.VARCHAR);
        } else {
            ps.setString(4, Json.write(attributes));
        }
        ps.setLong(5, e.lastUpdated());
        ps.setLong(6, e.lastChanged());
        ps.setString(7, e.contextId());
        ps.setString(8, e.userId());
        ps.setString(9, e.parentId());
        ps.setString(10, e.origin());
    }

    private static int sum(int[] counts) {
        int n = 0;
        for (int c : counts) {
            // SUCCESS_NO_INFO (-2) counts as written; a skipped conflict reports 0
            n += c == PreparedStatement.SUCCESS_NO_INFO ? 1 : Math.max(c, 0);
        }
        return n;
    }

    /**
     * Events in time order, optionally for one entity and a half-open time window [start, end).
     *
     * @param cursor null for the first page, else the {@link Page#nextCursor()} of the previous page
     */
    public Page page(String entityId, Long startMs, Long endMs, int limit, String cursor) {
        long afterTime = Long.MIN_VALUE;
        long afterId = Long.MIN_VALUE;
        if (cursor != null) {
            long[] c = decodeCursor(cursor);
            afterTime = c[0];
            afterId = c[1];
        }
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM events WHERE ");
        List<Object> args = new ArrayList<>();
        if (entityId != null) {
            sql.append("entity_id = ? AND ");
            args.add(entityId);
        }
        sql.append("time_ms >= ? AND time_ms < ? AND (time_ms > ? OR (time_ms = ? AND id > ?)) ")
                .append("ORDER BY time_ms, id LIMIT ?");
        args.add(startMs == null ? Long.MIN_VALUE : startMs);
        args.add(endMs == null ? Long.MAX_VALUE : endMs);
        args.add(afterTime);
        args.add(afterTime);
        args.add(afterId);
        args.add(limit + 1);
        List<StoredEvent> rows = new ArrayList<>(Math.min(limit + 1, 1024));
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(read(rs));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("reading events failed", e);
        }
        String next = null;
        if (rows.size() > limit) {
            rows.remove(rows.size() - 1);
            StoredEvent last = rows.get(rows.size() - 1);
            next = encodeCursor(last.lastUpdated(), last.id());
        }
        return new Page(rows, next);
    }

    /**
     * Streams every event of the window [start, end) in time order without holding them in memory.
     */
    public long stream(long startMs, long endMs, Consumer<StoredEvent> sink) {
        String sql = "SELECT " + COLUMNS + " FROM events WHERE time_ms >= ? AND time_ms < ? ORDER BY time_ms, id";
        long n = 0;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setFetchSize(2000);
            ps.setLong(1, startMs);
            ps.setLong(2, endMs);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(read(rs));
                    n++;
                }
            }
        } catch (SQLException e) {
            throw new StoreException("streaming events failed", e);
        }
        return n;
    }

    /** One row of {@link #streamStates}: only what miners need, with no per-row object. */
    @FunctionalInterface
    public interface StateRowSink {
        void accept(String entityId, String state, String oldState, long timeMs);
    }

    /**
     * Streams entity, state, old state and time of every event of [start, end) in time order (ties by id): the
     * lean read of the pattern analysis, holding nothing.
     */
    public long streamStates(long startMs, long endMs, StateRowSink sink) {
        return streamStates("SELECT entity_id, state, old_state, time_ms FROM events WHERE time_ms >= ? "
                + "AND time_ms < ? ORDER BY time_ms, id", List.of(startMs, endMs), sink);
    }

    /**
     * Streams entity, state, old state and time of one entity's events of [start, end) in time order (ties by id),
     * through the per-entity time index: no other entity's events are read.
     */
    public long streamStates(String entityId, long startMs, long endMs, StateRowSink sink) {
        return streamStates("SELECT entity_id, state, old_state, time_ms FROM events WHERE entity_id = ? "
                + "AND time_ms >= ? AND time_ms < ? ORDER BY time_ms, id", List.of(entityId, startMs, endMs), sink);
    }

    private long streamStates(String sql, List<Object> args, StateRowSink sink) {
        long n = 0;
        try (Connection c = dataSource.getConnection()) {
            // PostgreSQL's driver honours the fetch size (streams) only inside a transaction; SQLite streams anyway,
            // and there a transaction would begin IMMEDIATE (the store's write transactions do) and hold the write
            // lock for the whole read
            boolean transaction = !c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT)
                    .contains("sqlite");
            c.setAutoCommit(!transaction);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setFetchSize(5000);
                for (int i = 0; i < args.size(); i++) {
                    ps.setObject(i + 1, args.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4));
                        n++;
                    }
                }
            } finally {
                if (transaction) {
                    c.rollback(); // read only: nothing to keep
                    c.setAutoCommit(true);
                }
            }
        } catch (SQLException e) {
            throw new StoreException("streaming events failed", e);
        }
        return n;
    }

    private static StoredEvent read(ResultSet rs) throws SQLException {
        return new StoredEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getLong(6), rs.getLong(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11));
    }

    public long count() {
        return scalar("SELECT COUNT(*) FROM events").orElse(0);
    }

    /** Time of the newest stored event (last_updated), if any. */
    public OptionalLong latestTime() {
        return scalar("SELECT MAX(time_ms) FROM events");
    }

    private OptionalLong scalar(String sql) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                long v = rs.getLong(1);
                return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(v);
            }
            return OptionalLong.empty();
        } catch (SQLException e) {
            throw new StoreException("reading events failed", e);
        }
    }

    static String encodeCursor(long time, long id) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((time + ":" + id).getBytes(StandardCharsets.US_ASCII));
    }

    /** @throws IllegalArgumentException when the cursor was not made by this store */
    static long[] decodeCursor(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            int colon = text.indexOf(':');
            return new long[] {Long.parseLong(text.substring(0, colon)), Long.parseLong(text.substring(colon + 1))};
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cursor is not valid", e);
        }
    }
}
