//! `kelisim demo`: a deterministic demonstration register at the scale of
//! SPEC §2 — the republican Assembly, 20 regional assemblies and a district
//! assembly per district, ~1,000 ethnocultural associations spread over the
//! regions by population and compact settlement, 36 houses of friendship,
//! 21 mediation centres and 21 councils, 1,263 councils of elders, 1,697
//! councils of mothers, expert groups, Assembly chairs, journalists' clubs,
//! creative teams, 4 ethnic theatres, media outlets in 11 languages, Sunday
//! schools, friendship ambassadors; their leaders and mediators; the 2022 and
//! 2025 accreditation of associations; Assembly membership files; and one
//! account per role. Every generated record carries `is_demo` and the UI
//! marks it.
//!
//! Everything is written in one transaction: a demo is loaded whole or not at
//! all. A second start finds `demo_loaded` and reuses the data.

pub mod centre;
pub mod field;
pub mod governance;
mod names;
pub mod rng;

use anyhow::Context;
use kelisim_core::membership::{next_membership_state, MembershipState, MembershipStep, NominatingBody, RemovalGround};
use kelisim_core::organisation::{validate_organisation, OrganisationInput, ReferenceSet};
use kelisim_core::person::{PersonInput, PersonRoleInput};
use kelisim_core::reference::{districts, District, ETHNIC_GROUPS, REGIONS};
use kelisim_core::OrgType;
use kelisim_store::organisations::AccreditationInput;
use kelisim_store::{membership, organisations, people, settings, users, Store, WriteTx};

use names::{centre, person_names, regional_boost, GROUP_FORMS, TITLES};
use rng::{allocate, Rng};

/// A demo account, printed at start.
pub struct DemoAccount {
    pub role: &'static str,
    pub login: &'static str,
    pub password: &'static str,
    pub note: String,
}

/// The admin's TOTP secret in the demo (admins must use a second factor).
pub const ADMIN_TOTP_SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
/// The region of the demo's regional accounts: the city of Almaty.
pub const DEMO_REGION: &str = "750000000";

pub fn accounts() -> Vec<DemoAccount> {
    let plain = |role, login, password| DemoAccount { role, login, password, note: String::new() };
    vec![
        DemoAccount {
            role: "admin",
            login: "admin",
            password: "demo-admin-2026",
            note: format!("  TOTP secret {ADMIN_TOTP_SECRET} (or: kelisim user totp-code --login admin)"),
        },
        plain("regional_admin", "almaty.secretariat", "demo-region-2026"),
        plain("analyst", "analyst", "demo-analyst-2026"),
        plain("mediator", "mediator", "demo-mediator-2026"),
        plain("org_editor", "org.editor", "demo-editor-2026"),
        plain("responder", "responder", "demo-responder-2026"),
        plain("citizen", "citizen", "demo-citizen-2026"),
    ]
}

/// Loads the demo on first start; returns the accounts to print.
pub async fn ensure_loaded(store: &Store) -> anyhow::Result<Vec<DemoAccount>> {
    if settings::get(store, "demo_loaded").await?.is_some() {
        println!("Demo data already loaded: reusing it.");
        return Ok(accounts());
    }
    println!("Loading the demo data (first start)...");
    let started = std::time::Instant::now();
    let summary = generate(store).await.context("generating the demo data")?;
    for a in accounts() {
        let region = matches!(a.role, "regional_admin" | "responder" | "mediator").then_some(DEMO_REGION);
        let organisation = (a.role == "org_editor").then_some(summary.editor_organisation);
        let new = users::NewUser { login: a.login, role: a.role, region, organisation_id: organisation, password: a.password };
        users::create(store, "demo", &new).await.with_context(|| format!("creating demo user {}", a.login))?;
    }
    let admin = users::find_by_login(store, "admin").await?.context("demo admin")?;
    users::set_totp(store, "demo", admin.id, Some(ADMIN_TOTP_SECRET), true).await?;
    let documents = centre::documents_wanted()?;
    println!("Replaying a year of the information field ({documents} documents), incidents and alerts...");
    let field_started = std::time::Instant::now();
    let c = centre::load(store, documents).await.context("generating the demo's monitoring year")?;
    println!(
        "Monitoring year loaded in {:.1} s: {} documents, {} incidents, {} spikes, {} campaigns, {} alerts.",
        field_started.elapsed().as_secs_f64(),
        c.documents,
        c.incidents,
        c.spikes,
        c.campaigns,
        c.alerts
    );
    let g = governance::load(store).await.context("generating the demo's governance")?;
    println!("Governance: the assembly of Almaty city with {} sessions, {} assignments on control and {} reports on the action plan.", g.sessions, g.assignments, g.plan_reports);
    let mut tx = store.begin_write("demo").await?;
    settings::set(&mut tx, "demo_loaded", &kelisim_store::now_utc()).await?;
    tx.commit().await?;
    println!(
        "Demo data loaded in {:.1} s: {} organisations, {} people, {} membership files.",
        started.elapsed().as_secs_f64(),
        summary.organisations,
        summary.people,
        summary.memberships
    );
    Ok(accounts())
}

