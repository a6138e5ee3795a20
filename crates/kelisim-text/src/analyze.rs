//! The whole pipeline for one text: normalise, detect the language, find the
//! groups and places, score hostility, ethnic hostility and the attitude
//! toward each group (and each requested target), sign for near-duplicates.

use crate::features::tokens;
use crate::groups::{from_hits as groups_from_hits, resolve, Mention};
use crate::lang::{detect_words, Lang};
use crate::model::{group_term, Attitude, Model, ETHNIC, HOSTILITY};
use crate::normalize::normalize;
use crate::places::from_hits as places_from_hits;
use crate::scan::scan_skipping;
use crate::signature::simhash_words;

/// A mention's byte span in the original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// A group the text mentions, with the text's attitude toward it.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupAttitude {
    pub group: &'static str,
    pub mentions: Vec<Span>,
    pub attitude: Attitude,
    /// Probability that the attitude is negative.
    pub negative: f32,
}

/// The attitude toward a group the caller asked about.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetAttitude {
    /// The name as given.
    pub target: String,
    /// The group it resolves to, if any.
    pub group: Option<&'static str>,
    pub attitude: Attitude,
    pub negative: f32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    pub lang: Lang,
    pub hostility: f32,
    pub ethnic_hostility: f32,
    /// The strongest probability of a negative attitude toward a group the
    /// text names or the caller asked about (0 when there is none).
    pub strongest_negative: f32,
    pub groups: Vec<GroupAttitude>,
    pub targets: Vec<TargetAttitude>,
    /// KATO codes of the regions named, in order of first mention.
    pub regions: Vec<&'static str>,
    pub signature: u64,
}

fn argmax(p: &[f32; 3]) -> Attitude {
    let best = (0..3).fold(0, |b, c| if p[c] > p[b] { c } else { b });
    Attitude::ALL[best]
}

impl Model {
    /// Analyses one text. `lang`, when given, is taken as the text's language;
    /// `targets` are group names in any language or form.
    pub fn analyze(&self, text: &str, lang: Option<Lang>, targets: &[&str]) -> Analysis {
        let norm = normalize(text);
        let toks = tokens(&norm.text);
        // The words' shares first: the memo also knows which words start no
        // lexicon pattern, and the scan skips them (and tells which new ones do not).
        let words = self.word_scores(&toks);
        let (hits, no_hit) = scan_skipping(&norm.text, &toks, |k| words[k].no_hit);
        self.remember_no_hits(no_hit.iter().map(|&k| toks[k].key));
        let mentions: Vec<Mention> = groups_from_hits(&norm, &hits);
        let scores = self.score_text_with(&toks, &words, &mentions);
        let attitude_toward = |group: Option<&str>| {
            let p = self.score_target(&scores, &toks, &mentions, group);
            (argmax(&p), p[0])
        };
        let mut groups: Vec<GroupAttitude> = Vec::new();
        for m in &mentions {
            match groups.iter_mut().find(|g| g.group == m.group) {
                Some(g) => g.mentions.push(Span { start: m.start, end: m.end }),
                None => groups.push(GroupAttitude { group: m.group, mentions: vec![Span { start: m.start, end: m.end }], attitude: Attitude::Neutral, negative: 0.0 }),
            }
        }
        for g in groups.iter_mut() {
            (g.attitude, g.negative) = attitude_toward(Some(g.group));
        }
        let targets: Vec<TargetAttitude> = targets
            .iter()
            .map(|t| {
                let group = resolve(t);
                let (attitude, negative) = match groups.iter().find(|g| Some(g.group) == group) {
                    Some(g) => (g.attitude, g.negative),
                    None => attitude_toward(group),
                };
                TargetAttitude { target: t.to_string(), group, attitude, negative }
            })
            .collect();
        // The strongest negative attitude toward a group the text names or the
        // caller asks about; none when there is neither (hostility at a group
        // nobody names is left to the ethnic-hostility head alone).
        let max_negative = groups.iter().map(|g| g.negative).chain(targets.iter().map(|t| t.negative)).fold(0.0, f32::max);
        Analysis {
            lang: lang.unwrap_or_else(|| detect_words(&toks)),
            hostility: self.probability(HOSTILITY, scores[HOSTILITY], 0.0),
            ethnic_hostility: self.probability(ETHNIC, scores[ETHNIC], group_term(max_negative)),
            strongest_negative: max_negative,
            groups,
            targets,
            regions: places_from_hits(&norm, &hits),
            signature: simhash_words(&norm.text, &toks),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_part_of_the_analysis_is_filled() {
        let m = Model::builtin();
        let text = "Казахи и русские в Шымкенте вместе провели праздник дружбы";
        let a = m.analyze(text, None, &["казах", "чурка", "марсиане"]);
        assert_eq!(a.lang, Lang::Ru);
        assert_eq!(a.groups.iter().map(|g| g.group).collect::<Vec<_>>(), vec!["kazakh", "russian"]);
        assert_eq!(&text[a.groups[0].mentions[0].start..a.groups[0].mentions[0].end], "Казахи");
        assert_eq!(a.targets.iter().map(|t| t.group).collect::<Vec<_>>(), vec![Some("kazakh"), Some("central_asian"), None]);
        assert_eq!(a.targets[0].negative, a.groups[0].negative, "a target the text names gets the group's attitude");
        assert_eq!(a.regions, vec!["790000000"]);
        assert!((0.0..=1.0).contains(&a.hostility) && (0.0..=1.0).contains(&a.ethnic_hostility));
        assert_ne!(a.signature, 0);
        assert_eq!(m.analyze(text, Some(Lang::Kk), &[]).lang, Lang::Kk, "a given language is kept");
    }

    #[test]
    fn an_analysis_is_the_same_whatever_the_engine_remembers() {
        let m = Model::builtin();
        let texts = ["Эти чурки понаехали в Алматы и в Урджарском районе, биржан сал ауданы", "Қазақтар мен орыстар бірге, Северо-Казахстанская область", "щщщ и в на биржан"];
        crate::word_memo::forget();
        let cold: Vec<Analysis> = texts.iter().map(|t| m.analyze(t, None, &["казах"])).collect();
        for _ in 0..2 {
            let warm: Vec<Analysis> = texts.iter().map(|t| m.analyze(t, None, &["казах"])).collect();
            assert_eq!(warm, cold, "the memo and the scan's skips change nothing");
        }
        assert_eq!(cold[0].regions, vec!["750000000", "100000000", "110000000"], "Almaty, then the regions of the two districts");
        assert_eq!(cold[1].groups.iter().map(|g| g.group).collect::<Vec<_>>(), vec!["kazakh", "russian"]);
    }

    #[test]
    fn a_huge_text_with_thousands_of_mentions_is_analysed_whole() {
        // Found by fuzzing: per-mention look-ups over all mentions made this quadratic.
        let text = "Эти чурки понаехали в Алматы, казахов больше. ".repeat(5000);
        let a = Model::builtin().analyze(&text, None, &["казах"]);
        let count = |id: &str| a.groups.iter().find(|g| g.group == id).map_or(0, |g| g.mentions.len());
        assert_eq!((count("kazakh"), count("central_asian")), (5000, 5000));
        assert_eq!(a.regions, vec!["750000000"]);
    }
}
