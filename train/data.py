"""Read the training data into one shape: a sentence, its document, and its known labels.

Sources: CLAUDETTE and APPSI-139 (CC BY 4.0), the project's own labels (data/), and the example
sentences the project wrote for its rules (server/flags/rules.toml).
A label is known (True or False) only where the source says something about that category;
elsewhere it is missing, and the category's classifier does not see the sentence.
"""

import json
from pathlib import Path

from server.flags import CATEGORIES, load_rules

from .gold import claudette_gold

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CLAUDETTE = SHARED / "eval" / "claudette-dev.jsonl"
APPSI = SHARED / "train" / "appsi139.jsonl"
OWN = ROOT / "data" / "policylens-labels.jsonl"
SOURCES = ("claudette", "appsi", "policylens", "rules")
# Categories added after the eighth labelling round: the sentences labelled before them say nothing of
# them. A row that judged other categories than the rest names them in `judged`.
ADDED_LATER = frozenset({"ai-training", "class-action-waiver", "indemnification"})

# APPSI-139's topics are not verdicts ("we do not share" is a sharing sentence), so a topic does
# not make a red flag; its absence, on a sentence the experts gave topics, rules the categories out.
APPSI_TOPIC_RULES_OUT = {
    "Third Party Sharing/ Disclosure": ("data-sale", "third-party-sharing", "business-transfer", "government-access"),
    "Data Retention": ("data-retention",),
    "Policy Change": ("policy-change",),
    "Data Security": ("security-disclaimer",),
}


def example(text, doc, labels, source):
    """Return one training example."""
    return {"text": text, "doc": doc, "labels": labels, "source": source}


def claudette(path=CLAUDETTE):
    """Terms-of-service sentences with CLAUDETTE's unfair-clause tags, by document."""
    for line in path.open(encoding="utf-8"):
        row = json.loads(line)
        labels = claudette_gold(row)
        yield example(row["text"], row["policy_id"], labels, "claudette")


def appsi(path=APPSI):
    """APPSI-139 sentences given topics, as negatives for the categories their topics rule out."""
    for line in path.open(encoding="utf-8"):
        row = json.loads(line)
        if "Topic" not in row["annotated_for"] or "Important" not in row["labels"]:
            continue
        labels = {}
        for topic, categories in APPSI_TOPIC_RULES_OUT.items():
            if topic not in row["labels"]:
                labels.update(dict.fromkeys(categories, False))
        if labels:
            yield example(row["text"], None, labels, "appsi")  # no document ids were released


def judged(row):
    """Return the categories a labelled sentence was judged for: those it names, or all but ADDED_LATER."""
    return row.get("judged") or [category for category in CATEGORIES if category not in ADDED_LATER]


def own(path=OWN):
    """Sentences the project labelled under docs/annotation-guide.md, known where they were judged.

    A sentence that several documents share (one company's policies for its several products)
    counts once, lest its wording weigh as many times as it was copied: each category takes the
    label of the first copy (by id) that was judged for it, and the sentence stays with that copy's
    document.
    """
    copies = {}
    for line in path.open(encoding="utf-8"):
        row = json.loads(line)
        copies.setdefault(row["text"], []).append(row)
    for text, rows in copies.items():
        rows.sort(key=lambda row: row["id"])
        labels = {}
        for row in rows:
            for category in judged(row):
                labels.setdefault(category, category in row["labels"])
        yield example(text, "ota:" + rows[0]["doc"], labels, "policylens")


def rule_examples():
    """The rules' own example sentences: what a rule must flag, must pass, and what a good point states."""
    for rule in load_rules():
        truth = rule.kind == "red-flag"
        for text in rule.flags:
            yield example(text, "rules.toml", {rule.category: truth}, "rules")
        for text in rule.passes if truth else ():
            yield example(text, "rules.toml", {rule.category: False}, "rules")


def load(sources=SOURCES):
    """Return every example of the chosen sources."""
    readers = {"claudette": claudette, "appsi": appsi, "policylens": own, "rules": rule_examples}
    return [item for name in sources for item in readers[name]()]
