"""Measure the red-flag engine against labelled policies: precision, recall and F1 per category.

Usage: python bench/evaluate_flags.py DATA_DIR [--no-cv] [--errors CATEGORY] [--limit N] [--partitions N]

DATA_DIR holds `opp115-dev.jsonl` and/or `claudette-dev.jsonl` (the project keeps them outside the
repository, in ../shared/eval/). Each labelled unit is cleaned, split and flagged exactly as the API
does; a unit is predicted positive for a category when any of its sentences gets a red flag of that
category. Three deciders are compared: the rules alone (server/flags/rules.toml), the learned model
alone (probability at least 0.5, no rule, no check), and the shipped engine (model, rule bonus,
thresholds and denial checks: server/flags/decide.py).

Which figure is honest: the model never trains on OPP-115 (its licence forbids it), so its OPP-115
figures are on unseen documents, while the rules were tuned on these very segments, and the decision
numbers of some categories were chosen on them (train/calibrate.py): the line after the OPP-115 table
counts those categories as their cross-validation there scored them. The shipped
model does train on CLAUDETTE's development half, so on CLAUDETTE the plain figure is in-sample; the
cross-validated one retrains the model 5 times, each time without a fifth of the documents (grouped
as in train/build_model.py), and scores those documents only. The gap between the two is printed.
With --partitions N it also deals the documents into five folds N-1 other ways and prints the
engine's figure on each: 25 documents make few folds, and one partition may be luckier than most.
A unit is positive, negative, or left out ("unclear") per category as train/gold.py says.
"""

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from server.flags import Model, decide, find, load_rules  # noqa: E402
from server.flags.engine import states_practice  # noqa: E402
from server.sentences import Splitter  # noqa: E402
from server.text import clean  # noqa: E402
from train.gold import claudette_gold, opp_gold  # noqa: E402

def deciders(rules, model):
    """Return the three ways to decide a unit's red-flag categories from its sentences."""

    def by_rules(sentences):
        return find(sentences, rules)[0]

    def by_model(sentences):
        stating = [s for s in sentences if states_practice(s.text)]
        decided = model.probabilities([s.text for s in stating]) >= 0.5
        return [{"category": c, "sentence": s.text, "rule": "model"} for s, row in zip(stating, decided)
                for c, yes in zip(model.categories, row) if yes]  # fmt: skip

    def by_engine(sentences):
        return decide(sentences, rules, model)[0]

    return {"rules": by_rules, "model": by_model, "engine": by_engine}


def evaluate(units, gold_of, splitter, decide_with, errors_for=None, limit=5):
    """Count true/false positives and negatives per decider and category; print errors if asked."""
    counts = {name: defaultdict(lambda: {"tp": 0, "fp": 0, "fn": 0, "tn": 0}) for name in decide_with}
    shown = {"fp": 0, "fn": 0}
    for unit in units:
        gold = gold_of(unit)
        sentences = splitter(clean(unit["text"]))
        for name, decider in decide_with.items():
            red = decider(sentences)
            found = {flag["category"] for flag in red}
            for category, truth in gold.items():
                guess = category in found
                kind = ("tp" if guess else "fn") if truth else ("fp" if guess else "tn")
                counts[name][category][kind] += 1
                if name == "engine" and category == errors_for and kind in shown and shown[kind] < limit:
                    shown[kind] += 1
                    why = [f["rule"] + ": " + f["sentence"][:160] for f in red if f["category"] == category]
                    print(f"--- {kind.upper()} {unit.get('policy_id')} :: {unit['text'][:400]!r}")
                    for line in why:
                        print(f"    flagged by {line}")
    return counts


def cross_validated(units, gold_of, splitter, rules, shipped, salt=""):
    """Count the engine's and the model's results on each fifth of the documents, trained without it."""
    from train.build_model import FOLDS, build, folds_of

    fold_of = dict(zip((u["policy_id"] for u in units), folds_of([{"doc": u["policy_id"]} for u in units], salt)))
    totals = {}
    for k in range(FOLDS):
        held = {doc for doc, fold in fold_of.items() if fold == k}
        arrays, info = build(cv=False, exclude=held, categories=list(shipped.categories))
        for key in ("thresholds", "rule_bonus"):
            info[key] = {c: shipped.info[key].get(c, 0.5 if key == "thresholds" else 0.0) for c in info["categories"]}
        decide_with = deciders(rules, Model.from_arrays(arrays, info))
        del decide_with["rules"]
        part = evaluate([u for u in units if u["policy_id"] in held], gold_of, splitter, decide_with)
        for name, by_category in part.items():
            for category, c in by_category.items():
                into = totals.setdefault(name, defaultdict(lambda: {"tp": 0, "fp": 0, "fn": 0, "tn": 0}))[category]
                for kind in c:
                    into[kind] += c[kind]
    return totals


def scores(c):
    """Precision, recall and F1 of one set of counts."""
    precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
    recall = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def micro(by_category):
    """Sum the counts of every category."""
    total = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    for c in by_category.values():
        for kind in total:
            total[kind] += c[kind]
    return total


def table(title, counts):
    """Print precision, recall and F1 per category for each decider, and the micro average."""
    names = list(counts)
    print(f"\n{title}")
    print(f"{'category':24} {'pos':>5} " + " ".join(f"{name + ' P/R/F1':>20}" for name in names))
    categories = sorted(next(iter(counts.values())))
    for category in categories + ["micro"]:
        cells = []
        for name in names:
            c = micro(counts[name]) if category == "micro" else counts[name][category]
            cells.append("{:>20}".format("%.2f %.2f %.2f" % scores(c)))
        c = micro(counts[names[0]]) if category == "micro" else counts[names[0]][category]
        print(f"{category:24} {c['tp'] + c['fn']:5d} " + " ".join(cells))


def print_calibrated(engine, chosen):
    """Print the engine's micro figure with the categories whose numbers OPP-115 chose counted as
    train/calibrate.py cross-validated them (each policy scored with numbers chosen without it)."""
    total = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    for category, c in engine.items():
        for kind in ("tp", "fp", "fn"):
            total[kind] += chosen.get(category, c)[kind]
    precision, recall, f1 = scores(total)
    print(f"engine, cross-validated where OPP-115 chose the decision numbers ({len(chosen)} categories; the others"
          f" as above): P {precision:.3f} R {recall:.3f} F1 {f1:.3f}")


def print_partitions(units, gold_of, splitter, rules, model, first, count):
    """Print the engine's cross-validated micro-F1 on other deals of the documents into folds: how
    much of the figure is the luck of one partition."""
    figures = [scores(micro(first["engine"]))[2]]
    for salt in range(1, count):
        cv = cross_validated(units, gold_of, splitter, rules, model, salt=str(salt))
        figures.append(scores(micro(cv["engine"]))[2])
    listed = " ".join(f"{f:.3f}" for f in figures)
    print(f"engine, cross-validated on {count} partitions of the documents: {listed}; "
          f"mean {np.mean(figures):.3f}, range {min(figures):.3f}-{max(figures):.3f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="folder with opp115-dev.jsonl and claudette-dev.jsonl")
    parser.add_argument("--no-cv", action="store_true", help="skip the cross-validation on CLAUDETTE (5 trainings)")
    parser.add_argument("--errors", metavar="CATEGORY", help="print the engine's false positives and negatives of a category")
    parser.add_argument("--limit", type=int, default=8, help="how many errors of each kind to print")
    parser.add_argument("--partitions", type=int, default=1, metavar="N",
                        help="also cross-validate on N-1 other deals of the documents into folds (each 5 trainings)")
    args = parser.parse_args()
    splitter, rules, model = Splitter(), load_rules(), Model.load()
    corpora = (("opp115-dev.jsonl", "OPP-115 segments", opp_gold), ("claudette-dev.jsonl", "CLAUDETTE sentences", claudette_gold))
    for name, title, gold_of in corpora:
        path = args.data / name
        if not path.exists():
            print(f"(no {path}; skipped)")
            continue
        units = [json.loads(line) for line in path.open(encoding="utf-8")]
        counts = evaluate(units, gold_of, splitter, deciders(rules, model), args.errors, args.limit)
        table(f"{title} ({len(units)}): every decider on the development data", counts)
        if gold_of is opp_gold:
            print_calibrated(counts["engine"], model.info.get("calibration", {}).get("categories", {}))
        if gold_of is claudette_gold and not args.no_cv:
            cv = cross_validated(units, gold_of, splitter, rules, model)
            table(f"{title}: model and engine cross-validated, 5 folds grouped by document", cv)
            for decider in cv:
                gap = scores(micro(counts[decider]))[2] - scores(micro(cv[decider]))[2]
                print(f"{decider}: micro-F1 development minus cross-validated = {gap:+.3f}")
            if args.partitions > 1:
                print_partitions(units, gold_of, splitter, rules, model, cv, args.partitions)


if __name__ == "__main__":
    main()
