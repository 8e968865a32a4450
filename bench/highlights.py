"""Compare sumy's summarizers as highlight pickers on labelled privacy policies.

Usage: python bench/highlights.py DATA_DIR [--count 7]

DATA_DIR holds opp115-dev.jsonl (../shared/eval/). Each policy is rebuilt from its segments, split
as the API splits it, and each sentence keeps the labels its segment got from at least 2 of 3
annotators. For each summarizer, with and without PolicyLens's eligibility filter (no headings,
fragments, dates or contact lines), the script reports over all policies:
- substance: the share of highlights that come from segments about a data practice (any label but
  "Other": introductions, contact details and boilerplate are "Other");
- coverage: distinct practice categories the highlights touch, over those the policy has (at most
  the number of highlights);
- time: total milliseconds.
PolicyLens is LexRank with the rules' help (see server/highlights.py); it filters its own pool, so
its "no" row equals its "yes" row. Lead (the first sentences) and a seeded random choice are the
baselines. KL-Sum (cubic) and
Edmundson (needs hand-made cue words) are left out.
"""

import argparse
import json
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sumy.summarizers.lex_rank import LexRankSummarizer  # noqa: E402
from sumy.summarizers.lsa import LsaSummarizer  # noqa: E402
from sumy.summarizers.luhn import LuhnSummarizer  # noqa: E402
from sumy.summarizers.sum_basic import SumBasicSummarizer  # noqa: E402
from sumy.summarizers.text_rank import TextRankSummarizer  # noqa: E402

from server.flags import Model, decide, load_rules  # noqa: E402
from server.highlights import SparseLexRank, eligible, highlight, to_document  # noqa: E402
from server.sentences import Sentence, Splitter  # noqa: E402
from server.text import clean  # noqa: E402


def policies(path, splitter):
    """Return {policy: [(sentence, labels)]} with each sentence's segment labels."""
    segments = defaultdict(list)
    for line in path.open(encoding="utf-8"):
        segment = json.loads(line)
        segments[segment["policy_id"]].append(segment)
    result = {}
    for policy, parts in segments.items():
        labelled = []
        for part in sorted(parts, key=lambda p: p["segment_id"]):
            labels = set(part["labels"]) - {"Other"}
            for s in splitter(clean(part["text"])):
                labelled.append((Sentence(s.text, 0, 0, len(labelled)), labels))
        result[policy] = labelled
    return result


def summarizers(ranker):
    """Return the contenders: name -> function(sentences, count) -> chosen sentence texts."""
    def sumy(summarizer):
        summarizer.stop_words = ranker.stop_words
        return lambda sentences, count: {str(s) for s in summarizer(to_document(sentences), count)}

    def policylens(sentences, count):
        numbered = [Sentence(s.text, 0, 0, i) for i, s in enumerate(sentences)]
        red, good = decide(numbered, rules, model)  # what the analyzer ships
        practices = {}
        for item in red + good:
            practices.setdefault(item["position"], set()).add(item["category"])
        return {h["sentence"] for h in highlight(numbered, count, ranker, practices)}

    rules, model = load_rules(), Model.load()
    stemmer = ranker._stemmer
    return {
        "PolicyLens": policylens,
        "LexRank (sparse)": lambda sentences, count: {str(s) for s in ranker(to_document(sentences), count)},
        "LexRank (stock sumy)": sumy(LexRankSummarizer(stemmer)),
        "TextRank": sumy(TextRankSummarizer(stemmer)),
        "LSA": sumy(LsaSummarizer(stemmer)),
        "Luhn": sumy(LuhnSummarizer(stemmer)),
        "SumBasic": sumy(SumBasicSummarizer(stemmer)),
        "Lead": lambda sentences, count: {s.text for s in sentences[:count]},
        "Random": lambda sentences, count: {s.text for s in random.Random(7).sample(sentences, min(count, len(sentences)))},
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--count", type=int, default=7)
    args = parser.parse_args()
    corpus = policies(args.data / "opp115-dev.jsonl", Splitter())
    print(f"{len(corpus)} OPP-115 policies, {args.count} highlights each")
    print(f"{'summarizer':22} {'filter':6} {'substance':>9} {'coverage':>9} {'time ms':>9}")
    for name, pick in summarizers(SparseLexRank()).items():
        for use_filter in (False, True):
            picked = substantive = covered = possible = 0
            started = time.perf_counter()
            for labelled in corpus.values():
                pool = [s for s, _ in labelled if eligible(s)] if use_filter else [s for s, _ in labelled]
                pool = pool or [s for s, _ in labelled]
                chosen = pick(pool, args.count)
                labels_of = {s.text: labels for s, labels in labelled}
                picked += len(chosen)
                substantive += sum(1 for text in chosen if labels_of[text])
                covered += len(set().union(*(labels_of[text] for text in chosen)))
                possible += min(args.count, len(set().union(*(labels for _, labels in labelled))))
            elapsed = (time.perf_counter() - started) * 1000
            print(f"{name:22} {'yes' if use_filter else 'no':6} {substantive / picked:9.2f} {covered / possible:9.2f} {elapsed:9.0f}")


if __name__ == "__main__":
    main()
