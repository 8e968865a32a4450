import hashlib
import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sklearn.feature_extraction.text import TfidfVectorizer

from server.flags import CATEGORIES, Model
from server.flags.model import MODEL_FILE, WORD, merge, terms, tokens

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="module")
def model():
    return Model.load()


def test_loads_without_pickle_and_describes_itself(model):
    with np.load(MODEL_FILE, allow_pickle=False) as data:
        assert set(data.files) == {"terms", "idf", "weights", "bias", "info"}
        assert all(data[key].dtype != object for key in data.files)
    assert set(model.categories) <= set(CATEGORIES)
    assert model.weights.shape == (len(model.vocabulary), len(model.categories))
    for category in model.categories:
        figures = model.info["cross_validation"][category]
        assert figures["held_out"] > 0 and 0 <= figures["cv_f1"] <= 1
        assert 0 < model.info["thresholds"][category] and model.rule_bonus[category] >= 0


def test_thresholds_are_the_ones_recorded(model):
    recorded = [model.info["thresholds"][c] for c in model.categories]
    assert model.thresholds.tolist() == recorded
    calibrated = model.info["calibration"]["categories"]
    for category, figures in calibrated.items():
        assert model.info["thresholds"][category] == figures["threshold"]


def test_features_are_scikit_learns(model):
    texts = ["We may share your personal data with our partners.", "", "Cookies, cookies: cookies!",
             "Nous ne vendons pas vos données.", "We don’t sell your data; we don't."]  # fmt: skip
    reference = TfidfVectorizer(analyzer=terms, sublinear_tf=True, vocabulary=model.vocabulary)
    reference.fit(["x"])
    reference.idf_ = model.idf
    assert np.allclose(model.features(texts).toarray(), reference.transform(texts).toarray())


def test_probabilities_for_no_text_and_some(model):
    assert model.probabilities([]).shape == (0, len(model.categories))
    p = model.probabilities(["We may sell your personal information to data brokers.", ""])
    assert p.shape == (2, len(model.categories)) and ((p > 0) & (p < 1)).all()


@pytest.mark.parametrize(
    "text, category, word",
    [
        ("We may share your personal information with advertising partners.", "third-party-sharing", "share"),
        ("We use cookies and web beacons to show you targeted ads.", "tracking", "cookies"),
        ("All disputes shall be resolved by binding arbitration.", "arbitration", "arbitration"),
        ("We may terminate your account at any time without notice.", "unilateral-termination", "terminate"),
    ],
)
def test_evidence_points_at_the_deciding_words(model, text, category, word):
    spans = model.evidence(text, category)
    assert spans and spans == sorted(spans)
    assert all(0 <= start < end <= len(text) for start, end in spans)
    assert all(a[1] < b[0] for a, b in zip(spans, spans[1:]))  # merged: apart from each other
    assert any(word in text[start:end].lower() for start, end in spans)
    assert all(text[start].isalnum() and text[end - 1].isalnum() for start, end in spans)


def test_evidence_offsets_count_code_points(model):
    text = "We may share your personal information with advertising partners."
    plain = model.evidence(text, "third-party-sharing")
    assert model.evidence("🙂 " + text, "third-party-sharing") == [[start + 2, end + 2] for start, end in plain]


@given(st.one_of(st.text(), st.sampled_from(["İstanbul’s DON’T", "ǅemal ΣΑΣ ẞ Ⅻ", "x’’y a_b"])))
def test_tokens_of_the_lowered_text_are_the_lowered_words(text):
    words = [(m.group().lower().replace("’", "'"), m.start(), m.end()) for m in WORD.finditer(text)]
    assert tokens(text) == words
    plain = [word for word, _, _ in words]
    assert terms(text) == terms(text, words) == plain + [f"{a} {b}" for a, b in zip(plain, plain[1:])]


def test_merge_joins_touching_spans():
    assert merge([(0, 3), (4, 8), (20, 25)]) == [[0, 8], [20, 25]]


def test_built_from_the_data_recorded():
    """The model file names the data it was built from; changed data means a rebuild."""
    info = Model.load().info
    own = Path(__file__).resolve().parents[1] / "data" / "policylens-labels.jsonl"
    assert info["data_sha256"]["policylens-labels.jsonl"] == hashlib.sha256(own.read_bytes()).hexdigest()
    if not (SHARED / "train" / "appsi139.jsonl").exists():
        pytest.skip("../shared is not beside this clone: the licensed training data is not here")
    for path in (SHARED / "eval" / "claudette-dev.jsonl", SHARED / "train" / "appsi139.jsonl"):
        assert info["data_sha256"][path.name] == hashlib.sha256(path.read_bytes()).hexdigest()


def test_training_command_rebuilds_the_shipped_weights():
    """`python -m train.build_model --no-cv` gives the same arrays as the file in the repository."""
    if not (SHARED / "train" / "appsi139.jsonl").exists():
        pytest.skip("../shared is not beside this clone: the licensed training data is not here")
    from train.build_model import build

    with np.load(MODEL_FILE, allow_pickle=False) as shipped:
        arrays, info = build(cv=False, categories=json.loads(str(shipped["info"]))["categories"])
        assert arrays["terms"].tolist() == shipped["terms"].tolist()
        assert np.allclose(arrays["idf"], shipped["idf"])
        assert np.allclose(arrays["weights"], shipped["weights"], atol=1e-6)
        assert np.allclose(arrays["bias"], shipped["bias"], atol=1e-6)
        assert info["categories"] == json.loads(str(shipped["info"]))["categories"]
