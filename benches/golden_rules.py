#!/usr/bin/env python3
"""Score briefx's sentence segmentation on the English "Golden Rules".

Usage: benches/golden_rules.py PATH/golden_rules_en.jsonl [--briefx BIN] [-v]

Feeds every rule's text through `briefx extract - --emit sentences` (the
stdin mode), takes each sentence's text by its character offsets, and
compares the list with the expected one after collapsing whitespace runs to
one space (a segmenter that returns exact slices cannot rewrite newlines).
Prints the failing rules with -v and, last, `passed N of M`.
"""
import json
import re
import subprocess
import sys


def main():
    args = [a for a in sys.argv[1:]]
    verbose = "-v" in args
    binary = "target/release/briefx"
    if "--briefx" in args:
        binary = args[args.index("--briefx") + 1]
    paths = [a for a in args if a.endswith(".jsonl")]
    if not paths:
        print(__doc__, file=sys.stderr)
        return 2
    rules = [json.loads(l) for l in open(paths[0], encoding="utf-8") if l.strip()]
    docs = "".join(json.dumps({"id": str(r["id"]), "text": r["text"]}) + "\n" for r in rules)
    out = subprocess.run([binary, "extract", "-", "--emit", "sentences", "--quiet", "-j", "1"],
                         input=docs.encode(), capture_output=True, check=True).stdout.decode()
    got = {}
    text = {str(r["id"]): r["text"] for r in rules}
    for line in out.splitlines():
        rec = json.loads(line)
        got.setdefault(rec["doc"], []).append(text[rec["doc"]][rec["start"]:rec["end"]])
    fold = lambda s: re.sub(r"\s+", " ", s).strip()
    passed = 0
    for r in rules:
        want = [fold(s) for s in r["sentences"]]
        have = [fold(s) for s in got.get(str(r["id"]), [])]
        if want == have:
            passed += 1
        elif verbose:
            print(f"FAIL {r['id']} {r['name']}\n  want {want}\n  have {have}")
    print(f"passed {passed} of {len(rules)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
