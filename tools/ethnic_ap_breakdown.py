#!/usr/bin/env python3
"""Where the text-level ethnic-hostility figure of issue 3 loses: one
held-out fold of RuEthnoHate, analysed by a model trained on the rest.

RuEthnoHate labels a text hostile when one of its *annotated* groups is
annotated negative; `ethnic_hostility` reads hostility at *any* group the
text names. This prints, on the held-out texts:

- average precision of `ethnic_hostility`, with the annotated groups given
  as `targets` and without;
- average precision of the strongest `negative` over the annotated targets
  (what the label speaks of) and over the groups the engine found;
- the texts labelled not hostile in which the engine finds a group that was
  not annotated at `negative` > 0.5, with the strongest of them, to read;
- how many of the groups the engine finds were annotated, by how many groups
  the text names (the label speaks of the annotated ones only).

Steps: the engine's folds (`kelisim_text::training::fold_of` of the
`text_id`); `kelisim text train` on the other four folds, the Kazakh set, the
ordinary Kazakh and Russian lines and the short posts naming groups
(`crates/kelisim-text/training/`), its
own cross-validation included: the default model is made so (README); `kelisim
text analyze` on the held-out texts. About a minute. Standard library only.

With `--all-folds`, only the `ethnic_hostility` figure (targets given), for
each of the five folds held out in turn, their mean, and the five folds'
texts pooled into one ranking: what a model made the README's way scores on
texts it never saw, and how much that moves with which texts they are (five
minutes). The pooled figure differs a little from `text train`'s own
cross-validated one, whose fold models learn from four fifths of every file
(here every file but RuEthnoHate is learnt whole, as the default model does).

With `--learning-curve`, the same for models trained on two, three and all
four of the other folds (the first of them in order; the rest of the
training data as always): how the figure grows with the RuEthnoHate texts a
model learns from. The default model learns from all five folds, a quarter
more than any held-out figure's model (ten minutes).

Run: python3 tools/ethnic_ap_breakdown.py [--bin target/release/kelisim] [--fold 0 | --all-folds | --learning-curve]
"""
import argparse
import json
import os
import subprocess
import tempfile

FOLDS = 5
DATA = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data")
TRAINING = os.path.join(os.path.dirname(__file__), "..", "crates", "kelisim-text", "training")
ORDINARY = [os.path.join(TRAINING, f) for f in ("kk-ordinary.txt", "ru-ordinary.txt")]
GROUP_POSTS = os.path.join(TRAINING, "group-posts.csv")


def fold_of(key):
    """kelisim_text::training::fold_of."""
    return (((key * 0x9E3779B97F4A7C15) % 2**64) >> 59) % FOLDS


def average_precision(scores, labels):
    """Mean of the precision at each positive, ranked by score (ties in input order)."""
    ranked = sorted(zip(scores, labels), key=lambda p: -p[0])
    hits, total = 0, 0.0
    for k, (_, y) in enumerate(ranked, 1):
        if y:
            hits += 1
            total += hits / k
    return total / max(hits, 1)


def analyze(binary, model, rows):
    """`kelisim text analyze` over rows, by id (spans are byte offsets into the UTF-8 text)."""
    out = subprocess.run([binary, "text", "analyze", "--model", model], input="".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), capture_output=True, text=True, check=True).stdout
    return {a["id"]: a for a in map(json.loads, out.splitlines())}


def held_out(binary, fold, with_bare=True, train_folds=None):
    """The texts of `fold` and their analyses (targets given, and none) by a
    model trained the README's way on the rest (on `train_folds` of it when given)."""
    texts = {}
    with tempfile.TemporaryDirectory() as tmp:
        train = os.path.join(tmp, "train.jsonl")
        with open(os.path.join(DATA, "ruethnohate", "train.jsonl"), encoding="utf-8") as f, open(train, "w", encoding="utf-8") as out:
            for line in f:
                o = json.loads(line)
                if fold_of(o["text_id"]) == fold:
                    t = texts.setdefault(str(o["text_id"]), {"text": o["text"], "targets": [], "classes": []})
                    t["targets"].append(o["ethnic_group"])
                    t["classes"].append(o["class"])
                elif train_folds is None or fold_of(o["text_id"]) in train_folds:
                    out.write(line)
        model = os.path.join(tmp, "model.kmodel")
        ordinary = [a for path in ORDINARY for a in ("--input", path, "--format", "ordinary")]
        subprocess.run([binary, "text", "train", "--input", train, "--format", "ruethnohate", "--input", os.path.join(DATA, "kk-offensive", "train.csv"), "--format", "csv", *ordinary, "--input", GROUP_POSTS, "--format", "csv", "--out", model], check=True, capture_output=True)
        given = analyze(binary, model, [{"id": i, "text": t["text"], "targets": t["targets"]} for i, t in texts.items()])
        bare = analyze(binary, model, [{"id": i, "text": t["text"]} for i, t in texts.items()]) if with_bare else None
    return texts, given, bare


