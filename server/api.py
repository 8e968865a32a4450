"""The JSON API: validate the request, call the analyzer, return a dict."""

import json
from functools import cache
from pathlib import Path

from flask import Blueprint, current_app, request

from .analysis import VERSION, InputError
from .errors import APIError
from .text import FORMATS

bp = Blueprint("api", __name__)
MAX_HIGHLIGHTS_LIMIT = 50
FIELD_LIMITS = {"url": 4096, "title": 1000}  # characters
OPENAPI_FILE = Path(__file__).with_name("openapi.json")
FORMAT_HELP = '"format" must be "text" (plain text, kept verbatim), "html" (markup), or left out to detect it.'


@bp.get("/healthz")
def health():
    """Say the server is up."""
    return {"status": "ok", "version": VERSION}


@bp.get("/api/v1/openapi.json")
def openapi():
    """Describe the API."""
    return openapi_description()


@cache
def openapi_description():
    """Read the OpenAPI description once, when first asked (nothing is read on import)."""
    return json.loads(OPENAPI_FILE.read_text(encoding="utf-8"))


@bp.get("/api/v1/rules")
def rules():
    """List every rule, for the popup's help."""
    return {"rules": [rule.describe() for rule in current_app.extensions["policylens"].rules], "version": VERSION}


@bp.post("/api/v1/analyze")
def analyze():
    """Analyse the policy text in the JSON body."""
    payload = read_json()
    text = payload.get("text")
    if text is None:
        raise APIError(400, 'The JSON body needs a "text" field with the policy text.')
    if not isinstance(text, str):
        raise APIError(400, '"text" must be a string holding the policy text.')
    if not text.strip():
        raise APIError(422, '"text" is empty: send the words of the policy.', "empty_text")
    if len(text.encode("utf-8", "surrogatepass")) > current_app.config["MAX_TEXT_BYTES"]:
        limit = current_app.config["MAX_TEXT_BYTES"]
        raise APIError(413, f"The text is too long: send at most {limit:,} bytes of policy text.")
    for field, limit in FIELD_LIMITS.items():
        value = payload.get(field)
        if value is not None and (not isinstance(value, str) or len(value) > limit):
            raise APIError(400, f'"{field}" must be a string of at most {limit} characters.')
    count = payload.get("max_highlights", current_app.config["MAX_HIGHLIGHTS"])
    if isinstance(count, bool) or not isinstance(count, int) or not 0 <= count <= MAX_HIGHLIGHTS_LIMIT:
        raise APIError(400, f'"max_highlights" must be a whole number from 0 to {MAX_HIGHLIGHTS_LIMIT}.')
    with_sentences = payload.get("sentences", False)
    if not isinstance(with_sentences, bool):
        raise APIError(400, '"sentences" must be true (to receive every sentence) or false.')
    text_format = payload.get("format")
    if text_format is not None and text_format not in FORMATS:
        raise APIError(400, FORMAT_HELP)
    try:
        return current_app.extensions["policylens"](text, count, with_sentences, text_format)
    except InputError as error:
        raise APIError(422, str(error), "no_sentences") from None


def read_json():
    """Return the request's JSON object, or raise the error that says what is wrong with it."""
    if request.mimetype != "application/json":
        raise APIError(415, 'Send the request as JSON, with the header "Content-Type: application/json".')
    payload = request.get_json(silent=True)
    if payload is None:
        raise APIError(400, "The body is not valid JSON (UTF-8): send an object like {\"text\": \"...\"}.", "invalid_json")
    if not isinstance(payload, dict):
        raise APIError(400, 'The JSON body must be an object like {"text": "..."}.')
    return payload
