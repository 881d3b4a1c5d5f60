"""A procedure with a fee, and publishing or drafting a new one."""

from __future__ import annotations

from decimal import Decimal

from catalogue.models import AgencyRole, ProcedureAgency, ProcedurePage
from tests.catalogue.factories import ProcedurePageFactory


def channel(kind: str, days: int, fee: Decimal | None, label: str = "Lệ phí"):
    fees = (
        [{"amount": fee, "currency": "VND", "label": label, "is_free": False}]
        if fee
        else [{"amount": None, "currency": "VND", "label": label, "is_free": True}]
    )
    return (
        "channel",
        {
            "kind": kind,
            "processing_time": Decimal(days),
            "time_unit": "ngày làm việc",
            "fees": fees,
        },
    )


def documents(*names: str):
    return [
        (
            "case",
            {
                "case": "",
                "components": [
                    {"name": name, "originals": 1, "copies": 0} for name in names
                ],
            },
        )
    ]


def procedure(agency=None, **kwargs) -> ProcedurePage:
    page = ProcedurePageFactory(
        code=kwargs.pop("code", "1.004227"),
        title=kwargs.pop("title", "Cấp bản sao trích lục hộ tịch"),
        channels=[
            channel("direct", 5, Decimal(50000)),
            channel("online", 5, Decimal(50000)),
        ],
        dossier=documents("Tờ khai theo mẫu", "Bản sao giấy tờ tùy thân"),
        legal_basis=[
            (
                "document",
                {"title": "Luật Hộ tịch", "number": "60/2014/QH13", "issued": ""},
            )
        ],
        **kwargs,
    )
    if agency is not None:
        ProcedureAgency.objects.create(
            page=page, agency=agency, role=AgencyRole.IMPLEMENTING
        )
    return page


def edit(
    page: ProcedurePage, *, publish: bool, from_live: bool = False, **changes
) -> ProcedurePage:
    """A new revision with ``changes`` made to the latest revision (or to the
    live page, leaving a draft aside): published, or left as a draft."""
    page = ProcedurePage.objects.get(pk=page.pk)
    if not from_live:
        page = page.get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(page, name, value)
    revision = page.save_revision()
    if publish:
        revision.publish()
    return ProcedurePage.objects.get(pk=page.pk)
