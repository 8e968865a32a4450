"""Merge the labellers' batches into data/policylens-labels.jsonl and report their agreement.

Usage: python -m train.merge_labels BATCH.jsonl [BATCH.jsonl ...] [--review REVIEW.jsonl ...]

Sentences labelled in several batches (a shared sample given to every labeller) take each
category by majority. A review (sentences labelled already, judged again after a ruling of the
guide changed) replaces their whole label set; later reviews win. The report gives, per category, how often two labellers agreed on those
shared sentences and Cohen's kappa over all pairs of labellers.
"""

import argparse
import itertools
import json
from collections import defaultdict
from pathlib import Path

from server.flags import CATEGORIES

from .data import OWN


def kappa(pairs):
    """Cohen's kappa of a list of (bool, bool) judgements."""
    if not pairs:
        return float("nan")
    agree = sum(a == b for a, b in pairs) / len(pairs)
    p_a = sum(a for a, _ in pairs) / len(pairs)
    p_b = sum(b for _, b in pairs) / len(pairs)
    chance = p_a * p_b + (1 - p_a) * (1 - p_b)
    return (agree - chance) / (1 - chance) if chance < 1 else 1.0


def records(batch):
    """Read a batch of labelled sentences, refusing labels the guide does not define."""
    for line in batch.open(encoding="utf-8"):
        if line.strip():
            row = json.loads(line)
            unknown = set(row["labels"]) - set(CATEGORIES)
            if unknown:
                raise SystemExit(f"{batch}: {row['id']} has unknown labels {sorted(unknown)}")
            yield row


def merge(batches, reviews=()):
    """Return the merged sentences (sorted by id), the label sets of sentences labelled more than
    once, and how many sentences each review changed."""
    votes = defaultdict(list)  # id -> labels from each batch
    rows = {}
    for batch in batches:
        for row in records(batch):
            votes[row["id"]].append(set(row["labels"]))
            rows[row["id"]] = {"id": row["id"], "doc": row["doc"], "text": row["text"]}
    merged = {key: sorted(c for c in CATEGORIES if sum(c in s for s in sets) * 2 > len(sets)) for key, sets in votes.items()}
    changes = []
    for review in reviews:
        changed = 0
        for row in records(review):
            if row["id"] not in rows:
                raise SystemExit(f"{review}: {row['id']} was never labelled")
            changed += merged[row["id"]] != sorted(row["labels"])
            merged[row["id"]] = sorted(row["labels"])
        changes.append(changed)
    shared = {key: sets for key, sets in votes.items() if len(sets) > 1}
    return [dict(rows[key], labels=merged[key]) for key in sorted(rows)], shared, changes


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("batches", nargs="+", type=Path)
    parser.add_argument("--review", nargs="+", type=Path, default=[], help="batches that replace earlier labels")
    parser.add_argument("--out", type=Path, default=OWN)
    args = parser.parse_args()
    rows, shared, changes = merge(args.batches, args.review)
    for review, changed in zip(args.review, changes):
        print(f"{review}: {changed} sentences relabelled")
    with args.out.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} sentences, {sum(1 for row in rows if row['labels'])} with a label -> {args.out}")
    if shared:
        pairs = [(c in a, c in b) for sets in shared.values() for a, b in itertools.combinations(sets, 2) for c in CATEGORIES]
        whole = [(a == b) for sets in shared.values() for a, b in itertools.combinations(sets, 2)]
        print(f"{len(shared)} shared sentences: same label set {sum(whole) / len(whole):.0%} of labeller pairs,"
              f" kappa over all categories {kappa(pairs):.2f}")


if __name__ == "__main__":
    main()
