-- Training service: training runs and the model registry. Plain SQL, bound parameters only; JSON as text; times are
-- epoch milliseconds. Model files live beside the database (models/<type>/<version>.onnx); a row here is the
-- registry entry, written after its file.

-- status: queued | running | succeeded | failed | cancelled. A run found running at start-up was interrupted by a
-- restart and is marked failed with that reason.
CREATE TABLE training_runs (
    run_id        TEXT    PRIMARY KEY,
    model_type    TEXT    NOT NULL,
    status        TEXT    NOT NULL,
    trigger_kind  TEXT    NOT NULL,
    phase         TEXT    NOT NULL,
    progress      DOUBLE PRECISION NOT NULL,
    dataset_size  INTEGER,
    metrics       TEXT,
    model_version INTEGER,
    model_path    TEXT,
    error         TEXT,
    params        TEXT    NOT NULL,
    created_at    BIGINT  NOT NULL,
    started_at    BIGINT,
    finished_at   BIGINT
);
CREATE INDEX ix_training_runs_type ON training_runs (model_type, created_at);
-- at most one queued or running run per type, whatever process starts it
CREATE UNIQUE INDEX ux_training_runs_busy ON training_runs (model_type) WHERE status IN ('queued', 'running');

-- One row per model version; at most one active per type.
CREATE TABLE models (
    model_type    TEXT    NOT NULL,
    version       INTEGER NOT NULL,
    path          TEXT    NOT NULL,
    metrics       TEXT    NOT NULL,
    feature_names TEXT    NOT NULL,
    labels        TEXT    NOT NULL,
    algorithm     TEXT    NOT NULL,
    dataset_size  INTEGER NOT NULL,
    run_id        TEXT,
    active        INTEGER NOT NULL,
    created_at    BIGINT  NOT NULL,
    PRIMARY KEY (model_type, version)
);
-- at most one active version per type
CREATE UNIQUE INDEX ux_models_active ON models (model_type) WHERE active = 1;
CREATE INDEX ix_models_run ON models (run_id);
