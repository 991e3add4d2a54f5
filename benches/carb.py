#!/usr/bin/env python3
"""Score briefx's triples on CaRB (Open IE benchmark, gold tuples).

Usage: benches/carb.py PATH/carb/test.txt [--gold PATH/test.tsv] [--briefx BIN] [--out OUT.tsv]

Feeds each input sentence as one document through
`briefx extract - --emit triples --all-clauses` (the stdin mode; Open IE
keeps clauses without actors too), and writes the scorer's tabbed format:
`sentence TAB confidence TAB relation TAB arg1 TAB arg2`, the relation and
arguments as slices of the input sentence. An implicit relation (no verb
in the text: an appositive, a possessive; `"implicit": true`) is written
as its lemma instead, the way CaRB's annotators write such relations: `be`
(which the scorer matches with any form of be), `be in`, and `have` as
`has`. When the gold `.tsv` (default:
beside the `.txt`) and a `score.py` sit there, runs the scorer.
"""
import json
import os
import subprocess
import sys
import tempfile


def relation(t):
    """The relation as the scorer reads it: the action's text, or for an
    implicit relation (whose action span is only the word that signals it)
    the lemma, with CaRB's present-tense `has` for `have`."""
    if not t.get("implicit"):
        return t["action"]["text"]
    return " ".join("has" if w == "have" else w for w in t["action"]["lemma"].split())


def main():
    args = sys.argv[1:]
    opt = lambda name, default=None: args[args.index(name) + 1] if name in args else default
    binary = opt("--briefx", "target/release/briefx")
    txts = [a for a in args if a.endswith(".txt")]
    if not txts:
        print(__doc__, file=sys.stderr)
        return 2
    txt = txts[0]
    gold = opt("--gold", txt[:-4] + ".tsv")
    out_path = opt("--out", os.path.join(tempfile.mkdtemp(), "carb_pred.tsv"))
    sentences = [l.rstrip("\n") for l in open(txt, encoding="utf-8")]
    stdin = "".join(json.dumps({"id": str(i), "text": s}) + "\n" for i, s in enumerate(sentences))
    out = subprocess.run([binary, "extract", "-", "--emit", "triples", "--all-clauses", "--quiet"],
                         input=stdin.encode(), capture_output=True, check=True).stdout.decode()
    n = 0
    with open(out_path, "w", encoding="utf-8") as f:
        for line in out.splitlines():
            t = json.loads(line)
            sent = sentences[int(t["doc"])]
            obj = t["object"]["text"] if t["object"] else ""
            fields = [sent, f"{t['confidence']:.3f}", relation(t), t["subject"]["text"], obj]
            f.write("\t".join(x.replace("\t", " ").replace("\n", " ") for x in fields).rstrip("\t") + "\n")
            n += 1
    print(f"{n} extractions from {len(sentences)} sentences: {out_path}")
    scorer = os.path.join(os.path.dirname(os.path.abspath(txt)), "score.py")
    if os.path.exists(scorer) and os.path.exists(gold):
        r = subprocess.run([sys.executable, scorer, gold, out_path], capture_output=True, text=True)
        print(r.stdout.strip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
