#!/usr/bin/env python3
"""End-to-end throughput: `python3 benches/e2e.py [--mb 20] [--runs 5] [--emit triples] [--corpus DIR] [--binary PATH] [--against PATH]`.

1. Builds a corpus of at least MB megabytes from the bundled briefs under
   target/e2e-corpus: each document keeps a brief's title and header, and
   its body is sentences drawn from all briefs, with country names and city
   names swapped for others from the gazetteer (any of its 30,000 cities),
   so the text is varied rather than one file repeated and word caches meet
   new words (fixed seed: the same corpus every time).
2. Runs `target/release/briefx extract` over it with 1 and 2 jobs, RUNS
   times each, writing to /dev/null, and reports the median MB/s, docs/s,
   sentences/s, triples/s (counts from one untimed `--emit documents` run)
   and peak RSS (from wait4).
   With --against PATH, another build is timed too, alternating run by
   run with this one, and the speed-up is reported (an A/B on a noisy
   machine).
3. Runs the bare Aho-Corasick scan of the same files over the same
   gazetteer (`cargo bench --bench scan`) as the baseline, and the ratio.
Build first: `cargo build --release`.
"""
import json
import os
import random
import re
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def gazetteer_names(file, keep):
    """The names (third column) of a gazetteer file that `keep` accepts."""
    names = []
    for line in open(os.path.join(ROOT, "gazetteers", file), encoding="utf-8"):
        if line.startswith("#") or line.startswith("id\t"):
            continue
        cols = line.rstrip("\n").split("\t")
        if len(cols) > 2 and keep(cols[2]):
            names.append(cols[2])
    return names


def countries():
    """Names of the gazetteer's countries: single words."""
    return gazetteer_names("countries.tsv", lambda n: " " not in n and n.isalpha())


def cities():
    """Names of the gazetteer's cities: single ASCII words, capitalized."""
    return gazetteer_names("cities.tsv", lambda n: n.isascii() and n.isalpha() and n[0].isupper())


def build_corpus(target_mb, out_dir):
    random.seed(20260119)
    names = countries()
    world = cities()
    briefs = sorted(os.listdir(os.path.join(ROOT, "corpus", "briefs")))
    heads, sentences = [], []
    for b in briefs:
        text = open(os.path.join(ROOT, "corpus", "briefs", b), encoding="utf-8").read()
        parts = text.split("\n\n")
        heads.append("\n\n".join(parts[:2]))
        body = " ".join(p.replace("\n", " ") for p in parts[2:-1])
        sentences += [s for s in re.split(r"(?<=[.!?”])\s+(?=[A-Z(“])", body) if len(s) > 20]
    # Cities the briefs name, each occurrence swapped for any of the world's:
    # new words reach the tagger's caches as they would on unseen briefs.
    text = " ".join(sentences)
    words = set(re.findall(r"\b[A-Z][a-z]+\b", text))
    named = sorted({c for c in world if len(c) >= 5 and c in words}, key=len, reverse=True)
    city = re.compile(r"\b(" + "|".join(named) + r")\b")
    big = re.compile(r"\b(" + "|".join(sorted({"Russia", "Syria", "Iran", "Israel", "Turkey", "Libya", "Mali", "Niger", "Iraq", "Yemen", "Egypt", "China", "Taiwan", "Armenia", "Ukraine"}, key=len, reverse=True)) + r")\b")
    os.makedirs(out_dir, exist_ok=True)
    for f in os.listdir(out_dir):
        os.remove(os.path.join(out_dir, f))
    total, n = 0, 0
    while total < target_mb * 1_000_000:
        paras = []
        for _ in range(random.randint(6, 12)):
            sents = random.sample(sentences, random.randint(3, 6))
            para = big.sub(lambda m: random.choice(names), " ".join(sents))
            paras.append(city.sub(lambda m: random.choice(world), para))
        doc = random.choice(heads) + "\n\n" + "\n\n".join(paras) + "\n"
        with open(os.path.join(out_dir, f"doc{n:06d}.txt"), "w", encoding="utf-8") as f:
            f.write(doc)
        total += len(doc.encode("utf-8"))
        n += 1
    return n, total


