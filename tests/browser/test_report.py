"""The report page: the whole policy in order with its findings in place, filters, exports, print, versions compared."""

import json

from tests.browser.conftest import ARTIFACTS, open_policy, open_popup, screenshot, store_result
from tests.browser.test_popup import NO_SIDEWAYS_SCROLL, analysis, finding, long_url_page


def open_report(browser, popup):
    """Click "Open full report" in the popup and return the report's tab once it is ready."""
    with browser.expect_page() as opened:
        popup.click("#open-report")
    report = opened.value
    report.wait_for_selector("body[data-ready=true]", timeout=30_000)
    return report


def test_report_shows_every_sentence_in_order_with_flags_in_place(extension, site, server_url):
    page, tab_id = open_policy(extension, f"{site}/mailplanet.html")
    popup = open_popup(extension, tab_id)
    report = open_report(extension, popup)
    assert report.url.startswith(f"chrome-extension://{extension.extension_id}/extension/report/report.html")
    stored = extension.worker.evaluate("async (key) => (await chrome.storage.session.get(key))[key]", f"result:{tab_id}")
    result = stored["result"]
    sentences = report.locator("#sentences > li .text").all_inner_texts()
    assert sentences == [s["text"] for s in result["sentences"]] and len(sentences) == result["stats"]["sentences"]
    # Each sentence is a piece of the page's text, in the page's order, from its first words to its last.
    text, at = " ".join(page.inner_text("main").split()), 0
    for sentence in sentences:
        at = text.find(" ".join(sentence.split()), at)
        assert at >= 0, sentence
    assert text.startswith(" ".join(sentences[0].split())) and text.endswith(" ".join(sentences[-1].split()))
    flag = result["red_flags"][0]
    marked = report.locator(f"#s-{flag['position']}")
    assert "marked" in marked.get_attribute("class") and flag["severity"] in marked.get_attribute("class")
    assert f"{flag['category']} · {flag['title']}" in marked.locator(".tags").inner_text()
    good = result["good_points"][0]
    assert "good" in report.locator(f"#s-{good['position']} .tag").first.get_attribute("class")
    unmarked = set(range(len(sentences))) - {f["position"] for f in result["red_flags"] + result["good_points"]}
    assert report.locator(f"#s-{min(unmarked)}.marked").count() == 0
    assert report.inner_text("#grade") == result["grade"]
    assert "How the grade was computed" in report.inner_text("#grade-details")
    # The side list jumps to a sentence.
    report.locator("#jump a").first.click()
    assert report.evaluate("location.hash").startswith("#s-")
    screenshot(report, "report-mailplanet.png")
    report.close()
    popup.close()
    page.close()


def test_report_filters_by_severity_and_category(extension, site):
    page, tab_id = open_policy(extension, f"{site}/planio.html")
    popup = open_popup(extension, tab_id)
    report = open_report(extension, popup)
    total = report.locator("#jump .jump").count()
    report.select_option("#filter-severity", "medium")
    shown = report.locator("#jump .jump:visible")
    assert 1 <= shown.count() < total and all("medium" in c for c in shown.evaluate_all("els => els.map((e) => e.className)"))
    assert report.locator("#sentences .marked.low:not(.dimmed)").count() == 0
    assert report.locator("#sentences .marked.medium:not(.dimmed)").count() >= 1
    report.select_option("#filter-severity", "")
    category = report.locator("#filter-category option").nth(1).get_attribute("value")
    report.select_option("#filter-category", category)
    assert report.locator("#jump .jump:visible").count() == report.locator(f"#jump .jump[data-category={category}]").count()
    report.check("#only-marked")
    visible = report.locator("#sentences > li:visible")
    assert visible.count() >= 1
    assert all(category in c.split() for c in visible.evaluate_all("els => els.map((e) => e.dataset.categories)"))
    assert all(f" {category} · " in tag for tag in report.locator("#sentences .tag:visible").all_inner_texts())
    first = visible.first  # keeps its number in the policy
    assert first.evaluate("(li) => li.value") == int(first.get_attribute("data-position")) + 1
    screenshot(report, "report-planio-filtered.png")
    report.close()
    popup.close()
    page.close()


