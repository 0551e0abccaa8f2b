-- Pattern service: analysis runs, mined items (patterns, synergies, anomalies) with their history, and user
-- feedback with each item's Beta posterior. Plain SQL; ids are deterministic (io.hestia.pattern.mining.StableIds),
-- so a rerun updates rows instead of adding them.

CREATE TABLE analysis_runs (
    run_id          TEXT PRIMARY KEY,
    trigger_source  TEXT    NOT NULL,
    status          TEXT    NOT NULL,
    phase           TEXT    NOT NULL,
    window_start_ms BIGINT  NOT NULL,
    window_end_ms   BIGINT  NOT NULL,
    started_at      BIGINT  NOT NULL,
    finished_at     BIGINT,
    events_read     BIGINT  NOT NULL DEFAULT 0,
    entities        INTEGER NOT NULL DEFAULT 0,
    patterns        INTEGER NOT NULL DEFAULT 0,
    synergies       INTEGER NOT NULL DEFAULT 0,
    anomalies       INTEGER NOT NULL DEFAULT 0,
    phase_ms        TEXT    NOT NULL DEFAULT '{}',
    warnings        TEXT    NOT NULL DEFAULT '[]',
    error           TEXT
);
CREATE INDEX ix_analysis_runs_started ON analysis_runs (started_at);

-- kind: pattern | synergy | anomaly. item_type: time_of_day, co_occurrence, device_pair, device_chain,
-- daily_count, unusual_gap, unusual_hour, stuck_on, silent. confidence holds an anomaly's severity.
-- active = 1 when the latest run found the item; older items stay (with their feedback) as inactive.
CREATE TABLE mined_items (
    item_id        TEXT PRIMARY KEY,
    kind           TEXT    NOT NULL,
    item_type      TEXT    NOT NULL,
    entity_ids     TEXT    NOT NULL,
    state          TEXT,
    area_id        TEXT,
    depth          INTEGER NOT NULL DEFAULT 1,
    confidence     DOUBLE PRECISION NOT NULL,
    support        INTEGER NOT NULL DEFAULT 0,
    base_score     DOUBLE PRECISION NOT NULL,
    score          DOUBLE PRECISION NOT NULL,
    first_seen_ms  BIGINT,
    last_seen_ms   BIGINT,
    details        TEXT    NOT NULL,
    samples        TEXT    NOT NULL,
    explanation    TEXT    NOT NULL,
    active         INTEGER NOT NULL DEFAULT 1,
    created_at     BIGINT  NOT NULL,
    updated_at     BIGINT  NOT NULL,
    last_run_id    TEXT
);
CREATE INDEX ix_mined_items_kind_score ON mined_items (kind, active, score);
CREATE INDEX ix_mined_items_kind_type ON mined_items (kind, item_type);

-- Which entities an item concerns (for ?entity_id= filters without parsing JSON in SQL).
CREATE TABLE mined_item_entities (
    item_id   TEXT    NOT NULL,
    entity_id TEXT    NOT NULL,
    position  INTEGER NOT NULL,
    PRIMARY KEY (item_id, entity_id)
);
CREATE INDEX ix_mined_item_entities_entity ON mined_item_entities (entity_id);

-- Confidence of each item at each run, for trends.
CREATE TABLE mined_item_history (
    item_id     TEXT   NOT NULL,
    run_id      TEXT   NOT NULL,
    confidence  DOUBLE PRECISION NOT NULL,
    support     INTEGER NOT NULL,
    recorded_at BIGINT NOT NULL,
    PRIMARY KEY (item_id, run_id)
);

CREATE TABLE item_feedback (
    feedback_id TEXT PRIMARY KEY,
    item_id     TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    accepted    INTEGER NOT NULL,
    rating      INTEGER,
    comment     TEXT,
    created_at  BIGINT  NOT NULL
);
CREATE INDEX ix_item_feedback_item ON item_feedback (item_id);

-- Beta(alpha, beta) posterior of "the user wants this", from Beta(1, 1); kept apart from mined_items so it
-- survives reruns and items that disappear and come back.
CREATE TABLE item_posteriors (
    item_id    TEXT PRIMARY KEY,
    alpha      DOUBLE PRECISION NOT NULL,
    beta       DOUBLE PRECISION NOT NULL,
    feedbacks  INTEGER NOT NULL,
    accepted   INTEGER NOT NULL,
    rejected   INTEGER NOT NULL,
    updated_at BIGINT  NOT NULL
);
