"""Sum up a batch's output in one pass: grades, categories, flagged sentences, trend by date or version."""

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..flags import CATEGORIES, SEVERITIES
from .output import read_rows

COLUMNS = ["id", "grade", "error", "categories", "red_flags"]
# A year (1990-2039), optionally with month and day, not inside a longer number: 2019, 2019-03, 2019_03_01.
DATE = re.compile(
    r"(?<!\d)((?:199|20[0-3])\d)(?:[-_.]?(0[1-9]|1[0-2])(?:[-_.]?(0[1-9]|[12]\d|3[01]))?)?(?!\d)"
)
VERSION = re.compile(r"(?<![\w.])v(?:ersion)?[-_ ]?(\d+(?:\.\d+){0,3})(?![\w.]*\d)", re.IGNORECASE)


@dataclass
class Summary:
    """Counts over every row of an output."""

    documents: int = 0
    failed: int = 0
    errors: Counter = field(default_factory=Counter)  # by error code
    grades: Counter = field(default_factory=Counter)  # by letter; None for no grade
    categories: Counter = field(default_factory=Counter)  # documents raising each category
    sentences: Counter = field(default_factory=Counter)  # documents stating each flagged sentence
    sentence_flags: dict = field(default_factory=dict)  # sentence -> {category: most serious severity}
    periods: dict = field(
        default_factory=lambda: defaultdict(
            lambda: {"documents": 0, "grades": Counter(), "categories": Counter()}
        )
    )
    undated: int = 0

    @property
    def analysed(self):
        """Return the number of documents analysed without error."""
        return self.documents - self.failed

    def category_order(self):
        """Return the rules' categories, then any other found in the data."""
        return list(CATEGORIES) + sorted(set(self.categories) - set(CATEGORIES))

    def grade_order(self):
        """Return the grade letters found in the data, best first."""
        return sorted(grade for grade in self.grades if grade is not None)


def period_of(doc_id):
    """Return a sortable period (year, month) or version tuple carried by an id, or None."""
    dates = DATE.findall(doc_id)
    if dates:
        year, month, _day = dates[-1]
        return ("date", int(year), int(month) if month else 0)
    versions = VERSION.findall(doc_id)
    if versions:
        return ("version",) + tuple(int(part) for part in versions[-1].split("."))
    return None


def period_label(period, by_month):
    """Return how a period reads on an axis."""
    if period[0] == "version":
        return "v" + ".".join(str(part) for part in period[1:])
    return f"{period[1]}-{period[2]:02d}" if by_month and period[2] else str(period[1])


def summarise(path):
    """Read an output file once and return its Summary."""
    summary = Summary()
    for row in read_rows(path, COLUMNS):
        summary.documents += 1
        if row["error"]:
            summary.failed += 1
            summary.errors[row["error"].split(":", 1)[0]] += 1
            continue
        summary.grades[row["grade"]] += 1
        summary.categories.update(row["categories"])
        for sentence in sorted({flag["sentence"] for flag in row["red_flags"]}):  # ties in a stable order
            summary.sentences[sentence] += 1
        for flag in row["red_flags"]:
            found = summary.sentence_flags.setdefault(flag["sentence"], {})
            severity = found.get(flag["category"], flag["severity"])
            found[flag["category"]] = min(severity, flag["severity"], key=SEVERITIES.index)
        period = period_of(row["id"])
        if period is None:
            summary.undated += 1
            continue
        bucket = summary.periods[period]
        bucket["documents"] += 1
        bucket["grades"][row["grade"]] += 1
        bucket["categories"].update(row["categories"])
    return summary


def trend(summary):
    """Return (labels, buckets) of the periods in order, by month when the years are too few; or None."""
    if not summary.periods:
        return None
    kinds = {period[0] for period in summary.periods}
    periods = (
        summary.periods if len(kinds) == 1 else {p: b for p, b in summary.periods.items() if p[0] == "date"}
    )
    by_month = False
    if next(iter(periods))[0] == "date":
        by_month = len({p[1] for p in periods}) < 2
        merged = defaultdict(lambda: {"documents": 0, "grades": Counter(), "categories": Counter()})
        for period, bucket in periods.items():
            key = ("date", period[1], period[2] if by_month else 0)
            merged[key]["documents"] += bucket["documents"]
            merged[key]["grades"].update(bucket["grades"])
            merged[key]["categories"].update(bucket["categories"])
        periods = merged
    if len(periods) < 2:
        return None
    ordered = sorted(periods)
    return [period_label(p, by_month) for p in ordered], [periods[p] for p in ordered]
