"""Query rules as citizens meet them: matched as typed, rewritten with the
catalogue's diacritics (no engine needed; the ranking tests use one)."""

from __future__ import annotations

import pytest

from search import synonyms
from search.queries import without_citizen_phrasing

RULES = synonyms.build_table(
    [
        "sang tên sổ đỏ => đăng ký biến động quyền sử dụng đất",
        "mất, bị mất => cấp lại, trình báo mất",
        "bằng lái => giấy phép lái xe",
        "làm lại => cấp lại",
        "cccd, căn cước công dân",
        "kí => ký",
    ]
)


def test_a_query_typed_with_diacritics_keeps_them_in_its_rewordings():
    # "biến động" stays "biến động": folded, it read "bien dong", whose
    # "bien" is also the "biện" of "biện pháp bảo đảm".
    assert synonyms.expand("sang tên sổ đỏ", RULES) == [
        "đăng ký biến động quyền sử dụng đất"
    ]
    assert synonyms.expand("mất căn cước", RULES) == [
        "cấp lại căn cước",
        "trình báo mất căn cước",
    ]
    # The query's own words stay as typed, the rule's phrase as written.
    assert "cấp lại giấy phép lái xe" in synonyms.expand("làm lại bằng lái", RULES)


def test_a_query_typed_without_diacritics_gets_folded_rewordings():
    assert synonyms.expand("sang ten so do", RULES) == [
        "dang ky bien dong quyen su dung dat"
    ]
    assert synonyms.expand("mat cccd", RULES)[:2] == [
        "cap lai can cuoc cong dan",
        "trinh bao mat can cuoc cong dan",
    ]


@pytest.mark.parametrize(
    "typed",
    [
        "mặt nạ",  # "mặt" is not "mất"
        "bằng lại",  # "lại" is not "lái"
        "làm lái",
    ],
)
def test_a_word_typed_with_other_diacritics_is_not_the_rules(typed):
    assert synonyms.expand(typed, RULES) == []


def test_a_word_typed_partly_without_diacritics_still_matches():
    # "mat" could be "mất": typed without diacritics, the folded form matches.
    assert "cấp lại thẻ căn cước" in synonyms.expand("mat thẻ căn cước", RULES)
    assert synonyms.expand("Kí hợp đồng", RULES) == ["ký hợp đồng"]


def test_the_longest_phrase_wins_and_phrases_do_not_overlap():
    rules = synonyms.build_table(
        [
            "sổ đỏ => giấy chứng nhận",
            "sang tên sổ đỏ => đăng ký biến động quyền sử dụng đất",
        ]
    )
    variants = synonyms.expand("sang tên sổ đỏ", rules)
    assert variants[0] == "đăng ký biến động quyền sử dụng đất"
    assert "sang tên giấy chứng nhận" not in variants


def test_sources_with_different_diacritics_are_different_rules():
    rules = synonyms.build_table(["lái => lái xe", "lại => cấp lại"])
    assert synonyms.expand("bằng lái", rules) == ["bằng lái xe"]
    assert synonyms.expand("làm lại", rules) == ["làm cấp lại"]
    # Folded, both rules match.
    assert synonyms.expand("bang lai", rules) == ["bang lai xe", "bang cap lai"]


# --- the starter vocabulary, as the migrations give it to editors -----------


def _starter_rows() -> dict[str, str]:
    """Rule -> kind after migrations 0002, 0004, 0006, 0007 and 0008 (the test
    database's rows may have been flushed by a transactional test)."""
    import importlib

    def migration(name):
        return importlib.import_module(f"search.migrations.{name}")

    m2 = migration("0002_starter_synonyms")
    m4 = migration("0004_starter_query_rules")
    m6 = migration("0006_more_query_rules")
    m7 = migration("0007_everyday_vocabulary")
    m8 = migration("0008_expiry_and_english_words")
    rows = dict.fromkeys(m2.ABBREVIATIONS, "abbreviation")
    rows |= dict.fromkeys(m2.EVERYDAY, "everyday")
    for rule in m4.MOVED:
        rows.pop(rule, None)
    for kind, rules in (
        ("intent", m4.INTENT),
        ("filler", m4.FILLER),
        ("everyday", m4.EVERYDAY),
        ("spelling", m4.SPELLING),
        ("abbreviation", m4.ABBREVIATIONS),
    ):
        rows |= dict.fromkeys(rules, kind)
    for module in (m6, m7, m8):
        for old, (kind, new) in module.REPLACED.items():
            rows.pop(old, None)
            rows[new] = kind
    rows |= {rule: kind for kind, rule in m6.RULES}
    for module in (m7, m8):
        for rule in module.REMOVED:
            rows.pop(rule, None)
        rows |= {rule: kind for kind, rule in module.RULES}
    return rows


STARTER = _starter_rows()
STARTER_TABLE = synonyms.build_table(
    [rule for rule, kind in STARTER.items() if kind != synonyms.FILLER]
)
STARTER_FILLERS = [
    phrase
    for rule, kind in STARTER.items()
    if kind == synonyms.FILLER
    for phrase in synonyms.parse_fillers(rule)
]


