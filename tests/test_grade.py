import pytest

from server.flags import CATEGORY_INFO
from server.grade import FLOORS, details, grade


def flag(category, severity="medium", rule=None):
    return {"rule": rule or category, "category": category, "severity": severity}


def test_nothing_found_is_an_a():
    assert details([], []) == {"grade": "A", "balance": 0.0, "length": 1.0, "red_flags": {},
                               "good_points": {}, "floors": {letter: floor for floor, letter in FLOORS}}  # fmt: skip


def test_each_category_counts_once_however_many_sentences_or_rules():
    once = details([flag("tracking")], [])
    many = details([flag("tracking", rule=f"r{i}") for i in range(30)], [])
    assert once["balance"] == many["balance"] == -CATEGORY_INFO["tracking"]["weight"]


def test_the_most_serious_flag_of_a_category_sets_its_cost():
    weight = CATEGORY_INFO["tracking"]["weight"]
    assert details([flag("tracking", "low"), flag("tracking", "high")], [])["red_flags"] == {"tracking": -1.5 * weight}


def test_what_matters_most_weighs_most():
    sale, retention = details([flag("data-sale", "high")], []), details([flag("data-retention", "low")], [])
    assert sale["balance"] < retention["balance"]
    assert grade([flag("data-sale", "high"), flag("arbitration", "high")], []) > grade([flag("data-retention", "low")], [])


def test_good_points_count_unless_taken_back():
    red = [flag("tracking"), flag("policy-change")]
    assert details(red, [flag("data-sale")])["balance"] > details(red, [])["balance"]
    assert details(red, [flag("tracking")])["balance"] == details(red, [])["balance"]


def test_a_longer_document_is_not_worse_for_its_length():
    red = [flag("tracking"), flag("policy-change"), flag("data-retention", "low")]
    short, long = details(red, [], 800), details(red, [], 16_000)
    assert long["length"] == 16.0 and short["length"] == 1.0
    # A minor category weighs 16^-3/4 = 1/8 as much in the long text; a major one 16^-1/4 = 1/2.
    assert long["red_flags"]["policy-change"] == pytest.approx(short["red_flags"]["policy-change"] / 8, abs=0.01)
    assert long["red_flags"]["tracking"] == pytest.approx(short["red_flags"]["tracking"] / 2, abs=0.01)
    assert long["balance"] > short["balance"]


def test_high_severity_caps_the_grade():
    assert grade([flag("data-sale", "high")], [flag("tracking"), flag("policy-change")], 100_000) == "B"
    assert grade([flag("data-sale", "high"), flag("arbitration", "high")], [], 100_000) == "C"


@pytest.mark.parametrize(
    "red, expected",
    [
        ([], "A"),
        ([flag("data-retention", "low"), flag("government-access", "low")], "A"),
        ([flag("tracking"), flag("policy-change")], "B"),
        ([flag("tracking"), flag("policy-change"), flag("third-party-sharing")], "C"),
        ([flag("data-sale", "high")], "D"),
        ([flag("data-sale", "high"), flag("arbitration", "high")], "E"),
    ],
)
def test_letters(red, expected):
    assert grade(red, []) == expected
