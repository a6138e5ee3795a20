//! The texts of a JSON Lines file (its `text` fields), for the examples
//! that measure the engine over a file.

pub fn read(path: &str) -> Vec<String> {
    let data = std::fs::read_to_string(path).expect("read the input");
    data.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("a JSON line")["text"].as_str().unwrap_or("").to_string())
        .collect()
}
