"""Merge the labellers' batches into data/policylens-labels.jsonl and report their agreement.

Usage: python -m train.merge_labels BATCH.jsonl [BATCH.jsonl ...] [--review REVIEW.jsonl ...]

Sentences labelled in several batches (a shared sample given to every labeller) take each
category by majority; a batch may judge only some categories (its rows name them in `judged`).
A review (sentences labelled already, judged again after a ruling of the guide changed) replaces
their labels of the categories it judged; later reviews win. The report gives how often two
labellers agreed on those shared sentences and Cohen's kappa over all pairs of labellers.
"""

import argparse
import itertools
import json
from collections import defaultdict
from pathlib import Path

from server.flags import CATEGORIES

from .data import OWN, judged


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
    """Read a batch of labelled sentences, refusing labels unknown to the guide or not judged by the row."""
    for line in batch.open(encoding="utf-8"):
        if line.strip():
            row = json.loads(line)
            unknown = (set(row["labels"]) | set(row.get("judged", ()))) - set(CATEGORIES)
            if unknown:
                raise SystemExit(f"{batch}: {row['id']} has unknown labels {sorted(unknown)}")
            if not set(row["labels"]) <= set(judged(row)):
                raise SystemExit(f"{batch}: {row['id']} has labels it was not judged for")
            yield row


def majority(votes):
    """Return the categories judged and, of those, the ones most of the batches that judged them gave."""
    judged_by = set().union(*(categories for categories, _ in votes))
    labels = set()
    for category in judged_by:
        given = [category in labels_given for seen, labels_given in votes if category in seen]
        if sum(given) * 2 > len(given):
            labels.add(category)
    return judged_by, labels


def merge(batches, reviews=()):
    """Return the merged sentences (sorted by id), the votes on sentences labelled more than once,
    and how many sentences each review changed.

    A batch judges every category but data.ADDED_LATER unless its rows name the ones they judged
    (`judged`); a sentence takes each category by majority of the batches that judged it, and a
    review replaces its labels of the categories the review judged.
    """
    votes = defaultdict(list)  # id -> (categories judged, labels given) from each batch
    rows = {}
    for batch in batches:
        for row in records(batch):
            votes[row["id"]].append((set(judged(row)), set(row["labels"])))
            rows[row["id"]] = {"id": row["id"], "doc": row["doc"], "text": row["text"]}
    merged = {key: majority(sets) for key, sets in votes.items()}
    changes = []
    for review in reviews:
        changed = 0
        for row in records(review):
            if row["id"] not in rows:
                raise SystemExit(f"{review}: {row['id']} was never labelled")
            seen, given = merged[row["id"]]
            now = (given - set(judged(row))) | set(row["labels"])
            changed += now != given
            merged[row["id"]] = seen | set(judged(row)), now
        changes.append(changed)
    shared = {key: sets for key, sets in votes.items()
              if any(a & b for (a, _), (b, _) in itertools.combinations(sets, 2))}  # judged by two batches
    default = set(judged({}))
    out = []
    for key in sorted(rows):
        seen, given = merged[key]
        row = dict(rows[key], labels=sorted(given))
        if seen != default:
            row["judged"] = sorted(seen)
        out.append(row)
    return out, shared, changes


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
        pairs_of = (pair for sets in shared.values() for pair in itertools.combinations(sets, 2))
        both = [(a, b, seen_a & seen_b) for (seen_a, a), (seen_b, b) in pairs_of if seen_a & seen_b]
        pairs = [(c in a, c in b) for a, b, seen in both for c in seen]
        whole = [a & seen == b & seen for a, b, seen in both]
        print(f"{len(shared)} shared sentences: same label set {sum(whole) / len(whole):.0%} of labeller pairs,"
              f" kappa over all categories {kappa(pairs):.2f}")


if __name__ == "__main__":
    main()
