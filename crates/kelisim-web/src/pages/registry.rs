//! The register of organisations: list, card, create, edit, archive,
//! accreditation, and the hierarchy of a region.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::Uri;
use axum::response::{Html, IntoResponse, Redirect, Response};
use kelisim_core::access::{self, OrgScope};
use kelisim_core::organisation::OrganisationInput;
use kelisim_core::ValidationErrors;
use kelisim_store::audit::AuditEntry;
use kelisim_store::organisations::{self, Accreditation, AccreditationInput, Organisation, OrganisationFilter};
use kelisim_store::reference::{DistrictRow, EthnicGroupRow, LanguageRow, Names};
use serde::Deserialize;

use super::{paging, render, PageCtx, PageResult, Pager};
use crate::auth::Auth;
use crate::error::{AppError, PageError};
use crate::state::AppState;

#[derive(Deserialize, Default)]
pub struct ListQuery {
    #[serde(default, rename = "type")]
    org_type: Option<String>,
    #[serde(default)]
    region: Option<String>,
    #[serde(default)]
    ethnic_group: Option<String>,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    q: Option<String>,
    #[serde(default)]
    page: Option<i64>,
    #[serde(default)]
    sort: Option<String>,
}

#[derive(Template)]
#[template(path = "registry_list.html")]
struct ListPage {
    ctx: PageCtx,
    items: Vec<Organisation>,
    pager: Pager,
    groups: Vec<EthnicGroupRow>,
    f_type: String,
    f_region: String,
    f_group: String,
    f_status: String,
    f_q: String,
    query: String,
    can_create: bool,
}

pub fn scope(o: &Organisation) -> OrgScope<'_> {
    OrgScope { id: Some(o.id), region: o.region.as_deref(), active: o.is_active() }
}

pub async fn list(State(state): State<AppState>, auth: Auth, uri: Uri, Query(q): Query<ListQuery>) -> Result<Html<String>, PageError> {
    let lang = auth.lang;
    let ctx = PageCtx::new(&auth, &uri, &state).await?;
    let filter = OrganisationFilter {
        org_type: q.org_type.clone(),
        region: q.region.clone(),
        ethnic_group: q.ethnic_group.clone(),
        status: q.status.clone(),
        q: q.q.clone(),
        only_active: !auth.principal.role.is_staff(),
        ..Default::default()
    };
    let (page, per_page) = paging(q.page, Some(25));
    let order = organisations::order_by(q.sort.as_deref().unwrap_or("name"), lang.code());
    let (items, total) = organisations::list(&state.store, &filter, order, page, per_page).await.page(lang)?;
    let groups = kelisim_store::reference::ethnic_groups(&state.store).await.page(lang)?;
    let query = uri.query().unwrap_or("").to_string();
    let can_create = access::can_create_organisation(&auth.principal, auth.principal.region.as_deref());
    let page = ListPage {
        ctx,
        items,
        pager: Pager::new(page, per_page, total, &query),
        groups,
        f_type: q.org_type.unwrap_or_default(),
        f_region: q.region.unwrap_or_default(),
        f_group: q.ethnic_group.unwrap_or_default(),
        f_status: q.status.unwrap_or_default(),
        f_q: q.q.unwrap_or_default(),
        query: query.split('&').filter(|kv| !kv.starts_with("page=")).collect::<Vec<_>>().join("&"),
        can_create,
    };
    render(&page, lang)
}

#[derive(Template)]
#[template(path = "registry_detail.html")]
struct DetailPage {
    ctx: PageCtx,
    org: Organisation,
    parents: Vec<(i64, Names)>,
    children: Vec<Organisation>,
    people: Option<Vec<(i64, String, String, String, Option<String>)>>,
    accreditations: Vec<Accreditation>,
    history: Vec<AuditEntry>,
    groups: Vec<EthnicGroupRow>,
    languages: Vec<LanguageRow>,
    can_edit: bool,
    can_accredit: bool,
    accredits: bool,
    errors: ValidationErrors,
    notice: String,
    district_label: String,
}

