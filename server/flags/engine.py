"""Load the red-flag and good-point rules and find the sentences they match."""

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .prefilter import Prefilter, required_literals

RULES_FILE = Path(__file__).with_name("rules.toml")
KINDS = ("red-flag", "good-point")
SEVERITIES = ("high", "medium", "low")
SEVERITY_RANK = {severity: rank for rank, severity in enumerate(SEVERITIES)}  # 0: the most serious
CATEGORIES_FILE = Path(__file__).with_name("categories.toml")
with open(CATEGORIES_FILE, "rb") as _handle:
    CATEGORY_INFO = tomllib.load(_handle)["category"]  # name -> title, explanation, severity, weight
CATEGORIES = tuple(CATEGORY_INFO)
# A negation in the same clause, shortly before the practice, turns it around:
# "we do not sell" is a promise, not a sale.
NEGATION = re.compile(
    r"\b(?:not|never|no|nor|neither|nothing|none|cannot)\b|n[’']t\b", re.IGNORECASE
)
CLAUSE_BREAK = re.compile(
    r"[;:()?!]|,\s+(?:we|you|they|it|our|your|this|these|if|when|where)\b|\band\s+(?=(?:we|you|they)\b)|"
    r"\b(?:but|however|although|though|whereas|except|unless|other than|instead|while|if)\b",
    re.IGNORECASE,
)
HEADING_END = re.compile(r"[.!?:;,)\"'”’]\s*$")
HEADING_WORDS = 12
LEAD_IN_WORDS = 3  # "You agree to:" leads into a list and states nothing itself
TITLE_WORDS = 10
LONG_TITLE_WORDS = 20  # a Title Case line without closing punctuation is a heading up to this length
TITLE_SMALL_WORDS = frozenset("with from into onto upon over under about your this that than when what".split())
NEGATION_WINDOW = 80  # characters before a match in which a negation counts
# "To the extent not prohibited by law" grants what the law allows: a hedge, not a denial.
NOT_A_DENIAL = re.compile(r"\bnot\s+(?:prohibited|precluded|forbidden)\s+by\b", re.IGNORECASE)
# A definition of a quoted term ('"Sale" means ...', '"Personal information" is information that
# ...') states no practice (annotation guide, seventh round).
DEFINITION = re.compile(
    r"""\W*(?:\d+(?:\.\d+)*\.?\s+)?(?:the\s+term\s+)?["“'‘][^"”'’]{1,60}["”'’]\s*(?:\([^)]{0,60}\)\s*)?"""
    r"(?:means|refers\s+to|is\s+defined\s+as|shall\s+mean|is\s+(?:any\s+)?information\s+that)\b",
    re.IGNORECASE,
)
# A sentence that says what the document, or a part of it, is about: the practices it names are
# stated elsewhere, where they are flagged.
ABOUT_THE_DOCUMENT = re.compile(
    r"\W*(?:(?:this|these|the|our)\s+(?:\w+\s+){0,3}?"
    r"(?:polic(?:y|ies)|statements?|notices?|sections?|documents?|pages?|terms|agreements?)\s+"
    r"(?:also\s+|further\s+|below\s+)?(?:explains?|describes?|tells?\s+you|sets?\s+(?:out|forth)|outlines?|"
    r"provides?\s+(?:you\s+with\s+)?(?:information|details)|informs?\s+you|details|covers?|summari[sz]es|"
    r"answers?|addresses|lists?|(?:is\s+(?:meant|intended|designed)|aims)\s+to\s+(?:help\s+you\s+)?"
    r"(?:understand|explain|describe|inform|tell))\b|"
    r"the\s+purpose\s+of\s+th(?:is|ese)\b|"
    r"(?:in\s+)?the\s+following\s+(?:\w+\s+){0,2}?(?:provides?|describes?|explains?|sets?\s+out|lists?|"
    r"outlines?)\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Rule:
    """One red flag or good point: what it means to a user, what text shows it, its examples."""

    id: str
    kind: str
    category: str
    severity: str
    title: str
    explanation: str
    patterns: tuple
    exceptions: tuple = ()
    negatable: bool = True
    flags: tuple = ()
    passes: tuple = ()
    known_misses: tuple = field(default=(), compare=False)
    needs: tuple = field(default=(), compare=False)  # per pattern: literals one of which it needs
    exception_needs: tuple = field(default=(), compare=False)
    need: frozenset = field(default=None, compare=False)  # literals one of which the rule needs

    def __post_init__(self):
        needs = tuple(required_literals(p) for p in self.patterns)
        object.__setattr__(self, "needs", needs)
        object.__setattr__(self, "exception_needs", tuple(required_literals(p) for p in self.exceptions))
        if needs and None not in needs:  # the rule needs what one of its patterns needs
            object.__setattr__(self, "need", frozenset().union(*map(rarest, needs)))

    def matches(self, sentence, present=None):
        """Tell whether this rule applies to a sentence, negation and exceptions considered.

        Given the literals present in the sentence (see prefilter.py), patterns that cannot
        match are not run.
        """
        if present is not None and self.need is not None and self.need.isdisjoint(present):
            return False
        return states_practice(sentence) and self.applies(sentence, present) is not None

    def applies(self, sentence, present=None):
        """Return the match that applies, patterns and exceptions considered (no question check)."""
        for pattern, need in zip(self.patterns, self.needs):
            if present is not None and need is not None and not meets(need, present):
                continue
            for match in pattern.finditer(sentence):
                if not (self.negatable and negated(sentence, match.start())):
                    for exception, need in zip(self.exceptions, self.exception_needs):
                        if (present is None or need is None or meets(need, present)) and exception.search(sentence):
                            return None
                    return match
        return None

    def describe(self):
        """Return what the API shows of the rule."""
        return {key: getattr(self, key) for key in ("id", "kind", "category", "severity", "title", "explanation")}


def meets(need, present):
    """Tell whether the literals present hold one string of each set a pattern needs."""
    for options in need:
        if options.isdisjoint(present):
            return False
    return True


def rarest(need):
    """Pick, of the sets of literals a pattern needs, the one least likely to be met by chance.

    Longer literals are rarer; spaces around a word (" to ") make it no rarer.
    """
    return max(need, key=lambda options: (min(len(s.strip()) for s in options), -len(options)))


def states_practice(sentence):
    """Tell whether a sentence can state a practice: a single word ("No."), a question, a heading, a
    short lead-in ("You agree to:", "Geolocation data:"), a sentence about the document itself
    ("This Privacy Policy explains what we collect and with whom we share it") or a definition
    ('"Sale" means ...') cannot."""
    words, end = sentence.split(), sentence.rstrip()[-1:]
    lead_in = end == ":" and len(words) <= LEAD_IN_WORDS
    return (len(words) > 1 and end != "?" and not lead_in and not is_heading(sentence)
            and not ABOUT_THE_DOCUMENT.match(sentence) and not DEFINITION.match(sentence))


def is_heading(sentence):
    """Tell whether a sentence is a heading: short, without a sentence's closing punctuation.

    A longer line is one when it is in Title Case ("How We Look After Your Personal Information
    and How Long We Keep It"), but not in capitals: those are lines of a legal paragraph.
    """
    words = sentence.split()
    if len(words) > LONG_TITLE_WORDS:
        return False
    closed = bool(HEADING_END.search(sentence))
    if not closed and len(words) <= HEADING_WORDS:
        return True
    # "Exceptions to Agreement to Arbitrate." is a title even with its full stop.
    long_words = [w for w in words if len(w) > 3 and w[0].isalpha() and w.lower() not in TITLE_SMALL_WORDS]
    titled = bool(long_words) and all(w[0].isupper() for w in long_words)
    if closed:
        return len(words) <= TITLE_WORDS and titled
    letters = [c for c in sentence if c.isalpha()]
    return titled and sum(c.isupper() for c in letters) < 0.8 * len(letters)


def negated(sentence, start):
    """Tell whether a negation stands in the clause just before position start."""
    window = NOT_A_DENIAL.sub(" ", sentence[max(0, start - NEGATION_WINDOW) : start])
    breaks = list(CLAUSE_BREAK.finditer(window))
    if breaks:
        window = window[breaks[-1].end() :]
    return bool(NEGATION.search(window))


def expand(pattern, terms):
    """Replace {name} in a pattern with the shared term of that name."""
    return re.sub(r"\{(\w+)\}", lambda m: f"(?:{terms[m.group(1)]})", pattern)


def load_rules(path=RULES_FILE):
    """Read, expand and compile the rules file."""
    with open(path, "rb") as handle:
        data = tomllib.load(handle)
    terms = {}
    for name, value in data.get("terms", {}).items():
        terms[name] = expand(value, terms)  # a term may use the terms defined before it
    return RuleSet(rule_from(entry, terms) for entry in data["rule"])


def rule_from(entry, terms):
    """Build one Rule from its entry in the rules file, its patterns expanded and compiled."""
    def compiled(key):
        return tuple(re.compile(expand(p, terms), re.IGNORECASE) for p in entry.get(key, ()))

    return Rule(
        id=entry["id"], kind=entry["kind"], category=entry["category"],
        severity=entry["severity"], title=entry["title"], explanation=entry["explanation"],
        patterns=compiled("patterns"), exceptions=compiled("exceptions"),
        negatable=entry.get("negatable", True), flags=tuple(entry.get("flags", ())),
        passes=tuple(entry.get("passes", ())), known_misses=tuple(entry.get("known_misses", ())),
    )  # fmt: skip


class RuleSet(list):
    """The rules, with the prefilter built from their patterns."""

    def __init__(self, rules):
        super().__init__(rules)
        self.prefilter = Prefilter(need for rule in self for need in rule.needs + rule.exception_needs)
        self.always = [i for i, rule in enumerate(self) if rule.need is None]
        self.by_literal = {}  # literal -> (rule index, what the pattern needs) for each pattern it may start
        for index, rule in enumerate(self):
            for need in rule.needs if rule.need is not None else ():
                for literal in rarest(need):
                    self.by_literal.setdefault(literal, []).append((index, need))

    def candidates(self, present):
        """Return the rules, in order, that may match a sentence with these literals present.

        A rule may match when all that one of its patterns needs is present.
        """
        indices = set(self.always)
        for literal in present:
            for index, need in self.by_literal.get(literal, ()):
                if index not in indices and meets(need, present):
                    indices.add(index)
        return [self[i] for i in sorted(indices)]


def matches(sentences, rules):
    """Yield (sentence, rule, match) for each rule that applies to a sentence stating a practice."""
    if not isinstance(rules, RuleSet):
        rules = RuleSet(rules)
    for sentence in sentences:
        if not states_practice(sentence.text):
            continue
        present = rules.prefilter.present(sentence.text)
        for rule in rules.candidates(present):
            match = rule.applies(sentence.text, present)
            if match is not None:
                yield sentence, rule, match


def entry(rule, sentence, evidence=()):
    """Return what the API shows of one red flag or good point."""
    return {
        "rule": rule.id, "category": rule.category, "severity": rule.severity, "title": rule.title,
        "explanation": rule.explanation, "sentence": sentence.text, "position": sentence.position,
        "evidence": [list(span) for span in evidence],
    }  # fmt: skip


def find(sentences, rules):
    """Return (red_flags, good_points) from the rules alone, each rule once per sentence."""
    found = {kind: [] for kind in KINDS}
    for sentence, rule, match in matches(sentences, rules):
        found[rule.kind].append(entry(rule, sentence, [match.span()]))
    return found["red-flag"], found["good-point"]
