"""Procedure families: which procedure is a variant of which, from the names.

Many procedures are special cases or follow-ups of a general one: "Đăng ký
khai sinh lưu động" and the "Liên thông … đăng ký khai sinh, …" bundle of
"Đăng ký khai sinh"; "Cấp lại thẻ căn cước" and "Cấp thẻ căn cước cho người
dưới 14 tuổi" of "Cấp thẻ căn cước cho người từ đủ 14 tuổi trở lên";
"Trình báo mất hộ chiếu phổ thông" of "Cấp hộ chiếu phổ thông". A citizen
who types the general words means the general procedure; one who names the
variant ("lưu động", "mất", "dưới 14 tuổi") means the variant.

Computed for the whole catalogue at index time (``compute``), from the names
alone. B is a variant of A when, after normalisation (no "Thủ tục", no
parenthesised qualifiers such as the level, casefolded words):

- A's words occur in B's, in order and together (containment: "đăng ký
  khai sinh" in "đăng ký khai sinh lưu động"); or
- B starts with a follow-up operation ("cấp lại", "cấp đổi", "đổi",
  "trình báo mất", "gia hạn", …) and A with a first-issue one ("cấp",
  "đăng ký", or none), and what they act on agrees, one being the start of
  the other ("hộ chiếu phổ thông" / "hộ chiếu phổ thông ở trong nước"); or
- B carries a special-case qualifier ("cho người dưới 14 tuổi", "có yếu tố
  nước ngoài", "lưu động", "tại khu vực biên giới") and without it agrees
  with A the same way.

Each procedure gets its depth (0 for a general one), the codes it varies and
the words that make it a variant (its ``variant_terms``): the search ranks a
variant lower unless the query contains one of those words.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from core.text import nfc

from .documents import core_name

# Operations that act again on something first issued by another procedure.
FOLLOW_UPS = (
    "trình báo mất",
    "khôi phục giá trị sử dụng",
    "cấp lại",
    "cấp đổi",
    "đăng ký lại",
    "đổi",
    "gia hạn",
    "điều chỉnh",
    "thu hồi",
    "khôi phục",
    "xóa đăng ký",
    "chấm dứt",
)
FIRST_ISSUES = ("cấp mới", "cấp", "đăng ký", "")
# Operations on something that already exists. A procedure whose name starts
# with one of these (or a follow-up above) is a variant even when no general
# procedure of its object is in the catalogue ("Cấp lại Giấy chứng nhận đăng
# ký hộ kinh doanh", "Cấp đổi Giấy chứng nhận quyền sử dụng đất", "Điều chỉnh
# quyết định giao đất"): a citizen who does not name the operation means a
# first issue.
CHANGES = (
    "đăng ký thay đổi",
    "đăng ký cập nhật",
    "cấp điều chỉnh",
    "thay đổi",
    "cập nhật",
    "tạm ngừng",
    "dừng",
)
# A bundle of procedures of several fields ("Liên thông … đăng ký khai sinh,
# đăng ký thường trú, cấp thẻ bảo hiểm y tế …") is a variant of each of the
# procedures it names (three words or more), whatever their field.
BUNDLE = ("liên", "thông")
MIN_BUNDLED_WORDS = 3
# Qualifiers that narrow a procedure to a special case.
SPECIAL_CASES = (
    r"cho (?:người|trẻ em) dưới \d+ tuổi",
    r"có yếu tố nước ngoài",
    r"tại khu vực biên giới",
    r"lưu động",
    r"cho người đã có hồ sơ,? giấy tờ cá nhân",
    r"theo yêu cầu của .*",
    r"kết hợp .*",
)
_SPECIAL = re.compile("|".join(rf"(?:\b{p})" for p in SPECIAL_CASES))
MAX_DEPTH = 3
# Words that say nothing about which variant is meant.
GENERIC = frozenset(
    re.findall(
        r"\w+",
        "cấp của cho và về các những đối với trường hợp theo tại do thực hiện "
        "người thủ tục hành chính trong từ đã được có là một số hoặc này đó khi bằng",
    )
)
ENGLISH_GENERIC = frozenset(
    re.findall(
        r"\w+",
        "a an the of for in on at to and or by with level central provincial "
        "district commune issued issuance",
    )
)
# English words of a follow-up operation, in the forms a query may use: an
# English name with one of them is named by a query with any of its group.
ENGLISH_FOLLOW_UPS = tuple(
    frozenset(group.split())
    for group in (
        "reissue reissued reissuing replace replacement lost",
        "renew renewal renewing exchange",
        "change changes changing",
        "correct correction correcting amend amendment adjust adjustment",
        "extend extension extending",
        "close closing closure end terminate termination",
        "suspend suspension resume resumption",
        "deregister deregistration revoke revocation",
        "update updating",
    )
)
# Names longer than this are never another procedure's general name.
MAX_PARENT_WORDS = 30


def words(name: str) -> list[str]:
    return re.findall(r"\w+", core_name(nfc(name)).casefold())


def _split_operation(
    tokens: list[str], operations: Iterable[str]
) -> tuple[str, list[str]] | None:
    for operation in operations:
        op = operation.split()
        if tokens[: len(op)] == op:
            return operation, tokens[len(op) :]
    return None


@dataclass
class Family:
    depth: int = 0
    parents: list[str] = field(default_factory=list)
    variant_terms: list[str] = field(default_factory=list)
    # The same for the English name: its words not in the parents' English
    # names ("report", "lost" of "Report of a lost passport").
    variant_terms_en: list[str] = field(default_factory=list)
    # How many of ``variant_terms`` a query must contain to ask for the
    # variant (None: two, or all when there are fewer).
    need: int | None = None
    # What a query must contain to name one of this procedure's own variants
    # (see ``child_keys``): such a query asks for the variant, not for this.
    child_keys: list[str] = field(default_factory=list)
    child_words_en: list[str] = field(default_factory=list)

    def needs(self) -> int:
        return self.need or min(2, len(self.variant_terms))


def naming_keys(terms: list[str], need: int) -> list[str]:
    """The keys a query must contain one of to name a variant whose words
    are ``terms``: each word when one will do, else each pair of them (as
    ``pair_key`` spells it)."""
    if need <= 1:
        return sorted(set(terms))
    return sorted({pair_key(a, b) for a, b in itertools.combinations(terms, 2)})


def pair_key(first: str, second: str) -> str:
    """Two words as one key, in either order."""
    return " ".join(sorted((first, second)))


def compute(
    names: dict[str, tuple[str, ...]], only: Iterable[str] | None = None
) -> dict[str, Family]:
    """Code -> family facts, from code -> (name, field[, English name]).

    A variant and its general procedure are in the same field: "Xóa đăng ký"
    of secured transactions is no parent of "Xóa đăng ký thường trú".
    ``only`` limits the result to some codes (a single page's update).
    """
    tokens = {code: words(entry[0]) for code, entry in names.items()}
    field_of = {code: entry[1] for code, entry in names.items()}
    english = {
        code: re.findall(r"\w+", entry[2].casefold()) if len(entry) > 2 else []
        for code, entry in names.items()
    }
    by_words: dict[tuple[str, ...], list[str]] = {}
    for code, toks in tokens.items():
        if 0 < len(toks) <= MAX_PARENT_WORDS:
            by_words.setdefault(tuple(toks), []).append(code)
    lengths = sorted({len(key) for key in by_words})
    # First-issue objects, and every start of them, for the prefix rules.
    first_issue: dict[tuple[str, ...], list[str]] = {}
    for code, toks in tokens.items():
        if _split_operation(toks, FOLLOW_UPS) is not None:
            continue
        split = _split_operation(toks, FIRST_ISSUES)
        if split is not None:
            obj = split[1]
            for end in range(1, min(len(obj), MAX_PARENT_WORDS) + 1):
                first_issue.setdefault(tuple(obj[:end]), []).append(code)
    special = {code: bool(_SPECIAL.search(" ".join(t))) for code, t in tokens.items()}

    def parents_of(code: str) -> set[str]:
        toks = tokens[code]
        found: set[str] = set()
        # Containment: every shorter run of words that is another's name.
        whole = tuple(toks)
        for size in lengths:
            if size >= len(whole):
                break
            for start in range(len(whole) - size + 1):
                key = whole[start : start + size]
                if key in by_words:
                    found.update(by_words[key])
        candidates: list[list[str]] = []
        follow_up = _split_operation(toks, FOLLOW_UPS)
        if follow_up is not None:
            candidates.append(follow_up[1])
        if special[code]:
            plain = _SPECIAL.sub(" ", " ".join(toks)).split()
            split = _split_operation(plain, FIRST_ISSUES)
            if split is not None:
                candidates.append(split[1])
        for obj in candidates:
            if len(obj) < 2:
                continue  # "cấp lại giấy" says too little to place it
            # The most general first-issue procedures whose object starts
            # with this one (not special cases themselves) ...
            general = [o for o in first_issue.get(tuple(obj), ()) if not special[o]]
            if general:
                shortest = min(len(tokens[o]) for o in general)
                found.update(o for o in general if len(tokens[o]) == shortest)
            # ... or whose whole object (two words or more) starts this one.
            for end in range(2, min(len(obj), MAX_PARENT_WORDS)):
                for other in first_issue.get(tuple(obj[:end]), ()):
                    split = _split_operation(tokens[other], FIRST_ISSUES)
                    if split is not None and len(split[1]) == end:
                        found.add(other)
        found.discard(code)
        # Level duplicates (same words) are siblings, not variants.
        found -= set(by_words.get(tuple(toks), ()))
        bundle = tuple(toks[: len(BUNDLE)]) == BUNDLE
        return {
            other
            for other in found
            if not field_of[code]
            or field_of[other] == field_of[code]
            or (bundle and len(tokens[other]) >= MIN_BUNDLED_WORDS)
        }

    @functools.cache
    def direct(code: str) -> frozenset[str]:
        return frozenset(parents_of(code))

    @functools.cache
    def parents(code: str) -> frozenset[str]:
        # Two procedures that would each be a variant of the other are siblings.
        return frozenset(other for other in direct(code) if code not in direct(other))

    @functools.cache
    def depth(code: str, budget: int = MAX_DEPTH) -> int:
        if not parents(code) or budget == 0:
            return 0
        return 1 + max(depth(p, budget - 1) for p in parents(code))

    def _family(code: str) -> Family:
        if code not in names:
            return Family()
        if not parents(code):
            return _orphan(tokens[code], english[code])
        parent_words = set().union(*(tokens[p] for p in parents(code)))
        extra = [
            word
            for word in dict.fromkeys(tokens[code])
            if word not in parent_words and word not in GENERIC and not word.isdigit()
        ]
        parent_english = set().union(*(english[p] for p in parents(code)))
        extra_en = [
            word
            for word in dict.fromkeys(english[code])
            if parent_english
            and word not in parent_english
            and word not in ENGLISH_GENERIC
            and not word.isdigit()
        ]
        return Family(
            depth=depth(code),
            parents=sorted(parents(code)),
            variant_terms=extra,
            variant_terms_en=extra_en,
        )

    families: dict[str, Family] = {
        code: _family(code) for code in (names if only is None else only)
    }
    # A procedure also knows how a query names one of its own variants (the
    # variants' words, which leave out their parents'): such a query asks
    # for the variant, not for it.
    wanted = set(families)
    for code in names:
        mine = wanted & parents(code)
        if not mine:
            continue
        child = families[code] if code in families else _family(code)
        keys = naming_keys(child.variant_terms, child.needs())
        for parent in mine:
            families[parent].child_keys.extend(keys)
            families[parent].child_words_en.extend(child.variant_terms_en)
    for family in families.values():
        family.child_keys = sorted(set(family.child_keys))
        family.child_words_en = sorted(set(family.child_words_en))
    return families


def _orphan(toks: list[str], english: list[str]) -> Family:
    """A procedure with no general one: a variant still if it is a follow-up.

    Its variant words are the operation's own ("lại", "đổi", "điều chỉnh"),
    and one of them names it.
    """
    split = _split_operation(toks, (*FOLLOW_UPS, *CHANGES))
    if split is None:
        return Family()
    terms = [w for w in split[0].split() if w not in GENERIC and w != "đăng"]
    terms = [w for w in terms if w != "ký"] or terms
    if not terms:
        return Family()
    terms_en = sorted(
        {word for group in ENGLISH_FOLLOW_UPS if group & set(english) for word in group}
    )
    return Family(depth=1, variant_terms=terms, variant_terms_en=terms_en, need=1)
