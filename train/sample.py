"""Draw sentences from a policy corpus for the project's own labelling, spread over documents.

Usage: python -m train.sample CORPUS_DIR --out FILE [--per-doc 6] [--seed 13]
       python -m train.sample CORPUS_DIR --out FILE --where-unsure N [--skip LABELLED.jsonl]
                              [--focus CATEGORY ...] [--matching REGEX]

First round: each document gives a few sentences, half where a red-flag rule fires or a category's
key words occur (where flags are decided), half drawn at random from the rest (so the labels also
hold the plain sentences a policy is mostly made of). Later rounds (--where-unsure): N sentences
not labelled yet where the current model and the rules disagree, or where the model is nearest its
threshold, at most 4 from a document; --focus judges only the named categories (a category the
rules decide counts as unsure wherever one of its rules fires), --matching keeps only sentences a
regular expression finds (where a rare category's wording may be). Headings, questions and
fragments are skipped. Each line: {"id", "doc", "text"}; the labellers never see which rule fired
or what the model said.
"""

import argparse
import json
import random
import re
from pathlib import Path

from server.flags import Model, find, load_rules
from server.flags.engine import states_practice
from server.sentences import Splitter
from server.text import clean

# Words near any of our categories: where the decisions are hard, not where they are easy.
TOPICAL = re.compile(
    r"\b(?:sell|sale|share|disclos|third|partner|advertis|cookie|track|pixel|beacon|combin|retain|"
    r"retention|delete|change|modif|merger|acqui|law enforcement|government|subpoena|transfer|"
    r"countr|secur|opt|consent|location|health|biometric|financial|child|arbitrat|class action|"
    r"liab|terminat|suspend|remove|licen[cs]e|court|governed|by using|as is|warrant)", re.I)


def documents(corpus, splitter):
    """Yield (document name, its sentences fit to label) for each document of the corpus."""
    for path in sorted(corpus.glob("*.md")):
        if not path.name.startswith("LICENSE"):
            sentences = [s for s in splitter(clean(path.read_text(encoding="utf-8")))
                         if states_practice(s.text) and 6 <= len(s.text.split()) <= 120]
            yield path.name[: -len(".md")], sentences


def where_unsure(corpus, count, skip, rng, focus=None, matching=None):
    """Return sentences where the model and the rules disagree or the model is nearest its threshold."""
    splitter, rules, model = Splitter(), load_rules(), Model.load()
    focus = set(focus or model.categories)
    columns = [i for i, c in enumerate(model.categories) if c in focus]
    by_rules = focus - set(model.categories)
    scored = []
    for doc, sentences in documents(corpus, splitter):
        sentences = [s for s in sentences if f"{doc}#{s.position}" not in skip
                     and (matching is None or matching.search(s.text))]
        if not sentences:
            continue
        hits = {(f["position"], f["category"]) for f in find(sentences, rules)[0]}
        margin = (model.probabilities([s.text for s in sentences]) - model.thresholds)[:, columns]
        for row, s in enumerate(sentences):
            disagree = any((m >= 0) != ((s.position, model.categories[c]) in hits) for c, m in zip(columns, margin[row]))
            disagree |= any((s.position, c) in hits for c in by_rules)
            nearest = float(abs(margin[row]).min()) if columns else 1.0
            scored.append((0 if disagree else 1, nearest, rng.random(), doc, s))
    rows, per_doc = [], {}
    for _, _, _, doc, s in sorted(scored, key=lambda item: item[:3]):
        if per_doc.get(doc, 0) < 4 and len(rows) < count:
            per_doc[doc] = per_doc.get(doc, 0) + 1
            rows.append({"id": f"{doc}#{s.position}", "doc": doc, "text": s.text})
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--per-doc", type=int, default=6)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--where-unsure", type=int, metavar="N", help="a later round of N sentences")
    parser.add_argument("--skip", type=Path, help="sentences labelled already (JSON Lines with ids)")
    parser.add_argument("--focus", nargs="+", metavar="CATEGORY", help="judge unsureness on these categories only")
    parser.add_argument("--matching", type=lambda text: re.compile(text, re.IGNORECASE), metavar="REGEX", help="only sentences it finds (ignoring case)")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    if args.where_unsure:
        skip = {json.loads(line)["id"] for line in args.skip.open(encoding="utf-8")} if args.skip else set()
        rows = where_unsure(args.corpus, args.where_unsure, skip, rng, args.focus, args.matching)
        write(rows, args.out, rng)
        return
    splitter, rules = Splitter(), load_rules()
    rows = []
    for doc, sentences in documents(args.corpus, splitter):
        red, _ = find(sentences, rules)
        flagged = {f["position"] for f in red}
        hard = [s for s in sentences if s.position in flagged or TOPICAL.search(s.text)]
        plain = [s for s in sentences if s not in hard]
        half = args.per_doc // 2
        chosen = rng.sample(hard, min(half, len(hard)))
        chosen += rng.sample(plain, min(args.per_doc - len(chosen), len(plain)))
        seen = set()
        for s in sorted(chosen, key=lambda s: s.position):
            if s.text not in seen:
                seen.add(s.text)
                rows.append({"id": f"{doc}#{s.position}", "doc": doc, "text": s.text})
    write(rows, args.out, rng)


def write(rows, path, rng):
    """Write the sentences in a random order (labellers see no pattern in it)."""
    rng.shuffle(rows)
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} sentences from {len({r['doc'] for r in rows})} documents -> {path}")


if __name__ == "__main__":
    main()