def test_every_starter_rule_is_valid():
    for rule, kind in STARTER.items():
        synonyms.parse_rule(rule, kind)  # raises on a malformed rule


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        # Land: the catalogue's words for a transfer, a gift, a dispute.
        ("sang tên sổ đỏ", "đăng ký biến động chuyển nhượng quyền sử dụng đất"),
        ("sang ten so hong", "dang ky bien dong chuyen nhuong quyen su dung dat"),
        ("cho tặng đất cho con", "tặng cho quyền sử dụng đất"),
        ("tranh chấp đất với hàng xóm", "hòa giải tranh chấp đất đai với hàng xóm"),
        ("sổ đỏ bị sai tên", "đính chính giấy chứng nhận tên"),
        ("chuyển đất nông nghiệp sang đất ở", "chuyển mục đích sử dụng đất sang đất ở"),
        ("cầm sổ đỏ vay ngân hàng", "đăng ký biện pháp bảo đảm bằng quyền sử dụng đất"),
        # Building: a household's permit is "cấp giấy phép xây dựng mới".
        ("xin phép xây nhà", "cấp giấy phép xây dựng mới"),
        ("sửa nhà có cần giấy phép", "giấy phép xây dựng sửa chữa cải tạo"),
        # Household businesses.
        ("mở quán cà phê", "đăng ký thành lập hộ kinh doanh"),
        ("làm giấy phép kinh doanh", "giấy chứng nhận đăng ký hộ kinh doanh"),
        ("trả giấy phép kinh doanh", "chấm dứt hoạt động hộ kinh doanh"),
        ("đổi địa chỉ hộ kinh doanh", "thay đổi nội dung đăng ký hộ kinh doanh"),
        # Insurance.
        ("rút bảo hiểm một lần", "hưởng bảo hiểm xã hội một lần"),
        ("tiền thai sản", "hưởng chế độ thai sản"),
        ("đổi nơi khám bệnh", "cấp đổi thẻ bảo hiểm y tế"),
        ("hoàn tiền khám bệnh bhyt", "thanh toán trực tiếp chi phí khám chữa bệnh"),
        # Civil status, residence, identity.
        ("lấy chồng nước ngoài", "đăng ký kết hôn có yếu tố nước ngoài"),
        ("ghi chú ly hôn", "ghi vào sổ hộ tịch ly hôn"),
        ("nhận cha con", "nhận cha mẹ con"),
        ("bố qua đời làm giấy gì", "khai tử"),
        ("chuyển hộ khẩu", "đăng ký thường trú"),
        ("khai báo lưu trú", "thông báo lưu trú"),
        ("giấy xác nhận cư trú", "xác nhận thông tin về cư trú"),
        ("đổi chứng minh nhân dân", "thẻ căn cước"),
        ("thi bằng lái xe máy", "cấp giấy phép lái xe"),
        ("bấm biển số xe", "cấp biển số xe"),
        # Certification, justice, support.
        ("dịch thuật công chứng", "chứng thực chữ ký người dịch"),
        ("lập di chúc", "chứng thực di chúc"),
        ("xin hộ nghèo", "công nhận hộ nghèo"),
        ("liệt sĩ", "liệt sỹ"),
        # An expired or damaged paper is renewed.
        ("thẻ căn cước hết hạn", "thẻ căn cước cấp đổi"),
        ("bang lai bi hong", "giay phep lai xe doi"),
        # English.
        ("red book", "land use right certificate"),
        ("lost id", "lost identity card"),
        ("close my shop", "closing a household business"),
        ("get married", "marriage"),
        ("police clearance", "criminal record"),
    ],
)
def test_everyday_words_reach_the_catalogues(typed, meant):
    query = without_citizen_phrasing(typed, STARTER_FILLERS)
    variants = synonyms.expand(query, STARTER_TABLE)
    assert any(meant in variant for variant in variants), variants


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("làm sổ đỏ mất bao nhiêu ngày", "làm sổ đỏ"),
        ("đăng ký kết hôn cần chuẩn bị gì", "đăng ký kết hôn"),
        ("khai sinh cho con có mất phí không", "khai sinh"),
        ("passport renewal how long does it take", "passport renewal"),
        # An English "a" is not the Vietnamese "ạ".
        ("restore a passport", "restore a passport"),
    ],
)
def test_question_words_are_dropped(typed, meant):
    assert without_citizen_phrasing(typed, STARTER_FILLERS) == meant


@pytest.mark.parametrize(
    "typed",
    [
        # "cho đất" would make every "... cho đất ..." a gift of land.
        "xin cấp sổ đỏ cho đất ông bà để lại",
        # "nhập khẩu" is customs' import, not "nhập hộ khẩu".
        "thủ tục nhập khẩu hàng hóa",
    ],
)
def test_ambiguous_everyday_words_are_not_rules(typed):
    variants = synonyms.expand(typed, STARTER_TABLE)
    assert not any("tặng cho" in v or "thường trú" in v for v in variants)
