#!/usr/bin/env python3
"""The word endings by which the language detector (`crates/kelisim-text/src/lang.rs`)
tells Kazakh typed without its own letters from Russian, derived from the data.

Kazakh typed on a Russian keyboard has none of the letters only Kazakh uses
("Озбектер шошка, оларды елимизден жойындар"); a short post of it often has
none of the function words either, and was read as Russian. Its endings give
it away: "-ын", "-ыз", "-ып", "-лардын", "-дагы" end almost no Russian word.
So a word with no letter evidence and no function word votes by its ending:

- Kazakh: the last three or four letters of words of the Kazakh set typed
  without Kazakh letters (ә→а, і→и, ң→н, ғ→г, ү/ұ→у, қ→к, ө→о, һ→х), found at
  least MIN_COUNT times there and at most 1/KK_RATIO as often (per word) in
  Russian (the Russian set and the seeds' paragraphs without Kazakh letters):
  "-ктер" of "өзбектер" ends "характер" too, but fifty times more rarely;
- Russian: the last three or four letters of Russian words found at least
  MIN_COUNT times and at most 1/RU_RATIO as often (per word) in Kazakh text
  (the Kazakh set as written and typed plain, the seeds' Kazakh paragraphs
  typed plain: some of it is Russian or borrows Russian words).

Only words of at least three letters more than the ending count, and an
ending is dropped when a shorter chosen ending of the same language ends it.

It first measures the rule on data it did not choose from (endings chosen on
even rows of each set, measured on odd rows), then chooses from all of it
and writes `crates/kelisim-text/src/lang_endings.rs`.

Run: python3 tools/language_endings.py      (standard library; seconds)
"""
import collections
import csv
import glob
import json
import os
import re

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
SHARED = os.path.join(ROOT, "..", "shared")
OUT = os.path.join(ROOT, "crates", "kelisim-text", "src", "lang_endings.rs")

MIN_COUNT = 20
RU_RATIO = 20
KK_RATIO = 50
# Letters a word must have beyond its ending to vote by it.
BEYOND = 3

PLAIN = str.maketrans("әіңғүұқөһ", "аингуукох")
KAZAKH_LETTERS = set("әіңғүұқөһ")
RUSSIAN_LETTERS = set("ёъщэ")

LANG_RS = os.path.join(ROOT, "crates", "kelisim-text", "src", "lang.rs")


def rust_words(name):
    """The strings of the constant `name` of lang.rs (the detector's own
    function words, which vote before endings do)."""
    source = open(LANG_RS, encoding="utf-8").read()
    body = re.search(r"const " + name + r": &\[&str\] = &\[(.*?)\];", source, re.S)
    return re.findall(r'"([^"]*)"', body.group(1))


KK_WORDS = rust_words("KK_WORDS")
RU_WORDS = rust_words("RU_WORDS")
NOT_TYPED = set(rust_words("NOT_TYPED_PLAIN"))


def typed_plain(w):
    return {w.translate(PLAIN), w.translate(str.maketrans("әңғүұқөһ", "ангуукох"))}


KK_FUNCTION = set(KK_WORDS) | {t for w in KK_WORDS for t in typed_plain(w) if t not in RU_WORDS and t not in NOT_TYPED}
RU_FUNCTION = set(RU_WORDS)


def words(text):
    text = re.sub(r"<[^>]*>", " ", text).lower().replace("ё", "е")
    return re.findall(r"[а-яәіңғүұқөһ]+", text)


def plain_words(text):
    return words(text.translate(PLAIN))


def no_letter_evidence(w):
    return not any(c in KAZAKH_LETTERS or c in RUSSIAN_LETTERS for c in w)


def vocabulary(texts, read):
    c = collections.Counter()
    for t in texts:
        c.update(w for w in read(t) if no_letter_evidence(w))
    return c


def ending_counts(vocab):
    c = collections.Counter()
    for w, n in vocab.items():
        for k in (3, 4):
            if len(w) >= k + BEYOND:
                c[w[-k:]] += n
    return c


def shortest(endings):
    endings = sorted(set(endings), key=len)
    return sorted(e for e in endings if not any(e != s and e.endswith(s) for s in endings))


def choose(kk_texts, ru_texts, seed_ru, seed_kk):
    ru_vocab = vocabulary(ru_texts + seed_ru, words)
    kk_plain = vocabulary(kk_texts, plain_words)
    kk_any = vocabulary(kk_texts, plain_words) + vocabulary(kk_texts, words) + vocabulary(seed_kk, plain_words)
    ru_end, kk_end, kk_any_end = ending_counts(ru_vocab), ending_counts(kk_plain), ending_counts(kk_any)
    ru_total, kk_total, kk_any_total = sum(ru_vocab.values()), sum(kk_plain.values()), sum(kk_any.values())
    kazakh = [e for e, n in kk_end.items() if n >= MIN_COUNT and ru_end[e] / ru_total <= n / kk_total / KK_RATIO]
    russian = [e for e, n in ru_end.items() if n >= MIN_COUNT and kk_any_end[e] / kk_any_total <= n / ru_total / RU_RATIO]
    return shortest(kazakh), shortest(russian)


