package io.hestia.store;

import javax.sql.DataSource;
import java.util.List;
import java.util.Optional;

/** Progress and outcome of HA sync runs (registries + history backfill). */
public final class SyncRunStore {

    public enum Status { RUNNING, SUCCEEDED, FAILED }

    public record SyncRun(String id, Status status, String phase, int days, long startedAt, Long finishedAt,
                          int entitiesTotal, int entitiesDone, long eventsReceived, long eventsWritten,
                          String error) {
    }

    private static final String COLUMNS = "id, status, phase, days, started_at, finished_at, entities_total, "
            + "entities_done, events_received, events_written, error";

    private final DataSource dataSource;

    public SyncRunStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void create(String id, int days, long startedAt) {
        update("INSERT INTO sync_runs (id, status, phase, days, started_at) VALUES (?,?,?,?,?)",
                id, Status.RUNNING.name(), "queued", days, startedAt);
    }

    public void progress(String id, String phase, int entitiesTotal, int entitiesDone, long received, long written) {
        update("UPDATE sync_runs SET phase = ?, entities_total = ?, entities_done = ?, events_received = ?, "
                + "events_written = ? WHERE id = ?", phase, entitiesTotal, entitiesDone, received, written, id);
    }

    public void finish(String id, Status status, String error, long finishedAt) {
        update("UPDATE sync_runs SET status = ?, phase = ?, error = ?, finished_at = ? WHERE id = ?",
                status.name(), status == Status.SUCCEEDED ? "done" : "failed", error, finishedAt, id);
    }

    /** Marks runs that were RUNNING when the process stopped as failed: they did not finish. */
    public int failInterrupted(long now) {
        return update("UPDATE sync_runs SET status = ?, phase = ?, error = ?, finished_at = ? WHERE status = ?",
                Status.FAILED.name(), "failed", "interrupted by a restart", now, Status.RUNNING.name());
    }

    public Optional<SyncRun> find(String id) {
        return one("SELECT " + COLUMNS + " FROM sync_runs WHERE id = ?", id);
    }

    public Optional<SyncRun> running() {
        return one("SELECT " + COLUMNS + " FROM sync_runs WHERE status = 'RUNNING' ORDER BY started_at DESC LIMIT 1",
                null);
    }

    public Optional<SyncRun> latest() {
        return one("SELECT " + COLUMNS + " FROM sync_runs ORDER BY started_at DESC LIMIT 1", null);
    }

    private Optional<SyncRun> one(String sql, String arg) {
        List<SyncRun> runs = Jdbc.query(dataSource, "reading sync runs", sql, arg == null ? List.of() : List.of(arg),
                rs -> {
                    long finished = rs.getLong(6);
                    Long finishedAt = rs.wasNull() ? null : finished;
                    return new SyncRun(rs.getString(1), Status.valueOf(rs.getString(2)), rs.getString(3), rs.getInt(4),
                            rs.getLong(5), finishedAt, rs.getInt(7), rs.getInt(8), rs.getLong(9), rs.getLong(10),
                            rs.getString(11));
                });
        return runs.stream().findFirst();
    }

    private int update(String sql, Object... args) {
        return Jdbc.update(dataSource, "updating sync runs", sql, args);
    }
}