def counts(binary, corpus):
    """Documents, sentences and triples of the corpus (one untimed run)."""
    out = subprocess.run([binary, "extract", corpus, "-q", "--emit", "documents"],
                         capture_output=True, check=True).stdout
    docs = sentences = triples = 0
    for line in out.splitlines():
        r = json.loads(line)
        docs += 1
        sentences += r["sentences"]
        triples += r["triples"]
    return docs, sentences, triples


def run_once(binary, corpus, jobs, emit):
    """Seconds and peak RSS (KB) of one run writing to /dev/null, so that
    nothing but briefx is timed."""
    t = time.perf_counter()
    p = subprocess.Popen([binary, "extract", corpus, "-j", str(jobs), "-q", "--emit", emit,
                          "-o", os.devnull], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    if status != 0:
        sys.exit(f"briefx failed with status {status}")
    return time.perf_counter() - t, usage.ru_maxrss


def main():
    args = sys.argv[1:]
    opt = lambda k, d: type(d)(args[args.index(k) + 1]) if k in args else d
    mb, runs, emit = opt("--mb", 20), opt("--runs", 5), opt("--emit", "triples")
    corpus = opt("--corpus", os.path.join(ROOT, "target", "e2e-corpus"))
    ndocs, nbytes = build_corpus(mb, corpus)
    print(f"corpus: {ndocs} documents, {nbytes / 1e6:.1f} MB in {corpus}")
    binary = opt("--binary", os.path.join(ROOT, "target", "release", "briefx"))
    docs, sents, trips = counts(binary, corpus)
    against = opt("--against", "")
    results = {}
    for jobs in (1, 2):
        times, rss, base_times = [], [], []
        for k in range(runs):
            # Alternate run by run, in ABBA order, so both binaries meet the
            # same noise and neither always runs second.
            if against and k % 2 == 0:
                base_times.append(run_once(against, corpus, jobs, emit)[0])
            secs, maxrss = run_once(binary, corpus, jobs, emit)
            times.append(secs)
            rss.append(maxrss)
            if against and k % 2 == 1:
                base_times.append(run_once(against, corpus, jobs, emit)[0])
        med = statistics.median(times)
        if against:
            base = statistics.median(base_times)
            pairs = statistics.median(b / t for b, t in zip(base_times, times))
            print(f"jobs {jobs}: --against {against}: median {base:.2f} s of {runs}; "
                  f"this binary is {base / med:.2f}x as fast (fastest runs {min(base_times) / min(times):.2f}x, "
                  f"median of run-pair ratios {pairs:.2f}x; on this machine differences under ~10% are noise)")
        results[jobs] = nbytes / 1e6 / med
        print(f"jobs {jobs}: median {med:.2f} s of {runs} ({min(times):.2f}-{max(times):.2f}): "
              f"{nbytes / 1e6 / med:.1f} MB/s, {docs / med:.0f} docs/s, {sents / med:.0f} sentences/s, "
              f"{trips / med:.0f} triples/s, peak RSS {max(rss) / 1024:.0f} MB"
              + ("" if emit == "triples" else f" (--emit {emit}: counts are of the corpus)"))
    scan = subprocess.run(["cargo", "bench", "-q", "--bench", "scan", "--", corpus, str(runs)],
                          capture_output=True, text=True, cwd=ROOT)
    base = json.loads(scan.stdout.strip().splitlines()[-1])
    print(f"bare aho-corasick scan ({base['forms']} forms): {base['scan_mb_s']:.1f} MB/s, one thread")
    print(f"ratio scan / pipeline (jobs 1): {base['scan_mb_s'] / results[1]:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
