"""Personal-data masking for every public copy of what a citizen wrote.

``mask_text`` replaces in free text what identifies a person (Decree
13/2023/NĐ-CP on personal data): e-mail addresses, phone numbers, ID numbers
(CCCD 12 digits, CMND 9 digits, personal identification and tax numbers) in
any grouping, bank account numbers, licence plates, house and hamlet
addresses, and the names the citizen gave (submitter, applicant,
representative) in whatever form the text writes them. What the public needs
survives: procedure and dossier codes, legal document numbers, dates,
amounts, agencies, their addresses and their published hotlines.

How each is found:

* phone numbers by ``phonenumbers`` (``PhoneNumberMatcher``, region VN,
  ``Leniency.VALID``): mobile and landline with +84/84/0, brackets, dots,
  dashes and spaces; toll-free and premium lines (1800, 1900) are services,
  never a person's, and stay;
* numbers the library cannot judge by regex: any run of digit groups
  (spaces, dots, dashes between them) of 9 digits or more, a shorter one
  after a bank-account label, and licence plates;
* names after NFC, case and diacritic folding: two or more parts of a
  given name next to each other, in any order, one of them the given name
  ("Bích Ngọc", "Tran Thi Bich Ngoc", "NGỌC TRẦN"); a given name alone
  after an honorific ("chị Ngọc") stays, as it identifies nobody;
* addresses: what follows a label ("địa chỉ:", "trú tại", ...), and house
  numbers, alleys (ngõ, ngách, hẻm, kiệt) and hamlets (thôn, bản, ấp, xóm,
  tổ dân phố, ...) with the place names after them, up to the commune.

A phone, e-mail or address written right after an agency's name or a
hotline label ("Đường dây nóng của Sở Tư pháp: 0215...", "UBND xã ..., địa
chỉ: số 7 đường ...") is the agency's and stays, unless a word about the
writer ("tôi", "nhà", "gia đình", ...) comes between. Everything is decided
on the NFC text; the result is NFC.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import phonenumbers
from phonenumbers import Leniency, PhoneNumberMatcher, PhoneNumberType

EMAIL_MASK = "[email đã ẩn]"
PHONE_MASK = "[số điện thoại đã ẩn]"
ID_MASK = "[số giấy tờ đã ẩn]"
ACCOUNT_MASK = "[số tài khoản đã ẩn]"
PLATE_MASK = "[biển số đã ẩn]"
ADDRESS_MASK = "[địa chỉ đã ẩn]"
NAME_MASK = "[họ tên đã ẩn]"

# Lines of a service, not of a person: 1800 (free), 1900 (premium), shared.
_SERVICE_LINES = {
    PhoneNumberType.TOLL_FREE,
    PhoneNumberType.PREMIUM_RATE,
    PhoneNumberType.SHARED_COST,
    PhoneNumberType.UAN,
}

# --- what must survive ------------------------------------------------------

_PROTECTED = [
    # Procedure codes: 1.001193, 2.000123.000.00.00.H12.
    re.compile(r"(?<![\w.])\d\.\d{6}(?:\.\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2})?(?![\w])"),
    # Dossier codes: <agency code>-<YYYYMMDD or YYMMDD>-<sequence>.
    re.compile(r"(?<![\w.])(?=[0-9._]*[A-Za-z])[0-9A-Za-z._]{1,40}-\d{6,8}-\d{4,9}\b"),
    # Legal documents: 118/2025/NĐ-CP, 766/QĐ-TTg, 45/UBND-VP.
    re.compile(r"(?<![\w/])\d{1,5}/(?:\d{4}/)?[A-ZĐ][\wĐđ]*(?:-[\wĐđ]+)*"),
    # Dates: 12/05/2025, 5.5.2025, 21-09-2026, 2026-03-15.
    re.compile(r"(?<![\w.,/-])\d{1,2}([/.\-])\d{1,2}\1\d{4}(?![\w/-]|[.,]\d)"),
    re.compile(r"(?<![\w.,/-])\d{4}-\d{2}-\d{2}(?![\w/-])"),
    # Amounts: 50.000 đồng, 1.500.000đ, 2 triệu đồng, 12,5 tỷ.
    re.compile(
        r"(?<![\w.,])\d{1,3}(?:[.,]\d{3})+(?:,\d+)?\s?(?:đồng|đ|VNĐ|VND|vnđ|vnd)(?!\w)"
    ),
    re.compile(
        r"(?<![\w.,])\d+(?:[.,]\d+)?\s?(?:nghìn|ngàn|triệu|tỷ|tỉ)(?:\s?đồng)?(?!\w)"
    ),
]

# --- context: an agency's line or address, or the writer's own ------------------

_AGENCY = re.compile(
    r"(?<!\w)(?:UBND|HĐND|Ủy ban|Uỷ ban|ỦY BAN|Sở|SỞ|Bộ phận|Bộ [A-ZĐ]\w*|Trung tâm"
    r"|Chi nhánh|Chi cục|Cục|Công an|Kho bạc|Bảo hiểm xã hội|Văn phòng|Tòa án|Toà án"
    r"|Viện kiểm sát|Ban quản lý|Ban Quản lý|Phòng [A-ZĐ]\w*|Đảng ủy)(?!\w)"
    r"|(?i:(?<!\w)(?:trụ sở|đường dây nóng|hotline|tổng đài|cổng dịch vụ công"
    r"|thư điện tử công vụ)(?!\w))"
)
_PERSONAL = re.compile(
    r"(?i)(?<!\w)(?:tôi|toi|tui|chúng tôi|nhà|nha toi|gia đình|em|mình|cháu|con|vợ"
    r"|chồng|bố|mẹ|ông|bà|anh|chị|cô|chú|bác|cụ|hộ|liên hệ|liên lạc|gọi cho|zalo"
    r"|người nộp|người dân|công dân|của tôi|cá nhân)(?!\w)"
)
_SENTENCE_END = re.compile(r"[.!?;]\s|\n")
_CONTEXT_WINDOW = 160


def _agency_context(text: str, start: int) -> bool:
    """Whether what starts at ``start`` follows an agency, not the writer."""
    window = text[max(0, start - _CONTEXT_WINDOW) : start]
    ends = list(_SENTENCE_END.finditer(window))
    if ends:
        window = window[ends[-1].end() :]
    agencies = [m.end() for m in _AGENCY.finditer(window)]
    if not agencies:
        return False
    personal = [m.start() for m in _PERSONAL.finditer(window)]
    return not personal or personal[-1] < agencies[-1]


# --- numbers ---------------------------------------------------------------------

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Digit groups with one space, dot or dash between them: "001 099 012 345".
# A label glued to it ("CCCD001099012345") does not hide it.
_DIGIT_RUN = re.compile(r"(?<![\d.,])\+?\d+(?:[ .\-]\d{2,})*(?![\w])")
_ID_MIN_DIGITS = 9
_ACCOUNT_LABEL = re.compile(
    r"(?i)(?<!\w)(?:stk|số tk|số tài khoản|so tai khoan|tài khoản|tai khoan|tk"
    r"|ngân hàng|ngan hang|vietcombank|vcb|bidv|agribank|vietinbank|techcombank"
    r"|mb|mbbank|sacombank|acb|vpbank|tpbank|shb|hdbank|vib|msb|ocb|seabank"
    r"|eximbank|lpbank|lienvietpostbank|bac a bank|nam a bank|kienlongbank"
    r"|abbank|pvcombank|baovietbank|scb|vietbank|oceanbank|gpbank)(?!\w)"
)
_ACCOUNT_NUMBER = re.compile(r"(?<![\w.,])\d[\d .\-]{4,30}\d(?![\w])")
_ACCOUNT_REACH = 45
# Licence plates: 29A-123.45, 27B1 234.56, 29-B1 123.45, 30E12345, 27LD-12345.
_PLATE = re.compile(
    r"(?<![\w.,])\d{2}(?:-?[A-Za-z]{1,2}|[ -][A-Z]{1,2})\d?(?:[ .\-]|\s?-\s?)?"
    r"\d{3}\.?\d{2}(?![\w])"
)

# --- addresses ---------------------------------------------------------------------

_NUMBER = r"\d+[A-Za-z]?(?:/\d+[A-Za-z]?)*"
_LABEL = re.compile(
    r"(?i)(?<!\w)(?:địa chỉ(?: liên hệ| thường trú| tạm trú| nhà)?|đ/c|nơi ở"
    r"(?: hiện nay| hiện tại)?|nơi cư trú|chỗ ở(?: hiện nay)?|trú tại|thường trú"
    r"(?: tại)?|tạm trú(?: tại)?|cư trú tại|sinh sống tại|sống tại|quê quán|hộ khẩu"
    r"(?: thường trú)?|dia chi|tru tai)(?!\w)(?:\s*(?:là|tại|ở))?\s*:?\s*"
)
_HOUSE = re.compile(
    rf"(?i)(?<!\w)(?:số nhà|nhà số|số|so nha|so)\s*(?P<n>{_NUMBER})(?![\w/])"
)
_ALLEY = re.compile(
    rf"(?i)(?<!\w)(?:ngõ|ngách|hẻm|hẽm|kiệt|ngo|ngach|hem|kiet)\s+{_NUMBER}(?![\w/])"
)
_STREET = re.compile(r"(?i)(?<!\w)(?:đường|phố|duong|pho)(?!\w)")
_HAMLET = re.compile(
    r"(?<!\w)(?P<k>[Tt]hôn|[Tt]hon|[Bb]ản|[Bb]an|[Ấấ]p|[Xx]óm|[Xx]om|[Bb]uôn|[Bb]uon"
    r"|[Ll]àng|[Kk]hóm|[Tt]ổ dân phố|[Tt]o dan pho|TDP|[Kk]hu phố|[Kk]hu pho|[Tt]ổ"
    r"|[Kk]hối|[Kk]hu)(?!\w)"
)
# Hamlet words that need a number or a capitalised name after them ("tổ 5",
# "bản Na Sang"): bare, they are common words ("tổ chức", "bản sao").
_NUMBERED_ONLY = {"tổ", "khối", "khu"}
_FOLDED_KEYWORDS = {"thon", "ban", "xom", "buon", "to dan pho", "khu pho"}
_PREPOSITION = re.compile(
    r"(?i)(?:(?<!\w)(?:ở|tại|về|o|tai|ve)|:)\s+(?P<n>" + _NUMBER + r")\s+"
)
# Capitalised words that start no place name: agencies, documents, months.
_NOT_PLACES = {
    "UBND",
    "HĐND",
    "Ủy",
    "Uỷ",
    "Sở",
    "Bộ",
    "Ban",
    "Phòng",
    "Trung",
    "Chi",
    "Cục",
    "Công",
    "Kho",
    "Bảo",
    "Văn",
    "Tòa",
    "Viện",
    "Nghị",
    "Thông",
    "Quyết",
    "Luật",
    "Điều",
    "Khoản",
    "Mục",
    "Chương",
    "Tờ",
    "Đơn",
    "Giấy",
    "Sao",
    "Chính",
    "Khai",
    "Cam",
    "Hợp",
    "Biên",
    "Báo",
    "Danh",
    "Sơ",
    "Trích",
    "Kế",
    "Hướng",
    "Tiếp",
    "Quản",
    "Chỉ",
    "Thường",
    "Tháng",
    "Năm",
    "Ngày",
    "Giờ",
    "Quý",
    "Thủ",
    "Hồ",
    "Mã",
    "CCCD",
    "CMND",
    "MST",
    "STK",
    "SĐT",
    "Email",
    "Zalo",
    "Bản",
    "Lần",
    "Người",
    "Trang",
    "Quyển",
    "Cuốn",
    "Tệp",
    "File",
    "Ảnh",
}
# After a place name's first word only these end it ("phố Kim Mã" is one name).
_NOT_PLACES_AFTER = {
    "UBND",
    "HĐND",
    "Sở",
    "Bộ",
    "Phòng",
    "CCCD",
    "CMND",
    "MST",
    "STK",
    "SĐT",
    "Email",
    "Zalo",
    "Nghị",
    "Thông",
    "Quyết",
    "Luật",
    "Điều",
}
_STOP_LOWER = {
    "của",
    "và",
    "là",
    "có",
    "không",
    "đã",
    "bị",
    "được",
    "nên",
    "thì",
    "mà",
    "này",
    "đó",
    "nay",
    "cũ",
    "mới",
    "gần",
    "cách",
    "xã",
    "phường",
    "huyện",
    "quận",
    "tỉnh",
    "thành",
    "thị",
    "đề",
    "nhưng",
    "tôi",
    "em",
    "mình",
    "chúng",
    "cua",
    "khong",
    "duoc",
    "xa",
    "phuong",
    "huyen",
    "quan",
    "tinh",
    "toi",
}
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    mask: str


def _fold_char(ch: str) -> str:
    if ch in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", ch)[:1].lower()
    return base if len(base) == 1 else ch


def _fold(text: str) -> str:
    """Diacritics and case folded, one character for one (offsets are kept)."""
    return "".join(_fold_char(ch) for ch in text)


def _overlaps(span: tuple[int, int], others: Iterable[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in others)


def _proper_name_end(text: str, pos: int, max_words: int = 5) -> int | None:
    """End of the capitalised words (a place name) starting at ``pos``."""
    end = None
    for count, word in enumerate(_WORD.finditer(text, pos)):
        gap = text[pos if end is None else end : word.start()]
        if count >= max_words or (gap.strip() and gap.strip() not in {"-"}):
            break
        if gap and "\n" in gap:
            break
        token = word.group()
        stop = _NOT_PLACES if end is None else _NOT_PLACES_AFTER
        if not token[0].isupper() or token in stop:
            if token.isdigit() and end is not None:
                end = word.end()
                continue
            break
        end = word.end()
    return end


def _lower_words_end(text: str, pos: int, max_words: int = 3) -> int | None:
    """End of a lower-case place name ("thon dong xa") typed in a hurry."""
    end = None
    for count, word in enumerate(_WORD.finditer(text, pos)):
        gap = text[pos if end is None else end : word.start()]
        if count >= max_words or gap.strip() or "\n" in gap:
            break
        if word.group().lower() in _STOP_LOWER or word.group().isdigit():
            break
        end = word.end()
    return end


# --- finders -------------------------------------------------------------------


def _phones(text: str, protected: list[tuple[int, int]]) -> list[_Span]:
    spans = []
    for match in PhoneNumberMatcher(text, "VN", leniency=Leniency.VALID):
        where = (match.start, match.end)
        if _overlaps(where, protected):
            continue
        if phonenumbers.number_type(match.number) in _SERVICE_LINES or _agency_context(
            text, match.start
        ):
            protected.append(where)  # an agency's line: no other rule takes it
            continue
        start = match.start
        if match.raw_string.startswith("(") and ")" not in match.raw_string:
            start += 1  # "(0912 345 678)": the bracket is the text's
        spans.append(_Span(start, match.end, PHONE_MASK))
    return spans


def _emails(text: str, protected: list[tuple[int, int]]) -> list[_Span]:
    spans = []
    for match in _EMAIL.finditer(text):
        if _agency_context(text, match.start()):
            protected.append(match.span())
        else:
            spans.append(_Span(*match.span(), EMAIL_MASK))
    return spans


def _numbers(text: str) -> list[_Span]:
    spans = [_Span(*m.span(), PLATE_MASK) for m in _PLATE.finditer(text)]
    for label in _ACCOUNT_LABEL.finditer(text):
        number = _ACCOUNT_NUMBER.search(text, label.end(), label.end() + _ACCOUNT_REACH)
        if number and sum(c.isdigit() for c in number.group()) >= 6:
            spans.append(_Span(number.start(), number.end(), ACCOUNT_MASK))
    for run in _DIGIT_RUN.finditer(text):
        if sum(c.isdigit() for c in run.group()) >= _ID_MIN_DIGITS:
            spans.append(_Span(*run.span(), ID_MASK))
    return spans


def _place_after(text: str, keyword: re.Match[str]) -> int | None:
    """End of a hamlet-like keyword's place (number or name), or None."""
    word = keyword.group("k") if "k" in keyword.groupdict() else keyword.group()
    pos = keyword.end()
    rest = text[pos:]
    number = re.match(rf"\s+(?:(?:số|so)\s+)?{_NUMBER}(?![\w/])", rest)
    if number:
        return pos + number.end()
    spaces = re.match(r"\s+", rest)
    if not spaces:
        return None
    start = pos + spaces.end()
    lowered = word.lower()
    if lowered in _NUMBERED_ONLY:
        return None
    end = _proper_name_end(text, start)
    if end is None and lowered in {"thôn", "thon", "xóm", "xom", "tổ dân phố"}:
        end = _lower_words_end(text, start)
    if lowered == "ban" and end is None:
        return None
    if lowered in _FOLDED_KEYWORDS and word[0].isupper() and end is None:
        return None
    return end