impl DetailPage {
    fn group_names(&self) -> String {
        self.org.ethnic_groups.iter().map(|g| self.groups.iter().find(|x| &x.slug == g).map(|x| self.ctx.name(&x.name).to_string()).unwrap_or_else(|| g.clone())).collect::<Vec<_>>().join(", ")
    }
    fn language_names(&self) -> String {
        self.org.languages.iter().map(|l| self.languages.iter().find(|x| &x.code == l).map(|x| self.ctx.name(&x.name).to_string()).unwrap_or_else(|| l.clone())).collect::<Vec<_>>().join(", ")
    }
}

async fn detail_page(state: &AppState, auth: &Auth, uri: &Uri, id: i64, errors: ValidationErrors, notice: String) -> Result<DetailPage, PageError> {
    let lang = auth.lang;
    let org = organisations::get(&state.store, id).await.page(lang)?;
    auth.require(access::can_read_organisation(&auth.principal, scope(&org))).map_err(|e| PageError { error: not_found_for_citizens(e), lang })?;
    let ctx = PageCtx::new(auth, uri, state).await?;
    let parents = organisations::ancestors(&state.store, id).await.page(lang)?;
    let child_filter = OrganisationFilter { parent_id: Some(id), only_active: !auth.principal.role.is_staff(), ..Default::default() };
    let (children, _) = organisations::list(&state.store, &child_filter, organisations::order_by("name", lang.code()), 1, 200).await.page(lang)?;
    let people = if access::can_read_person(&auth.principal, org.region.as_deref(), &[org.id]) {
        Some(kelisim_store::people::of_organisation(&state.store, id).await.page(lang)?)
    } else {
        None
    };
    let accreditations = organisations::accreditations(&state.store, id).await.page(lang)?;
    let history = if access::can_manage_users(&auth.principal) { kelisim_store::audit::for_entity(&state.store, "organisation", &id.to_string(), 20).await.page(lang)? } else { Vec::new() };
    let groups = kelisim_store::reference::ethnic_groups(&state.store).await.page(lang)?;
    let languages = kelisim_store::reference::languages(&state.store).await.page(lang)?;
    let can_edit = access::can_write_organisation(&auth.principal, scope(&org));
    let accredits = kelisim_core::OrgType::from_slug(&org.org_type).is_some_and(|t| t.is_accredited());
    let can_accredit = accredits && access::can_accredit(&auth.principal, org.region.as_deref());
    let district_label = match &org.district {
        Some(d) => kelisim_store::reference::districts(&state.store, org.region.as_deref())
            .await
            .page(lang)?
            .into_iter()
            .find(|x| &x.kato == d)
            .map(|x| ctx.name(&x.name).to_string())
            .unwrap_or_else(|| d.clone()),
        None => String::new(),
    };
    Ok(DetailPage { ctx, org, parents, children, people, accreditations, history, groups, languages, can_edit, can_accredit, accredits, errors, notice, district_label })
}

/// Archived organisations are simply not there for the public.
fn not_found_for_citizens(e: AppError) -> AppError {
    match e {
        AppError::Unauthorized => AppError::NotFound,
        other => other,
    }
}

pub async fn detail(State(state): State<AppState>, auth: Auth, uri: Uri, Path(id): Path<i64>) -> Result<Html<String>, PageError> {
    let page = detail_page(&state, &auth, &uri, id, ValidationErrors::default(), String::new()).await?;
    render(&page, auth.lang)
}

#[derive(Template)]
#[template(path = "registry_form.html")]
struct FormPage {
    ctx: PageCtx,
    id: Option<i64>,
    version: i64,
    input: OrganisationInput,
    errors: ValidationErrors,
    groups: Vec<EthnicGroupRow>,
    languages: Vec<LanguageRow>,
    districts: Vec<DistrictRow>,
    statuses: Vec<&'static str>,
}

impl FormPage {
    fn opt(&self, v: &Option<String>) -> String {
        v.clone().unwrap_or_default()
    }
    fn num(&self, v: &Option<f64>) -> String {
        v.map(|x| x.to_string()).unwrap_or_default()
    }
    fn int(&self, v: &Option<i64>) -> String {
        v.map(|x| x.to_string()).unwrap_or_default()
    }
    fn has_group(&self, slug: &str) -> bool {
        self.input.ethnic_groups.iter().any(|g| g == slug)
    }
    fn has_language(&self, code: &str) -> bool {
        self.input.languages.iter().any(|g| g == code)
    }
    fn region_is(&self, kato: &str) -> bool {
        self.input.region.as_deref() == Some(kato)
    }
    fn district_is(&self, kato: &str) -> bool {
        self.input.district.as_deref() == Some(kato)
    }
    fn invalid(&self, field: &str) -> bool {
        self.errors.for_field(field).is_some()
    }
}

