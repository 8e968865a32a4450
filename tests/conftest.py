"""Shared fixtures: one analyzer for the session (rules and model load once), the app, a client."""

from pathlib import Path

import pytest

from server import create_app
from server.analysis import Analyzer

POLICIES = Path(__file__).with_name("policies")


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
