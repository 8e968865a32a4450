"""Skip patterns that cannot match: each needs one of a few literal strings, found in one scan.

Python's regex engine tries every pattern at every position of every sentence. Most sentences
contain none of the words a pattern needs, so we work out, from the parsed pattern itself, a set of
literal strings of which any match must contain at least one (as RE2's prefilter does), and scan
each sentence once for all such strings. The rules stay the only source of truth: nothing here is
written by hand.
"""

import re

try:  # the parser is public as sre_parse before Python 3.11
    from re import _constants as c
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover
    import sre_constants as c
    import sre_parse

MIN_LITERAL = 3  # shorter strings are in nearly every sentence and select nothing


def required_literals(pattern):
    """Return sets of lowercase strings such that every match holds one string of each set.

    None means that nothing is known and the pattern must always run.
    """
    return _sequence(sre_parse.parse(pattern.pattern, pattern.flags)) or None


def _sequence(items):
    """Return the necessary sets of a sequence of parsed items: each must be met."""
    sets, run = [], []

    def flush():
        if len(run) >= MIN_LITERAL:
            sets.append(frozenset(["".join(run)]))
        run.clear()

    for op, value in items:
        if op is c.LITERAL:
            run.append(chr(value).lower())
            continue
        flush()
        sets.extend(_item(op, value))
    flush()
    return tuple(dict.fromkeys(sets))


def _best(sets):
    """Pick the most selective of several necessary sets, or None."""
    return max(sets, key=lambda s: (min(map(len, s)), -len(s)), default=None)


def _item(op, value):
    """Return the necessary sets of one parsed item (none when it needs no literal)."""
    if op is c.BRANCH:
        alternatives = [_best(_sequence(alt)) for alt in value[1]]
        return () if None in alternatives else (frozenset().union(*alternatives),)
    if op is c.SUBPATTERN:
        return _sequence(value[-1])
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
        low, _high, inner = value
        return _sequence(inner) if low >= 1 else ()
    if op is c.ASSERT and value[0] == 1:  # a lookahead's text is in the sentence too
        return _sequence(value[1])
    if op is getattr(c, "ATOMIC_GROUP", None):
        return _sequence(value)
    return ()


def trie_regex(strings):
    """Compile an alternation of strings as a trie, so the engine follows one branch per character."""
    trie = {}
    for string in strings:
        node = trie
        for char in string:
            node = node.setdefault(char, {})
        node[""] = True

    def build(node):
        end = "" in node
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if end else body

    return re.compile(f"(?=({build(trie)}))")


class Prefilter:
    """Find, in one scan of a sentence, which of the literals the patterns need occur in it."""

    def __init__(self, needs):
        literals = sorted({s for need in needs if need for each in need for s in each}, key=len, reverse=True)
        self.scanner = trie_regex(literals) if literals else None
        # A literal found also reveals every literal it contains ("shared" holds "share").
        self.contained = {s: {t for t in literals if t in s} for s in literals}

    def present(self, sentence):
        """Return the set of the literals that occur in a sentence."""
        if self.scanner is None:
            return set()
        found = set()
        for match in self.scanner.finditer(sentence.lower()):
            literal = match.group(1)
            if literal not in found:
                found |= self.contained[literal]
        return found
