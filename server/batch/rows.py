"""The one plain function every engine calls: a document in, one output row out."""

import threading
import time

from .. import DEFAULTS
from ..analysis import Analyzer, InputError
from ..flags import CATEGORIES, SEVERITIES

MAX_REPLACEMENT_SHARE = 0.05  # more undecodable bytes than this and the document is not text
FLAG_FIELDS = ("rule", "category", "severity", "sentence", "position")
HIGHLIGHT_FIELDS = ("sentence", "position", "score")
_local = threading.local()


def worker_analyzer():
    """Return this thread's Analyzer, built on first use (rules and model load once per worker)."""
    analyzer = getattr(_local, "analyzer", None)
    if analyzer is None:
        analyzer = _local.analyzer = Analyzer(cache_size=0)
    return analyzer


def analyze_document(doc_id, raw, analyzer, max_highlights=DEFAULTS["MAX_HIGHLIGHTS"],
                     max_bytes=DEFAULTS["MAX_TEXT_BYTES"], error=None):  # fmt: skip
    """Analyse one document into one row; a document that cannot be analysed gets its error."""
    started = time.perf_counter()
    try:
        if error:
            raise DocumentError(error)
        result = analyzer(decode(raw, max_bytes), max_highlights)
    except DocumentError as failure:
        return error_row(doc_id, str(failure), started)
    except InputError as failure:
        return error_row(doc_id, f"no_sentences: {failure}", started)
    except Exception as failure:  # noqa: BLE001  (one bad document must not stop a corpus)
        # Only the type: an exception's message may quote the policy text.
        return error_row(doc_id, f"internal_error: {type(failure).__name__}", started)
    red_flags = [pick(item, FLAG_FIELDS) for item in result["red_flags"]]
    raised = {item["category"] for item in red_flags}
    worst = {}  # category -> its most serious severity (SEVERITIES runs from most to least serious)
    for item in sorted(red_flags, key=lambda item: SEVERITIES.index(item["severity"])):
        worst.setdefault(item["category"], item["severity"])
    return dict(
        id=doc_id,
        grade=result["grade"],
        error=None,
        **{f"flags_{severity}": list(worst.values()).count(severity) for severity in SEVERITIES},
        categories=[c for c in CATEGORIES if c in raised] + sorted(raised - set(CATEGORIES)),
        red_flags=red_flags,
        good_points=[pick(item, FLAG_FIELDS) for item in result["good_points"]],
        highlights=[pick(item, HIGHLIGHT_FIELDS) for item in result["highlights"]],
        sentences=result["stats"]["sentences"],
        words=result["stats"]["words"],
        notes=list(result["notes"]),
        version=result["version"],
        elapsed_ms=elapsed_ms(started),
    )


class DocumentError(ValueError):
    """A document that is not text the analysis can take, with a code and what to do."""


def decode(raw, max_bytes):
    """Return a document's text, refusing one that is missing, too large or binary."""
    if not isinstance(raw, (bytes, str)):
        raise DocumentError("missing_text: the document has no text (bytes or a string)")
    size = len(raw) if isinstance(raw, bytes) else len(raw.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        raise DocumentError(
            f"too_large: the document has {size:,} bytes and the limit is {max_bytes:,}; raise it with --max-bytes"
        )
    text = raw.decode("utf-8", errors="replace") if isinstance(raw, bytes) else raw
    if "\0" in text or text.count("\ufffd") > MAX_REPLACEMENT_SHARE * len(text):
        raise DocumentError("binary: the document is not UTF-8 text")
    if not text.strip():
        raise DocumentError("empty: the document has no text")
    return text


def error_row(doc_id, error, started):
    """Return the row of a document that could not be analysed."""
    return dict(
        id=doc_id, grade=None, error=error, **{f"flags_{severity}": None for severity in SEVERITIES},
        categories=[], red_flags=[], good_points=[], highlights=[], sentences=None, words=None, notes=[],
        version=None, elapsed_ms=elapsed_ms(started),
    )  # fmt: skip


def pick(item, fields):
    """Return the given fields of a dict."""
    return {field: item[field] for field in fields}


def elapsed_ms(started):
    """Return the milliseconds since started, rounded."""
    return round((time.perf_counter() - started) * 1000, 1)
