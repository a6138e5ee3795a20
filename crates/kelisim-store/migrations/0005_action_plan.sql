-- The action plan (issue 5 §6; SPEC §3.3): plans with their directions and
-- items, loaded from kelisim_core::reference::action_plan (the plan of the
-- Concept 2022-2026, the directions of the Concept to 2030) and then kept
-- here; executors report per item and due date, with attachments.
CREATE TABLE plans (
    code TEXT PRIMARY KEY,
    title_kk TEXT NOT NULL,
    title_ru TEXT NOT NULL,
    title_en TEXT NOT NULL,
    from_year @INT@ NOT NULL,
    to_year @INT@ NOT NULL,
    -- the region whose assembly runs the plan ("a regional assembly runs its own
    -- sessions and plan"), NULL for the republic's
    region TEXT,
    -- 'reference' for the plans as printed (not edited), else who created it
    created_by TEXT NOT NULL DEFAULT 'reference'
);

CREATE TABLE plan_directions (
    plan_code TEXT NOT NULL REFERENCES plans(code),
    code TEXT NOT NULL,
    position @INT@ NOT NULL,
    title TEXT NOT NULL,
    -- the direction's tasks, one per line
    tasks TEXT NOT NULL,
    PRIMARY KEY (plan_code, code)
);

CREATE TABLE plan_items (
    id @ID@,
    plan_code TEXT NOT NULL REFERENCES plans(code),
    direction TEXT NOT NULL,
    code TEXT NOT NULL,
    -- the group of a sub-item ('4' for '4.1'), NULL for an item
    parent_code TEXT,
    position @INT@ NOT NULL,
    title TEXT NOT NULL,
    completion_form TEXT NOT NULL,
    -- the term as printed, and the one it falls due by (its own or its group's)
    term TEXT NOT NULL,
    schedule_term TEXT,
    responsible TEXT NOT NULL,
    -- co-executors "by agreement", one per line
    co_responsible TEXT NOT NULL,
    UNIQUE (plan_code, code)
);

-- A report on an item for one due date, by a region's executors ('' for the
-- republic's); filed again, it replaces the text (the audit keeps the old one).
CREATE TABLE plan_reports (
    id @ID@,
    item_id @INT@ NOT NULL REFERENCES plan_items(id),
    due_on TEXT NOT NULL,
    region TEXT NOT NULL,
    text TEXT NOT NULL,
    filed_by TEXT NOT NULL,
    filed_at TEXT NOT NULL,
    UNIQUE (item_id, due_on, region)
);

CREATE TABLE plan_report_files (
    id @ID@,
    report_id @INT@ NOT NULL REFERENCES plan_reports(id),
    name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size @INT@ NOT NULL,
    content @BLOB@ NOT NULL
);
CREATE INDEX plan_report_files_report ON plan_report_files (report_id);
