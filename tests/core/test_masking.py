"""Personal data is masked in the public copy; harmless numbers survive."""

from __future__ import annotations

import pytest

from core.masking import (
    ACCOUNT_MASK,
    ADDRESS_MASK,
    EMAIL_MASK,
    ID_MASK,
    NAME_MASK,
    PHONE_MASK,
    PLATE_MASK,
    mask_text,
    normalise_phone,
)


@pytest.mark.parametrize(
    ("text", "secret", "mask"),
    [
        ("liên hệ tôi qua an.nguyen+pakn@gmail.com nhé", "an.nguyen", EMAIL_MASK),
        ("số máy 0912 345 678 của tôi", "345", PHONE_MASK),
        ("gọi 0912.345.678", "345", PHONE_MASK),
        ("gọi +84 912 345 678", "912", PHONE_MASK),
        ("điện thoại bàn 024 3825 1234", "3825", PHONE_MASK),
        ("CCCD số 001203004567 cấp 2021", "001203004567", ID_MASK),
        ("CMND 123456789", "123456789", ID_MASK),
        ("CCCD 001203004567.", "001203004567", ID_MASK),
        ("Địa chỉ: 12 Lý Thường Kiệt, Hoàn Kiếm", "Lý Thường", ADDRESS_MASK),
        ("tôi thường trú tại thôn Đông, xã Yên Phú", "thôn Đông", ADDRESS_MASK),
        ("nhà ở số 5 ngõ 34 phố Huế", "phố Huế", ADDRESS_MASK),
        ("tôi là Nguyễn Văn An, đề nghị", "Nguyễn Văn An", NAME_MASK),
    ],
)
def test_personal_data_is_masked(text, secret, mask):
    masked = mask_text(text, names=("Nguyễn Văn An",))
    assert secret not in masked
    assert mask in masked


def test_procedure_codes_dates_and_amounts_survive():
    text = "Thủ tục 1.001193 ngày 12/05/2025 thu 50.000 đồng, chờ 15 ngày"
    assert mask_text(text) == text


def test_phone_normalisation():
    assert normalise_phone("+84 912-345-678") == "0912345678"
    assert normalise_phone("0912.345.678") == "0912345678"


# Sentences that are not in the generated corpus (tests/core/pii-corpus/).

NGOC = ("Trần Thị Bích Ngọc",)


def test_the_variants_of_issue_12_are_masked():
    text = (
        "Tôi là Tran Thi Bich Ngoc, số điện thoại (+84) 912 345 678, "
        "CCCD 001 099 012 345."
    )
    masked = mask_text(text, names=NGOC)
    assert masked == (
        f"Tôi là {NAME_MASK}, số điện thoại {PHONE_MASK}, CCCD {ID_MASK}."
    )


