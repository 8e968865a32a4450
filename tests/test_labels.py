"""The merge of labelled batches: majority over annotators, reviews that replace, bad labels refused."""

import json

import pytest

from train.data import judged, own
from train.merge_labels import kappa, merge


def batch(path, *rows, judged=None):
    extra = {"judged": judged} if judged else {}
    path.write_text("".join(json.dumps({"id": i, "doc": "d", "text": f"sentence {i}", "labels": labels, **extra}) + "\n"
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


def test_a_batch_that_judged_some_categories_adds_to_the_others(tmp_path):
    earlier = batch(tmp_path / "a.jsonl", ("s1", ["arbitration"]), ("s2", []))
    three = ["ai-training", "class-action-waiver", "indemnification"]
    later = [batch(tmp_path / f"{n}.jsonl", ("s1", labels), ("s3", []), judged=three)
             for n, labels in (("b", ["class-action-waiver"]), ("c", ["class-action-waiver"]), ("d", []))]
    rows, shared, _ = merge([earlier, *later])
    by_id = {row["id"]: row for row in rows}
    assert by_id["s1"]["labels"] == ["arbitration", "class-action-waiver"]  # majority of the three that judged it
    assert set(by_id["s1"]["judged"]) == set(three) | set(judged({}))
    assert "judged" not in by_id["s2"]  # judged for what earlier rounds judged: the default
    assert by_id["s3"]["judged"] == three
    assert sorted(shared) == ["s1", "s3"]  # s1's earlier batch judged other categories: no agreement to count there
    examples = {item["text"]: item["labels"] for item in own_examples(tmp_path, rows)}
    assert examples["sentence s3"] == dict.fromkeys(three, False)
    assert examples["sentence s1"]["class-action-waiver"] and examples["sentence s1"]["arbitration"]
    assert "ai-training" not in examples["sentence s2"]
    review = batch(tmp_path / "r.jsonl", ("s1", []), judged=["class-action-waiver"])
    rows, _, changes = merge([earlier, *later], [review])
    assert rows[0]["labels"] == ["arbitration"] and changes == [1]  # the review replaces only what it judged


def test_labels_outside_what_a_row_judged_are_refused(tmp_path):
    with pytest.raises(SystemExit, match="not judged"):
        merge([batch(tmp_path / "a.jsonl", ("s1", ["tracking"]), judged=["ai-training"])])


def own_examples(folder, rows):
    path = folder / "merged.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return list(own(path))


def test_unknown_labels_and_reviews_of_unlabelled_sentences_are_refused(tmp_path):
    with pytest.raises(SystemExit, match="unknown labels"):
        merge([batch(tmp_path / "a.jsonl", ("s1", ["sells-data"]))])
    first = batch(tmp_path / "b.jsonl", ("s1", []))
    with pytest.raises(SystemExit, match="never labelled"):
        merge([first], [batch(tmp_path / "r.jsonl", ("s9", []))])


def test_kappa():
    assert kappa([(True, True), (False, False)] * 5) == 1.0
    assert kappa([(True, False), (False, True)] * 5) == pytest.approx(-1.0)
