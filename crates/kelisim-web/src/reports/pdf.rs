//! A small flow layout for printed reports (minutes, the plan execution report):
//! a document is a list of blocks — title, headings, paragraphs, labelled fields,
//! tables — laid out on A4 pages with the embedded DejaVu Sans (it has every
//! Kazakh and Russian letter), then written as PDF by `krilla`.
//!
//! Layout and writing are two steps: `layout` is pure (lines are measured with the
//! font's own advances and broken at spaces; a table row that does not fit goes to
//! the next page under its header again), so its tests need no PDF reader;
//! `render` only draws what `layout` placed. Every page carries the document's
//! title and "page / pages" at its foot.

use std::sync::LazyLock;

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::{Font, TextDirection};
use krilla::Document;

static REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// A4 in points.
pub const PAGE_WIDTH: f32 = 595.28;
pub const PAGE_HEIGHT: f32 = 841.89;
const MARGIN: f32 = 56.0;
const FOOT: f32 = 30.0;
const BODY: f32 = 10.0;
const SMALL: f32 = 8.5;
const HEADING: f32 = 12.0;
const TITLE: f32 = 14.0;
const LEADING: f32 = 1.35;
const CELL_PAD: f32 = 3.0;

/// One block of a printed document.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// Centred, bold, at the top of the first page.
    Title(String),
    /// Centred, regular (the body that met, the date and place...).
    Subtitle(String),
    Heading(String),
    Paragraph(String),
    /// "label: value" with the label in bold.
    Field(String, String),
    /// Columns by share of the text width (the shares add up to 1).
    Table { widths: Vec<f32>, header: Vec<String>, rows: Vec<Vec<String>> },
    /// Vertical space of one line.
    Gap,
}

/// A document to print: its title (also the PDF's metadata and every page's foot),
/// its language (`kk`, `ru`, `en`) and its blocks.
#[derive(Debug, Clone, PartialEq)]
pub struct Printed {
    pub title: String,
    pub lang: String,
    pub blocks: Vec<Block>,
}

/// Something placed on a page: text at its baseline, or a thin rule.
#[derive(Debug, Clone, PartialEq)]
pub enum Placed {
    Text { x: f32, y: f32, size: f32, bold: bool, text: String },
    Rule { x1: f32, y1: f32, x2: f32, y2: f32 },
}

struct Metrics {
    regular: ttf_parser::Face<'static>,
    bold: ttf_parser::Face<'static>,
}

static METRICS: LazyLock<Metrics> = LazyLock::new(|| Metrics {
    regular: ttf_parser::Face::parse(REGULAR, 0).expect("the embedded DejaVu Sans parses"),
    bold: ttf_parser::Face::parse(BOLD, 0).expect("the embedded DejaVu Sans Bold parses"),
});

/// The width of `text` in points at `size`.
pub fn text_width(text: &str, size: f32, bold: bool) -> f32 {
    let face = if bold { &METRICS.bold } else { &METRICS.regular };
    let units = face.units_per_em() as f32;
    let advance: u32 = text
        .chars()
        .map(|c| {
            let glyph = face.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
            face.glyph_hor_advance(glyph).unwrap_or(0) as u32
        })
        .sum();
    advance as f32 * size / units
}

/// Breaks `text` into lines no wider than `width` at spaces (a word wider than
/// the line is cut between letters). Line breaks in the text are kept.
pub fn wrap(text: &str, size: f32, bold: bool, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let candidate = if line.is_empty() { word.to_string() } else { format!("{line} {word}") };
            if text_width(&candidate, size, bold) <= width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // The word alone: cut it if it is wider than the line.
            for c in word.chars() {
                line.push(c);
                if text_width(&line, size, bold) > width && line.chars().count() > 1 {
                    line.pop();
                    lines.push(std::mem::take(&mut line));
                    line.push(c);
                }
            }
        }
        lines.push(line);
    }
    lines
}

struct Cursor {
    pages: Vec<Vec<Placed>>,
    y: f32,
}

impl Cursor {
    fn bottom() -> f32 {
        PAGE_HEIGHT - MARGIN - FOOT
    }
    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = MARGIN;
    }
    /// Makes room for `height`, starting a page if it does not fit (a block
    /// taller than a page starts at the top of one and runs over).
    fn room(&mut self, height: f32) {
        if self.y + height > Self::bottom() && self.y > MARGIN {
            self.new_page();
        }
    }
    fn put(&mut self, placed: Placed) {
        self.pages.last_mut().expect("a page").push(placed);
    }
    fn line(&mut self, x: f32, size: f32, bold: bool, text: String) {
        let step = size * LEADING;
        self.room(step);
        self.y += step;
        self.put(Placed::Text { x, y: self.y - size * 0.3, size, bold, text });
    }
}

