//! Sessions and Council meetings by the Regulation (seed 004 p.8-9) on both
//! backends: announcement with its notice, extraordinary sessions, the roll,
//! the quorum, open and secret votes, the decision's numbered points.

use kelisim_core::organisation::OrganisationInput;
use kelisim_core::person::{PersonInput, PersonRoleInput};
use kelisim_store::governance::{self, SessionInput};
use kelisim_store::testing::each_backend;
use kelisim_store::{organisations, people, Store, StoreError};

const NOW: &str = "2026-04-20T09:00:00Z";

/// A regional assembly with `members` members and `council` Council members; answers (organisation, people).
async fn assembly(store: &Store, members: usize, council: usize) -> (i64, Vec<i64>) {
    let org = organisations::create(
        store,
        "t",
        &OrganisationInput { org_type: "regional_assembly".into(), region: Some("750000000".into()), name_kk: "Алматы қаласы ассамблеясы".into(), name_ru: "Ассамблея города Алматы".into(), name_en: "Almaty city assembly".into(), status: "active".into(), ..Default::default() },
    )
    .await
    .unwrap();
    let mut ids = Vec::new();
    for n in 0..members {
        let p = people::create(store, "t", &PersonInput { full_name: format!("Член ассамблеи {n}"), region: Some("750000000".into()), ..Default::default() }).await.unwrap();
        people::add_role(store, "t", p, &PersonRoleInput { organisation_id: org, role: "member".into(), started_on: "2025-01-01".into(), ended_on: None }).await.unwrap();
        if n < council {
            people::add_role(store, "t", p, &PersonRoleInput { organisation_id: org, role: "council_member".into(), started_on: "2025-01-01".into(), ended_on: None }).await.unwrap();
        }
        ids.push(p);
    }
    (org, ids)
}

fn regular(org: i64, announced_on: &str, opens_on: &str) -> SessionInput {
    SessionInput {
        organisation_id: org,
        body: "session".into(),
        kind: "regular".into(),
        title: "XXXIV сессия".into(),
        opens_on: opens_on.into(),
        place: "Дом дружбы".into(),
        announced_on: announced_on.into(),
        draft_agenda: "1. Об итогах года".into(),
        ..Default::default()
    }
}

fn reason(e: StoreError, field: &str) -> String {
    match e {
        StoreError::Invalid(errs) => errs.for_field(field).map(str::to_string).unwrap_or_else(|| format!("no {field}: {errs:?}")),
        other => format!("{other:?}"),
    }
}

#[tokio::test]
async fn seed_004_p8_a_regular_session_needs_a_months_notice_and_an_extraordinary_one_a_third_and_a_month() {
    each_backend("gov_notice", |store| async move {
        let (org, members) = assembly(&store, 30, 0).await;
        // A day short of a month: refused, naming the field.
        let e = governance::announce(&store, "sec", &regular(org, "2026-03-16", "2026-04-15"), NOW).await.unwrap_err();
        assert_eq!(reason(e, "opens_on"), "err-notice-too-short");
        // Exactly a month: announced, numbered 1.
        let id = governance::announce(&store, "sec", &regular(org, "2026-03-15", "2026-04-15"), NOW).await.unwrap();
        assert_eq!(governance::get(&store, id).await.unwrap().number, 1);

        // Extraordinary at the members' request: 9 of 30 is less than a third, 10 is enough.
        let mut x = SessionInput { kind: "extraordinary".into(), convened_on: Some("members_request".into()), decided_on: Some("2026-05-04".into()), announced_on: "2026-05-05".into(), opens_on: "2026-05-20".into(), signatories: members[..9].to_vec(), ..regular(org, "", "") };
        assert_eq!(reason(governance::announce(&store, "sec", &x, NOW).await.unwrap_err(), "signatories"), "err-request-too-few");
        x.signatories = members[..10].to_vec();
        // Held more than a month after the decision: refused.
        x.opens_on = "2026-06-05".into();
        assert_eq!(reason(governance::announce(&store, "sec", &x, NOW).await.unwrap_err(), "opens_on"), "err-extraordinary-not-within-month");
        x.opens_on = "2026-06-04".into();
        let xid = governance::announce(&store, "sec", &x, NOW).await.unwrap();
        assert_eq!(governance::signatories(&store, xid).await.unwrap(), members[..10].to_vec());
        assert_eq!(governance::get(&store, xid).await.unwrap().number, 2);
        // Someone who is not a member cannot sign.
        let outsider = people::create(&store, "t", &PersonInput { full_name: "Не член".into(), region: Some("750000000".into()), ..Default::default() }).await.unwrap();
        x.signatories = [members[..10].to_vec(), vec![outsider]].concat();
        assert_eq!(reason(governance::announce(&store, "sec", &x, NOW).await.unwrap_err(), "signatories"), "err-not-a-member");
        // Not an assembly: no sessions.
        let club = organisations::create(&store, "t", &OrganisationInput { org_type: "journalists_club".into(), region: Some("750000000".into()), name_kk: "Клуб".into(), name_ru: "Клуб".into(), name_en: "Club".into(), status: "active".into(), ..Default::default() }).await.unwrap();
        assert_eq!(reason(governance::announce(&store, "sec", &regular(club, "2026-01-01", "2026-04-15"), NOW).await.unwrap_err(), "organisation_id"), "err-not-an-assembly");
        // p.8 «не реже одного раза в год»: 2025 had no regular session held.
        governance::open(&store, "sec", id, NOW).await.unwrap();
        assert_eq!(governance::years_without_regular_session(&store, org, 2025, 2026).await.unwrap(), vec![2025]);
    })
    .await;
}

