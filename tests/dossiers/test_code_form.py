"""The dossier code of Circular 03/2025/TT-VPCP art. 13(3): agency-YYMMDD-sequence.

"YYMMDD là ngày tiếp nhận hồ sơ, bao gồm 06 ký tự số … XXXX là số thứ tự hồ sơ
tiếp nhận trong ngày … tối thiểu gồm 04 ký tự" (added by Circular 04/2025/TT-VPCP
art. 23(2), in force 25/01/2026). Codes issued before then, with the date in
eight digits, are printed on receipts people still hold.
"""

from __future__ import annotations

import json
import re

import pytest

from dossiers import receipts, services

from .factories import at, token_for

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

CIRCULAR_FORM = re.compile(r"(?P<agency>.+)-(?P<date>\d{6})-(?P<seq>\d{4,})")


def receive(agency, proc, when, **kwargs):
    kwargs.setdefault("applicant_name", "Nguyễn Văn An")
    return services.ingest_dossier(
        agency, received_at=when, procedure=proc, **kwargs
    ).obj


def test_a_new_code_has_the_receipt_date_in_six_digits(agency_a, procedure):
    # Received on Mon 6 April 2026, the first of the day.
    dossier = receive(agency_a, procedure, at(2026, 4, 6, 8))
    parts = CIRCULAR_FORM.fullmatch(dossier.code)
    assert parts, dossier.code
    assert parts["agency"] == agency_a.code
    assert parts["date"] == "260406"
    assert parts["seq"] == "0001"


def test_the_date_is_the_local_day_of_receipt(agency_a, procedure):
    # 23:30 in Hà Nội on 31/12/2026 is still that day (16:30 UTC).
    dossier = receive(agency_a, procedure, at(2026, 12, 31, 23))
    assert dossier.code == f"{agency_a.code}-261231-0001"


def test_a_desk_code_in_the_circular_form_is_accepted(agency_a, procedure):
    # A centralised system's code: the sequence starts with its two-digit code.
    dossier = receive(agency_a, procedure, at(2026, 4, 6), code="H40.01-260406-120007")
    assert dossier.code == "H40.01-260406-120007"


def test_an_eight_digit_date_is_refused_for_a_dossier_received_since_the_circular(
    agency_a, procedure
):
    with pytest.raises(services.DossierError) as caught:
        receive(agency_a, procedure, at(2026, 4, 6), code="H40.01-20260406-0007")
    # The message shows the form to use.
    assert "H40.01-260406-0001" in caught.value.errors["code"][0]


def test_a_code_issued_before_the_circular_keeps_its_eight_digits(agency_a, procedure):
    # Received on 10/12/2025, before art. 13(3) came into force (25/01/2026):
    # the desk re-sends it with the code printed on its receipt.
    old = receive(agency_a, procedure, at(2025, 12, 10), code="H40.01-20251210-0042")
    assert old.code == "H40.01-20251210-0042"
    # Six digits are right for it too; the wrong day is not.
    same_day = receive(agency_a, procedure, at(2025, 12, 10), code="H40.01-251210-0043")
    assert same_day.code == "H40.01-251210-0043"
    with pytest.raises(services.DossierError):
        receive(agency_a, procedure, at(2025, 12, 10), code="H40.01-20251211-0044")


def test_an_old_code_is_still_found_and_its_receipt_drawn(
    client, agency_a, procedure, fresh_throttle
):
    old = receive(agency_a, procedure, at(2025, 12, 10), code="H40.01-20251210-0042")
    new = receive(agency_a, procedure, at(2026, 4, 6))
    for code in (old.code, new.code):
        response = client.get(f"/api/v1/dossiers/{code}/")
        assert response.status_code == 200, (code, response.content)
        assert response.json()["code"] == code
        assert services.is_dossier_code(code)
        assert receipts.barcode_svg(code).startswith("<svg")


def test_the_api_gives_the_new_form(client, agency_a, procedure):
    token = token_for(agency_a)
    response = client.post(
        "/api/v1/dossiers/",
        json.dumps(
            {
                "procedure": procedure.code,
                "channel": "direct",
                "applicant_name": "Nguyễn Văn An",
                "received_at": "2026-04-06T09:00:00+07:00",
            }
        ),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {token}",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["code"] == f"{agency_a.code}-260406-0001"


@pytest.mark.parametrize(
    "code",
    [
        "H40.01-2604060-0001",  # seven digits
        "H40.01-26046-0001",  # five
        "H40.01-260406-001",  # a sequence of three
    ],
)
def test_malformed_codes_are_not_dossier_codes(code):
    assert not services.is_dossier_code(code)
