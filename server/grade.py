"""Grade a policy A to E from the rules it triggers."""

# Each distinct rule counts once, however many sentences show it: a policy is not worse for
# repeating itself. High-severity red flags weigh like ToS;DR's blockers.
WEIGHTS = {"high": 3.0, "medium": 1.0, "low": 0.5}
GRADES = ((2.0, "A"), (0.0, "B"), (-3.0, "C"), (-7.0, "D"))  # lowest balance for each grade


def balance(red_flags, good_points):
    """Return good points minus weighted red flags, each rule counted once."""
    bad = {flag["rule"]: WEIGHTS[flag["severity"]] for flag in red_flags}
    good = {point["rule"] for point in good_points}
    return len(good) - sum(bad.values())


def grade(red_flags, good_points):
    """Return the letter for a policy's red flags and good points."""
    score = balance(red_flags, good_points)
    has_high = any(flag["severity"] == "high" for flag in red_flags)
    for floor, letter in GRADES:
        if score >= floor and not (has_high and letter in "AB"):
            return letter
    return "E"