#[tokio::test]
async fn seed_004_p8_quorum_of_two_thirds_and_a_decision_by_more_than_half_of_those_present() {
    each_backend("gov_quorum", |store| async move {
        let (org, members) = assembly(&store, 30, 0).await;
        let id = governance::announce(&store, "sec", &regular(org, "2026-03-01", "2026-04-15"), NOW).await.unwrap();
        let a = governance::open(&store, "sec", id, NOW).await.unwrap();
        assert_eq!((a.members_total, a.present, a.quorum_needed, a.quorum), (30, 0, 20, false));
        for p in &members[..19] {
            governance::register(&store, "sec", id, *p, true, NOW).await.unwrap();
        }
        // 19 of 30: no quorum, no vote.
        assert_eq!(reason(governance::put_question(&store, "sec", id, "Утвердить план", "open", NOW).await.unwrap_err(), "quorum"), "err-no-quorum");
        // Exactly two thirds: competent.
        let a = governance::register(&store, "sec", id, members[19], true, NOW).await.unwrap();
        assert!(a.quorum);
        let outsider = people::create(&store, "t", &PersonInput { full_name: "Гость".into(), region: Some("750000000".into()), ..Default::default() }).await.unwrap();
        assert_eq!(reason(governance::register(&store, "sec", id, outsider, true, NOW).await.unwrap_err(), "person_id"), "err-not-on-roll");

        // 20 present; exactly half (10) for is not a decision.
        let q = governance::put_question(&store, "sec", id, "Утвердить план мероприятий", "open", NOW).await.unwrap();
        for (k, p) in members[..20].iter().enumerate() {
            governance::cast(&store, "sec", q, *p, if k < 10 { "for" } else { "against" }, NOW).await.unwrap();
        }
        assert_eq!(reason(governance::cast(&store, "sec", q, members[0], "for", NOW).await.unwrap_err(), "person_id"), "err-already-voted");
        assert_eq!(reason(governance::cast(&store, "sec", q, members[25], "for", NOW).await.unwrap_err(), "person_id"), "err-not-registered");
        let closed = governance::close_question(&store, "sec", q, NOW).await.unwrap();
        assert_eq!((closed.votes_for, closed.votes_against, closed.present, closed.passed), (10, 10, Some(20), Some(false)), "exactly half");

        // 11 of 20 in a secret ballot: passes, and becomes point 1.
        let s = governance::put_question(&store, "sec", id, "Избрать председателя совета", "secret", NOW).await.unwrap();
        for (k, p) in members[..20].iter().enumerate() {
            governance::cast(&store, "sec", s, *p, if k < 11 { "for" } else { "abstain" }, NOW).await.unwrap();
        }
        assert_eq!(reason(governance::cast(&store, "sec", s, members[3], "against", NOW).await.unwrap_err(), "person_id"), "err-already-voted", "a secret ballot once too");
        let closed = governance::close_question(&store, "sec", s, NOW).await.unwrap();
        assert_eq!((closed.votes_for, closed.votes_abstain, closed.passed), (11, 9, Some(true)));
        let points = governance::decisions(&store, id).await.unwrap();
        assert_eq!(points.iter().map(|p| (p.point, p.text.as_str())).collect::<Vec<_>>(), vec![(1, "Избрать председателя совета")]);
        // A secret ballot cannot be linked to the voter: no table holds a choice with a person, and the audit names none.
        let open_rows: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM gov_open_ballots WHERE question_id = $1").bind(s).fetch_one(&store.pool).await.unwrap();
        assert_eq!(open_rows.0, 0);
        let audit: Vec<(String,)> = sqlx::query_as("SELECT after_json FROM audit_log WHERE entity = 'question' AND entity_id = $1 AND action = 'vote'").bind(s.to_string()).fetch_all(&store.pool).await.unwrap();
        assert_eq!(audit.len(), 20);
        assert!(audit.iter().all(|a| !a.0.contains("choice") && !a.0.contains("for") && !a.0.contains("abstain")), "{audit:?}");
        governance::close(&store, "sec", id, NOW).await.unwrap();
        assert_eq!(governance::get(&store, id).await.unwrap().state, "closed");
    })
    .await;
}

