#!/usr/bin/env python3
"""Who did what to whom, against the PETRARCH event coders' validation records.

Usage: benches/petrarch.py PATH/events [--suite udpetr-validate|petr1-unittest|petr2-gsr]
                           [--briefx BIN] [--show N]

PATH/events holds `petrarch_validation.jsonl` (sentences with their expected
CAMEO codings, from the Open Event Data Alliance's PETRARCH coders, MIT) and
`petrarch_validation_dictionaries.tsv` (the actor dictionaries the fictional
suites assume). Nothing from it is copied into the project.

briefx does not assign CAMEO event codes, so the comparison is on the dyad:
each expected event gives (source root, target root), the first three
letters of its actor codes (`DAGGOV` -> `DAG`); each briefx triple gives
(root of an actor in its subject, root of an actor in its object) for every
such pair, as the coders distribute over compound actors (`Mordor, Rohan
and Bree welcomed ... ties with Osgiliath` is three events). Dyads are compared as sets per record; P, R and F1 are over all of
them, and a predicted dyad whose reverse is expected is counted as a
direction error. Events with an unknown or uncoded actor (`---`, a quoted
phrase) and records the suite itself does not score (coder errors,
`evaluate=false`, categories outside its include list) are left out.

The fictional suites (`udpetr-validate`, the default, and `petr1-unittest`)
run with a gazetteer built from the suite's actor dictionary in a temporary
folder (kind `group`, id `petr:CODE`): the dictionaries match by word stem
(`ERIADOR` also matches `Eriadorian`), so each phrase becomes the forms of it
that the suite's sentences use. `petr2-gsr` (news sentences, real actors)
runs with briefx's own gazetteers and takes an actor's root from its ISO
country code; its expected codes were built from PETRARCH-2 output and
corrected, and only events between two ISO country roots are scored there.
A record whose events all have actors left out is not scored.

Each record goes through `briefx extract -` (the stdin mode) with its story
date as the document date. Build first: `cargo build --release`.
"""
import datetime
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HEADER = "id\tkind\tname\tcountry\taliases\tadjectivals\tlat\tlon\tpopulation\tvalid\tnote\n"


def scored(record):
    notes = record["notes"]
    return not ("evaluate=false" in notes or "coder error" in notes
                or "category not in" in notes)


def root(code):
    """The actor root of a CAMEO code, or None for unknown and uncoded actors."""
    code = code.strip()
    if not code or code.startswith("-") or code.startswith('"') or code.startswith("#"):
        return None
    return code[:3].upper()


def gold_dyads(record, keep):
    """The record's expected dyads, and whether any event was left out."""
    out, dropped = set(), False
    for e in record["events"]:
        s, t = root(e["source"]), root(e["target"])
        if s and t and s != t and keep(s) and keep(t):
            out.add((s, t))
        else:
            dropped = True
    return out, dropped


def iso_countries():
    """ISO 3166-1 alpha-3 codes of the bundled gazetteer's countries."""
    codes = set()
    with open(os.path.join(ROOT, "gazetteers", "countries.tsv"), encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) > 3 and not line.startswith("#") and cols[0] != "id" and cols[3]:
                codes.add(cols[3])
    return codes


