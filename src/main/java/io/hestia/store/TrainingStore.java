package io.hestia.store;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The training service's runs and model registry. Activation is one transaction (the type's other versions become
 * inactive in the same commit), so readers never see two active versions or none while one was active.
 */
public final class TrainingStore {

    /** One training run; JSON columns as text. */
    public record RunRow(String runId, String modelType, String status, String trigger, String phase, double progress,
                         Integer datasetSize, String metrics, Integer modelVersion, String modelPath, String error,
                         String params, long createdAt, Long startedAt, Long finishedAt) {
    }

    /** One registered model version. */
    public record ModelRow(String modelType, int version, String path, String metrics, String featureNames,
                           String labels, String algorithm, int datasetSize, String runId, boolean active,
                           long createdAt) {
    }

    private static final String RUN_COLUMNS = "run_id, model_type, status, trigger_kind, phase, progress, dataset_size, "
            + "metrics, model_version, model_path, error, params, created_at, started_at, finished_at";
    private static final String MODEL_COLUMNS = "model_type, version, path, metrics, feature_names, labels, algorithm, "
            + "dataset_size, run_id, active, created_at";

    private final DataSource dataSource;

    public TrainingStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    // ---- runs ----

    /**
     * Inserts a queued run unless a run of the same type is queued or running.
     *
     * @return the run in the way, or empty when {@code run} was inserted
     */
    public Optional<RunRow> insertUnlessBusy(RunRow run) {
        return Jdbc.transaction(dataSource, "starting a " + run.modelType() + " run", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO training_runs (" + RUN_COLUMNS
                    + ") SELECT ?,?,?,?,?,?,?,?,?,?,?,?,?,?,? WHERE NOT EXISTS (SELECT 1 FROM training_runs "
                    + "WHERE model_type = ? AND status IN ('queued', 'running'))")) {
                Jdbc.bind(ps, Arrays.asList(run.runId(), run.modelType(), run.status(), run.trigger(), run.phase(),
                        run.progress(), run.datasetSize(), run.metrics(), run.modelVersion(), run.modelPath(),
                        run.error(), run.params(), run.createdAt(), run.startedAt(), run.finishedAt(),
                        run.modelType()));
                if (ps.executeUpdate() == 1) {
                    return Optional.empty();
                }
            }
            return Jdbc.query(c, "SELECT " + RUN_COLUMNS + " FROM training_runs WHERE model_type = ? AND status IN "
                    + "('queued', 'running') ORDER BY created_at LIMIT 1", List.of(run.modelType()),
                    TrainingStore::run).stream().findFirst();
        });
    }

    public void progress(String runId, String status, String phase, double progress, Long startedAt) {
        Jdbc.update(dataSource, "updating run " + runId, "UPDATE training_runs SET status = ?, phase = ?, progress = ?, "
                + "started_at = COALESCE(started_at, ?) WHERE run_id = ? AND status IN ('queued', 'running')", status,
                phase, progress, startedAt, runId);
    }

    /** Ends a run (succeeded, failed or cancelled) unless it already ended. */
    public boolean finish(String runId, String status, String phase, Integer datasetSize, String metrics,
                          Integer modelVersion, String modelPath, String error, long finishedAt) {
        return Jdbc.update(dataSource, "finishing run " + runId, "UPDATE training_runs SET status = ?, phase = ?, "
                + "progress = CASE WHEN ? = 'succeeded' THEN 1.0 ELSE progress END, dataset_size = ?, metrics = ?, "
                + "model_version = ?, model_path = ?, error = ?, finished_at = ? WHERE run_id = ? "
                + "AND status IN ('queued', 'running')", status, phase, status, datasetSize, metrics, modelVersion,
                modelPath, error, finishedAt, runId) == 1;
    }

    /**
     * Ends the runs a stopped process left queued or running (called at start-up): one whose model was registered
     * before the stop succeeded, with that version; the others failed with {@code error}. Returns how many failed.
     */
    public int failUnfinished(String error, long now) {
        Jdbc.update(dataSource, "completing interrupted runs", "UPDATE training_runs SET status = 'succeeded', "
                + "phase = 'done', progress = 1.0, finished_at = ?, "
                + "model_version = (SELECT m.version FROM models m WHERE m.run_id = training_runs.run_id), "
                + "model_path = (SELECT m.path FROM models m WHERE m.run_id = training_runs.run_id), "
                + "dataset_size = (SELECT m.dataset_size FROM models m WHERE m.run_id = training_runs.run_id), "
                + "metrics = (SELECT m.metrics FROM models m WHERE m.run_id = training_runs.run_id) "
                + "WHERE status IN ('queued', 'running') "
                + "AND EXISTS (SELECT 1 FROM models m WHERE m.run_id = training_runs.run_id)", now);
        return Jdbc.update(dataSource, "marking interrupted runs", "UPDATE training_runs SET status = 'failed', "
                + "error = ?, finished_at = ? WHERE status IN ('queued', 'running')", error, now);
    }

    public Optional<RunRow> run(String runId) {
        return Jdbc.query(dataSource, "reading run " + runId, "SELECT " + RUN_COLUMNS
                + " FROM training_runs WHERE run_id = ?", List.of(runId), TrainingStore::run).stream().findFirst();
    }

    /** Runs, newest first, optionally of one type. */
    public List<RunRow> runs(String modelType, int limit) {
        return modelType == null
                ? Jdbc.query(dataSource, "listing runs", "SELECT " + RUN_COLUMNS + " FROM training_runs "
                + "ORDER BY created_at DESC, run_id LIMIT ?", List.of(limit), TrainingStore::run)
                : Jdbc.query(dataSource, "listing runs", "SELECT " + RUN_COLUMNS + " FROM training_runs "
                + "WHERE model_type = ? ORDER BY created_at DESC, run_id LIMIT ?", List.of(modelType, limit),
                TrainingStore::run);
    }

    /** Deletes a finished run; false when it does not exist or is still queued or running. */
    public boolean deleteFinished(String runId) {
        return Jdbc.update(dataSource, "deleting run " + runId, "DELETE FROM training_runs WHERE run_id = ? "
                + "AND status NOT IN ('queued', 'running')", runId) == 1;
    }

    /**
     * Deletes finished runs created before {@code before}, keeping the {@code keepRecent} newest finished runs of
     * each type whatever their age.
     */
    public int deleteOld(long before, int keepRecent) {
        return Jdbc.update(dataSource, "deleting old runs", "DELETE FROM training_runs WHERE status NOT IN "
                + "('queued', 'running') AND created_at < ? AND run_id NOT IN (SELECT r.run_id FROM training_runs r "
                + "WHERE r.status NOT IN ('queued', 'running') AND (SELECT COUNT(*) FROM training_runs n "
                + "WHERE n.model_type = r.model_type AND n.status NOT IN ('queued', 'running') "
                + "AND (n.created_at > r.created_at OR (n.created_at = r.created_at AND n.run_id > r.run_id))) < ?)",
                before, keepRecent);
    }

    // ---- models ----

    /**
     * Registers a model as the next version of its type and makes it the only active one, in one transaction (the
     * version number is taken inside it); returns the row with its version.
     */
    public ModelRow registerNext(ModelRow model) {
        return Jdbc.transaction(dataSource, "registering a " + model.modelType() + " model", c -> {
            int version = Jdbc.query(c, "SELECT COALESCE(MAX(version), 0) + 1 FROM models WHERE model_type = ?",
                    List.of(model.modelType()), rs -> rs.getInt(1)).get(0);
            try (PreparedStatement ps = c.prepareStatement("UPDATE models SET active = 0 WHERE model_type = ?")) {
                Jdbc.bind(ps, List.of(model.modelType()));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO models (" + MODEL_COLUMNS
                    + ") VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
                Jdbc.bind(ps, Arrays.asList(model.modelType(), version, model.path(), model.metrics(),
                        model.featureNames(), model.labels(), model.algorithm(), model.datasetSize(), model.runId(),
                        1, model.createdAt()));
                ps.executeUpdate();
            }
            return new ModelRow(model.modelType(), version, model.path(), model.metrics(), model.featureNames(),
                    model.labels(), model.algorithm(), model.datasetSize(), model.runId(), true, model.createdAt());
        });
    }

    /** Makes one version the only active one of its type; false when it does not exist. */
    public boolean activate(String modelType, int version) {
        return Jdbc.transaction(dataSource, "activating " + modelType + " v" + version, c -> {
            if (Jdbc.query(c, "SELECT 1 FROM models WHERE model_type = ? AND version = ?",
                    List.of(modelType, version), rs -> 1).isEmpty()) {
                return false;
            }
            // two statements: at most one active row at every moment (the unique index checks each row)
            try (PreparedStatement ps = c.prepareStatement("UPDATE models SET active = 0 WHERE model_type = ?")) {
                Jdbc.bind(ps, List.of(modelType));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE models SET active = 1 WHERE model_type = ? "
                    + "AND version = ?")) {
                Jdbc.bind(ps, List.of(modelType, version));
                ps.executeUpdate();
            }
            return true;
        });
    }

    public Optional<ModelRow> active(String modelType) {
        return Jdbc.query(dataSource, "reading the active " + modelType, "SELECT " + MODEL_COLUMNS + " FROM models "
                + "WHERE model_type = ? AND active = 1", List.of(modelType), TrainingStore::model).stream().findFirst();
    }

    public Optional<ModelRow> model(String modelType, int version) {
        return Jdbc.query(dataSource, "reading " + modelType + " v" + version, "SELECT " + MODEL_COLUMNS
                + " FROM models WHERE model_type = ? AND version = ?", List.of(modelType, version),
                TrainingStore::model).stream().findFirst();
    }

    /** Versions of a type (all types when null), newest first. */
    public List<ModelRow> models(String modelType) {
        return modelType == null
                ? Jdbc.query(dataSource, "listing models", "SELECT " + MODEL_COLUMNS + " FROM models "
                + "ORDER BY model_type, version DESC", List.of(), TrainingStore::model)
                : Jdbc.query(dataSource, "listing models", "SELECT " + MODEL_COLUMNS + " FROM models "
                + "WHERE model_type = ? ORDER BY version DESC", List.of(modelType), TrainingStore::model);
    }

    /** Deletes inactive versions beyond the {@code keep} newest of a type; returns the deleted rows (their files). */
    public List<ModelRow> prune(String modelType, int keep) {
        return Jdbc.transaction(dataSource, "pruning " + modelType, c -> {
            List<ModelRow> all = Jdbc.query(c, "SELECT " + MODEL_COLUMNS + " FROM models WHERE model_type = ? "
                    + "ORDER BY version DESC", List.of(modelType), TrainingStore::model);
            List<ModelRow> deleted = new java.util.ArrayList<>();
            for (int i = keep; i < all.size(); i++) {
                ModelRow m = all.get(i);
                if (m.active()) {
                    continue;
                }
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM models WHERE model_type = ? "
                        + "AND version = ?")) {
                    Jdbc.bind(ps, List.of(m.modelType(), m.version()));
                    ps.executeUpdate();
                }
                deleted.add(m);
            }
            return deleted;
        });
    }

    private static RunRow run(ResultSet rs) throws SQLException {
        return new RunRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getDouble(6), (Integer) intOrNull(rs, 7), rs.getString(8), (Integer) intOrNull(rs, 9),
                rs.getString(10), rs.getString(11), rs.getString(12), rs.getLong(13), longOrNull(rs, 14),
                longOrNull(rs, 15));
    }

    private static ModelRow model(ResultSet rs) throws SQLException {
        return new ModelRow(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getInt(8), rs.getString(9), rs.getInt(10) != 0, rs.getLong(11));
    }

    private static Integer intOrNull(ResultSet rs, int i) throws SQLException {
        Object o = rs.getObject(i);
        return o == null ? null : ((Number) o).intValue();
    }

    private static Long longOrNull(ResultSet rs, int i) throws SQLException {
        Object o = rs.getObject(i);
        return o == null ? null : ((Number) o).longValue();
    }
}