async fn form_page(state: &AppState, auth: &Auth, uri: &Uri, id: Option<i64>, version: i64, input: OrganisationInput, errors: ValidationErrors) -> Result<FormPage, PageError> {
    let lang = auth.lang;
    let ctx = PageCtx::new(auth, uri, state).await?;
    Ok(FormPage {
        ctx,
        id,
        version,
        input,
        errors,
        groups: kelisim_store::reference::ethnic_groups(&state.store).await.page(lang)?,
        languages: kelisim_store::reference::languages(&state.store).await.page(lang)?,
        districts: kelisim_store::reference::districts(&state.store, None).await.page(lang)?,
        statuses: kelisim_core::organisation::STATUSES.to_vec(),
    })
}

pub async fn new_form(State(state): State<AppState>, auth: Auth, uri: Uri) -> Result<Html<String>, PageError> {
    let lang = auth.lang;
    auth.require(access::can_create_organisation(&auth.principal, auth.principal.region.as_deref())).page(lang)?;
    let input = OrganisationInput { region: auth.principal.region.clone(), status: "active".into(), ..Default::default() };
    render(&form_page(&state, &auth, &uri, None, 0, input, ValidationErrors::default()).await?, lang)
}

/// Reads an organisation form (repeated keys for the multi-selects).
pub fn parse_form(body: &[u8]) -> (OrganisationInput, String, i64, ValidationErrors) {
    let mut input = OrganisationInput { status: "active".into(), ..Default::default() };
    let mut csrf = String::new();
    let mut version = 0;
    let mut errs = ValidationErrors::default();
    let opt = |v: &str| if v.trim().is_empty() { None } else { Some(v.trim().to_string()) };
    for (k, v) in form_urlencoded::parse(body) {
        let v = v.into_owned();
        match k.as_ref() {
            "csrf" => csrf = v,
            "version" => version = v.parse().unwrap_or(0),
            "org_type" => input.org_type = v,
            "parent_id" => match v.trim() {
                "" => input.parent_id = None,
                s => match s.parse() {
                    Ok(n) => input.parent_id = Some(n),
                    Err(_) => errs.push("parent_id", "err-number-format"),
                },
            },
            "region" => input.region = opt(&v),
            "district" => input.district = opt(&v),
            "name_kk" => input.name_kk = v,
            "name_ru" => input.name_ru = v,
            "name_en" => input.name_en = v,
            "phone" => input.phone = opt(&v),
            "email" => input.email = opt(&v),
            "website" => input.website = opt(&v),
            "address" => input.address = opt(&v),
            "lat" | "lon" => {
                let parsed = match v.trim() {
                    "" => None,
                    s => match s.replace(',', ".").parse::<f64>() {
                        Ok(n) => Some(n),
                        Err(_) => {
                            errs.push(&k, "err-number-format");
                            None
                        }
                    },
                };
                if k == "lat" {
                    input.lat = parsed
                } else {
                    input.lon = parsed
                }
            }
            "founded_on" => input.founded_on = opt(&v),
            "status" => input.status = v,
            "member_count" => match v.trim() {
                "" => input.member_count = None,
                s => match s.parse() {
                    Ok(n) => input.member_count = Some(n),
                    Err(_) => errs.push("member_count", "err-number-format"),
                },
            },
            "ethnic_groups" if !v.is_empty() => input.ethnic_groups.push(v),
            "languages" if !v.is_empty() => input.languages.push(v),
            _ => {}
        }
    }
    (input, csrf, version, errs)
}

/// Every problem of a form at once: what could not be parsed, and what the
/// domain checks find in the rest.
async fn all_problems(state: &AppState, id: Option<i64>, input: &OrganisationInput, mut parse_errs: ValidationErrors) -> AppError {
    let refs = match kelisim_store::reference::reference_set(&state.store).await {
        Ok(r) => r,
        Err(e) => return e.into(),
    };
    if let Err(kelisim_store::StoreError::Invalid(e)) = organisations::validate(&state.store, &refs, id, input).await {
        parse_errs.0.extend(e.0);
    }
    AppError::Invalid(parse_errs)
}

