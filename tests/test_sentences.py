import pytest

from server.sentences import MAX_SENTENCE, Splitter
from server.text import clean
from tests.conftest import read_policy


@pytest.fixture(scope="module")
def split():
    return Splitter()


def texts(split, text):
    return [s.text for s in split(text)]


def test_empty_and_punctuation_only(split):
    assert split("") == []
    assert split("*** --- ...") == []


def test_one_sentence_without_full_stop(split):
    assert texts(split, "Privacy Policy") == ["Privacy Policy"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("We share data with partners, e.g. advertisers, i.e. companies like Google Inc. and others. We stop.",
         ["We share data with partners, e.g. advertisers, i.e. companies like Google Inc. and others.", "We stop."]),
        ("See Cal. Civ. Code Sec. 1798.83 for details. Then more.", ["See Cal. Civ. Code Sec. 1798.83 for details.", "Then more."]),
        ("U.S. law applies. The E.U. rules differ.", ["U.S. law applies.", "The E.U. rules differ."]),
        ("We use cookies, pixels etc. We also use logs.", ["We use cookies, pixels etc.", "We also use logs."]),
        ("Contact Example Inc. We reply in a week.", ["Contact Example Inc.", "We reply in a week."]),
        ("Information We Collect\nWe collect your name.", ["Information We Collect", "We collect your name."]),
        ("1.\nWe collect data.\n(a)\nYour name.", ["1.\nWe collect data.", "(a)\nYour name."]),
    ],
)
def test_policy_text_splits_where_a_reader_would(split, text, expected):
    assert texts(split, text) == expected


def test_spans_and_positions_point_into_the_text(split):
    text = clean(read_policy("planio"))
    sentences = split(text)
    assert [s.position for s in sentences] == list(range(len(sentences)))
    for s in sentences:
        assert text[s.start : s.end] == s.text == s.text.strip()


def test_long_runs_are_cut_at_clause_boundaries(split):
    text = "; ".join(["we keep this clause short"] * 200) + "."
    sentences = split(text)
    assert len(sentences) > 1
    assert all(len(s.text) <= MAX_SENTENCE for s in sentences)
    assert sentences[0].text.endswith(";")


def test_a_megabyte_without_punctuation(split):
    sentences = split("word " * 200_000)
    assert all(len(s.text) <= MAX_SENTENCE for s in sentences)
    assert sum(len(s.text) + 1 for s in sentences) == len("word " * 200_000)


def test_full_stops_past_the_punkt_budget_still_split(split):
    from server.sentences import PUNKT_BUDGET

    text = "We stop here. " * (PUNKT_BUDGET + 1000)
    sentences = split(text)
    assert len(sentences) == PUNKT_BUDGET + 1000
    assert {s.text for s in sentences} == {"We stop here."}
