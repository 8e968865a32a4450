import importlib
import json
import socket
import subprocess
import sys
import tomllib
import urllib.request

from server.cli import SEVERITY_MARKS, main
from server.flags import SEVERITIES
from tests.conftest import POLICIES, ROOT, running_server


def test_analyze_report(capsys):
    assert main(["analyze", str(POLICIES / "plesk.txt")]) == 0
    out = capsys.readouterr().out
    assert (
        out.startswith("Grade ") and "You cannot opt-out of these messages." in out and "Highlights:" in out
    )


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


def test_report_explains_its_marks(capsys):
    assert main(["analyze", str(POLICIES / "plesk.txt")]) == 0
    out = capsys.readouterr().out
    legend = next(line for line in out.splitlines() if line.startswith("Marks:"))
    for severity in SEVERITIES:
        assert f"{SEVERITY_MARKS[severity].strip()} {severity}" in legend
    assert "+ good point" in legend


def test_piping_into_head_ends_quietly():
    # A report far larger than a pipe's buffer, so that writing it must meet the closed pipe.
    policy = " ".join(f"We may sell your personal data to partner number {i}." for i in range(1500))
    command = f"{sys.executable} -m server analyze - | head -n 1"
    done = subprocess.run(
        ["bash", "-c", command], cwd=ROOT, input=policy, capture_output=True, text=True, timeout=120
    )
    assert done.stdout.startswith("Grade ") and done.stdout.count("\n") == 1
    assert done.stderr == ""


def test_a_port_in_use_says_so_in_one_line(capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert (
        err.count("\n") == 1
        and f"Port {port} on 127.0.0.1 is already in use" in err
        and f"--port {port + 1}" in err
    )


def test_the_console_script_is_the_cli():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    module, function = project["scripts"]["policylens"].split(":")
    assert getattr(importlib.import_module(module), function) is main
    dynamic = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
        "dynamic"
    ]
    assert dynamic["optional-dependencies"]["batch"]["file"] == ["requirements-batch.txt"]


def test_batch_refuses_to_overwrite_and_reports(tmp_path, capsys):
    out = tmp_path / "out.jsonl"
    out.write_text("")
    assert main(["batch", str(POLICIES), "-o", str(out)]) == 2
    assert "add --resume to continue that run, or --overwrite" in capsys.readouterr().err
    assert main(["batch", str(POLICIES), "-o", str(out), "--overwrite", "--quiet", "--workers", "1"]) == 0
    documents = len(list(POLICIES.glob("*.txt")))
    assert f"{documents} documents analysed" in capsys.readouterr().err
    assert main(["batch-report", str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(tmp_path / "out.html") and (tmp_path / "out.html").exists()


def test_batch_names_a_missing_input(tmp_path, capsys):
    assert main(["batch", str(tmp_path / "nowhere"), "-o", str(tmp_path / "out.parquet")]) == 2
    assert "does not exist: give a folder, a .jsonl file or a .parquet file" in capsys.readouterr().err
