"""Choose the decision rule of the privacy categories on OPP-115, and write it into the model file.

Usage: python -m train.calibrate [OPP115_JSONL] [--model server/flags/model.npz]

OPP-115 may not train weights that ship (its licence is non-commercial), but it may measure and
choose: here it chooses, for the privacy categories it labels the way we mean them, the two numbers
of the engine's decision (the rule bonus and the threshold, see server/flags/decide.py), never a
weight. The unit is OPP-115's segment (a paragraph): positive when any sentence is flagged. The
figure reported is cross-validated: 5 folds grouped by policy, each scored with the numbers chosen
on the other four. Policy changes and limited control keep the numbers from the training data's
cross-validation (CLAUDETTE and our labels mean them better than OPP-115's proxies).
"""

import argparse
import json
from pathlib import Path

import numpy as np

from server.flags import Model, load_rules
from server.flags.decide import denies
from server.flags.engine import matches, states_practice
from server.flags.model import MODEL_FILE
from server.sentences import Splitter
from server.text import clean

from .build_model import BONUSES, FOLDS, JUDGED_ELSEWHERE, f1_of, folds_of, save
from .gold import CLAUDETTE_TAGS
from .data import SHARED
from .gold import opp_gold

OPP = SHARED / "eval" / "opp115-dev.jsonl"
CALIBRATED = tuple(sorted(JUDGED_ELSEWHERE - set(CLAUDETTE_TAGS.values())))
THRESHOLDS = np.round(np.arange(0.10, 1.301, 0.025), 3)


def sentence_scores(units, model, rules):
    """Return per unit and category an array of (probability, rule matched, denied) per sentence."""
    splitter, scored = Splitter(), []
    for unit in units:
        sentences = [s for s in splitter(clean(unit["text"])) if states_practice(s.text)]
        hits, good = set(), set()
        for sentence, rule, _ in matches(sentences, rules):
            (hits if rule.kind == "red-flag" else good).add((sentence.position, rule.category))
        probabilities = model.probabilities([s.text for s in sentences])
        per = {}
        for category in CALIBRATED:
            column = model.categories.index(category)
            rows = []
            for row, sentence in enumerate(sentences):
                p, hit = probabilities[row, column], (sentence.position, category) in hits
                denied = not hit and p >= THRESHOLDS[0] and denies(
                    sentence.text, model.evidence(sentence.text, category), (sentence.position, category) in good,
                    category=category)
                rows.append((p, hit, denied))
            per[category] = np.array(rows, dtype=float).reshape(-1, 3)
        scored.append(per)
    return scored


def counts(scored, gold, category, bonus, threshold):
    """Return (tp, fp, fn) of one category's decision rule over the units."""
    tp = fp = fn = 0
    for per, truth in zip(scored, gold):
        if category not in truth:
            continue
        p, hit, denied = per[category].T if len(per[category]) else (np.zeros(0),) * 3
        guess = bool(((p + bonus * hit >= threshold) & ((hit > 0) | (denied == 0))).any())
        tp += guess and truth[category]
        fp += guess and not truth[category]
        fn += truth[category] and not guess
    return tp, fp, fn


def best(scored, gold, category):
    """Return the (bonus, threshold) with the best F1 on these units."""
    grid = [(b, float(t)) for b in BONUSES for t in THRESHOLDS]
    return max(grid, key=lambda rule: (f1_of(*counts(scored, gold, category, *rule)), -rule[1]))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("opp", type=Path, nargs="?", default=OPP)
    parser.add_argument("--model", type=Path, default=MODEL_FILE)
    args = parser.parse_args()
    units = [json.loads(line) for line in args.opp.open(encoding="utf-8")]
    model = Model.load(args.model)
    scored, gold = sentence_scores(units, model, load_rules()), [opp_gold(u) for u in units]
    fold = folds_of([{"doc": u["policy_id"]} for u in units])
    info, report = dict(model.info), {}
    for category in CALIBRATED:
        total = np.zeros(3)
        for k in range(FOLDS):
            train = [i for i in range(len(units)) if fold[i] != k]
            test = [i for i in range(len(units)) if fold[i] == k]
            rule = best([scored[i] for i in train], [gold[i] for i in train], category)
            total += counts([scored[i] for i in test], [gold[i] for i in test], category, *rule)
        bonus, threshold = best(scored, gold, category)
        info["thresholds"][category], info["rule_bonus"][category] = threshold, bonus
        tp, fp, fn = (int(x) for x in total)
        report[category] = {"bonus": bonus, "threshold": threshold, "opp_cv_f1": round(f1_of(tp, fp, fn), 3),
                            "tp": tp, "fp": fp, "fn": fn}  # fmt: skip
        print(f"{category:22} bonus {bonus:.1f} threshold {threshold:.3f}  OPP-115 grouped-CV F1 {f1_of(tp, fp, fn):.3f}")
    tp, fp, fn = (sum(r[kind] for r in report.values()) for kind in ("tp", "fp", "fn"))
    print(f"{'together':22} {'':25}  OPP-115 grouped-CV micro-F1 {f1_of(tp, fp, fn):.3f}")
    info["calibration"] = {"data": "OPP-115 development half (choice only)", "categories": report}
    with np.load(args.model, allow_pickle=False) as data:
        arrays = {key: data[key] for key in ("terms", "idf", "weights", "bias")}
    save(arrays, info, args.model)


if __name__ == "__main__":
    main()
