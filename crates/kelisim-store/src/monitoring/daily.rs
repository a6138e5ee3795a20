//! Reads of the per region × day × group counts (`monitoring_daily`), the
//! table every trend chart and map of the monitoring reads instead of the
//! documents themselves.

use serde::Serialize;

use crate::db::{col, Store};
use crate::error::Result;
use crate::sql::Sql;

/// One row of counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct DailyCounts {
    /// KATO code, or `-` for documents with no region.
    pub region: String,
    pub day: String,
    /// Ethnic-group id, or `*` for every document of the region and day.
    pub group: String,
    /// Documents naming the group (for `*`: every document).
    pub mentions: i64,
    pub negative: i64,
    pub neutral: i64,
    pub positive: i64,
    /// Documents with hostility ≥ 0.5.
    pub hostile: i64,
    /// Documents with ethnic hostility ≥ 0.5.
    pub ethnic_hostile: i64,
}

/// Which counts to read: days `from..=to`, optionally one region and one group.
#[derive(Debug, Clone, Default)]
pub struct DailyFilter {
    pub from: String,
    pub to: String,
    pub region: Option<String>,
    pub group: Option<String>,
}

pub async fn read(store: &Store, filter: &DailyFilter) -> Result<Vec<DailyCounts>> {
    let mut q = Sql::new("SELECT region, day, group_id, mentions, negative, neutral, positive, hostile, ethnic_hostile FROM monitoring_daily WHERE day >= ");
    q.bind(filter.from.clone()).push(" AND day <= ").bind(filter.to.clone());
    if let Some(r) = &filter.region {
        q.push(" AND region = ").bind(r.clone());
    }
    if let Some(g) = &filter.group {
        q.push(" AND group_id = ").bind(g.clone());
    }
    q.push(" ORDER BY day, region, group_id");
    let rows = q.query().fetch_all(&store.pool).await?;
    rows.iter()
        .map(|row| {
            Ok(DailyCounts {
                region: col(row, "region")?,
                day: col(row, "day")?,
                group: col(row, "group_id")?,
                mentions: col(row, "mentions")?,
                negative: col(row, "negative")?,
                neutral: col(row, "neutral")?,
                positive: col(row, "positive")?,
                hostile: col(row, "hostile")?,
                ethnic_hostile: col(row, "ethnic_hostile")?,
            })
        })
        .collect()
}

/// One region's totals over a period (the map of the monitoring).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct RegionTotals {
    pub region: String,
    pub documents: i64,
    pub hostile: i64,
    pub ethnic_hostile: i64,
}

/// Every region's totals over days `from..=to` (documents with no region
/// under `-`), by region code.
pub async fn region_totals(store: &Store, from: &str, to: &str) -> Result<Vec<RegionTotals>> {
    let rows: Vec<(String, i64, i64, i64)> = sqlx::query_as(
        // PostgreSQL sums BIGINT as NUMERIC: cast back so both backends answer integers.
        "SELECT region, CAST(SUM(mentions) AS BIGINT), CAST(SUM(hostile) AS BIGINT), CAST(SUM(ethnic_hostile) AS BIGINT) FROM monitoring_daily \
         WHERE group_id = '*' AND day >= $1 AND day <= $2 GROUP BY region ORDER BY region",
    )
    .bind(from)
    .bind(to)
    .fetch_all(&store.pool)
    .await?;
    Ok(rows.into_iter().map(|(region, documents, hostile, ethnic_hostile)| RegionTotals { region, documents, hostile, ethnic_hostile }).collect())
}
