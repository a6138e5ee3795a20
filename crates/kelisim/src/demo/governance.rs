//! The demo's governance (issue 5): the assembly of Almaty city
//! ([`super::DEMO_REGION`]) with 40 members, 25 of them on its Council; a
//! regular session held three months ago (attendance, two open votes and a
//! secret one, the decision's points), its points on control (executed,
//! extended, overdue, on control), a Council poll adopted, and the next
//! session announced. Everything goes through `kelisim_store::governance`
//! and `control`, so it obeys the Regulation as a user's input would.

use anyhow::Context;
use kelisim_core::governance::control::ControlChange;
use kelisim_core::person::{PersonInput, PersonRoleInput};
use kelisim_store::control::{self, AssignmentInput, CoExecutor};
use kelisim_store::governance::{self, SessionInput};
use kelisim_store::organisations::{self, OrganisationFilter};
use kelisim_store::{people, Store};
use time::{Duration, OffsetDateTime};

use super::names::person_names;
use super::rng::Rng;
use super::DEMO_REGION;

/// What was made, for the summary line.
pub struct GovernanceSummary {
    pub sessions: usize,
    pub assignments: usize,
    pub plan_reports: usize,
}

fn day(t: OffsetDateTime) -> String {
    t.date().to_string()
}

fn instant(t: OffsetDateTime) -> String {
    kelisim_core::monitoring::document::instant_text(t)
}

pub async fn load(store: &Store) -> anyhow::Result<GovernanceSummary> {
    let (assemblies, _) = organisations::list(store, &OrganisationFilter { org_type: Some("regional_assembly".into()), region: Some(DEMO_REGION.into()), ..Default::default() }, organisations::order_by("", "ru"), 1, 1).await?;
    let assembly = assemblies.first().context("the demo region's assembly")?.id;
    let mut rng = Rng::new(0x676f_7665_726e);
    let mut members = Vec::new();
    for n in 0..40 {
        let group = ["kazakh", "russian", "uyghur", "korean", "tatar", "german", "uzbek", "azerbaijani"][n % 8];
        let (surnames, male, female) = person_names(group);
        let name = if n % 2 == 0 { format!("{} {}", rng.pick(surnames), rng.pick(male)) } else { format!("{} {}", rng.pick(surnames), rng.pick(female)) };
        let p = people::create(store, "demo", &PersonInput { full_name: name, region: Some(DEMO_REGION.into()), position: Some("Член ассамблеи".into()), ..Default::default() }).await?;
        people::add_role(store, "demo", p, &PersonRoleInput { organisation_id: assembly, role: "member".into(), started_on: "2024-01-15".into(), ended_on: None }).await?;
        if n < 25 {
            people::add_role(store, "demo", p, &PersonRoleInput { organisation_id: assembly, role: "council_member".into(), started_on: "2024-01-15".into(), ended_on: None }).await?;
        }
        members.push(p);
    }
    let now = OffsetDateTime::now_utc();
    let held = now - Duration::days(90);
    let at = |t: OffsetDateTime| instant(t);
    let secretary = "almaty.secretariat";

    // The session held three months ago.
    let input = SessionInput {
        organisation_id: assembly,
        body: "session".into(),
        kind: "regular".into(),
        title: "XXI сессия Ассамблеи народа Казахстана города Алматы".into(),
        opens_on: day(held),
        place: "Дом дружбы, г. Алматы".into(),
        announced_on: day(held - Duration::days(40)),
        draft_agenda: "1. Об итогах работы за полугодие. 2. О плане мероприятий к Дню единства народа Казахстана. 3. Об избрании заместителя председателя".into(),
        ..Default::default()
    };
    let id = governance::announce(store, secretary, &input, &at(held - Duration::days(40))).await?;
    for (title, speaker) in [("Об итогах работы за полугодие", "Заведующий секретариатом"), ("О плане мероприятий к Дню единства народа Казахстана", "Председатель совета матерей"), ("Об избрании заместителя председателя", "")] {
        governance::add_agenda_item(store, secretary, id, title, speaker).await?;
    }
    governance::open(store, secretary, id, &at(held)).await?;
    for p in &members[..32] {
        governance::register(store, secretary, id, *p, true, &at(held)).await?;
    }
    let votes: [(&str, &str, usize); 3] = [
        ("Принять к сведению информацию об итогах работы за полугодие", "open", 30),
        ("Утвердить план мероприятий к Дню единства народа Казахстана (1 мая)", "open", 27),
        ("Избрать заместителем председателя Ассамблеи города Алматы", "secret", 21),
    ];
    for (text, method, for_votes) in votes {
        let q = governance::put_question(store, secretary, id, text, method, &at(held)).await?;
        for (k, p) in members[..32].iter().enumerate() {
            let choice = if k < for_votes { "for" } else if k % 2 == 0 { "against" } else { "abstain" };
            governance::cast(store, secretary, q, *p, choice, &at(held)).await?;
        }
        governance::close_question(store, secretary, q, &at(held)).await?;
    }
    governance::close(store, secretary, id, &at(held + Duration::hours(4))).await?;

    // The decision's points on control.
    let points = governance::decisions(store, id).await?;
    let plan_point = points.get(1).map(|p| p.id).context("the plan's decision point")?;
    let assign = |text: &str, executor: &str, deadline: OffsetDateTime| AssignmentInput {
        text: text.into(),
        executor: executor.into(),
        region: Some(DEMO_REGION.into()),
        deadline: day(deadline),
        co_executors: vec![CoExecutor { name: "Акимат города Алматы".into(), by_agreement: true }],
        ..Default::default()
    };
    let after = |d: i64| held + Duration::days(d);
    let executed = control::assign(store, secretary, plan_point, &assign("Провести городской фестиваль «Достық» ко Дню единства", "Управление общественного развития г. Алматы", after(45)), &at(after(1))).await?;
    let extended = control::assign(store, secretary, plan_point, &assign("Издать сборник «Ассамблея: люди и судьбы»", "Дом дружбы г. Алматы", after(80)), &at(after(1))).await?;
    let _overdue = control::assign(store, secretary, plan_point, &assign("Представить отчёт об исполнении плана мероприятий", "Секретариат Ассамблеи г. Алматы", after(85)), &at(after(1))).await?;
    let _on_control = control::assign(store, secretary, plan_point, &assign("Провести круглый стол советов матерей районов", "Совет матерей г. Алматы", now + Duration::days(5)), &at(after(1))).await?;
    control::report(store, secretary, executed, "Фестиваль проведён, 2 400 участников, 34 этнокультурных объединения", &at(after(44))).await?;
    let v = control::get(store, executed, &day(now)).await?.version;
    control::change(store, secretary, executed, &ControlChange::Execute, v, &at(after(46))).await?;
    let v = control::get(store, extended, &day(now)).await?.version;
    let new_deadline = (now + Duration::days(25)).date();
    control::change(store, secretary, extended, &ControlChange::Extend { new_deadline, reason: "Типография перенесла выпуск" }, v, &at(after(79))).await?;

    // A Council poll, adopted; the next session, announced.
    let poll_start = now - Duration::days(20);
    let poll = governance::start_poll(store, secretary, assembly, "Рекомендовать кандидатуры в члены Ассамблеи народа Казахстана", &at(poll_start + Duration::days(7)), &at(poll_start)).await?;
    for p in &members[..19] {
        governance::answer_poll(store, secretary, poll, *p, "for", &at(poll_start + Duration::days(2))).await?;
    }
    governance::close_poll(store, secretary, poll, &at(poll_start + Duration::days(8))).await?;
    let next = SessionInput { title: "XXII сессия Ассамблеи народа Казахстана города Алматы".into(), opens_on: day(now + Duration::days(35)), announced_on: day(now), draft_agenda: "1. Об итогах года. 2. О плане работы на следующий год".into(), ..input };
    governance::announce(store, secretary, &next, &at(now)).await?;
    let plan_reports = plan_reports(store, &mut rng, id, now).await?;
    Ok(GovernanceSummary { sessions: 2, assignments: 4, plan_reports })
}

