"""Write a batch's report: one self-contained HTML page (no script, no network) with inline SVG charts."""

import datetime
import html
from pathlib import Path

from . import plots
from .summary import summarise, trend

TOP_SENTENCES = 15
TREND_CATEGORIES = 5
STYLE = """
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2933;max-width:960px;margin:32px auto;padding:0 20px}
h1{font-size:1.7em;margin-bottom:.2em} h2{margin-top:2em;border-bottom:1px solid #d9e2ec;padding-bottom:.2em}
.lead{color:#52606d} .figure svg{max-width:100%;height:auto} table{border-collapse:collapse;width:100%;font-size:.92em}
th,td{text-align:left;vertical-align:top;padding:6px 8px;border-bottom:1px solid #e4e7eb} td.n{text-align:right;white-space:nowrap}
.stats{display:flex;gap:24px;flex-wrap:wrap} .stats div{background:#f5f7fa;padding:10px 16px;border-radius:6px}
.stats b{display:block;font-size:1.5em} .muted{color:#7b8794}
@media print{body{margin:0;max-width:none} h2{break-after:avoid} .figure,tr{break-inside:avoid}}
"""


def write_report(output_path, html_path):
    """Read a batch's output and write its HTML report."""
    if not Path(output_path).exists():
        raise ValueError(
            f"{output_path} does not exist: run `python -m server batch INPUT --output {output_path}` first."
        )
    summary = summarise(output_path)
    Path(html_path).write_text(render(summary, Path(output_path).name), encoding="utf-8")


def render(summary, name):
    """Return the report page of a Summary."""
    e = html.escape
    parts = [
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>PolicyLens report: {e(name)}</title>",
        f"<meta name='viewport' content='width=device-width,initial-scale=1'><style>{STYLE}</style></head><body>",
        f"<h1>PolicyLens report</h1><p class='lead'>{e(name)}, written "
        f"{datetime.date.today().isoformat()}. Red flags are sentences that state a practice to worry about; "
        "each category counts once per document.</p>",
        "<div class='stats'>"
        + stat("documents", summary.documents)
        + stat("analysed", summary.analysed)
        + stat("failed", summary.failed)
        + "</div>",
    ]
    if summary.failed:
        reasons = ", ".join(f"{count} {e(code)}" for code, count in summary.errors.most_common())
        parts.append(
            f"<p class='muted'>Failed documents, by reason: {reasons} (their <code>error</code> column says more).</p>"
        )
    if not summary.analysed:
        parts.append("<p>No document was analysed, so there is nothing to chart.</p></body></html>")
        return "".join(parts)
    letters = summary.grade_order()
    parts += [
        "<h2>Grades</h2>",
        figure(plots.grade_chart(letters, [summary.grades[g] for g in letters], summary.grades[None]),
               "Number of documents per grade, from A (best) down."),
    ]  # fmt: skip
    if summary.grades[None]:
        parts.append(
            f"<p class='muted'>{summary.grades[None]} documents got no grade: they do not read as English.</p>"
        )
    raised = [
        (c, summary.categories[c] / summary.analysed)
        for c in summary.category_order()
        if summary.categories[c]
    ]
    raised.sort(key=lambda item: -item[1])
    parts.append("<h2>Share of documents raising each category</h2>")
    if raised:
        parts.append(figure(plots.share_chart([c for c, _ in raised], [s for _, s in raised], "% of analysed documents"),
                            "Share of analysed documents with at least one red flag of each category."))  # fmt: skip
        absent = [c for c in summary.category_order() if not summary.categories[c]]
        if absent:
            parts.append(f"<p class='muted'>Raised by no document: {e(', '.join(absent))}.</p>")
    else:
        parts.append("<p>No document raised a red flag.</p>")
    parts += sentences_section(summary) + trend_section(summary)
    parts.append(
        "<p class='muted'>Written by PolicyLens (<code>python -m server batch-report</code>).</p></body></html>"
    )
    return "".join(parts)


def stat(label, value):
    """Return one headline number."""
    return f"<div><b>{value:,}</b>{html.escape(label)}</div>"


def figure(svg, caption):
    """Return a chart with its caption."""
    return (
        f"<figure class='figure'>{svg}<figcaption class='muted'>{html.escape(caption)}</figcaption></figure>"
    )


def sentences_section(summary):
    """Return the most common flagged sentences: a chart and the full sentences in a table."""
    top = [(s, n) for s, n in summary.sentences.most_common(TOP_SENTENCES) if n > 1]
    parts = ["<h2>Most common flagged sentences</h2>"]
    if not top:
        return parts + ["<p>No flagged sentence appears in more than one document.</p>"]
    parts.append(figure(plots.count_chart([s for s, _ in top], [n for _, n in top], "documents stating it"),
                        "Red-flagged sentences found word for word in the most documents."))  # fmt: skip
    rows = "".join(
        f"<tr><td class='n'>{n:,}</td><td>{html.escape(s)}</td>"
        f"<td>{html.escape(', '.join(summary.sentence_flags[s]))}</td>"
        f"<td>{html.escape(', '.join(summary.sentence_flags[s].values()))}</td></tr>"
        for s, n in top
    )
    return parts + [
        f"<table><tr><th>documents</th><th>sentence</th><th>category</th><th>severity</th></tr>{rows}</table>"
    ]


def trend_section(summary):
    """Return the trend over the dates or versions the ids carry, when there are at least two."""
    found = trend(summary)
    if found is None:
        return ["<h2>Trend</h2><p class='muted'>No trend: it needs document ids that carry a date "
                "(2019, 2019-03, 2019-03-01) or a version (v2.1) with at least two different values.</p>"]  # fmt: skip
    labels, buckets = found
    letters = summary.grade_order()
    grade_shares = [[b["grades"][g] / b["documents"] for g in letters] for b in buckets]
    top = [c for c, _ in summary.categories.most_common(TREND_CATEGORIES)]
    category_shares = [[b["categories"][c] / b["documents"] for c in top] for b in buckets]
    counts = ", ".join(f"{label}: {b['documents']}" for label, b in zip(labels, buckets))
    note = f" {summary.undated} documents without a date or version are left out." if summary.undated else ""
    return [
        "<h2>Trend</h2>",
        figure(plots.trend_chart(labels, letters, grade_shares, top, category_shares),
               f"Grade mix and the share of documents raising the {len(top)} most common categories, "
               f"by the date or version in their ids (documents per period: {counts}).{note}"),
    ]  # fmt: skip
