"""The extension in a real Chromium, against the real server, on policy pages served locally."""

from tests.browser.conftest import configure, open_policy, open_popup, screenshot


def test_popup_shows_grade_flags_and_highlights(extension, site):
    page, tab_id = open_policy(extension, f"{site}/plesk.html")
    popup = open_popup(extension, tab_id)
    assert popup.inner_text("#grade") in "ABCDE"
    flags = popup.locator(".item.high, .item.medium, .item.low")
    assert flags.count() >= 4
    assert popup.locator(".item.medium .quote", has_text="You cannot opt-out of these messages.").count() == 1
    assert popup.locator("#highlights .quote").count() == 7
    assert "â€" not in popup.inner_text("#content")  # the mojibake was repaired
    assert "Whole policy:" in popup.inner_text(".reading")
    screenshot(popup, "popup-plesk.png")
    popup.locator("#red-flags > li summary").first.click()  # a flag opens to its explanation and sentences
    assert popup.locator("#red-flags > li").first.locator(".explanation").is_visible()
    screenshot(popup, "popup-plesk-open.png")  # the README's docs/popup.png
    popup.close()
    page.close()


def test_clicking_a_flag_marks_and_scrolls_to_the_sentence(extension, site):
    page, tab_id = open_policy(extension, f"{site}/planio.html")
    popup = open_popup(extension, tab_id)
    quote = popup.locator(".quote", has_text="This website uses the following analytics, retargeting").first
    card = popup.locator(".item", has=quote)
    card.locator("summary").click()  # the flag opens to its sentences
    if not quote.is_visible():
        card.locator(".show-all").click()
    quote.click()
    popup.wait_for_selector("body[data-marked=true]")
    marked = page.evaluate("[...document.querySelectorAll('mark.policylens-mark')].map((m) => m.textContent).join('')")
    assert marked.startswith("This website uses the following analytics")
    assert page.evaluate(
        "(() => { const r = document.querySelector('mark.policylens-mark').getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= innerHeight; })()"
    )
    screenshot(page, "page-planio-marked.png")
    # A sentence split by a link and a bold word in the page is still found.
    popup.locator("#highlights .quote").first.click()
    popup.wait_for_selector("body[data-marked=true]")
    assert page.locator("mark.policylens-mark").count() >= 1
    popup.click("#clear")
    popup.wait_for_selector("#clear[hidden]", state="attached")
    assert page.locator("mark.policylens-mark").count() == 0
    popup.close()
    page.close()


def test_terms_of_service_show_their_own_red_flags(extension, site):
    # example-terms.txt is written for this test: arbitration with a class-action waiver, an
    # indemnity and AI training, which terms of service state and privacy policies rarely do.
    page, tab_id = open_policy(extension, f"{site}/example-terms.html")
    popup = open_popup(extension, tab_id)
    shown = {card.get_attribute("data-category") for card in popup.locator("#red-flags > li").all()}
    assert {"arbitration", "class-action-waiver", "indemnification", "ai-training"} <= shown
    assert "unilateral-termination" in shown
    good = {card.get_attribute("data-rule") for card in popup.locator("#good-points > li").all()}
    assert "leave-any-time" in good
    card = popup.locator("#red-flags > li[data-category=class-action-waiver]")
    card.locator("summary").click()
    screenshot(popup, "popup-example-terms.png")
    card.locator(".quote").first.click()
    popup.wait_for_selector("body[data-marked=true]")
    marked = page.evaluate("[...document.querySelectorAll('mark.policylens-mark')].map((m) => m.textContent).join('')")
    # the marks are split at the page's inline markup, so their text joins without some spaces
    assert "bring claims against the other only in an individual capacity" in marked
    popup.close()
    page.close()


def test_badge_counts_the_red_flags(extension, site):
    page, tab_id = open_policy(extension, f"{site}/mailplanet.html")
    popup = open_popup(extension, tab_id)
    shown = popup.locator(".item.high, .item.medium, .item.low").count()
    badge = extension.worker.evaluate("(tabId) => chrome.action.getBadgeText({tabId})", tab_id)
    assert badge == str(shown) and shown > 0
    popup.close()
    page.close()


