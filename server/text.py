"""Turn raw policy text (plain, Markdown or HTML) into the text a person would read."""

import html
import re
import unicodedata
from html.parser import HTMLParser

import ftfy
from ftfy.badness import is_bad
from ftfy.fixes import fix_character_width, fix_latin_ligatures

# Tags after which a reader sees a new line; everything else is inline.
BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd div dl dt fieldset figcaption footer form h1 h2 h3 "
    "h4 h5 h6 header hr li main nav ol p pre section table td th tr ul".split()
)
# Not shown, or not part of the document a person reads: site navigation, footers, forms.
HIDDEN_TAGS = frozenset("script style noscript template head svg iframe object nav footer aside form button".split())

# Looks like markup: an opening, closing or comment tag.
MARKUP = re.compile(r"<(?:[a-zA-Z][a-zA-Z0-9-]*[\s/>]|/[a-zA-Z]|!--)")
# A double-encoded closing quote whose last byte was lost (undefined in cp1252): ftfy cannot
# repair it, so "yourâ€)" stays, and "youâ€ or" decodes to "you†or". Only the quote fits there.
BROKEN_CLOSING_QUOTE = re.compile(r"â€(?![\w™“”˜œ¢¦¡ž])")
BROKEN_QUOTE_SPACE = re.compile(r"(?<=\w)†(?=\w)")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
# Invisible joiners and breaks ("https://example.com/\u200bpath" on pages that let long addresses
# wrap): a reader sees nothing there, so they go without leaving a space.
ZERO_WIDTH = re.compile(r"[\u200b-\u200d\u2060\ufeff]")
C1_CONTROL = re.compile(r"[\x80-\x9f]")
WIDE_OR_LIGATURE = re.compile(r"[\ufb00-\ufb06\uff01-\uff5e\u3000]")
# UTF-8 read as Latin-1 or cp1252 leaves a lead byte (Â-ô) before a continuation byte (\x80-\xbf
# or cp1252's letters there); other code pages leave Greek or Cyrillic pairs or box drawing.
# ftfy's full check (is_bad) only runs on text that shows one of these.
CP1252_HIGH = "\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
MOJIBAKE_HINT = re.compile(
    f"[\u00c2-\u00f4][\u0080-\u00bf{CP1252_HIGH}]|\u00c3\\s|[\u0370-\u04ff][\u0080-\u00ff\u0400-\u04ff{CP1252_HIGH}]|[\u2500-\u257f]"
)
BLANK_LINES = re.compile(r"\n{2,}")
LINE_EDGES = re.compile(r" ?\n ?")
SPACES = re.compile(r"[^\S\n]+")
MARKDOWN_LINK = re.compile(r"!?\[([^\[\]\n]{0,500})\]\([^()\[\]\s]{0,2000}(?: \"[^\"\n]{0,200}\")?\)")
LINE_MARKER = re.compile(r"^(?:> ?)+|^(?:#{1,6} |[-*+•·▪◦] )", re.M)
EMPHASIS = re.compile(r"(\*{1,3}|_{1,3})(?<!\w_)(?=\S)([^*_\n]{1,2000}?)(?<=\S)\1(?!\w)")
# Curly quotes stay curly: the extension looks for these sentences in the live page.
FTFY_CONFIG = ftfy.TextFixerConfig(unescape_html=False, uncurl_quotes=False)
REPAIR_BATCH = 64
# How to read a text: "text" is plain text as a reader sees it (a page's visible text), never
# de-marked; "html" is markup to take the visible text of; None detects HTML and Markdown.
FORMATS = ("text", "html")
SENTENCE_END = re.compile(r"[.!?:;…)\"'”’]$")


class _TextExtractor(HTMLParser):
    """Collect the visible text of an HTML fragment, with a line break at each block."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN_TAGS:
            self.hidden += 1
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in HIDDEN_TAGS:
            self.hidden = max(0, self.hidden - 1)
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def strip_markup(text):
    """Return the visible text of HTML, keeping block boundaries as line breaks."""
    parser = _TextExtractor()
    parser.feed(text)
    parser.close()
    return "".join(parser.parts)


def repair(text):
    """Repair mojibake with ftfy line by line (its unit), on the lines that show some."""
    if WIDE_OR_LIGATURE.search(text):
        text = fix_character_width(fix_latin_ligatures(text))
    text = unicodedata.normalize("NFC", text)
    if not (MOJIBAKE_HINT.search(text) and is_bad(text)) and not C1_CONTROL.search(text):
        return text
    lines = text.split("\n")
    bad = [i for i, line in enumerate(lines) if is_bad(line) or C1_CONTROL.search(line)]
    # ftfy's unit is the line; consecutive bad lines go in batches to bound its overhead.
    for batch in _runs(bad, REPAIR_BATCH):
        segment = "\n".join(lines[batch[0] : batch[-1] + 1])
        segment = ftfy.fix_and_explain(segment, FTFY_CONFIG).text
        segment = BROKEN_QUOTE_SPACE.sub("” ", BROKEN_CLOSING_QUOTE.sub("”", segment))
        lines[batch[0] : batch[-1] + 1] = segment.split("\n")
    return "\n".join(lines)


def _runs(indices, size):
    """Group sorted indices into runs of consecutive numbers, at most size long."""
    run = []
    for index in indices:
        if run and (index != run[-1] + 1 or len(run) == size):
            yield run
            run = []
        run.append(index)
    if run:
        yield run


def strip_markdown(text):
    """Drop Markdown link syntax, heading, quote and bullet markers and emphasis."""
    text = LINE_MARKER.sub("", text)
    text = MARKDOWN_LINK.sub(r"\1", text)
    return EMPHASIS.sub(r"\2", text)


def unwrap(paragraph):
    """Join hard-wrapped lines: a line that does not end a sentence continues in lowercase."""
    groups = []
    for line in paragraph.split("\n"):
        if groups and line[:1].islower() and not SENTENCE_END.search(groups[-1][-1]):
            groups[-1].append(line)
        else:
            groups.append([line])
    return "\n".join(" ".join(group) for group in groups)


def clean(text, format=None):
    """Repair, de-markup and normalise policy text; paragraphs end up separated by a blank line."""
    if format not in (None, *FORMATS):
        raise ValueError(f"format must be one of {FORMATS} or None, not {format!r}")
    # Plain text is what a reader saw: "<your email>", "&amp;" and "*" are words of the policy.
    plain = format == "text"
    if format == "html" or (format is None and MARKUP.search(text)):
        text = strip_markup(text)
    elif not plain:
        text = html.unescape(text)
    text = repair(text.replace("\r\n", "\n").replace("\r", "\n"))
    text = SPACES.sub(" ", CONTROL.sub(" ", ZERO_WIDTH.sub("", text)))
    text = BLANK_LINES.sub("\n\n", LINE_EDGES.sub("\n", text)).strip()
    text = "\n\n".join(unwrap(paragraph) for paragraph in text.split("\n\n"))
    if not plain:
        text = strip_markdown(text)
    return LINE_EDGES.sub("\n", SPACES.sub(" ", text)).strip()
