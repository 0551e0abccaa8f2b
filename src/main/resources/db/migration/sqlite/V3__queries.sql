-- Query service: one row per request, which is also its clarification session, and one row per clarification
-- round (the questions asked and the answers given to them). Plain SQL, bound parameters only; JSON is stored as
-- text. status: answered | needs_clarification | unresolved.

CREATE TABLE queries (
    query_id        TEXT    PRIMARY KEY,
    query_text      TEXT    NOT NULL,
    context_area_id TEXT,
    conversation_id TEXT,
    status          TEXT    NOT NULL,
    intent          TEXT    NOT NULL,
    rounds          INTEGER NOT NULL DEFAULT 0,
    answers         TEXT    NOT NULL DEFAULT '{}',
    understanding   TEXT    NOT NULL,
    suggestions     TEXT    NOT NULL DEFAULT '[]',
    validation      TEXT,
    notes           TEXT    NOT NULL DEFAULT '[]',
    confidence      DOUBLE PRECISION NOT NULL,
    processing_ms   DOUBLE PRECISION NOT NULL,
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL
);
CREATE INDEX ix_queries_conversation ON queries (conversation_id, created_at);

-- round_no counts from 1; questions are those the answers replied to.
CREATE TABLE query_rounds (
    query_id    TEXT    NOT NULL,
    round_no    INTEGER NOT NULL,
    questions   TEXT    NOT NULL,
    answers     TEXT    NOT NULL,
    answered_at BIGINT  NOT NULL,
    PRIMARY KEY (query_id, round_no)
);
