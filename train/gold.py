"""What the labelled evaluation data says of our categories, unit by unit.

A unit is positive, negative, or left out ("unclear") per category, as follows.

OPP-115 (privacy policies; the unit is a segment, about a paragraph; "voted" means chosen by at least
2 of 3 annotators, "mentioned" by at least 1):
- third-party-sharing: positive when Third Party Sharing/Collection is voted with Does, an action of
  Receive/Shared with, See, Other or Unspecified, a purpose beyond running the service (advertising,
  marketing, analytics, additional features, personalisation, other, unspecified) and data that is not
  only aggregated or anonymised. Negative when no annotator mentioned third-party sharing, when it is
  voted only as Does Not, or when its only purposes are the basic service, security, legal
  requirements or a merger (other categories cover those).
- tracking: positive when voted: cookies and tracking elements collected (first or third party), a
  third party tracking or collecting on the site, advertising as a purpose, Do Not Track not honoured,
  or tracking on other websites. Negative when none of these is mentioned.
- data-combination: positive when the first party is voted to receive data from third parties or
  affiliates; negative when that is not mentioned.
- data-retention: positive when the retention period is voted Indefinitely, Unspecified or Limited
  (limited to a purpose, with no time given); negative when no annotator mentioned retention, or only
  a stated period.
- policy-change: positive when Policy Change is voted with a notification other than a personal
  notice; negative when no annotator mentioned a policy change, or a personal notice is voted.
- business-transfer: positive when a merger or acquisition is voted as a sharing purpose or change
  type; negative when not mentioned.
- government-access: positive when a legal requirement is voted as a sharing purpose; negative when
  not mentioned.
- limited-control: positive when "Don't use service/feature" is voted as the user's only choice;
  negative when not mentioned.
- sensitive-data: positive when location, health or financial data is voted as collected or shared;
  negative when not mentioned.
- Not measured on OPP-115, for want of a label that means the same: data-sale, children (its label
  marks any statement about children, mostly "we do not knowingly collect"), international-transfer,
  security-disclaimer.

CLAUDETTE (terms of service; the unit is a sentence): a = arbitration, ch = policy-change (unilateral
change), cr = content-removal, j = jurisdiction, law = choice-of-law, ltd = liability-limit,
ter = unilateral-termination, use = contract-by-using. A tag with suffix 2 or 3 (potentially or
clearly unfair) is positive; a sentence without a tag of the category, or with suffix 1 (clearly
fair), is negative. pinc (privacy included) has no category of ours and is left out.
"""

TPS = "Third Party Sharing/Collection"
FPC = "First Party Collection/Use"
SHARING_ACTIONS = {"Receive/Shared with", "See", "Other", "Unspecified"}
OWN_PURPOSES = {
    "Advertising", "Marketing", "Analytics/Research", "Additional service/feature",
    "Personalization/Customization", "Other", "Unspecified",
}  # fmt: skip
CLAUDETTE_TAGS = {
    "a": "arbitration", "ch": "policy-change", "cr": "content-removal", "j": "jurisdiction",
    "law": "choice-of-law", "ltd": "liability-limit", "ter": "unilateral-termination",
    "use": "contract-by-using",
}  # fmt: skip


def values(attributes, key, min_votes):
    """Return the values of 'Category|Attribute' chosen by at least min_votes annotators."""
    prefix = key + "="
    return {k[len(prefix) :] for k, votes in attributes.items() if k.startswith(prefix) and votes >= min_votes}


def has(attributes, pairs, min_votes):
    """Tell whether any (key, value) pair was chosen by at least min_votes annotators."""
    return any(value in values(attributes, key, min_votes) for key, value in pairs)


def opp_gold(segment):
    """Return {category: True/False} for one OPP-115 segment; unclear categories are left out."""
    attrs, labels, mentioned = segment["attributes"], set(segment["labels"]), set(segment["labels_any"])
    gold = {}

    voted = lambda key: values(attrs, key, 2)  # noqa: E731
    if TPS not in mentioned:
        gold["third-party-sharing"] = False
    elif TPS in labels:
        does = voted(f"{TPS}|Does/Does Not")
        purposes = voted(f"{TPS}|Purpose")
        only_aggregate = voted(f"{TPS}|Identifiability") == {"Aggregated or anonymized"}
        if does == {"Does Not"}:
            gold["third-party-sharing"] = False
        elif "Does" in does and voted(f"{TPS}|Action Third Party") & SHARING_ACTIONS:
            if purposes & OWN_PURPOSES and not only_aggregate:
                gold["third-party-sharing"] = True
            elif purposes and not purposes & OWN_PURPOSES:
                gold["third-party-sharing"] = False

    tracking = [
        (f"{FPC}|Personal Information Type", "Cookies and tracking elements"),
        (f"{TPS}|Personal Information Type", "Cookies and tracking elements"),
        (f"{TPS}|Action Third Party", "Track on first party website/app"),
        (f"{TPS}|Action Third Party", "Collect on first party website/app"),
        (f"{FPC}|Purpose", "Advertising"), (f"{TPS}|Purpose", "Advertising"),
        ("Do Not Track|Do Not Track policy", "Not honored"),
        (f"{FPC}|Action First-Party", "Track user on other websites"),
    ]  # fmt: skip
    binary(gold, "tracking", attrs, tracking)
    combination = [
        (f"{FPC}|Action First-Party", "Receive from other service/third-party (named)"),
        (f"{FPC}|Action First-Party", "Receive from other service/third-party (unnamed)"),
        (f"{FPC}|Action First-Party", "Receive from other parts of company/affiliates"),
    ]
    binary(gold, "data-combination", attrs, combination)

    period = voted("Data Retention|Retention Period")
    if "Data Retention" not in mentioned or period == {"Stated Period"}:
        gold["data-retention"] = False
    elif period & {"Indefinitely", "Unspecified", "Limited"}:
        gold["data-retention"] = True

    notice = voted("Policy Change|Notification Type")
    if "Policy Change" not in mentioned or "Personal notice" in notice:
        gold["policy-change"] = False
    elif "Policy Change" in labels:
        gold["policy-change"] = True

    merger = [(f"{TPS}|Purpose", "Merger/Acquisition"), ("Policy Change|Change Type", "In case of merger or acquisition")]
    binary(gold, "business-transfer", attrs, merger)
    binary(gold, "government-access", attrs, [(f"{TPS}|Purpose", "Legal requirement")])
    no_choice = [(f"{c}|Choice Type", "Dont use service/feature") for c in (FPC, TPS, "User Choice/Control")]
    binary(gold, "limited-control", attrs, no_choice)
    sensitive = [(f"{c}|Personal Information Type", t) for c in (FPC, TPS) for t in ("Location", "Health", "Financial")]
    binary(gold, "sensitive-data", attrs, sensitive)
    return gold


def binary(gold, category, attrs, pairs):
    """Positive when voted, negative when nobody mentioned it, unclear in between."""
    if has(attrs, pairs, 2):
        gold[category] = True
    elif not has(attrs, pairs, 1):
        gold[category] = False


def claudette_gold(sentence):
    """Return {category: True/False} for one CLAUDETTE sentence."""
    gold = {category: False for category in CLAUDETTE_TAGS.values()}
    for tag in sentence["labels"]:
        base, level = tag.rstrip("123"), tag[len(tag.rstrip("123")) :]
        if base in CLAUDETTE_TAGS and level in ("2", "3"):
            gold[CLAUDETTE_TAGS[base]] = True
    return gold
