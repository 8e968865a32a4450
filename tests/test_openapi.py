"""The API keeps the contract in server/openapi.json: schemathesis generates requests from it."""

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance

from server import create_app
from server.analysis import Analyzer

APP = create_app({"TESTING": True, "MAX_TEXT_BYTES": 50_000}, analyzer=Analyzer(cache_size=0))
SCHEMA = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", APP)


def test_the_served_description_is_the_file(client):
    assert client.get("/api/v1/openapi.json").get_json()["paths"]["/api/v1/analyze"]["post"]["operationId"] == "analyze"


@SCHEMA.parametrize()
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_description(case):
    # A schema-valid text with no words at all ("=") is a documented 422, which JSON Schema
    # cannot express; every other check (no 5xx, status codes, shapes, content types) applies.
    case.call_and_validate(excluded_checks=[positive_data_acceptance])