def _address_parts(text: str) -> list[tuple[int, int, str]]:
    """House numbers, alleys, streets and hamlets: ``(start, end, kind)``."""
    parts = []
    for match in _HAMLET.finditer(text):
        end = _place_after(text, match)
        if end is not None:
            parts.append((match.start(), end, "hamlet"))
    for match in _ALLEY.finditer(text):
        parts.append((match.start(), match.end(), "alley"))
    for match in _HOUSE.finditer(text):
        parts.append((match.start(), match.end(), "house"))
    for match in _PREPOSITION.finditer(text):
        parts.append((match.start("n"), match.end("n"), "house"))
    for match in _STREET.finditer(text):
        rest = re.match(rf"\s+{_NUMBER}(?![\w/])", text[match.end() :])
        end = match.end() + rest.end() if rest else None
        if end is None:
            spaces = re.match(r"\s+", text[match.end() :])
            if spaces:
                end = _proper_name_end(text, match.end() + spaces.end())
        if end is not None:
            parts.append((match.start(), end, "street"))
    parts.sort()
    return parts


def _addresses(text: str) -> list[_Span]:
    """Chains of address parts (``số 5 ngõ 34 phố Huế``), up to the commune."""
    parts = _address_parts(text)
    spans = []
    chain: list[tuple[int, int, str]] = []

    def close() -> None:
        if not chain:
            return
        kinds = [kind for _, _, kind in chain]
        start, end = chain[0][0], max(e for _, e, _ in chain)
        # A number after "số" is a house only with a street or a name after it.
        if kinds == ["house"]:
            name_end = None
            spaces = re.match(r"\s+", text[end:])
            if spaces:
                name_end = _proper_name_end(text, end + spaces.end())
            if name_end is None:
                chain.clear()
                return
            end = name_end
        elif set(kinds) <= {"street"}:
            chain.clear()
            return
        elif kinds[-1] in {"house", "alley"}:
            spaces = re.match(r"\s+", text[end:])
            if spaces:
                end = _proper_name_end(text, end + spaces.end()) or end
        if not _agency_context(text, start):
            spans.append(_Span(start, end, ADDRESS_MASK))
        chain.clear()

    for part in parts:
        if chain:
            last_end = max(e for _, e, _ in chain)
            if part[0] < last_end:
                chain.append(part)
                continue
            if re.fullmatch(r"[\s,\-]*", text[last_end : part[0]]):
                chain.append(part)
                continue
            close()
        chain.append(part)
    close()

    for label in _LABEL.finditer(text):
        end = _labelled_end(text, label.end())
        if end > label.end() and not _agency_context(text, label.start()):
            spans.append(_Span(label.end(), end, ADDRESS_MASK))
    return spans


