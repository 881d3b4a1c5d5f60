"""The OpenAPI schema documents the errors the API answers, as problem+json.

Before issue 16 the schema listed only the success of each operation, so a
client generated from it knew nothing of a 400's field errors, and a
conformance check (schemathesis) flagged every documented refusal as
undocumented. The fuzz run (tests/abuse/test_fuzz.py) checks that the bodies
match; this test checks what the schema promises, operation by operation.
"""

from __future__ import annotations

import pytest
from drf_spectacular.generators import SchemaGenerator

PROBLEM = "application/problem+json"


@pytest.fixture(scope="module")
def schema() -> dict:
    return SchemaGenerator().get_schema(request=None, public=True)


def operations(schema: dict):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            yield path, method.upper(), operation


def documents(operation: dict, code: int) -> bool:
    response = operation["responses"].get(str(code))
    if response is None:
        return False
    content = response.get("content", {})
    return content.get(PROBLEM, {}).get("schema") == {
        "$ref": "#/components/schemas/Problem"
    }


def test_the_problem_component_is_rfc_9457(schema):
    problem = schema["components"]["schemas"]["Problem"]
    assert set(problem["required"]) == {"type", "title", "status"}
    assert {"detail", "errors"} <= set(problem["properties"])


def test_every_operation_documents_a_400_problem(schema):
    missing = [
        f"{method} {path}"
        for path, method, operation in operations(schema)
        if not documents(operation, 400)
    ]
    assert not missing


def test_operations_naming_a_resource_document_404(schema):
    missing = [
        f"{method} {path}"
        for path, method, operation in operations(schema)
        if "{" in path and not documents(operation, 404)
    ]
    assert not missing


def test_every_operation_documents_the_web_servers_414_and_431(schema):
    """gunicorn refuses a URL over 4094 bytes (414) or oversized headers (431).

    It does so for any operation, before Django: a long fuzzed query string on
    a GET came back 414, which the schema did not list (``make fuzz-api``).
    """
    missing = [
        f"{method} {path} {code}"
        for path, method, operation in operations(schema)
        for code in (414, 431)
        if not documents(operation, code)
    ]
    assert not missing


def test_writes_document_conflict_size_and_type_errors(schema):
    posts = [(p, op) for p, method, op in operations(schema) if method == "POST"]
    assert len(posts) >= 8
    for path, operation in posts:
        for code in (409, 411, 413, 415):
            assert documents(operation, code), (path, code)


def test_the_desk_feed_documents_401_and_403(schema):
    for path in ("/api/v1/dossiers/", "/api/v1/dossiers/{code}/events/"):
        operation = schema["paths"][path]["post"]
        assert documents(operation, 401) and documents(operation, 403), path


@pytest.mark.parametrize(
    "path,method",
    [
        ("/api/v1/petitions/", "post"),
        ("/api/v1/satisfaction/evaluations/", "post"),
        ("/api/v1/satisfaction/counter-ratings/", "post"),
        ("/api/v1/dossiers/{code}/", "get"),
        ("/api/v1/dossiers/{code}/receipt/", "get"),
        ("/api/v1/online-filing/{procedure_code}/", "post"),
    ],
)
def test_rate_limited_operations_document_429(schema, path, method):
    assert documents(schema["paths"][path][method], 429)


def test_response_arrays_are_arrays(schema):
    detail = schema["components"]["schemas"]["ProcedureDetail"]["properties"]
    assert detail["agencies"]["type"] == "array"
    assert detail["related_procedures"]["type"] == "array"
