"""Results of a procedure (what the applicant receives)."""

from __future__ import annotations

import re
from typing import Any

from .model import NoValue, ParseError, Result
from .text import _flat, _is_empty, _strip_bullet, clean_block, clean_text

_RESULT_CODE = re.compile(
    r"Mã\s*:\s*(?P<code>[A-Za-z0-9]+(?:[._\-][A-Za-z0-9]+)*)?", re.ASCII
)
_RESULT_CHROME = re.compile(r"Từ khóa(?P<kw>.*?)Mô tả(?P<desc>.*?)(?:Chọn cơ quan|$)")


def parse_results(value: Any) -> tuple[list[Result], str | None, str | None]:
    """Parse ``ket_qua_xu_ly``: ``name`` + ``Mã: KQ...`` pairs, then page chrome.

    Returns the results, the page's keywords and the result description (both
    usually "Không có thông tin", i.e. ``None``).
    """
    text = clean_block(value)
    if text is None:
        return [], None, None
    text = _flat(text)
    keywords = description = None
    chrome = text.rfind("Từ khóa")
    if chrome >= 0:
        match = _RESULT_CHROME.match(text, chrome)
        if match:
            keywords = clean_text(match.group("kw"))
            description = clean_text(match.group("desc"))
        text = text[:chrome]
    results: list[Result] = []
    cursor = 0
    for match in _RESULT_CODE.finditer(text):
        code = match.group("code")
        end = match.end()
        if code:
            # the code runs into the next name: keep it up to its last digit
            trimmed = re.match(r".*\d", code)
            code = trimmed.group(0) if trimmed else code
            end = match.start("code") + len(code)
        name = _strip_bullet(text[cursor : match.start()]).strip(" ;,")
        if name:
            results.append(Result(name=name, code=code))
        cursor = end
    rest = _strip_bullet(text[cursor:]).strip(" ;,")
    if rest and not _is_empty(rest):
        results.append(Result(name=rest, code=None))
    if not results and not text.strip():
        raise NoValue
    if not results:
        raise ParseError("no result name")
    return results, keywords, description