pub struct Summary {
    pub organisations: usize,
    pub people: usize,
    pub memberships: usize,
    /// The association whose leader is the demo's org editor.
    pub editor_organisation: i64,
}

struct Gen {
    rng: Rng,
    tx: WriteTx,
    refs: ReferenceSet,
    today: String,
    organisations: usize,
    people: usize,
}

fn title(rng: &mut Rng) -> (&'static str, &'static str) {
    *rng.pick(TITLES)
}

impl Gen {
    /// Validates (the generator must make valid data) and inserts.
    async fn org(&mut self, input: OrganisationInput) -> anyhow::Result<i64> {
        let errs = validate_organisation(&input, &self.refs, &self.today);
        anyhow::ensure!(errs.is_empty(), "demo generated an invalid organisation {}: {errs}", input.name_ru);
        self.organisations += 1;
        Ok(organisations::insert(&mut self.tx, &input, true).await?)
    }

    fn date_between(&mut self, from_year: i32, to_year: i32) -> String {
        let year = from_year + self.rng.below((to_year - from_year + 1) as usize) as i32;
        format!("{year}-{:02}-{:02}", 1 + self.rng.below(12), 1 + self.rng.below(28))
    }

    fn place(&mut self, region: &str) -> (f64, f64) {
        let (lat, lon) = centre(region);
        let spread = if matches!(&region[..2], "71" | "75" | "79") { 0.08 } else { 0.9 };
        (((lat + (self.rng.unit() - 0.5) * spread) * 1000.0).round() / 1000.0, ((lon + (self.rng.unit() - 0.5) * spread * 1.5) * 1000.0).round() / 1000.0)
    }

    /// An organisation of the given type in a region (and district), under a parent.
    #[allow(clippy::too_many_arguments)]
    async fn structure(
        &mut self,
        kind: OrgType,
        parent: Option<i64>,
        region: &str,
        district: Option<&District>,
        names: (String, String, String),
        groups: Vec<String>,
        languages: Vec<String>,
        members: Option<(i64, usize)>,
    ) -> anyhow::Result<i64> {
        let members = members.map(|(base, spread)| base + self.rng.below(spread) as i64);
        let (lat, lon) = self.place(region);
        let founded = self.date_between(1995, 2024);
        let n = self.organisations;
        let input = OrganisationInput {
            org_type: kind.slug().to_string(),
            parent_id: parent,
            region: Some(region.to_string()),
            district: district.map(|d| d.kato.clone()),
            name_kk: names.0,
            name_ru: names.1,
            name_en: names.2,
            phone: Some(format!("+7 7{:02} {:03} {:04}", 10 + n % 80, 100 + (n * 7) % 900, 1000 + (n * 13) % 9000)),
            email: Some(format!("demo{n}@kelisim.example")),
            website: None,
            address: Some(format!("{}, demo street {}", REGIONS.iter().find(|r| r.kato == region).map(|r| r.centre_en).unwrap_or(""), 1 + n % 120)),
            lat: Some(lat),
            lon: Some(lon),
            founded_on: Some(founded),
            status: if self.rng.below(60) == 0 { "suspended".into() } else { "active".into() },
            member_count: members,
            ethnic_groups: groups,
            languages,
        };
        self.org(input).await
    }

