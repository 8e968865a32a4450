"""The learned red-flag model: TF-IDF of words and word pairs, one logistic regression per category.

The weights are a build product (`python -m train.build_model`, see docs/model-card.md), stored as
plain arrays in `model.npz` (no pickle) and read once. Features are computed for all sentences
of a document at once: a sentence's words are looked up in a dict, everything after is numpy.
"""

import json
import re
from pathlib import Path

import numpy as np
from scipy import sparse

MODEL_FILE = Path(__file__).with_name("model.npz")
# A word: letters and digits, with an inner apostrophe ("don't", "company's").
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
EVIDENCE_TERMS = 3  # the words and word pairs that weighed most, shown in bold


def tokens(text):
    """Return the lower-cased words of a text with their character spans."""
    lowered = lower(text)
    if lowered is None:
        return [(m.group().lower().replace("’", "'"), m.start(), m.end()) for m in WORD.finditer(text)]
    return [(m.group(), m.start(), m.end()) for m in WORD.finditer(lowered)]


def lower(text):
    """Return the text lower-cased with plain apostrophes, or None where that moves characters.

    Lower-casing the whole text at once is quicker than word by word, and gives the same words
    when no character turns into several ("İ" does).
    """
    lowered = text.lower().replace("’", "'")
    return lowered if len(lowered) == len(text) else None


def terms(text, found=None):
    """Return the features' terms of a text: its words and its pairs of neighbouring words.

    found: the text's tokens() if already computed.
    """
    if found is not None:
        words = [word for word, _, _ in found]
    else:
        lowered = lower(text)
        words = WORD.findall(lowered) if lowered is not None else [word for word, _, _ in tokens(text)]
    return words + [f"{a} {b}" for a, b in zip(words, words[1:])]


class Model:
    """Probabilities per category for sentences, and the words that made each decision."""

    def __init__(self, vocabulary, idf, weights, bias, categories, thresholds, rule_bonus=None, info=None):
        self.vocabulary = vocabulary  # term -> column
        self.idf = idf
        self.weights = weights  # terms x categories
        self.bias = bias
        self.categories = tuple(categories)
        self.thresholds = np.asarray(thresholds, dtype=np.float64)
        self.rule_bonus = rule_bonus or dict.fromkeys(self.categories, 0.0)  # added when a rule agrees
        self.info = info or {}

    @classmethod
    def load(cls, path=MODEL_FILE):
        """Read a model file written by the training command."""
        with np.load(path, allow_pickle=False) as data:
            return cls.from_arrays({key: data[key] for key in ("terms", "idf", "weights", "bias")}, json.loads(str(data["info"])))

    @classmethod
    def from_arrays(cls, arrays, info):
        """Build a model from its arrays and its description (as the model file holds them)."""
        vocabulary = {term: index for index, term in enumerate(arrays["terms"].tolist())}
        categories = info["categories"]
        thresholds = [info["thresholds"][c] for c in categories]
        return cls(vocabulary, arrays["idf"], arrays["weights"], arrays["bias"], categories, thresholds,
                   info["rule_bonus"], info)  # fmt: skip

    def features(self, texts):
        """Return the TF-IDF matrix of the texts, one L2-normalised row each (as scikit-learn's)."""
        lookup = self.vocabulary.get
        rows, columns = [], []
        for row, text in enumerate(texts):
            known = [index for index in map(lookup, terms(text)) if index is not None]
            columns.extend(known)
            rows.extend([row] * len(known))
        counts = sparse.csr_matrix(
            (np.ones(len(columns)), (np.asarray(rows, dtype=np.int64), np.asarray(columns, dtype=np.int64))),
            shape=(len(texts), len(self.idf)),
        )
        counts.sum_duplicates()
        counts.data = (1.0 + np.log(counts.data)) * self.idf[counts.indices]  # sublinear tf
        lengths = np.diff(counts.indptr)
        squares = np.zeros(len(texts))
        np.add.at(squares, np.repeat(np.arange(len(texts)), lengths), counts.data**2)
        norms = np.sqrt(squares)
        norms[norms == 0] = 1.0
        counts.data /= np.repeat(norms, lengths)
        return counts

    def probabilities(self, texts, features=None):
        """Return, for each text, the probability of each category (texts x categories)."""
        if not texts:
            return np.zeros((0, len(self.categories)))
        features = self.features(texts) if features is None else features
        scores = features @ self.weights + self.bias
        return 1.0 / (1.0 + np.exp(-scores))

    def decide(self, texts):
        """Return a boolean matrix: the texts and categories that pass the category's threshold."""
        return self.probabilities(texts) >= self.thresholds

    def evidence(self, text, category, row=None, found=None, count=EVIDENCE_TERMS):
        """Return the spans [start, end] of the terms that weighed most for a category, merged.

        row: the text's row of features() if already computed, as (columns, values);
        found: its tokens() if already computed.
        """
        column = self.categories.index(category)
        found = tokens(text) if found is None else found
        spans = [(start, end) for _, start, end in found]
        spans += [(a[1], b[2]) for a, b in zip(found, found[1:])]
        if row is None:
            matrix = self.features([text])
            row = matrix.indices, matrix.data
        columns, values = row
        weight_of = dict(zip(columns.tolist(), (values * self.weights[columns, column]).tolist()))
        scored = []
        for term, span in zip(terms(text, found), spans):
            index = self.vocabulary.get(term)
            if index is not None and weight_of.get(index, 0.0) > 0:
                scored.append((weight_of[index], span))
        best, seen = [], set()
        for weight, span in sorted(scored, key=lambda item: -item[0]):
            if span not in seen and not any(a < span[1] and span[0] < b for a, b in best):
                seen.add(span)
                best.append(span)
            if len(best) == count:
                break
        return merge(sorted(best))


def merge(spans):
    """Join overlapping or touching spans, keeping them in order."""
    merged = []
    for start, end in spans:
        if merged and start <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged
