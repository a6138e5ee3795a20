//! Small text helpers shared by storage and search.

/// The lower-cased, `ё`-folded form used for case-insensitive search in both
/// databases. SQLite's `lower()` folds ASCII only, so Cyrillic search folds in
/// Rust, once, on write (the `search_text` columns) and on query.
pub fn search_fold(s: &str) -> String {
    s.trim().to_lowercase().replace('ё', "е")
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn folds_cyrillic_and_kazakh_letters() {
        assert_eq!(search_fold(" ЁЛКА Қазақ "), "елка қазақ");
    }
}
