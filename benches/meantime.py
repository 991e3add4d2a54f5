#!/usr/bin/env python3
"""Score briefx's date tagging on MEANTIME (TIMEX3 gold, JSON Lines).

Usage: benches/meantime.py PATH/meantime_en.jsonl [--briefx BIN] [--pred OUT.jsonl]

Feeds every document through `briefx extract - --emit mentions` (the stdin
mode) with its own date as `dct`, keeps the date mentions (character
offsets, TIMEX3 value, type and mod) and writes them in the benchmark's
prediction format. When a `score.py` sits beside the gold file, runs it
with and without the datelines (`--exclude-dct`) and prints its summary.
"""
import json
import os
import subprocess
import sys
import tempfile


def main():
    args = sys.argv[1:]
    binary = "target/release/briefx"
    if "--briefx" in args:
        binary = args[args.index("--briefx") + 1]
    pred_path = None
    if "--pred" in args:
        pred_path = args[args.index("--pred") + 1]
    gold = [a for a in args if a.endswith(".jsonl") and a != pred_path]
    if not gold:
        print(__doc__, file=sys.stderr)
        return 2
    docs = [json.loads(l) for l in open(gold[0], encoding="utf-8") if l.strip()]
    stdin = "".join(json.dumps({"id": d["doc"], "text": d["text"], "dct": d["dct"]}) + "\n" for d in docs)
    out = subprocess.run([binary, "extract", "-", "--emit", "mentions", "--quiet"],
                         input=stdin.encode(), capture_output=True, check=True).stdout.decode()
    pred = {d["doc"]: [] for d in docs}
    for line in out.splitlines():
        m = json.loads(line)
        if m["kind"] != "date":
            continue
        pred[m["doc"]].append({"start": m["start"], "end": m["end"], "text": m["text"],
                               "type": m.get("timex_type"), "value": m.get("value"), "mod": m.get("mod")})
    if pred_path is None:
        pred_path = os.path.join(tempfile.mkdtemp(), "meantime_pred.jsonl")
    with open(pred_path, "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps({"doc": d["doc"], "timexes": pred[d["doc"]]}) + "\n")
    print(f"predictions: {pred_path}")
    scorer = os.path.join(os.path.dirname(os.path.abspath(gold[0])), "score.py")
    if os.path.exists(scorer):
        for extra in ([], ["--exclude-dct"]):
            r = subprocess.run([sys.executable, scorer, gold[0], pred_path] + extra, capture_output=True, text=True)
            print(("all timexes: " if not extra else "without datelines: ") + r.stdout.strip().splitlines()[-1])
    return 0


if __name__ == "__main__":
    sys.exit(main())