fn text_width_area() -> f32 {
    PAGE_WIDTH - 2.0 * MARGIN
}

fn centred(c: &mut Cursor, text: &str, size: f32, bold: bool) {
    for line in wrap(text, size, bold, text_width_area()) {
        let x = MARGIN + (text_width_area() - text_width(&line, size, bold)) / 2.0;
        c.line(x, size, bold, line);
    }
}

fn row_lines(cells: &[String], widths: &[f32], bold: bool) -> Vec<Vec<String>> {
    cells.iter().zip(widths).map(|(cell, w)| wrap(cell, SMALL, bold, w * text_width_area() - 2.0 * CELL_PAD)).collect()
}

fn table_row(c: &mut Cursor, lines: &[Vec<String>], widths: &[f32], bold: bool) {
    let step = SMALL * LEADING;
    let height = lines.iter().map(Vec::len).max().unwrap_or(1) as f32 * step + 2.0 * CELL_PAD;
    let top = c.y;
    let mut x = MARGIN;
    for (cell, w) in lines.iter().zip(widths) {
        for (i, line) in cell.iter().enumerate() {
            let y = top + CELL_PAD + (i as f32 + 1.0) * step - SMALL * 0.3;
            c.put(Placed::Text { x: x + CELL_PAD, y, size: SMALL, bold, text: line.clone() });
        }
        x += w * text_width_area();
    }
    c.y = top + height;
    c.put(Placed::Rule { x1: MARGIN, y1: c.y, x2: PAGE_WIDTH - MARGIN, y2: c.y });
}

fn table(c: &mut Cursor, widths: &[f32], header: &[String], rows: &[Vec<String>]) {
    let step = SMALL * LEADING;
    let head = row_lines(header, widths, true);
    let head_height = head.iter().map(Vec::len).max().unwrap_or(1) as f32 * step + 2.0 * CELL_PAD;
    let start = |c: &mut Cursor| {
        c.put(Placed::Rule { x1: MARGIN, y1: c.y, x2: PAGE_WIDTH - MARGIN, y2: c.y });
        table_row(c, &head, widths, true);
    };
    c.room(head_height + step + 2.0 * CELL_PAD);
    start(c);
    for row in rows {
        let lines = row_lines(row, widths, false);
        let height = lines.iter().map(Vec::len).max().unwrap_or(1) as f32 * step + 2.0 * CELL_PAD;
        if c.y + height > Cursor::bottom() && c.y > MARGIN + head_height + 1.0 {
            c.new_page();
            start(c);
        }
        table_row(c, &lines, widths, false);
    }
}

/// Places every block on pages, then the foot of each page.
pub fn layout(doc: &Printed) -> Vec<Vec<Placed>> {
    let mut c = Cursor { pages: vec![Vec::new()], y: MARGIN };
    for block in &doc.blocks {
        match block {
            Block::Title(t) => centred(&mut c, t, TITLE, true),
            Block::Subtitle(t) => centred(&mut c, t, BODY, false),
            Block::Heading(t) => {
                c.room(HEADING * LEADING * 3.0);
                c.y += BODY * 0.6;
                for line in wrap(t, HEADING, true, text_width_area()) {
                    c.line(MARGIN, HEADING, true, line);
                }
            }
            Block::Paragraph(t) => {
                for line in wrap(t, BODY, false, text_width_area()) {
                    c.line(MARGIN, BODY, false, line);
                }
            }
            Block::Field(label, value) => {
                let label = format!("{label}: ");
                let indent = text_width(&label, BODY, true);
                let lines = wrap(value, BODY, false, text_width_area() - indent);
                for (i, line) in lines.into_iter().enumerate() {
                    if i == 0 {
                        c.line(MARGIN, BODY, true, label.clone());
                        let y = c.y - BODY * 0.3;
                        c.put(Placed::Text { x: MARGIN + indent, y, size: BODY, bold: false, text: line });
                    } else {
                        c.line(MARGIN + indent, BODY, false, line);
                    }
                }
            }
            Block::Table { widths, header, rows } => table(&mut c, widths, header, rows),
            Block::Gap => c.y += BODY * LEADING,
        }
    }
    let total = c.pages.len();
    for (i, page) in c.pages.iter_mut().enumerate() {
        let foot = format!("{} — {} / {}", doc.title, i + 1, total);
        let foot = wrap(&foot, SMALL, false, text_width_area()).into_iter().next().unwrap_or_default();
        page.push(Placed::Rule { x1: MARGIN, y1: PAGE_HEIGHT - MARGIN - FOOT / 2.0, x2: PAGE_WIDTH - MARGIN, y2: PAGE_HEIGHT - MARGIN - FOOT / 2.0 });
        page.push(Placed::Text { x: MARGIN, y: PAGE_HEIGHT - MARGIN, size: SMALL, bold: false, text: foot });
    }
    c.pages
}