def held_out_scores(binary, fold, train_folds=None):
    """`ethnic_hostility` (targets given) and the label of each text of `fold`, by a model trained on the rest (or on `train_folds`)."""
    texts, given, _ = held_out(binary, fold, with_bare=False, train_folds=train_folds)
    return [given[i]["ethnic_hostility"] for i in texts], [-1 in texts[i]["classes"] for i in texts]


def held_out_ap(binary, fold, train_folds=None):
    """`ethnic_hostility` AP (targets given) on `fold`, by a model trained on the rest (or on `train_folds`)."""
    scores, labels = held_out_scores(binary, fold, train_folds)
    return average_precision(scores, labels), len(labels)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="target/release/kelisim")
    ap.add_argument("--fold", type=int, default=0)
    ap.add_argument("--all-folds", action="store_true")
    ap.add_argument("--learning-curve", action="store_true")
    ap.add_argument("--show", type=int, default=15)
    args = ap.parse_args()
    if args.learning_curve:
        means = {}
        for size in (2, 3, 4):
            figures = []
            for fold in range(FOLDS):
                others = [f for f in range(FOLDS) if f != fold][:size]
                figures.append(held_out_ap(args.bin, fold, set(others))[0])
                print(f"trained on {size} folds {others}, fold {fold} held out: ethnic_hostility AP {figures[-1]:.3f}", flush=True)
            means[size] = sum(figures) / FOLDS
            print(f"{size} folds: mean {means[size]:.3f}, from {min(figures):.3f} to {max(figures):.3f}", flush=True)
        print("mean by folds learnt from: " + ", ".join(f"{k}: {v:.3f}" for k, v in means.items()))
        return
    if args.all_folds:
        figures, pooled = [], ([], [])
        for fold in range(FOLDS):
            scores, labels = held_out_scores(args.bin, fold)
            figures.append(average_precision(scores, labels))
            pooled[0].extend(scores)
            pooled[1].extend(labels)
            print(f"fold {fold}: {len(labels)} held-out texts, ethnic_hostility AP {figures[-1]:.3f}", flush=True)
        print(f"mean {sum(figures) / FOLDS:.3f}, from {min(figures):.3f} to {max(figures):.3f}; "
              f"the five folds' texts pooled (each scored by the model that did not see it) {average_precision(*pooled):.4f}")
        return
    texts, given, bare = held_out(args.bin, args.fold)
    ids = list(texts)
    labels = [-1 in texts[i]["classes"] for i in ids]
    strongest = lambda items: max([x["negative"] for x in items] + [0.0])
    print(f"fold {args.fold}: {len(ids)} held-out texts, {sum(labels)} labelled hostile to an annotated group")
    for name, score in [
        ("ethnic_hostility, annotated groups given as targets", lambda i: given[i]["ethnic_hostility"]),
        ("ethnic_hostility, no targets", lambda i: bare[i]["ethnic_hostility"]),
        ("strongest negative over the annotated targets", lambda i: strongest(given[i]["targets"])),
        ("strongest negative over the groups the engine found", lambda i: strongest(bare[i]["groups"])),
    ]:
        print(f"  AP {average_precision([score(i) for i in ids], labels):.3f}  {name}")
    found = []
    for i, y in zip(ids, labels):
        if y:
            continue
        annotated = {t["group"] for t in given[i]["targets"]}
        for g in given[i]["groups"]:
            if g["group"] not in annotated and g["negative"] > 0.5:
                found.append((g["negative"], i, g["group"], [texts[i]["text"].encode()[m["start"]:m["end"]].decode() for m in g["mentions"]][:3]))
    print(f"texts labelled not hostile with a group not annotated at negative > 0.5: {len({f[1] for f in found})}")
    for negative, i, group, forms in sorted(found, reverse=True)[: args.show]:
        print(f"  {negative:.2f} {group} {forms} (annotated: {', '.join(texts[i]['targets'])}) text_id {i}")
    by_count = {}
    for i in ids:
        annotated = {t["group"] for t in given[i]["targets"]}
        named = [g["group"] for g in given[i]["groups"]]
        row = by_count.setdefault(min(len(named), 5), [0, 0])
        row[0] += sum(g in annotated for g in named)
        row[1] += len(named)
    print("groups found that were annotated, by how many groups the text names:")
    for n, (hit, total) in sorted(by_count.items()):
        if total:
            print(f"  {n}{'+' if n == 5 else ''} groups: {hit} of {total} ({100 * hit / total:.0f} %)")


if __name__ == "__main__":
    main()
