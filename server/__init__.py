"""PolicyLens: highlights, red flags and a grade for any privacy policy or terms of service."""

import re

from . import nltk_loader  # noqa: F401  (first: nltk loads faster through it)
from flask import Flask
from flask_cors import CORS

from . import access, api, errors
from .analysis import Analyzer

DEFAULTS = {
    "HOST": "127.0.0.1",
    "PORT": 8765,
    "MAX_TEXT_BYTES": 2_000_000,
    "MAX_HIGHLIGHTS": 7,
    "CORS_ORIGINS": [],
    "WORKERS": 2,
    "LOG_LEVEL": "warning",  # gunicorn's; no level ever logs a request's body
    "CACHE_SIZE": 64,
    "TOKENS": [],  # access tokens; when set, /api/ needs "Authorization: Bearer <token>"
    "RATE_LIMIT": "",  # e.g. "60 per minute" per client; off by default on one's own machine
    "RATE_LIMIT_STORAGE": "memory://",  # per worker; redis://host:6379 to share across workers
    "TRUSTED_PROXIES": 0,  # reverse proxies in front whose X-Forwarded-* headers to believe
}
# Browser extensions' own pages; any other web origin must be configured to get a CORS grant.
EXTENSION_ORIGINS = [
    re.compile(r"^chrome-extension://[a-p]{32}$"),
    re.compile(r"^moz-extension://[0-9a-f-]{36}$"),
    re.compile(r"^safari-web-extension://[0-9A-Fa-f-]{36}$"),
]
JSON_OVERHEAD = 64 * 1024  # bytes of a request that are not the policy text


def create_app(config=None, analyzer=None):
    """Build the Flask app: defaults, then POLICYLENS_* environment, then the given config."""
    app = Flask(__name__)
    app.config.from_mapping(DEFAULTS)
    app.config.from_prefixed_env("POLICYLENS")
    app.config.update(config or {})
    origins = app.config["CORS_ORIGINS"] = access.as_list(app.config["CORS_ORIGINS"])
    # Werkzeug refuses a larger body from its Content-Length, before reading it.
    app.config["MAX_CONTENT_LENGTH"] = app.config["MAX_TEXT_BYTES"] + JSON_OVERHEAD
    app.json.sort_keys = False
    app.extensions["policylens"] = analyzer or Analyzer(cache_size=app.config["CACHE_SIZE"])
    CORS(
        app,
        resources={r"/api/*": {"origins": EXTENSION_ORIGINS + origins}, r"/healthz": {"origins": EXTENSION_ORIGINS + origins}},
        always_send=False,
        allow_headers=["Content-Type", "Authorization"],
        methods=["GET", "POST", "OPTIONS"],
        max_age=600,
    )
    errors.register(app)
    app.register_blueprint(api.bp)
    access.install(app)
    return app
