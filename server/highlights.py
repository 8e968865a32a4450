"""Rank sentences with sumy's LexRank, computed on sparse matrices, and pick the highlights."""

import re
from functools import lru_cache

import numpy
from nltk.stem.snowball import SnowballStemmer
from scipy import sparse
from sumy.models.dom import ObjectDocumentModel, Paragraph
from sumy.models.dom import Sentence as SumySentence
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.utils import get_stop_words

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
MAX_RANKED = 2000  # candidates ranked at most: twice a long policy's sentences
PRACTICE_BOOST = 1.0  # a sentence that states a practice outranks any that does not
MIN_WORDS = 8  # shorter sentences are headings, labels or list fragments, not highlights
TITLE_MAX_WORDS = 20  # a line this short without closing punctuation is a title ("Know our Privacy Policy | Mailee")
SENTENCE_END = re.compile(r"[.!?:;)\"'”’]\s*$")
# Sentences that carry no practice: the document's own boilerplate and contact details.
BOILERPLATE = re.compile(
    r"\b(?:last (?:updated|modified|revised)|effective (?:date|as of)|this (?:privacy )?policy was "
    r"(?:last )?(?:updated|archived)|wayback machine|questions (?:about|regarding|concerning)|"
    r"contact us|please contact|feel free to|write to us|reach us|e-?mail us at)\b"
    r"|@[\w-]+\.[a-z]{2,}|\b(?:tel|phone|fax)\b\.?:?\s*\+?\d|\b(?:p\.?o\.? box|suite \d)",
    re.IGNORECASE,
)


class WordTokenizer:
    """The tokenizer interface sumy's documents need, with a plain regex for words."""

    language = "english"

    @staticmethod
    def to_words(sentence):
        """Return the words of a sentence."""
        return WORD.findall(sentence)


class SparseLexRank(LexRankSummarizer):
    """sumy's LexRank with the same scores, built on a sparse TF-IDF matrix instead of a loop."""

    def __init__(self, language="english"):
        stem = lru_cache(maxsize=65536)(SnowballStemmer(language).stem)
        super().__init__(stem)
        self.stop_words = get_stop_words(language)

    def _to_words_set(self, sentence):
        """Return the stemmed words of a sentence that are not stop words (as sumy does, faster)."""
        stem, stop = self._stemmer, self._stop_words
        return [stem(word) for word in WORD.findall(str(sentence).lower()) if word not in stop]

    def rate(self, document):
        """Return the LexRank score of each sentence of a sumy document, in order."""
        sentences = [self._to_words_set(s) for s in document.sentences]
        if not sentences:
            return numpy.zeros(0)
        vocabulary, rows, cols, values = {}, [], [], []
        for row, words in enumerate(sentences):
            counts = {}
            for word in words:
                counts[word] = counts.get(word, 0) + 1
            top = max(counts.values(), default=1)
            for word, count in counts.items():
                rows.append(row)
                cols.append(vocabulary.setdefault(word, len(vocabulary)))
                values.append(count / top)
        n = len(sentences)
        tf = sparse.csr_matrix((values, (rows, cols)), shape=(n, len(vocabulary)))
        document_frequency = numpy.bincount(cols, minlength=len(vocabulary))
        tfidf = tf.multiply(numpy.log(n / (1 + document_frequency))).tocsr()
        norms = numpy.sqrt(numpy.asarray(tfidf.multiply(tfidf).sum(axis=1)).ravel())
        norms[norms == 0] = 1
        unit = sparse.diags(1 / norms) @ tfidf
        similar = (unit @ unit.T).tocsr()
        similar.data = (similar.data > self.threshold).astype(float)
        similar.eliminate_zeros()
        degrees = numpy.asarray(similar.sum(axis=1)).ravel()
        degrees[degrees == 0] = 1
        matrix = sparse.diags(1 / degrees) @ similar
        return self.power_method(matrix, self.epsilon)

    @staticmethod
    def power_method(matrix, epsilon):
        """Iterate as sumy does, on a sparse matrix (capped, as the dense one is not)."""
        transposed = matrix.T.tocsr()
        n = matrix.shape[0]
        p_vector = numpy.full(n, 1.0 / n)
        for _ in range(1000):
            next_p = transposed @ p_vector
            norm = numpy.linalg.norm(next_p)
            if norm == 0:
                return p_vector
            next_p /= norm
            done = numpy.linalg.norm(next_p - p_vector) <= epsilon
            p_vector = next_p
            if done:
                break
        return p_vector

    def __call__(self, document, sentences_count):
        """Return the best sentences in document order, as sumy's summarizers do."""
        ratings = dict(zip(document.sentences, self.rate(document)))
        return self._get_best_sentences(document.sentences, sentences_count, ratings)


def to_document(sentences, tokenizer=WordTokenizer):
    """Wrap our sentences in a sumy document, one paragraph, so sumy's summarizers can read it."""
    return ObjectDocumentModel([Paragraph([SumySentence(s.text, tokenizer) for s in sentences])])


def eligible(sentence):
    """Tell whether a sentence can be a highlight: a full sentence that is not boilerplate."""
    words = len(WORD.findall(sentence.text))
    if words < MIN_WORDS or BOILERPLATE.search(sentence.text):
        return False
    return words >= TITLE_MAX_WORDS or bool(SENTENCE_END.search(sentence.text))


def unique(sentences):
    """Drop repeated sentences, keeping the first: a repeat adds nothing to a summary."""
    seen = set()
    return [s for s in sentences if not (s.text in seen or seen.add(s.text))]


def bounded(candidates, practices):
    """Keep at most MAX_RANKED candidates: those stating a practice first, then an even spread.

    The similarity graph grows with the square of the candidates when sentences resemble each
    other, so hostile or enormous texts are ranked on a sample rather than in full.
    """
    if len(candidates) <= MAX_RANKED:
        return candidates
    stated = [s for s in candidates if s.position in practices][:MAX_RANKED]
    others = [s for s in candidates if s.position not in practices]
    room = MAX_RANKED - len(stated)
    spread = [others[i * len(others) // room] for i in range(room)] if room and others else []
    return sorted(stated + spread, key=lambda s: s.position)


def highlight(sentences, count, ranker, practices=None):
    """Return up to count highlights, in document order, each with its position and score.

    Sentences are ranked by LexRank centrality; a sentence that states a practice (practices maps
    its position to the categories the rules found in it) ranks above those that do not, and one
    whose categories are all covered already gives way to the next, so that the highlights span
    the policy instead of repeating its most common topic. bench/highlights.py measures the choice.
    """
    practices = practices or {}
    candidates = bounded(unique([s for s in sentences if eligible(s)] or list(sentences)), practices)
    if count <= 0 or not candidates:
        return []
    centrality = ranker.rate(to_document(candidates))
    centrality = centrality / (float(centrality.max()) or 1.0)
    scores = [c + PRACTICE_BOOST * (s.position in practices) for s, c in zip(candidates, centrality)]
    order = sorted(range(len(candidates)), key=lambda i: (-scores[i], i))
    chosen, covered = [], set()
    for i in order:
        categories = practices.get(candidates[i].position, set())
        if categories and categories <= covered:
            continue
        chosen.append(i)
        covered |= categories
        if len(chosen) == count:
            break
    chosen += [i for i in order if i not in chosen][: count - len(chosen)]
    top = max(scores)
    return [
        {"sentence": candidates[i].text, "position": candidates[i].position, "score": round(scores[i] / top, 3)}
        for i in sorted(chosen)
    ]
