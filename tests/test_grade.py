import pytest

from server.grade import balance, grade


def flag(rule, severity):
    return {"rule": rule, "severity": severity}


def test_each_rule_counts_once():
    assert balance([flag("a", "medium"), flag("a", "medium")], []) == -1


@pytest.mark.parametrize(
    "red, good, expected",
    [
        ([], [], "B"),
        ([], [flag("g1", "low"), flag("g2", "low")], "A"),
        ([flag("r", "high")], [flag("g1", "low"), flag("g2", "low"), flag("g3", "low"), flag("g4", "low"), flag("g5", "low")], "C"),
        ([flag("r", "medium")], [], "C"),
        ([flag("r", "high")], [], "C"),
        ([flag("r1", "high"), flag("r2", "high"), flag("r3", "medium")], [], "D"),
        ([flag("r1", "high"), flag("r2", "high"), flag("r3", "high")], [], "E"),
    ],
)
def test_grades(red, good, expected):
    assert grade(red, good) == expected