pub async fn create(State(state): State<AppState>, auth: Auth, uri: Uri, body: Bytes) -> Result<Response, PageError> {
    let lang = auth.lang;
    let (input, csrf, _, parse_errs) = parse_form(&body);
    auth.check_csrf(&csrf).page(lang)?;
    auth.require(access::can_create_organisation(&auth.principal, input.region.as_deref())).page(lang)?;
    let result = if parse_errs.is_empty() { organisations::create(&state.store, &auth.actor(), &input).await.map_err(AppError::from) } else { Err(all_problems(&state, None, &input, parse_errs).await) };
    match result {
        Ok(id) => Ok(Redirect::to(&format!("/registry/{id}")).into_response()),
        Err(AppError::Invalid(errs)) => {
            let page = form_page(&state, &auth, &uri, None, 0, input, errs).await?;
            Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, render(&page, lang)?).into_response())
        }
        Err(e) => Err(PageError { error: e, lang }),
    }
}

pub async fn edit_form(State(state): State<AppState>, auth: Auth, uri: Uri, Path(id): Path<i64>) -> Result<Html<String>, PageError> {
    let lang = auth.lang;
    let org = organisations::get(&state.store, id).await.page(lang)?;
    auth.require(access::can_write_organisation(&auth.principal, scope(&org))).page(lang)?;
    render(&form_page(&state, &auth, &uri, Some(id), org.version, org.to_input(), ValidationErrors::default()).await?, lang)
}

pub async fn update(State(state): State<AppState>, auth: Auth, uri: Uri, Path(id): Path<i64>, body: Bytes) -> Result<Response, PageError> {
    let lang = auth.lang;
    let (input, csrf, version, parse_errs) = parse_form(&body);
    auth.check_csrf(&csrf).page(lang)?;
    let org = organisations::get(&state.store, id).await.page(lang)?;
    auth.require(access::can_write_organisation(&auth.principal, scope(&org))).page(lang)?;
    // A regional admin cannot move an organisation out of their region.
    auth.require(access::can_create_organisation(&auth.principal, input.region.as_deref()) || !matches!(auth.principal.role, kelisim_core::Role::RegionalAdmin)).page(lang)?;
    let result = if parse_errs.is_empty() {
        organisations::update(&state.store, &auth.actor(), id, &input, Some(version)).await.map_err(AppError::from)
    } else {
        Err(all_problems(&state, Some(id), &input, parse_errs).await)
    };
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/registry/{id}")).into_response()),
        Err(AppError::Invalid(errs)) => {
            let page = form_page(&state, &auth, &uri, Some(id), version, input, errs).await?;
            Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, render(&page, lang)?).into_response())
        }
        Err(AppError::Conflict(_)) => {
            let mut errs = ValidationErrors::default();
            errs.push("version", "err-conflict");
            let page = form_page(&state, &auth, &uri, Some(id), org.version, input, errs).await?;
            Ok((axum::http::StatusCode::CONFLICT, render(&page, lang)?).into_response())
        }
        Err(e) => Err(PageError { error: e, lang }),
    }
}

#[derive(Deserialize)]
pub struct CsrfOnly {
    #[serde(default)]
    csrf: String,
}

pub async fn archive(State(state): State<AppState>, auth: Auth, Path(id): Path<i64>, axum::Form(form): axum::Form<CsrfOnly>) -> Result<Response, PageError> {
    let lang = auth.lang;
    auth.check_csrf(&form.csrf).page(lang)?;
    let org = organisations::get(&state.store, id).await.page(lang)?;
    auth.require(access::can_write_organisation(&auth.principal, scope(&org)) && auth.principal.role != kelisim_core::Role::OrgEditor).page(lang)?;
    organisations::archive(&state.store, &auth.actor(), id).await.page(lang)?;
    Ok(Redirect::to(&format!("/registry/{id}")).into_response())
}

#[derive(Deserialize)]
pub struct AccreditationForm {
    #[serde(default)]
    csrf: String,
    decided_on: String,
    status: String,
    #[serde(default)]
    reason: String,
}

