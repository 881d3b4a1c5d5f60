# ruff: noqa: E501 -- sentence templates read best one to a line
"""Generate the personal-data corpus (``corpus.jsonl`` beside this file).

Sentences the way Vietnamese citizens write about themselves in a petition
or a dossier note, each with the exact values that must disappear from the
public copy (``secrets``), the parts that must stay (``keep``) and the names
the citizen gave in the form (``names``: submitter, applicant,
representative), sometimes in another Unicode form or without diacritics.
A second set holds sentences with nothing personal whose ``keep`` parts must
all survive: procedure and dossier codes, legal document numbers, dates,
amounts, agencies, their addresses and their published hotlines.

Deterministic (seeded): ``python tests/core/pii-corpus/generate.py`` rewrites
the same file; ``tests/core/test_pii_corpus.py`` checks it is up to date.

Each line: ``{"id", "kind": "personal"|"survive", "category", "text",
"names", "secrets", "keep"}``.
"""

from __future__ import annotations

import json
import random
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "corpus.jsonl"
SEED = 20260312

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ"]
SURNAMES += ["Lò", "Quàng", "Lường", "Cà", "Mùa", "Giàng", "Hà", "Ngô", "Dương"]
MIDDLES = ["Văn", "Thị", "Minh", "Đức", "Thu", "Hữu", "Quang", "Xuân", "Thanh"]
GIVENS = ["Bích Ngọc", "An", "Hoa", "Minh Châu", "Thanh Hương", "Tuấn", "Dũng"]
GIVENS += ["Khánh Linh", "Phương", "Thắng", "Hải Yến", "Quyết", "Sơn", "Lan Anh"]
GIVENS += ["Mai", "Bảo Ngân", "Trọng", "Duyên", "Hùng", "Thảo", "Việt Hà"]

MOBILE_PREFIXES = ["90", "91", "93", "94", "96", "97", "98", "86", "88", "89"]
MOBILE_PREFIXES += ["70", "77", "79", "81", "83", "85", "32", "35", "38", "56"]
# Area codes: Hà Nội, TP HCM (2 digits + 8), Điện Biên, Lai Châu, Sơn La (3 + 7).
LANDLINE_AREAS = [("24", 8), ("28", 8), ("215", 7), ("213", 7), ("212", 7)]

HAMLET_NAMES = ["Đông Xá", "Na Sang", "Tân Phú", "Hua Ca", "Co Mỵ", "Phiêng Lơi"]
HAMLET_NAMES += ["Yên Lạc", "Chiềng Sinh", "Nà Nhạn", "Huổi Phạ", "Thanh Xương"]
HAMLET_NAMES += ["Pá Khoang", "Bình Minh", "Đồng Tâm", "Tây Trang"]
STREETS = ["Lý Thường Kiệt", "Võ Nguyên Giáp", "Trần Phú", "Hoàng Văn Thụ"]
STREETS += ["Nguyễn Chí Thanh", "Lê Lợi", "Bế Văn Đàn", "Sơn Thủy", "Bạch Mai"]
COMMUNES = ["xã Mường Phăng", "xã Thanh Nưa", "phường Điện Biên Phủ"]
COMMUNES += ["phường Mường Thanh", "xã Tuần Giáo", "xã Mường Ảng", "xã Nà Tấu"]
BANKS = ["Vietcombank", "BIDV", "Agribank", "VietinBank", "Techcombank", "MB"]
BANKS += ["ngân hàng Nông nghiệp", "ngân hàng Quân đội", "Sacombank"]
EMAIL_USERS = ["ngoc.tran", "an.nguyen+pakn", "lovanquyet88", "hoa_le", "dung.pv"]

