//! Charts drawn as SVG on the server (ENGINEERING.md: charts and maps as SVG,
//! so that they work offline and go into PDF reports unchanged): lines over
//! days or weeks, and horizontal bars (the risk factors).

use std::fmt::Write;

/// One line of a chart.
pub struct Series {
    pub label: String,
    pub colour: &'static str,
    pub values: Vec<f64>,
}

/// Colours of the lines, in order (colour-blind safe, Okabe-Ito).
pub const LINE_COLOURS: [&str; 6] = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9"];

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// A round step for an axis that reaches `max` in about four steps.
fn nice_step(max: f64) -> f64 {
    let raw = (max / 4.0).max(1e-9);
    let magnitude = 10f64.powf(raw.log10().floor());
    let n = raw / magnitude;
    let nice = if n <= 1.0 {
        1.0
    } else if n <= 2.0 {
        2.0
    } else if n <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * magnitude
}

fn label_number(v: f64, percent: bool) -> String {
    if percent {
        format!("{:.0}%", v * 100.0)
    } else if v >= 1000.0 {
        format!("{:.0}k", v / 1000.0)
    } else if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

/// Lines over `x_labels` (one value per label in each series). `marked`
/// shades the x positions to call out (spike days); `percent` prints the
/// axis as percentages of 1.
pub fn line_chart(title: &str, x_labels: &[String], series: &[Series], marked: &[usize], percent: bool) -> String {
    const W: f64 = 860.0;
    const H: f64 = 250.0;
    const L: f64 = 52.0;
    const R: f64 = 12.0;
    const T: f64 = 34.0;
    const B: f64 = 28.0;
    let n = x_labels.len().max(1);
    let max = series.iter().flat_map(|s| s.values.iter().copied()).fold(0.0_f64, f64::max);
    let step = nice_step(if max <= 0.0 { if percent { 0.04 } else { 4.0 } } else { max });
    let top = (max / step).ceil().max(1.0) * step;
    let x = |i: usize| L + (W - L - R) * if n == 1 { 0.5 } else { i as f64 / (n - 1) as f64 };
    let y = |v: f64| T + (H - T - B) * (1.0 - v / top);
    let mut svg = String::new();
    let _ = write!(svg, r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" class="chart" role="img" aria-label="{}">"#, escape(title));
    let _ = write!(svg, r#"<text x="{L}" y="14" class="chart-title">{}</text>"#, escape(title));
    // Legend
    let mut lx = L;
    for s in series {
        let _ = write!(svg, r#"<rect x="{lx}" y="20" width="12" height="4" fill="{}"/><text x="{}" y="26" class="legend">{}</text>"#, s.colour, lx + 16.0, escape(&s.label));
        lx += 26.0 + 7.0 * s.label.chars().count() as f64;
    }
    for &i in marked {
        if i < n {
            let w = ((W - L - R) / n as f64).max(3.0);
            let _ = write!(svg, r##"<rect x="{:.1}" y="{T}" width="{w:.1}" height="{:.1}" fill="#f6d3cf" class="marked"/>"##, x(i) - w / 2.0, H - T - B);
        }
    }
    let mut v = 0.0;
    while v <= top + 1e-9 {
        let yy = y(v);
        let _ = write!(svg, r##"<line x1="{L}" x2="{}" y1="{yy:.1}" y2="{yy:.1}" stroke="#e3e6ea"/><text x="{}" y="{:.1}" class="axis" text-anchor="end">{}</text>"##, W - R, L - 6.0, yy + 4.0, label_number(v, percent));
        v += step;
    }
    let every = (n / 6).max(1);
    for (i, label) in x_labels.iter().enumerate() {
        if i % every == 0 || i == n - 1 {
            let _ = write!(svg, r#"<text x="{:.1}" y="{}" class="axis" text-anchor="middle">{}</text>"#, x(i), H - 8.0, escape(label));
        }
    }
    // A value that is not a number (NaN) is a gap: the line stops and starts
    // again after it. Short series (years, not days) also get a dot per value.
    for s in series {
        let mut d = String::new();
        let mut pen_down = false;
        for (i, v) in s.values.iter().enumerate().take(n) {
            if v.is_nan() {
                pen_down = false;
                continue;
            }
            let _ = write!(d, "{}{:.1},{:.1}", if pen_down { "L" } else { "M" }, x(i), y(*v));
            pen_down = true;
            if n <= 16 {
                let _ = write!(svg, r#"<circle cx="{:.1}" cy="{:.1}" r="3" fill="{}" class="dot"><title>{}: {}</title></circle>"#, x(i), y(*v), s.colour, escape(&x_labels[i]), label_number(*v, percent));
            }
        }
        let _ = write!(svg, r#"<path d="{d}" fill="none" stroke="{}" stroke-width="1.8"><title>{}</title></path>"#, s.colour, escape(&s.label));
    }
    svg.push_str("</svg>");
    svg
}

/// Horizontal bars: (label, value, most it can be, colour), value printed at the end.
pub fn bars(title: &str, items: &[(String, f64, f64, &'static str)]) -> String {
    const ROW: f64 = 24.0;
    // The label column fits the longest label (11px text, about 6.3px a
    // letter), so that no translation is cut off; the bars keep their width.
    let longest = items.iter().map(|(l, ..)| l.chars().count()).max().unwrap_or(0) as f64;
    let label_w = (longest * 6.3 + 10.0).max(230.0);
    let w_all = label_w + 390.0;
    let h = 28.0 + ROW * items.len() as f64;
    let mut svg = String::new();
    let _ = write!(svg, r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w_all:.0} {h}" class="chart bars" role="img" aria-label="{}">"#, escape(title));
    let _ = write!(svg, r#"<text x="0" y="14" class="chart-title">{}</text>"#, escape(title));
    for (i, (label, value, max, colour)) in items.iter().enumerate() {
        let yy = 24.0 + ROW * i as f64;
        let full = w_all - label_w - 60.0;
        let w = if *max > 0.0 { full * (value / max).clamp(0.0, 1.0) } else { 0.0 };
        let _ = write!(
            svg,
            r##"<text x="0" y="{:.1}" class="axis">{}</text><rect x="{label_w:.1}" y="{yy:.1}" width="{full:.1}" height="14" fill="#eef1f4"/><rect x="{label_w:.1}" y="{yy:.1}" width="{w:.1}" height="14" fill="{colour}"/><text x="{:.1}" y="{:.1}" class="axis">{:.1} / {:.0}</text>"##,
            yy + 11.0,
            escape(label),
            label_w + full + 6.0,
            yy + 11.0,
            value,
            max
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_per_series_with_marked_days_and_round_ticks() {
        let labels: Vec<String> = (1..=10).map(|d| format!("11-{d:02}")).collect();
        let s = vec![Series { label: "flagged".into(), colour: LINE_COLOURS[0], values: (0..10).map(|i| i as f64).collect() }, Series { label: "all".into(), colour: LINE_COLOURS[1], values: vec![20.0; 10] }];
        let svg = line_chart("Trend", &labels, &s, &[9], false);
        assert_eq!(svg.matches("<path").count(), 2);
        assert_eq!(svg.matches("class=\"marked\"").count(), 1);
        assert!(svg.contains(">20<"), "a tick at the top value");
        assert_eq!(nice_step(19.0), 5.0);
        assert!((nice_step(0.09) - 0.05).abs() < 1e-12, "0.0225 a step rounds up to 0.05");
        // A gap (NaN) breaks the line; short series get a dot per value.
        let years: Vec<String> = (2024..=2027).map(|y| y.to_string()).collect();
        let fact = vec![Series { label: "fact".into(), colour: LINE_COLOURS[0], values: vec![73.2, f64::NAN, 82.7, f64::NAN] }];
        let svg = line_chart("Plan/fact", &years, &fact, &[], false);
        assert_eq!(svg.matches("class=\"dot\"").count(), 2);
        assert!(!svg.contains("NaN"), "{svg}");
        let d = svg.split("<path d=\"").nth(1).unwrap().split('"').next().unwrap();
        assert_eq!(d.matches('M').count(), 2, "two pieces: {d}");
    }

    #[test]
    fn bars_are_as_long_as_their_share() {
        let svg = bars("Factors", &[("incidents".into(), 12.5, 25.0, "#d55e00"), ("<b>".into(), 0.0, 10.0, "#0072b2")]);
        assert!(svg.contains("width=\"165.0\""), "half of 330");
        assert!(svg.contains("&lt;b&gt;"), "labels escaped");
        let long = "Доля этнической враждебности в текстах и ещё длиннее";
        let svg = bars("Факторы", &[(long.into(), 5.0, 10.0, "#d55e00")]);
        let x: f64 = svg.split("<rect x=\"").nth(1).unwrap().split('"').next().unwrap().parse().unwrap();
        assert!(x > long.chars().count() as f64 * 6.0, "the bar starts after the whole label ({x})");
        assert!(svg.contains("width=\"165.0\""), "bars keep their width");
    }
}
