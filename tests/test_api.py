import json

import pytest

from tests.conftest import read_policy

ANALYZE = "/api/v1/analyze"


def error_of(response):
    body = response.get_json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert "Traceback" not in response.get_data(as_text=True)
    return body["error"]["code"]


def test_health(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.get_json()["status"] == "ok"


def test_rules_list(client):
    rules = client.get("/api/v1/rules").get_json()["rules"]
    assert {"id", "kind", "category", "severity", "title", "explanation"} == set(rules[0])
    assert len({r["id"] for r in rules}) == len(rules) > 20


def test_analyze_a_policy(client):
    response = client.post(ANALYZE, json={"text": read_policy("plesk"), "url": "https://plesk.com/privacy", "title": "Privacy"})
    assert response.status_code == 200
    body = response.get_json()
    assert set(body) >= {"grade", "highlights", "red_flags", "good_points", "stats", "version"}
    assert set(body["highlights"][0]) == {"sentence", "position", "score"}
    assert set(body["red_flags"][0]) == {"rule", "category", "severity", "title", "explanation", "sentence", "position", "evidence"}
    assert set(body["stats"]) >= {"sentences", "words", "reading_minutes", "elapsed_ms"}


def test_max_highlights(client):
    body = client.post(ANALYZE, json={"text": read_policy("planio"), "max_highlights": 3}).get_json()
    assert len(body["highlights"]) == 3


@pytest.mark.parametrize(
    "kwargs, status, code",
    [
        ({"json": {}}, 400, "bad_request"),
        ({"json": {"text": 42}}, 400, "bad_request"),
        ({"json": {"text": ["a"]}}, 400, "bad_request"),
        ({"json": {"text": ""}}, 422, "empty_text"),
        ({"json": {"text": "   \n\t"}}, 422, "empty_text"),
        ({"json": {"text": "*** --- ***"}}, 422, "no_sentences"),
        ({"json": ["text"]}, 400, "bad_request"),
        ({"json": "text"}, 400, "bad_request"),
        ({"json": 7}, 400, "bad_request"),
        ({"json": {"text": "We sell data.", "max_highlights": -1}}, 400, "bad_request"),
        ({"json": {"text": "We sell data.", "max_highlights": 10**9}}, 400, "bad_request"),
        ({"json": {"text": "We sell data.", "max_highlights": "7"}}, 400, "bad_request"),
        ({"json": {"text": "We sell data.", "max_highlights": True}}, 400, "bad_request"),
        ({"json": {"text": "We sell data.", "url": "x" * 5000}}, 400, "bad_request"),
        ({"json": {"text": "We sell data.", "title": 12}}, 400, "bad_request"),
        ({"json": {"text": "We sell data.", "format": "xml"}}, 400, "bad_request"),
        ({"json": {"text": "We sell data.", "format": "TEXT"}}, 400, "bad_request"),
        ({"json": {"text": "We sell data.", "format": ""}}, 400, "bad_request"),
        ({"json": {"text": "We sell data.", "format": 1}}, 400, "bad_request"),
        ({"json": {"text": "We sell data.", "format": ["text"]}}, 400, "bad_request"),
        ({"data": "{not json", "content_type": "application/json"}, 400, "invalid_json"),
        ({"data": b'{"text": "\xff\xfe"}', "content_type": "application/json"}, 400, "invalid_json"),
        ({"data": "text=hello", "content_type": "application/x-www-form-urlencoded"}, 415, "unsupported_media_type"),
        ({"data": "hello"}, 415, "unsupported_media_type"),
    ],
)
def test_bad_requests(client, kwargs, status, code):
    response = client.post(ANALYZE, **kwargs)
    assert response.status_code == status
    assert error_of(response) == code


def test_zero_highlights_and_unknown_fields(client):
    response = client.post(ANALYZE, json={"text": "We may sell your data to partners.", "max_highlights": 0, "extra": 1})
    assert response.status_code == 200 and response.get_json()["highlights"] == []


def test_every_sentence_only_when_asked(client):
    text = "We may sell your personal information to data brokers. You can delete your account at any time. Thanks."
    plain = client.post(ANALYZE, json={"text": text}).get_json()
    assert "sentences" not in plain
    full = client.post(ANALYZE, json={"text": text, "sentences": True}).get_json()
    assert [s["position"] for s in full["sentences"]] == [0, 1, 2]
    assert full["sentences"][0]["text"] == "We may sell your personal information to data brokers."
    by_position = {s["position"]: s["text"] for s in full["sentences"]}
    for item in full["red_flags"] + full["good_points"] + full["highlights"]:
        assert by_position[item["position"]] == item["sentence"]
    assert "sentences" not in client.post(ANALYZE, json={"text": text, "sentences": False}).get_json()


def test_the_cache_answers_with_and_without_sentences(analyzer):
    from server.analysis import Analyzer

    analyzer = Analyzer(splitter=analyzer.splitter, ranker=analyzer.ranker, rules=analyzer.rules, model=analyzer.model, cache_size=4)
    text = read_policy("planio")
    first = analyzer(text, 7)
    full = analyzer(text, 7, with_sentences=True)
    again = analyzer(text, 7)
    assert full["stats"]["cached"] and again["stats"]["cached"]
    assert "sentences" not in first and "sentences" not in again
    assert len(full["sentences"]) == full["stats"]["sentences"]
    assert {k: v for k, v in full.items() if k not in ("sentences", "stats")} == {k: v for k, v in again.items() if k != "stats"}
    assert "sentences" not in analyzer(text, 7)  # asking for them once did not change the cached entry


@pytest.mark.parametrize("value", ["yes", 1, None, [True]])
def test_sentences_must_be_a_boolean(client, value):
    response = client.post(ANALYZE, json={"text": "We sell data.", "sentences": value})
    assert response.status_code == 400 and error_of(response) == "bad_request"


# A plain policy whose words look like tags: the extension sends a page's visible text like this.
TAG_LIKE_POLICY = (
    "We may sell your personal information (see the HTML <a> anchor tag on our site) to data brokers.\n\n"
    "If a < b > c, we share your personal data with third parties for their own marketing purposes.\n\n"
    "To opt out, write to <your email> with the subject <unsubscribe>.\n\n"
    "We use cookies &amp; web beacons to track your visits across other websites."
)
TAG_LIKE_SENTENCES = TAG_LIKE_POLICY.split("\n\n")


def quoted(body):
    """Return every sentence the analysis quotes: highlights, red flags and good points."""
    return {item["sentence"] for key in ("highlights", "red_flags", "good_points") for item in body[key]}


def test_plain_text_comes_back_verbatim(client):
    body = client.post(ANALYZE, json={"text": TAG_LIKE_POLICY, "format": "text"}).get_json()
    assert {h["sentence"] for h in body["highlights"]} == set(TAG_LIKE_SENTENCES)
    flagged = {(f["rule"], f["sentence"]) for f in body["red_flags"]}
    assert ("data-sale", TAG_LIKE_SENTENCES[0]) in flagged
    assert ("third-party-sharing", TAG_LIKE_SENTENCES[1]) in flagged
    assert ("tracking-across-sites", TAG_LIKE_SENTENCES[3]) in flagged
    assert [g["sentence"] for g in body["good_points"] if g["rule"] == "opt-out-available"] == [TAG_LIKE_SENTENCES[2]]
    assert quoted(body) == set(TAG_LIKE_SENTENCES)


@pytest.mark.parametrize("fields", [{}, {"format": None}, {"format": "html"}])
def test_detected_or_html_text_loses_its_tags(client, fields):
    body = client.post(ANALYZE, json={"text": TAG_LIKE_POLICY, **fields}).get_json()
    sentences = quoted(body)
    assert "We may sell your personal information (see the HTML anchor tag on our site) to data brokers." in sentences
    assert not any("<a>" in s or "<your email>" in s or "&amp;" in s for s in sentences)
    assert "If a < b > c, we share your personal data with third parties for their own marketing purposes." in sentences


def test_the_cache_keeps_formats_apart(analyzer):
    from server import create_app
    from server.analysis import Analyzer

    cached = Analyzer(splitter=analyzer.splitter, ranker=analyzer.ranker, rules=analyzer.rules, model=analyzer.model, cache_size=8)
    client = create_app({"TESTING": True}, analyzer=cached).test_client()
    answers = [client.post(ANALYZE, json={"text": TAG_LIKE_POLICY, **fields}).get_json() for fields in
               ({"format": "text"}, {"format": "html"}, {}, {"format": "text"})]  # fmt: skip
    assert [a["stats"]["cached"] for a in answers] == [False, False, False, True]
    assert TAG_LIKE_SENTENCES[2] in quoted(answers[0]) and TAG_LIKE_SENTENCES[2] in quoted(answers[3])
    assert TAG_LIKE_SENTENCES[2] not in quoted(answers[1]) | quoted(answers[2])


def test_too_large_is_refused_before_reading(client, app):
    limit = app.config["MAX_TEXT_BYTES"]
    body = json.dumps({"text": "a " * limit})
    response = client.post(ANALYZE, data=body, content_type="application/json")
    assert response.status_code == 413 and error_of(response) == "too_large"


def test_text_over_the_limit_inside_a_small_body(client, app):
    limit = app.config["MAX_TEXT_BYTES"]
    response = client.post(ANALYZE, json={"text": "é" * (limit // 2 + 10)})
    assert response.status_code == 413 and error_of(response) == "too_large"


def test_unknown_route_and_wrong_method(client):
    assert client.get("/nowhere").status_code == 404 and error_of(client.get("/nowhere")) == "not_found"
    response = client.get(ANALYZE)
    assert response.status_code == 405 and error_of(response) == "method_not_allowed"


def test_nul_bytes_and_control_characters(client):
    response = client.post(ANALYZE, json={"text": "We may sell\x00 your data\x07 to partners.\ud800 Done."})
    assert response.status_code == 200


def test_unexpected_failure_is_a_500_without_details(app, monkeypatch):
    def explode(*_args):
        raise RuntimeError("secret policy text")

    monkeypatch.setattr(app.extensions["policylens"], "analyze", explode)
    response = app.test_client().post(ANALYZE, json={"text": "We may sell your data to partners, or not."})
    assert response.status_code == 500 and error_of(response) == "internal_error"
    assert "secret" not in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "origin, granted",
    [
        ("chrome-extension://abcdefghijklmnopabcdefghijklmnop", True),
        ("moz-extension://0c4a1b3e-6f0b-4c8e-9d6e-2d7f3b1a5c9e", True),
        ("https://evil.example", False),
        ("null", False),
    ],
)
def test_cors_only_for_extensions(client, origin, granted):
    response = client.post(ANALYZE, json={"text": "We may sell your data."}, headers={"Origin": origin})
    assert (response.headers.get("Access-Control-Allow-Origin") == origin) is granted


def test_cors_configured_origin(analyzer):
    from server import create_app

    app = create_app({"CORS_ORIGINS": "https://team.example, https://other.example"}, analyzer=analyzer)
    response = app.test_client().get("/healthz", headers={"Origin": "https://team.example"})
    assert response.headers.get("Access-Control-Allow-Origin") == "https://team.example"


def test_no_cors_header_without_origin(client):
    assert "Access-Control-Allow-Origin" not in client.get("/healthz").headers


def test_config_from_environment(monkeypatch, analyzer):
    from server import create_app

    monkeypatch.setenv("POLICYLENS_MAX_HIGHLIGHTS", "2")
    monkeypatch.setenv("POLICYLENS_PORT", "9999")
    app = create_app(analyzer=analyzer)
    assert app.config["PORT"] == 9999
    body = app.test_client().post(ANALYZE, json={"text": read_policy("planio")}).get_json()
    assert len(body["highlights"]) == 2


def make_app(analyzer, **config):
    from server import create_app

    return create_app({"TESTING": True, **config}, analyzer=analyzer)


def test_tokens_are_required_when_configured(analyzer):
    client = make_app(analyzer, TOKENS="first-secret, second-secret").test_client()
    body = {"text": "We may sell your data to partners."}
    missing = client.post(ANALYZE, json=body)
    assert missing.status_code == 401 and error_of(missing) == "unauthorized"
    assert "token" in missing.get_json()["error"]["message"]
    assert client.post(ANALYZE, json=body, headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert client.post(ANALYZE, json=body, headers={"Authorization": "Basic second-secret"}).status_code == 401
    assert client.post(ANALYZE, json=body, headers={"Authorization": "Bearer second-secret"}).status_code == 200
    assert client.get("/healthz").status_code == 200  # health stays open for probes
    preflight = client.options(ANALYZE, headers={"Origin": "chrome-extension://abcdefghijklmnopabcdefghijklmnop",
                                                 "Access-Control-Request-Method": "POST"})
    assert preflight.status_code == 200


def test_rate_limit_per_client(analyzer):
    client = make_app(analyzer, RATE_LIMIT="3 per minute").test_client()
    body = {"text": "We may sell your data to partners."}
    statuses = [client.post(ANALYZE, json=body).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    limited = client.post(ANALYZE, json=body)
    assert error_of(limited) == "too_many_requests" and int(limited.headers["Retry-After"]) > 0
    other = client.post(ANALYZE, json=body, environ_base={"REMOTE_ADDR": "10.9.8.7"})
    assert other.status_code == 200  # another client has its own allowance
    assert all(client.get("/healthz").status_code == 200 for _ in range(5))


def test_forwarded_for_is_believed_only_behind_a_configured_proxy(analyzer):
    body = {"text": "We may sell your data to partners."}
    spoofing = make_app(analyzer, RATE_LIMIT="1 per minute").test_client()
    assert spoofing.post(ANALYZE, json=body, headers={"X-Forwarded-For": "1.1.1.1"}).status_code == 200
    assert spoofing.post(ANALYZE, json=body, headers={"X-Forwarded-For": "2.2.2.2"}).status_code == 429
    proxied = make_app(analyzer, RATE_LIMIT="1 per minute", TRUSTED_PROXIES=1).test_client()
    assert proxied.post(ANALYZE, json=body, headers={"X-Forwarded-For": "1.1.1.1"}).status_code == 200
    assert proxied.post(ANALYZE, json=body, headers={"X-Forwarded-For": "2.2.2.2"}).status_code == 200
