"""Every rule carries its own examples; this runs them all, and checks the rules file's shape."""

import re

import pytest

from server.flags import CATEGORIES, KINDS, SEVERITIES, find, load_rules
from server.sentences import Splitter

RULES = load_rules()
EXAMPLES = [(rule, text, True) for rule in RULES for text in rule.flags] + [
    (rule, text, False) for rule in RULES for text in rule.passes
]
KNOWN_MISSES = [(rule, text) for rule in RULES for text in rule.known_misses]


@pytest.mark.parametrize(
    "rule, text, expected", EXAMPLES, ids=[f"{r.id}-{'flags' if e else 'passes'}-{i}" for i, (r, _, e) in enumerate(EXAMPLES)]
)
def test_rule_examples(rule, text, expected):
    assert rule.matches(text) is expected


@pytest.mark.xfail(strict=True, reason="known miss, kept as in ftfy's known-failures")
@pytest.mark.parametrize("rule, text", KNOWN_MISSES, ids=[r.id for r, _ in KNOWN_MISSES])
def test_known_misses(rule, text):
    assert rule.matches(text)


def test_rules_are_well_formed():
    ids = [rule.id for rule in RULES]
    assert len(ids) == len(set(ids)), "a rule id repeats"
    for rule in RULES:
        assert rule.kind in KINDS and rule.severity in SEVERITIES and rule.category in CATEGORIES, rule.id
        assert rule.title and rule.explanation and rule.patterns, rule.id
        assert rule.flags and rule.passes, f"{rule.id} needs examples it flags and examples it passes"
        assert all(isinstance(p, re.Pattern) for p in rule.patterns + rule.exceptions)


def test_every_category_has_a_red_flag_rule():
    assert {rule.category for rule in RULES if rule.kind == "red-flag"} == set(CATEGORIES)


@pytest.mark.parametrize(
    "text",
    ["word " * 200_000, "a. " * 100_000, "we may share " * 60_000, "third party " * 80_000, "(" * 500_000,
     "We may sell, rent, trade, " * 30_000],
)
def test_engine_is_safe_on_pathological_text(text):
    """A megabyte of hostile text finishes (the benchmark reports how fast)."""
    sentences = Splitter()(text[:1_000_000])
    find(sentences, RULES)


def test_negation_turns_a_practice_into_a_promise():
    sentences = Splitter()("We do not sell, license, rent, trade or exchange your information to any third party.")
    red, good = find(sentences, RULES)
    assert not [f for f in red if f["category"] == "data-sale"]
    assert [g for g in good if g["rule"] == "no-sale"]


def test_one_rule_flags_a_sentence_once_and_several_rules_may():
    sentences = Splitter()("We may sell your personal information to advertisers, and we may sell it again to partners.")
    red, _ = find(sentences, RULES)
    rules = [f["rule"] for f in red]
    assert rules.count("data-sale") == 1
    assert "third-party-sharing" in rules
