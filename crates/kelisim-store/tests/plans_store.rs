//! The action plan on both backends (issue 5 §6): the reference plans loaded
//! as printed, due dates by periodicity, reports with attachments, the
//! execution of a year.

use kelisim_store::plans::{self, NewFile};
use kelisim_store::testing::each_backend;
use kelisim_store::{audit, StoreError};
use time::macros::date;

const NOW: &str = "2026-05-10T09:00:00Z";

fn fields(e: StoreError) -> Vec<String> {
    match e {
        StoreError::Invalid(errs) => errs.0.into_iter().map(|f| format!("{}:{}", f.field, f.reason)).collect(),
        other => panic!("not a validation error: {other:?}"),
    }
}

#[tokio::test]
async fn the_reference_plans_are_loaded_once_as_printed() {
    each_backend("plans_reference", |store| async move {
        let list = plans::list(&store).await.unwrap();
        let codes: Vec<&str> = list.iter().map(|p| p.code.as_str()).collect();
        assert_eq!(codes, ["concept-2022-2026", "concept-2030"]);
        let items = plans::items(&store, "concept-2022-2026").await.unwrap();
        assert_eq!(items.len(), 70);
        let session = items.iter().find(|i| i.code == "2").unwrap();
        assert_eq!(session.title, "ҚХА-ның жыл сайынғы сессиясын дайындау және өткізу");
        assert_eq!(session.completion_form, "сессия хаттамасы");
        assert_eq!(session.term, "жыл сайын, 1 мамырға дейін");
        let council = items.iter().find(|i| i.code == "4.1").unwrap();
        assert_eq!(council.co_responsible, vec!["ҚХА ҒСК"]);
        assert_eq!(council.responsible, "АҚЦМ, ҚЭЗИ, ҒЖБМ");
        // A sub-item printed with only a count falls due with its group.
        assert_eq!(items.iter().find(|i| i.code == "16.5").unwrap().schedule_term.as_deref(), Some("жыл сайын"));
        assert_eq!(items.iter().find(|i| i.code == "15").unwrap().schedule_term, None, "a group heading");
        let dirs = plans::directions(&store, "concept-2030").await.unwrap();
        assert_eq!(dirs.len(), 6);
        assert!(dirs[3].title.starts_with("Совершенствование работы Ассамблеи в информационной сфере"));
        // Loading again changes nothing.
        plans::load_if_empty(&store).await.unwrap();
        assert_eq!(plans::items(&store, "concept-2022-2026").await.unwrap().len(), 70);
    })
    .await;
}

#[tokio::test]
async fn reports_per_due_date_with_attachments_and_the_execution_of_a_year() {
    each_backend("plans_reports", |store| async move {
        let plan = plans::get(&store, "concept-2022-2026").await.unwrap();
        let items = plans::items(&store, "concept-2022-2026").await.unwrap();
        let session = items.iter().find(|i| i.code == "2").unwrap();
        // «жыл сайын, 1 мамырға дейін»: by 1 May of every year of the plan, and none after it.
        assert_eq!(plans::due_dates(&plan, session, 2026), vec![date!(2026 - 05 - 01)]);
        assert!(plans::due_dates(&plan, session, 2027).is_empty());
        let council = items.iter().find(|i| i.code == "3").unwrap();
        assert_eq!(plans::due_dates(&plan, council, 2026).len(), 3, "«жылына 3 рет»");

        // Bad input names each field and writes nothing.
        let big = NewFile { name: "scan.pdf".into(), content_type: "application/pdf".into(), bytes: vec![0; plans::MAX_FILE_BYTES + 1] };
        let e = plans::file_report(&store, "sec", session.id, "2026-05-02", "999", " ", &[big], NOW).await.unwrap_err();
        assert_eq!(fields(e), vec!["due_on:err-not-a-due-date", "region:err-unknown-region", "text:err-required", "files[0]:err-file-too-large"]);
        assert!(plans::reports(&store, session.id).await.unwrap().is_empty());

        let pdf = NewFile { name: "хаттама.pdf".into(), content_type: "application/pdf".into(), bytes: b"%PDF-1.7 minutes".to_vec() };
        let id = plans::file_report(&store, "almaty.sec", session.id, "2026-05-01", "750000000", "XXXV сессия өтті, 28 сәуір", &[pdf], NOW).await.unwrap();
        let reports = plans::reports(&store, session.id).await.unwrap();
        assert_eq!(reports.len(), 1);
        assert_eq!(reports[0].files[0].name, "хаттама.pdf");
        let (meta, region, bytes) = plans::file(&store, reports[0].files[0].id).await.unwrap();
        assert_eq!((meta.size, region.as_str(), bytes.as_slice()), (16, "750000000", b"%PDF-1.7 minutes".as_slice()));
        // Filed again: the text is replaced, the old one kept by the audit.
        assert_eq!(plans::file_report(&store, "almaty.sec", session.id, "2026-05-01", "750000000", "XXXV сессия өтті", &[], NOW).await.unwrap(), id);
        assert_eq!(plans::reports(&store, session.id).await.unwrap()[0].text, "XXXV сессия өтті");
        assert!(matches!(audit::verify(&store).await.unwrap(), audit::Verdict::Intact { .. }));

        // The execution of 2026 on 10 May: item 2 reported for Almaty, not for Astana.
        let almaty = plans::execution(&store, "concept-2022-2026", 2026, Some("750000000"), date!(2026 - 05 - 10)).await.unwrap();
        let row = almaty.rows.iter().find(|r| r.item.code == "2").unwrap();
        assert_eq!((row.due[0].state.as_str(), row.due[0].reports), ("reported", 1));
        let astana = plans::execution(&store, "concept-2022-2026", 2026, Some("710000000"), date!(2026 - 05 - 10)).await.unwrap();
        assert_eq!(astana.rows.iter().find(|r| r.item.code == "2").unwrap().due[0].state, "overdue");
        // «жылына 1 рет, I тоқсан» fell due on 31 March; the rest of the year is still due.
        let youth = astana.rows.iter().find(|r| r.item.code == "11.4").unwrap();
        assert_eq!(youth.due[0].state, "overdue");
        assert!(astana.due > 0 && astana.overdue > 0 && almaty.reported == 1);
        assert!(almaty.executed_percent.unwrap() > astana.executed_percent.unwrap_or(0.0));
    })
    .await;
}