#[tokio::test]
async fn seed_004_p9_a_council_decision_needs_two_thirds_of_all_council_members() {
    each_backend("gov_council", |store| async move {
        let (org, members) = assembly(&store, 40, 30).await;
        let meeting = SessionInput { body: "council".into(), title: "Заседание Совета".into(), ..regular(org, "2026-04-10", "2026-04-15") };
        let id = governance::announce(&store, "sec", &meeting, NOW).await.unwrap();
        let a = governance::open(&store, "sec", id, NOW).await.unwrap();
        assert_eq!(a.members_total, 30, "the Council's roll, not the assembly's");
        for p in &members[..25] {
            governance::register(&store, "sec", id, *p, true, NOW).await.unwrap();
        }
        // 19 of 25 present is more than half of them, but not two thirds of the 30.
        let q = governance::put_question(&store, "sec", id, "Рекомендовать кандидатуры", "open", NOW).await.unwrap();
        for (k, p) in members[..25].iter().enumerate() {
            governance::cast(&store, "sec", q, *p, if k < 19 { "for" } else { "against" }, NOW).await.unwrap();
        }
        assert_eq!(governance::close_question(&store, "sec", q, NOW).await.unwrap().passed, Some(false));
        let q = governance::put_question(&store, "sec", id, "Рекомендовать кандидатуры (повторно)", "open", NOW).await.unwrap();
        for p in &members[..20] {
            governance::cast(&store, "sec", q, *p, "for", NOW).await.unwrap();
        }
        assert_eq!(governance::close_question(&store, "sec", q, NOW).await.unwrap().passed, Some(true), "exactly two thirds of 30");
        // An extraordinary Council meeting is not a thing of the Regulation.
        let bad = SessionInput { kind: "extraordinary".into(), ..meeting };
        assert_eq!(reason(governance::announce(&store, "sec", &bad, NOW).await.unwrap_err(), "kind"), "err-unknown-value");
    })
    .await;
}

