"""Factories and helpers for dossier tests."""

from __future__ import annotations

import datetime as dt
import secrets
from decimal import Decimal

from django.utils import timezone

from dossiers.models import AgencyToken, hash_token
from tests.catalogue.factories import AgencyFactory, ProcedurePageFactory


def at(year: int, month: int, day: int, hour: int = 9) -> dt.datetime:
    """An aware datetime in the portal's time zone."""
    return timezone.make_aware(dt.datetime(year, month, day, hour))


def agency(code: str, **kwargs):
    return AgencyFactory(code=code, **kwargs)


def procedure(direct_days: int = 5, online_days: int | None = 3, **kwargs):
    """A published procedure with processing times in working days."""
    channels = [
        (
            "channel",
            {
                "kind": "direct",
                "processing_time": Decimal(direct_days),
                "time_unit": "ngày làm việc",
            },
        )
    ]
    if online_days is not None:
        channels.append(
            (
                "channel",
                {
                    "kind": "online",
                    "processing_time": Decimal(online_days),
                    "time_unit": "ngày làm việc",
                },
            )
        )
    return ProcedurePageFactory(channels=channels, **kwargs)


def token_for(agency, name: str = "Một cửa") -> str:
    token = secrets.token_urlsafe(32)
    AgencyToken.objects.create(agency=agency, name=name, token_hash=hash_token(token))
    return token


# The component the bundled 1.001193 (đăng ký khai sinh) lists for online filing.
EFORM_COMPONENT = (
    "Mẫu hộ tịch điện tử tương tác đăng ký khai sinh (do người yêu cầu cung cấp"
    " thông tin theo hướng dẫn trên Cổng dịch vụ công, nếu người có yêu cầu lựa"
    " chọn nộp hồ sơ theo hình thức trực tuyến)"
)


def online_procedure(
    agency, *, online_filing: bool = True, eform: bool = False, **kwargs
):
    """A procedure open for online filing at ``agency``, with three documents
    (and, with ``eform``, the birth-registration e-form as a fourth)."""
    from catalogue.models import AgencyRole, ProcedureAgency

    dossier = [
        (
            "case",
            {
                "case": "Giấy tờ phải nộp",
                "components": [
                    {
                        "name": "Tờ khai đăng ký khai sinh theo mẫu",
                        "originals": 1,
                        "copies": 0,
                        "form_name": "Mẫu tờ khai đăng ký khai sinh",
                        "form_document": None,
                        "notes": "",
                    },
                    {
                        "name": "Giấy chứng sinh",
                        "originals": 1,
                        "copies": 0,
                        "form_name": "",
                        "form_document": None,
                        "notes": "",
                    },
                    {
                        "name": "Văn bản ủy quyền trong trường hợp ủy quyền",
                        "originals": 1,
                        "copies": 0,
                        "form_name": "",
                        "form_document": None,
                        "notes": "",
                    },
                ],
            },
        )
    ]
    if eform:
        dossier[0][1]["components"].append(
            {
                "name": EFORM_COMPONENT,
                "originals": 1,
                "copies": 0,
                "form_name": "",
                "form_document": None,
                "notes": "",
            }
        )
    page = procedure(
        online_filing=online_filing, dossier=dossier, online_days=3, **kwargs
    )
    ProcedureAgency.objects.create(
        page=page, agency=agency, role=AgencyRole.IMPLEMENTING
    )
    return page
