"""Who may use a shared server: access tokens, a rate limit per client, forwarded headers."""

import hmac

from flask import request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from werkzeug.middleware.proxy_fix import ProxyFix

from .errors import APIError


def as_list(value):
    """Return a configured list, given as a list or as a comma-separated string."""
    if isinstance(value, str):
        return [item.strip() for item in value.split(",") if item.strip()]
    return list(value or [])


def install(app):
    """Apply the access settings of app.config to the app."""
    tokens = [token.encode() for token in as_list(app.config["TOKENS"])]
    if app.config["TRUSTED_PROXIES"]:
        # Only behind a proxy we were told about may X-Forwarded-For name the client.
        hops = int(app.config["TRUSTED_PROXIES"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)

    @app.before_request
    def require_token():
        if not tokens or request.method == "OPTIONS" or not request.path.startswith("/api/"):
            return
        scheme, _, given = request.headers.get("Authorization", "").partition(" ")
        given = given.strip().encode()
        # Compare with every token, in constant time, so that timing tells nothing.
        matched = [hmac.compare_digest(given, token) for token in tokens]
        if scheme.lower() != "bearer" or not any(matched):
            raise APIError(401, "This server needs an access token: set it in the extension's options "
                                "(sent as \"Authorization: Bearer <token>\").")

    limit = app.config["RATE_LIMIT"]
    limiter = Limiter(
        get_remote_address,
        app=app,
        default_limits=[limit] if limit else [],
        storage_uri=app.config["RATE_LIMIT_STORAGE"],
        headers_enabled=True,
        enabled=bool(limit),
    )
    limiter.exempt(app.view_functions["api.health"])
    return limiter
