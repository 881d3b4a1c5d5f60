"""The receipt (giấy tiếp nhận, hẹn trả kết quả) of a dossier.

What the masked public lookup shows, plus a Code 128 barcode of the dossier
code and a QR code of its lookup page, both as SVG strings the frontend
inlines into a printable page. Both are drawn here from the code alone (which
matches ``services.PUBLIC_CODE_RE``): no text, no fonts, no scripts, nothing
from the request.
"""

from __future__ import annotations

import io
from typing import Any

import segno
from barcode import Code128

from . import services
from .models import Dossier

# Code 128 needs a quiet zone of at least 10 modules on each side.
QUIET_ZONE = 10
BAR_HEIGHT = 50


def barcode_svg(code: str) -> str:
    """Code 128 of ``code`` as a self-contained SVG (bars only, no text)."""
    if not services.is_dossier_code(code):
        raise ValueError(f"not a dossier code: {code!r}")
    modules = Code128(code).build()[0]
    width = len(modules) + 2 * QUIET_ZONE
    bars = []
    x = 0
    while x < len(modules):
        if modules[x] == "1":
            run = 1
            while x + run < len(modules) and modules[x + run] == "1":
                run += 1
            bars.append(f"M{x + QUIET_ZONE} 0h{run}v{BAR_HEIGHT}h-{run}z")
            x += run
        else:
            x += 1
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {BAR_HEIGHT}"'
        f' width="{width * 2}" height="{BAR_HEIGHT * 2}" role="img"'
        f' aria-label="Mã vạch hồ sơ {code}" shape-rendering="crispEdges">'
        f'<rect width="{width}" height="{BAR_HEIGHT}" fill="#fff"/>'
        f'<path fill="#000" d="{"".join(bars)}"/></svg>'
    )


def qr_svg(url: str) -> str:
    """QR code (error correction M) of ``url`` as a self-contained SVG."""
    qr = segno.make(url, error="m", micro=False)
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
