//! What a regional secretariat and the Secretariat do on the pages: forms that
//! explain what is wrong, the accreditation history, and the membership
//! procedure of the Regulation (seed 004, §4 p.14-15), each step with date and actor.

mod common;

use common::{apps, Client};
use kelisim_store::users;

const TOTP: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

fn accounts(app: &common::TestApp) {
    let s = app.store.clone();
    app.block_on(async move {
        users::create(&s, "setup", &users::NewUser { login: "almaty", role: "regional_admin", region: Some("750000000"), organisation_id: None, password: "password-123456" }).await.unwrap();
        users::create(&s, "setup", &users::NewUser { login: "chief", role: "admin", region: None, organisation_id: None, password: "password-123456" }).await.unwrap();
        let chief = users::find_by_login(&s, "chief").await.unwrap().unwrap();
        users::set_totp(&s, "setup", chief.id, Some(TOTP), true).await.unwrap();
    });
}

fn location_id(r: &common::Resp, prefix: &str) -> i64 {
    r.header("location").and_then(|l| l.strip_prefix(prefix)).and_then(|l| l.split(['#', '/']).next()).and_then(|l| l.parse().ok()).unwrap_or_else(|| panic!("no id in {:?}", r.header("location")))
}

#[test]
fn a_form_with_mistakes_says_which_field_and_why_and_writes_nothing() {
    for app in apps("pages_form") {
        accounts(&app);
        let mut c = Client::new(&app.base);
        c.sign_in("almaty", "password-123456", None);
        let csrf = Client::csrf_of(&c.get("/registry/new").body);
        let fields = [("csrf", csrf.as_str()), ("org_type", "ethnocultural_association"), ("region", "750000000"), ("name_kk", "Тәжік орталығы"), ("name_ru", ""), ("email", "no-at-sign"), ("lat", "abc"), ("status", "active")];
        let r = c.post_form("/registry/new", &fields);
        assert_eq!(r.status, 422);
        for message in ["E-mail мекенжайы дұрыс емес.", "Міндетті өріс.", "Сан емес.", "Этномәдени бірлестік кемінде бір этносты білдіреді."] {
            assert!(r.body.contains(message), "{message}");
        }
        assert!(r.body.contains("value=\"Тәжік орталығы\""), "what was typed is kept");
        assert!(c.get("/registry").body.contains("Табылды: 0"));
        // Another region is refused outright.
        let other = [("csrf", csrf.as_str()), ("org_type", "house_of_friendship"), ("region", "710000000"), ("name_kk", "Д"), ("name_ru", "Д"), ("status", "active")];
        assert_eq!(c.post_form("/registry/new", &other).status, 403);
        let good = [("csrf", csrf.as_str()), ("org_type", "ethnocultural_association"), ("region", "750000000"), ("name_kk", "Тәжік орталығы"), ("name_ru", "Таджикский центр"), ("status", "active"), ("ethnic_groups", "tajik"), ("languages", "tg")];
        let r = c.post_form("/registry/new", &good);
        assert_eq!(r.status, 303);
        let id = location_id(&r, "/registry/");
        let card = c.get(&format!("/registry/{id}"));
        assert!(card.body.contains("Таджикский центр") && card.body.contains("тәжіктер"));
    }
}

#[test]
fn accreditation_history_records_each_decision_with_its_ground() {
    for app in apps("pages_accreditation") {
        accounts(&app);
        let mut c = Client::new(&app.base);
        c.sign_in("almaty", "password-123456", None);
        let csrf = Client::csrf_of(&c.get("/registry/new").body);
        let r = c.post_form("/registry/new", &[("csrf", &csrf), ("org_type", "ethnocultural_association"), ("region", "750000000"), ("name_kk", "Б"), ("name_ru", "Б"), ("status", "active"), ("ethnic_groups", "greek")]);
        let id = location_id(&r, "/registry/");
        let path = format!("/registry/{id}/accreditations");
        let r = c.post_form(&path, &[("csrf", &csrf), ("decided_on", "2025-05-20"), ("status", "not_accredited"), ("reason", "")]);
        assert_eq!(r.status, 422, "a refusal needs its ground");
        assert!(r.body.contains("Міндетті өріс."));
        assert_eq!(c.post_form(&path, &[("csrf", &csrf), ("decided_on", "2022-06-15"), ("status", "accredited"), ("reason", "")]).status, 303);
        assert_eq!(c.post_form(&path, &[("csrf", &csrf), ("decided_on", "2025-05-20"), ("status", "suspended"), ("reason", "Нет отчёта")]).status, 303);
        let card = c.get(&format!("/registry/{id}"));
        let newest = card.body.find("2025-05-20").unwrap();
        let oldest = card.body.find("2022-06-15").unwrap();
        assert!(newest < oldest, "newest first");
        assert!(card.body.contains("Нет отчёта") && card.body.contains("almaty"));
    }
}

