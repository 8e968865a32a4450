"""The popup at a glance: short first screen, flags that open, show all, evidence in bold, no horizontal scroll."""

import pytest

from tests.browser.conftest import open_policy, open_popup, screenshot, store_result

NO_SIDEWAYS_SCROLL = "[document.documentElement, document.body].every((e) => e.scrollWidth <= e.clientWidth)"
LONG_URL = "https://www.example.com/legal/privacy/partners/" + "/".join(f"advertising-partner-directory-section-{i}" for i in range(8))


def finding(rule, severity, sentence, position, **extra):
    return {"rule": rule, "category": rule, "severity": severity, "title": f"Title of {rule}",
            "explanation": f"Why {rule} matters.", "sentence": sentence, "position": position, **extra}  # fmt: skip


def analysis(red_flags, good_points=(), highlights=(), **extra):
    return {"grade": "C", "red_flags": list(red_flags), "good_points": list(good_points), "highlights": list(highlights),
            "notes": [], "version": "test", **extra,
            "stats": {"sentences": 10, "words": 100, "reading_minutes": 0.4, "summary_reading_minutes": 0.1,
                      "elapsed_ms": 1, "cached": False}}  # fmt: skip


@pytest.mark.parametrize("name", ["plesk", "planio", "mailplanet", "mailee", "planetmirror"])
def test_first_render_is_collapsed_and_short(extension, site, name):
    page, tab_id = open_policy(extension, f"{site}/{name}.html")
    popup = open_popup(extension, tab_id)
    height = popup.evaluate("document.body.scrollHeight")
    screenshot(popup, f"popup-first-render-{name}.png")
    assert height <= 1200, f"{name}: the first render is {height} px tall"  # two 600-px popup screens
    assert popup.locator("details[open]").count() == 0
    assert popup.evaluate(NO_SIDEWAYS_SCROLL)
    # The counts say how many cards are shown.
    cards = popup.locator("#red-flags > li").count()
    good = popup.locator("#good-points > li").count()
    counts = popup.inner_text("#counts")
    assert counts.startswith(f"{cards} red flag") and f"· {good} good point" in counts
    assert popup.locator("#highlights li:not([hidden])").count() <= 3
    print(f"\n{name}: first render {height} px, {cards} red flags, {good} good points")
    page.close()
    popup.close()


def test_a_flag_opens_to_its_explanation_and_first_three_sentences(extension, site):
    sentences = [f"We may share your personal information with partner number {i} for advertising." for i in range(5)]
    flags = [finding("sharing", "high", s, i) for i, s in enumerate(sentences)]
    flags += [finding("sharing", "high", sentences[0], 9)]  # the policy repeats a sentence
    flags += [finding("tracking", "low", "We use cookies.", 7), finding("sale", "medium", "We sell data.", 8)]
    page, tab_id = open_policy(extension, f"{site}/news.html")
    store_result(extension, tab_id, analysis(flags))
    popup = open_popup(extension, tab_id)
    lines = popup.locator("#red-flags > li summary")
    assert [lines.nth(i).inner_text().split("\n")[0] for i in range(3)] == ["▲", "◆", "●"]  # worst first
    sharing = popup.locator("#red-flags > li[data-rule=sharing]")
    assert sharing.locator(".count").inner_text() == "5"  # the repeated sentence counts once
    assert sharing.locator("summary").get_attribute("aria-label") == "Title of sharing: High risk, 5 sentences"
    assert popup.locator("#counts").inner_text().startswith("3 red flags")
    assert not sharing.locator(".explanation").is_visible()
    sharing.locator("summary").focus()
    popup.keyboard.press("Enter")  # the keyboard opens a flag
    assert sharing.locator(".explanation").is_visible()
    assert sharing.locator(".quote:visible").count() == 3
    show_all = sharing.locator(".show-all")
    assert show_all.inner_text() == "Show all 5" and show_all.get_attribute("aria-expanded") == "false"
    screenshot(popup, "popup-flag-open.png")
    show_all.click()
    assert sharing.locator(".quote:visible").count() == 5 and show_all.get_attribute("aria-expanded") == "true"
    sharing.locator(".quote").nth(4).focus()
    popup.keyboard.press("Escape")  # Escape closes the card and gives the focus back to its line
    assert not sharing.locator(".explanation").is_visible()
    assert popup.evaluate("document.activeElement.tagName") == "SUMMARY"
    assert popup.evaluate(NO_SIDEWAYS_SCROLL)
    page.close()
    popup.close()


