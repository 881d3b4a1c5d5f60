"""Tests of catalogue.parsing on real portal records.

The records in ``fixtures/records.jsonl`` are copied unchanged from
``procedures-vn.jsonl.gz``; every expected value below was read off the
record's own text.  No Django is needed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gzip
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from catalogue.parsing import (
    COVERAGE_PARTS,
    Fee,
    Level,
    ParsedProcedure,
    Result,
    clean_text,
    coverage,
    main,
    normalise_agency_name,
    parse_amount,
    parse_file,
    parse_record,
    split_agencies,
)

FIXTURES = Path(__file__).parent / "fixtures" / "records.jsonl"
MODULE = Path(__file__).resolve().parents[2] / "catalogue" / "parsing" / "__main__.py"


@pytest.fixture(scope="module")
def records() -> dict[str, dict]:
    return {record["ma_thu_tuc"]: record for record in parse_file(FIXTURES)}


@pytest.fixture(scope="module")
def parsed(records: dict[str, dict]) -> dict[str, ParsedProcedure]:
    return {code: parse_record(record) for code, record in records.items()}


def free() -> Fee:
    return Fee(Decimal(0), "VND", None, True, None, "Miễn phí")


# ---------------------------------------------------------------------------
# 1.001193 Thủ tục đăng ký khai sinh
# ---------------------------------------------------------------------------


def test_birth_registration_basics(parsed: dict[str, ParsedProcedure]) -> None:
    birth = parsed["1.001193"]
    assert birth.code == "1.001193"
    assert birth.name == "Thủ tục đăng ký khai sinh"
    assert birth.decision_number == "163/QĐ-BTP"
    assert birth.field == "Hộ tịch"
    assert birth.levels == [Level("xa", "Cấp xã")]
    assert birth.applicants == [
        "Công dân Việt Nam",
        "Người Việt Nam định cư ở nước ngoài",
    ]
    # "Không có thông tin" everywhere for the agencies
    assert birth.agencies.all_names() == []
    assert birth.requirements is None
    assert birth.problems == []
    assert set(birth.status.values()) == {"parsed"}


def test_birth_registration_three_free_channels(
    parsed: dict[str, ParsedProcedure],
) -> None:
    # Trực tuyến1Miễn phíDịch vụ bưu chính1Miễn phíTrực tiếp1Miễn phí
    channels = parsed["1.001193"].channels
    assert [(c.kind, c.label) for c in channels] == [
        ("online", "Trực tuyến"),
        ("postal", "Dịch vụ bưu chính"),
        ("direct", "Trực tiếp"),
    ]
    for channel in channels:
        assert channel.processing_time == Decimal(1)
        assert channel.time_unit is None  # the portal gives a bare "1"
        assert channel.time_text == "1"
        assert channel.fees == [free()]
        assert channel.description is None


def test_birth_registration_dossier(parsed: dict[str, ParsedProcedure]) -> None:
    birth = parsed["1.001193"]
    groups = birth.dossier_groups
    assert [group.case for group in groups] == [
        "Giấy tờ phải nộp",
        "Giấy tờ phải xuất trình",
        "Lưu ý",
        None,  # the last table's heading is "--"
    ]
    first = groups[0].components[0]
    assert first.name == (
        "Trường hợp trẻ em bị bỏ rơi thì phải có biên bản về việc trẻ bị bỏ rơi "
        "do cơ quan có thẩm quyền lập."
    )
    assert (first.originals, first.copies) == (1, 0)
    proxy = groups[0].components[1]
    assert proxy.name.startswith("Văn bản ủy quyền (được chứng thực)")
    assert proxy.notes is not None
    assert proxy.notes.startswith("Trường hợp người được ủy quyền là ông, bà")
    birth_certificate = groups[0].components[4]
    assert birth_certificate.name.startswith("Giấy chứng sinh; trường hợp không có")
    assert birth_certificate.originals == 1
    # "...thì không phải nộp bản giấy.0 bản chính": a note row
    assert groups[0].components[2].informational
    identity = groups[1].components[-1]
    assert identity.name.startswith("Hộ chiếu/Thẻ căn cước công dân/Thẻ căn cước")
    assert identity.originals == 1
    last = groups[3].components
    assert [c.name for c in last][1].startswith("Tờ khai đăng ký khai sinh theo mẫu")
    assert (last[1].originals, last[1].copies) == (1, 0)
    assert last[2].name.startswith("Mẫu hộ tịch điện tử tương tác đăng ký khai sinh")


def test_birth_registration_legal_basis(parsed: dict[str, ParsedProcedure]) -> None:
    legal = parsed["1.001193"].legal_basis
    numbers = [doc.number for doc in legal]
    assert numbers == [
        "85/2019/TT-BTC",
        "104/2022/NĐ-CP",
        "123/2015/NĐ-CP",
        "08/2025/TT-BTP",
        "18/2026/NĐ-CP",
        "87/2020/NĐ-CP",
        "04/2024/TT-BTP",
        "Thông tư số 03/2023/TT-BTP",
        "106/2021/TT-BTC",
        "04/2020/TT-BTP",
        "07/2025/NĐ-CP",
        "120/2025/NĐ-CP",
        "66.7/2025/NQ-CP",
        "60/2014/QH13",
        "01/2022/TT-BTP",
    ]
    decree = legal[2]
    assert decree.title == (
        "Nghị định số 123/2015/NĐ-CP ngày 15/11/2015 của Chính phủ quy định chi "
        "tiết một số điều và biện pháp thi hành Luật Hộ tịch"
    )
    assert decree.doc_type == "Nghị định"
    assert decree.issued == dt.date(2015, 11, 15)
    # "Luật 60/2014/QH1360/2014/QH13": the law number repeats glued to itself
    assert (legal[13].title, legal[13].doc_type) == ("Luật 60/2014/QH13", "Luật")
    # a title citing another document's date does not take that date
    assert legal[6].title.startswith("Sửa đổi, bổ sung một số điều của Thông tư số")
    assert legal[6].issued is None
    assert legal[0].doc_type == "Thông tư"
    assert legal[12].doc_type == "Nghị quyết"


def test_birth_registration_result_and_steps(
    parsed: dict[str, ParsedProcedure],
) -> None:
    birth = parsed["1.001193"]
    assert birth.results == [Result("Giấy khai sinh", "KQ.G15.000031")]
    assert birth.keywords is None  # "Từ khóaKhông có thông tin" page chrome
    steps = birth.steps
    assert len(steps) == 11
    assert [step.number for step in steps] == list(range(1, 12))
    assert steps[0].text.startswith(
        "Nếu lựa chọn hình thức nộp hồ sơ trực tiếp, người yêu cầu đăng ký khai sinh"
    )
    assert steps[2].text.startswith("Cán bộ tiếp nhận hồ sơ tại Trung tâm")
    assert "(ii) Trường hợp hồ sơ chưa đầy đủ" in steps[2].text
    assert [step.note for step in steps] == [False] * 5 + [True] * 6
    assert steps[5].text.startswith("Trường hợp cha, mẹ trẻ đã đăng ký kết hôn")


# ---------------------------------------------------------------------------
# Channels and fees
# ---------------------------------------------------------------------------


def test_free_headline_with_fee_list_in_note(
    parsed: dict[str, ParsedProcedure],
) -> None:
    # 1.004306: "18 NgàyMiễn phí(15000000/lần Đồng (...) Phí: 15000000/loại Đồng
    # (...) Phí: 18000000/loại Đồng (...) Phí: 6000000/chiếc Đồng (...) Phí:
    # 15000000/chiếc Đồng (...) (Miễn phí từ ngày 07/4/2026 ...))"
    channels = parsed["1.004306"].channels
    assert [c.kind for c in channels] == ["postal", "direct"]
    postal = channels[0]
    assert (postal.processing_time, postal.time_unit) == (Decimal(18), "ngày")
    fees = postal.fees
    assert [fee.amount for fee in fees] == [
        Decimal(0),
        Decimal(15_000_000),
        Decimal(15_000_000),
        Decimal(18_000_000),
        Decimal(6_000_000),
        Decimal(15_000_000),
    ]
    assert fees[0].is_free
    assert fees[1].description is not None
    assert fees[1].description.startswith("/lần Đối với nhà khai thác tàu bay nước")
    assert fees[3].label == "Phí"
    assert fees[4].description is not None
    assert fees[4].description.startswith("/chiếc")
    assert postal.description == "18 ngày, kể từ ngày nhận đủ hồ sơ hợp lệ"


def test_fee_and_charge_from_description(parsed: dict[str, ParsedProcedure]) -> None:
    # 1.002681: "800,000 Việt Nam Đồng(/hồ sơ)Phí: 800.000 đồng/hồ sơ (...)
    # Lệ phí: 100.000 đồng/hồ sơ."
    for channel in parsed["1.002681"].channels:
        assert (channel.processing_time, channel.time_unit) == (
            Decimal(6),
            "ngày làm việc",
        )
        assert [(f.amount, f.label) for f in channel.fees] == [
            (Decimal(800_000), "Phí"),
            (Decimal(100_000), "Lệ phí"),
        ]
        assert channel.fees[0].description == "/hồ sơ"
        assert channel.fee_text == "800,000 Việt Nam Đồng(/hồ sơ)"


def test_no_fee_cell_but_fees_in_description(
    parsed: dict[str, ParsedProcedure],
) -> None:
    # 1.003135: "5 Ngày làm việcKhông có thông tin- 05 ngày ... - Lệ phí :
    # 20.000 Đồng (...); - Lệ phí : 50.000 Đồng (...)"
    channel = parsed["1.003135"].channels[0]
    assert channel.fee_text is None
    assert [(f.amount, f.label) for f in channel.fees] == [
        (Decimal(20_000), "Lệ phí"),
        (Decimal(50_000), "Lệ phí"),
    ]
    assert channel.fees[1].description == (
        "Lệ phí Cấp mới, cấp lại chứng nhận khả năng chuyên môn thuyền trưởng, "
        "máy trưởng: 50.000 đồng/giấy;"
    )


def test_free_registration_with_publication_fee(
    parsed: dict[str, ParsedProcedure],
) -> None:
    # 1.010026: "Miễn phí(- Miễn lệ phí (...). - Phí công bố nội dung đăng ký
    # doanh nghiệp: 100.000 đồng/lần (...)"
    for channel in parsed["1.010026"].channels:
        assert [(f.amount, f.is_free) for f in channel.fees] == [
            (Decimal(0), True),
            (Decimal(100_000), False),
        ]
        assert channel.fees[1].label == "Phí công bố nội dung đăng ký doanh nghiệp"


def test_foreign_currency(parsed: dict[str, ParsedProcedure]) -> None:
    # 1.000771: "5 Ngày làm việc10 USD(/lần)"
    visa = parsed["1.000771"].channels[0]
    assert visa.fees == [
        Fee(Decimal(10), "USD", "/lần", False, None, "10 USD"),
    ]
    # 1.001010: "Trực tiếp6 Tháng100 USD(100 USD/thẻ.)"
    residence = parsed["1.001010"].channels
    assert len(residence) == 1
    assert residence[0].kind == "direct"
    assert (residence[0].processing_time, residence[0].time_unit) == (
        Decimal(6),
        "tháng",
    )
    assert residence[0].fees[0].amount == Decimal(100)
    assert residence[0].fees[0].currency == "USD"
    assert residence[0].fees[0].description == "100 USD/thẻ."


def test_bare_time_glued_to_amount_in_thousands(
    parsed: dict[str, ParsedProcedure],
) -> None:
    # 1.000014: "Trực tuyến120 VNĐ(20.000 vnđ /tờ khai)": time 1, fee 20 (in
    # thousands, as the note says 20.000)
    for channel in parsed["1.000014"].channels:
        assert channel.processing_time == Decimal(1)
        assert [fee.amount for fee in channel.fees] == [Decimal(20_000)]


def test_hours_and_missing_fee(parsed: dict[str, ParsedProcedure]) -> None:
    # 1.010047: "Trực tuyến1 GiờKhông có thông tin..."
    procedure = parsed["1.010047"]
    assert [(c.kind, c.processing_time, c.time_unit) for c in procedure.channels] == [
        ("online", Decimal(1), "giờ"),
        ("direct", Decimal(1), "giờ"),
    ]
    assert procedure.fees == []
    assert procedure.status["fees"] == "empty"


def test_free_text_time_cell(parsed: dict[str, ParsedProcedure]) -> None:
    # 1.007689: "Trực tuyếnKhông phải trả kết quả cho người nộp thuếMiễn phí..."
    for channel in parsed["1.007689"].channels:
        assert channel.processing_time is None
        assert channel.time_text == "Không phải trả kết quả cho người nộp thuế"
        assert channel.fees == [free()]


def test_pasted_row_with_label_but_no_amount(
    parsed: dict[str, ParsedProcedure],
) -> None:
    # 3.000382: "...\nDịch vụ bưu chính\t02 Ngày làm việc\tPhí : Đồng Không thu lệ
    # phí\n..." pasted inside a description reads as a row of its own
    channels = parsed["3.000382"].channels
    assert [c.kind for c in channels] == ["online", "postal", "postal", "direct"]
    pasted = channels[1]
    assert pasted.time_text == "02 Ngày làm việc"
    assert pasted.fees == [
        Fee(Decimal(0), "VND", "Không thu lệ phí", True, "Phí", "Phí : Đồng"),
    ]


def test_id_card_fee(parsed: dict[str, ParsedProcedure]) -> None:
    # 1.000889 cấp đổi thẻ căn cước: "Trực tiếp7 Ngày làm việc50,000 Việt Nam
    # Đồng(Luật Căn cước: 50.000 đồng/thẻ căn cước; ...)"
    procedure = parsed["1.000889"]
    assert len(procedure.channels) == 1
    channel = procedure.channels[0]
    assert (channel.kind, channel.processing_time, channel.time_unit) == (
        "direct",
        Decimal(7),
        "ngày làm việc",
    )
    assert [(f.amount, f.currency) for f in channel.fees] == [(Decimal(50_000), "VND")]
    # "Cục cảnh sát quản lý hành chính về trật tự, xã hội" is one agency
    assert procedure.agencies.implementing == [
        "Cục cảnh sát quản lý hành chính về trật tự, xã hội"
    ]


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


# ---------------------------------------------------------------------------
# Text helpers
# ---------------------------------------------------------------------------


def test_clean_text() -> None:
    decomposed = "Thu\u0309 tu\u0323c  đăng\n ky\u0301"  # NFD, as some pages give
    assert clean_text(decomposed) == "Thủ tục đăng ký"
    assert clean_text(" Không có thông tin ") is None
    assert clean_text("KHÔNG CÓ THÔNG TIN") is None
    assert clean_text("--") is None
    assert clean_text("") is None
    assert clean_text(None) is None
    assert clean_text(["x"]) is None
    assert clean_text("a\u00a0b\u200e") == "a b"


def test_parse_amount() -> None:
    assert parse_amount("2,000,000") == Decimal(2_000_000)
    assert parse_amount("50.000") == Decimal(50_000)
    assert parse_amount("15000000") == Decimal(15_000_000)
    assert parse_amount("1,5") == Decimal("1.5")
    assert parse_amount("0") == Decimal(0)
    assert parse_amount("abc") is None


def test_normalise_agency_name() -> None:
    key = normalise_agency_name("Ủy ban nhân dân tỉnh")
    assert normalise_agency_name("- UBND Tỉnh.") == key
    assert normalise_agency_name("Uỷ ban  nhân dân tỉnh") == key  # old tone mark
    assert normalise_agency_name("U\u0309y ban nhân dân tỉnh") == key  # NFD
    assert key == "ủy ban nhân dân tỉnh"
    assert normalise_agency_name("Sở Tư pháp") != normalise_agency_name("Sở Tài chính")


def test_split_agencies() -> None:
    assert split_agencies(
        "Cục Thuế - Bộ tài chính, Thuế tỉnh, thành phố, Thuế cơ sở"
    ) == ["Cục Thuế - Bộ tài chính", "Thuế tỉnh, thành phố", "Thuế cơ sở"]
    assert split_agencies("Ủy ban Nhân dân\xa0xã,\xa0phường,\xa0thị trấn.") == [
        "Ủy ban Nhân dân xã, phường, thị trấn"
    ]
    assert split_agencies("- Bộ Công an\n- Bộ Công an;Bộ Quốc phòng") == [
        "Bộ Công an",
        "Bộ Quốc phòng",
    ]
    assert split_agencies("Không có thông tin") == []


# ---------------------------------------------------------------------------
# Files, coverage and the command line
# ---------------------------------------------------------------------------


def test_parse_file_reads_gzip(tmp_path: Path, records: dict[str, dict]) -> None:
    target = tmp_path / "some.jsonl.gz"
    with gzip.open(target, "wt", encoding="utf-8") as handle:
        handle.write(json.dumps(records["1.001193"], ensure_ascii=False) + "\n\n")
    assert [r["ma_thu_tuc"] for r in parse_file(target)] == ["1.001193"]


def test_coverage_on_fixtures(parsed: dict[str, ParsedProcedure]) -> None:
    table = coverage(parsed.values())
    assert tuple(table) == COVERAGE_PARTS
    # every fixture has a channel table; 6.003500's dossier is not a table
    assert table["channels"].with_value == len(parsed)
    assert table["channels"].parsed == len(parsed)
    assert table["dossier_components"].with_value == len(parsed)
    assert table["dossier_components"].parsed == len(parsed) - 1
    assert table["legal_basis"].with_value == len(parsed) - 1  # 3.000337
    assert table["results"].with_value == len(parsed) - 1  # 1.000014
    for item in table.values():
        assert item.parsed <= item.with_value
        assert item.clean <= item.parsed
        assert item.share >= 0.95


def test_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(FIXTURES), "--failures", "dossier_components"]) == 0
    out = capsys.readouterr().out
    assert f"{len(FIXTURES.read_text().splitlines())} records" in out
    assert "dossier_components" in out
    assert "6.003500" in out


def test_runs_as_a_script_without_django() -> None:
    completed = subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "-S", str(MODULE), str(FIXTURES)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert "legal_basis" in completed.stdout
    assert "django" not in completed.stderr.casefold()
