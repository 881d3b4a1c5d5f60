"""The API's JSON parser: an object at the top, nested no deeper than a form.

Every endpoint of the portal takes one JSON object. A body that is an array,
a string or a number used to reach code that calls ``.get()`` on it (the
phone limiter) and answered 500; JSON nested thousands deep made Python's
parser recurse until it gave up. Both are refused here, before any view or
throttle reads the data, with a 400 in Vietnamese.

Every text in a body (and each uploaded file's name) is then cleaned once,
here, by :func:`core.text.clean_input`: NFC, no control, bidi or zero-width
characters (query strings: :class:`core.middleware.CleanQueryStringMiddleware`).
A field of the view's serializer is single-line unless it is declared with
``style={"base_template": "textarea.html"}`` (DRF's own mark of a multi-line
field): there line breaks and tabs are kept. A value made only of removed
characters is refused, naming the field, rather than stored empty.
"""

from __future__ import annotations

import codecs
import re
from typing import Any

from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import parsers, serializers
from rest_framework.exceptions import ParseError, ValidationError
from rest_framework.parsers import JSONParser
from rest_framework.settings import api_settings
from rest_framework.utils import json

from .text import InputRefused, clean_input

# The deepest of the portal's forms (a petition's attachments list, an
# evaluation's answers) is three levels; this leaves room for clients that wrap.
MAX_DEPTH = 32

NOT_AN_OBJECT = gettext_lazy("Nội dung yêu cầu phải là một đối tượng JSON ({...}).")
INVALID = gettext_lazy("Nội dung yêu cầu không phải JSON hợp lệ.")


def too_deep() -> str:
    return _("Dữ liệu JSON lồng nhau quá sâu (tối đa %(depth)d cấp).") % {
        "depth": MAX_DEPTH
    }


# Strings (with their escapes) and the brackets that nest, for the depth scan.
_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)


def nesting_depth_exceeds(text: str, limit: int = MAX_DEPTH) -> bool:
    """Whether ``text`` opens more than ``limit`` arrays/objects inside each
    other (brackets inside strings do not count). Linear, no recursion."""
    depth = 0
    for match in _TOKENS.finditer(text):
        lexeme = match.group()
        if lexeme in "[{":
            depth += 1
            if depth > limit:
                return True
        elif lexeme in "]}":
            depth -= 1
    return False


class JSONObjectParser(JSONParser):
    """DRF's JSON parser, refusing non-objects and deep nesting with a 400."""

    def parse(self, stream, media_type=None, parser_context=None):
        parser_context = parser_context or {}
        encoding = parser_context.get("encoding", "utf-8")
        try:
            text = codecs.getreader(encoding)(stream).read()
        except (UnicodeDecodeError, LookupError) as exc:
            raise ParseError(INVALID) from exc
        if nesting_depth_exceeds(text):
            raise ParseError(too_deep())
        parse_constant = json.strict_constant if api_settings.STRICT_JSON else None
        try:
            data = json.loads(text, parse_constant=parse_constant)
        except (ValueError, RecursionError) as exc:
            raise ParseError(INVALID) from exc
        if not isinstance(data, dict):
            raise ParseError(NOT_AN_OBJECT)
        return data


# --- text cleaning ---------------------------------------------------------------

MULTILINE_STYLE = {"base_template": "textarea.html"}


def refused_message(field: str) -> str:
    return _(
        "Trường “%(field)s” chỉ gồm ký tự điều khiển hoặc ký tự vô hình "
        "(ký tự độ rộng bằng 0, ký tự đảo chiều văn bản); hãy nhập lại nội dung."
    ) % {"field": field}


def _single_line_fields(parser_context: dict | None) -> set[str] | None:
    """The view's serializer's single-line text fields; None when unknown."""
    view = (parser_context or {}).get("view")
    if view is None:
        return None
    try:
        serializer_class = (
            view.get_serializer_class()
            if hasattr(view, "get_serializer_class")
            else getattr(view, "serializer_class", None)
        )
    except (AssertionError, AttributeError):
        return None
    if serializer_class is None:
        return None
    fields = serializer_class().fields
    return {
        name
        for name, field in fields.items()
        if isinstance(field, serializers.CharField)
        and field.style.get("base_template") != MULTILINE_STYLE["base_template"]
    }


def _clean(value: Any, field: str, single_line: set[str] | None) -> Any:
    if isinstance(value, str):
        multiline = single_line is None or field not in single_line
        try:
            return clean_input(value, multiline=multiline)
        except InputRefused:
            raise ValidationError({field: [refused_message(field)]}) from None
    if isinstance(value, dict):
        return {key: _clean(item, field, None) for key, item in value.items()}
    if isinstance(value, list):
        return [_clean(item, field, None) for item in value]
    return value


def clean_data(data: Any, single_line: set[str] | None = None) -> Any:
    """``data`` (parsed JSON or a QueryDict) with every string cleaned."""
    if isinstance(data, QueryDict):
        cleaned = QueryDict(mutable=True, encoding=data.encoding)
        for key, values in data.lists():
            cleaned.setlist(key, [_clean(v, key, single_line) for v in values])
        cleaned._mutable = False
        return cleaned
    if isinstance(data, dict):
        return {key: _clean(value, key, single_line) for key, value in data.items()}
    if isinstance(data, list):
        return [_clean(item, "non_field_errors", None) for item in data]
    return _clean(data, "non_field_errors", None)


class CleanJSONParser(JSONObjectParser):
    def parse(self, stream, media_type=None, parser_context=None):
        data = super().parse(stream, media_type, parser_context)
        return clean_data(data, _single_line_fields(parser_context))


class CleanFormParser(parsers.FormParser):
    def parse(self, stream, media_type=None, parser_context=None):
        data = super().parse(stream, media_type, parser_context)
        return clean_data(data, _single_line_fields(parser_context))


class CleanMultiPartParser(parsers.MultiPartParser):
    def parse(self, stream, media_type=None, parser_context=None):
        parsed = super().parse(stream, media_type, parser_context)
        data = clean_data(parsed.data, _single_line_fields(parser_context))
        for _field, uploads in parsed.files.lists():
            for upload in uploads:
                try:
                    upload.name = clean_input(upload.name or "", multiline=False)
                except InputRefused:
                    upload.name = "tep-dinh-kem"
        return parsers.DataAndFiles(data, parsed.files)