_ADMIN_UNITS = re.compile(
    r"(?i)(?:xã|phường|thị trấn|thị xã|quận|huyện|tỉnh|thành phố|tp\.?|đặc khu|xa"
    r"|phuong|huyen|tinh|quan)(?!\w)"
)


def _labelled_end(text: str, pos: int) -> int:
    """End of the address after a label: its comma-separated parts."""
    end = pos
    cursor = pos
    while True:
        segment = re.match(r"[^,;\n]*?(?=,|;|\n|\.\s|\.$|$)", text[cursor:])
        piece = segment.group() if segment else ""
        stripped = piece.strip()
        if not stripped:
            break
        first = stripped.split()[0]
        starts_address = (
            first[0].isdigit()
            or (first[0].isupper() and first not in _NOT_PLACES)
            or _HAMLET.match(stripped)
            or _ALLEY.match(stripped)
            or _HOUSE.match(stripped)
            or _STREET.match(stripped)
            or _ADMIN_UNITS.match(stripped)
        )
        if not starts_address:
            break
        end = cursor + len(piece.rstrip())
        cursor += len(piece)
        if not text.startswith(",", cursor):
            break
        cursor += 1
    return end


def _names(text: str, names: Iterable[str]) -> list[_Span]:
    folded = _fold(text)
    words = list(_WORD.finditer(folded))
    spans = []
    for name in names:
        parts = _WORD.findall(_fold(unicodedata.normalize("NFC", name or "")))
        if len(parts) < 2:
            continue
        own, given = set(parts), parts[-1]
        run: list[re.Match[str]] = []
        for word in [*words, None]:
            joined = (
                word is not None
                and word.group() in own
                and (
                    not run
                    or re.fullmatch(
                        r"\s+|\s*[-_]\s*", folded[run[-1].end() : word.start()]
                    )
                )
            )
            if joined:
                run.append(word)
                continue
            if len(run) >= 2 and any(w.group() == given for w in run):
                spans.append(_Span(run[0].start(), run[-1].end(), NAME_MASK))
            run = [word] if word is not None and word.group() in own else []
    return spans


