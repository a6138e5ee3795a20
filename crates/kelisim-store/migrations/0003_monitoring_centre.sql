-- The monitoring and early-warning centre (issue 4, SPEC §3.4): spikes and
-- campaigns found in the information field, incidents with their timeline,
-- the weekly risk index, alerts and their deliveries. Conventions as in 0001.

-- A user's e-mail address, for alerts by e-mail.
ALTER TABLE users ADD COLUMN email TEXT;

-- Documents the signal detectors (spikes, campaigns) have not read yet: the
-- ingestion transaction adds the documents it stored, the detector removes
-- what it read in its own transaction. A queue rather than an id cursor:
-- on PostgreSQL concurrent batches commit in another order than their ids.
CREATE TABLE monitoring_signal_queue (
    document_id @INT@ PRIMARY KEY
);
INSERT INTO monitoring_signal_queue (document_id) SELECT id FROM monitoring_documents WHERE id > 0;
-- One row per background job; a run updates its row first, so two nodes'
-- runs of one job queue behind each other.
CREATE TABLE monitoring_jobs (
    name TEXT PRIMARY KEY,
    last_run_at TEXT NOT NULL
);
INSERT INTO monitoring_jobs (name, last_run_at) VALUES ('signals', '1970-01-01T00:00:00Z');
INSERT INTO monitoring_jobs (name, last_run_at) VALUES ('risk', '1970-01-01T00:00:00Z');

-- A region's day of ethnically hostile documents well above its own trailing
-- baseline (kelisim_core::monitoring::spike). One row per region and day; the
-- count is updated while the day goes on.
CREATE TABLE monitoring_spikes (
    id @ID@,
    region TEXT NOT NULL,
    day TEXT NOT NULL,
    flagged @INT@ NOT NULL,
    documents @INT@ NOT NULL,
    baseline @REAL@ NOT NULL,
    threshold @REAL@ NOT NULL,
    -- JSON: [{"group", "flagged"}], the groups the flagged documents aimed at, most first.
    groups TEXT NOT NULL,
    detected_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (region, day)
);
CREATE INDEX monitoring_spikes_day ON monitoring_spikes(day);

-- The band keys of candidate documents' signatures, to find near-duplicates
-- (kelisim_core::monitoring::campaign).
CREATE TABLE monitoring_signature_bands (
    band @INT@ NOT NULL,
    published_at TEXT NOT NULL,
    document_id @INT@ NOT NULL
);
CREATE INDEX monitoring_signature_bands_band ON monitoring_signature_bands(band, published_at);
CREATE INDEX monitoring_signature_bands_published ON monitoring_signature_bands(published_at);

