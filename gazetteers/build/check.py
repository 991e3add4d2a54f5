#!/usr/bin/env python3
"""Validate the briefx gazetteers (stdlib only, Python 3.8+).

    python3 gazetteers/build/check.py [GAZETTEER_DIR]

Loads every *.tsv under the gazetteer folder (recursively) and stoplist.txt, checks the format
documented in gazetteers/README.md, and prints counts by kind and by file. Errors are printed as
FILE:LINE: message; the exit status is 1 if there is any error, else 0.

Checks: UTF-8; exact header; 11 tab-separated columns; kind in the allowed set; id unique across
all files and prefixed by a known namespace; country is ISO 3166-1 alpha-3 (or XKX) or empty
(empty required for ministry); name and aliases non-empty, no leading/trailing spaces, no empty
|-segments, no leading "the "; lat/lon decimal in range; population a non-negative integer;
valid = FROM..TO with ISO dates (either side may be empty), FROM <= TO; stoplist lines
"form<TAB>cap|case|never[<TAB>reason]" with unique forms.
With pycountry installed the ISO list is taken from it; otherwise the embedded list is used.
"""
import collections
import datetime
import os
import re
import sys

HEADER = ["id", "kind", "name", "country", "aliases", "adjectivals",
          "lat", "lon", "population", "valid", "note"]
KINDS = {"country", "capital", "city", "admin1", "place", "org", "group", "force",
         "metonym", "ministry", "person"}
ID_PREFIXES = {"country", "geonames", "admin1", "iso3166-2", "place", "org", "group", "force",
               "metonym", "ministry", "person"}
STOP_MODES = {"cap", "case", "never"}
CURATED_KINDS = {"place", "org", "group", "force", "metonym", "ministry", "person"}
# ISO 3166-1 alpha-3 (pycountry 26.2.16) + XKX (Kosovo, user-assigned)
ISO3_EMBEDDED = set("""
ABW AFG AGO AIA ALA ALB AND ARE ARG ARM ASM ATA ATF ATG AUS AUT AZE BDI BEL BEN BES BFA BGD BGR
BHR BHS BIH BLM BLR BLZ BMU BOL BRA BRB BRN BTN BVT BWA CAF CAN CCK CHE CHL CHN CIV CMR COD COG
COK COL COM CPV CRI CUB CUW CXR CYM CYP CZE DEU DJI DMA DNK DOM DZA ECU EGY ERI ESH ESP EST ETH
FIN FJI FLK FRA FRO FSM GAB GBR GEO GGY GHA GIB GIN GLP GMB GNB GNQ GRC GRD GRL GTM GUF GUM GUY
HKG HMD HND HRV HTI HUN IDN IMN IND IOT IRL IRN IRQ ISL ISR ITA JAM JEY JOR JPN KAZ KEN KGZ KHM
KIR KNA KOR KWT LAO LBN LBR LBY LCA LIE LKA LSO LTU LUX LVA MAC MAF MAR MCO MDA MDG MDV MEX MHL
MKD MLI MLT MMR MNE MNG MNP MOZ MRT MSR MTQ MUS MWI MYS MYT NAM NCL NER NFK NGA NIC NIU NLD NOR
NPL NRU NZL OMN PAK PAN PCN PER PHL PLW PNG POL PRI PRK PRT PRY PSE PYF QAT REU ROU RUS RWA SAU
SDN SEN SGP SGS SHN SJM SLB SLE SLV SMR SOM SPM SRB SSD STP SUR SVK SVN SWE SWZ SXM SYC SYR TCA
TCD TGO THA TJK TKL TKM TLS TON TTO TUN TUR TUV TWN TZA UGA UKR UMI URY USA UZB VAT VCT VEN VGB
VIR VNM VUT WLF WSM XKX YEM ZAF ZMB ZWE
""".split())


def iso_codes():
    try:
        import pycountry
        return {c.alpha_3 for c in pycountry.countries} | {"XKX"}
    except ImportError:
        return ISO3_EMBEDDED


def parse_date(s):
    return datetime.date.fromisoformat(s)


