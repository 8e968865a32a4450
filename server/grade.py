"""Grade a policy A to E from the categories of its red flags and good points.

Each category counts once, however many sentences show it: a policy is not worse for repeating
itself. A red-flag category costs its weight (server/flags/categories.toml: selling data 4, forced
arbitration 3, sharing and tracking 2, a vague retention period ½), times 1.5 when the most serious
flag of the category is high severity and ½ when it is low. A good point earns half its category's
weight, unless the same category is also red-flagged (a promise taken back elsewhere is no promise).
A longer document touches more topics, about as the square root of its length on real policies, so
the balance is divided by the square root of its length in thousands of words (never by less than
1): a long policy is not worse for being long. One high-severity category caps the grade at B, two
at C. The floors spread the 627 policies and terms of the Open Terms Archive corpus over the five
letters with no correlation to length left (bench/grades.py).
"""

from .flags import CATEGORY_INFO

SEVERITY_FACTOR = {"high": 1.5, "medium": 1.0, "low": 0.5}
GOOD_SHARE = 0.5
LENGTH_UNIT = 1000  # words
FLOORS = ((-2.5, "A"), (-3.5, "B"), (-5.0, "C"), (-6.5, "D"))  # lowest balance for each letter
BEST_WITH_HIGH = {0: "A", 1: "B"}  # one high-severity category caps at B, two or more at C


def details(red_flags, good_points, words=0):
    """Return how the grade is made: points per category, the length divisor, the balance, the letter."""
    worst = {}
    for flag in red_flags:
        factor = SEVERITY_FACTOR[flag["severity"]]
        worst[flag["category"]] = max(worst.get(flag["category"], 0.0), factor)
    costs = {c: -round(CATEGORY_INFO[c]["weight"] * factor, 2) for c, factor in worst.items()}
    credits = {
        point["category"]: round(GOOD_SHARE * CATEGORY_INFO[point["category"]]["weight"], 2)
        for point in good_points
        if point["category"] not in worst
    }
    divisor = round(max(1.0, words / LENGTH_UNIT) ** 0.5, 3)
    balance = round((sum(costs.values()) + sum(credits.values())) / divisor, 2)
    highs = sum(factor == SEVERITY_FACTOR["high"] for factor in worst.values())
    best = BEST_WITH_HIGH.get(highs, "C")
    letter = next((letter for floor, letter in FLOORS if balance >= floor and letter >= best), "E")
    return {
        "grade": letter,
        "balance": balance,
        "length_divisor": divisor,
        "red_flags": dict(sorted(costs.items(), key=lambda item: item[1])),
        "good_points": dict(sorted(credits.items(), key=lambda item: -item[1])),
        "floors": {letter: floor for floor, letter in FLOORS},
    }


def grade(red_flags, good_points, words=0):
    """Return the letter for a policy's red flags and good points."""
    return details(red_flags, good_points, words)["grade"]
