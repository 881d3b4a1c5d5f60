"""Query rules as citizens meet them: matched as typed, rewritten with the
catalogue's diacritics (no engine needed; the ranking tests use one)."""

from __future__ import annotations

import pytest

from search import synonyms

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