/// Almaty's reports on the action plan of the Concept 2022-2026: most due
/// dates of last year and this year that have passed are reported (so the
/// execution report shows reported, overdue and coming dates); the report on
/// the annual session (item 2) carries the minutes of the session held, the
/// PDF the session desk prints.
async fn plan_reports(store: &Store, rng: &mut Rng, session: i64, now: OffsetDateTime) -> anyhow::Result<usize> {
    use kelisim_store::plans::{self, NewFile};
    let code = kelisim_core::reference::action_plan::PLAN_2022_2026_CODE;
    let plan = plans::get(store, code).await?;
    let today = now.date();
    let mut filed = 0;
    for item in plans::items(store, code).await? {
        for year in [today.year() - 1, today.year()] {
            for due in plans::due_dates(&plan, &item, year) {
                let skipped = rng.below(100) >= if year < today.year() { 85 } else { 65 };
                if due > today || (skipped && item.code != "2") {
                    continue;
                }
                let mut files = Vec::new();
                if item.code == "2" && year == today.year() {
                    let lang = kelisim_web::i18n::Lang::Kk;
                    let data = kelisim_web::reports::minutes_data(store, session, lang, &instant(now)).await?;
                    let pdf = kelisim_web::reports::pdf::render(&kelisim_web::reports::minutes::minutes(lang, &data)).map_err(anyhow::Error::msg)?;
                    files.push(NewFile { name: "sessiya-hattamasy.pdf".into(), content_type: "application/pdf".into(), bytes: pdf });
                }
                let text = format!("{}: {} — орындалды (Алматы қаласы, {})", item.code, item.completion_form, due);
                let filed_at = instant(OffsetDateTime::new_utc(due.min(today), time::Time::from_hms(10, 0, 0).expect("a time")));
                plans::file_report(store, "almaty.secretariat", item.id, &due.to_string(), DEMO_REGION, &text, &files, &filed_at).await?;
                filed += 1;
            }
        }
    }
    Ok(filed)
}
