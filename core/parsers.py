"""The API's JSON parser: an object at the top, nested no deeper than a form.

Every endpoint of the portal takes one JSON object. A body that is an array,
a string or a number used to reach code that calls ``.get()`` on it (the
phone limiter) and answered 500; JSON nested thousands deep made Python's
parser recurse until it gave up. Both are refused here, before any view or
throttle reads the data, with a 400 in Vietnamese.
"""

from __future__ import annotations

import codecs
import re

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser
from rest_framework.settings import api_settings
from rest_framework.utils import json

# The deepest of the portal's forms (a petition's attachments list, an
# evaluation's answers) is three levels; this leaves room for clients that wrap.
MAX_DEPTH = 32

NOT_AN_OBJECT = "Nội dung yêu cầu phải là một đối tượng JSON ({...})."
TOO_DEEP = f"Dữ liệu JSON lồng nhau quá sâu (tối đa {MAX_DEPTH} cấp)."
INVALID = "Nội dung yêu cầu không phải JSON hợp lệ."

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
            raise ParseError(TOO_DEEP)
        parse_constant = json.strict_constant if api_settings.STRICT_JSON else None
        try:
            data = json.loads(text, parse_constant=parse_constant)
        except (ValueError, RecursionError) as exc:
            raise ParseError(INVALID) from exc
        if not isinstance(data, dict):
            raise ParseError(NOT_AN_OBJECT)
        return data
