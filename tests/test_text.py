import time

import pytest

from server.text import clean
from tests.conftest import read_policy


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("", ""),
        ("   \n\t \n", ""),
        ("One sentence.", "One sentence."),
        ("a\u00a0\u00a0b\tc", "a b c"),
        ("Line one.\r\nLine two.", "Line one.\nLine two."),
        ("Para one.\n\n\n\nPara two.", "Para one.\n\nPara two."),
        ("zero\u200bwidth and nul\x00byte", "zero width and nul byte"),
        ("Tom &amp; Jerry &lt;3", "Tom & Jerry <3"),
        ("# Heading\n> quoted *bold* and [a link](https://x.example/y) here.", "Heading\nquoted bold and a link here."),
        ("- first item\n- second item", "first item\nsecond item"),
        ("We collect your name and\nyour email address.", "We collect your name and your email address."),
        ("ﬁne ＡＢＣ", "fine ABC"),
    ],
)
def test_clean_small_cases(raw, expected):
    assert clean(raw) == expected


def test_html_keeps_visible_text_and_blocks():
    raw = "<h1>Privacy</h1><p>We use <b>cookies</b>.</p><script>alert('x')</script><style>p{}</style><li>One</li>"
    assert clean(raw) == "Privacy\n\nWe use cookies.\n\nOne"


def test_html_page_chrome_is_dropped():
    raw = "<nav><a href=/>Home</a></nav><main><p>We sell data.</p></main><footer>© 2026 Example</footer>"
    assert clean(raw) == "We sell data."


def test_markup_that_is_not_html_survives():
    assert clean("Children < 13 and adults > 18.") == "Children < 13 and adults > 18."


def test_plesk_mojibake_is_repaired():
    cleaned = clean(read_policy("plesk"))
    for broken in ("â€", "Ã", "Â", "†"):
        assert broken not in cleaned
    assert "our visitors’, partners’ and customers’ (collectively “you” or “your”)" in cleaned
    assert "(“PII”)" in cleaned
    assert "the “unsubscribe” link" in cleaned


@pytest.mark.parametrize(
    "raw",
    ["\n" * 200_000, "é\n" * 100_000, "â€™\n" * 50_000, "[a](" * 50_000, "**a" * 100_000, "<div>" * 50_000, "x" * 500_000],
)
def test_pathological_input_stays_fast(raw):
    started = time.perf_counter()
    clean(raw)
    assert time.perf_counter() - started < 10  # generous: a regression here is minutes, not seconds
