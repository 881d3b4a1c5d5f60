"""The steps of a procedure (trình tự thực hiện)."""

from __future__ import annotations

import re
from typing import Any

from .model import Step
from .text import _is_empty, clean_block

_STEP_WORD = re.compile(r"^(?:[\-–+*•]\s*|[a-zđ]\)\s*)?Bước\s*\d", re.IGNORECASE)
_MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("dash", re.compile(r"^[\-–—•●]\s*")),
    ("plus", re.compile(r"^\+(?!\+)\s*")),
    ("decimal", re.compile(r"^\d+(?:\.\d+)*[.)]\s+")),
    ("letter", re.compile(r"^[a-zđ]\)\s*")),
    ("star", re.compile(r"^\*\s*")),
)


_NOTE_HEADING = re.compile(r"^[*\-+\s]*(?:Lưu ý|Ghi chú|Chú ý)\b", re.IGNORECASE)
_STEPS_HEADING = re.compile(r"^Trình tự thực hiện\s*:?$", re.IGNORECASE)


def parse_steps(value: Any) -> list[Step]:
    """Split ``trinh_tu_thuc_hien`` into ordered steps.

    Lines starting with "Bước N" are the steps when there are at least two of
    them; otherwise lines starting with the first bullet kind met ("-", "+",
    "1.", "a)") start the steps.  Other lines are kept with the step before,
    so no text is lost.  Entries after a "Lưu ý" heading are marked as notes.
    """
    text = clean_block(value)
    if text is None:
        return []
    lines = [line for line in text.split("\n") if not _STEPS_HEADING.match(line)]
    if len(lines) == 1:
        lines = _split_inline(lines[0])
    step_lines = [bool(_STEP_WORD.match(line)) for line in lines]
    if sum(step_lines) < 2:
        kind = next(
            (
                name
                for line in lines
                for name, pattern in _MARKERS
                if pattern.match(line)
            ),
            None,
        )
        if kind is None:
            step_lines = [True] * len(lines)
        else:
            pattern = dict(_MARKERS)[kind]
            step_lines = [bool(pattern.match(line)) for line in lines]
    chunks: list[tuple[list[str], bool]] = []
    in_notes = False
    for line, starts in zip(lines, step_lines, strict=True):
        heading = bool(_NOTE_HEADING.match(line))
        in_notes = in_notes or heading
        if heading and re.fullmatch(r"[*\-+\s]*\w+(?: \w+)?\s*:?", line):
            continue  # a bare "* Lưu ý:" heading: the note flag carries it
        if starts or heading or not chunks:
            chunks.append(([line], in_notes))
        else:
            chunks[-1][0].append(line)
    steps: list[Step] = []
    for chunk, note in chunks:
        first = re.sub(r"^[\-–—•●]\s*", "", chunk[0])
        body = "\n".join([first, *chunk[1:]]).strip()
        if body and not _is_empty(body):
            steps.append(Step(number=len(steps) + 1, text=body, note=note))
    return steps


def _split_inline(line: str) -> list[str]:
    """Split a one-line text on inline step markers ("Bước 2:", "b)")."""
    if len(re.findall(r"Bước\s*\d+\s*[:.]", line)) >= 2:
        return [part for part in re.split(r"(?=Bước\s*\d+\s*[:.])", line) if part]
    if re.match(r"[a-zđ]\)\s", line):
        parts = re.split(r"(?<=[.;:])\s*(?=[a-zđ]\)\s)", line)
        if len(parts) >= 2:
            return parts
    return [line]
