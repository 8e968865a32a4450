"""Measure the red-flag engine against labelled policies: precision, recall and F1 per category.

Usage: python bench/evaluate_flags.py DATA_DIR [--errors CATEGORY] [--limit N]

DATA_DIR holds `opp115-dev.jsonl` and/or `claudette-dev.jsonl` (the project keeps them outside the
repository, in ../shared/eval/). Each labelled unit is cleaned, split and flagged exactly as the API
does; a unit is predicted positive for a category when any of its sentences gets a red flag of that
category. A unit is positive, negative, or left out ("unclear") per category, as follows.

OPP-115 (privacy policies; the unit is a segment, about a paragraph; "voted" means chosen by at least
2 of 3 annotators, "mentioned" by at least 1):
- third-party-sharing: positive when Third Party Sharing/Collection is voted with Does, an action of
  Receive/Shared with, See, Other or Unspecified, a purpose beyond running the service (advertising,
  marketing, analytics, additional features, personalisation, other, unspecified) and data that is not
  only aggregated or anonymised. Negative when no annotator mentioned third-party sharing, when it is
  voted only as Does Not, or when its only purposes are the basic service, security, legal
  requirements or a merger (other categories cover those).
- tracking: positive when voted: cookies and tracking elements collected (first or third party), a
  third party tracking or collecting on the site, advertising as a purpose, Do Not Track not honoured,
  or tracking on other websites. Negative when none of these is mentioned.
- data-combination: positive when the first party is voted to receive data from third parties or
  affiliates; negative when that is not mentioned.
- data-retention: positive when the retention period is voted Indefinitely, Unspecified or Limited
  (limited to a purpose, with no time given); negative when no annotator mentioned retention, or only
  a stated period.
- policy-change: positive when Policy Change is voted with a notification other than a personal
  notice; negative when no annotator mentioned a policy change, or a personal notice is voted.
- business-transfer: positive when a merger or acquisition is voted as a sharing purpose or change
  type; negative when not mentioned.
- government-access: positive when a legal requirement is voted as a sharing purpose; negative when
  not mentioned.
- limited-control: positive when "Don't use service/feature" is voted as the user's only choice;
  negative when not mentioned.
- sensitive-data: positive when location, health or financial data is voted as collected or shared;
  negative when not mentioned.
- Not measured on OPP-115, for want of a label that means the same: data-sale, children (its label
  marks any statement about children, mostly "we do not knowingly collect"), international-transfer,
  security-disclaimer.

CLAUDETTE (terms of service; the unit is a sentence): a = arbitration, ch = policy-change (unilateral
change), cr = content-removal, j = jurisdiction, law = choice-of-law, ltd = liability-limit,
ter = unilateral-termination, use = contract-by-using. A tag with suffix 2 or 3 (potentially or
clearly unfair) is positive; a sentence without a tag of the category, or with suffix 1 (clearly
fair), is negative. pinc (privacy included) has no category of ours and is left out.
"""

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from server.flags import find, load_rules  # noqa: E402
from server.sentences import Splitter  # noqa: E402
from server.text import clean  # noqa: E402

TPS = "Third Party Sharing/Collection"
FPC = "First Party Collection/Use"
SHARING_ACTIONS = {"Receive/Shared with", "See", "Other", "Unspecified"}
OWN_PURPOSES = {
    "Advertising", "Marketing", "Analytics/Research", "Additional service/feature",
    "Personalization/Customization", "Other", "Unspecified",
}  # fmt: skip
CLAUDETTE_TAGS = {
    "a": "arbitration", "ch": "policy-change", "cr": "content-removal", "j": "jurisdiction",
    "law": "choice-of-law", "ltd": "liability-limit", "ter": "unilateral-termination",
    "use": "contract-by-using",
}  # fmt: skip


def values(attributes, key, min_votes):
    """Return the values of 'Category|Attribute' chosen by at least min_votes annotators."""
    prefix = key + "="
    return {k[len(prefix) :] for k, votes in attributes.items() if k.startswith(prefix) and votes >= min_votes}


def has(attributes, pairs, min_votes):
    """Tell whether any (key, value) pair was chosen by at least min_votes annotators."""
    return any(value in values(attributes, key, min_votes) for key, value in pairs)


