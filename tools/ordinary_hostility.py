#!/usr/bin/env python3
"""How often ordinary text the model never learnt from reads as hostile.

Two kinds of text no model is trained on:

- the UI's own strings (`crates/kelisim-web/i18n/ru.ftl`, `kk.ftl` and
  `en.ftl`, placeholders taken out), counted for the language the engine reads them in,
  by how many words they have: the one-word ones are as short as a reply
  under a post ("согласен", "рахмет");
- the seed documents' paragraphs (`../shared/seeds/*.txt`, one a line, as the
  seeds test reads them), Russian and Kazakh apart.

For each, how many score `hostility` >= 0.5 (the `hostile` column of the
daily counts) and their mean; for the seeds also how many score
`ethnic_hostility` >= 0.5 (the seeds test's bar) and >= 0.3, and the highest
(the margin under that bar). With `--show`, the strings that do. Under a
minute. Standard library only.

Run: python3 tools/ordinary_hostility.py [--bin target/release/kelisim] [--model FILE] [--show]
"""
import argparse
import glob
import json
import os
import re
import subprocess

ROOT = os.path.join(os.path.dirname(__file__), "..")
SEEDS = os.path.join(ROOT, "..", "shared", "seeds")


def ui_strings(lang):
    """The UI's strings in `lang` that have a letter, placeholders out, each once."""
    out = set()
    with open(os.path.join(ROOT, "crates", "kelisim-web", "i18n", f"{lang}.ftl"), encoding="utf-8") as f:
        for line in f:
            m = re.match(r"^[a-z0-9-]+\s*=\s*(.+)$", line)
            if m:
                text = re.sub(r"\s+", " ", re.sub(r"\{[^}]*\}", " ", m.group(1))).strip()
                if re.search(r"[^\W\d_]", text):
                    out.add(text)
    return sorted(out)


def analyze(args, texts):
    cmd = [args.bin, "text", "analyze"] + (["--model", args.model] if args.model else [])
    lines = "".join(json.dumps({"id": str(i), "text": t}, ensure_ascii=False) + "\n" for i, t in enumerate(texts))
    out = subprocess.run(cmd, input=lines, capture_output=True, text=True, check=True).stdout
    return [json.loads(line) for line in out.splitlines()]


def bucket(text):
    n = len(text.split())
    return "1" if n == 1 else "2-3" if n <= 3 else "4-7" if n <= 7 else "8+"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "kelisim"))
    ap.add_argument("--model")
    ap.add_argument("--show", action="store_true")
    args = ap.parse_args()
    for lang in ("ru", "kk", "en"):
        texts = ui_strings(lang)
        rows = {}
        for text, a in zip(texts, analyze(args, texts)):
            if a["lang"] != lang:
                continue
            row = rows.setdefault(bucket(text), [0, 0, 0.0])
            row[0] += 1
            row[1] += a["hostility"] >= 0.5
            row[2] += a["hostility"]
            if args.show and a["hostility"] >= 0.5:
                print(f"  {a['hostility']:.2f} {text}")
        figures = ", ".join(f"{b} words {rows[b][1]} of {rows[b][0]} (mean {rows[b][2] / rows[b][0]:.2f})" for b in ("1", "2-3", "4-7", "8+") if b in rows)
        print(f"UI strings read as {lang} with hostility >= 0.5: {figures}")
    files = sorted(glob.glob(os.path.join(SEEDS, "*.txt")))
    if not files:
        print(f"seeds: {SEEDS} not present, skipped")
        return
    paragraphs = [line for path in files for line in open(path, encoding="utf-8").read().splitlines() if line.strip()]
    found = analyze(args, paragraphs)
    for lang in ("ru", "kk"):
        mine = [a for a in found if a["lang"] == lang]
        print(f"seed paragraphs read as {lang} with hostility >= 0.5: {sum(a['hostility'] >= 0.5 for a in mine)} of {len(mine)}")
    print(f"seed paragraphs with ethnic_hostility >= 0.5: {sum(a['ethnic_hostility'] >= 0.5 for a in found)} of {len(found)}", end="")
    print(f" (>= 0.3: {sum(a['ethnic_hostility'] >= 0.3 for a in found)}, the highest {max(a['ethnic_hostility'] for a in found):.2f})")


if __name__ == "__main__":
    main()
