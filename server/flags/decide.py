"""Decide the red flags of a document: the learned model proposes, the rules check and explain.

For a category the model knows, a sentence is a red flag when the model's probability, plus the
category's bonus if one of its rules matches the sentence, reaches the category's threshold (both
chosen by grouped cross-validation, see train/build_model.py). What the rules know about denials
then has the last word: a negation before the words that decided ("we do **not** sell", when no
rule agreed), a good point of the same category ("we never share your data"), or a scope that
leaves the practice to the user ("only with your consent", "you may give or withhold permission",
"only in the following cases:") cancels the flag. Categories the model does not know are decided
by their rules, which a good point or a narrowed scope in the same sentence overrules. The most
serious matching rule, when there is one, names the flag and sets its severity; otherwise the
category does. A negation inside a condition ("if you do not pay, we may suspend") denies nothing,
and for a category stated by a negation ("we are not liable") none does.
The items of a list of what the user must not do (conduct.py) state no practice of the service.
"""

import re

import numpy as np

from .conduct import forbidden_conduct
from .engine import CATEGORY_INFO, NEGATION, SEVERITY_RANK, Rule, entry, matches, negated, states_practice
from .model import tokens

# What a flag the model found without a matching rule shows: its category's own title and severity.
CATEGORY_RULES = {
    name: Rule(id=name, kind="red-flag", category=name, severity=info["severity"], title=info["title"],
               explanation=info["explanation"], patterns=())
    for name, info in CATEGORY_INFO.items()
}  # fmt: skip

