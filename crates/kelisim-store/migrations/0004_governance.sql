-- Governance (issue 5, SPEC §3.2): sessions of an assembly and meetings of
-- its Council, their roll, attendance, agenda, votes and decisions. The rules
-- are kelisim_core::governance; conventions as in 0001.

-- A session of an assembly (the Assembly itself, or a regional or district
-- one), or a meeting of its Council (body = 'council').
CREATE TABLE gov_sessions (
    id @ID@,
    organisation_id @INT@ NOT NULL REFERENCES organisations(id),
    -- 'session' or 'council'
    body TEXT NOT NULL,
    -- 'regular' or 'extraordinary' (a Council meeting is 'regular')
    kind TEXT NOT NULL,
    number @INT@ NOT NULL,
    title TEXT NOT NULL,
    opens_on TEXT NOT NULL,
    place TEXT NOT NULL,
    announced_on TEXT NOT NULL,
    draft_agenda TEXT NOT NULL,
    -- extraordinary sessions: 'chairman_initiative' or 'members_request', and the day of the decision
    convened_on TEXT,
    decided_on TEXT,
    -- 'announced' → 'open' (roll fixed, attendance registered) → 'closed'
    state TEXT NOT NULL,
    -- all members of the body on the roll when the session opened (the quorum's denominator)
    members_total @INT@ NOT NULL DEFAULT 0,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version @INT@ NOT NULL DEFAULT 1,
    UNIQUE (organisation_id, body, number)
);

-- The members who signed the request for an extraordinary session (p.8).
CREATE TABLE gov_request_signatories (
    session_id @INT@ NOT NULL REFERENCES gov_sessions(id),
    person_id @INT@ NOT NULL REFERENCES people(id),
    UNIQUE (session_id, person_id)
);

-- The roll: every member of the body when the session opened, and whether
-- they registered as present.
CREATE TABLE gov_roll (
    session_id @INT@ NOT NULL REFERENCES gov_sessions(id),
    person_id @INT@ NOT NULL REFERENCES people(id),
    present @INT@ NOT NULL DEFAULT 0,
    registered_at TEXT,
    UNIQUE (session_id, person_id)
);

CREATE TABLE gov_agenda_items (
    id @ID@,
    session_id @INT@ NOT NULL REFERENCES gov_sessions(id),
    position @INT@ NOT NULL,
    title TEXT NOT NULL,
    speaker TEXT NOT NULL DEFAULT '',
    UNIQUE (session_id, position)
);

-- A question put to the vote. The counts are kept here: for a secret vote
-- they are the only record of the choices, so that no row links a choice to
-- a voter.
CREATE TABLE gov_questions (
    id @ID@,
    session_id @INT@ NOT NULL REFERENCES gov_sessions(id),
    agenda_item_id @INT@ REFERENCES gov_agenda_items(id),
    text TEXT NOT NULL,
    -- 'open' or 'secret' (the session decides, p.8)
    method TEXT NOT NULL,
    -- 'voting' → 'closed'
    state TEXT NOT NULL,
    votes_for @INT@ NOT NULL DEFAULT 0,
    votes_against @INT@ NOT NULL DEFAULT 0,
    votes_abstain @INT@ NOT NULL DEFAULT 0,
    -- members present when the vote closed, and the result by the Regulation
    present @INT@,
    passed @INT@,
    opened_at TEXT NOT NULL,
    closed_at TEXT
);

-- Who voted how, for open votes.
CREATE TABLE gov_open_ballots (
    question_id @INT@ NOT NULL REFERENCES gov_questions(id),
    person_id @INT@ NOT NULL REFERENCES people(id),
    choice TEXT NOT NULL,
    cast_at TEXT NOT NULL,
    UNIQUE (question_id, person_id)
);

-- Who has voted, for secret votes: not how (the choice went to the counts).
CREATE TABLE gov_secret_voters (
    question_id @INT@ NOT NULL REFERENCES gov_questions(id),
    person_id @INT@ NOT NULL REFERENCES people(id),
    UNIQUE (question_id, person_id)
);

-- The numbered points of a session's decision (from passed questions).
CREATE TABLE gov_decisions (
    id @ID@,
    session_id @INT@ NOT NULL REFERENCES gov_sessions(id),
    question_id @INT@ NOT NULL REFERENCES gov_questions(id),
    point @INT@ NOT NULL,
    text TEXT NOT NULL,
    UNIQUE (session_id, point),
    UNIQUE (question_id)
);

-- A Council decision by written poll, run by the working body (p.9): the
-- question goes to every Council member, answers count until the deadline,
-- the decision stands with two thirds of all Council members for it.
CREATE TABLE gov_polls (
    id @ID@,
    organisation_id @INT@ NOT NULL REFERENCES organisations(id),
    text TEXT NOT NULL,
    deadline TEXT NOT NULL,
    -- the Council's roll when the poll started
    members_total @INT@ NOT NULL,
    votes_for @INT@ NOT NULL DEFAULT 0,
    votes_against @INT@ NOT NULL DEFAULT 0,
    votes_abstain @INT@ NOT NULL DEFAULT 0,
    -- 'open' → 'adopted' | 'not_adopted'
    state TEXT NOT NULL,
    started_by TEXT NOT NULL,
    started_at TEXT NOT NULL,
    closed_at TEXT
);

CREATE TABLE gov_poll_roll (
    poll_id @INT@ NOT NULL REFERENCES gov_polls(id),
    person_id @INT@ NOT NULL REFERENCES people(id),
    UNIQUE (poll_id, person_id)
);

CREATE TABLE gov_poll_answers (
    poll_id @INT@ NOT NULL REFERENCES gov_polls(id),
    person_id @INT@ NOT NULL REFERENCES people(id),
    choice TEXT NOT NULL,
    answered_at TEXT NOT NULL,
    UNIQUE (poll_id, person_id)
);

-- Execution control (issue 5 §5): a decision point's assignments. The
-- executor is named as the decision names it (a ministry, an akimat, a
-- structure of the register: then its id and region too). The stored state is
-- on_control / extended / executed / taken_off; overdue is computed from the
-- deadline (kelisim_core::governance::control::state_on).
CREATE TABLE gov_assignments (
    id @ID@,
    decision_id @INT@ NOT NULL REFERENCES gov_decisions(id),
    text TEXT NOT NULL,
    executor TEXT NOT NULL,
    executor_organisation_id @INT@ REFERENCES organisations(id),
    region TEXT,
    deadline TEXT NOT NULL,
    state TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version @INT@ NOT NULL DEFAULT 1
);
CREATE INDEX gov_assignments_deadline ON gov_assignments(state, deadline);

CREATE TABLE gov_co_executors (
    assignment_id @INT@ NOT NULL REFERENCES gov_assignments(id),
    name TEXT NOT NULL,
    -- «по согласованию»: bodies the decision cannot oblige
    by_agreement @INT@ NOT NULL DEFAULT 0,
    UNIQUE (assignment_id, name)
);

-- The assignment's history: created, reports, extensions (old and new
-- deadline, reason), execution, taking off control (reason, who).
CREATE TABLE gov_assignment_events (
    id @ID@,
    assignment_id @INT@ NOT NULL REFERENCES gov_assignments(id),
    kind TEXT NOT NULL,
    text TEXT NOT NULL DEFAULT '',
    from_deadline TEXT,
    to_deadline TEXT,
    actor TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX gov_assignment_events_of ON gov_assignment_events(assignment_id);

-- A reminder sent once per assignment, deadline and days left.
CREATE TABLE gov_reminders (
    assignment_id @INT@ NOT NULL REFERENCES gov_assignments(id),
    deadline TEXT NOT NULL,
    days_left @INT@ NOT NULL,
    sent_at TEXT NOT NULL,
    UNIQUE (assignment_id, deadline, days_left)
);

-- Target indicators of the Concepts (issue 5 §7), loaded as printed
-- (kelisim_core::reference::indicators) and then kept here: facts are
-- entered per year with their source.
CREATE TABLE indicators (
    code TEXT PRIMARY KEY,
    position @INT@ NOT NULL,
    name_kk TEXT NOT NULL,
    name_ru TEXT NOT NULL,
    name_en TEXT NOT NULL,
    unit TEXT NOT NULL,
    source TEXT NOT NULL
);

CREATE TABLE indicator_values (
    code TEXT NOT NULL REFERENCES indicators(code),
    year @INT@ NOT NULL,
    -- 'fact', 'estimate' or 'plan'
    kind TEXT NOT NULL,
    value @REAL@ NOT NULL,
    -- where the value comes from: the Concept it was printed in, or the survey a fact was entered from
    source TEXT NOT NULL,
    entered_by TEXT NOT NULL,
    entered_at TEXT NOT NULL,
    UNIQUE (code, year, kind)
);
