import re

import pytest

from server.flags import find, load_rules
from server.flags.prefilter import Prefilter, required_literals
from server.sentences import Splitter
from server.text import clean
from tests.conftest import read_policy

RULES = load_rules()


@pytest.mark.parametrize(
    "pattern, expected",
    [
        (r"\bsell(?:s|ing)?\b", (frozenset({"sell"}),)),
        (r"\b(?:sell|rent)\b.{0,20}\bdata\b", (frozenset({"sell", "rent"}), frozenset({"data"}))),
        (r"(?:opt[- ]?out|unsubscribe)", (frozenset({"opt", "unsubscribe"}),)),
        (r"\w+", None),
        (r"(?:sell)?data", (frozenset({"data"}),)),
        (r"(?-i:AS IS)", (frozenset({"as is"}),)),
        (r"^(?=.*\bmerger\b).*transfer", (frozenset({"merger"}), frozenset({"transfer"}))),
        (r"(?!.*\bnot\b)share", (frozenset({"share"}),)),
    ],
)
def test_required_literals(pattern, expected):
    assert required_literals(re.compile(pattern, re.I)) == expected


def test_scan_finds_contained_literals():
    prefilter = Prefilter([(frozenset({"share", "shared", "hare"}),)])
    assert prefilter.present("We SHARED it.") == {"share", "shared", "hare"}
    assert prefilter.present("Nothing here.") == set()


@pytest.mark.parametrize("name", ["plesk", "planio", "mailplanet"])
def test_prefilter_changes_no_result(name):
    sentences = Splitter()(clean(read_policy(name)))
    fast = find(sentences, RULES)
    slow = ([], [])
    for sentence in sentences:
        for rule in RULES:
            if rule.matches(sentence.text):
                slow[rule.kind == "good-point"].append((rule.id, sentence.position))
    assert [(f["rule"], f["position"]) for f in fast[0]] == slow[0]
    assert [(f["rule"], f["position"]) for f in fast[1]] == slow[1]


def test_prefilter_agrees_on_every_example():
    prefilter = RULES.prefilter
    for rule in RULES:
        for text in rule.flags + rule.passes:
            assert rule.matches(text, prefilter.present(text)) == rule.matches(text), (rule.id, text)