AGENCIES = [
    "UBND xã Mường Phăng",
    "Ủy ban nhân dân xã Thanh Nưa",
    "Sở Công Thương tỉnh Điện Biên",
    "Sở Tư pháp tỉnh Điện Biên",
    "Trung tâm Phục vụ hành chính công tỉnh",
    "Bộ phận Một cửa UBND phường Mường Thanh",
    "Công an xã Tuần Giáo",
    "Chi nhánh Văn phòng đăng ký đất đai",
    "Bảo hiểm xã hội tỉnh Điện Biên",
    "Sở Tài nguyên và Môi trường",
]
AGENCY_ADDRESSES = [
    "số 7 đường Võ Nguyên Giáp, phường Điện Biên Phủ",
    "số 886 đường Võ Nguyên Giáp",
    "tổ dân phố 10, phường Mường Thanh",
    "số 2 phố Trần Đăng Ninh",
    "thôn Bản Phăng, xã Mường Phăng",
    "số 19 đường 7/5, phường Mường Thanh",
]
DOCUMENTS = [
    "118/2025/NĐ-CP",
    "03/2025/TT-VPCP",
    "13/2023/NĐ-CP",
    "61/2018/NĐ-CP",
    "766/QĐ-TTg",
    "01/2018/TT-VPCP",
    "45/2020/NĐ-CP",
    "1291/QĐ-UBND",
]


