"""Tests of catalogue.parsing, part by part, on real portal records.

Dossier components, misaligned fields, legal basis, steps and levels, and
bad input (``test_parsing.py`` has the birth registration record, channels
and fees, text helpers and the command line). The records come from
``fixtures/records.jsonl`` through the ``records`` and ``parsed`` fixtures
of ``conftest.py``; every expected value was read off the record's own text.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from catalogue.parsing import (
    Level,
    ParsedProcedure,
    Result,
    parse_record,
)

# ---------------------------------------------------------------------------
# Dossier components
# ---------------------------------------------------------------------------


def test_dossier_cases(parsed: dict[str, ParsedProcedure]) -> None:
    # 1.010700: "Trường hợp (1) ...Tên giấy tờ...+++ Bản đăng ký ...1 bản
    # chính+++ Bản sao ...0 bản chính,1 bản sao..."
    groups = parsed["1.010700"].dossier_groups
    assert [group.case for group in groups] == [
        "Trường hợp (1) đăng ký tổ chức lớp cập nhật kiến thức",
        "Trường hợp (2) thông báo kế hoạch, báo cáo kết quả tổ chức lớp cập nhật "
        "kiến thức",
    ]
    first_case = groups[0].components
    assert [(c.originals, c.copies) for c in first_case] == [(1, 0), (0, 1), (0, 1)]
    assert first_case[0].form_codes == ["01/CNKT"]
    assert first_case[2].name == "Tài liệu chứng minh đáp ứng điều kiện giảng viên"
    assert (
        groups[1]
        .components[0]
        .name.startswith("Báo cáo kết quả tổ chức lớp cập nhật kiến thức Mẫu 2.5")
    )


def test_dossier_forms_and_counts(parsed: dict[str, ParsedProcedure]) -> None:
    # 1.000859: "...Thông tư số 78/2025/TT-NHNN);Phuluc1B.docxPhlc1A.docx1 bản chính"
    loan = parsed["1.000859"].dossier_components[1]
    assert loan.forms == ["Phuluc1B.docx", "Phlc1A.docx"]
    assert loan.name.startswith("Đơn đăng ký khoản vay nước ngoài (theo Phụ lục 1A")
    assert loan.name.endswith("Thông tư số 78/2025/TT-NHNN)")
    # 1.002448: "...GCNHLNVĐB;1 bản chính,1 bản sao- Đơn đề nghị của thuyền viên
    # theo mẫu ...;MẪU VĂN BẢN ĐỀ NGHỊ (3).docx1 bản chính"
    seafarer = parsed["1.002448"].dossier_components
    assert [(c.originals, c.copies) for c in seafarer] == [(1, 1), (1, 1), (1, 0)]
    assert seafarer[2].forms == ["MẪU VĂN BẢN ĐỀ NGHỊ (3).docx"]
    assert seafarer[2].name == (
        "Đơn đề nghị của thuyền viên theo mẫu hoặc văn bản đề nghị của tổ chức "
        "quản lý thuyền viên theo mẫu"
    )
    # 1.007689: "Tờ khai thuế ... (Mẫu số 01/BĐS ...)01 BĐS.docx1 bản chính,1 bản sao"
    tax_return = parsed["1.007689"].dossier_components[0]
    assert tax_return.forms == ["01 BĐS.docx"]
    assert tax_return.form_codes == ["01/BĐS"]
    assert (tax_return.originals, tax_return.copies) == (1, 1)


def test_dossier_not_a_table(parsed: dict[str, ParsedProcedure]) -> None:
    # 6.003500: thanh_phan_ho_so is "KQ.G04.000398", a stray result code
    procedure = parsed["6.003500"]
    assert procedure.status["dossier_components"] == "failed"
    assert procedure.dossier_components == []
    assert procedure.raw["dossier_components"] == "KQ.G04.000398"
    assert any(p.startswith("dossier_components:") for p in procedure.problems)
    # its channel table is all "Không có thông tin"
    assert [(c.kind, c.time_text, c.fees) for c in procedure.channels] == [
        ("direct", None, []),
        ("online", None, []),
        ("postal", None, []),
    ]


# ---------------------------------------------------------------------------
# Misaligned fields: the page text is used instead
# ---------------------------------------------------------------------------


def test_fields_cut_at_a_heading_in_the_steps(
    parsed: dict[str, ParsedProcedure],
) -> None:
    # 1.001521: the steps say "theo quy định tại mục 5.3 (Thành phần hồ sơ)", so
    # the collector cut the steps there and put the rest into thanh_phan_ho_so
    procedure = parsed["1.001521"]
    assert procedure.sources == {
        "steps": "raw_text",
        "dossier_components": "raw_text",
    }
    assert [step.text.split(" ", 2)[:2] for step in procedure.steps] == [
        ["Bước", "1."],
        ["Bước", "2."],
        ["Bước", "3."],
    ]
    assert "(Thành phần hồ sơ); nộp hồ sơ cho cơ quan BHXH" in procedure.steps[0].text
    components = procedure.dossier_components
    assert len(components) == 8
    assert all((c.originals, c.copies) == (1, 0) for c in components)
    assert components[0].name.startswith("8. Trường hợp đang hưởng trợ cấp TNLĐ")
    assert components[0].case is not None
    assert components[0].case.startswith("Trường hợp không quy định là bản chính")
    legal = {doc.number: doc.title for doc in procedure.legal_basis}
    assert legal["58/2014/QH13"] == "LUẬT Bảo hiểm xã hội"
    assert legal["84/2015/QH13"] == "Luật 84/2015/QH13"
    assert [r.code for r in procedure.results] == [
        "KQ.G24.000059",
        "KQ.G24.000053",
        "KQ.G24.000057",
        "KQ.G24.000060",
        "KQ.G24.000061",
    ]
    assert procedure.results[1].name == "Tiền trợ cấp"
    assert procedure.problems == []


def test_results_field_holding_dossier_text(parsed: dict[str, ParsedProcedure]) -> None:
    # 1.009539: ket_qua_xu_ly holds the end of the dossier table
    procedure = parsed["1.009539"]
    assert procedure.sources["results"] == "raw_text"
    assert procedure.results == [
        Result("Văn bản từ chối (nêu rõ lý do).", "KQ.G12.001213"),
        Result(
            "Quyết định thu hồi Giấy phép thành lập và hoạt động kinh doanh chứng "
            "khoán",
            "KQ.G12.000139",
        ),
    ]


def test_empty_results_field_filled_from_page(
    parsed: dict[str, ParsedProcedure],
) -> None:
    procedure = parsed["3.000120"]
    assert procedure.sources["results"] == "raw_text"
    assert [r.code for r in procedure.results] == ["KQ.G12.001333", "KQ.G12.001334"]


def test_legal_field_from_a_fee_note_is_ignored(
    parsed: dict[str, ParsedProcedure],
) -> None:
    # 3.000337: can_cu_phap_ly holds ": Thông tư 269/2016/TT-BTC ..." cut from a
    # fee note "(Căn cứ pháp lý: ...)"; the page's legal section has no value
    procedure = parsed["3.000337"]
    assert procedure.status["legal_basis"] == "empty"
    assert procedure.legal_basis == []
    assert procedure.problems == []
    # "1 Ngày100 VNĐ": an amount under 1,000 VND that nothing confirms
    assert any(w.startswith("fees: an amount under 1,000") for w in procedure.warnings)


# ---------------------------------------------------------------------------
# Legal basis variants
# ---------------------------------------------------------------------------


def test_legal_basis_odd_number_cells(parsed: dict[str, ParsedProcedure]) -> None:
    # 1.013992: "Luật Đất đai ngày 18/01/2024;31/2024/QH15Luật số 58/2024/QH15 của
    # Quốc hội: Luật Đầu tư côngLuật số 58Quy định ...151/2025/NĐ-CPThực hiện
    # ...118/2025/NĐ-CNghị định 101/2024/NĐ-CPNghị định 101/2024/NĐ-CPSửa đổi..."
    legal = parsed["1.013992"].legal_basis
    assert [(doc.number, doc.title) for doc in legal][:2] == [
        ("31/2024/QH15", "Luật Đất đai ngày 18/01/2024"),
        ("Luật số 58", "Luật số 58/2024/QH15 của Quốc hội: Luật Đầu tư công"),
    ]
    assert legal[0].issued == dt.date(2024, 1, 18)
    assert legal[0].doc_type == "Luật"
    assert [doc.number for doc in legal][2:] == [
        "151/2025/NĐ-CP",
        "118/2025/NĐ-C",
        "Nghị định 101/2024/NĐ-CP",
        "226/2025/NĐ-CP",
    ]
    assert legal[4].title == "Nghị định 101/2024/NĐ-CP"
    assert legal[5].title == (
        "Sửa đổi, bổ sung một số điều của các nghị định quy định chi tiết thi hành "
        "Luật Đất đai"
    )


def test_legal_basis_dates(parsed: dict[str, ParsedProcedure]) -> None:
    # 1.009665: "định số 96/2026/NĐ-CP ngày 31/3/2026;96/2026/NĐ-CP Thông tư số
    # 55/2026/TT-BTC ngày 15/5/2026.55/2026/TT-BTCLuật Đầu tư số 143/2025/QH15
    # ngày 11/12/2025;143/2025/QH15"
    legal = parsed["1.009665"].legal_basis
    assert [(d.number, d.doc_type, d.issued) for d in legal] == [
        ("96/2026/NĐ-CP", "Nghị định", dt.date(2026, 3, 31)),
        ("55/2026/TT-BTC", "Thông tư", dt.date(2026, 5, 15)),
        ("143/2025/QH15", "Luật", dt.date(2025, 12, 11)),
    ]
    assert legal[1].title == "Thông tư số 55/2026/TT-BTC ngày 15/5/2026"


# ---------------------------------------------------------------------------
# Steps and levels
# ---------------------------------------------------------------------------


def test_steps_numbered_lines_after_a_heading(
    parsed: dict[str, ParsedProcedure],
) -> None:
    # 3.000252: "Trình tự thực hiện\n1.1. Chủ xe nộp Đơn ...\n1.2. Cơ sở đăng kiểm"
    steps = parsed["3.000252"].steps
    assert len(steps) == 2
    assert steps[0].text.startswith("1.1. Chủ xe nộp Đơn xin tạm dừng tham gia")
    assert "Trường hợp xe bị tai nạn" in steps[0].text  # continuation kept
    assert steps[1].text.startswith("1.2. Cơ sở đăng kiểm đối chiếu thông tin")


def test_steps_inline_letters(parsed: dict[str, ParsedProcedure]) -> None:
    # 1.013468: one line "a) Nộp hồ sơ TTHC: ... Đơn đề nghị chấm dứt hoạt động
    # tàu lặn.b) Giải quyết TTHC: ..."
    steps = parsed["1.013468"].steps
    assert [step.text[:20] for step in steps] == [
        "a) Nộp hồ sơ TTHC: T",
        "b) Giải quyết TTHC: ",
    ]


def test_levels_with_other_agency(parsed: dict[str, ParsedProcedure]) -> None:
    assert parsed["1.000025"].levels == [
        Level("bo", "Cấp bộ"),
        Level("tinh", "Cấp tỉnh"),
        Level("khac", "Cơ quan khác"),
    ]
    assert [lv.slug for lv in parsed["1.001521"].levels] == ["tinh", "xa"]


# ---------------------------------------------------------------------------
# Bad input never raises
# ---------------------------------------------------------------------------


GARBAGE = [
    {},
    dict.fromkeys(("ma_thu_tuc", "cach_thuc_thuc_hien", "raw_text")),
    {
        "ma_thu_tuc": 1001193,
        "ten_thu_tuc": ["not", "a", "string"],
        "cap_thuc_hien": {"level": "Cấp xã"},
        "cach_thuc_thuc_hien": 42,
        "thanh_phan_ho_so": ["1 bản chính"],
        "can_cu_phap_ly": {"number": "123/2015/NĐ-CP"},
        "ket_qua_xu_ly": 3.5,
        "trinh_tu_thuc_hien": True,
        "co_quan_thuc_hien": 7,
        "raw_text": ["Trình Tự Thực Hiện"],
    },
    {
        "cach_thuc_thuc_hien": "Hình thức nộpThời gianPhí, lệ phíMô tảqua bưu điện",
        "thanh_phan_ho_so": "Tên giấy tờMẫu đơn, tờ khaiSố lượngmột bản",
        "can_cu_phap_ly": "Tên văn bản pháp lýMã văn bảnkhông số",
        "ket_qua_xu_ly": "Từ khóaKhông có thông tin",
        "cap_thuc_hien": "Cấp thôn",
    },
]


@pytest.mark.parametrize("record", GARBAGE)
def test_garbage_record_does_not_raise(record: dict) -> None:
    result = parse_record(record)
    assert isinstance(result, ParsedProcedure)
    assert result.channels == []
    assert result.dossier_components == []
    assert result.legal_basis == []
    assert all(state in {"empty", "failed"} for state in result.status.values())


def test_garbage_record_names_its_problems() -> None:
    wrong_types = parse_record(GARBAGE[2])
    assert wrong_types.code == "1001193"
    problem_parts = {problem.split(":", 1)[0] for problem in wrong_types.problems}
    assert {
        "ten_thu_tuc",
        "channels",
        "dossier_components",
        "legal_basis",
        "results",
        "steps",
    } <= problem_parts
    assert wrong_types.status["channels"] == "failed"
    unparseable = parse_record(GARBAGE[3])
    assert {p.split(":", 1)[0] for p in unparseable.problems} == {
        "channels",
        "fees",  # a channel table that cannot be read hides its fees too
        "dossier_components",
        "legal_basis",
        "levels",
    }
    assert unparseable.raw["legal_basis"] == "Tên văn bản pháp lýMã văn bảnkhông số"
    assert unparseable.status["results"] == "empty"  # only page chrome
    nothing = parse_record({})
    assert nothing.problems == []
    assert set(nothing.status.values()) == {"empty"}


@pytest.mark.parametrize("value", [None, "text", 12, ["a"]])
def test_non_mapping_record(value: object) -> None:
    result = parse_record(value)
    assert result.code is None
    assert result.problems and result.problems[0].startswith("record:")


def test_results_are_frozen(parsed: dict[str, ParsedProcedure]) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        parsed["1.001193"].code = "x"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        parsed["1.001193"].channels[0].kind = "x"  # type: ignore[misc]