# The practice is narrowed to what the user asks for or to a list of cases still to come.
LIMITED_SCOPE = re.compile(
    r"\bonly\b(?:\s+\S+){0,14}?\s+(?:in|under|for) (?:the following|these|those|limited|certain) (?:\w+ )?"
    r"(?:cases|circumstances|situations|ways|purposes)\b|"
    r"\bonly\b(?:\s+\S+){0,4}?\s+(?:with|upon|after) (?:your|the user'?s) (?:\w+ ){0,2}?(?:consent|permission|authori[sz]ation|request|instructions?)\b|"
    r"\bonly\b(?:\s+\S+){0,4}?\s+(?:if|when|where) you (?:\w+ )?(?:ask|request|consent|choose|agree|authori[sz]e|opt in|direct)\b|"
    r"\b(?:give|grant) or (?:withhold|refuse|deny|decline) (?:your )?(?:permission|consent)\b",
    re.IGNORECASE,
)
# A condition up to the end of its clause: a negation inside it ("if you do not comply") is the
# user's, not a denial of the practice.
CONDITION = re.compile(r"\b(?:if|unless|in the event(?: that| of)?|provided that|until|whether)\b[^,;]*", re.IGNORECASE)
# A pointer to the user's choices ("you can opt out of interest-based ads by visiting ...", "for
# more information, see our Cookie Policy", "if you believe we hold your child's data, contact us")
# that states no practice of the service's own, and no sale or sharing, describes the choice, not
# the practice (annotation guide, first round; contact lines).
POINTER = re.compile(
    r"^\W*(?:(?:you|users)\s+(?:can|may|could)\s+(?:also\s+|always\s+|still\s+)?(?:learn\s+more\s+about\s+)?"
    r"(?:opt[- ]?out|choose|limit|manage|control|adjust|disable|block|turn\s+off|withdraw|reject|decline|delete)|"
    r"to\s+(?:opt[- ]?out|learn\s+more|find\s+out\s+more|manage|control|limit|adjust|disable|withdraw|"
    r"delete)|"
    r"(?:delete|manage|adjust|disable|withdraw|opt[- ]?out\s+of|turn\s+off|change|update|review|access)"
    r"\s+(?:your|the)\b|"
    r"for\s+(?:more\s+|further\s+|additional\s+)?(?:information|details)\b|"
    r"please\s+(?:also\s+)?(?:check|see|review|read|visit|consult|refer\s+to)\b|"
    r"if\s+you\s+(?:would\s+like|wish|want|prefer)\s+to\s+(?:opt[- ]?out|learn|manage|limit|control|disable)|"
    r"if,?\s+(?:however,\s+)?you\s+(?:\w+\s+)?(?:believe|think|suspect|become\s+aware|are\s+aware|learn|"
    r"have\s+reason\s+to\s+believe)\b)",
    re.IGNORECASE,
)
# What makes a pointer state the practice after all ("how we and our partners use cookies", "opt
# out of our sale", "cookies on our sites", "how Zillow uses interest-based advertising").
OWN_PRACTICE = re.compile(
    r"\b(?:we|our|us)\b[^.]{0,40}?\b(?:use|uses|used|share|sell|collect|place|set|allow|work|partner|"
    r"deploy|serve|show|display)\b|\b(?:sale|sell|sold|shar(?:e|ing))\b|"
    r"\bon our (?:sites?|websites?|services?|apps?|platforms?)\b|\b\w+ uses\b",
    re.IGNORECASE,
)
# What makes a pointer a limit after all ("to opt out, you must close your account", "you can manage
# some preferences, but you cannot opt out of ...", "by using the site you accept").
RESTRICTED = re.compile(
    r"\b(?:only|must|cannot|can\s?not|not\s+able|unable|won[’']t|will\s+not|"
    r"by\s+(?:using|accessing|visiting)\s+(?:the|our|this)\s+(?:site|website|services?|apps?|platform))\b",
    re.IGNORECASE,
)
# A right stated in general ("you have the right to opt out of the sale of personal information",
# "Right to Opt Out of Sale or Sharing") names the user's choice, not a sale by the service
# (annotation guide, fourth round), unless the sentence concedes one: "our sale", "we sell",
# "Taboola's disclosures and sales", "activities that may constitute a sale".
GENERAL_RIGHT = re.compile(
    r"\b(?:rights?|requests?|options?|ability)\s+to\s+opt[- ]?out\b|"
    r"^\W*(?:(?:you|consumers|residents)\s+(?:can|may)\s+(?:also\s+)?|to\s+)opt[- ]?out\b",
    re.IGNORECASE,
)
CONCEDED_SALE = re.compile(
    r"\b(?:we|our|us)\b[^.]{0,120}?\b(?:sell|sells|sold|sale|sales|selling)\b|\bstops?\s+selling\b|"
    r"\b(?:this|these|such)\s+\W?(?:sales?|selling)\b|"
    r"\b\w+['’]s\s+(?:[\w-]+,?\s+(?:and\s+|or\s+)?){0,4}?(?:sales?|selling)\b|"
    r"\b(?:may|might|could|would)\s+(?:\w+\s+){0,3}?(?:constitute|be considered|qualify as)\b",
    re.IGNORECASE,
)
STATED_BY_NEGATION = frozenset(name for name, info in CATEGORY_INFO.items() if info.get("stated_by_negation"))
DENIED_BY_POINTER = frozenset(name for name, info in CATEGORY_INFO.items() if info.get("denied_by_pointer"))
DENIED_BY_GENERAL_RIGHT = frozenset(
    name for name, info in CATEGORY_INFO.items() if info.get("denied_by_general_right")
)
NEEDS = {
    name: re.compile(info["needs"], re.IGNORECASE) for name, info in CATEGORY_INFO.items() if "needs" in info
}
DENIED_BY_EXCEPTIONS = frozenset(
    name for name, info in CATEGORY_INFO.items() if info.get("denied_by_exceptions")
)


