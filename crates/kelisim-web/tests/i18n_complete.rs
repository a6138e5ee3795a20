//! Every UI string exists in Kazakh, Russian and English: a key missing in
//! one language, or used by a template or handler without being defined,
//! fails here.

use std::collections::BTreeSet;

use kelisim_web::i18n::{self, Lang};

fn keys(lang: Lang) -> BTreeSet<String> {
    i18n::get().keys(lang).into_iter().collect()
}

#[test]
fn the_three_languages_have_the_same_keys() {
    let kk = keys(Lang::Kk);
    for lang in [Lang::Ru, Lang::En] {
        let other = keys(lang);
        let missing: Vec<_> = kk.difference(&other).collect();
        let extra: Vec<_> = other.difference(&kk).collect();
        assert!(missing.is_empty(), "missing in {}: {missing:?}", lang.code());
        assert!(extra.is_empty(), "in {} but not in kk: {extra:?}", lang.code());
    }
    assert!(kk.len() > 150);
}

/// Literal keys in `t("…")`, `ctx.t("…")`, `ta("…"` calls and reason keys (`"err-…"`).
fn used_keys() -> BTreeSet<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let core = root.join("../kelisim-core/src");
    let store = root.join("../kelisim-store/src");
    let mut files = vec![];
    for dir in [root.join("templates"), root.join("src"), root.join("src/pages"), root.join("src/api"), root.join("src/centre"), core.join("monitoring"), store.join("monitoring"), core.clone(), store] {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let p = entry.unwrap().path();
            if p.is_file() {
                files.push(p);
            }
        }
    }
    let mut out = BTreeSet::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        for pat in [".t(\"", ".ta(\""] {
            for part in text.split(pat).skip(1) {
                let key = part.split('"').next().unwrap_or("");
                if !key.is_empty() && key.chars().all(|c| c.is_ascii_lowercase() || c == '-') {
                    out.insert(key.to_string());
                }
            }
        }
        for part in text.split("\"err-").skip(1) {
            let key = part.split('"').next().unwrap_or("");
            if key.chars().all(|c| c.is_ascii_lowercase() || c == '-') && !key.is_empty() && !key.ends_with('-') {
                out.insert(format!("err-{key}"));
            }
        }
    }
    out
}

/// Keys built at run time: `status-…`, `role-…`, `membership-…`, and so on.
fn dynamic_keys() -> Vec<String> {
    let mut out = vec![];
    for s in kelisim_core::organisation::STATUSES {
        out.push(format!("status-{s}"));
    }
    for r in kelisim_core::Role::ALL {
        out.push(format!("role-{}", r.slug()));
    }
    for r in kelisim_core::person::PERSON_ROLES {
        out.push(format!("person-role-{r}"));
    }
    for a in kelisim_store::organisations::ACCREDITATION_STATUSES {
        out.push(format!("accreditation-{a}"));
    }
    use kelisim_core::monitoring::{alert::AlertKind, incident, risk};
    for l in incident::EscalationLevel::ALL {
        out.push(l.key());
    }
    for l in risk::RiskLevel::ALL {
        out.push(format!("risk-{}", l.slug()));
    }
    for f in risk::Factor::ALL {
        out.push(format!("factor-{}", f.slug().replace('_', "-")));
    }
    for (list, values) in [("category", incident::CATEGORIES), ("source", incident::SOURCES), ("verification", incident::VERIFICATION), ("stage", incident::STAGES), ("action", incident::ACTION_KINDS)] {
        for v in values {
            out.push(format!("{list}-{}", v.replace('_', "-")));
        }
    }
    for k in AlertKind::ALL {
        out.push(format!("alert-{}", k.slug()));
        out.push(format!("alert-kind-{}", k.slug()));
    }
    for (list, values) in [("alert-status", &["open", "acknowledged"][..]), ("channel", &["in-app", "email", "webhook"][..]), ("delivery", &["pending", "retrying", "sent", "failed"][..]), ("attitude", &["negative", "neutral", "positive"][..])] {
        for v in values {
            out.push(format!("{list}-{v}"));
        }
    }
    for m in ["nominated", "council_reviewed", "member", "rejected", "removed", "exited"] {
        out.push(format!("membership-{m}"));
    }
    for s in ["nominate", "council_review", "chairman_approve", "chairman_reject", "chairman_appoint", "remove", "voluntary_exit"] {
        out.push(format!("step-{s}"));
    }
    for e in kelisim_core::membership::MembershipError::ALL {
        out.push(e.to_string());
    }
    out
}

#[test]
fn every_key_used_is_defined_in_every_language() {
    let mut used = used_keys();
    used.extend(dynamic_keys());
    assert!(used.contains("nav-registry") && used.contains("err-required"), "the scan finds keys");
    for lang in Lang::ALL {
        let defined = keys(lang);
        let missing: Vec<_> = used.iter().filter(|k| !defined.contains(*k)).collect();
        assert!(missing.is_empty(), "used but not defined in {}: {missing:?}", lang.code());
    }
}

#[test]
fn translations_differ_and_kazakh_uses_the_glossary() {
    assert_eq!(i18n::t(Lang::Kk, "nav-registry"), "Тізілім");
    assert_eq!(i18n::t(Lang::Ru, "nav-registry"), "Реестр");
    assert_eq!(i18n::t(Lang::En, "nav-registry"), "Register");
    assert_eq!(i18n::get().t_args(Lang::Ru, "found-n", &[("n", "12".into())]), "Найдено: 12");
}
