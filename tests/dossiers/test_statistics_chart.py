"""The admin's statistics pages: titled by what they show, charts that draw
Vietnamese letters (the bundled DejaVu Sans, loaded by the chart itself)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import timezone
from fontTools.ttLib import TTFont

from dossiers.admin_views import SERIES, stats_chart

SVG = "{http://www.w3.org/2000/svg}"
AGENCIES = [
    "Ủy ban nhân dân phường Hữu Nghị",
    "Sở Tư pháp tỉnh Thừa Thiên Huế",
    "Bộ phận một cửa xã Đắk Ơ",
]


def rows() -> list[dict]:
    stats = {name: 2 for name, _label, _colour in SERIES}
    return [{"label": name, "stats": stats} for name in AGENCIES]


def chart_css(svg: str) -> str:
    root = ET.fromstring(svg)  # noqa: S314 - our own chart
    return " ".join(style.text or "" for style in root.iter(f"{SVG}style"))


def test_the_chart_loads_a_font_that_has_every_letter_it_draws(settings):
    settings.STATIC_URL = "/static/"
    svg = stats_chart(rows())
    css = chart_css(svg)

    faces = re.findall(
        r"@font-face\{font-family:'DejaVu Sans';font-weight:(\w+);"
        r"src:url\('/static/([^']+)'\)",
        css,
    )
    assert {weight for weight, _ in faces} == {"normal", "bold"}, css[:400]
    # The chart's text asks for that family first, not pygal's monospace.
    families = set(re.findall(r"font-family:([^;}]+)", css)) - {"'DejaVu Sans'"}
    assert families and all(f.startswith("'DejaVu Sans'") for f in families), families

    drawn = "".join(
        "".join(node.itertext())
        for node in ET.fromstring(svg).iter(f"{SVG}text")  # noqa: S314
    )
    assert "ữ" in drawn and "Ơ" in drawn and "Huế" in drawn
    for _weight, path in faces:
        found = finders.find(path)
        assert found, f"static {path} not found"
        cmap = TTFont(found).getBestCmap()
        missing = sorted({c for c in drawn if not c.isspace() and ord(c) not in cmap})
        assert not missing, (path, missing)


@pytest.mark.django_db
@pytest.mark.postgres
def test_statistics_pages_say_what_they_show_and_serve_the_font(
    admin_client, agency_a, procedure
):
    from tests.dossiers.test_admin import file_dossier

    file_dossier(agency_a, procedure)
    today = timezone.localdate()
    quarter = (today.month - 1) // 3 + 1
    page = admin_client.get(reverse("dossiers:statistics")).content.decode()
    title = (
        "Hồ sơ giải quyết trước hạn, đúng hạn, trễ hạn theo cơ quan: "
        f"quý {quarter}/{today:%Y}"
    )
    assert f"<title>{title}" in page
    assert re.search(rf"<h1[^>]*>\s*(<[^>]+>\s*)*{re.escape(title)}", page), page[:3000]
    font = re.search(r"url\('(/static/dossiers/fonts/DejaVuSans\.ttf)'\)", page)
    assert font, "the chart names no font file"
    served = admin_client.get(font[1])
    assert served.status_code == 200
    assert b"".join(served.streaming_content)[:4] == b"\x00\x01\x00\x00"  # TrueType

    satisfaction = admin_client.get(
        reverse("petitions:satisfaction"), {"period": "2025-06"}
    ).content.decode()
    assert "<title>Tỉ lệ người dân hài lòng theo cơ quan và quầy: tháng 6/2025" in (
        satisfaction
    )
