#!/usr/bin/env python3
"""Turn a hand-written label file into a gold JSON file (format of ANNOTATION.md).

Usage:
    label.py corpus/labels/NAME.lab            write corpus/gold/NAME.json
    label.py --all                             every corpus/labels/*.lab
    label.py --check corpus/labels/NAME.lab    validate only, write nothing
    label.py --show corpus/labels/NAME.lab     print sentences and mentions as resolved

The label file is written by a person reading the brief (see corpus/LABELING.md).
This tool only turns surface strings into character offsets and checks the
result; it never proposes labels. Exit status 1 on any error; warnings (an
unlabeled occurrence of a labeled name, say) are printed but do not fail,
unless --strict is given.
"""
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODS = {"START", "MID", "END", "BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER",
        "LESS_THAN", "MORE_THAN", "EQUAL_OR_LESS", "EQUAL_OR_MORE", "APPROX"}
MODALS = {"can", "could", "may", "might", "must", "should", "would", "will"}
VALUE_RE = re.compile(
    r"^(\d{4}(-\d{2}(-\d{2})?)?|\d{4}-(Q[1-4]|H[12]|SP|SU|FA|WI|W\d{2})|\d{2,3}|"
    r"P(\d+|X)(Y|M|W|D)|PRESENT_REF|PAST_REF|FUTURE_REF|XXXX(-\d{2}(-\d{2})?)?)$")
KINDS = {"A": "actor", "P": "place", "D": "date"}


def words(text):
    return re.findall(r"[\w'’-]+", (text or "").lower())


def contains(hay, needle):
    h, n = words(hay), words(needle)
    return bool(n) and any(h[i:i + len(n)] == n for i in range(len(h) - len(n) + 1))


def is_word_char(c):
    return c.isalnum() or c == "_"


def find_word(text, needle, lo, hi):
    """First whole-word occurrence of needle in text[lo:hi], or -1."""
    i = lo
    while True:
        i = text.find(needle, i, hi)
        if i < 0:
            return -1
        before = text[i - 1] if i > 0 else " "
        after = text[i + len(needle)] if i + len(needle) < len(text) else " "
        ok_before = not (is_word_char(needle[0]) and is_word_char(before))
        ok_after = not (is_word_char(needle[-1]) and is_word_char(after))
        if ok_before and ok_after:
            return i
        i += 1


