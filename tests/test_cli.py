import json
import subprocess
import urllib.request

from server.cli import main
from tests.conftest import POLICIES, running_server


def test_analyze_report(capsys):
    assert main(["analyze", str(POLICIES / "plesk.txt")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Grade ") and "You cannot opt-out of these messages." in out and "Highlights:" in out


def test_analyze_json(capsys):
    assert main(["analyze", "--json", "--highlights", "3", str(POLICIES / "planio.txt")]) == 0
    result = json.loads(capsys.readouterr().out)
    assert len(result["highlights"]) == 3 and result["red_flags"]


def test_analyze_missing_file(capsys):
    assert main(["analyze", "/nonexistent/policy.txt"]) == 2
    assert "Cannot read" in capsys.readouterr().err


def test_analyze_empty_input(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_text("   ")
    assert main(["analyze", str(empty)]) == 1
    assert "no sentences" in capsys.readouterr().err


def test_serve_runs_a_production_server():
    with running_server(stdout=subprocess.PIPE, stderr=subprocess.STDOUT, wait=False) as server:
        line = server.process.stdout.readline()
        assert f"PolicyLens server listening on {server.url}" in line
        with urllib.request.urlopen(f"{server.url}/healthz", timeout=10) as response:
            assert json.load(response)["status"] == "ok"
            assert "gunicorn" in response.headers.get("Server", "")
        request = urllib.request.Request(
            f"{server.url}/api/v1/analyze", data=json.dumps({"text": "We may sell your data."}).encode(),
            headers={"Content-Type": "application/json"},
        )  # fmt: skip
        with urllib.request.urlopen(request, timeout=10) as response:
            assert json.load(response)["red_flags"]


def test_scipy_stats_stays_importable_after_the_fast_nltk_import():
    import server.nltk_loader  # noqa: F401
    from scipy.stats import fisher_exact

    assert fisher_exact([[1, 2], [3, 4]]).pvalue > 0


def test_analyze_format_text_keeps_tag_like_words(tmp_path, capsys):
    policy = tmp_path / "policy.txt"
    policy.write_text("If x <b> y then we may sell your personal information to data brokers.\n", encoding="utf-8")
    assert main(["analyze", "--json", "--format", "text", str(policy)]) == 0
    flags = json.loads(capsys.readouterr().out)["red_flags"]
    assert flags and {f["sentence"] for f in flags} == {"If x <b> y then we may sell your personal information to data brokers."}
    assert main(["analyze", "--json", "--format", "html", str(policy)]) == 0
    assert {f["sentence"] for f in json.loads(capsys.readouterr().out)["red_flags"]} == {
        "If x y then we may sell your personal information to data brokers."
    }
