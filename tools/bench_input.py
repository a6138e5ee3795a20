#!/usr/bin/env python3
"""The input of the text engine's speed figures (issue 3, README): each
RuEthnoHate text once (the first line of its `text_id`) and every text of the
Kazakh set, as JSON Lines for `kelisim text bench` (9,445 texts, 3.6 MB of
text). Standard library only.

Run: python3 tools/bench_input.py [OUT] (default /tmp/bench.jsonl), then
taskset -c 1 target/release/kelisim text bench --input /tmp/bench.jsonl --seconds 6
"""
import csv
import json
import os
import sys

DATA = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data")


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "/tmp/bench.jsonl"
    seen = set()
    count, size = 0, 0
    with open(path, "w", encoding="utf-8") as out:
        def write(key, text):
            nonlocal count, size
            out.write(json.dumps({"id": key, "text": text}, ensure_ascii=False) + "\n")
            count += 1
            size += len(text.encode("utf-8"))

        with open(os.path.join(DATA, "ruethnohate", "train.jsonl"), encoding="utf-8") as f:
            for line in f:
                row = json.loads(line)
                if row["text_id"] not in seen:
                    seen.add(row["text_id"])
                    write(str(row["text_id"]), row["text"])
        with open(os.path.join(DATA, "kk-offensive", "train.csv"), encoding="utf-8", newline="") as f:
            for n, row in enumerate(csv.DictReader(f)):
                write(f"kk{n}", row["message"])
    print(f"{path}: {count} texts, {size:,} bytes of text")


if __name__ == "__main__":
    main()