def flat(text):
    """Sentence text as read by a person: link markup dropped, whitespace folded."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"\s+", " ", text)


class Labels:
    def __init__(self, path):
        self.path = path
        self.name = os.path.splitext(os.path.basename(path))[0]
        self.errors = []
        self.warnings = []

    def err(self, line, msg):
        self.errors.append(f"{self.path}:{line}: {msg}")

    def warn(self, line, msg):
        self.warnings.append(f"{self.path}:{line}: warning: {msg}")


def parse(path, brief_dir):
    lab = Labels(path)
    brief = None
    for ext in (".txt", ".md"):
        p = os.path.join(brief_dir, lab.name + ext)
        if os.path.exists(p):
            brief = p
    if brief is None:
        lab.err(0, f"no brief {lab.name}.txt or .md in {brief_dir}")
        return lab, None
    text = open(brief, encoding="utf-8", newline="").read()
    if text.startswith("\ufeff"):
        text = text[1:]
    dct = None
    sent_starts = []       # (char offset, line)
    pending = []           # mentions/triples per sentence index
    mentions = []
    triples = []
    cursor_sent = 0
    lines = open(path, encoding="utf-8").read().split("\n")
    for ln, raw in enumerate(lines, 1):
        line = raw.rstrip()
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        m = re.match(r"^(dct|S|X|[APDT]\??):\s?(.*)$", line)
        if not m:
            lab.err(ln, f"cannot read line: {line!r}")
            continue
        tag, rest = m.group(1), m.group(2)
        if tag == "dct":
            if not re.match(r"^\d{4}-\d{2}-\d{2}$", rest.strip()):
                lab.err(ln, f"dct must be YYYY-MM-DD, got {rest!r}")
            dct = rest.strip()
            continue
        if tag == "S":
            prefix = rest
            if not prefix.strip():
                lab.err(ln, "empty sentence prefix")
                continue
            lo = sent_starts[-1][0] + 1 if sent_starts else 0
            i = text.find(prefix, lo)
            while i > 0 and not text[i - 1].isspace():
                i = text.find(prefix, i + 1)
            if i < 0:
                lab.err(ln, f"sentence start not found after offset {lo}: {prefix!r}")
                continue
            gap = text[lo:i] if sent_starts else text[:i]
            if not sent_starts and gap.strip():
                lab.err(ln, f"text before the first sentence is not labeled: {gap[:60]!r}")
            sent_starts.append((i, ln))
            pending.append([])
            continue
        if not sent_starts:
            lab.err(ln, "label before the first S: line")
            continue
        pending[-1].append((ln, tag, rest))
    if lab.errors:
        return lab, None
    # sentence spans: each ends at the last non-space char before the next start
    sentences = []
    for k, (s, _) in enumerate(sent_starts):
        nxt = sent_starts[k + 1][0] if k + 1 < len(sent_starts) else len(text)
        e = nxt
        while e > s and text[e - 1].isspace():
            e -= 1
        sentences.append({"start": s, "end": e, "text": text[s:e]})
    excluded = []  # (start, end) consumed by X:
    for si, items in enumerate(pending):
        s = sentences[si]
        cur = s["start"]
        for ln, tag, rest in items:
            optional = tag.endswith("?")
            base = tag.rstrip("?")
            parts = [p.strip() for p in rest.split("|")]
            if base == "X":
                i = find_word(text, parts[0], cur, s["end"])
                if i < 0:
                    lab.err(ln, f"{parts[0]!r} not found in sentence {si} after the previous label")
                    continue
                excluded.append((i, i + len(parts[0])))
                cur = i + len(parts[0])
                continue
            if base in KINDS:
                kind = KINDS[base]
                surface = parts[0]
                want = 2 if kind != "date" else 3
                if len(parts) != want:
                    lab.err(ln, f"{kind} needs {want} fields separated by |, got {len(parts)}")
                    continue
                i = find_word(text, surface, cur, s["end"])
                if i < 0:
                    lab.err(ln, f"{surface!r} not found in sentence {si} ({s['text'][:50]!r}...) after offset {cur}")
                    continue
                mention = {"start": i, "end": i + len(surface), "text": surface, "kind": kind,
                           "country": None, "value": None, "mod": None, "optional": optional}
                if kind == "date":
                    value, mod = parts[1], parts[2]
                    if not VALUE_RE.match(value):
                        lab.err(ln, f"date value {value!r} is not a TIMEX3 value this guide uses")
                    mention["value"] = value
                    if mod not in ("-", ""):
                        if mod not in MODS:
                            lab.err(ln, f"unknown mod {mod!r}")
                        mention["mod"] = mod
                else:
                    cc = parts[1]
                    if cc not in ("-", ""):
                        if not re.match(r"^[A-Z]{3}$", cc):
                            lab.err(ln, f"country must be ISO alpha-3 or -, got {cc!r}")
                        mention["country"] = cc
                mention["_line"] = ln
                mention["_sentence"] = si
                mentions.append(mention)
                cur = i + len(surface)
                continue
            if base == "T":
                t = parse_triple(lab, ln, rest, si, optional, s, mentions)
                if t:
                    triples.append(t)
    # overlap check
    ms = sorted(mentions, key=lambda m: (m["start"], m["end"]))
    for a, b in zip(ms, ms[1:]):
        if b["start"] < a["end"]:
            lab.err(b["_line"], f"mention {b['text']!r} overlaps {a['text']!r} (line {a['_line']})")
    completeness(lab, text, sentences, mentions, excluded)
    for m in mentions:
        m.pop("_line")
        m.pop("_sentence")
    gold = {"doc": lab.name, "dct": dct, "sentences": sentences,
            "mentions": sorted(mentions, key=lambda m: (m["start"], m["end"])), "triples": triples}
    if dct is None:
        lab.err(0, "no dct: line")
    return lab, gold


def parse_triple(lab, ln, rest, si, optional, sent, mentions):
    groups = [g.strip() for g in rest.split(";")]
    if len(groups) < 2:
        lab.err(ln, "triple needs 'subject | action | object ; subject_head | action_head | object_head [; flags]'")
        return None
    phr = [p.strip() for p in groups[0].split("|")]
    heads = [p.strip() for p in groups[1].split("|")]
    if len(phr) != 3 or len(heads) != 3:
        lab.err(ln, "triple phrases and heads need three fields each")
        return None
    flags = groups[2].split() if len(groups) > 2 else []
    subj, act, obj = phr
    sh, ah, oh = heads
    obj = None if obj in ("-", "") else obj
    oh = None if oh in ("-", "") else oh
    t = {"sentence": si, "subject": subj, "subject_head": sh, "action": act, "action_head": ah,
         "object": obj, "object_head": oh, "negated": False, "modality": None, "date": None,
         "optional": optional}
    for f in flags:
        if f == "neg":
            t["negated"] = True
        elif f.startswith("mod="):
            t["modality"] = f[4:]
            if t["modality"] not in MODALS:
                lab.err(ln, f"modality {t['modality']!r} is not one of {sorted(MODALS)}")
        elif f.startswith("date="):
            t["date"] = f[5:]
        else:
            lab.err(ln, f"unknown triple flag {f!r}")
    if (obj is None) != (oh is None):
        lab.err(ln, "object and object_head must both be given or both be '-'")
    for phrase, head, what in ((subj, sh, "subject"), (act, ah, "action"), (obj, oh, "object")):
        if phrase is None:
            continue
        if not contains(phrase, head):
            lab.err(ln, f"{what}_head {head!r} is not a whole word inside {what} {phrase!r}")
        if what != "action" and phrase.lower() not in flat(sent["text"]).lower():
            lab.warn(ln, f"{what} {phrase!r} is not a contiguous part of sentence {si}")
    if not contains(flat(sent["text"]), ah):
        lab.err(ln, f"action_head {ah!r} not in sentence {si}")
    if t["date"] is not None:
        vals = {m["value"] for m in mentions if m["kind"] == "date" and m["_sentence"] == si}
        if t["date"] not in vals:
            lab.err(ln, f"triple date {t['date']!r} is not the value of a date in sentence {si} ({sorted(vals)})")
    return t


def completeness(lab, text, sentences, mentions, excluded):
    """Warn where a labeled actor/place name occurs without a label."""
    taken = [(m["start"], m["end"]) for m in mentions] + excluded
    names = sorted({m["text"] for m in mentions if m["kind"] != "date"}, key=len, reverse=True)
    for name in names:
        i = 0
        while True:
            i = find_word(text, name, i, len(text))
            if i < 0:
                break
            j = i + len(name)
            if not any(a <= i and j <= b for a, b in taken) and not any(a < j and i < b for a, b in taken):
                si = next((k for k, s in enumerate(sentences) if s["start"] <= i < s["end"]), -1)
                lab.warn(0, f"unlabeled {name!r} at offset {i}, sentence {si}: "
                            f"...{flat(text[max(0, i - 40):j + 40])}...")
            i = j


def main():
    args = sys.argv[1:]
    strict = "--strict" in args
    check = "--check" in args
    show = "--show" in args
    files = [a for a in args if not a.startswith("--")]
    if "--all" in args:
        d = os.path.join(ROOT, "labels")
        files = sorted(os.path.join(d, f) for f in os.listdir(d) if f.endswith(".lab"))
    if not files:
        print(__doc__, file=sys.stderr)
        return 2
    brief_dir = os.path.join(ROOT, "briefs")
    gold_dir = os.path.join(ROOT, "gold")
    bad = False
    for f in files:
        lab, gold = parse(f, brief_dir)
        for w in lab.warnings:
            print(w, file=sys.stderr)
        for e in lab.errors:
            print(e, file=sys.stderr)
        if lab.errors or (strict and lab.warnings):
            bad = True
            continue
        if show:
            for k, s in enumerate(gold["sentences"]):
                print(f"[{k}] {s['start']}-{s['end']}: {flat(s['text'])}")
                for m in gold["mentions"]:
                    if s["start"] <= m["start"] < s["end"]:
                        extra = m["country"] if m["kind"] != "date" else f"{m['value']} {m['mod'] or ''}"
                        print(f"      {m['kind']:5s} {m['text']!r} {extra}{' (optional)' if m['optional'] else ''}")
                for t in gold["triples"]:
                    if t["sentence"] == k:
                        print(f"      T {t['subject']} | {t['action']} | {t['object']}  neg={t['negated']} "
                              f"mod={t['modality']} date={t['date']}{' (optional)' if t['optional'] else ''}")
        n = gold
        summary = (f"{lab.name}: {len(n['sentences'])} sentences, "
                   f"{sum(m['kind'] == 'actor' for m in n['mentions'])} actors, "
                   f"{sum(m['kind'] == 'place' for m in n['mentions'])} places, "
                   f"{sum(m['kind'] == 'date' for m in n['mentions'])} dates, {len(n['triples'])} triples")
        print(summary, file=sys.stderr)
        if not check and not show:
            os.makedirs(gold_dir, exist_ok=True)
            with open(os.path.join(gold_dir, lab.name + ".json"), "w", encoding="utf-8") as out:
                json.dump(gold, out, ensure_ascii=False, indent=1)
                out.write("\n")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
