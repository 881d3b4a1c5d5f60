"""Personal data is masked in the public copy; harmless numbers survive."""

from __future__ import annotations

import pytest

from core.masking import (
    ADDRESS_MASK,
    EMAIL_MASK,
    ID_MASK,
    NAME_MASK,
    PHONE_MASK,
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
