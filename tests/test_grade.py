import pytest

from server.grade import balance, grade


def flag(rule, severity):
    return {"rule": rule, "severity": severity}


def goods(n):
    return [flag(f"g{i}", "low") for i in range(n)]


def test_each_rule_counts_once():
    assert balance([flag("a", "medium"), flag("a", "medium")], []) == -1


@pytest.mark.parametrize(
    "red, good, expected",
    [
        ([], [], "A"),
        ([flag("r", "medium")], [], "B"),
        ([flag("r", "high")], goods(5), "B"),  # one high red flag caps at B
        ([flag("r1", "high"), flag("r2", "high")], goods(9), "C"),  # two cap at C
        ([flag("r", "high")], [], "B"),
        ([flag("r", "high"), flag("m1", "medium"), flag("m2", "medium")], [], "C"),
        ([flag("r1", "high"), flag("r2", "high"), flag("r3", "medium")], [], "C"),
        ([flag("r1", "high"), flag("r2", "high")] + [flag(f"m{i}", "medium") for i in range(3)], [], "D"),
        ([flag("r1", "high"), flag("r2", "high"), flag("r3", "high")] + [flag(f"m{i}", "medium") for i in range(3)], [], "E"),
    ],
)
def test_grades(red, good, expected):
    assert grade(red, good) == expected