class Maker:
    """Random pieces in the forms people type them."""

    def __init__(self, seed: int) -> None:
        self.r = random.Random(seed)

    def pick(self, items):
        return self.r.choice(items)

    def digits(self, n: int, first: str = "") -> str:
        return first + "".join(str(self.r.randrange(10)) for _ in range(n - len(first)))

    # -- people ------------------------------------------------------------

    def person(self) -> tuple[str, str, str]:
        return self.pick(SURNAMES), self.pick(MIDDLES), self.pick(GIVENS)

    # -- numbers -----------------------------------------------------------

    def mobile(self) -> str:
        """A mobile number in one of the ways people write it."""
        rest = self.pick(MOBILE_PREFIXES) + self.digits(7)  # 9 digits after 0
        a, b, c = rest[:3], rest[3:6], rest[6:]
        forms = [
            f"0{rest}",
            f"0{a} {b} {c}",
            f"0{a}.{b}.{c}",
            f"0{a}-{b}-{c}",
            f"0{rest[:2]} {rest[2:5]} {rest[5:]}",
            f"0{rest[:1]} {rest[1:3]} {rest[3:5]} {rest[5:7]} {rest[7:]}",
            f"+84 {a} {b} {c}",
            f"+84{rest}",
            f"84{rest}",
            f"(+84) {a} {b} {c}",
            f"(+84){rest}",
            f"+84 (0) {a} {b} {c}",
            f"+84-{a}-{b}-{c}",
            f"0{a[:1]}{a[1:]}.{b}{c[:1]}.{c[1:]}",
        ]
        return self.pick(forms)

    def landline(self) -> str:
        area, length = self.pick(LANDLINE_AREAS)
        number = self.digits(length, "3")
        if length == 8:
            a, b = number[:4], number[4:]
        else:
            a, b = number[:4], number[4:]
        forms = [
            f"0{area} {a} {b}",
            f"(0{area}) {a} {b}",
            f"0{area}.{a}.{b}",
            f"0{area}-{a}-{b}",
            f"0{area}{number}",
            f"+84 {area} {a} {b}",
            f"(0{area}) {number[:1]} {number[1:4]} {number[4:]}",
        ]
        return self.pick(forms)

    def cccd(self) -> str:
        # Province code (001 Hà Nội ... 011 Điện Biên), sex/century, year, serial.
        code = self.pick(["001", "011", "014", "012", "079"])
        n = code + self.pick(["0", "1", "2", "3"]) + self.digits(8)
        forms = [
            n,
            f"{n[:3]} {n[3:6]} {n[6:9]} {n[9:]}",
            f"{n[:3]}-{n[3:6]}-{n[6:]}",
            f"{n[:4]} {n[4:8]} {n[8:]}",
            f"{n[:3]}.{n[3:6]}.{n[6:9]}.{n[9:]}",
            f"{n[:6]} {n[6:]}",
            f"{n[:3]} {n[3:]}",
        ]
        return self.pick(forms)

    def cmnd(self) -> str:
        n = self.pick(["0", "1", "2", "04"]) + self.digits(9)
        n = n[:9]
        forms = [n, f"{n[:3]} {n[3:6]} {n[6:]}", f"{n[:3]}.{n[3:6]}.{n[6:]}"]
        forms += [f"{n[:3]}-{n[3:6]}-{n[6:]}", f"{n[:4]} {n[4:]}"]
        return self.pick(forms)

    def tax_code(self) -> str:
        n = self.pick(["80", "81", "01", "56", "84"]) + self.digits(8)
        forms = [n, f"{n}-{self.digits(3, '0')}", f"{n[:3]} {n[3:6]} {n[6:]}"]
        forms += [f"{n[:4]}.{n[4:7]}.{n[7:]}"]
        return self.pick(forms)

    def account(self) -> str:
        length = self.pick([9, 10, 12, 13, 14, 16, 19, 8, 7])
        n = self.digits(length, self.pick(["0", "1", "2", "3", "7", "9"]))
        if length >= 12 and self.r.random() < 0.5:
            n = " ".join(n[i : i + 4] for i in range(0, len(n), 4))
        elif length >= 9 and self.r.random() < 0.3:
            n = "-".join(n[i : i + 3] for i in range(0, len(n), 3))
        return n

    def plate(self) -> str:
        province = self.pick(["27", "29", "30", "51", "43", "26", "24"])
        series = self.pick(["A", "B", "C", "D", "E", "F", "G", "H", "K", "LD"])
        moto = self.pick(["B1", "C1", "F1", "AA", "H1", "D2"])
        d = self.digits(5)
        forms = [
            f"{province}{series}-{d[:3]}.{d[3:]}",
            f"{province}{series} {d[:3]}.{d[3:]}",
            f"{province}{series}-{d}",
            f"{province}{moto} {d[:3]}.{d[3:]}",
            f"{province}{moto}-{d[:3]}.{d[3:]}",
            f"{province}-{moto} {d[:3]}.{d[3:]}",
            f"{province}{series}{d}",
            f"{province}{moto}-{d}",
            f"{province}{series.lower()}-{d[:3]}.{d[3:]}",
        ]
        return self.pick(forms)

    def email(self) -> str:
        domain = self.pick(
            ["gmail.com", "yahoo.com.vn", "dienbien.gov.vn", "outlook.com"]
        )
        return f"{self.pick(EMAIL_USERS)}{self.r.randrange(100)}@{domain}"

    # -- the kept parts ------------------------------------------------------

    def procedure_code(self) -> str:
        level = self.pick(["1", "2", "3"])
        code = f"{level}.{self.digits(6, '00')}"
        if self.r.random() < 0.3:
            code += f".000.00.00.H{self.pick(['12', '40', '01'])}"
        return code

    def dossier_code(self) -> str:
        agency = self.pick(["H12.22", "H40.01", "000.00.16.H40", "H12.10.05"])
        month, day = self.r.randrange(1, 13), self.r.randrange(1, 29)
        seq = self.digits(4, "0")
        if self.r.random() < 0.2:
            return f"{agency}-26{month:02d}{day:02d}-{seq}"
        return f"{agency}-2026{month:02d}{day:02d}-{seq}"

    def date(self) -> str:
        d, m = self.r.randrange(1, 29), self.r.randrange(1, 13)
        y = self.pick(["2024", "2025", "2026"])
        forms = [f"{d:02d}/{m:02d}/{y}", f"{d}/{m}/{y}", f"ngày {d} tháng {m} năm {y}"]
        forms += [f"{d:02d}-{m:02d}-{y}", f"{d}.{m}.{y}"]
        return self.pick(forms)

    def amount(self) -> str:
        value = self.pick([50_000, 100_000, 1_500_000, 200_000, 35_000, 2_000_000])
        value = self.pick([value, value * 10, 12_500_000_000])
        text = f"{value:,}".replace(",", ".")
        unit = self.pick([" đồng", "đ", " VNĐ", " đ", " triệu"])
        if unit == " triệu":
            text, unit = str(value // 1_000_000 or 1), " triệu đồng"
        return text + unit

    def hotline(self) -> str:
        return self.pick(
            [
                "1900 1234",
                "1900.9090",
                "1800 1091",
                "1800.6868",
                "0215.3826.456",
                "0215 3825 789",
                "(0215) 3 830 113",
                "024 3825 1234",
            ]
        )


def spaced(text: str, r: random.Random) -> str:
    """Double spaces between some words, as phones' keyboards leave them."""
    return "  ".join(text.split()) if r.random() < 0.5 else text.replace(" ", "   ", 1)


def name_forms(m: Maker, person: tuple[str, str, str]) -> list[tuple[str, str]]:
    """(how the text writes the name, what must disappear)."""
    surname, middle, given = person
    full = f"{surname} {middle} {given}"
    folded = fold(full)
    forms = [
        (full, full),
        (unicodedata.normalize("NFD", full), full),
        (folded, full),
        (full.upper(), full),
        (folded.upper(), full),
        (full.lower(), full),
        (folded.lower(), full),
        (spaced(full, m.r), full),
        (f"{middle} {given}", f"{middle} {given}"),
        (f"{given} {surname}", f"{given} {surname}"),
        (f"{surname} {given}", f"{surname} {given}"),
    ]
    if " " in given:
        forms += [(given, given), (fold(given), given)]
    return forms


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    )


