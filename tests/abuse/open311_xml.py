"""Schemathesis reads GeoReport v2's XML answers (``SCHEMATHESIS_HOOKS``).

Schemathesis validates JSON bodies only; this deserializer turns an Open311
XML answer back into the rows of its JSON twin, so ``response_schema_
conformance`` holds the XML to the same schema as the JSON (the description
with ``xml_schemas=True``, open311/openapi.py): ``<services><service>…`` a
list of objects, ``<service_definition>`` an object, the ``attributes`` and
``values`` lists, ``true``/``false`` booleans, integer ``code``/``order``,
empty ``lat``/``long``/``expected_datetime``/``account_id`` null. Anything
else stays text, so a wrong value still fails the schema; a document that is
not well-formed XML, or has no XML declaration, fails here.
"""

from __future__ import annotations

import re
from typing import Any
from xml.etree import ElementTree as ET

import schemathesis

LISTS = {"services", "service_requests", "errors", "attributes", "values"}
BOOLEANS = {"metadata", "variable", "required"}
INTEGERS = {"order"}
NULLABLE = {"lat", "long", "expected_datetime", "account_id"}
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
INTEGER = re.compile(r"^-?\d+$")


def _value(element: ET.Element, root: str) -> Any:
    children = list(element)
    if element.tag in LISTS:
        return [_row(child, root) for child in children]
    if children:
        return _row(element, root)
    text = element.text or ""
    name = element.tag
    if name in NULLABLE and text == "":
        return None
    if name in BOOLEANS and text in ("true", "false"):
        return text == "true"
    is_error_code = name == "code" and root == "errors"
    if (name in INTEGERS or is_error_code) and INTEGER.match(text):
        return int(text)
    if name in ("lat", "long") and NUMBER.match(text):
        return float(text)
    return text


def _row(element: ET.Element, root: str) -> dict[str, Any]:
    return {child.tag: _value(child, root) for child in element}


def rows(content: bytes) -> Any:
    """A GeoReport XML document as the JSON answer would have it."""
    if not content.startswith(b"<?xml"):
        raise ValueError("no XML declaration")
    document = ET.fromstring(content)  # noqa: S314 - the server under test's answer
    if document.tag in LISTS:
        return _value(document, document.tag)
    return _row(document, document.tag)


@schemathesis.deserializer("text/xml")
def open311_xml(ctx, response) -> Any:
    return rows(response.content)