def test_report_exports_json_and_markdown(extension, site, tmp_path):
    page, tab_id = open_policy(extension, f"{site}/plesk.html")
    popup = open_popup(extension, tab_id)
    report = open_report(extension, popup)
    with report.expect_download() as download:
        report.click("#export-json")
    assert download.value.suggested_filename.endswith(".json") and "127.0.0.1" in download.value.suggested_filename
    download.value.save_as(tmp_path / "report.json")
    exported = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert exported["url"] == f"{site}/plesk.html" and exported["analysis"]["grade"] == report.inner_text("#grade")
    assert len(exported["analysis"]["sentences"]) == exported["analysis"]["stats"]["sentences"]
    with report.expect_download() as download:
        report.click("#export-markdown")
    assert download.value.suggested_filename.endswith(".md")
    download.value.save_as(tmp_path / "report.md")
    download.value.save_as(ARTIFACTS / "report-plesk.md")
    markdown = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert markdown.startswith("# PolicyLens report") and f"Grade: **{exported['analysis']['grade']}**" in markdown
    assert "## Red flags" in markdown and "## The policy, sentence by sentence" in markdown
    assert "> You cannot opt-out of these messages." in markdown
    report.close()
    popup.close()
    page.close()


def test_report_prints_without_its_controls(extension, site):
    page, tab_id = open_policy(extension, f"{site}/mailee.html")
    popup = open_popup(extension, tab_id)
    report = open_report(extension, popup)
    assert report.evaluate("getComputedStyle(document.querySelector('aside')).display") != "none"
    report.emulate_media(media="print")
    for selector in ("aside", ".actions", ".bottom"):
        assert report.evaluate(f"getComputedStyle(document.querySelector('{selector}')).display") == "none"
    assert report.locator("#sentences > li:visible").count() == report.locator("#sentences > li").count()
    screenshot(report, "report-mailee-print.png")
    report.close()
    popup.close()
    page.close()


def test_report_shows_evidence_in_bold(extension, site):
    sentence = "We 😀 sell your data to brokers 🎉 without asking."
    flag = finding("sale", "high", sentence, 1, evidence=[[5, 9], [23, 30]])
    sentences = [{"position": 0, "text": "Welcome."}, {"position": 1, "text": sentence}, {"position": 2, "text": "Bye."}]
    page, tab_id = open_policy(extension, f"{site}/news.html")
    store_result(extension, tab_id, analysis([flag], sentences=sentences, grade_details={"balance": -3, "high_rules": 1}))
    popup = open_popup(extension, tab_id)
    report = open_report(extension, popup)
    assert report.locator("#s-1 .text strong").all_inner_texts() == ["sell", "brokers"]
    assert report.inner_text("#s-1 .text") == sentence
    details = report.inner_text("#grade-details")
    assert "balance" in details and "-3" in details and "high rules" in details
    report.close()
    popup.close()
    page.close()


def test_report_compares_two_versions_of_a_policy(extension, site):
    original = (site.folder / "mailee.html").read_text(encoding="utf-8")
    (site.folder / "versions.html").write_text(original, encoding="utf-8")
    page, tab_id = open_policy(extension, f"{site}/versions.html")
    open_popup(extension, tab_id).close()
    page.close()
    added = "<p>We may sell your personal information to data brokers for their own marketing.</p></article>"
    (site.folder / "versions.html").write_text(original.replace("</article>", added), encoding="utf-8")
    page, tab_id = open_policy(extension, f"{site}/versions.html?v=2")
    popup = open_popup(extension, tab_id)
    report = open_report(extension, popup)
    assert report.locator("#compare").is_visible()
    summary = report.inner_text("#compare-summary")
    added_flags = report.locator(".version .finding.added")
    assert f"added {added_flags.count()} and dropped 0" in summary and "gained 1 sentence and lost 0" in summary
    assert added_flags.count() >= 1 and all("data brokers" in text for text in added_flags.all_inner_texts())
    assert report.locator(".version .finding.dropped").count() == 0
    assert report.locator("#new-sentences li").all_inner_texts() == [
        "We may sell your personal information to data brokers for their own marketing."
    ]
    position = report.locator("#new-sentences a").get_attribute("href")
    assert "new-text" in report.locator(position).get_attribute("class")
    screenshot(report, "report-compare.png")
    report.close()
    popup.close()
    page.close()


def test_report_with_long_urls_does_not_scroll_sideways_in_dark_mode(extension, site):
    page, tab_id = open_policy(extension, long_url_page(site))
    popup = open_popup(extension, tab_id)
    report = open_report(extension, popup)
    report.emulate_media(color_scheme="dark")
    assert report.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(17, 24, 39)"
    for width in (1100, 700):  # side by side, then stacked
        report.set_viewport_size({"width": width, "height": 800})
        assert report.evaluate(NO_SIDEWAYS_SCROLL), (width, report.evaluate("document.documentElement.scrollWidth"))
    screenshot(report, "report-long-urls-dark.png")
    report.close()
    popup.close()
    page.close()
