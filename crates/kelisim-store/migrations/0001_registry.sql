-- The platform and the Registry (issue 2).
-- Written once for both backends: @ID@, @INT@ and @REAL@ are rendered per
-- backend by src/migrate.rs (SQLite: INTEGER PRIMARY KEY AUTOINCREMENT,
-- INTEGER, REAL; PostgreSQL: BIGSERIAL PRIMARY KEY, BIGINT, DOUBLE PRECISION).
-- Dates are TEXT 'YYYY-MM-DD', instants TEXT 'YYYY-MM-DDTHH:MM:SSZ' (UTC):
-- sortable, portable, readable.

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE regions (
    kato TEXT PRIMARY KEY,
    osm_id @INT@ NOT NULL,
    name_kk TEXT NOT NULL,
    name_ru TEXT NOT NULL,
    name_en TEXT NOT NULL,
    population @INT@ NOT NULL
);

CREATE TABLE districts (
    kato TEXT PRIMARY KEY,
    region_kato TEXT NOT NULL REFERENCES regions(kato),
    name_kk TEXT NOT NULL,
    name_ru TEXT NOT NULL,
    name_en TEXT NOT NULL
);
CREATE INDEX districts_region ON districts(region_kato);

CREATE TABLE ethnic_groups (
    slug TEXT PRIMARY KEY,
    name_kk TEXT NOT NULL,
    name_ru TEXT NOT NULL,
    name_en TEXT NOT NULL,
    census_share @REAL@
);

CREATE TABLE languages (
    code TEXT PRIMARY KEY,
    name_kk TEXT NOT NULL,
    name_ru TEXT NOT NULL,
    name_en TEXT NOT NULL
);

CREATE TABLE organisations (
    id @ID@,
    org_type TEXT NOT NULL,
    parent_id @INT@ REFERENCES organisations(id),
    region_kato TEXT REFERENCES regions(kato),
    district_kato TEXT REFERENCES districts(kato),
    name_kk TEXT NOT NULL,
    name_ru TEXT NOT NULL,
    name_en TEXT NOT NULL,
    phone TEXT,
    email TEXT,
    website TEXT,
    address TEXT,
    lat @REAL@,
    lon @REAL@,
    founded_on TEXT,
    status TEXT NOT NULL,
    member_count @INT@,
    is_demo @INT@ NOT NULL DEFAULT 0,
    search_text TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version @INT@ NOT NULL DEFAULT 1
);
CREATE INDEX organisations_region_type ON organisations(region_kato, org_type);
CREATE INDEX organisations_type ON organisations(org_type, status);
CREATE INDEX organisations_parent ON organisations(parent_id);

CREATE TABLE organisation_ethnic_groups (
    organisation_id @INT@ NOT NULL REFERENCES organisations(id),
    group_slug TEXT NOT NULL REFERENCES ethnic_groups(slug),
    PRIMARY KEY (organisation_id, group_slug)
);
CREATE INDEX organisation_ethnic_groups_group ON organisation_ethnic_groups(group_slug);

CREATE TABLE organisation_languages (
    organisation_id @INT@ NOT NULL REFERENCES organisations(id),
    language_code TEXT NOT NULL REFERENCES languages(code),
    PRIMARY KEY (organisation_id, language_code)
);

CREATE TABLE accreditations (
    id @ID@,
    organisation_id @INT@ NOT NULL REFERENCES organisations(id),
    decided_on TEXT NOT NULL,
    status TEXT NOT NULL,
    reason TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX accreditations_org ON accreditations(organisation_id, decided_on);

CREATE TABLE people (
    id @ID@,
    full_name TEXT NOT NULL,
    region_kato TEXT REFERENCES regions(kato),
    email TEXT,
    phone TEXT,
    position TEXT,
    is_demo @INT@ NOT NULL DEFAULT 0,
    archived @INT@ NOT NULL DEFAULT 0,
    search_text TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX people_region ON people(region_kato);

CREATE TABLE person_roles (
    id @ID@,
    person_id @INT@ NOT NULL REFERENCES people(id),
    organisation_id @INT@ NOT NULL REFERENCES organisations(id),
    role TEXT NOT NULL,
    started_on TEXT NOT NULL,
    ended_on TEXT
);
CREATE INDEX person_roles_person ON person_roles(person_id);
CREATE INDEX person_roles_org ON person_roles(organisation_id);

CREATE TABLE memberships (
    id @ID@,
    person_id @INT@ NOT NULL REFERENCES people(id),
    region_kato TEXT REFERENCES regions(kato),
    state TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX memberships_person ON memberships(person_id);

CREATE TABLE membership_steps (
    id @ID@,
    membership_id @INT@ NOT NULL REFERENCES memberships(id),
    step TEXT NOT NULL,
    detail_json TEXT NOT NULL,
    on_date TEXT NOT NULL,
    note TEXT NOT NULL,
    actor TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX membership_steps_membership ON membership_steps(membership_id);

CREATE TABLE users (
    id @ID@,
    login TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL,
    region_kato TEXT REFERENCES regions(kato),
    organisation_id @INT@ REFERENCES organisations(id),
    password_hash TEXT NOT NULL,
    totp_secret TEXT,
    totp_enabled @INT@ NOT NULL DEFAULT 0,
    disabled @INT@ NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);

CREATE TABLE web_sessions (
    token_hash TEXT PRIMARY KEY,
    user_id @INT@ NOT NULL REFERENCES users(id),
    csrf_token TEXT NOT NULL,
    second_factor_done @INT@ NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);

CREATE TABLE api_tokens (
    id @ID@,
    user_id @INT@ NOT NULL REFERENCES users(id),
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    revoked @INT@ NOT NULL DEFAULT 0
);

CREATE TABLE login_attempts (
    id @ID@,
    login_key TEXT NOT NULL,
    at_unix @INT@ NOT NULL
);
CREATE INDEX login_attempts_key ON login_attempts(login_key, at_unix);

CREATE TABLE audit_head (
    id @INT@ PRIMARY KEY,
    seq @INT@ NOT NULL,
    last_hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, last_hash) VALUES (1, 0, '');

CREATE TABLE audit_log (
    seq @INT@ PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    before_json TEXT,
    after_json TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
