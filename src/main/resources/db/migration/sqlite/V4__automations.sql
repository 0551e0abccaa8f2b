-- Automation service: suggestions with their lifecycle, the automations Hestia knows in HA, and every version of
-- each. Plain SQL, bound parameters only; JSON is stored as text; times are epoch milliseconds.

-- status: pending | approved | deployed | rejected | superseded. behaviour_key identifies what the automation does
-- (its triggers, conditions and actions), so one behaviour is suggested once whatever the source.
CREATE TABLE suggestions (
    suggestion_id    TEXT    PRIMARY KEY,
    behaviour_key    TEXT    NOT NULL UNIQUE,
    source           TEXT    NOT NULL,
    source_id        TEXT    NOT NULL,
    source_type      TEXT    NOT NULL,
    entity_ids       TEXT    NOT NULL,
    title            TEXT    NOT NULL,
    description      TEXT    NOT NULL,
    evidence         TEXT    NOT NULL,
    category         TEXT    NOT NULL,
    priority         TEXT    NOT NULL,
    confidence       DOUBLE PRECISION NOT NULL,
    automation       TEXT    NOT NULL,
    safety_score     INTEGER NOT NULL,
    status           TEXT    NOT NULL,
    status_reason    TEXT,
    automation_id    TEXT,
    feedback_state   TEXT    NOT NULL DEFAULT 'none',
    created_at       BIGINT  NOT NULL,
    updated_at       BIGINT  NOT NULL
);
CREATE INDEX ix_suggestions_status ON suggestions (status, confidence);
CREATE INDEX ix_suggestions_source ON suggestions (source, source_id);
CREATE INDEX ix_suggestions_feedback ON suggestions (feedback_state);

-- One row per automation config id in HA that Hestia deployed or saw. managed: deployed through Hestia (else
-- imported from HA on sync). enabled: what Hestia last asked for (automation.turn_on / turn_off). deleted_at: set
-- when deleted through Hestia or found missing in HA; the versions stay.
CREATE TABLE automations (
    automation_id    TEXT    PRIMARY KEY,
    alias            TEXT,
    entity_id        TEXT,
    suggestion_id    TEXT,
    managed          INTEGER NOT NULL,
    enabled          INTEGER NOT NULL,
    current_version  INTEGER NOT NULL,
    behaviour_key    TEXT    NOT NULL,
    ha_state         TEXT,
    created_at       BIGINT  NOT NULL,
    updated_at       BIGINT  NOT NULL,
    deleted_at       BIGINT
);
CREATE INDEX ix_automations_key ON automations (behaviour_key);

-- source: suggestion | api | rollback | ha (a change made in HA, found on sync) | delete. config is the mapping as
-- sent to (or read from) HA, as JSON; yaml is the same as HA YAML; diff is a unified diff of yaml against the
-- previous version.
CREATE TABLE automation_versions (
    automation_id    TEXT    NOT NULL,
    version_no       INTEGER NOT NULL,
    source           TEXT    NOT NULL,
    reason           TEXT,
    config           TEXT    NOT NULL,
    yaml             TEXT    NOT NULL,
    diff             TEXT    NOT NULL,
    valid            INTEGER NOT NULL,
    safety_score     INTEGER NOT NULL,
    findings         TEXT    NOT NULL,
    confirmed        INTEGER NOT NULL,
    created_at       BIGINT  NOT NULL,
    PRIMARY KEY (automation_id, version_no)
);
