"""The batch report: summary counts, the trend from dated ids, and the page rendered in Chromium."""

import json
import os
from pathlib import Path

import pytest

from server.batch.report import write_report
from server.batch.rows import analyze_document
from server.batch.summary import period_of, summarise
from tests.conftest import POLICIES, ROOT

ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = os.environ.get("POLICYLENS_CHROMIUM", "/usr/bin/chromium")
# Survives cleaning (markup would be dropped) and must come out as text: "<", "&", quotes and "$".
HOSTILE = 'We may sell your personal information to partners <3 & "friends" for $5 or $10 a < b > c.'


@pytest.fixture(scope="module")
def output(tmp_path_factory, analyzer):
    """A batch output of dated versions of two services' policies, a hostile sentence and a failure."""
    folder = tmp_path_factory.mktemp("report")
    texts = {
        name: (POLICIES / f"{name}.txt").read_text(encoding="utf-8") for name in ("plesk", "planio", "mailee")
    }
    documents = [
        ("acme/2019-03-01.txt", texts["mailee"]),
        ("acme/2021-06-01.txt", texts["planio"] + "\n" + HOSTILE),
        ("acme/2023-01-15.txt", texts["plesk"] + "\n" + HOSTILE),
        ("globex/2019.txt", texts["planio"]),
        ("globex/2021.txt", texts["planio"]),
        ("globex/2023.txt", texts["plesk"] + "\n" + HOSTILE),
        ("undated.txt", texts["mailee"]),
        ("broken.txt", b"\0\1\2 binary"),
    ]
    path = folder / "out.jsonl"
    with open(path, "w", encoding="utf-8") as file:
        for doc_id, raw in documents:
            file.write(json.dumps(analyze_document(doc_id, raw, analyzer)) + "\n")
    return path


@pytest.mark.parametrize(
    "doc_id, period",
    [("acme/2019-03-01.txt", ("date", 2019, 3)), ("x_20210615_terms.md", ("date", 2021, 6)), ("globex/2019.txt", ("date", 2019, 0)),
     ("terms-v2.1.md", ("version", 2, 1)), ("policy version 3.txt", ("version", 3)), ("adroll.privacy.md", None),
     ("page-12345.txt", None)],
)  # fmt: skip
def test_period_of_an_id(doc_id, period):
    assert period_of(doc_id) == period


def test_summary_counts(output):
    summary = summarise(output)
    assert summary.documents == 8 and summary.failed == 1 and summary.errors == {"binary": 1}
    assert sum(summary.grades.values()) == 7 and summary.undated == 1
    assert summary.sentences[HOSTILE] == 3 and summary.sentence_rule[HOSTILE][0] == "data-sale"
    assert sorted(summary.periods) == [("date", 2019, 0), ("date", 2019, 3), ("date", 2021, 0), ("date", 2021, 6),
                                       ("date", 2023, 0), ("date", 2023, 1)]  # fmt: skip


def test_report_is_self_contained_and_escapes_policy_text(output, tmp_path):
    page = tmp_path / "report.html"
    write_report(output, page)
    text = page.read_text(encoding="utf-8")
    assert text.count("<svg") == 4  # grades, categories, sentences, trend
    assert "<script" not in text and "<img" not in text and "src=" not in text
    assert not any(
        link in text for link in ('href="http', "href='http", "url(http", "@import")
    )  # nothing to fetch
    assert "partners &lt;3 &amp; &quot;friends&quot; for $5 or $10 a &lt; b &gt; c." in text
    assert "2019" in text and "2023" in text and "1 documents without a date or version are left out" in text


def test_report_without_dates_says_why_there_is_no_trend(tmp_path, analyzer):
    path = tmp_path / "out.jsonl"
    path.write_text(
        json.dumps(analyze_document("a.txt", "We may sell your data. We use cookies.", analyzer)) + "\n"
    )
    write_report(path, tmp_path / "report.html")
    text = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert text.count("<svg") == 2 and "No trend: it needs document ids that carry a date" in text


def test_report_renders_in_chromium(output, tmp_path):
    if not Path(CHROMIUM).exists():
        message = (
            f"Chromium is not installed at {CHROMIUM}: apt-get install chromium (or set POLICYLENS_CHROMIUM)"
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    page_path = tmp_path / "report.html"
    write_report(output, page_path)
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1000, "height": 900})
        requests = []
        page.on("request", lambda request: requests.append(request.url))
        page.on("dialog", lambda dialog: pytest.fail("the report ran a script"))
        page.goto(page_path.as_uri())
        charts = page.locator("svg")
        assert charts.count() == 4
        for index in range(4):
            box = charts.nth(index).bounding_box()
            assert box["width"] > 300 and box["height"] > 100
        assert page.get_by_text("Most common flagged sentences").is_visible()
        assert page.locator("td", has_text='partners <3 & "friends" for $5').count() == 1  # shown as text
        page.screenshot(path=str(ARTIFACTS / "batch-report.png"), full_page=True)
        browser.close()
    assert requests == [page_path.as_uri()]  # nothing fetched beyond the page itself