def test_evidence_is_in_bold_by_code_points(extension, site):
    sentence = "We 😀 sell your data to brokers 🎉 without asking."
    flag = finding("sale", "high", sentence, 0, evidence=[[5, 9], [23, 30]])  # code points: "sell", "brokers"
    plain = finding("tracking", "low", "We use cookies.", 1)  # no evidence field at all
    empty = finding("retention", "low", "We keep data.", 2, evidence=[])
    page, tab_id = open_policy(extension, f"{site}/news.html")
    store_result(extension, tab_id, analysis([flag, plain, empty]))
    popup = open_popup(extension, tab_id)
    card = popup.locator("li[data-rule=sale]")
    card.locator("summary").click()
    assert card.locator(".quote strong").all_inner_texts() == ["sell", "brokers"]
    assert card.locator(".quote").inner_text() == f"“{sentence}”"  # nothing lost around the emoji
    assert popup.locator("li[data-rule=tracking] .quote strong, li[data-rule=retention] .quote strong").count() == 0
    screenshot(popup, "popup-evidence.png")
    page.close()
    popup.close()


def long_url_page(site):
    """Write a short policy page whose sentences hold very long addresses; return its address."""
    text = " ".join([
        "<h1>Privacy Policy</h1>",
        f"<p>We may share your personal information with the third parties listed at {LONG_URL} for their own marketing purposes.</p>",
        f"<p>We use cookies and web beacons to track your visits, as described at {LONG_URL}?section=cookies&amp;lang=en.</p>",
        "<p>We may change this policy at any time without notice to you.</p>",
        "<p>This policy explains what we collect when you use our services, why we collect it, and the choices you have.</p>",
        "<p>If you have any questions about this policy or the way we handle your data, you can write to our team.</p>",
        f"<p>You can read more about how we collect and use personal data at {LONG_URL}#retention.</p>",
    ])
    (site.folder / "longurls.html").write_text(f"<html><head><title>Privacy Policy</title></head><body><main>{text}</main></body></html>")
    return f"{site}/longurls.html"


def test_long_urls_never_scroll_sideways(extension, site):
    page, tab_id = open_policy(extension, long_url_page(site))
    popup = open_popup(extension, tab_id)
    assert popup.locator("#red-flags > li").count() >= 2, popup.inner_text("body")
    for summary in popup.locator("summary").all():
        summary.click()
    for more in popup.locator(".show-all").all():
        more.click()
    assert popup.locator(".quote:visible", has_text=LONG_URL[:60]).count() >= 1
    assert popup.evaluate(NO_SIDEWAYS_SCROLL), popup.evaluate("document.documentElement.scrollWidth")
    assert popup.evaluate("document.body.getBoundingClientRect().width") <= 420
    screenshot(popup, "popup-long-urls.png")
    page.close()
    popup.close()


def test_key_sentences_are_collapsed_to_three(extension, site):
    page, tab_id = open_policy(extension, f"{site}/plesk.html")
    popup = open_popup(extension, tab_id)
    assert popup.locator("#highlights .quote:visible").count() == 3
    popup.click("#highlights + .show-all")
    assert popup.locator("#highlights .quote:visible").count() == 7
    page.close()
    popup.close()


def test_the_severities_chosen_in_the_options_are_the_ones_shown(extension, site):
    options = extension.new_page()
    options.goto(f"chrome-extension://{extension.extension_id}/extension/options/options.html")
    options.wait_for_selector("body[data-ready=true]")
    assert options.locator("[name=severities]").evaluate_all("els => els.map((e) => e.value)") == ["high", "medium", "low"]
    options.uncheck("[name=severities][value=low]")
    options.click("#save")
    options.wait_for_selector("body[data-saved=true]")
    try:
        page, tab_id = open_policy(extension, f"{site}/planio.html")
        popup = open_popup(extension, tab_id)
        cards = popup.locator("#red-flags > li")
        assert cards.count() >= 1 and popup.locator(".item.low").count() == 0
        assert popup.inner_text("#counts").startswith(f"{cards.count()} red flag")
        popup.close()
        page.close()
    finally:
        options.check("[name=severities][value=low]")
        options.click("#save")
        options.wait_for_selector("body[data-saved=true]")
        options.close()


@pytest.mark.parametrize("name", ["plesk", "planio", "mailplanet", "mailee", "planetmirror"])
def test_every_sentence_in_the_popup_is_found_in_the_page(extension, site, name):
    page, tab_id = open_policy(extension, f"{site}/{name}.html")
    popup = open_popup(extension, tab_id)
    for summary in popup.locator("summary").all():
        summary.click()
    for more in popup.locator(".show-all").all():
        more.click()
    quotes = popup.locator(".quote")
    missed = []
    for index in range(quotes.count()):
        popup.evaluate("delete document.body.dataset.marked")
        quotes.nth(index).click()
        popup.wait_for_selector("body[data-marked]")
        if popup.evaluate("document.body.dataset.marked") != "true":
            missed.append(quotes.nth(index).inner_text())
    print(f"\n{name}: {quotes.count() - len(missed)} of {quotes.count()} sentences found in the page")
    assert missed == []
    page.close()
    popup.close()