def check_tsv(path, rel, iso3, ids, errors, counts, per_file):
    def err(ln, msg):
        errors.append(f"{rel}:{ln}: {msg}")
    try:
        with open(path, encoding="utf-8", newline="") as f:
            text = f.read()
    except UnicodeDecodeError as e:
        err(0, f"not UTF-8: {e}")
        return
    header_seen = False
    for ln, line in enumerate(text.split("\n"), 1):
        line = line.rstrip("\r")
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if not header_seen:
            header_seen = True
            if cols != HEADER:
                err(ln, "header must be exactly: " + "\\t".join(HEADER))
                return
            continue
        if len(cols) != len(HEADER):
            err(ln, f"{len(cols)} columns, expected {len(HEADER)}")
            continue
        rid, kind, name, cc, aliases, adjs, lat, lon, pop, valid, note = cols
        if kind not in KINDS:
            err(ln, f"unknown kind {kind!r}")
        prefix = rid.split(":", 1)[0] if ":" in rid else ""
        if prefix not in ID_PREFIXES or not rid.split(":", 1)[1] or " " in rid:
            err(ln, f"bad id {rid!r}")
        if rid in ids:
            err(ln, f"duplicate id {rid} (first at {ids[rid]})")
        else:
            ids[rid] = f"{rel}:{ln}"
        if cc and cc not in iso3:
            err(ln, f"country {cc!r} is not ISO 3166-1 alpha-3")
        if kind == "ministry" and cc:
            err(ln, "ministry rows must have an empty country")
        if kind == "country" and rid != f"country:{cc}":
            err(ln, f"country id {rid} does not match country {cc}")
        if not name.strip() or name != name.strip():
            err(ln, "empty name or surrounding spaces")
        if not aliases:
            err(ln, "no aliases")
        for field, val in (("aliases", aliases), ("adjectivals", adjs)):
            if not val:
                continue
            parts = val.split("|")
            seen = set()
            for a in parts:
                if not a or a != a.strip():
                    err(ln, f"{field}: empty segment or surrounding spaces in {val!r}")
                elif a.startswith("the ") or (a.startswith("The ") and kind in CURATED_KINDS):
                    # GeoNames/ISO names such as "The Hague", "The Bronx" are kept as written
                    err(ln, f"{field}: {a!r} starts with 'the' (do not add the article)")
                if a in seen:
                    err(ln, f"{field}: duplicate {a!r}")
                seen.add(a)
        for nm, v, lo, hi in (("lat", lat, -90, 90), ("lon", lon, -180, 180)):
            if v:
                try:
                    x = float(v)
                    if not lo <= x <= hi:
                        err(ln, f"{nm} {v} out of range")
                except ValueError:
                    err(ln, f"{nm} {v!r} is not a number")
        if bool(lat) != bool(lon):
            err(ln, "lat and lon must be both set or both empty")
        if pop and not re.fullmatch(r"\d+", pop):
            err(ln, f"population {pop!r} is not a non-negative integer")
        if valid:
            m = re.fullmatch(r"(\d{4}-\d{2}-\d{2})?\.\.(\d{4}-\d{2}-\d{2})?", valid)
            if not m or not (m.group(1) or m.group(2)):
                err(ln, f"valid {valid!r} is not FROM..TO")
            else:
                try:
                    a = parse_date(m.group(1)) if m.group(1) else None
                    b = parse_date(m.group(2)) if m.group(2) else None
                    if a and b and a > b:
                        err(ln, f"valid {valid}: FROM after TO")
                except ValueError as e:
                    err(ln, f"valid {valid!r}: {e}")
        counts[kind] += 1
        per_file[rel][kind] += 1
    if not header_seen:
        err(0, "no header line")


def check_stoplist(path, rel, errors):
    forms = {}
    n = collections.Counter()
    with open(path, encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) < 2 or cols[1] not in STOP_MODES or not cols[0] or cols[0] != cols[0].strip():
                errors.append(f"{rel}:{ln}: expected 'form<TAB>cap|case|never[<TAB>reason]'")
                continue
            if cols[0] in forms:
                errors.append(f"{rel}:{ln}: duplicate form {cols[0]!r} (first at line {forms[cols[0]]})")
            forms[cols[0]] = ln
            n[cols[1]] += 1
    return n


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    iso3 = iso_codes()
    errors, ids = [], {}
    counts = collections.Counter()
    per_file = collections.defaultdict(collections.Counter)
    files = []
    for d, dirs, fs in os.walk(root):
        dirs.sort()
        for fn in sorted(fs):
            if fn.endswith(".tsv"):
                files.append(os.path.join(d, fn))
    if not files:
        errors.append(f"{root}: no *.tsv files")
    for p in files:
        rel = os.path.relpath(p, root)
        check_tsv(p, rel, iso3, ids, errors, counts, per_file)
    stop = os.path.join(root, "stoplist.txt")
    modes = check_stoplist(stop, "stoplist.txt", errors) if os.path.exists(stop) else None
    if modes is None:
        errors.append("stoplist.txt: missing")
    for rel in sorted(per_file):
        c = per_file[rel]
        print(f"{rel}: {sum(c.values())} rows (" + ", ".join(f"{k} {v}" for k, v in sorted(c.items())) + ")")
    print("by kind: " + ", ".join(f"{k} {counts[k]}" for k in sorted(counts)) + f"; total {sum(counts.values())}")
    if modes is not None:
        print("stoplist: " + ", ".join(f"{k} {modes[k]}" for k in sorted(modes)) + f"; total {sum(modes.values())}")
    for e in errors:
        print(e)
    print(f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