def form_name(m: Maker, person: tuple[str, str, str]) -> str:
    """The name as typed in the form's field (sometimes another form)."""
    full = " ".join(person)
    return m.pick(
        [
            full,
            full,
            unicodedata.normalize("NFD", full),
            fold(full),
            full.upper(),
            f" {full}  ",
        ]
    )


# --- personal sentences ----------------------------------------------------------


def personal(m: Maker) -> list[dict]:
    items: list[dict] = []

    def add(category, text, secrets, keep=(), names=()):
        items.append(
            {
                "kind": "personal",
                "category": category,
                "text": text,
                "names": list(names),
                "secrets": list(secrets),
                "keep": list(keep),
            }
        )

    phone_templates = [
        "Số điện thoại của tôi: {v}, mong được liên hệ sớm.",
        "Tôi đã nộp hồ sơ {dossier} từ {date} nhưng chưa có kết quả, liên hệ {v}.",
        "SĐT {v} (Zalo cùng số).",
        "Gọi cho tôi theo số {v} trong giờ hành chính.",
        "Điện thoại: {v}",
        "đt {v} gặp tôi",
        "Xin liên hệ qua số {v}, cảm ơn quý cơ quan.",
        "Nhà tôi ở gần {agency}, sđt nhà {v}.",
        "Tôi đã gọi nhiều lần từ số {v} nhưng không ai nghe máy.",
        "Thủ tục {procedure} nộp {amount} rồi, số liên lạc {v}.",
    ]
    for i in range(40):
        value = m.mobile() if i % 3 else m.landline()
        if i % 4 == 3:
            value = m.landline()
        t = m.pick(phone_templates)
        parts = {
            "dossier": m.dossier_code(),
            "date": m.date(),
            "agency": m.pick(AGENCIES),
            "procedure": m.procedure_code(),
            "amount": m.amount(),
        }
        keep = [parts[k] for k in parts if "{" + k + "}" in t]
        category = "phone" if i % 3 and i % 4 != 3 else "landline"
        add(category, t.format(v=value, **parts), [value], keep)

    id_templates = [
        ("cccd", "Tôi là công dân, CCCD số {v} cấp ngày {date}."),
        ("cccd", "Căn cước công dân: {v}"),
        ("cccd", "số định danh cá nhân {v}, đề nghị kiểm tra lại."),
        ("cccd", "Mã định danh {v} của tôi bị sai ngày sinh."),
        ("cccd", "tôi có cccd {v} nhưng hệ thống báo không tìm thấy"),
        ("cccd", "Hồ sơ {dossier} của tôi (CCCD {v}) bị trả lại."),
        ("cccd", "{v} là số căn cước của tôi."),
        ("cmnd", "CMND số {v} cấp năm 2012 tại Công an tỉnh."),
        ("cmnd", "chứng minh nhân dân {v}"),
        ("cmnd", "Tôi dùng CMND cũ {v}, nay đã đổi sang căn cước."),
        ("cmnd", "số CMT: {v}"),
        ("tax", "Mã số thuế cá nhân {v}, đề nghị hoàn thuế theo {document}."),
        ("tax", "MST: {v}"),
        ("tax", "MST cá nhân của tôi là {v} nhưng tra cứu không thấy."),
    ]
    for i in range(70):
        category, t = id_templates[i % len(id_templates)]
        value = {"cccd": m.cccd, "cmnd": m.cmnd, "tax": m.tax_code}[category]()
        parts = {
            "date": m.date(),
            "dossier": m.dossier_code(),
            "document": m.pick(DOCUMENTS),
        }
        keep = [parts[k] for k in parts if "{" + k + "}" in t]
        add(category, t.format(v=value, **parts), [value], keep)

    bank_templates = [
        "Đề nghị hoàn trả {amount} vào STK {v} {bank}.",
        "Số tài khoản: {v} tại {bank}, chủ tài khoản là tôi.",
        "STK {v} - {bank}",
        "tài khoản {bank} số {v}",
        "Chuyển khoản giúp tôi vào {bank} {v}, cảm ơn.",
        "stk: {v} ({bank})",
        "Tôi đã nộp lệ phí {amount} từ số TK {v}.",
    ]
    for i in range(30):
        t = bank_templates[i % len(bank_templates)]
        value = m.account()
        amount = m.amount()
        keep = [amount] if "{amount}" in t else []
        add("bank", t.format(v=value, bank=m.pick(BANKS), amount=amount), [value], keep)

    plate_templates = [
        "Xe máy biển số {v} của tôi bị tạm giữ từ {date}.",
        "Biển kiểm soát {v}, đề nghị trả lại xe.",
        "BKS {v}",
        "ô tô {v} đăng ký tại Công an tỉnh",
        "Xe {v} bị phạt nguội nhưng tôi không vi phạm.",
    ]
    for i in range(30):
        t = plate_templates[i % len(plate_templates)]
        value, date = m.plate(), m.date()
        keep = [date] if "{date}" in t else []
        add("plate", t.format(v=value, date=date), [value], keep)

    email_templates = [
        "Thư điện tử: {v}",
        "liên hệ tôi qua {v} nhé",
        "Email {v}, mong phản hồi.",
    ]
    for i in range(12):
        t = email_templates[i % len(email_templates)]
        value = m.email()
        add("email", t.format(v=value), [value])

    name_templates = [
        "Tôi là {v}, đề nghị UBND xã xem xét.",
        "Tôi tên {v}, sinh năm 1985.",
        "Người nộp hồ sơ: {v}",
        "Tôi, {v}, xin phản ánh việc chậm trả kết quả hồ sơ {dossier}.",
        "Họ và tên: {v}. Nội dung: hồ sơ bị trễ hẹn.",
        "Ủy quyền cho {v} nhận kết quả thay.",
        "Đại diện hộ gia đình là {v}.",
        "Kính gửi quý cơ quan, {v} xin trình bày như sau.",
        "Con tôi là {v} chưa được cấp giấy khai sinh theo {document}.",
        "Gửi {agency}: tôi là {v}, đã nộp {amount} lệ phí.",
        "Ký tên: {v}",
    ]
    for i in range(80):
        t = name_templates[i % len(name_templates)]
        people = [m.person()]
        if "Ủy quyền" in t or "Con tôi" in t or "Đại diện" in t:
            people.append(m.person())  # the representative / the applicant
        target = people[-1]
        forms = name_forms(m, target)
        written, secret = forms[i % len(forms)]
        parts = {
            "dossier": m.dossier_code(),
            "document": m.pick(DOCUMENTS),
            "agency": m.pick(AGENCIES),
            "amount": m.amount(),
        }
        keep = [parts[k] for k in parts if "{" + k + "}" in t]
        add(
            "name",
            t.format(v=written, **parts),
            [secret],
            keep,
            names=[form_name(m, p) for p in people],
        )

    # A single given name after an honorific is allowed to stay (the issue):
    # only the full name must go.
    for _i in range(8):
        person = m.person()
        surname, middle, given = person
        last = given.split()[-1]
        honorific = "chị" if middle == "Thị" else "anh"
        text = (
            f"Tôi là {surname} {middle} {given}, cán bộ gọi tôi là {honorific} "
            f"{last} và hẹn ngày {m.date()}."
        )
        add("name", text, [f"{surname} {middle} {given}"], names=[form_name(m, person)])

    address_templates = [
        ("Địa chỉ: {house}, {commune}.", "house"),
        ("địa chỉ: {hamlet}, {commune}", "hamlet"),
        ("Tôi thường trú tại {hamlet}, {commune}, đề nghị xác nhận.", "hamlet"),
        ("Nhà tôi ở {house}, {commune}, bị cắt điện từ {date}.", "house"),
        ("Gia đình tôi sống ở {hamlet} đã lâu.", "hamlet"),
        ("tạm trú {house}", "house"),
        ("Tôi ở {hamlet}, {commune}, chưa được cấp giấy chứng nhận.", "hamlet"),
        ("Đề nghị gửi kết quả về {house}, {commune}.", "house"),
        ("Nơi ở hiện nay: {hamlet}", "hamlet"),
        ("Tôi sinh sống tại {house}, {commune} từ năm 2010.", "house"),
        ("Nhà em ở {hamlet} cách {agency} 5 km.", "hamlet"),
    ]
    for i in range(66):
        t, what = address_templates[i % len(address_templates)]
        house, house_secrets = house_address(m)
        hamlet, hamlet_secrets = hamlet_address(m)
        date, agency = m.date(), m.pick(AGENCIES)
        secrets = house_secrets if what == "house" else hamlet_secrets
        keep = [date] if "{date}" in t else []
        keep += [agency] if "{agency}" in t else []
        add(
            "address",
            t.format(
                house=house,
                hamlet=hamlet,
                commune=m.pick(COMMUNES),
                date=date,
                agency=agency,
            ),
            secrets,
            keep,
        )

    # Several kinds at once, as real petitions do.
    for _i in range(24):
        person = m.person()
        full = " ".join(person)
        written, name_secret = m.pick(name_forms(m, person))
        phone, cccd = m.mobile(), m.cccd()
        hamlet, hamlet_secrets = hamlet_address(m)
        dossier, procedure = m.dossier_code(), m.procedure_code()
        text = m.pick(
            [
                f"Tôi là {written}, CCCD {cccd}, trú tại {hamlet}, {m.pick(COMMUNES)}. "
                f"Hồ sơ {dossier} (thủ tục {procedure}) đã quá hạn, gọi {phone}.",
                f"Kính gửi {m.pick(AGENCIES)}. Tôi tên {written} ({phone}), ở {hamlet}. "
                f"Căn cước {cccd}. Đề nghị giải quyết hồ sơ {dossier} theo thủ tục {procedure}.",
                f"{written} - {phone} - {cccd} - {hamlet}: hồ sơ {dossier}, thủ tục {procedure}.",
            ]
        )
        add(
            "mixed",
            text,
            [name_secret, phone, cccd, *hamlet_secrets],
            [dossier, procedure],
            names=[m.pick([full, fold(full), unicodedata.normalize("NFD", full)])],
        )
    return items


