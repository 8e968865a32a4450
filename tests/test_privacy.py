"""The production server keeps no policy text: not in any log line, at any level, nor on disk."""

import json
import os
import socket
import time
import urllib.error
import urllib.request

import pytest

from tests.conftest import ROOT, running_server

MARKER = "Zqxv7Marker"


@pytest.fixture()
def server(tmp_path):
    """The production server, run from an empty folder with its own temp dir, at debug level."""
    (tmp_path / "tmp").mkdir()
    env = dict(os.environ, PYTHONPATH=str(ROOT), TMPDIR=str(tmp_path / "tmp"), POLICYLENS_LOG_LEVEL="debug",
               POLICYLENS_MAX_TEXT_BYTES="100000")  # fmt: skip
    with open(tmp_path / "stdout", "w") as out, open(tmp_path / "stderr", "w") as err:
        with running_server(cwd=tmp_path, env=env, stdout=out, stderr=err) as server:
            yield server.url, server.port, tmp_path


def post(url, body, content_type="application/json"):
    request = urllib.request.Request(f"{url}/api/v1/analyze", data=body, headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_no_policy_text_is_written_anywhere(server):
    url, _port, folder = server
    policy = f"We may sell your personal information {MARKER} to advertisers. You cannot opt out."
    status, body = post(url, json.dumps({"text": policy, "url": f"https://{MARKER}.example", "title": MARKER}).encode())
    assert status == 200 and MARKER in body.decode()  # the answer quotes it, to the client only
    assert post(url, f'{{"text": "{MARKER}'.encode())[0] == 400  # invalid JSON
    assert post(url, json.dumps({"text": MARKER * 20_000}).encode())[0] == 413
    assert post(url, json.dumps({"text": 5, "title": MARKER}).encode())[0] == 400
    assert post(url, MARKER.encode(), "text/plain")[0] == 415
    time.sleep(0.5)  # let the logs flush
    for path in folder.rglob("*"):
        if path.is_file():
            assert MARKER.encode() not in path.read_bytes(), f"the marker reached {path.name}"


def test_an_oversized_body_is_refused_before_it_is_read(server):
    _url, port, _folder = server
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(
            b"POST /api/v1/analyze HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            b"Content-Length: 50000000\r\n\r\n" + b'{"text": "' + b"a" * 1000
        )
        started = time.monotonic()
        received = b""
        try:  # the server may close the connection while we would still be sending
            while b"too_large" not in received and (chunk := sock.recv(4096)):
                received += chunk
        except ConnectionResetError:
            pass
        answer = received.decode()
    assert answer.startswith("HTTP/1.1 413") and '"too_large"' in answer
    assert time.monotonic() - started < 5  # answered without waiting for 50 MB


def test_the_server_stays_healthy_after_hostile_requests(server):
    url, _port, _folder = server
    hostile = [
        b"\xff\xfe\x00\x01", b"[]", b'"text"', b"7", json.dumps({"text": "\x00" * 1000}).encode(),
        json.dumps({"text": "\n" * 50_000}).encode(), json.dumps({"text": "<div>" * 10_000}).encode(),
        json.dumps({"text": "word " * 19_000}).encode(), json.dumps({"text": "😀 مرحبا 你好 " * 1000}).encode(),
    ]
    for body in hostile:
        status, answer = post(url, body)
        assert status in (200, 400, 413, 422), (status, body[:40])
        assert "error" in json.loads(answer) or status == 200
    with urllib.request.urlopen(f"{url}/healthz", timeout=5) as response:
        assert json.load(response)["status"] == "ok"
