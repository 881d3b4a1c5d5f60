"""What citizens read on a procedure page, checked over every real record.

Each invariant walks all 2,642 records of the national export
(``../shared/data/procedures-vn.jsonl.gz``) where it lies beside the checkout,
else the subset bundled with the project, through the parser and the
importer's values to the phrase the page shows. No database is needed.
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from catalogue import facts
from catalogue.importer import build_values
from catalogue.parsing import parse_file, parse_record

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "catalogue" / "fixtures" / "procedures-bundled.jsonl.gz"
NATIONAL = next(
    (
        p / "shared" / "data" / "procedures-vn.jsonl.gz"
        for p in (ROOT.parent, ROOT.parent.parent)
        if (p / "shared" / "data" / "procedures-vn.jsonl.gz").is_file()
    ),
    None,
)
CORPUS = NATIONAL or BUNDLED
BARE_NUMBER = re.compile(r"\s*\d+(?:[.,]\d+)?\s*")
UNITS = {unit for unit, _ in facts.TIME_UNITS}


@pytest.fixture(scope="module")
def corpus() -> list[tuple[dict, dict]]:
    """(raw record, importer values) for every record of the corpus."""
    rows = []
    for record in parse_file(str(CORPUS)):
        rows.append((record, build_values(parse_record(record), record)))
    return rows


def channels_of(corpus):
    for record, values in corpus:
        for block in values["channels"]:
            yield record, block["value"]


def test_corpus_is_the_whole_export_when_present(corpus) -> None:
    if NATIONAL is not None:
        assert len(corpus) == 2642
    else:
        assert len(corpus) == 434


# ---------------------------------------------------------------------------
# Processing times
# ---------------------------------------------------------------------------


def test_no_time_is_a_bare_number(corpus) -> None:
    bare = [
        (record["ma_thu_tuc"], facts.time_label(channel))
        for record, channel in channels_of(corpus)
        if BARE_NUMBER.fullmatch(facts.time_label(channel))
    ]
    assert bare == []


def test_every_number_has_a_unit_or_says_it_has_none(corpus) -> None:
    for record, channel in channels_of(corpus):
        if channel["processing_time"] is None:
            continue
        label = facts.time_label(channel)
        unit = channel["time_unit"]
        if unit:
            assert unit in UNITS, (record["ma_thu_tuc"], unit)
            assert channel["time_unit_basis"], record["ma_thu_tuc"]
            assert label.endswith(" " + unit), (record["ma_thu_tuc"], label)
        else:
            assert channel["time_unit_basis"] == ""
            assert label.startswith("Không ghi rõ đơn vị — "), label


def test_an_inferred_unit_is_said_in_the_record_with_that_number(corpus) -> None:
    """An inferred unit appears in the record's own text beside the number."""
    checked = Counter()
    for record, channel in channels_of(corpus):
        basis = channel["time_unit_basis"]
        if basis in ("", "stated"):
            continue
        number = int(float(channel["processing_time"]))
        unit = channel["time_unit"]
        if basis == "channels":
            cell = record["cach_thuc_thuc_hien"].casefold()
            assert f"{number} {unit}" in cell, record["ma_thu_tuc"]
        else:
            text = (
                channel["description"]
                if basis == "description"
                else record["trinh_tu_thuc_hien"] or record["raw_text"]
            ).casefold()
            spelled = (
                rf"(?:0*{number}|một)\s*{unit}"
                if number == 1
                else rf"0*{number}\s*{unit}"
            )
            same_day = number == 1 and "trong ngày" in text
            assert re.search(spelled, text) or same_day, record["ma_thu_tuc"]
        checked[basis] += 1
    assert checked["steps"] > 0


def test_the_cell_stated_unit_is_kept(corpus) -> None:
    for record, channel in channels_of(corpus):
        if channel["time_unit_basis"] == "stated":
            assert channel["time_unit"] in channel["time_text"].casefold(), record[
                "ma_thu_tuc"
            ]


def test_birth_registration_reads_one_working_day(corpus) -> None:
    """1.001193: the cell says "1"; the steps say the result is returned
    "trong ngày làm việc tiếp theo" (Luật Hộ tịch art. 16)."""
    values = next(v for r, v in corpus if r["ma_thu_tuc"] == "1.001193")
    labels = {facts.time_label(block["value"]) for block in values["channels"]}
    assert labels == {"1 ngày làm việc"}


def test_unknown_unit_is_said_in_words() -> None:
    channel = {"processing_time": "1", "time_unit": "", "time_text": "1"}
    assert facts.time_label(channel) == "Không ghi rõ đơn vị — 1"
    assert facts.time_label({**channel, "processing_time": "1.5"}) == (
        "Không ghi rõ đơn vị — 1,5"
    )
    words = {"processing_time": None, "time_unit": "", "time_text": "Không quy định"}
    assert facts.time_label(words) == "Không quy định"


