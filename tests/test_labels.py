"""The merge of labelled batches: majority over annotators, reviews that replace, bad labels refused."""

import json

import pytest

from train.merge_labels import kappa, merge


def batch(path, *rows):
    path.write_text("".join(json.dumps({"id": i, "doc": "d", "text": f"sentence {i}", "labels": labels}) + "\n"
                            for i, labels in rows), encoding="utf-8")  # fmt: skip
    return path


def test_majority_of_the_annotators_decides_each_category(tmp_path):
    a = batch(tmp_path / "a.jsonl", ("s1", ["tracking", "third-party-sharing"]), ("s2", []))
    b = batch(tmp_path / "b.jsonl", ("s1", ["tracking"]), ("s3", ["arbitration"]))
    c = batch(tmp_path / "c.jsonl", ("s1", ["tracking", "third-party-sharing"]))
    rows, shared, _ = merge([a, b, c])
    assert [(r["id"], r["labels"]) for r in rows] == [
        ("s1", ["third-party-sharing", "tracking"]), ("s2", []), ("s3", ["arbitration"])]
    assert list(shared) == ["s1"]
    # two annotators who disagree: no majority, no label
    rows, _, _ = merge([a, b])
    assert rows[0]["labels"] == ["tracking"]


def test_a_review_replaces_the_label_set_and_later_reviews_win(tmp_path):
    first = batch(tmp_path / "a.jsonl", ("s1", ["arbitration"]), ("s2", ["policy-change", "contract-by-using"]))
    review = batch(tmp_path / "r1.jsonl", ("s1", []), ("s2", ["contract-by-using"]))
    again = batch(tmp_path / "r2.jsonl", ("s1", ["arbitration"]))
    rows, _, changes = merge([first], [review, again])
    assert [r["labels"] for r in rows] == [["arbitration"], ["contract-by-using"]]
    assert changes == [2, 1]


def test_unknown_labels_and_reviews_of_unlabelled_sentences_are_refused(tmp_path):
    with pytest.raises(SystemExit, match="unknown labels"):
        merge([batch(tmp_path / "a.jsonl", ("s1", ["sells-data"]))])
    first = batch(tmp_path / "b.jsonl", ("s1", []))
    with pytest.raises(SystemExit, match="never labelled"):
        merge([first], [batch(tmp_path / "r.jsonl", ("s9", []))])


def test_kappa():
    assert kappa([(True, True), (False, False)] * 5) == 1.0
    assert kappa([(True, False), (False, True)] * 5) == pytest.approx(-1.0)