#[tokio::test]
async fn a_regional_assembly_makes_its_own_plan_and_the_printed_ones_stay_as_printed() {
    each_backend("plans_regional", |store| async move {
        let bad = plans::create_plan(&store, "almaty.sec", &plans::PlanInput { title: " ".into(), from_year: 2027, to_year: 2026, region: Some("999".into()) }).await.unwrap_err();
        assert_eq!(fields(bad), vec!["title:err-required", "to_year:err-out-of-range", "region:err-unknown-region"]);
        let code = plans::create_plan(&store, "almaty.sec", &plans::PlanInput { title: "План мероприятий ассамблеи города Алматы на 2027-2028 годы".into(), from_year: 2027, to_year: 2028, region: Some("750000000".into()) }).await.unwrap();
        assert_eq!(code, "plan-750000000-2027-1");
        let plan = plans::get(&store, &code).await.unwrap();
        assert_eq!((plan.region.as_deref(), plan.is_reference()), (Some("750000000"), false));
        plans::add_direction(&store, "almaty.sec", &code, "1", "Единство и согласие").await.unwrap();
        assert_eq!(fields(plans::add_direction(&store, "almaty.sec", &code, "1", "Другое").await.unwrap_err()), vec!["code:err-code-taken"]);
        let item = |code: &str, term: &str| plans::ItemInput { direction: "1".into(), code: code.into(), title: "Фестиваль «Достық»".into(), completion_form: "информация".into(), term: term.into(), responsible: "Управление общественного развития".into(), co_responsible: vec!["Дом дружбы".into()] };
        // A term that says nothing of when is refused; a sub-item of a missing item too.
        assert_eq!(fields(plans::add_item(&store, "almaty.sec", &code, &item("1", "как получится")).await.unwrap_err()), vec!["term:err-periodicity-unknown"]);
        assert_eq!(fields(plans::add_item(&store, "almaty.sec", &code, &item("2.1", "ежегодно")).await.unwrap_err()), vec!["code:err-no-such-item"]);
        let one = plans::add_item(&store, "almaty.sec", &code, &item("1", "ежегодно, до 1 мая")).await.unwrap();
        let sub = plans::add_item(&store, "almaty.sec", &code, &item("1.1", "")).await.unwrap();
        let sub = plans::item(&store, sub).await.unwrap();
        assert_eq!(sub.schedule_term.as_deref(), Some("ежегодно, до 1 мая"), "a sub-item falls due with its item");
        assert_eq!(plans::due_dates(&plan, &plans::item(&store, one).await.unwrap(), 2027), vec![date!(2027 - 05 - 01)]);
        // Its reports are its region's only.
        let e = plans::file_report(&store, "astana.sec", one, "2027-05-01", "710000000", "Проведено", &[], NOW).await.unwrap_err();
        assert_eq!(fields(e), vec!["region:err-region-of-plan"]);
        plans::file_report(&store, "almaty.sec", one, "2027-05-01", "750000000", "Проведено", &[], NOW).await.unwrap();
        // The plans as printed are not edited.
        let e = plans::add_direction(&store, "admin", "concept-2022-2026", "4", "Новое").await.unwrap_err();
        assert_eq!(fields(e), vec!["plan:err-reference-plan"]);
    })
    .await;
}
