//! Figures of a classifier on labelled data: precision, recall and F1 per
//! class, macro-F1, ROC-AUC and average precision. Plain definitions, no
//! interpolation: average precision is the mean of the precision at the rank
//! of each positive.

/// Precision, recall and F1 of one class.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ClassFigures {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub support: usize,
}

/// Precision, recall and F1 of class `c` given predicted and gold classes.
pub fn class_figures(pred: &[usize], gold: &[usize], c: usize) -> ClassFigures {
    let tp = pred.iter().zip(gold).filter(|(p, g)| **p == c && **g == c).count() as f64;
    let predicted = pred.iter().filter(|p| **p == c).count() as f64;
    let support = gold.iter().filter(|g| **g == c).count();
    let precision = if predicted == 0.0 { 0.0 } else { tp / predicted };
    let recall = if support == 0 { 0.0 } else { tp / support as f64 };
    let f1 = if precision + recall == 0.0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) };
    ClassFigures { precision, recall, f1, support }
}

/// Mean F1 over the classes `0..classes`.
pub fn macro_f1(pred: &[usize], gold: &[usize], classes: usize) -> f64 {
    (0..classes).map(|c| class_figures(pred, gold, c).f1).sum::<f64>() / classes as f64
}

/// Area under the ROC curve: the chance that a random positive scores above a
/// random negative (ties count half). `None` without both kinds.
pub fn roc_auc(scores: &[f64], labels: &[bool]) -> Option<f64> {
    let mut pairs: Vec<(f64, bool)> = scores.iter().copied().zip(labels.iter().copied()).collect();
    pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let positives = labels.iter().filter(|l| **l).count() as f64;
    let negatives = labels.len() as f64 - positives;
    if positives == 0.0 || negatives == 0.0 {
        return None;
    }
    // Sum of the (average, for ties) ranks of the positives.
    let mut rank_sum = 0.0;
    let mut i = 0;
    while i < pairs.len() {
        let mut j = i;
        while j < pairs.len() && pairs[j].0 == pairs[i].0 {
            j += 1;
        }
        let average_rank = (i + j + 1) as f64 / 2.0;
        rank_sum += pairs[i..j].iter().filter(|p| p.1).count() as f64 * average_rank;
        i = j;
    }
    Some((rank_sum - positives * (positives + 1.0) / 2.0) / (positives * negatives))
}

/// Average precision: mean precision at the rank of each positive, ranking by
/// score, highest first. `None` without positives.
pub fn average_precision(scores: &[f64], labels: &[bool]) -> Option<f64> {
    let mut pairs: Vec<(f64, bool)> = scores.iter().copied().zip(labels.iter().copied()).collect();
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0));
    let positives = labels.iter().filter(|l| **l).count() as f64;
    if positives == 0.0 {
        return None;
    }
    let (mut hits, mut sum) = (0.0, 0.0);
    for (i, (_, l)) in pairs.iter().enumerate() {
        if *l {
            hits += 1.0;
            sum += hits / (i + 1) as f64;
        }
    }
    Some(sum / positives)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_on_a_small_case_worked_by_hand() {
        let gold = [0, 0, 1, 1, 2];
        let pred = [0, 1, 1, 1, 0];
        let f = class_figures(&pred, &gold, 0);
        assert_eq!((f.precision, f.recall, f.support), (0.5, 0.5, 2));
        assert!((macro_f1(&pred, &gold, 3) - (0.5 + 0.8 + 0.0) / 3.0).abs() < 1e-12);
        let scores = [0.9, 0.8, 0.7, 0.6];
        let labels = [true, false, true, false];
        assert_eq!(roc_auc(&scores, &labels), Some(0.75));
        assert!((average_precision(&scores, &labels).unwrap() - (1.0 + 2.0 / 3.0) / 2.0).abs() < 1e-12);
        assert_eq!(roc_auc(&[0.5, 0.5], &[true, false]), Some(0.5), "ties count half");
        assert_eq!(roc_auc(&[0.1], &[true]), None);
    }
}
