"""Find the items of a list of what the user must not do: they state no practice of the service.

Terms of service list forbidden conduct ("You agree not to: ... 5. Selling your account to a third
party; 8. Providing information to other parties to commit illegal activities;"). Read alone, such
an item looks like sharing or selling data, but its actor is the user. An item belongs to such a
list when a lead-in ending with a colon (or the sentence just before it) forbids the user something,
and the item, after its number or bullet, opens with what the user would do ("Selling", "Upload").
"""

import re

# The user is forbidden something ("you agree not to", "users may not", "prohibited uses include").
FORBIDS = re.compile(
    r"\b(?:you|users?|members?|customers?|licensees?)\s+(?:\w+\s+){0,2}?(?:"
    r"(?:agree|undertake|promise|commit|represent)\s+(?:\w+\s+){0,3}?not|"
    r"(?:will|shall|must|may|should)\s+not|cannot|won[’']t|mustn[’']t|may never|"
    r"(?:are|is)\s+(?:not\s+(?:permitted|allowed|authori[sz]ed)|prohibited|forbidden))\b|"
    r"\b(?:prohibited|unauthori[sz]ed|forbidden|unacceptable|impermissible)\s+(?:\w+\s+)?"
    r"(?:uses?|activities|activity|conduct|actions|behaviou?rs?)\s*(?::|include|are\b|such as|,? including)|"
    r"\bthe following (?:\w+\s+)?(?:is|are) (?:\w+\s+)?(?:prohibited|forbidden|not (?:permitted|allowed))\b",
    re.IGNORECASE,
)
# An item of conduct: an optional number or bullet, then the act ("Trading", "upload", "Includes").
CONDUCT = re.compile(
    r"\s*(?:\(?[0-9ivxa-h]{1,4}[.)]|[-•*·●◦▪–])?\s*(?:[a-z]+ing\b|(?:use|post|upload|send|share|sell|resell|"
    r"rent|lease|sublicense|transfer|collect|store|harvest|scrape|access|attempt|copy|reproduce|distribute|"
    r"modify|publish|transmit|impersonate|interfere|disclose|provide|engage|create|make|promote|solicit|"
    r"circumvent|reverse|decompile|place|process|incorporate|include|includes|contain|contains)\b)",
    re.IGNORECASE,
)
LEAD_IN = 400  # characters at the end of a lead-in (and of the sentence before it) read for a prohibition
CONTINUES = re.compile(r"(?:[;,]|[;,]\s*(?:and|or|and/or))\s*$")  # an item the list goes on after


def forbidden_conduct(sentences):
    """Return the positions of the sentences that are items of a list of forbidden conduct."""
    items, open_list = set(), False
    for index, sentence in enumerate(sentences):
        text = sentence.text.strip()
        if text.endswith(":"):
            before = sentences[index - 1].text if index else ""
            open_list = bool(FORBIDS.search(text[-LEAD_IN:]) or FORBIDS.search(before[-LEAD_IN:]))
        elif open_list:
            if CONDUCT.match(text):
                items.add(sentence.position)
            open_list = bool(CONTINUES.search(text))
    return items