def house_address(m: Maker) -> tuple[str, list[str]]:
    """A street address and the values that must go with it."""
    number = m.pick(
        [str(m.r.randrange(2, 300)), f"{m.r.randrange(2, 99)}/{m.r.randrange(2, 30)}"]
    )
    number += m.pick(["", "", "", "A", "B"])
    street = m.pick(STREETS)
    place = m.pick(HAMLET_NAMES)
    alley, sub = m.r.randrange(2, 200), m.r.randrange(2, 60)
    forms = [
        (f"số {number} đường {street}", [f"{number} đường {street}"]),
        (f"số nhà {number} phố {street}", [f"số nhà {number}", street]),
        (f"nhà số {number} {street}", [f"số {number} {street}"]),
        (f"{number} {street}", [f"{number} {street}"]),
        (f"số {number} ngõ {alley} phố {street}", [f"số {number}", f"ngõ {alley}"]),
        (f"ngõ {alley} ngách {sub} đường {street}", [f"ngõ {alley}", f"ngách {sub}"]),
        (f"ngõ {alley}/{sub} {street}", [f"ngõ {alley}/{sub}"]),
        (f"hẻm {alley}/{sub} đường {street}", [f"hẻm {alley}/{sub}"]),
        (f"kiệt {alley} {street}", [f"kiệt {alley}"]),
        (f"số {number}, hẻm {alley}, đường {street}", [f"số {number}", f"hẻm {alley}"]),
        (f"tổ {sub}, tổ dân phố {place}", [f"tổ {sub}", place]),
    ]
    return m.pick(forms)


