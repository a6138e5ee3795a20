//! The map of the 20 regions, drawn as SVG on the server (so it works offline
//! and goes into PDF reports unchanged).
//!
//! Shapes: `assets/kz-regions.simplified.json`, made from
//! `../shared/data/kz-regions.geojson` by `tools/simplify_regions.py`
//! (Douglas-Peucker, 0.02°). Data © OpenStreetMap contributors, ODbL 1.0:
//! the attribution is drawn with every map.

use std::fmt::Write;
use std::sync::OnceLock;

use serde::Deserialize;

#[derive(Deserialize)]
struct Shape {
    osm_id: i64,
    rings: Vec<Vec<[f64; 2]>>,
}

fn shapes() -> &'static [Shape] {
    static SHAPES: OnceLock<Vec<Shape>> = OnceLock::new();
    SHAPES.get_or_init(|| serde_json::from_str(include_str!("../assets/kz-regions.simplified.json")).expect("embedded region shapes parse"))
}

/// One region on the map.
pub struct MapRegion {
    pub osm_id: i64,
    pub name: String,
    pub value: f64,
    /// Where a click on the region leads.
    pub href: String,
}

/// Sequential palette, light to dark (colour-blind safe, ColorBrewer "Blues").
const PALETTE: [&str; 5] = ["#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c"];

/// Class breaks at the quintiles of the values.
pub fn class_breaks(values: &[f64]) -> [f64; 4] {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    v.sort_by(|a, b| a.total_cmp(b));
    if v.is_empty() {
        return [0.0; 4];
    }
    let q = |p: f64| v[((v.len() - 1) as f64 * p).round() as usize];
    [q(0.2), q(0.4), q(0.6), q(0.8)]
}