#[tokio::test]
async fn seed_004_p9_a_written_poll_counts_answers_by_its_deadline_against_the_whole_council() {
    each_backend("gov_poll", |store| async move {
        let (org, members) = assembly(&store, 40, 30).await;
        let deadline = "2026-06-10T13:00:00Z";
        assert_eq!(reason(governance::start_poll(&store, "wb", org, "Рекомендовать кандидатуру", "2026-04-01T00:00:00Z", NOW).await.unwrap_err(), "deadline"), "err-in-the-past");
        let id = governance::start_poll(&store, "wb", org, "Рекомендовать кандидатуру в члены Ассамблеи", deadline, NOW).await.unwrap();
        assert_eq!(governance::poll(&store, id).await.unwrap().members_total, 30);
        for p in &members[..19] {
            governance::answer_poll(&store, "wb", id, *p, "for", "2026-06-01T10:00:00Z").await.unwrap();
        }
        assert_eq!(reason(governance::answer_poll(&store, "wb", id, members[0], "against", "2026-06-01T11:00:00Z").await.unwrap_err(), "person_id"), "err-already-voted");
        assert_eq!(reason(governance::answer_poll(&store, "wb", id, members[35], "for", "2026-06-01T11:00:00Z").await.unwrap_err(), "person_id"), "err-not-on-roll", "an assembly member outside the Council");
        // 19 for of 30: still open before the deadline.
        assert_eq!(governance::close_poll(&store, "wb", id, "2026-06-05T00:00:00Z").await.unwrap().state, "open");
        // An answer after the deadline does not count.
        assert_eq!(reason(governance::answer_poll(&store, "wb", id, members[20], "for", "2026-06-10T13:00:01Z").await.unwrap_err(), "answered_at"), "err-poll-closed");
        // At the deadline the 20th "for" counts: exactly two thirds of 30.
        let p = governance::answer_poll(&store, "wb", id, members[19], "for", deadline).await.unwrap();
        assert_eq!(p.answered(), 20);
        assert_eq!(governance::close_poll(&store, "wb", id, "2026-06-10T14:00:00Z").await.unwrap().state, "adopted");

        // Another poll: 19 for by the deadline is not a decision.
        let other = governance::start_poll(&store, "wb", org, "Второй вопрос", deadline, NOW).await.unwrap();
        for p in &members[..19] {
            governance::answer_poll(&store, "wb", other, *p, "for", "2026-06-02T10:00:00Z").await.unwrap();
        }
        assert_eq!(governance::close_poll(&store, "wb", other, "2026-06-11T00:00:00Z").await.unwrap().state, "not_adopted");
    })
    .await;
}

/// A held session with one decision point; answers (session, decision id).
async fn decided(store: &Store) -> (i64, i64) {
    let (org, members) = assembly(store, 3, 0).await;
    let id = governance::announce(store, "sec", &regular(org, "2026-01-10", "2026-02-20"), NOW).await.unwrap();
    governance::open(store, "sec", id, NOW).await.unwrap();
    for p in &members {
        governance::register(store, "sec", id, *p, true, NOW).await.unwrap();
    }
    let q = governance::put_question(store, "sec", id, "Провести форум «Бірлік» и отчитаться", "open", NOW).await.unwrap();
    for p in &members {
        governance::cast(store, "sec", q, *p, "for", NOW).await.unwrap();
    }
    governance::close_question(store, "sec", q, NOW).await.unwrap();
    (id, governance::decisions(store, id).await.unwrap()[0].id)
}

