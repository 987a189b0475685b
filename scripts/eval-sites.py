#!/usr/bin/env python3
"""Extraction scores grouped by site, on one or more corpora, so that a rule that helps
one site and hurts another shows.

Usage:
  scripts/eval-sites.py [--pred-root DIR] [--base DIR] [--under 0.9] [CORPUS ...]

  CORPUS       corpus folders of <id>/{source.html,expected.txt,meta.json}
               (default: ../shared/corpus and ../shared/corpus-sites)
  --pred-root  predictions already made, as DIR/<corpus name>/<id>.txt; without it
               `zhprint extract --format text` runs on every page (ZHPRINT names the
               binary, default target/release/zhprint, else target/debug/zhprint)
  --base       another prediction root: each site's F1 is printed beside it, and the
               sites that lost more than 0.005 are listed
  --under      list the pages under this F1 (default 0.9)

A site is the host of the page's URL (meta.json's "url", or the host in its "origin"
path, as in corpus-sites). Pages are scored by the corpus's own eval/score.py.
"""
import argparse, importlib.util, json, os, re, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def load_scorer(corpus):
    path = os.path.join(os.path.dirname(corpus), "eval", "score.py")
    spec = importlib.util.spec_from_file_location("score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def site_of(meta):
    url = meta.get("url") or ""
    m = re.match(r"[a-z]+://([^/:]+)", url)
    if m:
        return m.group(1).lower()
    # corpus-sites: ".../html/20120117_big5.xinhuanet.com_<hash>"
    m = re.search(r"/\d{8}_([^_/]+)_[0-9a-f]+$", meta.get("origin", ""))
    if m:
        return m.group(1).lower()
    return "(unknown)"


def binary():
    if os.environ.get("ZHPRINT"):
        return os.environ["ZHPRINT"]
    for profile in ("release", "debug"):
        path = os.path.join(ROOT, "target", profile, "zhprint")
        if os.path.exists(path):
            return path
    sys.exit("no zhprint binary: build one or set ZHPRINT")


def predict(corpus, out):
    os.makedirs(out, exist_ok=True)
    exe = binary()
    for pid in sorted(os.listdir(corpus)):
        src = os.path.join(corpus, pid, "source.html")
        if not os.path.isfile(src):
            continue
        with open(os.path.join(out, pid + ".txt"), "wb") as f:
            subprocess.run([exe, "extract", src, "--format", "text"], stdout=f,
                           stderr=subprocess.DEVNULL, timeout=60)


def score(corpus, pred):
    scorer = load_scorer(corpus)
    rows = []
    for pid in sorted(os.listdir(corpus)):
        d = os.path.join(corpus, pid)
        if not os.path.isfile(os.path.join(d, "expected.txt")):
            continue
        with open(os.path.join(d, "meta.json"), encoding="utf-8") as f:
            meta = json.load(f)
        with open(os.path.join(d, "expected.txt"), encoding="utf-8") as f:
            expected = f.read()
        path = os.path.join(pred, pid + ".txt")
        predicted = open(path, encoding="utf-8", errors="replace").read() if os.path.exists(path) else ""
        row = scorer.score_page(expected, predicted, meta.get("language"))
        row.update(id=pid, site=site_of(meta), empty=not predicted.strip(), missing=False)
        rows.append(row)
    return scorer, rows


def by_site(scorer, rows):
    sites = {}
    for row in rows:
        sites.setdefault(row["site"], []).append(row)
    return {site: scorer.summarise(group) for site, group in sites.items()}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpora", nargs="*")
    ap.add_argument("--pred-root")
    ap.add_argument("--base")
    ap.add_argument("--under", type=float, default=0.9)
    a = ap.parse_args()
    corpora = a.corpora or [os.path.join(ROOT, "..", "shared", c) for c in ("corpus", "corpus-sites")]
    tmp = None
    if not a.pred_root:
        tmp = tempfile.TemporaryDirectory()
        a.pred_root = tmp.name
    for corpus in map(os.path.abspath, corpora):
        name = os.path.basename(corpus)
        pred = os.path.join(a.pred_root, name)
        if tmp:
            predict(corpus, pred)
        scorer, rows = score(corpus, pred)
        sites = by_site(scorer, rows)
        base = None
        if a.base:
            base = by_site(*score(corpus, os.path.join(a.base, name)))
        total = scorer.summarise(rows)
        empty = sum(r["empty"] for r in rows)
        print(f"## {name}: {total['n']} pages, {len(sites)} sites: P {total['precision']:.3f} "
              f"R {total['recall']:.3f} F1 {total['f1']:.3f}, {total['good_share']:.0%} of pages "
              f"≥ 0.9, {empty} without text")
        print(f"{'site':<32} {'pages':>5} {'P':>6} {'R':>6} {'F1':>6} {'≥0.9':>5}"
              + (f" {'base':>6} {'Δ':>7}" if base else ""))
        for site in sorted(sites, key=lambda s: (sites[s]["f1"], s)):
            s = sites[site]
            line = (f"{site:<32} {s['n']:5d} {s['precision']:6.3f} {s['recall']:6.3f} "
                    f"{s['f1']:6.3f} {round(s['good_share'] * s['n']):5d}")
            if base and site in base:
                line += f" {base[site]['f1']:6.3f} {s['f1'] - base[site]['f1']:+7.3f}"
            print(line)
        if base:
            worse = [s for s in sites if s in base and sites[s]["f1"] < base[s]["f1"] - 0.005]
            print(f"sites worse than base by more than 0.005: {', '.join(sorted(worse)) or 'none'}")
        under = [r for r in rows if r["f1"] < a.under]
        print(f"pages under {a.under}: {len(under)}")
        for r in sorted(under, key=lambda r: r["f1"]):
            print(f"  {r['id']:<44} P {r['p']:.3f} R {r['r']:.3f} F1 {r['f1']:.3f}"
                  + ("  (no text)" if r["empty"] else ""))
        print()


if __name__ == "__main__":
    main()