def test_inferred_unit_counts(corpus) -> None:
    """The figures the import summary reports (printed for the record)."""
    counts = Counter(
        (channel["time_unit_basis"] or "unknown", channel["time_unit"])
        for _, channel in channels_of(corpus)
        if channel["processing_time"] is not None
    )
    print(f"\n{CORPUS.name}: time units by basis {sorted(counts.items())}")  # noqa: T201
    assert sum(n for (basis, _), n in counts.items() if basis == "steps") > 0


# ---------------------------------------------------------------------------
# Fees
# ---------------------------------------------------------------------------

FREE_AGAIN = re.compile(
    r"(?:không(?: có)?|miễn phí|miễn lệ phí|không thu(?: phí| lệ phí)?)[.;]?"
)


def _digits(text: str) -> str:
    return re.sub(r"[.,\s]", "", text)


def test_no_rendered_fee_line_repeats_itself(corpus) -> None:
    for record, channel in channels_of(corpus):
        code = record["ma_thu_tuc"]
        lines = [facts.fee_line(fee) for fee in channel["fees"]]
        assert len(lines) == len(set(lines)), (code, lines)
        for fee, line in zip(channel["fees"], lines, strict=True):
            head, _, rest = line.partition(" — ")
            assert head != rest, (code, line)
            assert "Miễn phí — Miễn phí" not in line, (code, line)
            note = fee["description"].casefold()
            assert not re.match(r"(?:đồng|vnđ|vnd|việt nam đồng)\b", note), (code, line)
            if fee["is_free"]:
                assert not FREE_AGAIN.fullmatch(note), (code, line)
            if fee["amount"] and not fee["is_free"]:
                figure = _digits(format(Decimal(fee["amount"]).normalize(), "f"))
                # the note never opens with the amount the line already shows
                assert not _digits(note[:30]).startswith(figure + "đ"), (code, line)
                assert not re.match(
                    rf"(?:(?:mức thu )?(?:lệ )?phí\s*:\s*)?{figure}\b", _digits(note)
                ), (code, line)


def test_free_birth_registration_says_free_once(corpus) -> None:
    values = next(v for r, v in corpus if r["ma_thu_tuc"] == "1.001193")
    lines = {
        facts.fee_line(fee) for b in values["channels"] for fee in b["value"]["fees"]
    }
    assert lines == {"Miễn phí"}


def test_exemptions_are_their_own_part(corpus) -> None:
    """1.004746 (đăng ký lại kết hôn): "Miễn lệ phí cho người thuộc gia đình có
    công với cách mạng; ..." is who is exempted, not the fee's description."""
    values = next(v for r, v in corpus if r["ma_thu_tuc"] == "1.004746")
    fees = [fee for b in values["channels"] for fee in b["value"]["fees"]]
    assert fees and all(
        fee["exemptions"].startswith("Miễn lệ phí cho người thuộc gia đình có công")
        for fee in fees
    )
    assert all("Miễn lệ phí cho" not in fee["description"] for fee in fees)
    assert all(
        fee["description"].startswith("Mức lệ phí cụ thể do Hội đồng nhân dân")
        for fee in fees
    )


def test_a_restated_amount_keeps_only_what_it_adds() -> None:
    fee = facts.fee_value(
        Decimal(200000), "VND", False, None, "200.000 đồng/ hộ chiếu. Trường hợp x."
    )
    assert facts.fee_line(fee) == "200.000 đồng/ hộ chiếu. Trường hợp x."
    labelled = facts.fee_value(
        Decimal(400000),
        "VND",
        False,
        "Lệ phí",
        "Lệ phí : 400.000 Đồng (Mức thu lệ phí: 400.000đ/trường hợp.)",
    )
    assert facts.fee_line(labelled) == "Lệ phí: 400.000 đồng/trường hợp."
    per = facts.fee_value(Decimal(12000000), "VND", False, None, "đồng/lần")
    assert facts.fee_line(per) == "12.000.000 đồng/lần"
    assert facts.fee_line(facts.fee_value(Decimal(0), "VND", True, None, "Không")) == (
        "Miễn phí"
    )


def test_fee_figures(corpus) -> None:
    """How many fee lines the cleaning touched (printed for the record)."""
    from catalogue.importer import ProcedureImporter

    importer = ProcedureImporter(dry_run=True)
    for record in parse_file(str(CORPUS)):
        importer._count_parts(parse_record(record))
    summary = importer.summary
    print(  # noqa: T201
        f"\n{CORPUS.name}: {summary.fee_lines} fee lines, {summary.fee_repeats} "
        f"repeats dropped, {summary.fee_notes_restated} restating notes dropped"
    )
    assert summary.fee_notes_restated > 0