    async fn person(&mut self, group: &str, region: &str, position: &str) -> anyhow::Result<i64> {
        let (surnames, male, female) = person_names(group);
        let female_name = self.rng.below(2) == 0;
        let mut surname = self.rng.pick(surnames).to_string();
        let first = if female_name { self.rng.pick(female) } else { self.rng.pick(male) };
        if female_name && (surname.ends_with("ов") || surname.ends_with("ев") || surname.ends_with("ин")) {
            surname.push('а');
        }
        let input = PersonInput {
            full_name: format!("{surname} {first}"),
            region: Some(region.to_string()),
            email: None,
            phone: Some(format!("+7 70{} {:03} {:04}", self.rng.below(10), self.rng.below(1000), self.rng.below(10000))),
            position: Some(position.to_string()),
        };
        self.people += 1;
        Ok(people::insert(&mut self.tx, &input, true).await?)
    }

    async fn role(&mut self, person: i64, org: i64, role: &str, since: String) -> anyhow::Result<()> {
        people::insert_role(&mut self.tx, person, &PersonRoleInput { organisation_id: org, role: role.into(), started_on: since, ended_on: None }).await?;
        Ok(())
    }
}

fn group_weight(slug: &str, region: &str) -> f64 {
    let share = ETHNIC_GROUPS.iter().find(|g| g.slug == slug).and_then(|g| g.census_share).unwrap_or(0.05);
    let base = if slug == "kazakh" { 0.4 } else { share.sqrt() };
    base * regional_boost(slug, region)
}