#[test]
fn regulation_p14_p15_membership_procedure_on_the_person_card() {
    for app in apps("pages_membership") {
        accounts(&app);
        let mut region = Client::new(&app.base);
        region.sign_in("almaty", "password-123456", None);
        let csrf = Client::csrf_of(&region.get("/people/new").body);
        let r = region.post_form("/people/new", &[("csrf", &csrf), ("full_name", "Ким Виктор"), ("region", "750000000")]);
        assert_eq!(r.status, 303);
        let person = location_id(&r, "/people/");
        let r = region.post_form("/registry/new", &[("csrf", &csrf), ("org_type", "ethnocultural_association"), ("region", "750000000"), ("name_kk", "К"), ("name_ru", "К"), ("status", "active"), ("ethnic_groups", "korean")]);
        let org = location_id(&r, "/registry/").to_string();
        let step = |c: &mut Client, csrf: &str, fields: &[(&str, &str)]| {
            let mut all = vec![("csrf", csrf)];
            all.extend_from_slice(fields);
            c.post_form(&format!("/people/{person}/membership"), &all)
        };
        // p.14: nomination by the session of the regional assembly, citing its decision.
        let r = step(&mut region, &csrf, &[("step", "nominate"), ("on_date", "2025-02-15"), ("body", "regional_assembly_session"), ("organisation_id", &org), ("decision", "")]);
        assert_eq!(r.status, 422, "the decision must be cited");
        assert_eq!(step(&mut region, &csrf, &[("step", "nominate"), ("on_date", "2025-02-15"), ("body", "regional_assembly_session"), ("organisation_id", &org), ("decision", "№ 4 от 15.02.2025")]).status, 303);
        // The Council's review and the Chairman's approval are not the region's to record.
        assert_eq!(step(&mut region, &csrf, &[("step", "council_review"), ("on_date", "2025-03-01")]).status, 403);

        let mut chief = Client::new(&app.base);
        chief.sign_in("chief", "password-123456", Some(TOTP));
        let ccsrf = Client::csrf_of(&chief.get(&format!("/people/{person}")).body);
        let r = step(&mut chief, &ccsrf, &[("step", "chairman_approve"), ("on_date", "2025-03-01")]);
        assert_eq!(r.status, 422, "the Chairman approves only after the Council's review");
        assert!(r.body.contains("Ереже, 4-бөлім"));
        let r = step(&mut chief, &ccsrf, &[("step", "council_review"), ("on_date", "2025-02-01"), ("recommended", "yes")]);
        assert_eq!(r.status, 422, "a step cannot be dated before the previous one");
        assert_eq!(step(&mut chief, &ccsrf, &[("step", "council_review"), ("on_date", "2025-03-20"), ("recommended", "yes")]).status, 303);
        assert_eq!(step(&mut chief, &ccsrf, &[("step", "chairman_approve"), ("on_date", "2025-04-10")]).status, 303);
        // p.15: removal on "other grounds" must state them.
        assert_eq!(step(&mut chief, &ccsrf, &[("step", "remove"), ("on_date", "2025-10-01"), ("ground", "other"), ("note", "")]).status, 422);
        let card = chief.get(&format!("/people/{person}"));
        assert!(card.body.contains("id=\"membership-state\">Ассамблея мүшесі"));
        for (date, actor) in [("2025-02-15", "almaty"), ("2025-03-20", "chief"), ("2025-04-10", "chief")] {
            assert!(card.body.contains(date) && card.body.contains(actor), "{date} by {actor}");
        }
        // The region's list shows the file.
        assert!(region.get("/membership").body.contains("Ким Виктор"));
    }
}