#[tokio::test]
async fn issue_5_decisions_are_kept_on_control_until_executed_or_taken_off() {
    use kelisim_core::governance::control::ControlChange;
    use kelisim_store::control::{self, AssignmentInput, CoExecutor, ControlFilter};
    each_backend("gov_control", |store| async move {
        let (session, decision) = decided(&store).await;
        let input = |text: &str, executor: &str, deadline: &str| AssignmentInput {
            text: text.into(),
            executor: executor.into(),
            region: Some("750000000".into()),
            deadline: deadline.into(),
            co_executors: vec![CoExecutor { name: "Акимат города Алматы".into(), by_agreement: true }],
            ..Default::default()
        };
        let bad = control::assign(&store, "sec", decision, &AssignmentInput { deadline: "30.06.2026".into(), ..Default::default() }, NOW).await.unwrap_err();
        match bad {
            StoreError::Invalid(e) => assert!(e.for_field("deadline").is_some() && e.for_field("executor").is_some() && e.for_field("text").is_some(), "{e:?}"),
            other => panic!("{other:?}"),
        }
        let forum = control::assign(&store, "sec", decision, &input("Провести форум", "Министерство информации", "2026-06-30"), NOW).await.unwrap();
        let report = control::assign(&store, "sec", decision, &input("Отчёт о форуме", "РГУ «Қоғамдық келісім»", "2026-05-15"), NOW).await.unwrap();
        let later = control::assign(&store, "sec", decision, &input("Издать сборник", "Министерство информации", "2026-09-01"), NOW).await.unwrap();

        // On 1 June the report (due 15 May) is overdue and shown first.
        let today = "2026-06-01";
        let board = control::list(&store, &ControlFilter::default(), today).await.unwrap();
        assert_eq!(board.iter().map(|a| (a.id, a.state.as_str())).collect::<Vec<_>>(), vec![(report, "overdue"), (forum, "on_control"), (later, "on_control")]);
        assert_eq!(board[0].session_id, session);
        assert_eq!(board[0].co_executors, vec![CoExecutor { name: "Акимат города Алматы".into(), by_agreement: true }]);
        assert_eq!(control::list(&store, &ControlFilter { state: Some("overdue".into()), ..Default::default() }, today).await.unwrap().len(), 1);
        assert_eq!(control::list(&store, &ControlFilter { executor: Some("министерство".into()), ..Default::default() }, today).await.unwrap().len(), 2);

        // Extended with a reason to a later day; the old deadline stays in the history.
        let v = control::get(&store, report, today).await.unwrap().version;
        match control::change(&store, "sec", report, &ControlChange::Extend { new_deadline: time::macros::date!(2026 - 05 - 01), reason: "x" }, v, "2026-06-01T10:00:00Z").await.unwrap_err() {
            StoreError::Invalid(e) => assert_eq!(e.for_field("deadline"), Some("err-extension-not-later")),
            other => panic!("{other:?}"),
        }
        let a = control::change(&store, "sec", report, &ControlChange::Extend { new_deadline: time::macros::date!(2026 - 07 - 15), reason: "Форум перенесён на июль" }, v, "2026-06-01T10:00:00Z").await.unwrap();
        assert_eq!((a.state.as_str(), a.deadline.as_str()), ("extended", "2026-07-15"));
        // A stale version is a conflict, not a lost change.
        assert!(matches!(control::change(&store, "sec", report, &ControlChange::Execute, v, "2026-06-02T10:00:00Z").await, Err(StoreError::Conflict(_))));
        control::report(&store, "ministry", forum, "Форум проведён 20 июня, 600 участников", "2026-06-21T09:00:00Z").await.unwrap();
        let v = control::get(&store, forum, today).await.unwrap().version;
        assert_eq!(control::change(&store, "sec", forum, &ControlChange::Execute, v, "2026-06-22T09:00:00Z").await.unwrap().state, "executed");
        let v = control::get(&store, later, today).await.unwrap().version;
        let off = control::change(&store, "chair", later, &ControlChange::TakeOff { reason: "Утратило актуальность" }, v, "2026-06-22T09:00:00Z").await.unwrap();
        assert_eq!(off.state, "taken_off");
        let history = control::events(&store, report).await.unwrap();
        assert_eq!(history.iter().map(|e| e.kind.as_str()).collect::<Vec<_>>(), vec!["created", "extended"]);
        assert_eq!((history[1].from_deadline.as_deref(), history[1].to_deadline.as_deref(), history[1].text.as_str()), (Some("2026-05-15"), Some("2026-07-15"), "Форум перенесён на июль"));
        let took_off = control::events(&store, later).await.unwrap();
        assert_eq!((took_off[1].kind.as_str(), took_off[1].actor.as_str(), took_off[1].text.as_str()), ("taken_off", "chair", "Утратило актуальность"));
        assert_eq!(control::events(&store, forum).await.unwrap()[1].text, "Форум проведён 20 июня, 600 участников");

        // Reminders 7, 3 and 1 days before, each once, delivered as alerts to the
        // secretariats (in the app), not to a responder, not to the monitoring's webhooks.
        use kelisim_store::monitoring::alerts;
        use kelisim_store::users;
        for (login, role, region) in [("admin", "admin", None), ("almaty.sec", "regional_admin", Some("750000000")), ("astana.sec", "regional_admin", Some("710000000")), ("police", "responder", Some("750000000"))] {
            users::create(&store, "setup", &users::NewUser { login, role, region, organisation_id: None, password: "password-123456" }).await.unwrap();
        }
        alerts::create_channel(&store, "admin", &alerts::ChannelInput { kind: "webhook".into(), target: "https://example.org/hook".into(), secret: Some("a-webhook-secret-of-32-characters!!".into()), region: None }, "2026-07-01T00:00:00Z").await.unwrap();
        let sent = control::take_reminders(&store, "2026-07-08", "2026-07-08T03:00:00Z").await.unwrap();
        assert_eq!(sent.iter().map(|(a, left)| (a.id, *left)).collect::<Vec<_>>(), vec![(report, 7)]);
        let alert = alerts::find(&store, kelisim_core::monitoring::alert::AlertKind::Reminder, &format!("{report}:2026-07-15:7")).await.unwrap().expect("the reminder's alert");
        assert_eq!((alert.subject_id, alert.facts["days_left"].as_i64()), (Some(report), Some(7)));
        let mut to: Vec<(String, String)> = alerts::deliveries(&store, alert.id).await.unwrap().into_iter().map(|d| (d.channel, d.target)).collect();
        to.sort();
        assert_eq!(to, vec![("in_app".to_string(), "admin".to_string()), ("in_app".to_string(), "almaty.sec".to_string())]);
        assert!(control::take_reminders(&store, "2026-07-08", "2026-07-08T04:00:00Z").await.unwrap().is_empty(), "not twice");
        assert!(control::take_reminders(&store, "2026-07-09", "2026-07-09T03:00:00Z").await.unwrap().is_empty());
        assert_eq!(control::take_reminders(&store, "2026-07-14", "2026-07-14T03:00:00Z").await.unwrap()[0].1, 1);
    })
    .await;
}

