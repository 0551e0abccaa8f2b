package io.hestia.store;

import javax.sql.DataSource;
import java.util.List;
import java.util.Optional;

/** Pattern analysis runs: who started them, their phase, counts, per-phase durations and outcome. */
public final class AnalysisRunStore {

    public enum Status { RUNNING, SUCCEEDED, FAILED }

    /**
     * @param phaseMsJson  JSON object phase → milliseconds
     * @param warningsJson JSON array of strings (steps that degraded without failing the run)
     */
    public record Run(String runId, String trigger, Status status, String phase, long windowStartMs,
                      long windowEndMs, long startedAt, Long finishedAt, long eventsRead, int entities, int patterns,
                      int synergies, int anomalies, String phaseMsJson, String warningsJson, String error) {
    }

    private static final String COLUMNS = "run_id, trigger_source, status, phase, window_start_ms, window_end_ms, "
            + "started_at, finished_at, events_read, entities, patterns, synergies, anomalies, phase_ms, warnings, error";

    private final DataSource dataSource;

    public AnalysisRunStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void create(String runId, String trigger, long windowStartMs, long windowEndMs, long startedAt) {
        update("INSERT INTO analysis_runs (run_id, trigger_source, status, phase, window_start_ms, window_end_ms, "
                + "started_at) VALUES (?,?,?,?,?,?,?)", runId, trigger, Status.RUNNING.name(), "queued", windowStartMs,
                windowEndMs, startedAt);
    }

    public void phase(String runId, String phase, String phaseMsJson) {
        update("UPDATE analysis_runs SET phase = ?, phase_ms = ? WHERE run_id = ?", phase, phaseMsJson, runId);
    }

    public void counts(String runId, long eventsRead, int entities, int patterns, int synergies, int anomalies) {
        update("UPDATE analysis_runs SET events_read = ?, entities = ?, patterns = ?, synergies = ?, anomalies = ? "
                + "WHERE run_id = ?", eventsRead, entities, patterns, synergies, anomalies, runId);
    }

    public void finish(String runId, Status status, String phaseMsJson, String warningsJson, String error,
                       long finishedAt) {
        update("UPDATE analysis_runs SET status = ?, phase = ?, phase_ms = ?, warnings = ?, error = ?, finished_at = ? "
                        + "WHERE run_id = ?", status.name(), status == Status.SUCCEEDED ? "done" : "failed", phaseMsJson,
                warningsJson, error, finishedAt, runId);
    }

    /** Runs left RUNNING by a stopped process did not finish: marks them failed. */
    public int failInterrupted(long now) {
        return update("UPDATE analysis_runs SET status = ?, phase = ?, error = ?, finished_at = ? WHERE status = ?",
                Status.FAILED.name(), "failed", "interrupted by a restart", now, Status.RUNNING.name());
    }

    public Optional<Run> find(String runId) {
        return one("SELECT " + COLUMNS + " FROM analysis_runs WHERE run_id = ?", runId);
    }

    public Optional<Run> latest() {
        return one("SELECT " + COLUMNS + " FROM analysis_runs ORDER BY started_at DESC, run_id DESC LIMIT 1", null);
    }

    public Optional<Run> latestSucceeded() {
        return one("SELECT " + COLUMNS + " FROM analysis_runs WHERE status = 'SUCCEEDED' "
                + "ORDER BY started_at DESC, run_id DESC LIMIT 1", null);
    }

    private Optional<Run> one(String sql, String arg) {
        List<Run> runs = Jdbc.query(dataSource, "reading analysis runs", sql, arg == null ? List.of() : List.of(arg),
                rs -> {
                    long finished = rs.getLong(8);
                    Long finishedAt = rs.wasNull() ? null : finished;
                    return new Run(rs.getString(1), rs.getString(2), Status.valueOf(rs.getString(3)), rs.getString(4),
                            rs.getLong(5), rs.getLong(6), rs.getLong(7), finishedAt, rs.getLong(9), rs.getInt(10),
                            rs.getInt(11), rs.getInt(12), rs.getInt(13), rs.getString(14), rs.getString(15),
                            rs.getString(16));
                });
        return runs.stream().findFirst();
    }

    private int update(String sql, Object... args) {
        return Jdbc.update(dataSource, "updating analysis runs", sql, args);
    }
}