def dictionary_gazetteer(events_dir, suite, texts, folder):
    """Writes a gazetteer folder of the suite's actors, each phrase expanded
    to the forms the texts use (the dictionaries match word stems)."""
    rows = []
    path = os.path.join(events_dir, "petrarch_validation_dictionaries.tsv")
    with open(path, encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 5 or cols[0] != suite or cols[1] != "actor":
                continue
            code = cols[4].strip()
            if root(code) is None:
                continue
            phrases = [cols[2]] + [a for a in cols[3].split("|") if a]
            forms = set()
            for p in phrases:
                words = p.split()
                if not words:
                    continue
                body = r"\s+".join(re.escape(w) for w in words)
                pattern = re.compile(r"(?<![\w-])" + body + r"[\w'’]*(?![\w-])", re.IGNORECASE)
                for t in texts:
                    for m in pattern.finditer(t):
                        forms.add(re.sub(r"\s+", " ", m.group(0)))
            forms = {f for f in forms if len(f) >= 2 and not f.islower()}
            if forms:
                rows.append((code, sorted(forms)))
    with open(os.path.join(folder, "petrarch.tsv"), "w", encoding="utf-8") as f:
        f.write(HEADER)
        for n, (code, forms) in enumerate(rows):
            ident = f"petr:{code}:{n}"
            f.write(f"{ident}\tgroup\t{forms[0]}\t\t{'|'.join(forms[1:])}\t\t\t\t\t\t\n")
    open(os.path.join(folder, "stoplist.txt"), "w").close()


def run_briefx(binary, records, gazetteers):
    """Triples per record id, from one `briefx extract -` run."""
    docs = []
    for r in records:
        d = r["date"]
        try:
            dct = datetime.date(int(d[:4]), int(d[4:6]), int(d[6:8])).isoformat()
        except ValueError:
            dct = None  # a malformed story date: the brief's own rules apply
        docs.append(json.dumps({"id": r["id"], "text": r["text"], "dct": dct}))
    cmd = [binary, "extract", "-", "-q", "--emit", "triples"]
    if gazetteers:
        cmd += ["--gazetteers", gazetteers]
    run = subprocess.run(cmd, input="\n".join(docs) + "\n", capture_output=True, text=True)
    if run.returncode not in (0, 2):
        sys.exit(f"briefx failed ({run.returncode}): {run.stderr}")
    if run.stderr:
        print(run.stderr, file=sys.stderr, end="")  # records briefx could not read
    out = run.stdout
    triples = {}
    for line in out.splitlines():
        t = json.loads(line)
        triples.setdefault(t["doc"], []).append(t)
    return triples


def actor_roots(phrase, by_id):
    """The roots of the actors in a phrase, in order, each once."""
    out = []
    for e in (phrase or {}).get("entities", []):
        r = by_id(e) if e["kind"] == "actor" else None
        if r and r not in out:
            out.append(r)
    return out


def main():
    args = sys.argv[1:]
    if not args or args[0].startswith("-"):
        sys.exit(__doc__)
    events_dir = args[0]
    opt = lambda name, default: args[args.index(name) + 1] if name in args else default
    suite = opt("--suite", "udpetr-validate")
    binary = opt("--briefx", os.path.join(ROOT, "target", "release", "briefx"))
    show = int(opt("--show", "0"))
    records = []
    with open(os.path.join(events_dir, "petrarch_validation.jsonl"), encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if r["id"].split(":")[0] == suite and scored(r):
                records.append(r)
    if not records:
        sys.exit(f"no scored records for suite {suite}")
    with tempfile.TemporaryDirectory() as tmp:
        if suite == "petr2-gsr":
            gazetteers = None
            countries = iso_countries()
            keep = lambda r: r in countries
            by_id = lambda e: e.get("country")
        else:
            gazetteers = tmp
            dictionary_gazetteer(events_dir, suite, [r["text"] for r in records], tmp)
            keep = lambda r: True
            by_id = lambda e: root(e["id"].split(":")[1]) if e["id"].startswith("petr:") else None
        triples = run_briefx(binary, records, gazetteers)
    tp = fp = fn = reversed_ = 0
    shown = scored_records = 0
    for r in records:
        gold, dropped = gold_dyads(r, keep)
        if dropped and not gold:
            continue  # its events all have actors the comparison leaves out
        scored_records += 1
        pred = set()
        for t in triples.get(r["id"], []):
            for s in actor_roots(t["subject"], by_id):
                for o in actor_roots(t["object"], by_id):
                    if s != o and keep(s) and keep(o):
                        pred.add((s, o))
        tp += len(pred & gold)
        fp += len(pred - gold)
        fn += len(gold - pred)
        reversed_ += sum(1 for (s, o) in pred - gold if (o, s) in gold)
        if (pred != gold) and shown < show:
            shown += 1
            print(f"{r['id']}: gold {sorted(gold)} predicted {sorted(pred)}\n    {r['text']}")
    p = tp / (tp + fp) if tp + fp else 0.0
    rc = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * rc / (p + rc) if p + rc else 0.0
    print(f"suite {suite}: {scored_records} records, {tp + fn} expected dyads")
    print(f"dyads  P {p:.3f}  R {rc:.3f}  F1 {f1:.3f}  (tp={tp} fp={fp} fn={fn}, "
          f"direction errors {reversed_})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