def decide(sentences, rules, model):
    """Return (red_flags, good_points) for the sentences, at most one flag per category each."""
    hits = {}  # position -> {category: (rule, match)} for red flags; good points listed as found
    good_points, denied = [], set()  # denied: (position, category) a good point speaks for
    for sentence, rule, match in matches(sentences, rules):
        if rule.kind == "good-point":
            good_points.append(entry(rule, sentence, [match.span()]))
            denied.add((sentence.position, rule.category))
        else:  # the most serious rule of a category names the flag; the first of equals
            found = hits.setdefault(sentence.position, {})
            held = found.get(rule.category)
            if held is None or SEVERITY_RANK[rule.severity] < SEVERITY_RANK[held[0].severity]:
                found[rule.category] = (rule, match)
    conduct = forbidden_conduct(sentences)  # what the user must not do states no practice
    stating = [s for s in sentences if states_practice(s.text) and s.position not in conduct]
    known = set(model.categories) if model is not None else set()
    excepted = {}  # category -> what its rules except, where that denies the model's flags too
    for rule in rules:
        if rule.kind == "red-flag" and rule.category in DENIED_BY_EXCEPTIONS:
            excepted.setdefault(rule.category, []).extend(rule.exceptions)
    red_flags = []
    if model is not None and stating:
        texts = [s.text for s in stating]
        features = model.features(texts)
        words = {}  # row -> the sentence's tokens, found once for all its flags
        scores = model.probabilities(texts, features)
        column_of = {category: column for column, category in enumerate(model.categories)}
        for row, sentence in enumerate(stating):  # a matching rule adds its category's bonus
            for category in hits.get(sentence.position, {}).keys() & column_of.keys():
                scores[row, column_of[category]] += model.rule_bonus[category]
        for row, column in zip(*np.nonzero(scores >= model.thresholds)):
            sentence, category = stating[row], model.categories[column]
            hit = hits.get(sentence.position, {}).get(category)
            if hit is None and any(pattern.search(sentence.text) for pattern in excepted.get(category, ())):
                continue
            span = slice(features.indptr[row], features.indptr[row + 1])
            if row not in words:
                words[row] = tokens(sentence.text)
            evidence = model.evidence(sentence.text, category, (features.indices[span], features.data[span]), words[row])
            if denies(sentence.text, evidence, (sentence.position, category) in denied, hit is not None, category):
                continue
            red_flags.append(flag(sentence, category, hit, evidence))
    for sentence in stating:
        for category, hit in hits.get(sentence.position, {}).items():
            spoken_for = (sentence.position, category) in denied  # by a good point of the sentence
            if category not in known and not spoken_for and not LIMITED_SCOPE.search(sentence.text):
                red_flags.append(flag(sentence, category, hit, [hit[1].span()]))
    red_flags.sort(key=lambda item: item["position"])
    return red_flags, good_points


def denies(text, evidence, good_point, rule_agrees=False, category=None):
    """Tell whether a sentence denies or narrows the practice of a category the model saw in it.

    A rule that agrees has weighed negation itself, and a category stated by a negation needs none;
    a good point, a narrowed scope, a right stated in general (for the categories marked
    `denied_by_general_right`) or the want of the words a category `needs` still wins. A pointer
    to the user's choices denies the categories marked `denied_by_pointer`.
    """
    if good_point or LIMITED_SCOPE.search(text) or (category in NEEDS and not NEEDS[category].search(text)):
        return True
    if category in DENIED_BY_GENERAL_RIGHT and GENERAL_RIGHT.search(text) and not CONCEDED_SALE.search(text):
        return True
    if rule_agrees or category in STATED_BY_NEGATION:
        return False
    if category in DENIED_BY_POINTER and POINTER.match(text):
        if not (OWN_PRACTICE.search(text) or RESTRICTED.search(text)):
            return True
    if not evidence:
        return True
    text = CONDITION.sub(lambda match: " " * len(match.group()), text)  # same length: the spans hold
    return any(negated_span(text, start, end) for start, end in evidence)


def negated_span(text, start, end):
    """Tell whether a negation stands in the clause just before a span of the text, or in it."""
    return negated(text, start) or bool(NEGATION.search(text, start, end))


def flag(sentence, category, hit, evidence):
    """Return one red flag, named by the rule that matched or else by its category."""
    if hit is not None:
        return entry(hit[0], sentence, evidence or [hit[1].span()])
    return entry(CATEGORY_RULES[category], sentence, evidence)
