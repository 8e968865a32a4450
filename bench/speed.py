"""Time PolicyLens against stock sumy LexRank in the same run, and print the tables.

Usage: python bench/speed.py [POLICY_DIR] [--runs N]

POLICY_DIR holds long real policies (default ../shared/eval/policies); without it, the policies in
tests/policies are used. Documents: a typical policy (about 150 sentences), and a long one of exactly
1,000 sentences made of the longest terms of service in the folder. The baseline is sumy's own
LexRankSummarizer choosing the same number of sentences from the same sumy document (the same
sentences, words, stemmer and stop words); PolicyLens times are the whole analysis (clean, split,
highlight, flag, grade; no cache), as medians of repeated runs.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sumy.summarizers.lex_rank import LexRankSummarizer  # noqa: E402

from server import flags  # noqa: E402
from server.analysis import Analyzer  # noqa: E402
from server.highlights import eligible, to_document  # noqa: E402
from server.text import clean  # noqa: E402

HIGHLIGHTS = 7


def median_ms(function, runs):
    """Run function runs times; return the median time in milliseconds and the last result."""
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


def documents(folder, analyzer):
    """Return {name: text}: a typical policy and a 1,000-sentence one."""
    files = sorted(folder.glob("*.txt"), key=lambda f: f.stat().st_size)
    texts = [f.read_text(encoding="utf-8") for f in files]
    sized = [(len(analyzer.splitter(clean(t))), t) for t in texts]
    typical = min(sized, key=lambda pair: abs(pair[0] - 150))[1]
    long_sentences = []
    for _, text in sorted(sized, key=lambda pair: -pair[0]):
        long_sentences += [s.text for s in analyzer.splitter(clean(text))]
        if len(long_sentences) >= 1000:
            break
    return {"typical": typical, "long-1000": "\n".join(long_sentences[:1000])}


def compare(name, text, analyzer, runs):
    """Time stock LexRank and PolicyLens on one document; return a table row."""
    sentences = analyzer.splitter(clean(text))
    document = to_document(sentences)
    stock = LexRankSummarizer(analyzer.ranker._stemmer)
    stock.stop_words = analyzer.ranker.stop_words
    stock_ms, stock_best = median_ms(lambda: stock(document, HIGHLIGHTS), 1)
    sparse_ms, sparse_best = median_ms(lambda: analyzer.ranker(document, HIGHLIGHTS), runs)
    whole_ms, result = median_ms(lambda: analyzer.analyze(text, HIGHLIGHTS), runs)
    stock_set = {str(s) for s in stock_best}
    ours = {h["sentence"] for h in result["highlights"]}
    stock_eligible = sum(1 for s in sentences if str(s.text) in stock_set and eligible(s))
    return (
        f"{name:10} {len(sentences):6d} {result['stats']['words']:7d} {stock_ms:10.1f} {sparse_ms:9.1f} "
        f"{stock_ms / sparse_ms:7.0f}x {whole_ms:9.1f} {stock_ms / whole_ms:7.1f}x "
        f"{len(stock_set & {str(s) for s in sparse_best})}/{HIGHLIGHTS:<5} {len(stock_set & ours)}/{HIGHLIGHTS:<5} "
        f"{stock_eligible}/{HIGHLIGHTS}"
    )


def steps_ms(text, analyzer, runs):
    """Return the median time of each step on one text."""
    cleaned = clean(text)
    sentences = analyzer.splitter(cleaned)
    return {
        "clean": median_ms(lambda: clean(text), runs)[0],
        "split": median_ms(lambda: analyzer.splitter(cleaned), runs)[0],
        "flag": median_ms(lambda: flags.decide(sentences, analyzer.rules, analyzer.model), runs)[0],
        "whole": median_ms(lambda: analyzer.analyze(text, HIGHLIGHTS), runs)[0],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = ROOT.parent / "shared" / "eval" / "policies"
    parser.add_argument("folder", nargs="?", type=Path, default=default if default.exists() else ROOT / "tests" / "policies")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    analyzer = Analyzer(cache_size=0)
    docs = documents(args.folder, analyzer)

    print(f"Stock sumy LexRank vs PolicyLens ({HIGHLIGHTS} highlights; median of {args.runs} runs, stock once)")
    print(
        f"{'document':10} {'sent.':>6} {'words':>7} {'stock ms':>10} {'ours ms':>9} {'ratio':>8} "
        f"{'whole ms':>9} {'ratio':>8} {'same':>7} {'overlap':>7} {'stock ok':>8}"
    )
    for name, text in docs.items():
        print(compare(name, text, analyzer, args.runs))
    print(
        "ours = the same LexRank on sparse matrices; whole = clean+split+highlight+flag+grade.\n"
        "same = stock's choice also chosen by ours on the same sentences; overlap = stock's choice\n"
        "among PolicyLens's highlights; stock ok = stock's choices that are eligible at all (not a\n"
        "heading, fragment or boilerplate line): PolicyLens only picks among eligible sentences."
    )

    print("\nScaling of the typical policy repeated k times (median ms; per-1x ratio in brackets)")
    base = steps_ms(docs["typical"], analyzer, args.runs)
    print(f"{'k':>3} " + " ".join(f"{step:>16}" for step in base))
    for k in (1, 2, 4, 8):
        times = steps_ms("\n\n".join([docs["typical"]] * k), analyzer, max(3, args.runs // 2))
        print(f"{k:3d} " + " ".join(f"{times[s]:9.1f} ({times[s] / base[s]:4.1f}x)" for s in base))

    print("\nHostile 1 MB inputs (one run each, ms)")
    hostile = {
        "one word repeated": "privacy " * 125_000,
        "one line, no punctuation": "we may share your data with partners " * 27_000,
        "full stops only": "a. " * 333_000,
        "rule bait": "We may sell, rent, share, disclose or transfer your personal data to third parties, " * 12_000,
        "a million newlines": "\n" * 1_000_000,
        "nested markup": "<div><span>" * 90_000,
    }
    for name, text in hostile.items():
        started = time.perf_counter()
        try:
            analyzer.analyze(text[:1_000_000], HIGHLIGHTS)
            outcome = "analysed"
        except ValueError as error:
            outcome = f"refused: {error}"
        print(f"  {name:26} {(time.perf_counter() - started) * 1000:8.0f}  {outcome[:60]}")

    cached = Analyzer(splitter=analyzer.splitter, ranker=analyzer.ranker, rules=analyzer.rules, model=analyzer.model)
    cached(docs["long-1000"], HIGHLIGHTS)
    again = median_ms(lambda: cached(docs["long-1000"], HIGHLIGHTS), args.runs)[0]
    print(f"\nCached re-analysis of the 1,000-sentence document: {again:.2f} ms")


if __name__ == "__main__":
    main()
