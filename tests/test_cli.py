import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from server.cli import main
from tests.conftest import POLICIES

ROOT = Path(__file__).resolve().parent.parent


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


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_runs_a_production_server():
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "server", "serve", "--port", str(port), "--workers", "1"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )  # fmt: skip
    try:
        line = process.stdout.readline()
        assert f"PolicyLens server listening on http://127.0.0.1:{port}" in line
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                    assert json.load(response)["status"] == "ok"
                    assert "gunicorn" in response.headers.get("Server", "")
                break
            except OSError:
                assert time.monotonic() < deadline, "the server did not answer"
                time.sleep(0.2)
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/api/v1/analyze", data=json.dumps({"text": "We may sell your data."}).encode(),
            headers={"Content-Type": "application/json"},
        )  # fmt: skip
        with urllib.request.urlopen(request, timeout=10) as response:
            assert json.load(response)["red_flags"]
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)
