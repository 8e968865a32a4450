"""The whole analysis: clean, split, highlight, flag, grade; no web framework in sight."""

import hashlib
import re
import time
from collections import OrderedDict
from threading import Lock

from . import flags, grade, highlights, text
from .sentences import Splitter

VERSION = "0.1.0"
WORDS_PER_MINUTE = 230  # adult silent reading speed for non-fiction (Brysbaert, 2019)
ENGLISH_MARKERS = re.compile(r"\b(?:the|and|of|to|we|you|your|our|is|are|for|with|that|this|or)\b", re.I)
MIN_ENGLISH_SHARE = 0.12  # share of words that are common English function words
URL = re.compile(r"\b(?:https?://|www\.)\S+", re.I)


class InputError(ValueError):
    """Input that cannot be analysed, with a message that says what to do."""


class Analyzer:
    """Hold the expensive parts (splitter, ranker, rules, cache) and analyse texts with them."""

    def __init__(self, splitter=None, ranker=None, rules=None, model=None, cache_size=64):
        self.splitter = splitter or Splitter()
        self.ranker = ranker or highlights.SparseLexRank()
        self.rules = rules if rules is not None else flags.load_rules()
        self.model = model if model is not None else flags.Model.load()
        self.cache = OrderedDict()  # recent results, in memory only, keyed by a hash of the input
        self.cache_size = cache_size
        self.lock = Lock()

    def __call__(self, raw_text, max_highlights=7, with_sentences=False, format=None):
        """Return the analysis of a policy text (format: see text.FORMATS), with every sentence if asked."""
        started = time.perf_counter()
        # The format changes the cleaned text, so it is part of the key.
        key = hashlib.sha256(f"{max_highlights}\0{format}\0{raw_text}".encode("utf-8", "surrogatepass")).digest()
        with self.lock:
            cached = self.cache.get(key)
            if cached is not None:
                self.cache.move_to_end(key)
        result = cached if cached is not None else self.analyze(raw_text, max_highlights, format)
        if cached is None and self.cache_size:
            with self.lock:
                self.cache[key] = result
                while len(self.cache) > self.cache_size:
                    self.cache.popitem(last=False)
        result = dict(result, stats=dict(result["stats"]))  # the cached entry stays as it was
        # The cache keeps every sentence whether or not this request asked, so that one entry
        # answers both kinds of request.
        if not with_sentences:
            del result["sentences"]
        result["stats"]["elapsed_ms"] = round((time.perf_counter() - started) * 1000, 1)
        result["stats"]["cached"] = cached is not None
        return result

    def analyze(self, raw_text, max_highlights, format=None):
        """Run every step on one text, without the cache."""
        cleaned = text.clean(raw_text, format)
        sentences = self.splitter(cleaned)
        if not sentences:
            raise InputError("The text has no sentences to analyse: send the words of the policy.")
        words = sum(len(highlights.WORD.findall(s.text)) for s in sentences)
        notes = []
        english = is_english(cleaned)
        if english:
            red_flags, good_points = flags.decide(sentences, self.rules, self.model)
        else:
            red_flags, good_points = [], []
            notes.append(
                "This text does not look like English. Red flags and good points are only "
                "detected in English; the highlights below are still chosen from the text."
            )
        practices = {}
        for item in red_flags + good_points:
            practices.setdefault(item["position"], set()).add(item["category"])
        top = highlights.highlight(sentences, max_highlights, self.ranker, practices)
        summary_words = sum(len(highlights.WORD.findall(h["sentence"])) for h in top)
        basis = grade.details(red_flags, good_points, words) if english else None
        return {
            "grade": basis["grade"] if basis else None,
            "grade_details": basis,
            "highlights": top,
            "red_flags": sorted(red_flags, key=lambda f: (flags.SEVERITY_RANK[f["severity"]], f["position"])),
            "good_points": good_points,
            "stats": {
                "sentences": len(sentences),
                "words": words,
                "reading_minutes": round(words / WORDS_PER_MINUTE, 1),
                "summary_reading_minutes": round(summary_words / WORDS_PER_MINUTE, 1),
            },
            "notes": notes,
            "version": VERSION,
            "sentences": [{"position": s.position, "text": s.text} for s in sentences],
        }


def is_english(cleaned):
    """Tell whether a text reads as English, by its share of common English function words."""
    sample = URL.sub(" ", cleaned[:5_000])  # an address's many parts are no language
    words = highlights.WORD.findall(sample)
    if len(words) < 20:
        return bool(ENGLISH_MARKERS.search(sample)) or not words
    return len(ENGLISH_MARKERS.findall(sample)) / len(words) >= MIN_ENGLISH_SHARE