def _known_values(text: str, values: Iterable[str]) -> list[_Span]:
    """The citizen's own phone, ID number, e-mail or address, however written."""
    spans = []
    folded = _fold(text)
    for value in values:
        value = unicodedata.normalize("NFC", value or "").strip()
        value_digits = re.sub(r"\D", "", value)
        if len(value_digits) >= 6 and len(value_digits) >= len(value) / 2:
            national = normalise_phone(value)
            for run in re.finditer(r"\+?\d(?:[\s.\-()]{0,2}\d)*", text):
                run_digits = re.sub(r"\D", "", run.group())
                if value_digits in run_digits or (
                    len(national) >= 9 and national in normalise_phone(run.group())
                ):
                    spans.append(_Span(*run.span(), ID_MASK))
            continue
        pieces = [value, value.split(",")[0]]
        for piece in pieces:
            piece_words = _WORD.findall(_fold(piece))
            if len(piece_words) < 2 and "@" not in piece:
                continue
            pattern = r"[\W_]+".join(re.escape(w) for w in piece_words)
            for found in re.finditer(rf"(?<!\w){pattern}(?!\w)", folded):
                spans.append(_Span(*found.span(), ADDRESS_MASK))
    return spans


# What starts an organisation's name written beside a person's ("Lê Thị Hoa
# (Công ty TNHH Thương mại Hoa Sen)", "Trần Văn Bình - HTX Nông nghiệp Tân
# Phú"): an organisation's name is public, its representative's is not.
_ORGANISATION = re.compile(
    r"(?i)(?:công ty|cong ty|cty|tổng công ty|tập đoàn|doanh nghiệp|dntn"
    r"|hợp tác xã|htx|liên hiệp hợp tác xã|chi nhánh|văn phòng đại diện|vpđd"
    r"|hộ kinh doanh|hkd|cơ sở|nhà máy|xí nghiệp|ngân hàng|trường|bệnh viện"
    r"|hiệp hội|hội|quỹ|tổ chức|đơn vị|ubnd|ủy ban|uỷ ban|sở|phòng|ban|trung tâm"
    r"|company|co\.|corp|corporation|ltd|jsc|llc)(?!\w)"
)
_BRACKETED = re.compile(
    r"^(?P<person>[^()\[\]]*?)\s*[(\[](?P<org>[^()\[\]]+)[)\]]?\s*$"
)
_DASHED = re.compile(r"^(?P<person>[^,\-–—]+?)\s*(?:[\-–—]|,)\s*(?P<org>.+)$")


