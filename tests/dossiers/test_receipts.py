"""The receipt: the masked lookup plus a barcode and a QR code that scan."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET

import pytest
import zxingcpp
from PIL import Image, ImageDraw
from pypdf import PdfReader
from pypdf.generic import ContentStream

from dossiers import receipts

from .factories import at
from .test_api import PRIVATE, PROBLEM, dossier_payload, post

pytestmark = [pytest.mark.django_db, pytest.mark.postgres, pytest.mark.redis]

SVG = "{http://www.w3.org/2000/svg}"


def _path_cells(d: str):
    """The unit cells drawn by an SVG path of M/m/h/v/z moves (as both use)."""
    x = y = 0.0
    for command, args in re.findall(r"([MmHhVvZz])([^MmHhVvZz]*)", d):
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", args)]
        if command == "M":
            x, y = numbers
        elif command == "m":
            x, y = x + numbers[0], y + numbers[1]
        elif command == "h":
            yield ("h", x, y, numbers[0])
            x += numbers[0]
        elif command == "v":
            y += numbers[0]


def _raster(svg: str, size: tuple[int, int], scale: int, offset: float = 0.0):
    """Draw the SVG's bars or modules into an image a decoder can read."""
    root = ET.fromstring(svg)  # noqa: S314 - the portal's own SVG
    image = Image.new("L", (size[0] * scale, size[1] * scale), 255)
    draw = ImageDraw.Draw(image)
    for path in root.iter(f"{SVG}path"):
        if path.get("fill") == "#fff":
            continue  # the QR code's light background
        for _, x, y, length in _path_cells(path.get("d")):
            if length <= 0:
                continue
            top = (y - offset) * scale
            bottom = top + scale if offset else size[1] * scale
            draw.rectangle(
                [x * scale, top, (x + length) * scale - 1, bottom - 1], fill=0
            )
    return image


def _assert_safe(svg: str) -> ET.Element:
    root = ET.fromstring(svg)  # noqa: S314 - well-formed, or this raises
    assert root.tag == f"{SVG}svg"
    tags = {element.tag.removeprefix(SVG) for element in root.iter()}
    assert tags <= {"svg", "g", "rect", "path", "title"}
    assert "<script" not in svg and "href" not in svg and "<text" not in svg
    return root


@pytest.fixture
def filed(client, agency_a, procedure):
    from .factories import token_for

    response = post(client, "/api/v1/dossiers/", dossier_payload(), token_for(agency_a))
    assert response.status_code == 201
    return response.json()["code"]


def test_receipt_has_the_lookup_and_codes_that_scan(
    client, filed, settings, fresh_throttle
):
    settings.FRONTEND_URL = "https://dichvucong.example.vn"
    response = client.get(f"/api/v1/dossiers/{filed}/receipt/")
    assert response.status_code == 200
    body = response.json()
    lookup = client.get(f"/api/v1/dossiers/{filed}/").json()
    for key, value in lookup.items():
        # The lookup's own: the completion estimate is not printed.
        if key not in ("deadline", "completion_estimate"):
            assert body[key] == value
    assert body["lookup_url"] == f"https://dichvucong.example.vn/ho-so/{filed}"
    assert body["evaluation_url"] == (
        f"https://dichvucong.example.vn/danh-gia?ho-so={filed}"
    )
    text = response.content.decode()
    for private in PRIVATE:
        assert private not in text

    barcode = _assert_safe(body["barcode_svg"])
    width = int(barcode.get("viewBox").split()[2])
    image = _raster(body["barcode_svg"], (width, 50), scale=3)
    found = zxingcpp.read_barcodes(image)
    assert [(r.format.name, r.text) for r in found] == [("Code128", filed)]

    qr = _assert_safe(body["qr_svg"])
    side = int(qr.get("width")) // 4
    image = _raster(body["qr_svg"], (side, side), scale=6, offset=0.5)
    found = zxingcpp.read_barcodes(image)
    assert [r.text for r in found] == [body["lookup_url"]]