def test_selection_is_analysed_through_the_context_menu_message(extension, site):
    page, tab_id = open_policy(extension, f"{site}/news.html")
    popup = open_popup(extension, tab_id)
    answer = popup.evaluate(
        """(tabId) => chrome.runtime.sendMessage({type: "analyze-text", tabId,
            text: "We may sell your personal information to data brokers. You cannot opt out of this."})""",
        tab_id,
    )
    assert answer["ok"] and {f["rule"] for f in answer["value"]["result"]["red_flags"]} >= {"data-sale", "no-opt-out"}
    popup.close()
    again = open_popup(extension, tab_id)  # the popup now shows the selection's analysis
    assert again.locator(".item.high .quote", has_text="We may sell your personal information to data brokers.").count() >= 1
    badge = extension.worker.evaluate("(tabId) => chrome.action.getBadgeText({tabId})", tab_id)
    assert badge == str(len({flag["rule"] for flag in answer["value"]["result"]["red_flags"]}))
    again.close()
    page.close()


def test_a_page_that_is_not_a_policy(extension, site):
    page, tab_id = open_policy(extension, f"{site}/news.html")
    popup = open_popup(extension, tab_id)
    assert "does not look like a privacy policy" in popup.inner_text("#not-policy")
    assert popup.locator("#not-policy .link", has_text="Privacy Policy").count() >= 1
    popup.click("#analyze-anyway")
    popup.wait_for_selector("body[data-ready=true] #grade")
    popup.close()
    page.close()


def test_a_linked_policy_is_fetched_and_analysed(extension, site):
    page, tab_id = open_policy(extension, f"{site}/news.html")
    popup = open_popup(extension, tab_id)
    popup.locator("#not-policy .link", has_text="Privacy Policy").first.click()
    popup.wait_for_selector("body[data-ready=true] #grade")
    assert f"{site}/planio.html" in popup.inner_text("#content")
    assert popup.locator(".item.medium .quote", has_text="retargeting").count() >= 1
    assert page.url.endswith("/news.html")  # the user's page was left alone
    popup.close()
    page.close()


def test_a_changed_policy_shows_its_new_red_flags(extension, site):
    original = (site.folder / "mailee.html").read_text(encoding="utf-8")
    (site.folder / "changing.html").write_text(original, encoding="utf-8")
    page, tab_id = open_policy(extension, f"{site}/changing.html")
    open_popup(extension, tab_id).close()
    page.close()
    added = "<p>We may sell your personal information to data brokers for their own marketing.</p></article>"
    (site.folder / "changing.html").write_text(original.replace("</article>", added), encoding="utf-8")
    page, tab_id = open_policy(extension, f"{site}/changing.html?v=2")  # past the browser's cache
    popup = open_popup(extension, tab_id)
    assert "has changed since you last analysed it" in popup.inner_text("#change")
    new = popup.locator(".item:has(.new)")
    assert new.count() >= 1 and "data brokers" in new.first.text_content()
    screenshot(popup, "popup-changed-policy.png")
    popup.close()
    page.close()


def test_page_and_server_text_never_becomes_html(extension, site):
    page, tab_id = open_policy(extension, f"{site}/xss.html")
    popup = open_popup(extension, tab_id)
    assert popup.locator("#content img, #content script").count() == 0
    assert popup.evaluate("window.__pwned") is None and page.evaluate("window.__pwned") is None
    # The renderer itself, given hostile text from a server, shows it as text.
    popup.evaluate(
        """async () => {
            const {renderResult} = await import("./render.js");
            const hostile = '<img src=x onerror="window.__pwned=3"><script>window.__pwned=4</script>';
            const flag = {rule: "x", category: "tracking", severity: "high", title: hostile, explanation: hostile, sentence: hostile, position: 0};
            renderResult(document.getElementById("content"), {grade: "E", red_flags: [flag], good_points: [flag],
                highlights: [{sentence: hostile, position: 0, score: 1}], notes: [hostile],
                stats: {reading_minutes: 1, summary_reading_minutes: 1}}, {severities: ["high"]}, () => {});
        }"""
    )
    assert popup.locator("#content img, #content script").count() == 0
    assert "<img src=x" in popup.inner_text("#content")
    assert popup.evaluate("window.__pwned") is None
    popup.close()
    page.close()