def split_organisation(name: str) -> tuple[str, str]:
    """``(person, organisation)`` of a name typed with its organisation.

    "Lê Thị Hoa (Công ty TNHH Thương mại Hoa Sen)" and "Lê Thị Hoa - Công ty
    TNHH Hoa Sen" give ("Lê Thị Hoa", "Công ty TNHH ..."); a name alone, or
    brackets that hold no organisation ("Nguyễn Văn An (bố của cháu)"), give
    (name, "").
    """
    name = " ".join(unicodedata.normalize("NFC", name or "").split())
    for pattern in (_BRACKETED, _DASHED):
        match = pattern.match(name)
        if match and match["person"].strip() and _ORGANISATION.match(match["org"]):
            return match["person"].strip(), match["org"].strip()
    return name, ""


def _kept(text: str, keep: Iterable[str]) -> list[tuple[int, int]]:
    """Where the public names in ``keep`` (organisations) occur, any case or accents."""
    folded = _fold(text)
    spans = []
    for value in keep:
        words = _WORD.findall(_fold(unicodedata.normalize("NFC", value or "")))
        if not words:
            continue
        pattern = r"[\W_]+".join(re.escape(w) for w in words)
        spans += [m.span() for m in re.finditer(rf"(?<!\w){pattern}(?!\w)", folded)]
    return spans


