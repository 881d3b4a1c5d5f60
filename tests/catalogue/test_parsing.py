"""Tests of catalogue.parsing on real portal records.

The records in ``fixtures/records.jsonl`` are copied unchanged from
``procedures-vn.jsonl.gz``; every expected value below was read off the
record's own text.  No Django is needed.  The records and their parses are
the ``records`` and ``parsed`` fixtures of ``conftest.py``; the parts parsed
from other records follow in ``test_parsing_parts.py``.
"""

from __future__ import annotations

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
    split_agencies,
)

FIXTURES = Path(__file__).parent / "fixtures" / "records.jsonl"
MODULE = Path(__file__).resolve().parents[2] / "catalogue" / "parsing" / "__main__.py"


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
        # the portal gives a bare "1"; the steps return the result "trong ngày
        # làm việc tiếp theo" (catalogue.parsing.times)
        assert (channel.time_unit, channel.time_unit_basis) == (
            "ngày làm việc",
            "steps",
        )
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