def test_nfd_text_against_an_nfc_name_and_an_address_without_label():
    import unicodedata

    text = unicodedata.normalize(
        "NFD", "Tôi là Trần Thị Bích Ngọc, ở số 12 ngõ 45 phố Kim Mã, Ba Đình."
    )
    assert mask_text(text, names=NGOC) == (
        f"Tôi là {NAME_MASK}, ở {ADDRESS_MASK}, Ba Đình."
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Liên hệ chị Bích Ngọc.", f"Liên hệ chị {NAME_MASK}."),
        ("ủy quyền cho ngoc tran thi bich", f"ủy quyền cho {NAME_MASK}"),
        ("TRẦN THỊ BÍCH NGỌC - 0912345678", f"{NAME_MASK} - {PHONE_MASK}"),
        # A single given name after an honorific may stay (issue 12).
        (
            "Chị Ngọc đề nghị UBND xã giải quyết.",
            "Chị Ngọc đề nghị UBND xã giải quyết.",
        ),
        # Parts of the name that are common words stay where no given name is.
        ("UBND thị trấn Tuần Giáo", "UBND thị trấn Tuần Giáo"),
    ],
)
def test_names_in_any_form(text, expected):
    assert mask_text(text, names=NGOC) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Xe máy BKS 27B1-234.56, stk 1903 5555 6666 01 Techcombank.",
            f"Xe máy BKS {PLATE_MASK}, stk {ACCOUNT_MASK} Techcombank.",
        ),
        ("tài khoản Agribank số 1373071", f"tài khoản Agribank số {ACCOUNT_MASK}"),
        (
            "Mã số thuế: 8012345678-001; CMND cũ: 012 345 678",
            f"Mã số thuế: {ID_MASK}; CMND cũ: {ID_MASK}",
        ),
        (
            "Gia đình tôi ở bản Huổi Phạ, thuộc xã Mường Phăng.",
            f"Gia đình tôi ở {ADDRESS_MASK}, thuộc xã Mường Phăng.",
        ),
        (
            "Tôi ở tổ 7 phường Mường Thanh; nhà số 45/2 Lê Lợi.",
            f"Tôi ở {ADDRESS_MASK} phường Mường Thanh; {ADDRESS_MASK}.",
        ),
        (
            "Tôi sống ở hẻm 12/4 đường Nguyễn Trãi, gần chợ.",
            f"Tôi sống ở {ADDRESS_MASK}, gần chợ.",
        ),
        (
            "Hộ khẩu thường trú: xóm 3, thôn Yên Lạc. Tôi đề nghị",
            f"Hộ khẩu thường trú: {ADDRESS_MASK}. Tôi đề nghị",
        ),
    ],
)
def test_numbers_and_addresses(text, expected):
    assert mask_text(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Cán bộ của Sở Tư pháp (đường dây nóng 0215.3826.456) hẹn ngày 15/3/2026.",
        "Tôi nộp thủ tục 1.001193 lệ phí 50.000 đồng theo Nghị định 118/2025/NĐ-CP "
        "và Thông tư 03/2025/TT-VPCP, hồ sơ H12.22-20260315-0001.",
        "Điều 5 Nghị định 118/2025/NĐ-CP quy định thời hạn 3 ngày.",
        "Tôi đã đến trụ sở UBND xã tại thôn Bản Phăng để nộp bản sao giấy khai sinh.",
        "Văn bản số 123/UBND-VP; Kết quả: 98 hồ sơ, 12 hồ sơ trễ hạn trong quý 1/2026.",
        "Tổng đài 1900 1234 và 1800.1091 hỗ trợ miễn phí.",
    ],
)
def test_public_facts_survive(text):
    assert mask_text(text) == text


def test_known_values_are_masked_in_any_grouping():
    masked = mask_text(
        "Gọi 0912.345.678 hoặc tới nhà số 5 ngõ 3 nhé",
        values=("+84912345678", "số 5 ngõ 3, phường Bạch Mai"),
    )
    assert "345" not in masked
    assert "ngõ 3" not in masked


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("29 A 123.45 là xe tôi", f"{PLATE_MASK} là xe tôi"),
        ("Nhà tôi: 45 Trần Phú", f"Nhà tôi: {ADDRESS_MASK}"),
        ("Bich Ngoc (0912 345 678)", f"{NAME_MASK} ({PHONE_MASK})"),
        ("CCCD012345678901", f"CCCD{ID_MASK}"),
        ("Tran_Thi_Bich_Ngoc", NAME_MASK),
        ("(84) 912345678 hoặc 0084 912 345 678", f"{PHONE_MASK} hoặc {PHONE_MASK}"),
        ("Ghi chú: 2 Bản sao", "Ghi chú: 2 Bản sao"),
        ("Kết quả: 98 hồ sơ, Thời gian: 8 giờ", "Kết quả: 98 hồ sơ, Thời gian: 8 giờ"),
    ],
)
def test_forms_typed_in_a_hurry(text, expected):
    assert mask_text(text, names=NGOC) == expected