def _merge(spans: list[_Span]) -> list[_Span]:
    merged: list[_Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if merged and span.start < merged[-1].end:
            last = merged[-1]
            merged[-1] = _Span(last.start, max(last.end, span.end), last.mask)
        else:
            merged.append(span)
    return merged


def mask_text(
    text: str,
    names: Iterable[str] = (),
    values: Iterable[str] = (),
    keep: Iterable[str] = (),
) -> str:
    """``text`` (NFC) with personal data replaced by placeholders.

    ``names`` are the names the citizen gave (any form; an organisation typed
    with one, "Lê Thị Hoa (Công ty TNHH Hoa Sen)", is not a name); ``values``
    their other details (phone, ID number, e-mail, address), masked wherever
    the text repeats them, whatever the grouping; ``keep`` public names (the
    organisation an applicant filed for) that stay wherever they occur.
    """
    if not text:
        return text or ""
    text = unicodedata.normalize("NFC", text)
    people, organisations = [], list(keep)
    for name in names:
        person, organisation = split_organisation(name)
        people.append(person)
        if organisation:
            organisations.append(organisation)
    kept = _kept(text, organisations)
    protected = [m.span() for rx in _PROTECTED for m in rx.finditer(text)] + kept
    personal = _emails(text, protected) + _phones(text, protected)
    candidates = _numbers(text) + _addresses(text)
    personal += [s for s in candidates if not _overlaps((s.start, s.end), protected)]
    personal += [
        s
        for s in _names(text, people) + _known_values(text, values)
        if not _overlaps((s.start, s.end), kept)
    ]
    out, cursor = [], 0
    for span in _merge(personal):
        out.append(text[cursor : span.start])
        out.append(span.mask)
        cursor = span.end
    out.append(text[cursor:])
    return "".join(out)


def normalise_phone(phone: str) -> str:
    """Digits only, in the national form (``+84 912 345 678`` -> ``0912345678``)."""
    digits = re.sub(r"\D", "", phone)
    if digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    return digits
