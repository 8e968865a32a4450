"""Grade every document of a corpus: the spread of letters, their link to length, and named services.

Usage: python bench/grades.py CORPUS_DIR [--services a,b,c] [--save FILE]

CORPUS_DIR holds SERVICE.privacy.md and SERVICE.terms.md files (Open Terms Archive's layout, as in
../shared/corpus/ota-contrib/). Prints the share of each letter (none should take over 40%), the
Spearman correlation of the grade (A=1 ... E=5) with the word count (length alone should not make a
grade; the same without the length correction, in the same run, for comparison), how often a
privacy-first service's document grades better than an ad-funded service's (PRIVATE, AD_FUNDED:
grouped by business model), and, side by side, the privacy and terms grades of a dozen services
whose practices are well known, with the categories that cost the most.
"""

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from scipy.stats import spearmanr

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from server.analysis import Analyzer, InputError  # noqa: E402
from server.grade import details  # noqa: E402

# Two groups by business model, for a check that grades separate them: services funded by
# subscriptions or donations that build on not tracking their users, and services funded by
# advertising or ad technology. Careful human reviewers would be expected to rate the first above.
PRIVATE = ("proton-mail protonmail protonvpn duckduckgo signal wikipedia wikimedia-foundation mozilla firefox qwant "
           "mullvad tresorit bitwarden brave olvid wire tildes sourcehut meet-jit-si thunderbird noyb privacyspy tchap").split()
AD_FUNDED = ("google google-ads youtube facebook facebook-ads instagram tiktok snapchat twitter amazon-com "
             "amazon-advertising criteo taboola outbrain adroll acuityads the-trade-desk pubmatic rubicon-project teads "
             "infolinks revcontent adsupply ironsource simpli-fi yahoo msn bing linkedin pinterest reddit tinder badoo "
             "match okcupid zoosk daily-mail the-mirror verizon xfinity").split()
SERVICES = ("proton-mail", "duckduckgo", "signal", "wikipedia", "mozilla", "qwant", "apple", "spotify",
            "netflix", "reddit", "microsoft", "amazon-com", "google", "facebook", "instagram", "tiktok")  # fmt: skip
LETTERS = "ABCDE"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--services", default=",".join(SERVICES))
    parser.add_argument("--save", type=Path, help="write each document's grade and balance as JSON Lines")
    args = parser.parse_args()
    analyzer = Analyzer(cache_size=0)
    rows = []
    for path in sorted(args.corpus.glob("*.md")):
        if path.name.startswith("LICENSE"):
            continue
        service, kind = path.name[: -len(".md")].rsplit(".", 1)
        try:
            result = analyzer(path.read_text(encoding="utf-8"))
        except InputError:
            continue
        if result["grade"] is None:
            continue
        basis = result["grade_details"]
        flat = details(result["red_flags"], result["good_points"], 0)  # the baseline: no length correction
        rows.append({"service": service, "kind": kind, "grade": result["grade"], "balance": basis["balance"],
                     "flat_grade": flat["grade"], "words": result["stats"]["words"], "costs": basis["red_flags"]})  # fmt: skip
    if args.save:
        args.save.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    for kind in ("privacy", "terms", None):
        chosen = [r for r in rows if kind is None or r["kind"] == kind]
        counts = Counter(r["grade"] for r in chosen)
        spread = "  ".join(f"{g} {counts[g]:3d} ({counts[g] / len(chosen):4.0%})" for g in LETTERS)
        rho = spearmanr([LETTERS.index(r["grade"]) for r in chosen], [r["words"] for r in chosen])[0]
        flat = spearmanr([LETTERS.index(r["flat_grade"]) for r in chosen], [r["words"] for r in chosen])[0]
        print(f"{kind or 'all':8} {len(chosen):4d} documents: {spread}   grade~words Spearman {rho:+.2f}"
              f" (without the length correction {flat:+.2f})")
    for kind in ("privacy", "terms"):
        private = [LETTERS.index(r["grade"]) for r in rows if r["kind"] == kind and r["service"] in PRIVATE]
        funded = [LETTERS.index(r["grade"]) for r in rows if r["kind"] == kind and r["service"] in AD_FUNDED]
        better = np.mean([(a < b) + 0.5 * (a == b) for a in private for b in funded])
        print(f"{kind:8} a privacy-first service's document grades better than an ad-funded one's: {better:.2f}"
              f" of pairs ({len(private)} and {len(funded)} documents; ties count half)")
    words = np.array([r["words"] for r in rows])
    print(f"(English documents graded; median {np.median(words):.0f} words; not English: no grade)")
    print(f"\n{'service':14} {'privacy':>8} {'terms':>8}   what costs most (privacy | terms)")
    by = {(r["service"], r["kind"]): r for r in rows}
    for service in args.services.split(","):
        cells, costs = [], []
        for kind in ("privacy", "terms"):
            r = by.get((service, kind))
            cells.append(f"{r['grade']} {r['balance']:+5.1f}" if r else "-")
            costs.append(", ".join(list(r["costs"])[:3]) if r else "")
        print(f"{service:14} {cells[0]:>8} {cells[1]:>8}   {costs[0]} | {costs[1]}")


if __name__ == "__main__":
    main()
