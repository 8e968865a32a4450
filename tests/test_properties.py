"""Throw arbitrary text at the whole pipeline and check what must always hold."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from server.analysis import InputError
from server.sentences import Splitter
from server.text import clean

POLICY_WORDS = st.sampled_from(
    "we may sell share your personal data information with third parties partners cookies not never "
    "retain indefinitely change terms at any time without notice arbitration e.g. Inc. U.S. 1. (a) "
    "<b> </b> &amp; â€™ \n \n\n ; : , . ? !".split(" ")
)
TEXTS = st.one_of(st.text(max_size=2000), st.lists(POLICY_WORDS, max_size=300).map(" ".join))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXTS, count=st.integers(min_value=0, max_value=10))
def test_every_item_is_a_verbatim_sentence_of_the_cleaned_text(analyzer, text, count):
    try:
        result = analyzer.analyze(text, count)
    except InputError:
        assert not Splitter()(clean(text))  # refused only when there is nothing to analyse
        return
    sentences = [s.text for s in Splitter()(clean(text))]
    assert result["stats"]["sentences"] == len(sentences)
    assert len(result["highlights"]) <= count
    for item in result["highlights"] + result["red_flags"] + result["good_points"]:
        assert 0 <= item["position"] < len(sentences)
        assert sentences[item["position"]] == item["sentence"]
    assert result["grade"] in (None, "A", "B", "C", "D", "E")