def detector(kazakh, russian):
    kazakh, russian = set(kazakh), set(russian)

    def ends_in(w, endings):
        return any(len(w) >= k + BEYOND and w[-k:] in endings for k in (4, 3))

    def detect(ws, with_endings=True):
        kk = ru = 0
        for w in ws:
            if any(c in KAZAKH_LETTERS for c in w) or w in KK_FUNCTION:
                kk += 1
            elif any(c in RUSSIAN_LETTERS for c in w) or w in RU_FUNCTION:
                ru += 1
            elif with_endings and ends_in(w, kazakh):
                kk += 1
            elif with_endings and ends_in(w, russian):
                ru += 1
        if kk >= 2 and ru >= 2 and min(kk, ru) * 5 >= kk + ru:
            return "mixed"
        return "kk" if kk > ru else "ru"

    return detect


def load():
    kk = [r["message"] for r in csv.DictReader(open(os.path.join(SHARED, "data", "kk-offensive", "train.csv"), encoding="utf-8"))]
    seen, ru = set(), []
    for line in open(os.path.join(SHARED, "data", "ruethnohate", "train.jsonl"), encoding="utf-8"):
        j = json.loads(line)
        if j["text_id"] not in seen:
            seen.add(j["text_id"])
            ru.append(j["text"])
    paragraphs = []
    for f in sorted(glob.glob(os.path.join(SHARED, "seeds", "*.txt"))):
        paragraphs += [p for p in open(f, encoding="utf-8").read().split("\n") if p.strip()]
    seed_kk = [p for p in paragraphs if any(c in KAZAKH_LETTERS for c in p.lower())]
    seed_ru = [p for p in paragraphs if p not in seed_kk]
    return kk, ru, seed_ru, seed_kk


def measure(name, detect, texts, read):
    before, after = collections.Counter(), collections.Counter()
    for t in texts:
        before[detect(read(t), False)] += 1
        after[detect(read(t))] += 1
    print(f"  {name}: without endings {dict(sorted(before.items()))}, with {dict(sorted(after.items()))}")


def rust_list(name, doc, endings):
    lines = [f"/// {doc}", f"pub(crate) const {name}: [&str; {len(endings)}] = ["]
    row = "   "
    for e in endings:
        item = f' "{e}",'
        if len(row) + len(item) > 100:
            lines.append(row)
            row = "   "
        row += item
    lines.append(row)
    lines.append("];")
    return "\n".join(lines)


def main():
    kk, ru, seed_ru, seed_kk = load()
    even, odd = (lambda xs: xs[0::2]), (lambda xs: xs[1::2])
    kazakh, russian = choose(even(kk), even(ru), even(seed_ru), even(seed_kk))
    detect = detector(kazakh, russian)
    print(f"chosen on even rows: {len(kazakh)} Kazakh endings, {len(russian)} Russian; measured on odd rows:")
    measure("Kazakh set typed without Kazakh letters", detect, odd(kk), plain_words)
    measure("Kazakh set as written", detect, odd(kk), words)
    measure("Russian set", detect, odd(ru), words)
    measure("Russian set, first four words", detect, odd(ru), lambda t: words(t)[:4])
    measure("Kazakh set typed plain, first four words", detect, odd(kk), lambda t: plain_words(t)[:4])
    measure("seeds' Russian paragraphs", detect, odd(seed_ru), words)
    measure("seeds' Kazakh paragraphs typed plain", detect, odd(seed_kk), plain_words)

    kazakh, russian = choose(kk, ru, seed_ru, seed_kk)
    print(f"chosen on all rows: {len(kazakh)} Kazakh endings, {len(russian)} Russian; written to {os.path.relpath(OUT, ROOT)}")
    source = "\n".join([
        "//! Word endings that vote for a language when a word has no other evidence",
        "//! (generated by `tools/language_endings.py` from `../shared/data` and",
        "//! `../shared/seeds`: run it again rather than editing by hand).",
        "",
        rust_list("KAZAKH_ENDINGS", f"Endings of Kazakh typed without Kazakh letters (at least {MIN_COUNT} times in the Kazakh set typed so, at most 1/{KK_RATIO} as often in Russian).", kazakh),
        "",
        rust_list("RUSSIAN_ENDINGS", f"Endings of Russian words (at least {MIN_COUNT} times in Russian text, at most 1/{RU_RATIO} as often in Kazakh).", russian),
        "",
    ])
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(source)


if __name__ == "__main__":
    main()