/// Generates the register inside one transaction.
pub async fn generate(store: &Store) -> anyhow::Result<Summary> {
    let refs = kelisim_store::reference::reference_set(store).await?;
    let tx = store.begin_write("demo").await?;
    let mut g = Gen { rng: Rng::new(20_25_12_29), tx, refs, today: kelisim_store::today_utc(), organisations: 0, people: 0 };
    let all_districts = districts::all();
    let weights: Vec<f64> = REGIONS.iter().map(|r| r.population as f64).collect();
    let per_region = |total: usize| allocate(total, &weights);
    let associations = allocate(1000, &REGIONS.iter().map(|r| (r.population as f64).powf(0.7)).collect::<Vec<_>>());
    let elders = per_region(1263);
    let mothers = per_region(1697);
    let creative = per_region(172);
    let labour = per_region(64);
    let students = per_region(48);
    let sunday = per_region(110);
    let chairs = per_region(42);
    let houses_extra = per_region(16);
    let ambassadors = per_region(14);

    let republic = g
        .org(OrganisationInput {
            org_type: "republican_assembly".into(),
            name_kk: "Қазақстан халқы Ассамблеясы".into(),
            name_ru: "Ассамблея народа Казахстана".into(),
            name_en: "Assembly of People of Kazakhstan".into(),
            region: Some("710000000".into()),
            status: "active".into(),
            founded_on: Some("1995-03-01".into()),
            ..Default::default()
        })
        .await?;
    let republican_mediation = g
        .structure(OrgType::MediationCouncil, Some(republic), "710000000", None, ("ҚХА Республикалық медиация кеңесі".into(), "Республиканский совет медиации АНК".into(), "Republican Mediation Council of the APK".into()), vec![], vec![], None)
        .await?;
    g.structure(OrgType::MediationCentre, Some(republic), "710000000", None, ("ҚХА Республикалық медиация орталығы".into(), "Республиканский центр медиации АНК".into(), "Republican Mediation Centre of the APK".into()), vec![], vec![], None)
        .await?;
    let _ = republican_mediation;
    let mut editor_organisation = 0;
    let mut leaders: Vec<(i64, String, i64)> = Vec::new();
    let media_languages = ["kk", "ru", "uz", "ug", "ko", "de", "uk", "tt", "az", "tr", "dng"];

    for (ri, region) in REGIONS.iter().enumerate() {
        let kato = region.kato;
        let rkk = region.name_kk;
        let rru = region.name_ru;
        let ren = region.name_en;
        let ds: Vec<&District> = all_districts.iter().filter(|d| d.region_kato == kato).collect();
        let assembly = g
            .structure(OrgType::RegionalAssembly, Some(republic), kato, None, (format!("{rkk} ҚХА"), format!("Ассамблея народа Казахстана — {rru}"), format!("Assembly of People of Kazakhstan — {ren}")), vec![], vec![], None)
            .await?;
        let secretary = g.person("kazakh", kato, "Заведующий секретариатом").await?;
        g.role(secretary, assembly, "leader", "2023-01-10".into()).await?;
        for d in &ds {
            g.structure(OrgType::DistrictAssembly, Some(assembly), kato, Some(d), (format!("{} ҚХА", d.name_kk), format!("Районная ассамблея — {}", d.name_ru), format!("District assembly — {}", d.name_en)), vec![], vec![], None)
                .await?;
        }
        let houses = 1 + houses_extra[ri];
        let mut house_ids = Vec::new();
        for h in 0..houses {
            let suffix = if h == 0 { String::new() } else { format!(" № {}", h + 1) };
            let id = g
                .structure(OrgType::HouseOfFriendship, Some(assembly), kato, None, (format!("Достық үйі — {rkk}{suffix}"), format!("Дом дружбы — {rru}{suffix}"), format!("House of Friendship — {ren}{suffix}")), vec![], vec![], None)
                .await?;
            house_ids.push(id);
        }
        let centre_id = g
            .structure(OrgType::MediationCentre, Some(assembly), kato, None, (format!("Медиация орталығы — {rkk}"), format!("Центр медиации — {rru}"), format!("Mediation centre — {ren}")), vec![], vec![], None)
            .await?;
        for m in 0..(3 + g.rng.below(5)) {
            let p = g.person(if m % 2 == 0 { "kazakh" } else { "russian" }, kato, "Медиатор").await?;
            let since = g.date_between(2018, 2025);
            g.role(p, centre_id, "mediator", since).await?;
        }
        g.structure(OrgType::MediationCouncil, Some(assembly), kato, None, (format!("Медиация кеңесі — {rkk}"), format!("Совет медиации — {rru}"), format!("Mediation council — {ren}")), vec![], vec![], None).await?;
        g.structure(OrgType::ExpertGroup, Some(assembly), kato, None, (format!("Ғылыми-сарапшылық топ — {rkk}"), format!("Научно-экспертная группа — {rru}"), format!("Scientific-expert group — {ren}")), vec![], vec![], Some((10, 15))).await?;
        g.structure(OrgType::JournalistsClub, Some(assembly), kato, None, (format!("Журналистер клубы — {rkk}"), format!("Клуб журналистов — {rru}"), format!("Journalists' club — {ren}")), vec![], vec![], Some((12, 20))).await?;
        g.structure(OrgType::YouthWing, Some(assembly), kato, None, (format!("«Ассамблея жастары» — {rkk}"), format!("«Ассамблея жастары» — {rru}"), format!("Assembly Zhastary — {ren}")), vec![], vec![], Some((300, 400))).await?;
        g.structure(OrgType::CharityCentre, Some(assembly), kato, None, (format!("«Жомарт жан» — {rkk}"), format!("«Жомарт жан» — {rru}"), format!("Zhomart zhan — {ren}")), vec![], vec![], Some((200, 600))).await?;
        for (kind, count) in [(OrgType::LabourAssembly, labour[ri]), (OrgType::StudentAssembly, students[ri])] {
            for i in 0..count {
                let (t, tl) = title(&mut g.rng);
                let (kk, ru, en) = match kind {
                    OrgType::LabourAssembly => (format!("«{t}» еңбек ассамблеясы № {}", i + 1), format!("Трудовая ассамблея «{t}» № {}", i + 1), format!("Labour assembly “{tl}” No. {}", i + 1)),
                    _ => (format!("«{t}» студенттік ассамблеясы № {}", i + 1), format!("Студенческая ассамблея «{t}» № {}", i + 1), format!("Student assembly “{tl}” No. {}", i + 1)),
                };
                g.structure(kind, Some(assembly), kato, None, (kk, ru, en), vec![], vec![], Some((20, 200))).await?;
            }
        }
        for i in 0..chairs[ri] {
            g.structure(OrgType::AssemblyChair, Some(assembly), kato, None, (format!("ҚХА кафедрасы № {} — {rkk}", i + 1), format!("Кафедра Ассамблеи № {} — {rru}", i + 1), format!("Assembly chair No. {} — {ren}", i + 1)), vec![], vec![], None).await?;
        }
        // Councils of elders and of mothers, spread over the districts.
        for (kind, count) in [(OrgType::EldersCouncil, elders[ri]), (OrgType::MothersCouncil, mothers[ri])] {
            for i in 0..count {
                let d = ds[i % ds.len()];
                let n = i / ds.len() + 1;
                let (kk, ru, en) = match kind {
                    OrgType::EldersCouncil => (format!("Ақсақалдар кеңесі — {}, № {n}", d.name_kk), format!("Совет аксакалов — {}, № {n}", d.name_ru), format!("Council of Elders — {}, No. {n}", d.name_en)),
                    _ => (format!("Аналар кеңесі — {}, № {n}", d.name_kk), format!("Совет матерей — {}, № {n}", d.name_ru), format!("Council of Mothers — {}, No. {n}", d.name_en)),
                };
                let members = Some((5, 9));
                g.structure(kind, Some(assembly), kato, Some(d), (kk, ru, en), vec![], vec![], members).await?;
            }
        }
        // Ethnocultural associations: groups drawn by national weight and compact settlement.
        let forms: Vec<f64> = GROUP_FORMS.iter().map(|(slug, ..)| group_weight(slug, kato)).collect();
        let mut region_associations = Vec::new();
        for _ in 0..associations[ri] {
            let gi = g.rng.weighted(&forms);
            let (slug, adj_ru, attr_kk, adj_en, lang) = GROUP_FORMS[gi];
            let (t, tl) = title(&mut g.rng);
            let district = if g.rng.below(2) == 0 { Some(ds[g.rng.below(ds.len())]) } else { None };
            let parent = house_ids[g.rng.below(house_ids.len())];
            let id = g
                .structure(
                    OrgType::EthnoculturalAssociation,
                    Some(parent),
                    kato,
                    district,
                    (format!("«{t}» {attr_kk} этномәдени орталығы"), format!("{adj_ru} этнокультурный центр «{t}»"), format!("{adj_en} Ethnocultural Centre “{tl}”")),
                    vec![slug.to_string()],
                    lang.map(|l| vec![l.to_string()]).unwrap_or_default(),
                    Some((15, 400)),
                )
                .await?;
            let leader = g.person(slug, kato, "Председатель").await?;
            let since = g.date_between(2010, 2024);
            g.role(leader, id, "leader", since).await?;
            if kato == DEMO_REGION && editor_organisation == 0 {
                editor_organisation = id;
            }
            leaders.push((leader, kato.to_string(), id));
            // Public accreditation of 2022 and 2025.
            let first = AccreditationInput { decided_on: "2022-06-15".into(), status: "accredited".into(), reason: "Общественная аккредитация 2022 года".into() };
            organisations::insert_accreditation(&mut g.tx, id, &first).await?;
            let second = match g.rng.below(20) {
                0 => AccreditationInput { decided_on: "2025-05-20".into(), status: "not_accredited".into(), reason: "Не представлен отчёт о деятельности за 2023-2024 годы".into() },
                1 => AccreditationInput { decided_on: "2025-05-20".into(), status: "suspended".into(), reason: "Деятельность приостановлена до перевыборов руководителя".into() },
                _ => AccreditationInput { decided_on: "2025-05-20".into(), status: "accredited".into(), reason: "Общественная аккредитация 2025 года".into() },
            };
            organisations::insert_accreditation(&mut g.tx, id, &second).await?;
            region_associations.push((id, slug, adj_ru, attr_kk, adj_en, lang));
        }
        // Sunday schools and creative teams under associations.
        for i in 0..sunday[ri].min(region_associations.len()) {
            let (parent, slug, adj_ru, attr_kk, adj_en, lang) = region_associations[(i * 7) % region_associations.len()];
            let langs = lang.map(|l| vec![l.to_string()]).unwrap_or_default();
            g.structure(OrgType::SundaySchool, Some(parent), kato, None, (format!("{attr_kk} жексенбілік мектебі № {}", i + 1), format!("{adj_ru} воскресная школа № {}", i + 1).replace("ий воскресная", "ая воскресная"), format!("{adj_en} Sunday school No. {}", i + 1)), vec![slug.to_string()], langs, Some((10, 60)))
                .await?;
        }
        for i in 0..creative[ri].min(region_associations.len()) {
            let (parent, slug, _, attr_kk, adj_en, _) = region_associations[(i * 3 + 1) % region_associations.len()];
            let (t, tl) = title(&mut g.rng);
            g.structure(OrgType::CreativeTeam, Some(parent), kato, None, (format!("«{t}» {attr_kk} ансамблі"), format!("Творческий коллектив «{t}»"), format!("{adj_en} ensemble “{tl}”")), vec![slug.to_string()], vec![], Some((8, 30)))
                .await?;
        }
        for i in 0..ambassadors[ri] {
            g.structure(OrgType::FriendshipAmbassador, Some(assembly), kato, None, (format!("Достық елшісі № {} — {rkk}", i + 1), format!("Посол дружбы № {} — {rru}", i + 1), format!("Friendship ambassador No. {} — {ren}", i + 1)), vec![], vec![], None).await?;
        }
        // Media outlets: two or three per region, in the 11 languages.
        for i in 0..(2 + ri % 2) {
            let l = media_languages[(ri * 3 + i) % media_languages.len()];
            let mut langs = vec![l.to_string()];
            if l != "ru" && l != "kk" {
                langs.push("ru".to_string());
            }
            let (t, tl) = title(&mut g.rng);
            g.structure(OrgType::MediaOutlet, Some(assembly), kato, None, (format!("«{t}» газеті"), format!("Газета «{t}»"), format!("Newspaper “{tl}”")), vec![], langs, None).await?;
        }
    }
    // The four ethnic theatres.
    for (slug, region, kk, ru, en) in [
        ("korean", "750000000", "Мемлекеттік республикалық корей музыкалық комедия театры", "Государственный республиканский корейский театр музыкальной комедии", "State Republican Korean Theatre of Musical Comedy"),
        ("uyghur", "750000000", "Қ. Қожамияров атындағы мемлекеттік республикалық ұйғыр музыкалық комедия театры", "Государственный республиканский уйгурский театр музыкальной комедии им. К. Кужамьярова", "K. Kuzhamyarov State Republican Uyghur Theatre of Musical Comedy"),
        ("german", "750000000", "Республикалық неміс драма театры", "Республиканский немецкий драматический театр", "Republican German Drama Theatre"),
        ("uzbek", "790000000", "Шымкент өзбек драма театры", "Шымкентский узбекский драматический театр", "Shymkent Uzbek Drama Theatre"),
    ] {
        g.structure(OrgType::Theatre, Some(republic), region, None, (kk.into(), ru.into(), en.into()), vec![slug.into()], vec![], None).await?;
    }

    // Assembly membership files (Regulation §4 p.14-15), for some association leaders.
    let mut memberships = 0;
    for (i, (person, region, org)) in leaders.iter().enumerate().filter(|(i, _)| i % 3 == 0).take(380) {
        let year = 2022 + (i % 3) as i32;
        let mut state: Option<MembershipState> = None;
        let mut file: Option<i64> = None;
        let ending = i % 40;
        let mut plan: Vec<(MembershipStep, String, String)> = vec![(
            MembershipStep::Nominate { body: NominatingBody::RegionalAssemblySession, organisation_id: *org, decision: format!("Решение сессии № {} от {year}-02-15", 1 + i % 9) },
            format!("{year}-02-15"),
            String::new(),
        )];
        if ending != 1 {
            plan.push((MembershipStep::CouncilReview { recommended: ending != 2 }, format!("{year}-03-20"), String::new()));
        }
        if ending > 2 {
            plan.push((if ending == 3 { MembershipStep::ChairmanReject } else { MembershipStep::ChairmanApprove }, format!("{year}-04-10"), String::new()));
        }
        match ending {
            4 => plan.push((MembershipStep::Remove { ground: RemovalGround::ChangeOfPost }, "2025-09-01".into(), String::new())),
            5 => plan.push((MembershipStep::Remove { ground: RemovalGround::Other }, "2025-10-15".into(), "Систематическое неучастие в работе Ассамблеи".into())),
            6 => plan.push((MembershipStep::VoluntaryExit, "2025-06-30".into(), "Личное заявление".into())),
            _ => {}
        }
        for (step, date, note) in plan {
            let next = next_membership_state(state, &step).map_err(|e| anyhow::anyhow!("demo membership out of order: {e}"))?;
            file = Some(membership::write_step(&mut g.tx, file, *person, Some(region), state, next, &step, &date, &note).await?);
            state = Some(next);
        }
        memberships += 1;
    }
    let summary = Summary { organisations: g.organisations, people: g.people, memberships, editor_organisation };
    g.tx.commit().await?;
    Ok(summary)
}
