"""GeoReport v2's two formats: JSON arrays and XML documents of the same rows.

Every answer is a list of rows (services, requests, errors) under a root
element in XML (``<services><service>…``) and a JSON array in JSON, UTF-8
both, with the XML declaration the spec asks for. Dates are ISO 8601 with
their offset (``2026-06-01T09:00:00+07:00``).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from xml.etree import ElementTree as ET

from django.http import HttpResponse
from django.utils import timezone
from django.utils.functional import Promise

FORMATS = {"json", "xml"}
CONTENT_TYPES = {
    "json": "application/json; charset=utf-8",
    "xml": "text/xml; charset=utf-8",
}


def _plain(value: Any) -> Any:
    if isinstance(value, Promise):  # a lazy label, in the request's language
        return str(value)
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _element(parent: ET.Element, name: str, value: Any) -> None:
    child = ET.SubElement(parent, name)
    if isinstance(value, dict):
        for key, item in value.items():
            _element(child, key, item)
    elif isinstance(value, list):
        # A list inside a row (a definition's attributes, an attribute's
        # values): each item under the singular of the list's name.
        singular = name[:-1] if name.endswith("s") else name
        for item in value:
            _element(child, singular, item)
    else:
        child.text = _text(value)


def render(
    rows: Any, fmt: str, root: str, item: str, status: int = 200
) -> HttpResponse:
    """``rows`` (a list of dicts, or one dict for a service definition) as
    ``fmt``; in XML under ``<root>`` with one ``<item>`` a row."""
    data = _plain(rows)
    if fmt == "xml":
        tree = ET.Element(root)
        if isinstance(data, dict):
            for key, value in data.items():
                _element(tree, key, value)
        else:
            for row in data:
                _element(tree, item, row)
        body = ET.tostring(tree, encoding="utf-8", xml_declaration=True)
    else:
        body = json.dumps(data, ensure_ascii=False).encode()
    return HttpResponse(body, status=status, content_type=CONTENT_TYPES[fmt])


def errors(fmt: str, status: int, *descriptions: str, headers=None) -> HttpResponse:
    """The spec's error answer: ``[{"code": 400, "description": "…"}]``."""
    rows = [{"code": status, "description": text} for text in descriptions]
    response = render(
        rows, fmt if fmt in FORMATS else "json", "errors", "error", status
    )
    for key, value in (headers or {}).items():
        response[key] = value
    return response