/// Writes the document as PDF.
pub fn render(doc: &Printed) -> Result<Vec<u8>, String> {
    let regular = Font::new(REGULAR.into(), 0).ok_or("the embedded font does not load")?;
    let bold = Font::new(BOLD.into(), 0).ok_or("the embedded bold font does not load")?;
    let mut document = Document::new();
    document.set_metadata(Metadata::new().title(doc.title.clone()).language(doc.lang.clone()).creator("Kelisim".to_string()));
    let settings = PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT).ok_or("page size")?;
    for placed in layout(doc) {
        let mut page = document.start_page_with(settings.clone());
        let mut surface = page.surface();
        surface.set_fill(Some(Fill { paint: rgb::Color::new(0, 0, 0).into(), ..Default::default() }));
        for item in placed {
            match item {
                Placed::Text { x, y, size, bold: is_bold, text } => {
                    let font = if is_bold { bold.clone() } else { regular.clone() };
                    surface.draw_text(Point::from_xy(x, y), font, size, &text, false, TextDirection::Auto);
                }
                Placed::Rule { x1, y1, x2, y2 } => {
                    let mut path = PathBuilder::new();
                    path.move_to(x1, y1);
                    path.line_to(x2, y2);
                    if let Some(path) = path.finish() {
                        surface.set_fill(None);
                        surface.set_stroke(Some(Stroke { paint: rgb::Color::new(120, 120, 120).into(), width: 0.5, ..Default::default() }));
                        surface.draw_path(&path);
                        surface.set_stroke(None);
                        surface.set_fill(Some(Fill { paint: rgb::Color::new(0, 0, 0).into(), ..Default::default() }));
                    }
                }
            }
        }
        surface.finish();
        page.finish();
    }
    document.finish().map_err(|e| format!("{e:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(pages: &[Vec<Placed>]) -> Vec<String> {
        pages
            .iter()
            .flatten()
            .filter_map(|p| match p {
                Placed::Text { text, .. } => Some(text.clone()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn wrapping_keeps_every_word_and_each_line_fits() {
        let text = "Қазақстан халқы Ассамблеясының сессиясы ".repeat(30);
        let lines = wrap(&text, BODY, false, 200.0);
        assert!(lines.len() > 5);
        assert!(lines.iter().all(|l| text_width(l, BODY, false) <= 200.0));
        assert_eq!(lines.join(" ").split_whitespace().collect::<Vec<_>>(), text.split_whitespace().collect::<Vec<_>>());
    }

    #[test]
    fn a_word_wider_than_the_line_is_cut_not_lost() {
        let word = "ш".repeat(200);
        let lines = wrap(&word, BODY, false, 100.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), word);
    }

    #[test]
    fn kazakh_letters_have_their_own_glyphs() {
        for c in "әғқңөұүһіӘҒҚҢӨҰҮҺІ".chars() {
            assert!(METRICS.regular.glyph_index(c).is_some(), "{c} missing in the regular face");
            assert!(METRICS.bold.glyph_index(c).is_some(), "{c} missing in the bold face");
        }
    }

    #[test]
    fn a_long_table_runs_over_pages_with_its_header_on_each() {
        let rows: Vec<Vec<String>> = (1..=120).map(|i| vec![i.to_string(), format!("пункт {i}")]).collect();
        let doc = Printed {
            title: "Т".into(),
            lang: "kk".into(),
            blocks: vec![Block::Table { widths: vec![0.2, 0.8], header: vec!["№".into(), "атауы".into()], rows }],
        };
        let pages = layout(&doc);
        assert!(pages.len() >= 3, "{} pages", pages.len());
        for page in &pages {
            assert!(texts(std::slice::from_ref(page)).iter().any(|t| t == "атауы"), "every page repeats the header");
            for p in page {
                if let Placed::Text { y, .. } = p {
                    assert!(*y <= PAGE_HEIGHT - MARGIN + 0.01, "text below the foot: {y}");
                }
            }
        }
        let all = texts(&pages);
        for i in 1..=120 {
            assert!(all.contains(&format!("пункт {i}")), "row {i} lost");
        }
        let n = pages.len();
        assert!(all.contains(&format!("Т — {n} / {n}")), "the last page says which it is");
    }

    #[test]
    fn render_writes_a_pdf() {
        let doc = Printed {
            title: "Хаттама".into(),
            lang: "kk".into(),
            blocks: vec![Block::Title("ХАТТАМА".into()), Block::Field("Қатысқандар".into(), "25".into()), Block::Paragraph("Шешім қабылданды.".into())],
        };
        let pdf = render(&doc).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        assert!(pdf.len() > 1000);
    }
}
