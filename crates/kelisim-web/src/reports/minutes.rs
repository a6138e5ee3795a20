//! The minutes (protocol, хаттама) of a session or a Council meeting (issue 5 §4;
//! SPEC §3.2 "minutes (protocol) as a PDF"): attendance and the quorum by the
//! Regulation, the agenda, each vote with its counts and result, and the numbered
//! decision points, in Kazakh, Russian or English.
//!
//! `minutes` is pure: it turns what the store holds into printed blocks, so the
//! content is tested without a PDF reader; `pdf::render` prints them.

use kelisim_core::governance::{council, session as rules};
use kelisim_store::governance::{AgendaItem, Attendance, DecisionPoint, Question, RollMember, Session};

use super::pdf::{Block, Printed};
use super::{t, ta};
use crate::i18n::Lang;

/// What the minutes are made of, as the store holds it.
pub struct MinutesData {
    pub assembly: String,
    pub session: Session,
    pub attendance: Attendance,
    pub roll: Vec<RollMember>,
    pub agenda: Vec<AgendaItem>,
    pub questions: Vec<Question>,
    pub decisions: Vec<DecisionPoint>,
    /// How many members signed the request for an extraordinary session.
    pub signatories: usize,
    /// When the minutes were printed (`YYYY-MM-DD HH:MM`, UTC).
    pub printed_at: String,
}

fn is_council(s: &Session) -> bool {
    s.body == "council"
}

/// The votes "for" a question needs: more than half of those present at a
/// session (p.8), two thirds of all Council members at a meeting (p.9).
fn votes_needed(s: &Session, q: &Question) -> u32 {
    if is_council(s) {
        council::council_votes_needed(s.members_total.max(0) as u32)
    } else {
        rules::votes_needed(q.present.unwrap_or(0).max(0) as u32)
    }
}

fn result(lang: Lang, q: &Question) -> String {
    match q.passed {
        Some(true) => t(lang, "vote-passed"),
        Some(false) => t(lang, "vote-failed"),
        None => t(lang, "minutes-vote-not-closed"),
    }
}

