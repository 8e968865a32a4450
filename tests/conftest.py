"""Shared fixtures: one analyzer for the session (rules and model load once), the app, a client."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

import pytest

from server import create_app
from server.analysis import Analyzer

ROOT = Path(__file__).resolve().parent.parent
POLICIES = Path(__file__).with_name("policies")


class Server(NamedTuple):
    """A production server started by a test."""

    url: str
    port: int
    process: subprocess.Popen


def free_port():
    """Return a free TCP port on the loopback interface."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running_server(cwd=ROOT, env=None, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, wait=True):
    """Run `python -m server serve` with one worker on a free port until the block ends."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "server", "serve", "--port", str(port), "--workers", "1"],
        cwd=cwd, env=env, stdout=stdout, stderr=stderr, start_new_session=True, text=True,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while wait:
            try:
                urllib.request.urlopen(f"{url}/healthz", timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "the server did not answer its health check"
                time.sleep(0.1)
        yield Server(url, port, process)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)


def read_policy(name):
    """Return the text of a policy fixture by file stem."""
    return (POLICIES / f"{name}.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def analyzer():
    return Analyzer(cache_size=0)


@pytest.fixture(scope="session")
def app(analyzer):
    return create_app({"TESTING": True, "MAX_TEXT_BYTES": 200_000}, analyzer=analyzer)


@pytest.fixture()
def client(app):
    return app.test_client()
