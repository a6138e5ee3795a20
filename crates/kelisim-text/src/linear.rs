//! A multinomial logistic regression over hashed sparse features, trained by
//! AdaGrad with L2 regularisation, in a fixed order: the same data and
//! settings give the same model on every machine.

use crate::features::{Features, SLOTS};

#[derive(Debug, Clone)]
pub struct Linear {
    pub classes: usize,
    /// `SLOTS × classes`, feature-major (hashed slots, then the dense inputs).
    pub weights: Vec<f32>,
    pub bias: Vec<f32>,
}

#[derive(Debug, Clone, Copy)]
pub struct TrainConfig {
    pub epochs: usize,
    pub learning_rate: f32,
    pub l2: f32,
    pub seed: u64,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig { epochs: 8, learning_rate: 0.4, l2: 1e-6, seed: 7 }
    }
}

fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Linear {
    pub fn new(classes: usize) -> Linear {
        Linear { classes, weights: vec![0.0; SLOTS * classes], bias: vec![0.0; classes] }
    }

    /// Class probabilities.
    pub fn predict(&self, f: &Features) -> Vec<f32> {
        let mut z = self.bias.clone();
        for (&i, &v) in f.idx.iter().zip(&f.val) {
            let row = &self.weights[i as usize * self.classes..(i as usize + 1) * self.classes];
            for (zc, w) in z.iter_mut().zip(row) {
                *zc += w * v;
            }
        }
        let max = z.iter().copied().fold(f32::MIN, f32::max);
        let exp: Vec<f32> = z.iter().map(|x| (x - max).exp()).collect();
        let sum: f32 = exp.iter().sum();
        exp.into_iter().map(|e| e / sum).collect()
    }

    /// Trains on `(features, class, weight)` examples.
    pub fn train(classes: usize, data: &[(Features, usize, f32)], cfg: TrainConfig) -> Linear {
        let mut model = Linear::new(classes);
        let mut g2 = vec![1e-8f32; SLOTS * classes];
        let mut gb = vec![1e-8f32; classes];
        let mut order: Vec<usize> = (0..data.len()).collect();
        let mut state = cfg.seed;
        for _ in 0..cfg.epochs {
            for i in (1..order.len()).rev() {
                let j = (splitmix(&mut state) % (i as u64 + 1)) as usize;
                order.swap(i, j);
            }
            for &n in &order {
                let (f, y, weight) = &data[n];
                let p = model.predict(f);
                for c in 0..classes {
                    let g = (p[c] - if c == *y { 1.0 } else { 0.0 }) * weight;
                    for (&i, &v) in f.idx.iter().zip(&f.val) {
                        let k = i as usize * classes + c;
                        let grad = g * v + cfg.l2 * model.weights[k];
                        g2[k] += grad * grad;
                        model.weights[k] -= cfg.learning_rate * grad / g2[k].sqrt();
                    }
                    gb[c] += g * g;
                    model.bias[c] -= cfg.learning_rate * g / gb[c].sqrt();
                }
            }
        }
        model
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::{text_features, tokens, Features};

    fn f(text: &str) -> Features {
        text_features(&tokens(text), &[])
    }

    #[test]
    fn learns_a_separable_toy_problem_the_same_way_twice() {
        let texts = [("хорошие добрые люди", 0), ("плохие злые люди", 1), ("добрые соседи", 0), ("злые соседи", 1)];
        let data: Vec<(Features, usize, f32)> = texts.iter().map(|(t, y)| (f(t), *y, 1.0)).collect();
        let a = Linear::train(2, &data, TrainConfig::default());
        let b = Linear::train(2, &data, TrainConfig::default());
        assert_eq!(a.weights, b.weights);
        assert!(a.predict(&f("злые люди"))[1] > 0.5);
        assert!(a.predict(&f("добрые люди"))[0] > 0.5);
    }
}
