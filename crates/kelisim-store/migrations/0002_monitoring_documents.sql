-- The information field of the monitoring centre (issue 4, SPEC §3.4):
-- documents with their analysis, and the per region × day × group counts
-- that the dashboards read. Conventions as in 0001.

-- One row per document collected. (source, external_id) is the document's
-- identity: re-sending it stores nothing. `text` and `url` are emptied when the
-- retention period has passed (`text_purged_at`); the analysis stays.
-- `author_key` is a keyed hash of the handle (never the handle itself).
-- `region` is the sender's region, else the first region the text names;
-- `region_from` says which ('sender', 'text') and is NULL when neither.
-- `groups` is JSON: [{"group", "attitude", "negative", "mentions": [[start, end], ...]}].
CREATE TABLE monitoring_documents (
    id @ID@,
    source TEXT NOT NULL,
    external_id TEXT NOT NULL,
    url TEXT,
    author_key TEXT,
    published_at TEXT NOT NULL,
    day TEXT NOT NULL,
    region TEXT,
    region_from TEXT,
    lat @REAL@,
    lon @REAL@,
    lang TEXT NOT NULL,
    text TEXT,
    hostility @REAL@ NOT NULL,
    ethnic_hostility @REAL@ NOT NULL,
    strongest_negative @REAL@ NOT NULL,
    flagged @INT@ NOT NULL,
    groups TEXT NOT NULL,
    regions TEXT NOT NULL,
    signature @INT@ NOT NULL,
    ingested_at TEXT NOT NULL,
    text_purged_at TEXT,
    UNIQUE (source, external_id)
);
CREATE INDEX monitoring_documents_published ON monitoring_documents(published_at);
-- The feed of flagged documents, newest first: per region, and national.
CREATE INDEX monitoring_documents_flagged ON monitoring_documents(region, published_at) WHERE flagged = 1;
CREATE INDEX monitoring_documents_flagged_all ON monitoring_documents(published_at) WHERE flagged = 1;

-- Counts per region × day × group, updated in the transaction that stores the
-- documents. group_id '*' counts every document of the region and day (with or
-- without a group); region '-' holds documents with no region.
-- `mentions` counts documents naming the group; negative/neutral/positive the
-- text's attitude toward it; `ethnic_hostile` documents with ethnic hostility
-- ≥ 0.5; `hostile` documents with hostility ≥ 0.5.
CREATE TABLE monitoring_daily (
    region TEXT NOT NULL,
    day TEXT NOT NULL,
    group_id TEXT NOT NULL,
    mentions @INT@ NOT NULL,
    negative @INT@ NOT NULL,
    neutral @INT@ NOT NULL,
    positive @INT@ NOT NULL,
    hostile @INT@ NOT NULL,
    ethnic_hostile @INT@ NOT NULL,
    PRIMARY KEY (region, day, group_id)
);
CREATE INDEX monitoring_daily_day ON monitoring_daily(day);
-- National trends of one group (or of every document, '*').
CREATE INDEX monitoring_daily_group ON monitoring_daily(group_id, day);