pub fn class_of(value: f64, breaks: &[f64; 4]) -> usize {
    breaks.iter().filter(|b| value > **b).count()
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The frame of the map: an equirectangular projection of Kazakhstan
/// (longitudes shrunk by cos 48°) into the SVG's box.
struct Frame {
    cos: f64,
    minx: f64,
    maxy: f64,
    scale: f64,
}

const W: f64 = 860.0;
const H: f64 = 470.0;

impl Frame {
    fn new() -> Frame {
        let cos = (48.0_f64).to_radians().cos();
        let (mut minx, mut maxx, mut miny, mut maxy) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
        for s in shapes() {
            for ring in &s.rings {
                for [lon, lat] in ring {
                    minx = minx.min(lon * cos);
                    maxx = maxx.max(lon * cos);
                    miny = miny.min(*lat);
                    maxy = maxy.max(*lat);
                }
            }
        }
        let scale = ((W - 20.0) / (maxx - minx)).min((H - 90.0) / (maxy - miny));
        Frame { cos, minx, maxy, scale }
    }

    fn project(&self, lon: f64, lat: f64) -> (f64, f64) {
        (10.0 + (lon * self.cos - self.minx) * self.scale, 10.0 + (self.maxy - lat) * self.scale)
    }

    fn path(&self, shape: &Shape) -> String {
        let mut d = String::new();
        for ring in &shape.rings {
            for (i, [lon, lat]) in ring.iter().enumerate() {
                let (x, y) = self.project(*lon, *lat);
                let _ = write!(d, "{}{:.1},{:.1}", if i == 0 { "M" } else { "L" }, x, y);
            }
            d.push('Z');
        }
        d
    }
}

/// A point inside a region to place what has no coordinates of its own:
/// the mean of the vertices of its largest ring, (lat, lon).
pub fn region_anchor(osm_id: i64) -> Option<(f64, f64)> {
    let shape = shapes().iter().find(|s| s.osm_id == osm_id)?;
    let ring = shape.rings.iter().max_by_key(|r| r.len())?;
    let n = ring.len().max(1) as f64;
    let (lon, lat) = ring.iter().fold((0.0, 0.0), |a, p| (a.0 + p[0], a.1 + p[1]));
    Some((lat / n, lon / n))
}

/// A region as drawn: its fill, its tooltip, where a click leads.
pub struct MapArea {
    pub osm_id: i64,
    pub fill: String,
    pub title: String,
    pub href: String,
}

/// A point on the map (an incident).
pub struct MapPoint {
    pub lat: f64,
    pub lon: f64,
    pub colour: String,
    /// Radius in SVG units.
    pub radius: f64,
    pub title: String,
    pub href: String,
}

/// Draws regions with the given fills (regions not listed are grey), points
/// over them, a legend of (colour, label) and the attribution.
pub fn draw(areas: &[MapArea], points: &[MapPoint], legend_title: &str, legend: &[(String, String)], attribution: &str) -> String {
    let frame = Frame::new();
    let mut svg = String::new();
    let _ = write!(svg, r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" class="map" role="img" aria-label="{}">"#, escape(legend_title));
    for shape in shapes() {
        let d = frame.path(shape);
        match areas.iter().find(|a| a.osm_id == shape.osm_id) {
            Some(a) => {
                let _ = write!(
                    svg,
                    r##"<a href="{}"><path d="{d}" fill="{}" stroke="#fff" stroke-width="0.8" data-osm="{}"><title>{}</title></path></a>"##,
                    escape(&a.href),
                    escape(&a.fill),
                    shape.osm_id,
                    escape(&a.title)
                );
            }
            None => {
                let _ = write!(svg, r##"<path d="{d}" fill="#e8eaed" stroke="#fff" stroke-width="0.8"/>"##);
            }
        }
    }
    for p in points {
        let (x, y) = frame.project(p.lon, p.lat);
        let _ = write!(
            svg,
            r##"<a href="{}"><circle cx="{x:.1}" cy="{y:.1}" r="{:.1}" fill="{}" stroke="#222" stroke-width="0.6" class="point"><title>{}</title></circle></a>"##,
            escape(&p.href),
            p.radius,
            escape(&p.colour),
            escape(&p.title)
        );
    }
    let ly = H - 62.0;
    let _ = write!(svg, r#"<text x="12" y="{ly}" class="legend-title">{}</text>"#, escape(legend_title));
    for (i, (colour, label)) in legend.iter().enumerate() {
        let x = 12.0 + i as f64 * 140.0;
        let _ = write!(
            svg,
            r##"<rect x="{x}" y="{}" width="24" height="14" fill="{}" stroke="#999" stroke-width="0.5"/><text x="{}" y="{}" class="legend">{}</text>"##,
            ly + 8.0,
            escape(colour),
            x + 30.0,
            ly + 19.0,
            escape(label)
        );
    }
    let _ = write!(svg, r#"<text x="{}" y="{}" class="attribution" text-anchor="end">{}</text></svg>"#, W - 10.0, H - 8.0, escape(attribution));
    svg
}

/// Draws the choropleth: regions in five classes of their values (quintile
/// breaks), values printed with one decimal.
pub fn choropleth(regions: &[MapRegion], legend_title: &str, attribution: &str) -> String {
    let values: Vec<f64> = regions.iter().map(|r| r.value).collect();
    let breaks = class_breaks(&values);
    let areas: Vec<MapArea> = regions
        .iter()
        .map(|r| MapArea { osm_id: r.osm_id, fill: PALETTE[class_of(r.value, &breaks)].to_string(), title: format!("{}: {:.1}", r.name, r.value), href: r.href.clone() })
        .collect();
    let min = values.iter().copied().fold(f64::MAX, f64::min);
    let max = values.iter().copied().fold(f64::MIN, f64::max);
    let bounds = [min, breaks[0], breaks[1], breaks[2], breaks[3], max];
    let legend: Vec<(String, String)> = PALETTE
        .iter()
        .enumerate()
        .map(|(i, c)| (c.to_string(), format!("{:.1}–{:.1}", if min == f64::MAX { 0.0 } else { bounds[i] }, if max == f64::MIN { 0.0 } else { bounds[i + 1] })))
        .collect();
    draw(&areas, &[], legend_title, &legend, attribution)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_twenty_regions_have_a_shape() {
        assert_eq!(shapes().len(), 20);
        assert!(shapes().iter().all(|s| !s.rings.is_empty()));
        for r in kelisim_core::reference::REGIONS {
            assert!(shapes().iter().any(|s| s.osm_id == r.osm_id), "{}", r.name_en);
        }
    }

    #[test]
    fn darker_class_for_higher_values_and_attribution_drawn() {
        let breaks = class_breaks(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0]);
        assert!(class_of(10.0, &breaks) > class_of(1.0, &breaks));
        let regions: Vec<MapRegion> = kelisim_core::reference::REGIONS
            .iter()
            .enumerate()
            .map(|(i, r)| MapRegion { osm_id: r.osm_id, name: r.name_en.into(), value: i as f64, href: format!("/registry?region={}", r.kato) })
            .collect();
        let svg = choropleth(&regions, "Associations per 100,000", "© OpenStreetMap contributors");
        assert_eq!(svg.matches("<path").count(), 20);
        assert!(svg.contains("© OpenStreetMap contributors"));
        assert!(svg.contains(PALETTE[4]) && svg.contains(PALETTE[0]));
    }
}