/// The minutes as printed blocks.
pub fn minutes(lang: Lang, d: &MinutesData) -> Printed {
    let s = &d.session;
    let mut blocks = vec![Block::Title(t(lang, "minutes-title")), Block::Subtitle(s.title.clone()), Block::Subtitle(d.assembly.clone())];
    blocks.push(Block::Subtitle(ta(lang, "minutes-date-place", &[("date", s.opens_on.clone()), ("place", s.place.clone())])));
    if s.state != "closed" {
        blocks.push(Block::Gap);
        blocks.push(Block::Paragraph(t(lang, "minutes-not-closed")));
    }
    blocks.push(Block::Gap);
    let body = if is_council(s) { t(lang, "session-body-council") } else { t(lang, "session-body-session") };
    blocks.push(Block::Field(t(lang, "session-kind"), body));
    if !is_council(s) {
        let kind = if s.kind == "extraordinary" { t(lang, "session-kind-extraordinary") } else { t(lang, "session-kind-regular") };
        blocks.push(Block::Field(t(lang, "session-regular-or-not"), kind));
    }
    blocks.push(Block::Field(t(lang, "session-announced-on"), s.announced_on.clone()));
    if let Some(convened) = &s.convened_on {
        let mut how = t(lang, &format!("session-convened-{}", convened.replace('_', "-")));
        if d.signatories > 0 {
            how.push_str(&format!(" ({})", ta(lang, "session-signed-by", &[("count", d.signatories.to_string())])));
        }
        blocks.push(Block::Field(t(lang, "session-convened-on"), how));
    }
    if let Some(decided) = &s.decided_on {
        blocks.push(Block::Field(t(lang, "session-decided-on"), decided.clone()));
    }

    // Attendance and the quorum (p.8: two thirds of all members).
    let a = &d.attendance;
    blocks.push(Block::Heading(t(lang, "minutes-attendance")));
    blocks.push(Block::Field(t(lang, "minutes-members-total"), a.members_total.to_string()));
    blocks.push(Block::Field(t(lang, "minutes-present"), a.present.to_string()));
    // Sessions: p.8 (two thirds of all members take part); the Council: p.9 (its
    // meetings are valid with two thirds of all its members).
    let rule = if is_council(s) { "minutes-quorum-rule-council" } else { "minutes-quorum-rule" };
    blocks.push(Block::Field(t(lang, "minutes-quorum"), ta(lang, rule, &[("needed", a.quorum_needed.to_string())])));
    blocks.push(Block::Paragraph(if a.quorum { t(lang, "session-quorum-yes") } else { t(lang, "session-quorum-no") }));
    let rows = d
        .roll
        .iter()
        .enumerate()
        .map(|(i, m)| vec![(i + 1).to_string(), m.name.clone(), if m.present { t(lang, "session-present") } else { t(lang, "minutes-absent") }])
        .collect();
    blocks.push(Block::Table { widths: vec![0.08, 0.62, 0.30], header: vec!["№".into(), t(lang, "minutes-member"), t(lang, "minutes-presence")], rows });

    // The agenda.
    blocks.push(Block::Heading(t(lang, "session-agenda")));
    if d.agenda.is_empty() {
        blocks.push(Block::Paragraph(s.draft_agenda.clone()));
    }
    for item in &d.agenda {
        let speaker = if item.speaker.is_empty() { String::new() } else { format!(" ({}: {})", t(lang, "session-speaker"), item.speaker) };
        blocks.push(Block::Paragraph(format!("{}. {}{}", item.position, item.title, speaker)));
    }

    // Each vote, its counts and result.
    blocks.push(Block::Heading(t(lang, "minutes-votes")));
    blocks.push(Block::Paragraph(if is_council(s) { t(lang, "minutes-majority-council") } else { t(lang, "minutes-majority-session") }));
    let rows = d
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let method = if q.method == "secret" { t(lang, "vote-method-secret") } else { t(lang, "vote-method-open") };
            vec![
                (i + 1).to_string(),
                q.text.clone(),
                method,
                q.votes_for.to_string(),
                q.votes_against.to_string(),
                q.votes_abstain.to_string(),
                q.present.map(|p| p.to_string()).unwrap_or_default(),
                votes_needed(s, q).to_string(),
                result(lang, q),
            ]
        })
        .collect();
    blocks.push(Block::Table {
        widths: vec![0.05, 0.27, 0.16, 0.07, 0.09, 0.08, 0.08, 0.09, 0.11],
        header: vec![
            "№".into(),
            t(lang, "vote-question"),
            t(lang, "vote-method"),
            t(lang, "vote-for"),
            t(lang, "vote-against"),
            t(lang, "minutes-abstain-short"),
            t(lang, "minutes-present-short"),
            t(lang, "minutes-needed"),
            t(lang, "minutes-result"),
        ],
        rows,
    });

    // The decision, point by point.
    blocks.push(Block::Heading(t(lang, "minutes-decided")));
    if d.decisions.is_empty() {
        blocks.push(Block::Paragraph(t(lang, "minutes-no-decisions")));
    }
    for p in &d.decisions {
        let n = d.questions.iter().position(|q| q.id == p.question_id).map(|i| i + 1).unwrap_or(0);
        blocks.push(Block::Paragraph(format!("{}. {} ({})", p.point, p.text, ta(lang, "minutes-by-question", &[("n", n.to_string())]))));
    }

    blocks.push(Block::Gap);
    blocks.push(Block::Gap);
    blocks.push(Block::Paragraph(format!("{} ____________________", t(lang, "minutes-chair"))));
    blocks.push(Block::Gap);
    blocks.push(Block::Paragraph(format!("{} ____________________", t(lang, "minutes-secretary"))));
    blocks.push(Block::Gap);
    blocks.push(Block::Paragraph(ta(lang, "minutes-printed", &[("at", d.printed_at.clone())])));
    Printed { title: format!("{} — {}", t(lang, "minutes-title"), s.title), lang: lang.code().to_string(), blocks }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(body: &str, state: &str) -> Session {
        Session {
            id: 1,
            organisation_id: 1,
            body: body.into(),
            kind: "regular".into(),
            number: 21,
            title: "XXI сессия".into(),
            opens_on: "2026-04-28".into(),
            place: "Алматы, Дом дружбы".into(),
            announced_on: "2026-03-20".into(),
            draft_agenda: "".into(),
            convened_on: None,
            decided_on: None,
            state: state.into(),
            members_total: 40,
            created_by: "a".into(),
            created_at: "2026-03-20T00:00:00Z".into(),
            version: 1,
        }
    }

    fn question(id: i64, present: i64, votes_for: i64, passed: bool) -> Question {
        Question {
            id,
            session_id: 1,
            agenda_item_id: None,
            text: format!("вопрос {id}"),
            method: if id == 2 { "secret".into() } else { "open".into() },
            state: "closed".into(),
            votes_for,
            votes_against: present - votes_for,
            votes_abstain: 0,
            present: Some(present),
            passed: Some(passed),
            opened_at: "x".into(),
            closed_at: Some("y".into()),
        }
    }

    fn data(body: &str, state: &str) -> MinutesData {
        MinutesData {
            assembly: "Ассамблея г. Алматы".into(),
            session: session(body, state),
            attendance: Attendance { members_total: 40, present: 27, quorum_needed: 27, quorum: true },
            roll: vec![RollMember { person_id: 1, name: "Абаев Ерлан".into(), present: true }, RollMember { person_id: 2, name: "Ким Ольга".into(), present: false }],
            agenda: vec![AgendaItem { id: 1, position: 1, title: "О плане".into(), speaker: "Ким О.".into() }],
            questions: vec![question(1, 27, 14, true), question(2, 27, 13, false)],
            decisions: vec![DecisionPoint { id: 9, session_id: 1, question_id: 1, point: 1, text: "Утвердить план".into() }],
            signatories: 0,
            printed_at: "2026-12-03 10:00".into(),
        }
    }

    fn all_text(p: &Printed) -> String {
        let mut out = String::new();
        for b in &p.blocks {
            match b {
                Block::Title(t) | Block::Subtitle(t) | Block::Heading(t) | Block::Paragraph(t) => out.push_str(t),
                Block::Field(l, v) => out.push_str(&format!("{l}: {v}")),
                Block::Table { header, rows, .. } => {
                    out.push_str(&header.join("|"));
                    for r in rows {
                        out.push('\n');
                        out.push_str(&r.join("|"));
                    }
                }
                Block::Gap => {}
            }
            out.push('\n');
        }
        out
    }

    #[test]
    fn minutes_carry_attendance_quorum_agenda_votes_and_numbered_points() {
        let p = minutes(Lang::Ru, &data("session", "closed"));
        let text = all_text(&p);
        assert!(text.contains("ПРОТОКОЛ"), "{text}");
        assert!(text.contains("Всего членов: 40"), "{text}");
        assert!(text.contains("Присутствовали: 27"), "{text}");
        assert!(text.contains("1|Абаев Ерлан|присутствует"), "{text}");
        assert!(text.contains("2|Ким Ольга|отсутствовал(а)"), "{text}");
        assert!(text.contains("1. О плане (докладчик: Ким О.)"), "{text}");
        assert!(text.contains("1. Утвердить план (вопрос 1)"), "{text}");
        assert!(!text.contains("предварительный"), "a closed session's minutes are final: {text}");
    }

    /// Seed 004 p.8: a decision passes with more than half of the members present:
    /// of 27 present, 14 is enough and 13 is not — the minutes print the 14 needed.
    #[test]
    fn seed_004_p8_minutes_print_the_majority_of_those_present() {
        let p = minutes(Lang::Ru, &data("session", "closed"));
        let text = all_text(&p);
        assert!(text.contains("1|вопрос 1|открытое голосование|14|13|0|27|14|принято"), "{text}");
        assert!(text.contains("2|вопрос 2|тайное голосование|13|14|0|27|14|не принято"), "{text}");
    }

    /// Seed 004 p.9: a Council decision needs two thirds of all Council members:
    /// of 40, 27 — whatever the number present.
    #[test]
    fn seed_004_p9_council_minutes_print_two_thirds_of_all_members() {
        let p = minutes(Lang::Kk, &data("council", "closed"));
        let text = all_text(&p);
        assert!(text.contains("|27|27|"), "{text}");
        assert!(text.contains("ХАТТАМА"), "{text}");
        assert!(text.contains("Ереженің 9-тармағы): 27"), "the Council's quorum cites p.9: {text}");
    }

    /// Seed 004 p.8: an extraordinary session at the request of a third of the
    /// members — the minutes say how it was convened and how many signed.
    #[test]
    fn seed_004_p8_minutes_of_an_extraordinary_session_say_who_asked_for_it() {
        let mut d = data("session", "closed");
        d.session.kind = "extraordinary".into();
        d.session.convened_on = Some("members_request".into());
        d.session.decided_on = Some("2026-04-01".into());
        d.signatories = 14;
        let text = all_text(&minutes(Lang::Ru, &d));
        assert!(text.contains("внеочередная") && text.contains("по просьбе членов (подписали 14)") && text.contains("2026-04-01"), "{text}");
    }

    #[test]
    fn minutes_of_an_open_session_say_they_are_preliminary() {
        for lang in Lang::ALL {
            let p = minutes(lang, &data("session", "open"));
            assert!(all_text(&p).contains(&t(lang, "minutes-not-closed")));
        }
    }
}
