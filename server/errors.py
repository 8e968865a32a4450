"""One error shape for every failure: {"error": {"code": ..., "message": ...}}."""

import logging

from werkzeug.exceptions import HTTPException

log = logging.getLogger("policylens")

CODES = {
    400: "bad_request",
    401: "unauthorized",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    415: "unsupported_media_type",
    422: "unprocessable",
    429: "too_many_requests",
}
MESSAGES = {
    404: "There is nothing at this address. The API lives under /api/v1/ (POST /api/v1/analyze).",
    405: "This address does not accept that method; see GET /api/v1/openapi.json or the README.",
}


class APIError(Exception):
    """An error the client can fix, with its status, code and message."""

    def __init__(self, status, message, code=None):
        super().__init__(message)
        self.status = status
        self.code = code or CODES.get(status, "error")
        self.message = message


def body(code, message):
    """Return the error body."""
    return {"error": {"code": code, "message": message}}


def register(app):
    """Install the handlers that turn every error into the one shape."""

    @app.errorhandler(APIError)
    def api_error(error):
        return body(error.code, error.message), error.status

    @app.errorhandler(HTTPException)
    def http_error(error):
        if error.code == 413:
            limit = app.config["MAX_TEXT_BYTES"]
            message = f"The request is too large: send at most {limit:,} bytes of policy text."
        else:
            message = MESSAGES.get(error.code, error.description)
        response = error.get_response()
        response.data = app.json.dumps(body(CODES.get(error.code, "error"), message))
        response.content_type = "application/json"
        return response

    @app.errorhandler(Exception)
    def unexpected(error):
        # Only the type: an exception's message may quote the policy text, which is never logged.
        log.error("unexpected %s while handling a request", type(error).__name__)
        return body("internal_error", "The server failed on this request; it has been logged without its content."), 500
