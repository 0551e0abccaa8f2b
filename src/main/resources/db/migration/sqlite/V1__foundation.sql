-- Hestia foundation schema: the home's registries, its state-change history, ingest bookkeeping
-- and the correlation cache's persistent tier. Plain SQL; the only dialect-specific part is the
-- auto-increment key of events (INTEGER PRIMARY KEY is SQLite's rowid alias).

CREATE TABLE floors (
    floor_id   TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    aliases    TEXT NOT NULL DEFAULT '[]',
    level      INTEGER,
    updated_at BIGINT NOT NULL
);

CREATE TABLE areas (
    area_id    TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    aliases    TEXT NOT NULL DEFAULT '[]',
    floor_id   TEXT,
    updated_at BIGINT NOT NULL
);

CREATE TABLE devices (
    device_id    TEXT PRIMARY KEY,
    name         TEXT,
    area_id      TEXT,
    manufacturer TEXT,
    model        TEXT,
    updated_at   BIGINT NOT NULL
);

CREATE TABLE entities (
    entity_id    TEXT PRIMARY KEY,
    name         TEXT,
    aliases      TEXT NOT NULL DEFAULT '[]',
    domain       TEXT NOT NULL,
    device_class TEXT,
    area_id      TEXT,
    floor_id     TEXT,
    device_id    TEXT,
    platform     TEXT,
    state        TEXT,
    attributes   TEXT,
    disabled     INTEGER NOT NULL DEFAULT 0,
    hidden       INTEGER NOT NULL DEFAULT 0,
    updated_at   BIGINT NOT NULL
);
CREATE INDEX ix_entities_domain ON entities (domain);
CREATE INDEX ix_entities_area ON entities (area_id);

-- One row per state change. time_ms = last_updated, changed_ms = last_changed (epoch ms, UTC).
-- The unique key makes every ingest path (live, backfill, API, restart) idempotent.
CREATE TABLE events (
    id         INTEGER PRIMARY KEY,
    entity_id  TEXT    NOT NULL,
    state      TEXT    NOT NULL,
    old_state  TEXT,
    attributes TEXT,
    time_ms    BIGINT  NOT NULL,
    changed_ms BIGINT  NOT NULL,
    context_id TEXT,
    user_id    TEXT,
    parent_id  TEXT,
    origin     TEXT
);
CREATE UNIQUE INDEX ux_events_entity_time ON events (entity_id, time_ms, state);
CREATE INDEX ix_events_time ON events (time_ms);

CREATE TABLE ingest_cursors (
    source      TEXT PRIMARY KEY,
    position_ms BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);

-- Values read from HA's /api/config (time_zone, unit_system, version, location_name).
CREATE TABLE ha_config (
    config_key   TEXT PRIMARY KEY,
    config_value TEXT,
    updated_at   BIGINT NOT NULL
);

CREATE TABLE sync_runs (
    id              TEXT PRIMARY KEY,
    status          TEXT   NOT NULL,
    phase           TEXT   NOT NULL,
    days            INTEGER NOT NULL,
    started_at      BIGINT NOT NULL,
    finished_at     BIGINT,
    entities_total  INTEGER NOT NULL DEFAULT 0,
    entities_done   INTEGER NOT NULL DEFAULT 0,
    events_received BIGINT NOT NULL DEFAULT 0,
    events_written  BIGINT NOT NULL DEFAULT 0,
    error           TEXT
);

CREATE TABLE correlation_cache (
    entity1_id TEXT   NOT NULL,
    entity2_id TEXT   NOT NULL,
    value      TEXT   NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    PRIMARY KEY (entity1_id, entity2_id)
);
CREATE INDEX ix_correlation_cache_expiry ON correlation_cache (expires_at);

CREATE TABLE synthetic_homes (
    id         TEXT PRIMARY KEY,
    seed       BIGINT  NOT NULL,
    home_type  TEXT    NOT NULL,
    size       INTEGER NOT NULL,
    days       INTEGER NOT NULL,
    end_ms     BIGINT  NOT NULL,
    time_zone  TEXT    NOT NULL,
    truth      TEXT    NOT NULL,
    created_at BIGINT  NOT NULL
);
