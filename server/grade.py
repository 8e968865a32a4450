"""Grade a policy A to E from the rules it triggers."""

# Each distinct rule counts once, however many sentences show it: a policy is not worse for
# repeating itself. High-severity red flags weigh like ToS;DR's blockers.
WEIGHTS = {"high": 3.0, "medium": 1.0, "low": 0.5}
# Lowest balance for each grade, set so that the 87 real policies of the development data spread
# over all five grades (A 5, B 10, C 30, D 30, E 12: most land on C and D).
GRADES = ((0.0, "A"), (-4.0, "B"), (-7.5, "C"), (-11.0, "D"))
BEST_WITH_HIGH = {0: "A", 1: "B"}  # one high red flag caps at B, two or more at C


def balance(red_flags, good_points):
    """Return good points minus weighted red flags, each rule counted once."""
    bad = {flag["rule"]: WEIGHTS[flag["severity"]] for flag in red_flags}
    good = {point["rule"] for point in good_points}
    return len(good) - sum(bad.values())


def grade(red_flags, good_points):
    """Return the letter for a policy's red flags and good points."""
    score = balance(red_flags, good_points)
    highs = len({flag["rule"] for flag in red_flags if flag["severity"] == "high"})
    best = BEST_WITH_HIGH.get(highs, "C")
    for floor, letter in GRADES:
        if score >= floor and letter >= best:  # letters compare as grades: "C" >= "B" is worse
            return letter
    return "E"