pub async fn accredit(State(state): State<AppState>, auth: Auth, uri: Uri, Path(id): Path<i64>, axum::Form(form): axum::Form<AccreditationForm>) -> Result<Response, PageError> {
    let lang = auth.lang;
    auth.check_csrf(&form.csrf).page(lang)?;
    let org = organisations::get(&state.store, id).await.page(lang)?;
    auth.require(access::can_accredit(&auth.principal, org.region.as_deref())).page(lang)?;
    let input = AccreditationInput { decided_on: form.decided_on, status: form.status, reason: form.reason };
    match organisations::add_accreditation(&state.store, &auth.actor(), id, &input).await {
        Ok(_) => Ok(Redirect::to(&format!("/registry/{id}#accreditation")).into_response()),
        Err(kelisim_store::StoreError::Invalid(errs)) => {
            let page = detail_page(&state, &auth, &uri, id, errs, String::new()).await?;
            Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, render(&page, lang)?).into_response())
        }
        Err(e) => Err(PageError { error: e.into(), lang }),
    }
}

/// A node of the hierarchy tree.
pub struct TreeNode {
    pub org: Organisation,
    pub children: Vec<TreeNode>,
}

#[derive(Template)]
#[template(path = "hierarchy.html")]
struct HierarchyPage {
    ctx: PageCtx,
    region: String,
    html: String,
}

#[derive(Deserialize, Default)]
pub struct HierarchyQuery {
    #[serde(default)]
    region: Option<String>,
}

fn tree_html(ctx: &PageCtx, nodes: &[TreeNode], out: &mut String, depth: usize) {
    if nodes.is_empty() || depth > 8 {
        return;
    }
    out.push_str("<ul>");
    for n in nodes {
        let esc = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
        out.push_str(&format!(
            "<li><a href=\"/registry/{}\">{}</a> <span class=\"badge\">{}</span>",
            n.org.id,
            esc(ctx.name(&n.org.name)),
            esc(&ctx.type_name(&n.org.org_type))
        ));
        tree_html(ctx, &n.children, out, depth + 1);
        out.push_str("</li>");
    }
    out.push_str("</ul>");
}

fn build_tree(parent: Option<i64>, all: &[Organisation], depth: usize) -> Vec<TreeNode> {
    if depth > 8 {
        return Vec::new();
    }
    all.iter()
        .filter(|o| o.parent_id == parent)
        .map(|o| TreeNode { org: o.clone(), children: build_tree(Some(o.id), all, depth + 1) })
        .collect()
}

/// The organisation hierarchy: the republican Assembly and, for the chosen
/// region, every structure under its regional assembly.
pub async fn hierarchy(State(state): State<AppState>, auth: Auth, uri: Uri, Query(q): Query<HierarchyQuery>) -> Result<Html<String>, PageError> {
    let lang = auth.lang;
    let ctx = PageCtx::new(&auth, &uri, &state).await?;
    let region = q.region.or_else(|| auth.principal.region.clone()).unwrap_or_else(|| ctx.regions.first().map(|r| r.kato.clone()).unwrap_or_default());
    let only_active = !auth.principal.role.is_staff();
    let national = OrganisationFilter { org_type: Some("republican_assembly".into()), only_active, ..Default::default() };
    let (roots, _) = organisations::list(&state.store, &national, " ORDER BY o.id", 1, 10).await.page(lang)?;
    let regional = OrganisationFilter { region: Some(region.clone()), only_active, ..Default::default() };
    let (mut all, _) = organisations::list(&state.store, &regional, organisations::order_by("name", lang.code()), 1, 5000).await.page(lang)?;
    let in_region: std::collections::HashSet<i64> = all.iter().map(|o| o.id).collect();
    // Structures whose parent is outside the region hang from the national root.
    let root_ids: Vec<i64> = roots.iter().map(|r| r.id).collect();
    for o in all.iter_mut() {
        if o.parent_id.is_some_and(|p| !in_region.contains(&p) && !root_ids.contains(&p)) {
            o.parent_id = root_ids.first().copied();
        }
    }
    let mut forest: Vec<TreeNode> = roots.into_iter().map(|r| TreeNode { children: build_tree(Some(r.id), &all, 1), org: r }).collect();
    forest.extend(build_tree(None, &all, 1));
    let mut html = String::new();
    tree_html(&ctx, &forest, &mut html, 0);
    render(&HierarchyPage { ctx, region, html }, lang)
}
