import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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
        ("zero\u200bwidth and nul\x00byte", "zerowidth and nul byte"),
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


TAG_LIKE_PLAIN_TEXT = [
    "If x <b> y then we may sell your personal information to data brokers.",
    "We use links (an HTML <a> anchor tag) to other sites.",
    "If a < b > c, we share your data.",
    "Write to <your email> with the subject <unsubscribe>.",
    "Tom &amp; Jerry &lt;3 and <!-- not a comment --> here.",
    "Prices are *estimates* and _drafts_; see [terms](https://x.example/t).",
    "# Not a heading, and > not a quote, and - not a list.",
]


@pytest.mark.parametrize("raw", TAG_LIKE_PLAIN_TEXT)
def test_plain_text_is_kept_verbatim(raw):
    assert clean(raw, "text") == raw


@pytest.mark.parametrize("raw", TAG_LIKE_PLAIN_TEXT[:2] + TAG_LIKE_PLAIN_TEXT[3:5])
def test_detection_still_reads_tag_like_text_as_markup(raw):
    # The default is unchanged: pasted text with anything tag-like is read as HTML.
    assert clean(raw) != raw


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126) | st.sampled_from("\n\t\r "), max_size=300))
def test_plain_text_keeps_every_word(raw):
    # Only white space may change: every word, tag-like or not, comes back as it was, in order.
    assert clean(raw, "text").split() == raw.split()


def test_plain_text_is_still_repaired_and_normalised():
    raw = "We collect\u00a0your name and\nyour e-mail.\r\n\r\n\r\nWe donâ€™t sell <data>.\x00"
    assert clean(raw, "text") == "We collect your name and your e-mail.\n\nWe don’t sell <data>."


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("<p>We use <b>cookies</b>.</p><p>Write to <your email>.</p>", "We use cookies.\n\nWrite to ."),
        ("Tom &amp; Jerry sell data.", "Tom & Jerry sell data."),  # no tag, still markup: entities decoded
        ("<nav>Home</nav><main><p>If a < b > c, we share data.</p></main>", "If a < b > c, we share data."),
    ],
)
def test_html_is_always_read_as_markup(raw, expected):
    assert clean(raw, "html") == expected


@pytest.mark.parametrize("format", ["xml", "TEXT", "", 1])
def test_unknown_format_is_refused(format):
    with pytest.raises(ValueError, match="format"):
        clean("We sell data.", format)


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


def test_zero_width_characters_leave_no_space():
    assert clean("See https://example.com/\u200bprivacy/\u200bcookies and\ufeff more.") == (
        "See https://example.com/privacy/cookies and more."
    )