def _pdf_raster(reader: PdfReader, scale: int = 4) -> Image.Image:
    """The page's filled rectangles (``re`` then ``f``), drawn black on white.

    Only what the PDF itself paints is drawn (no text, which is not filled
    rectangles), so a decoder reading the image reads the PDF's own codes.
    """
    page = reader.pages[0]
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    image = Image.new("L", (int(width * scale), int(height * scale)), 255)
    draw = ImageDraw.Draw(image)
    pending = []
    for operands, operator in ContentStream(page.get_contents(), reader).operations:
        if operator == b"re":
            pending.append([float(value) for value in operands])
        elif operator in (b"f", b"F", b"f*"):
            for x, y, w, h in pending:
                left, right = sorted((x, x + w))
                low, high = sorted((y, y + h))
                # PDF space grows upwards; the image's rows grow downwards.
                draw.rectangle(
                    [
                        left * scale,
                        (height - high) * scale,
                        right * scale - 1,
                        (height - low) * scale - 1,
                    ],
                    fill=0,
                )
            pending = []
        elif operator in (b"S", b"n", b"B"):
            pending = []
    return image


def test_pdf_receipt_prints_the_fields_and_codes_that_scan(
    client, filed, settings, fresh_throttle
):
    settings.FRONTEND_URL = "https://dichvucong.example.vn"
    response = client.get(f"/api/v1/dossiers/{filed}/receipt.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'inline; filename="bien-nhan-{filed}.pdf"'
    )
    assert response["Cache-Control"] == "private, no-store"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    lookup = client.get(f"/api/v1/dossiers/{filed}/").json()
    # Vietnamese prints with its diacritics (the bundled font has them).
    for expected in (
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        filed,
        "UBND xã Hòa An",
        lookup["applicant"],
        "Trực tiếp",
        "09:00 ngày 06/04/2026",
        f"{lookup['promised_at'][8:10]}/{lookup['promised_at'][5:7]}/"
        f"{lookup['promised_at'][:4]}",
        lookup["status_label"],
        f"https://dichvucong.example.vn/ho-so/{filed}",
        f"https://dichvucong.example.vn/danh-gia?ho-so={filed}",
    ):
        assert expected in text, expected
    for private in PRIVATE:
        assert private not in text

    found = zxingcpp.read_barcodes(_pdf_raster(reader))
    assert sorted((r.format.name, r.text) for r in found) == [
        ("Code128", filed),
        ("QRCode", f"https://dichvucong.example.vn/ho-so/{filed}"),
    ]


def test_pdf_codes_of_the_longest_agency_code_still_fit_and_scan(
    client, procedure, fresh_throttle
):
    from .factories import agency, token_for

    longest = agency("000.00.16.H40.SOCONGTHUONG.BPMC.TAVAN.01")  # 40 characters
    payload = dossier_payload(code=f"{longest.code}-260406-000123456")
    response = post(client, "/api/v1/dossiers/", payload, token_for(longest))
    assert response.status_code == 201, response.json()
    code = response.json()["code"]
    reader = PdfReader(
        io.BytesIO(client.get(f"/api/v1/dossiers/{code}/receipt.pdf").content)
    )
    assert len(reader.pages) == 1
    assert code in reader.pages[0].extract_text()
    found = zxingcpp.read_barcodes(_pdf_raster(reader, scale=6))
    assert {r.format.name: r.text for r in found}["Code128"] == code


def test_unknown_or_malformed_code_is_404(client, db, fresh_throttle):
    for code in ("H40.01-260406-9999", "<svg>-260406-0001", "x"):
        for suffix in ("receipt/", "receipt.pdf"):
            response = client.get(f"/api/v1/dossiers/{code}/{suffix}")
            assert response.status_code == 404, (code, suffix)
            assert response["Content-Type"] == PROBLEM


def test_receipt_shares_the_lookup_rate_limit(client, db, settings, fresh_throttle):
    settings.DOSSIER_LOOKUP_RATE = "2/min"
    codes = ["H40.01-260406-0001", "H40.01-260406-0002"]
    assert [client.get(f"/api/v1/dossiers/{c}/").status_code for c in codes] == [
        404,
        404,
    ]
    for suffix in ("receipt/", "receipt.pdf"):
        limited = client.get(f"/api/v1/dossiers/{codes[0]}/{suffix}")
        assert limited.status_code == 429
        assert limited["Content-Type"] == PROBLEM


def test_barcode_refuses_anything_but_a_dossier_code():
    with pytest.raises(ValueError):
        receipts.barcode_svg('"/><script>alert(1)</script>-260406-0001')
    assert receipts.barcode_svg("H40.01-260406-0001").startswith("<svg")
    assert at(2026, 4, 6)  # the factory helper imports cleanly
