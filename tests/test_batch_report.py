"""The batch report: summary counts, the trend from dated ids, and the page rendered in Chromium."""

import json

import pytest

from server.batch.report import write_report
from server.batch.rows import analyze_document
from server.batch.summary import period_of, summarise
from tests.conftest import POLICIES

# Survives cleaning (markup would be dropped) and must come out as text: "<", "&", quotes and "$".
HOSTILE = 'We may sell your personal information to partners <3 & "friends" for $5 or $10 a < b > c.'


@pytest.fixture(scope="module")
def output(tmp_path_factory, analyzer):
    return sample_output(tmp_path_factory.mktemp("report"), analyzer)


def sample_output(folder, analyzer):
    """Write a batch output of dated policies of two services, a hostile sentence and a failure."""
    texts = {
        name: (POLICIES / f"{name}.txt").read_text(encoding="utf-8") for name in ("plesk", "planio", "mailee")
    }
    documents = [
        ("acme/2019-03-01.txt", texts["mailee"]),
        ("acme/2021-06-01.txt", texts["planio"] + "\n" + HOSTILE),
        ("acme/2023-01-15.txt", texts["plesk"] + "\n" + HOSTILE),
        ("globex/2019.txt", texts["planio"]),
        ("globex/2021.txt", texts["planio"] + "\n" + HOSTILE),  # the most common flagged sentence
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
    assert summary.sentences[HOSTILE] == 4 and "data-sale" in summary.sentence_flags[HOSTILE]
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
