"""The editors' synonym rules: their syntax, read and checked.

``cccd, căn cước công dân`` makes the phrases equivalent; ``sổ đỏ => giấy
chứng nhận quyền sử dụng đất`` maps the left to the right only. The
``Synonym`` snippet checks a rule with :func:`parse_rule` before it is saved;
``synonyms`` builds the query-time table from the rules. Filler rules (kind
``filler``) are a plain list of phrases dropped from queries: "ở đâu, bao lâu".
"""

from __future__ import annotations

from core.text import nfc

FILLER = "filler"


def parse_fillers(rule: str) -> list[str]:
    """The phrases of a filler rule (one or more, comma-separated)."""
    phrases = [nfc(p).strip() for p in rule.split(",") if p.strip()]
    if not phrases or "=>" in rule:
        raise ValueError("Liệt kê các cụm từ bỏ qua, cách nhau bằng dấu phẩy.")
    return phrases


def parse_rule(rule: str, kind: str = "") -> tuple[list[str], list[str]]:
    """(sources, targets) of a rule; equivalence rules map each to all others."""
    if kind == FILLER:
        return parse_fillers(rule), []
    rule = nfc(rule)
    if "=>" in rule:
        left, _, right = rule.partition("=>")
        sources = [p.strip() for p in left.split(",") if p.strip()]
        targets = [p.strip() for p in right.split(",") if p.strip()]
    else:
        sources = targets = [p.strip() for p in rule.split(",") if p.strip()]
    if not sources or not targets or (sources is targets and len(sources) < 2):
        raise ValueError("Cần ít nhất hai cụm từ, ví dụ “cccd, căn cước công dân”.")
    return sources, targets
