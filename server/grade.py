"""Grade a policy A to E from the categories of its red flags and good points.

Each category counts once, however many sentences show it: a policy is not worse for repeating
itself. A red-flag category costs its weight (server/flags/categories.toml: selling data 4, forced
arbitration 3, sharing and tracking 2, a vague retention period ½), times 1.5 when the most serious
flag of the category is high severity and ½ when it is low. A good point earns half its category's
weight, unless the same category is also red-flagged (a promise taken back elsewhere is no promise).
A longer document touches more topics (about as the square root of its length, on real policies),
so each category's points are divided by its length L in thousands of words (at least 1) raised to
a power: ¾ for the minor categories, which thorough long documents mention as a matter of course,
and only ¼ for the major ones (weight 2 and up: selling, sharing, tracking, arbitration), which
weigh what they weigh however long the text around them. One high-severity category caps the grade
at B, two at C. The floors spread the 627 policies and terms of the Open Terms Archive corpus over
the five letters (bench/grades.py prints the spread and the correlation with length).
"""

from .flags import CATEGORY_INFO

SEVERITY_FACTOR = {"high": 1.5, "medium": 1.0, "low": 0.5}
GOOD_SHARE = 0.5
LENGTH_UNIT = 1000  # words
MAJOR_WEIGHT = 2.0
LENGTH_POWER = {True: 0.25, False: 0.75}  # major category or not
FLOORS = ((-2.25, "A"), (-3.5, "B"), (-5.5, "C"), (-7.75, "D"))  # lowest balance for each letter
BEST_WITH_HIGH = {0: "A", 1: "B"}  # one high-severity category caps at B, two or more at C


def details(red_flags, good_points, words=0):
    """Return how the grade is made: points per category, the length, the balance, the letter."""
    length = max(1.0, words / LENGTH_UNIT)

    def points(category, value):
        weight = CATEGORY_INFO[category]["weight"]
        return round(value * weight / length ** LENGTH_POWER[weight >= MAJOR_WEIGHT], 2)

    worst = {}
    for flag in red_flags:
        factor = SEVERITY_FACTOR[flag["severity"]]
        worst[flag["category"]] = max(worst.get(flag["category"], 0.0), factor)
    costs = {c: points(c, -factor) for c, factor in worst.items()}
    credits = {p["category"]: points(p["category"], GOOD_SHARE) for p in good_points if p["category"] not in worst}
    balance = round(sum(costs.values()) + sum(credits.values()), 2)
    highs = sum(factor == SEVERITY_FACTOR["high"] for factor in worst.values())
    best = BEST_WITH_HIGH.get(highs, "C")
    letter = next((letter for floor, letter in FLOORS if balance >= floor and letter >= best), "E")
    return {
        "grade": letter,
        "balance": balance,
        "length": round(length, 3),
        "red_flags": dict(sorted(costs.items(), key=lambda item: item[1])),
        "good_points": dict(sorted(credits.items(), key=lambda item: -item[1])),
        "floors": {letter: floor for floor, letter in FLOORS},
    }


def grade(red_flags, good_points, words=0):
    """Return the letter for a policy's red flags and good points."""
    return details(red_flags, good_points, words)["grade"]
