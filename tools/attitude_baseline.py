#!/usr/bin/env python3
"""The baseline of issue 3, under the engine's own folds: TF-IDF + logistic
regression on RuEthnoHate, so that the engine's cross-validated figures
(`kelisim text train`) can be set beside it.

- attitude (per text x group): TF-IDF of word 1-2-grams of the text beside a
  one-hot of the annotated group's name, multinomial logistic regression with
  balanced class weights; macro-F1 over negative, neutral, positive;
- text-level ethnic hostility (a text is positive when any of its groups is
  annotated negative): the same TF-IDF, binary logistic regression; average
  precision. Also with character 2-5-grams within words (markup stripped,
  lower case, `ё` as `е`): the strongest variant of this baseline we found
  for that figure.

Folds: the engine's (`kelisim_text::training::fold_of` of the `text_id`), so
every text is scored by a model that never saw it, as in `kelisim text
train`. C is chosen on a grid by the pooled held-out figure (a choice the
engine's figures do not get, so the baseline is, if anything, flattered).

Needs scikit-learn (`pip install scikit-learn`).
Run: python3 tools/attitude_baseline.py [../shared/data/ruethnohate/train.jsonl]
"""
import json
import re
import sys

import numpy as np
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, f1_score
from sklearn.preprocessing import OneHotEncoder

FOLDS = 5


def fold_of(key):
    """kelisim_text::training::fold_of."""
    return (((key * 0x9E3779B97F4A7C15) % 2**64) >> 59) % FOLDS


def held_out(make_model, x, y, folds, proba):
    out = np.zeros((len(y), 3)) if not proba else np.zeros(len(y))
    for k in range(FOLDS):
        train, test = folds != k, folds == k
        m = make_model().fit(x[train], y[train])
        out[test] = m.predict_proba(x[test])[:, 1] if proba else m.predict_proba(x[test])
    return out


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/ruethnohate/train.jsonl"
    rows = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    # Attitude: one row per annotated (text, group).
    y = np.array([{-1: 0, 0: 1, 1: 2}[r["class"]] for r in rows])
    folds = np.array([fold_of(r["text_id"]) for r in rows])
    words = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True).fit_transform([r["text"] for r in rows])
    target = OneHotEncoder(handle_unknown="ignore").fit_transform(np.array([[r["ethnic_group"]] for r in rows]))
    x = hstack([words, target]).tocsr()
    best = (0.0, None)
    for c in [1.0, 3.0, 10.0]:
        p = held_out(lambda: LogisticRegression(C=c, max_iter=3000, class_weight="balanced"), x, y, folds, proba=False)
        f1 = f1_score(y, p.argmax(1), average="macro")
        print(json.dumps({"attitude_macro_f1": round(f1, 4), "C": c}))
        best = max(best, (f1, c))
    # Text-level ethnic hostility.
    texts = {}
    for r in rows:
        t = texts.setdefault(r["text_id"], [r["text"], False])
        t[1] = t[1] or r["class"] == -1
    ids = list(texts)
    ty = np.array([texts[i][1] for i in ids], dtype=int)
    tfolds = np.array([fold_of(i) for i in ids])
    plain = [re.sub(r"<[^>]+>", " ", texts[i][0]).lower().replace("ё", "е") for i in ids]
    grams = {
        "words": TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True).fit_transform([texts[i][0] for i in ids]),
        "chars": TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True).fit_transform(plain),
    }
    best_ap = {}
    for name, tx in grams.items():
        for c in [1.0, 3.0, 10.0, 30.0]:
            p = held_out(lambda: LogisticRegression(C=c, max_iter=3000, class_weight="balanced"), tx, ty, tfolds, proba=True)
            ap = average_precision_score(ty, p)
            print(json.dumps({"ethnic_hostility_average_precision": round(ap, 4), "grams": name, "C": c}))
            best_ap[name] = max(best_ap.get(name, (0.0, None)), (round(ap, 4), c))
    print(json.dumps({"best": {"attitude_macro_f1": round(best[0], 4), "C": best[1], "ethnic_hostility_average_precision": best_ap},
                      "instances": len(rows), "texts": len(ids)}))


if __name__ == "__main__":
    main()
