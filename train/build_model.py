"""Rebuild the red-flag model (server/flags/model.npz) from the licensed training data.

Usage: python -m train.build_model [--out server/flags/model.npz] [--no-cv]

Data: CLAUDETTE's development half and APPSI-139 from ../shared (CC BY 4.0), and the project's own
labels in data/ (docs/annotation-guide.md). OPP-115 is never read here. For each category with
enough positive examples: TF-IDF of words and word pairs, a logistic regression, and a decision
rule "probability + bonus if one of the category's rules matches >= threshold", with bonus and
threshold chosen by 5-fold cross-validation grouped by document (for the categories CLAUDETTE tags,
on its sentences only: that is how held-out terms are judged). The figure reported for each
category is nested: each fold is scored with the bonus and threshold chosen on the other folds.
Then `python -m train.calibrate` chooses the two numbers of some privacy categories on OPP-115.
Same data, same versions: same bytes (liblinear with a fixed seed, sorted inputs).
"""

import argparse
import hashlib
import json
from pathlib import Path

import numpy as np
import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from server.flags import CATEGORIES, find, load_rules
from server.flags.model import MODEL_FILE, terms
from server.sentences import Sentence

from . import data
from .gold import CLAUDETTE_TAGS

JUDGED_ELSEWHERE = set(CLAUDETTE_TAGS.values()) | {
    "third-party-sharing", "tracking", "data-combination", "data-retention", "business-transfer",
    "government-access", "sensitive-data",
}  # fmt: skip
FOLDS = 5
MIN_POSITIVES = 12  # fewer and a category is left to its rules
RULES_MARGIN = 0.02  # how much better than the model its rules must do to decide a category alone
C = 4.0
BONUSES = (0.0, 0.1, 0.2, 0.3, 0.4, 0.6, 1.0)  # 1.0: a matching rule flags on its own
THRESHOLDS = np.round(np.arange(0.20, 1.301, 0.025), 3)


def rule_support(texts):
    """Return, for each text, the categories whose red-flag rules match it."""
    rules = load_rules()
    return [{flag["category"] for flag in find([Sentence(text, 0, len(text), 0)], rules)[0]} for text in texts]


def vectorizer():
    """The TF-IDF settings that server/flags/model.py reproduces."""
    return TfidfVectorizer(analyzer=terms, min_df=2, sublinear_tf=True, dtype=np.float64)


def classifier():
    """One category's logistic regression.

    Solved to a tight tolerance: at liblinear's default (1e-4) the weights depend on the path to the
    optimum, which the last bits of the floating-point input change from one machine to another
    (up to 5e-4 on liability-limit), and the shipped file could not be rebuilt exactly elsewhere.
    """
    return LogisticRegression(
        C=C, class_weight="balanced", solver="liblinear", tol=1e-8, random_state=0, max_iter=5000
    )


def folds_of(examples, salt=""):
    """Give each document a fold (by a hash of its name, stable); unknown documents train only.

    Another salt deals the documents into other folds (bench/evaluate_flags.py --partitions).
    """
    fold = np.full(len(examples), -1)
    for index, item in enumerate(examples):
        if item["doc"] is not None:
            fold[index] = int(hashlib.sha256((salt + item["doc"]).encode()).hexdigest(), 16) % FOLDS
    return fold


def f1_of(tp, fp, fn):
    """F1 from counts of true positives, false positives and false negatives."""
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def f1(truth, guess):
    """F1 of boolean arrays, with its counts."""
    tp, fp, fn = int((truth & guess).sum()), int((~truth & guess).sum()), int((truth & ~guess).sum())
    return f1_of(tp, fp, fn), tp, fp, fn


def best_rule(scores, support, truth):
    """Return the (bonus, threshold) with the best F1 on these out-of-fold scores."""
    best = (-1.0, 0.0, 0.5)
    for bonus in BONUSES:
        total = scores + bonus * support
        for threshold in THRESHOLDS:
            score = f1(truth, total >= threshold)[0]
            if score > best[0] + 1e-9:
                best = (score, bonus, float(threshold))
    return best[1], best[2]