-- Near-identical texts from many authors in a short window.
CREATE TABLE monitoring_campaigns (
    id @ID@,
    -- The signature of its first document (16 hex digits in the API).
    signature @INT@ NOT NULL,
    first_at TEXT NOT NULL,
    last_at TEXT NOT NULL,
    documents @INT@ NOT NULL,
    authors @INT@ NOT NULL,
    flagged @INT@ NOT NULL,
    -- The region most of its documents are in (NULL: none).
    region TEXT,
    -- JSON: ["group", ...] named in its documents, most first.
    groups TEXT NOT NULL,
    -- A document that stands for it (its first).
    sample_document_id @INT@ NOT NULL,
    detected_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX monitoring_campaigns_first ON monitoring_campaigns(first_at);
CREATE INDEX monitoring_campaigns_region ON monitoring_campaigns(region, first_at);
CREATE TABLE monitoring_campaign_documents (
    campaign_id @INT@ NOT NULL REFERENCES monitoring_campaigns(id),
    document_id @INT@ NOT NULL,
    author_key TEXT,
    PRIMARY KEY (document_id)
);
CREATE INDEX monitoring_campaign_documents_campaign ON monitoring_campaign_documents(campaign_id);

-- Incidents (SPEC §3.4). `level` and `verification` and `stage` are the
-- current values; every change is a row of incident_events with its reason.
CREATE TABLE incidents (
    id @ID@,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    occurred_at TEXT NOT NULL,
    region TEXT NOT NULL REFERENCES regions(kato),
    district TEXT REFERENCES districts(kato),
    lat @REAL@,
    lon @REAL@,
    category TEXT NOT NULL,
    source TEXT NOT NULL,
    verification TEXT NOT NULL,
    level @INT@ NOT NULL,
    stage TEXT NOT NULL,
    merged_into @INT@ REFERENCES incidents(id),
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version @INT@ NOT NULL,
    is_demo @INT@ NOT NULL DEFAULT 0
);
CREATE INDEX incidents_region ON incidents(region, occurred_at);
CREATE INDEX incidents_occurred ON incidents(occurred_at);
CREATE TABLE incident_groups (
    incident_id @INT@ NOT NULL REFERENCES incidents(id),
    group_slug TEXT NOT NULL REFERENCES ethnic_groups(slug),
    PRIMARY KEY (incident_id, group_slug)
);
-- The reporter, kept apart: only admins read it, and every read is audited.
CREATE TABLE incident_reporters (
    incident_id @INT@ PRIMARY KEY REFERENCES incidents(id),
    name TEXT NOT NULL,
    contact TEXT NOT NULL
);
-- The incident's history: kind is created, level, verification, stage,
-- merged (into another), absorbed (another merged into it), linked, edited.
CREATE TABLE incident_events (
    id @ID@,
    incident_id @INT@ NOT NULL REFERENCES incidents(id),
    at TEXT NOT NULL,
    kind TEXT NOT NULL,
    from_value TEXT,
    to_value TEXT,
    reason TEXT NOT NULL,
    actor TEXT NOT NULL
);
CREATE INDEX incident_events_incident ON incident_events(incident_id, at);
CREATE INDEX incident_events_level ON incident_events(kind, at);
-- Response actions: who, what, when, result.
CREATE TABLE incident_actions (
    id @ID@,
    incident_id @INT@ NOT NULL REFERENCES incidents(id),
    kind TEXT NOT NULL,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    description TEXT NOT NULL,
    result TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX incident_actions_incident ON incident_actions(incident_id, at);
-- Related incidents (stored once, smaller id first) and documents.
CREATE TABLE incident_links (
    incident_a @INT@ NOT NULL REFERENCES incidents(id),
    incident_b @INT@ NOT NULL REFERENCES incidents(id),
    PRIMARY KEY (incident_a, incident_b)
);
CREATE TABLE incident_documents (
    incident_id @INT@ NOT NULL REFERENCES incidents(id),
    document_id @INT@ NOT NULL REFERENCES monitoring_documents(id),
    PRIMARY KEY (incident_id, document_id)
);

-- The risk index of each region and week (week = its Monday, YYYY-MM-DD).
-- The current week is recomputed as data arrives; past weeks stay as computed.
CREATE TABLE monitoring_risk (
    region TEXT NOT NULL,
    week TEXT NOT NULL,
    score @REAL@ NOT NULL,
    level TEXT NOT NULL,
    -- JSON: [{"factor", "value", "points"}]
    factors TEXT NOT NULL,
    computed_at TEXT NOT NULL,
    PRIMARY KEY (region, week)
);
CREATE INDEX monitoring_risk_week ON monitoring_risk(week);

-- Alerts: what raised them (kind + subject), for which region, and their
-- handling. `dedupe_key` makes raising idempotent.
CREATE TABLE alerts (
    id @ID@,
    kind TEXT NOT NULL,
    dedupe_key TEXT NOT NULL UNIQUE,
    region TEXT,
    subject_id @INT@,
    -- JSON with the facts the message is made of (level, counts, group...).
    facts TEXT NOT NULL,
    raised_at TEXT NOT NULL,
    acknowledged_at TEXT,
    acknowledged_by TEXT,
    is_demo @INT@ NOT NULL DEFAULT 0
);
CREATE INDEX alerts_region ON alerts(region, raised_at);
CREATE INDEX alerts_raised ON alerts(raised_at);
CREATE TABLE alert_actions (
    id @ID@,
    alert_id @INT@ NOT NULL REFERENCES alerts(id),
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX alert_actions_alert ON alert_actions(alert_id);
-- Channels beyond the users' own e-mail: an address or a webhook, for one
-- region or every region (NULL).
CREATE TABLE alert_channels (
    id @ID@,
    kind TEXT NOT NULL,
    target TEXT NOT NULL,
    secret TEXT,
    region TEXT,
    active @INT@ NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
-- One row per alert × recipient × channel: in_app (delivered at once),
-- email (a user's address or a channel's), webhook. status: pending,
-- retrying, sent, failed.
CREATE TABLE alert_deliveries (
    id @ID@,
    alert_id @INT@ NOT NULL REFERENCES alerts(id),
    channel TEXT NOT NULL,
    user_id @INT@,
    channel_id @INT@,
    target TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts @INT@ NOT NULL,
    next_attempt_at TEXT,
    last_error TEXT,
    sent_at TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX alert_deliveries_alert ON alert_deliveries(alert_id);
CREATE INDEX alert_deliveries_due ON alert_deliveries(status, next_attempt_at);
