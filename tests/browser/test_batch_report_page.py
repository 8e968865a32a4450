"""The batch report in Chromium: its charts render, policy text shows as text, nothing is fetched."""

from server.batch.report import write_report
from tests.browser.conftest import ARTIFACTS
from tests.test_batch_report import sample_output


def test_report_renders_in_chromium(browser, tmp_path, analyzer):
    page_path = tmp_path / "report.html"
    write_report(sample_output(tmp_path, analyzer), page_path)
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page()
    page.set_viewport_size({"width": 1000, "height": 900})
    requests, dialogs = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("dialog", lambda dialog: dialogs.append(dialog.message))
    page.goto(page_path.as_uri())
    charts = page.locator("svg")
    assert charts.count() == 4  # grades, categories, sentences, trend
    for index in range(4):
        box = charts.nth(index).bounding_box()
        assert box["width"] > 300 and box["height"] > 100
    assert page.get_by_text("Most common flagged sentences").is_visible()
    assert page.locator("td", has_text='partners <3 & "friends" for $5').count() == 1  # shown as text
    page.screenshot(path=str(ARTIFACTS / "batch-report.png"), full_page=True)
    page.close()
    assert requests == [page_path.as_uri()] and dialogs == []  # nothing fetched, no script run
