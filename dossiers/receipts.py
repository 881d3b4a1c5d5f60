"""The receipt (giấy tiếp nhận, hẹn trả kết quả) of a dossier.

What the masked public lookup shows, plus a Code 128 barcode of the dossier
code and a QR code of its lookup page, both as SVG strings the frontend
inlines into a printable page. Both are drawn here from the code alone (which
matches ``services.PUBLIC_CODE_RE``): no text, no fonts, no scripts, nothing
from the request.

``receipt_pdf`` prints the same receipt as an A4 PDF (fpdf2) for desks that
print or e-mail it: the same bars and modules drawn as filled rectangles, the
text in DejaVu Sans (bundled in ``fonts/``, subset to Latin and Vietnamese, so
the diacritics print on any machine).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import segno
from barcode import Code128
from django.conf import settings
from django.utils import timezone
from fpdf import FPDF

from . import services
from .models import Channel, Dossier

FONTS = Path(__file__).resolve().parent / "fonts"

# Code 128 needs a quiet zone of at least 10 modules on each side.
QUIET_ZONE = 10
BAR_HEIGHT = 50


def _runs(cells: Iterable[Any]) -> Iterator[tuple[int, int]]:
    """``(start, length)`` of each run of dark cells ("1" or truthy, not "0")."""
    dark = [bool(cell) and cell != "0" for cell in cells]
    x = 0
    while x < len(dark):
        if dark[x]:
            run = 1
            while x + run < len(dark) and dark[x + run]:
                run += 1
            yield x, run
            x += run
        else:
            x += 1


def barcode_modules(code: str) -> str:
    """The Code 128 modules of a dossier code ("1" a bar), without quiet zones."""
    if not services.is_dossier_code(code):
        raise ValueError(f"not a dossier code: {code!r}")
    return Code128(code).build()[0]


def barcode_svg(code: str) -> str:
    """Code 128 of ``code`` as a self-contained SVG (bars only, no text)."""
    modules = barcode_modules(code)
    width = len(modules) + 2 * QUIET_ZONE
    bars = [
        f"M{x + QUIET_ZONE} 0h{run}v{BAR_HEIGHT}h-{run}z" for x, run in _runs(modules)
    ]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {BAR_HEIGHT}"'
        f' width="{width * 2}" height="{BAR_HEIGHT * 2}" role="img"'
        f' aria-label="Mã vạch hồ sơ {code}" shape-rendering="crispEdges">'
        f'<rect width="{width}" height="{BAR_HEIGHT}" fill="#fff"/>'
        f'<path fill="#000" d="{"".join(bars)}"/></svg>'
    )


def _qr(url: str) -> segno.QRCode:
    return segno.make(url, error="m", micro=False)


def qr_svg(url: str) -> str:
    """QR code (error correction M) of ``url`` as a self-contained SVG."""
    qr = _qr(url)
    buffer = io.BytesIO()
    qr.save(
        buffer,
        kind="svg",
        xmldecl=False,
        svgns=True,
        nl=False,
        dark="#000",
        light="#fff",
        scale=4,
        border=4,
        omitsize=False,
        svgclass=None,
        lineclass=None,
        title="Mã QR tra cứu hồ sơ",
    )
    return buffer.getvalue().decode("utf-8")


def receipt(dossier: Dossier) -> dict[str, Any]:
    """The public summary with the codes to print and the links behind them."""
    lookup = services.lookup_url(dossier.code)
    return {
        **services.public_summary(dossier),
        "lookup_url": lookup,
        "evaluation_url": services.evaluation_url(dossier.code),
        "barcode_svg": barcode_svg(dossier.code),
        "qr_svg": qr_svg(lookup),
    }


# --- PDF ----------------------------------------------------------------------

PDF_FONT = "DejaVu"
MARGIN = 18.0  # mm
BAR_MODULE = 0.33  # mm: Code 128 "X" dimension a desk scanner reads easily
BAR_HEIGHT_MM = 15.0
QR_MODULE = 0.8  # mm
QR_BORDER = 4  # modules of the QR code's own quiet zone


def _when(value) -> str:
    local = timezone.localtime(value)
    return f"{local:%H:%M} ngày {local:%d/%m/%Y}"


def _draw_barcode(pdf: FPDF, modules: str, x: float, y: float, room: float) -> float:
    """Bars from (x, y) after the quiet zone, within ``room`` mm; the width used.

    Modules are ``BAR_MODULE`` wide unless a long agency code needs them
    narrower to leave the QR code its place.
    """
    module = min(BAR_MODULE, room / (len(modules) + 2 * QUIET_ZONE))
    for start, run in _runs(modules):
        pdf.rect(
            x + (start + QUIET_ZONE) * module,
            y,
            run * module,
            BAR_HEIGHT_MM,
            style="F",
        )
    return (len(modules) + 2 * QUIET_ZONE) * module


def _draw_qr(pdf: FPDF, qr: segno.QRCode, x: float, y: float) -> None:
    """Modules (with the quiet zone) from (x, y), ``QR_MODULE`` mm each."""
    rows = list(qr.matrix_iter(scale=1, border=QR_BORDER))
    for row_number, row in enumerate(rows):
        for start, run in _runs(row):
            pdf.rect(
                x + start * QR_MODULE,
                y + row_number * QR_MODULE,
                run * QR_MODULE,
                QR_MODULE,
                style="F",
            )


def receipt_pdf(dossier: Dossier) -> bytes:
    """The receipt as an A4 PDF, in Vietnamese: an official paper."""
    data = receipt_fields(dossier)
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, margin=MARGIN)
    pdf.add_font(PDF_FONT, "", FONTS / "DejaVuSans.ttf")
    pdf.add_font(PDF_FONT, "B", FONTS / "DejaVuSans-Bold.ttf")
    pdf.set_title(f"Giấy tiếp nhận hồ sơ và hẹn trả kết quả {dossier.code}")
    pdf.set_author(data["agency"])
    pdf.set_creator(settings.PORTAL_NAME)
    pdf.set_lang("vi")
    pdf.add_page()
    width = pdf.epw

    def line(text: str, size: float, height: float, **options: Any) -> None:
        """A paragraph the whole width, then the next line at the left margin."""
        pdf.set_font(PDF_FONT, options.pop("style", ""), size)
        pdf.multi_cell(width, height, text, new_x="LMARGIN", new_y="NEXT", **options)

    line(settings.PORTAL_NAME.upper(), 11, 6, style="B", align="C")
    line(data["agency"], 11, 6, align="C")
    pdf.ln(4)
    # The name of form 01 of Circular 03/2025/TT-VPCP, Phụ lục I (docs/legal.md
    # §3 item 8); the layout's fields were not checked against the annex.
    line("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", 16, 8, style="B", align="C")
    pdf.ln(4)

    # The barcode on the left with the code printed under it; the QR code of
    # the lookup page on the right.
    top = pdf.get_y()
    pdf.set_fill_color(0, 0, 0)
    qr = _qr(data["lookup_url"])
    side = qr.symbol_size(scale=1, border=QR_BORDER)[0] * QR_MODULE
    _draw_qr(pdf, qr, MARGIN + width - side, top - 2)
    bars = _draw_barcode(
        pdf, barcode_modules(dossier.code), MARGIN, top, room=width - side - 10
    )
    pdf.set_xy(MARGIN, top + BAR_HEIGHT_MM + 1)
    # The code in words under its bars, smaller when a long code needs it.
    size = 13.0
    pdf.set_font(PDF_FONT, "B", size)
    while size > 7 and pdf.get_string_width(dossier.code) > bars:
        size -= 0.5
        pdf.set_font(PDF_FONT, "B", size)
    pdf.cell(bars, 7, dossier.code, align="C")
    pdf.set_xy(MARGIN + width - side - 10, top - 2 + side)
    pdf.set_font(PDF_FONT, "", 8)
    pdf.cell(side + 10, 4, "Quét mã QR để tra cứu", align="C")
    pdf.set_y(max(top + BAR_HEIGHT_MM + 9, top + side + 4))

    label_width = 52.0
    for label, value, bold in data["rows"]:
        pdf.set_x(MARGIN)
        pdf.set_font(PDF_FONT, "", 11)
        pdf.cell(label_width, 7, f"{label}:")
        pdf.set_font(PDF_FONT, "B" if bold else "", 11)
        pdf.multi_cell(
            width - label_width, 7, value, align="L", new_x="LMARGIN", new_y="NEXT"
        )
    pdf.ln(4)

    # The e-forms filled in online, as the public summary masks them.
    for eform in data["eforms"]:
        line(eform["title"], 11, 7, style="B", align="L")
        for field in eform["fields"]:
            # Label and value side by side, the next row under the taller one.
            pdf.set_font(PDF_FONT, "", 10)
            if pdf.will_page_break(11):  # two lines: a row is never split
                pdf.add_page()
            top = pdf.get_y()
            pdf.set_xy(MARGIN, top)
            pdf.multi_cell(
                label_width + 20,
                5.5,
                f"{field['label']}:",
                new_x="LMARGIN",
                new_y="NEXT",
            )
            below_label = pdf.get_y()
            pdf.set_xy(MARGIN + label_width + 20, top)
            pdf.multi_cell(
                width - label_width - 20,
                5.5,
                field["value"] or "—",
                align="L",
                new_x="LMARGIN",
                new_y="NEXT",
            )
            pdf.set_y(max(below_label, pdf.get_y()) + 0.5)
        pdf.ln(3)

    for text, url in (
        ("Tra cứu tình trạng hồ sơ tại:", data["lookup_url"]),
        (
            "Sau khi nhận kết quả, mời ông/bà đánh giá việc giải quyết hồ sơ tại:",
            data["evaluation_url"],
        ),
    ):
        line(text, 10, 5.5, align="L")
        pdf.set_text_color(0, 0, 160)
        line(url, 10, 5.5, align="L", link=url)
        pdf.set_text_color(0, 0, 0)
        pdf.ln(2)
    pdf.ln(4)
    line(
        f"In lúc {_when(timezone.now())}. Thông tin người nộp đã được che bớt;"
        " mang theo giấy này khi đến nhận kết quả.",
        8,
        4,
        align="L",
    )
    return bytes(pdf.output())


def receipt_fields(dossier: Dossier) -> dict[str, Any]:
    """What the PDF prints: the public summary's fields, labelled in Vietnamese."""
    summary = services.public_summary(dossier)
    rows = []
    if summary["procedure"]:
        procedure = summary["procedure"]
        rows.append(("Thủ tục", f"{procedure['title']} ({procedure['code']})", False))
    rows += [
        ("Cơ quan tiếp nhận", summary["agency"], False),
        ("Người nộp", summary["applicant"], False),
    ]
    if organisation := summary["organisation"]:
        representative = organisation["representative"]
        if organisation["representative_position"]:
            representative += f", {organisation['representative_position']}"
        rows += [
            ("Tổ chức, doanh nghiệp", organisation["name"], True),
            ("Mã số doanh nghiệp", organisation["enterprise_code"], False),
            ("Người đại diện", representative, False),
        ]
    rows += [
        ("Hình thức nộp", Channel(summary["channel"]).label, False),
        ("Ngày tiếp nhận", _when(summary["received_at"]), False),
        ("Ngày hẹn trả kết quả", f"{summary['promised_at']:%d/%m/%Y}", True),
        ("Tình trạng", summary["status_label"], False),
    ]
    return {
        "agency": summary["agency"],
        "rows": rows,
        "eforms": summary["eforms"],
        "lookup_url": services.lookup_url(dossier.code),
        "evaluation_url": services.evaluation_url(dossier.code),
    }