def test_server_down_says_how_to_start_it(extension, site, server_url):
    configure(extension, serverUrl="http://127.0.0.1:9")
    try:
        page, tab_id = open_policy(extension, f"{site}/mailee.html")
        popup = open_popup(extension, tab_id)
        error = popup.inner_text("#error")
        assert "not answering" in error and "bin/serve" in error
        screenshot(popup, "popup-server-down.png")
        popup.close()
        page.close()
    finally:
        configure(extension, serverUrl=server_url)


def test_options_are_saved_and_used(extension, site):
    configure(extension, maxHighlights=3)
    try:
        page, tab_id = open_policy(extension, f"{site}/planetmirror.html")
        popup = open_popup(extension, tab_id)
        assert popup.locator("#highlights .quote").count() == 3, popup.inner_text("#content")
        popup.close()
        page.close()
    finally:
        configure(extension, maxHighlights=7)


def test_a_page_the_extension_may_not_read(extension):
    before = set(extension.worker.evaluate("async () => (await chrome.tabs.query({})).map((t) => t.id)"))
    page = extension.new_page()
    page.goto("chrome://version")
    after = set(extension.worker.evaluate("async () => (await chrome.tabs.query({})).map((t) => t.id)"))
    (tab_id,) = after - before  # the browser hides a chrome:// tab's address from extensions
    popup = open_popup(extension, tab_id)
    assert "cannot read this page" in popup.inner_text("#error")
    popup.close()
    page.close()


def test_dark_mode_follows_the_system(extension, site):
    page, tab_id = open_policy(extension, f"{site}/planio.html")
    popup = extension.new_page()
    popup.emulate_media(color_scheme="dark")
    popup.set_viewport_size({"width": 440, "height": 900})
    popup.goto(f"chrome-extension://{extension.extension_id}/extension/popup/popup.html?tab={tab_id}")
    popup.wait_for_selector("body[data-ready=true]")
    background = popup.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(17, 24, 39)"
    screenshot(popup, "popup-planio-dark.png")
    popup.close()
    page.close()


def test_a_server_that_does_not_answer_times_out_with_a_message(extension, site, server_url):
    import socket

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)  # accepts connections and never answers
    extension.worker.evaluate("() => chrome.storage.local.set({timeoutSeconds: 2})")
    configure(extension, serverUrl=f"http://127.0.0.1:{silent.getsockname()[1]}")
    try:
        page, tab_id = open_policy(extension, f"{site}/mailee.html")
        popup = open_popup(extension, tab_id)
        assert "did not answer within 2 seconds" in popup.inner_text("#error")
        popup.close()
        page.close()
    finally:
        silent.close()
        extension.worker.evaluate("() => chrome.storage.local.remove('timeoutSeconds')")
        configure(extension, serverUrl=server_url)


def test_a_huge_page_is_refused_with_a_way_out(extension, site):
    paragraph = "<p>We may share your personal information with our partners for marketing. " * 5 + "</p>"
    (site.folder / "huge.html").write_text(
        "<html><head><title>Huge Privacy Policy</title></head><body><main>" + paragraph * 6_000 + "</main></body></html>",
        encoding="utf-8",
    )
    page, tab_id = open_policy(extension, f"{site}/huge.html")
    popup = open_popup(extension, tab_id)
    error = popup.inner_text("#error")
    assert "more than any policy" in error and "Analyze selection" in error
    popup.close()
    page.close()