def opp_gold(segment):
    """Return {category: True/False} for one OPP-115 segment; unclear categories are left out."""
    attrs, labels, mentioned = segment["attributes"], set(segment["labels"]), set(segment["labels_any"])
    gold = {}

    voted = lambda key: values(attrs, key, 2)  # noqa: E731
    if TPS not in mentioned:
        gold["third-party-sharing"] = False
    elif TPS in labels:
        does = voted(f"{TPS}|Does/Does Not")
        purposes = voted(f"{TPS}|Purpose")
        only_aggregate = voted(f"{TPS}|Identifiability") == {"Aggregated or anonymized"}
        if does == {"Does Not"}:
            gold["third-party-sharing"] = False
        elif "Does" in does and voted(f"{TPS}|Action Third Party") & SHARING_ACTIONS:
            if purposes & OWN_PURPOSES and not only_aggregate:
                gold["third-party-sharing"] = True
            elif purposes and not purposes & OWN_PURPOSES:
                gold["third-party-sharing"] = False

    tracking = [
        (f"{FPC}|Personal Information Type", "Cookies and tracking elements"),
        (f"{TPS}|Personal Information Type", "Cookies and tracking elements"),
        (f"{TPS}|Action Third Party", "Track on first party website/app"),
        (f"{TPS}|Action Third Party", "Collect on first party website/app"),
        (f"{FPC}|Purpose", "Advertising"), (f"{TPS}|Purpose", "Advertising"),
        ("Do Not Track|Do Not Track policy", "Not honored"),
        (f"{FPC}|Action First-Party", "Track user on other websites"),
    ]  # fmt: skip
    binary(gold, "tracking", attrs, tracking)
    combination = [
        (f"{FPC}|Action First-Party", "Receive from other service/third-party (named)"),
        (f"{FPC}|Action First-Party", "Receive from other service/third-party (unnamed)"),
        (f"{FPC}|Action First-Party", "Receive from other parts of company/affiliates"),
    ]
    binary(gold, "data-combination", attrs, combination)

    period = voted("Data Retention|Retention Period")
    if "Data Retention" not in mentioned or period == {"Stated Period"}:
        gold["data-retention"] = False
    elif period & {"Indefinitely", "Unspecified", "Limited"}:
        gold["data-retention"] = True

    notice = voted("Policy Change|Notification Type")
    if "Policy Change" not in mentioned or "Personal notice" in notice:
        gold["policy-change"] = False
    elif "Policy Change" in labels:
        gold["policy-change"] = True

    merger = [(f"{TPS}|Purpose", "Merger/Acquisition"), ("Policy Change|Change Type", "In case of merger or acquisition")]
    binary(gold, "business-transfer", attrs, merger)
    binary(gold, "government-access", attrs, [(f"{TPS}|Purpose", "Legal requirement")])
    no_choice = [(f"{c}|Choice Type", "Dont use service/feature") for c in (FPC, TPS, "User Choice/Control")]
    binary(gold, "limited-control", attrs, no_choice)
    sensitive = [(f"{c}|Personal Information Type", t) for c in (FPC, TPS) for t in ("Location", "Health", "Financial")]
    binary(gold, "sensitive-data", attrs, sensitive)
    return gold


def binary(gold, category, attrs, pairs):
    """Positive when voted, negative when nobody mentioned it, unclear in between."""
    if has(attrs, pairs, 2):
        gold[category] = True
    elif not has(attrs, pairs, 1):
        gold[category] = False


def claudette_gold(sentence):
    """Return {category: True/False} for one CLAUDETTE sentence."""
    gold = {category: False for category in CLAUDETTE_TAGS.values()}
    for tag in sentence["labels"]:
        base, level = tag.rstrip("123"), tag[len(tag.rstrip("123")) :]
        if base in CLAUDETTE_TAGS and level in ("2", "3"):
            gold[CLAUDETTE_TAGS[base]] = True
    return gold


def predict(text, splitter, rules):
    """Return the red-flag categories found in a unit of text, and the flags themselves."""
    red, _ = find(splitter(clean(text)), rules)
    return {flag["category"] for flag in red}, red


def evaluate(units, gold_of, splitter, rules, errors_for=None, limit=5):
    """Count true/false positives and negatives per category; print some errors if asked."""
    counts = defaultdict(lambda: {"tp": 0, "fp": 0, "fn": 0, "tn": 0})
    shown = {"fp": 0, "fn": 0}
    for unit in units:
        gold = gold_of(unit)
        found, red = predict(unit["text"], splitter, rules)
        for category, truth in gold.items():
            guess = category in found
            kind = ("tp" if guess else "fn") if truth else ("fp" if guess else "tn")
            counts[category][kind] += 1
            if category == errors_for and kind in shown and shown[kind] < limit:
                shown[kind] += 1
                why = [f["rule"] + ": " + f["sentence"][:160] for f in red if f["category"] == category]
                print(f"--- {kind.upper()} {unit.get('policy_id')} :: {unit['text'][:400]!r}")
                for line in why:
                    print(f"    flagged by {line}")
    return counts


def table(title, counts):
    """Print precision, recall and F1 per category."""
    print(f"\n{title}")
    print(f"{'category':24} {'prec':>6} {'recall':>6} {'F1':>6} {'pos':>6} {'neg':>6} {'tp':>5} {'fp':>5} {'fn':>5}")
    for category in sorted(counts):
        c = counts[category]
        precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
        recall = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        print(
            f"{category:24} {precision:6.2f} {recall:6.2f} {f1:6.2f} {c['tp'] + c['fn']:6d} "
            f"{c['fp'] + c['tn']:6d} {c['tp']:5d} {c['fp']:5d} {c['fn']:5d}"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="folder with opp115-dev.jsonl and claudette-dev.jsonl")
    parser.add_argument("--errors", metavar="CATEGORY", help="print false positives and negatives of a category")
    parser.add_argument("--limit", type=int, default=8, help="how many errors of each kind to print")
    args = parser.parse_args()
    splitter, rules = Splitter(), load_rules()
    corpora = (("opp115-dev.jsonl", "OPP-115 segments", opp_gold), ("claudette-dev.jsonl", "CLAUDETTE sentences", claudette_gold))
    for name, title, gold_of in corpora:
        path = args.data / name
        if not path.exists():
            print(f"(no {path}; skipped)")
            continue
        units = [json.loads(line) for line in path.open(encoding="utf-8")]
        table(f"{title} ({len(units)})", evaluate(units, gold_of, splitter, rules, args.errors, args.limit))


if __name__ == "__main__":
    main()