#[tokio::test]
async fn issue_5_the_target_indicators_are_loaded_as_printed_and_facts_are_entered_with_their_source() {
    use kelisim_store::indicators;
    each_backend("gov_indicators", |store| async move {
        let all = indicators::list(&store).await.unwrap();
        assert_eq!(all.iter().map(|i| i.code.as_str()).collect::<Vec<_>>(), ["c2030-1", "c2030-2", "c2030-3", "c2030-4", "c2030-5", "c2022-1", "c2022-2", "c2022-3"]);
        let first = &all[0];
        assert_eq!(first.name.ru, "Уровень эффективности реализации государственной политики по укреплению межэтнического согласия");
        assert_eq!(first.values.iter().map(|v| (v.year, v.kind.as_str(), v.value)).collect::<Vec<_>>()[..3], [(2024, "fact", 73.2), (2025, "estimate", 81.5), (2026, "plan", 82.0)]);
        assert_eq!(all[1].values[0].value, 87.23, "printed to the hundredth");
        // A fact of 2026 entered from its survey: the plan/fact table shows the deviation.
        let e = indicators::enter_fact(&store, "analyst", "c2030-1", 2026, 120.0, "", NOW).await.unwrap_err();
        match e {
            StoreError::Invalid(errs) => assert!(errs.for_field("value").is_some() && errs.for_field("source").is_some(), "{errs:?}"),
            other => panic!("{other:?}"),
        }
        assert!(matches!(indicators::enter_fact(&store, "analyst", "nope", 2026, 80.0, "x", NOW).await, Err(StoreError::NotFound)));
        indicators::enter_fact(&store, "analyst", "c2030-1", 2026, 82.7, "Социологическое исследование ИПМ, 2026", NOW).await.unwrap();
        let ind = indicators::list(&store).await.unwrap().remove(0);
        let table = indicators::plan_fact(&ind);
        let y2026 = table.iter().find(|r| r.year == 2026).unwrap();
        assert_eq!((y2026.plan, y2026.fact, y2026.deviation), (Some(82.0), Some(82.7), Some(0.7)));
        let y2025 = table.iter().find(|r| r.year == 2025).unwrap();
        assert!(y2025.fact_is_estimate && y2025.deviation.is_none(), "an estimate is not a fact");
        assert_eq!(ind.values.iter().find(|v| v.year == 2026 && v.kind == "fact").unwrap().source, "Социологическое исследование ИПМ, 2026");
        // Migrating again loads nothing twice and keeps the entered fact.
        kelisim_store::migrate::migrate(&store).await.unwrap();
        let again = indicators::list(&store).await.unwrap();
        assert_eq!(again.len(), 8);
        assert_eq!(again[0].values.iter().filter(|v| v.kind == "fact").count(), 2);
    })
    .await;
}