def cross_validate(examples, support, fold, categories):
    """Return per category: out-of-fold probabilities, chosen rule, and the nested CV figures."""
    texts = [item["text"] for item in examples]
    oof = {category: np.full(len(examples), np.nan) for category in categories}
    for k in range(FOLDS):
        train, test = np.flatnonzero(fold != k), np.flatnonzero(fold == k)
        vectors = vectorizer().fit([texts[i] for i in train])
        train_x, test_x = vectors.transform([texts[i] for i in train]), vectors.transform([texts[i] for i in test])
        for category in categories:
            known_train = np.array([category in examples[i]["labels"] for i in train])
            known_test = np.array([category in examples[i]["labels"] for i in test])
            y = np.array([examples[i]["labels"][category] for i in train[known_train]])
            model = classifier().fit(train_x[known_train], y)
            oof[category][test[known_test]] = model.predict_proba(test_x[known_test])[:, 1]
    results = {}
    claudette = np.array([item["source"] == "claudette" for item in examples])
    for category in categories:
        held = ~np.isnan(oof[category])
        if category in CLAUDETTE_TAGS.values():
            held &= claudette  # the terms' categories are chosen and scored as CLAUDETTE's annotators mean them
        truth = np.array([examples[i]["labels"].get(category, False) for i in range(len(examples))])
        rule = np.array([category in s for s in support], dtype=float)
        nested = np.zeros(len(examples), dtype=bool)
        for k in range(FOLDS):
            others, mine = held & (fold != k), held & (fold == k)
            bonus, threshold = best_rule(oof[category][others], rule[others], truth[others])
            nested[mine] = oof[category][mine] + bonus * rule[mine] >= threshold
        bonus, threshold = best_rule(oof[category][held], rule[held], truth[held])
        score, tp, fp, fn = f1(truth[held], nested[held])
        rules_alone = f1(truth[held], rule[held] > 0)
        model_alone = f1(truth[held], oof[category][held] >= 0.5)
        results[category] = {
            "bonus": bonus, "threshold": threshold, "cv_f1": round(score, 3), "tp": tp, "fp": fp, "fn": fn,
            "cv_precision": round(tp / (tp + fp), 3) if tp + fp else 0.0,
            "cv_recall": round(tp / (tp + fn), 3) if tp + fn else 0.0,
            "rules_f1": round(rules_alone[0], 3), "model_f1_at_half": round(model_alone[0], 3),
            "held_out": int(held.sum()), "positives": int(truth[held].sum()),
        }  # fmt: skip
    return results


def build(cv=True, exclude=frozenset(), categories=None):
    """Train on all the data (but the documents excluded); return the model file's arrays and description.

    Without cross-validation, the categories to learn must be given (those of the current model).
    """
    examples = [item for item in data.load() if item["doc"] not in exclude]
    examples.sort(key=lambda item: (item["source"], item["doc"] or "", item["text"]))
    texts = [item["text"] for item in examples]
    positives = {c: sum(item["labels"].get(c, False) for item in examples) for c in CATEGORIES}
    learnable = [c for c in CATEGORIES if positives[c] >= MIN_POSITIVES]
    figures = cross_validate(examples, rule_support(texts), folds_of(examples), learnable) if cv else {}
    # Where the rules alone did clearly better on our own labels than the model under
    # cross-validation (by more than RULES_MARGIN, the folds' noise), the rules decide. Not judged
    # here: CLAUDETTE's categories (the rules were tuned on those very sentences, so their figure
    # flatters them) and those train/calibrate.py chooses on OPP-115.
    by_rules = {c: f for c, f in figures.items()
                if c not in JUDGED_ELSEWHERE and f["rules_f1"] > f["cv_f1"] + RULES_MARGIN}
    categories = categories or [c for c in learnable if c not in by_rules]
    vectors = vectorizer().fit(texts)
    x = vectors.transform(texts)
    vocabulary = sorted(vectors.vocabulary_, key=vectors.vocabulary_.get)
    weights = np.zeros((len(vocabulary), len(categories)), dtype=np.float32)
    bias = np.zeros(len(categories), dtype=np.float32)
    for column, category in enumerate(categories):
        known = np.array([category in item["labels"] for item in examples])
        y = np.array([item["labels"][category] for item in examples if category in item["labels"]])
        model = classifier().fit(x[known], y)
        weights[:, column], bias[column] = model.coef_[0], model.intercept_[0]
    info = {
        "categories": categories,
        "decided_by_rules": sorted(by_rules),
        "thresholds": {c: figures.get(c, {}).get("threshold", 0.5) for c in categories},
        "rule_bonus": {c: figures.get(c, {}).get("bonus", 0.0) for c in categories},
        "cross_validation": figures,
        "examples": {source: sum(item["source"] == source for item in examples) for source in data.SOURCES},
        "positives": positives,
        "data_sha256": {path.name: sha256(path) for path in (data.CLAUDETTE, data.APPSI, data.OWN)},
        "sklearn": sklearn.__version__,
    }  # fmt: skip
    return {"terms": np.array(vocabulary), "idf": vectors.idf_, "weights": weights, "bias": bias}, info


def sha256(path):
    """Return the SHA-256 of a file, to record which data a model was built from."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def save(arrays, info, path):
    """Write the model file: plain arrays and a JSON description, no pickle."""
    np.savez_compressed(path, info=np.array(json.dumps(info, sort_keys=True)), **arrays)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=MODEL_FILE)
    parser.add_argument("--no-cv", action="store_true", help="keep the thresholds of the current model file")
    args = parser.parse_args()
    old = None
    if args.no_cv:
        with np.load(MODEL_FILE, allow_pickle=False) as current:
            old = json.loads(str(current["info"]))
    arrays, info = build(cv=not args.no_cv, categories=old and old["categories"])
    if old:
        for key in ("thresholds", "rule_bonus", "cross_validation", "calibration", "decided_by_rules"):
            info[key] = old.get(key)
    save(arrays, info, args.out)
    print(f"{args.out}: {len(arrays['terms'])} terms, {len(info['categories'])} categories, {info['examples']}")
    for category, figure in info["cross_validation"].items():
        print(f"  {category:24} cv F1 {figure['cv_f1']:.3f}  P {figure['cv_precision']:.2f}  R {figure['cv_recall']:.2f}"
              f"  rules {figure['rules_f1']:.3f}  bonus {figure['bonus']}  threshold {figure['threshold']}")


if __name__ == "__main__":
    main()
