//! Reference tables: regions, districts, ethnic groups, languages.

use kelisim_core::organisation::ReferenceSet;
use kelisim_core::reference::{districts, ETHNIC_GROUPS, LANGUAGES, REGIONS};
use serde::Serialize;

use crate::db::Store;
use crate::error::Result;

/// Loads the shipped reference data into empty tables (first start). Kept
/// out of the audit log: it is the installation, not a user's change.
pub async fn load_if_empty(store: &Store) -> Result<()> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM regions").fetch_one(&store.pool).await?;
    if n > 0 {
        return Ok(());
    }
    let mut tx = store.pool.begin().await?;
    for r in REGIONS {
        sqlx::query("INSERT INTO regions (kato, osm_id, name_kk, name_ru, name_en, population) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(r.kato)
            .bind(r.osm_id)
            .bind(r.name_kk)
            .bind(r.name_ru)
            .bind(r.name_en)
            .bind(r.population)
            .execute(&mut *tx)
            .await?;
    }
    for d in districts::all() {
        sqlx::query("INSERT INTO districts (kato, region_kato, name_kk, name_ru, name_en) VALUES ($1, $2, $3, $4, $5)")
            .bind(d.kato)
            .bind(d.region_kato)
            .bind(d.name_kk)
            .bind(d.name_ru)
            .bind(d.name_en)
            .execute(&mut *tx)
            .await?;
    }
    for g in ETHNIC_GROUPS {
        sqlx::query("INSERT INTO ethnic_groups (slug, name_kk, name_ru, name_en, census_share) VALUES ($1, $2, $3, $4, $5)")
            .bind(g.slug)
            .bind(g.name_kk)
            .bind(g.name_ru)
            .bind(g.name_en)
            .bind(g.census_share)
            .execute(&mut *tx)
            .await?;
    }
    for l in LANGUAGES {
        sqlx::query("INSERT INTO languages (code, name_kk, name_ru, name_en) VALUES ($1, $2, $3, $4)")
            .bind(l.code)
            .bind(l.name_kk)
            .bind(l.name_ru)
            .bind(l.name_en)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// A name in three languages.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Names {
    pub kk: String,
    pub ru: String,
    pub en: String,
}

impl Names {
    pub fn get(&self, lang: &str) -> &str {
        match lang {
            "ru" => &self.ru,
            "en" => &self.en,
            _ => &self.kk,
        }
    }

    /// The name to show in `lang`: that language's, or the Russian one where it is empty.
    pub fn shown(&self, lang: &str) -> &str {
        match self.get(lang) {
            "" => &self.ru,
            name => name,
        }
    }
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RegionRow {
    pub kato: String,
    pub osm_id: i64,
    pub name: Names,
    pub population: i64,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DistrictRow {
    pub kato: String,
    pub region: String,
    pub name: Names,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct EthnicGroupRow {
    pub slug: String,
    pub name: Names,
    /// Percent of the population at the 2021 census.
    pub census_share: Option<f64>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct LanguageRow {
    pub code: String,
    pub name: Names,
}

pub async fn regions(store: &Store) -> Result<Vec<RegionRow>> {
    let rows: Vec<(String, i64, String, String, String, i64)> =
        sqlx::query_as("SELECT kato, osm_id, name_kk, name_ru, name_en, population FROM regions ORDER BY kato").fetch_all(&store.pool).await?;
    Ok(rows
        .into_iter()
        .map(|(kato, osm_id, kk, ru, en, population)| RegionRow { kato, osm_id, name: Names { kk, ru, en }, population })
        .collect())
}

pub async fn districts(store: &Store, region: Option<&str>) -> Result<Vec<DistrictRow>> {
    let rows: Vec<(String, String, String, String, String)> = sqlx::query_as(
        "SELECT kato, region_kato, name_kk, name_ru, name_en FROM districts WHERE ($1 = '' OR region_kato = $1) ORDER BY kato",
    )
    .bind(region.unwrap_or(""))
    .fetch_all(&store.pool)
    .await?;
    Ok(rows.into_iter().map(|(kato, region, kk, ru, en)| DistrictRow { kato, region, name: Names { kk, ru, en } }).collect())
}

pub async fn ethnic_groups(store: &Store) -> Result<Vec<EthnicGroupRow>> {
    let rows: Vec<(String, String, String, String, Option<f64>)> = sqlx::query_as(
        "SELECT slug, name_kk, name_ru, name_en, census_share FROM ethnic_groups ORDER BY census_share IS NULL, census_share DESC, slug",
    )
    .fetch_all(&store.pool)
    .await?;
    Ok(rows.into_iter().map(|(slug, kk, ru, en, census_share)| EthnicGroupRow { slug, name: Names { kk, ru, en }, census_share }).collect())
}

pub async fn languages(store: &Store) -> Result<Vec<LanguageRow>> {
    let rows: Vec<(String, String, String, String)> =
        sqlx::query_as("SELECT code, name_kk, name_ru, name_en FROM languages ORDER BY code").fetch_all(&store.pool).await?;
    Ok(rows.into_iter().map(|(code, kk, ru, en)| LanguageRow { code, name: Names { kk, ru, en } }).collect())
}

/// What validation needs to know of the reference tables.
pub async fn reference_set(store: &Store) -> Result<ReferenceSet> {
    let mut set = ReferenceSet::default();
    set.regions = regions(store).await?.into_iter().map(|r| r.kato).collect();
    set.districts = districts(store, None).await?.into_iter().map(|d| (d.kato, d.region)).collect();
    set.ethnic_groups = ethnic_groups(store).await?.into_iter().map(|g| g.slug).collect();
    set.languages = languages(store).await?.into_iter().map(|l| l.code).collect();
    Ok(set)
}