def hamlet_address(m: Maker) -> tuple[str, list[str]]:
    place = m.pick(HAMLET_NAMES)
    number = str(m.r.randrange(1, 20))
    forms = [
        (f"thôn {place}", [f"thôn {place}"]),
        (f"bản {place}", [f"bản {place}"]),
        (f"ấp {place}", [f"ấp {place}"]),
        (f"xóm {place}", [f"xóm {place}"]),
        (f"xóm {number}", [f"xóm {number}"]),
        (f"tổ dân phố {place}", [f"tổ dân phố {place}"]),
        (f"tổ dân phố số {number}", [f"tổ dân phố số {number}"]),
        (f"tổ dân phố {number}", [f"tổ dân phố {number}"]),
        (f"khu phố {number}", [f"khu phố {number}"]),
        (f"Thôn {place}", [f"thôn {place}"]),
        (f"thon {fold(place).lower()}", [f"thon {fold(place).lower()}"]),
        (f"ban {fold(place)}", [f"ban {fold(place)}"]),
        (f"buôn {place}", [f"buôn {place}"]),
        (f"bản {place}", [f"bản {place}"]),
    ]
    return m.pick(forms)


# --- sentences that must survive ---------------------------------------------------


def survivors(m: Maker) -> list[dict]:
    items: list[dict] = []

    def add(category, text, keep, names):
        items.append(
            {
                "kind": "survive",
                "category": category,
                "text": text,
                "names": names,
                "secrets": [],
                "keep": list(keep),
            }
        )

    templates = [
        (
            "procedure",
            "Thủ tục {procedure} cần nộp bản sao giấy khai sinh.",
            ["procedure"],
        ),
        (
            "procedure",
            "Mã thủ tục: {procedure}; thời hạn giải quyết 05 ngày làm việc.",
            ["procedure"],
        ),
        (
            "dossier",
            "Hồ sơ {dossier} đã quá hạn so với ngày hẹn {date}.",
            ["dossier", "date"],
        ),
        (
            "dossier",
            "Mã hồ sơ {dossier}, tiếp nhận tại {agency}.",
            ["dossier", "agency"],
        ),
        (
            "document",
            "Theo Nghị định {document}, thời hạn là 03 ngày làm việc.",
            ["document"],
        ),
        (
            "document",
            "Căn cứ Thông tư {document} và Quyết định 1291/QĐ-UBND ngày {date}.",
            ["document", "date"],
        ),
        (
            "amount",
            "Lệ phí là {amount}, phí thẩm định {amount2}.",
            ["amount", "amount2"],
        ),
        (
            "amount",
            "Tôi đã nộp {amount} ngày {date} nhưng chưa có biên lai.",
            ["amount", "date"],
        ),
        ("agency", "{agency} chưa trả lời văn bản của chúng tôi.", ["agency"]),
        (
            "agency",
            "Đề nghị {agency} và UBND thị trấn Tuần Giáo phối hợp giải quyết.",
            ["agency", "UBND thị trấn Tuần Giáo"],
        ),
        (
            "agency_address",
            "{agency}, địa chỉ: {agency_address}, làm việc từ thứ Hai đến thứ Sáu.",
            ["agency", "agency_address"],
        ),
        (
            "agency_address",
            "Tôi đã đến {agency} tại {agency_address} để nộp hồ sơ.",
            ["agency", "agency_address"],
        ),
        (
            "agency_address",
            "Trụ sở {agency}: {agency_address}.",
            ["agency", "agency_address"],
        ),
        ("hotline", "Đường dây nóng của {agency}: {hotline}.", ["agency", "hotline"]),
        (
            "hotline",
            "Tôi đã gọi tổng đài {hotline} nhưng chưa được hướng dẫn.",
            ["hotline"],
        ),
        (
            "hotline",
            "Hotline hỗ trợ dịch vụ công {hotline}, thư điện tử sotuphap@dienbien.gov.vn.",
            ["hotline", "sotuphap@dienbien.gov.vn"],
        ),
        ("date", "Ngày {date} tôi nộp hồ sơ, hẹn trả ngày {date2}.", ["date", "date2"]),
        (
            "words",
            "Văn bản số 45/UBND-VP ngày {date} gửi kèm bản chính và bản sao.",
            ["45/UBND-VP", "date", "bản chính", "bản sao"],
        ),
        (
            "words",
            "Cán bộ tổ một cửa đã hướng dẫn tổ chức, cá nhân bổ sung hồ sơ trong 02 ngày.",
            ["tổ một cửa", "tổ chức", "02 ngày"],
        ),
        (
            "words",
            "Bản khai, Tờ khai và Giấy ủy quyền đã nộp đủ, an toàn và đúng hạn.",
            ["Bản khai", "Tờ khai", "an toàn", "đúng hạn"],
        ),
        (
            "words",
            "Kết quả trả tại xã Mường Phăng, thị trấn Mường Ảng, phường Mường Thanh.",
            ["xã Mường Phăng", "thị trấn Mường Ảng", "phường Mường Thanh"],
        ),
        (
            "words",
            "Số lượng hồ sơ: 2 bộ; thời gian 8 giờ 30 đến 11 giờ; phòng số 3 tầng 2.",
            ["2 bộ", "8 giờ 30", "phòng số 3"],
        ),
        (
            "mixed",
            "Hồ sơ {dossier} theo thủ tục {procedure} (Nghị định {document}) nộp {amount} tại {agency} ngày {date}.",
            ["dossier", "procedure", "document", "amount", "agency", "date"],
        ),
        (
            "mixed",
            "Năm 2025 có 1.250 hồ sơ, tăng 15% so với năm 2024; 98,5% đúng hạn.",
            ["1.250", "15%", "2024", "98,5%"],
        ),
    ]
    for i in range(130):
        category, t, keys = templates[i % len(templates)]
        parts = {
            "procedure": m.procedure_code(),
            "dossier": m.dossier_code(),
            "date": m.date(),
            "date2": m.date(),
            "document": m.pick(DOCUMENTS),
            "amount": m.amount(),
            "amount2": m.amount(),
            "agency": m.pick(AGENCIES),
            "agency_address": m.pick(AGENCY_ADDRESSES),
            "hotline": m.hotline(),
        }
        keep = [parts.get(k, k) for k in keys]
        # The petition still has a submitter whose name is searched for.
        person = m.person()
        add(category, t.format(**parts), keep, [form_name(m, person)])
    return items


def generate() -> list[dict]:
    m = Maker(SEED)
    items = personal(m) + survivors(m)
    counters: dict[str, int] = {}
    for item in items:
        prefix = f"{item['kind']}-{item['category']}"
        counters[prefix] = counters.get(prefix, 0) + 1
        item["id"] = f"{prefix}-{counters[prefix]:03d}"
    return [{"id": item.pop("id"), **item} for item in items]


def render(items: list[dict]) -> str:
    return "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items)


if __name__ == "__main__":
    OUTPUT.write_text(render(generate()), encoding="utf-8")
    counts: dict[str, int] = {}
    for item in generate():
        counts[item["kind"]] = counts.get(item["kind"], 0) + 1
    sys.stdout.write(f"{OUTPUT}: {counts}\n")
