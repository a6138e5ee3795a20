//! Target indicators (issue 5 §7): loaded once as printed in the Concepts
//! (`kelisim_core::reference::indicators`), facts entered per year with their
//! source, and the plan/fact table with deviations.

use kelisim_core::reference::indicators::{deviation, INDICATORS};
use kelisim_core::ValidationErrors;
use serde::Serialize;

use crate::db::Store;
use crate::error::{Result, StoreError};
use crate::reference::Names;

/// The seed each printed value comes from.
fn printed_source(code: &str) -> &'static str {
    if code.starts_with("c2030") {
        "Концепция развития Ассамблеи народа Казахстана до 2030 года, раздел 6"
    } else {
        "Концепция развития Ассамблеи народа Казахстана на 2022-2026 годы, раздел 6"
    }
}

/// Loads the printed indicators into empty tables (and only then: entered
/// facts and an administrator's corrections are kept).
pub async fn load_if_empty(store: &Store) -> Result<()> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM indicators").fetch_one(&store.pool).await?;
    if n > 0 {
        return Ok(());
    }
    let mut tx = store.pool.begin().await?;
    for (position, ind) in INDICATORS.iter().enumerate() {
        sqlx::query("INSERT INTO indicators (code, position, name_kk, name_ru, name_en, unit, source) VALUES ($1, $2, $3, $4, $5, $6, $7)")
            .bind(ind.code)
            .bind(position as i64 + 1)
            .bind(ind.name_kk)
            .bind(ind.name_ru)
            .bind(ind.name_en)
            .bind(ind.unit)
            .bind(ind.source_ru)
            .execute(&mut *tx)
            .await?;
        for (year, kind, value) in ind.values {
            sqlx::query("INSERT INTO indicator_values (code, year, kind, value, source, entered_by, entered_at) VALUES ($1, $2, $3, $4, $5, 'reference', '1970-01-01T00:00:00Z')")
                .bind(ind.code)
                .bind(i64::from(*year))
                .bind(kind.slug())
                .bind(*value)
                .bind(printed_source(ind.code))
                .execute(&mut *tx)
                .await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// One value of an indicator.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct IndicatorValue {
    pub year: i64,
    /// `fact`, `estimate` or `plan`.
    pub kind: String,
    pub value: f64,
    pub source: String,
}

/// An indicator with its values, as `GET /api/v1/indicators` answers it.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct IndicatorView {
    pub code: String,
    pub name: Names,
    pub unit: String,
    pub source: String,
    pub values: Vec<IndicatorValue>,
}

pub async fn list(store: &Store) -> Result<Vec<IndicatorView>> {
    let rows: Vec<(String, String, String, String, String, String)> =
        sqlx::query_as("SELECT code, name_kk, name_ru, name_en, unit, source FROM indicators ORDER BY position").fetch_all(&store.pool).await?;
    let values: Vec<(String, i64, String, f64, String)> =
        sqlx::query_as("SELECT code, year, kind, value, source FROM indicator_values ORDER BY code, year, CASE kind WHEN 'fact' THEN 0 WHEN 'estimate' THEN 1 ELSE 2 END").fetch_all(&store.pool).await?;
    Ok(rows
        .into_iter()
        .map(|(code, kk, ru, en, unit, source)| IndicatorView {
            values: values.iter().filter(|v| v.0 == code).map(|v| IndicatorValue { year: v.1, kind: v.2.clone(), value: v.3, source: v.4.clone() }).collect(),
            code,
            name: Names { kk, ru, en },
            unit,
            source,
        })
        .collect())
}

/// Enters (or corrects) the fact of a year, with its source.
pub async fn enter_fact(store: &Store, actor: &str, code: &str, year: i64, value: f64, source: &str, now: &str) -> Result<()> {
    let mut errs = ValidationErrors::default();
    let known: Option<(String,)> = sqlx::query_as("SELECT code FROM indicators WHERE code = $1").bind(code).fetch_optional(&store.pool).await?;
    if known.is_none() {
        return Err(StoreError::NotFound);
    }
    if !(2000..=2100).contains(&year) {
        errs.push("year", "err-out-of-range");
    }
    if !value.is_finite() || !(0.0..=100.0).contains(&value) {
        errs.push("value", "err-out-of-range");
    }
    if source.trim().is_empty() {
        errs.push("source", "err-required");
    }
    if !errs.is_empty() {
        return Err(StoreError::Invalid(errs));
    }
    let before: Option<(f64, String)> = sqlx::query_as("SELECT value, source FROM indicator_values WHERE code = $1 AND year = $2 AND kind = 'fact'").bind(code).bind(year).fetch_optional(&store.pool).await?;
    let mut tx = store.begin_write(actor).await?;
    sqlx::query(
        "INSERT INTO indicator_values (code, year, kind, value, source, entered_by, entered_at) VALUES ($1, $2, 'fact', $3, $4, $5, $6) \
         ON CONFLICT (code, year, kind) DO UPDATE SET value = excluded.value, source = excluded.source, entered_by = excluded.entered_by, entered_at = excluded.entered_at",
    )
    .bind(code)
    .bind(year)
    .bind(value)
    .bind(source.trim())
    .bind(actor)
    .bind(now)
    .execute(tx.conn())
    .await?;
    let before = before.map(|(v, s)| serde_json::json!({ "value": v, "source": s }));
    tx.audit("enter_fact", "indicator", &format!("{code}:{year}"), before.as_ref(), Some(&serde_json::json!({ "value": value, "source": source.trim() }))).await?;
    tx.commit().await?;
    Ok(())
}

/// One year of the plan/fact table.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct PlanFact {
    pub year: i64,
    pub plan: Option<f64>,
    /// The fact, or the estimate where no fact is known.
    pub fact: Option<f64>,
    pub fact_is_estimate: bool,
    /// fact − plan, in the unit.
    pub deviation: Option<f64>,
}

/// The plan/fact table of an indicator, by year.
pub fn plan_fact(ind: &IndicatorView) -> Vec<PlanFact> {
    let mut years: Vec<i64> = ind.values.iter().map(|v| v.year).collect();
    years.sort_unstable();
    years.dedup();
    years
        .into_iter()
        .map(|year| {
            let get = |kind: &str| ind.values.iter().find(|v| v.year == year && v.kind == kind).map(|v| v.value);
            let plan = get("plan");
            let (fact, fact_is_estimate) = match (get("fact"), get("estimate")) {
                (Some(f), _) => (Some(f), false),
                (None, Some(e)) => (Some(e), true),
                (None, None) => (None, false),
            };
            PlanFact { year, plan, fact, fact_is_estimate, deviation: plan.zip(fact).filter(|_| !fact_is_estimate).map(|(p, f)| deviation(f, p)) }
        })
        .collect()
}
