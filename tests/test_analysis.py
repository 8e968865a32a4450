"""The whole pipeline on the five real policies: what a careful reader would agree with."""

import pytest

from server.analysis import InputError
from tests.conftest import read_policy


def rules_on(result, kind="red_flags"):
    return {(item["rule"], item["sentence"]) for item in result[kind]}


def rule_ids(result, kind="red_flags"):
    return {item["rule"] for item in result[kind]}


def test_empty_text_is_refused(analyzer):
    with pytest.raises(InputError):
        analyzer("  \n *** ", 7)


def test_one_sentence(analyzer):
    result = analyzer("We may sell your personal information to advertisers.", 7)
    assert [h["position"] for h in result["highlights"]] == [0]
    assert "data-sale" in rule_ids(result)
    assert result["stats"]["sentences"] == 1


@pytest.mark.parametrize("name", ["mailee", "mailplanet", "planetmirror", "planio", "plesk"])
def test_every_item_is_a_verbatim_sentence(analyzer, name):
    result = analyzer(read_policy(name), 7)
    assert 1 <= len(result["highlights"]) <= 7
    assert result["grade"] in "ABCDE"
    for item in result["highlights"] + result["red_flags"] + result["good_points"]:
        assert 0 <= item["position"] < result["stats"]["sentences"]
        assert item["sentence"] and "â€" not in item["sentence"]
    assert result["stats"]["words"] > 200 and result["stats"]["reading_minutes"] > 0


def test_plesk_mojibake_repaired_and_traps(analyzer):
    result = analyzer(read_policy("plesk"), 7)
    assert ("no-opt-out", "You cannot opt-out of these messages.") in rules_on(result)
    assert "business-transfer" in rule_ids(result)
    assert "consent-by-use" in rule_ids(result)
    for item in result["highlights"] + result["red_flags"] + result["good_points"]:
        assert "â" not in item["sentence"] and "Ã" not in item["sentence"]


def test_mailplanet_does_not_sell(analyzer):
    result = analyzer(read_policy("mailplanet"), 7)
    promise = "We do not sell, license, rent, trade or exchange your information in any manner whatsoever to any third party."
    assert ("no-sale", promise) in rules_on(result, "good_points")
    assert "data-sale" not in rule_ids(result)
    assert "security-disclaimer" in rule_ids(result)


def test_mailee_merger_transfer(analyzer):
    result = analyzer(read_policy("mailee"), 7)
    assert any(
        rule == "business-transfer" and "acquired" in sentence for rule, sentence in rules_on(result)
    )


def test_planio_analytics_and_retargeting(analyzer):
    result = analyzer(read_policy("planio"), 7)
    assert "third-party-tracking" in rule_ids(result)
    assert "targeted-advertising" in rule_ids(result)
    assert "data-sale" not in rule_ids(result)


def test_planetmirror_is_a_good_policy(analyzer):
    result = analyzer(read_policy("planetmirror"), 7)
    assert "no-sale" in rule_ids(result, "good_points")
    assert result["grade"] in "AB"


def test_other_languages_get_a_note_and_highlights(analyzer):
    german = (
        "Wir verkaufen Ihre Daten nicht. Wir speichern Ihre personenbezogenen Daten nur so lange, wie es "
        "erforderlich ist. Sie können der Verarbeitung jederzeit widersprechen. Die Übermittlung an Dritte "
        "erfolgt nur mit Ihrer ausdrücklichen Einwilligung. Cookies werden für die Analyse eingesetzt."
    )
    result = analyzer(german, 3)
    assert result["notes"] and "English" in result["notes"][0]
    assert result["red_flags"] == [] and result["grade"] is None
    assert 1 <= len(result["highlights"]) <= 3


def test_cache_returns_the_same_result(analyzer):
    from server.analysis import Analyzer

    cached = Analyzer(splitter=analyzer.splitter, ranker=analyzer.ranker, rules=analyzer.rules, model=analyzer.model, cache_size=2)
    first = cached(read_policy("planio"), 7)
    second = cached(read_policy("planio"), 7)
    assert not first["stats"]["cached"] and second["stats"]["cached"]
    assert {k: v for k, v in first.items() if k != "stats"} == {k: v for k, v in second.items() if k != "stats"}


def test_long_addresses_do_not_make_a_policy_foreign(analyzer):
    text = ("We may share your personal information with advertising partners, see "
            "https://example.com/legal/privacy/partners/advertising/list-of-partners-2026-edition?lang=en&region=eu "
            "and https://example.com/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q/r/s/t/u/v/w/x/y/z/cookies-and-tracking-settings.")
    result = analyzer(text, 7)
    assert result["grade"] is not None and result["red_flags"] and not result["notes"]
