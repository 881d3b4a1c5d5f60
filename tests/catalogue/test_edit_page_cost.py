"""The procedure edit page lists every procedure as a possible related one
without loading every procedure whole (it took 4.8 s on the bundled
catalogue; ``make bench-admin`` prints the time beside the dashboard's)."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.catalogue.factories import ProcedurePageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def test_related_procedures_are_offered_by_code_and_title_and_kept(admin_client):
    others = [ProcedurePageFactory(title=f"Thủ tục <{n}>") for n in range(3)]
    page = ProcedurePageFactory(title="Đăng ký khai sinh", code="1.001193")
    page.related_procedures.set([others[1]])
    page.save_revision().publish()

    with CaptureQueriesContext(connection) as queries:
        response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    select = re.search(
        r'<select[^>]*name="related_procedures"[^>]*>(.*?)</select>', html, re.S
    )
    assert select, "no related procedures field"
    options = re.findall(
        r'<option value="(\d+)"( selected)?>([^<]*)</option>', select[1]
    )
    assert {int(pk) for pk, _, _ in options} >= {p.pk for p in [*others, page]}
    assert [int(pk) for pk, chosen, _ in options if chosen] == [others[1].pk]
    # Labels escaped, as "code title".
    assert f"{others[0].code} Thủ tục &lt;0&gt;" in [label for _, _, label in options]
    # The choices come from one narrow query, not from loading the pages whole.
    wide = [
        q["sql"]
        for q in queries.captured_queries
        if '"catalogue_procedurepage"."channels"' in q["sql"]
        and " WHERE " not in q["sql"]
    ]
    assert not wide, wide
