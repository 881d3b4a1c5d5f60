"""The personal data journey (issue 12) in Chromium against the real stack.

1. a citizen sends a petition in the browser whose text gives the phone as
   "(+84) 912 345 678", the name without diacritics ("Tran Thi Bich Ngoc") and
   the ID number in groups ("001 099 012 345"), while the name field holds
   "Trần Thị Bích Ngọc" in NFD (frontend/e2e/pii/send.spec.ts);
2. the worker takes it in; an official accepts and answers it — naming the
   citizen, as officials do — and, in the browser, selects in the public copy a
   nickname no automatic masking can know ("cháu Bống"), masks it and publishes
   (frontend/e2e/pii/publish.spec.ts: the publish screen's script);
3. none of those values is readable on ``/phan-anh``, on the tracking page or
   in the API (frontend/e2e/pii/public.spec.ts; checked here through the API
   too).

Run on its own: ``pytest tests/e2e/test_personal_data.py`` (the other journeys
are tests/e2e/test_browser.py's).
"""

from __future__ import annotations

import json
import time
import unicodedata

import pytest
from django.test import Client

from tests.feedback.conftest import clear_throttles

from .test_browser import handed_on, official_for, run_stage, wait_for

pytestmark = [
    pytest.mark.frontend,
    pytest.mark.postgres,
    pytest.mark.opensearch,
    pytest.mark.redis,
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True),
    pytest.mark.timeout(600),
]

NAME = "Trần Thị Bích Ngọc"
ANSWER = (
    "Kính gửi bà Trần Thị Bích Ngọc (điện thoại 0912 345 678): Ủy ban nhân dân xã "
    "đã kiểm tra hồ sơ đăng ký khai sinh và sẽ trả kết quả trong tuần này."
)
# Separators dropped, diacritics dropped, and the fragments a partial mask leaves.
DIGITS = ["912345678", "001099012345", "001099", "099012", "012345", "912345", "345678"]
NAMES = ["tran thi bich ngoc", "bich ngoc", "tran thi", "chau bong"]
PASSWORD = "e2e-Official-Password-42"


def leaks(text: str) -> list[str]:
    """Each personal value readable in ``text`` (the spec's rule, values.ts)."""
    folded = unicodedata.normalize("NFD", text).replace("đ", "d").replace("Đ", "D")
    folded = " ".join(
        "".join(c for c in folded if unicodedata.category(c) != "Mn").lower().split()
    )
    digits = "".join(c for c in text if c not in " \t\n.()+-")
    return [f"name “{n}”" for n in NAMES if n in folded] + [
        f"digits {d}" for d in DIGITS if d in digits
    ]


def answer_in_admin(petition, official) -> None:
    """Accept and answer (naming the citizen) in the admin inbox."""
    client = Client()
    client.force_login(official)
    url = f"/admin/petitions/edit/{petition.pk}/"
    for data in ({"action": "accept"}, {"action": "answer", "text": ANSWER}):
        response = client.post(url, data, follow=True)
        assert "Đã ghi nhận." in response.content.decode(), (
            f"admin action {data['action']} on {petition.tracking_code} refused"
        )


def test_personal_data_never_reaches_a_public_page(
    e2e_catalogue,
    celery_worker_process,
    live_server,
    frontend_url,
    artifacts,
    chromium,
    settings,
    tmp_path,
    admin_user,
    django_user_model,
    capsys,
):
    from feedback.models import Petition, PetitionStatus

    settings.FEEDBACK_PRIVATE_ROOT = tmp_path / "private"
    clear_throttles()
    started = time.monotonic()

    def report(text: str) -> None:
        with capsys.disabled():
            print("\n" + text, flush=True)

    failed = run_stage("pii-before", ["pii-before"], frontend_url, artifacts, report)
    sent = handed_on(artifacts, "pii-petitions")
    assert len(sent) == 1, "the browser did not send the petition:\n  " + "\n  ".join(
        failed
    )
    code = sent[0]["code"]
    wait_for(
        lambda: Petition.objects.filter(
            tracking_code=code, intake_completed_at__isnull=False
        ).exists(),
        f"the worker's intake of {code}",
    )
    petition = Petition.objects.select_related("agency").get(tracking_code=code)
    # The input edge: the name field arrived in NFD and is stored in NFC.
    assert petition.name == NAME, ascii(petition.name)
    assert (
        "Tran Thi Bich Ngoc" in petition.body and "(+84) 912 345 678" in petition.body
    )
    official = official_for(petition.agency, django_user_model, admin_user)
    official.set_password(PASSWORD)
    official.save()
    answer_in_admin(petition, official)
    failed += run_stage(
        "pii-publish",
        ["pii-publish"],
        frontend_url,
        artifacts,
        report,
        E2E_API_URL=live_server.url,
        E2E_OFFICIAL=json.dumps(
            {
                "username": official.get_username(),
                "password": PASSWORD,
                "petition": petition.pk,
            }
        ),
    )
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.PUBLISHED, failed
    assert petition.published_by == official
    assert petition.extra_masks == ["cháu Bống"]
    # The stored public copy, and the API as anyone reads it.
    stored = " ".join(
        [petition.public_title, petition.public_body, petition.public_answer]
    )
    assert leaks(stored) == [], (leaks(stored), stored)
    for path in ("/api/v1/petitions/", f"/api/v1/petitions/{code}/"):
        body = json.dumps(Client().get(path).json(), ensure_ascii=False)
        assert code in body
        assert leaks(body) == [], (path, leaks(body))

    clear_throttles()
    failed += run_stage(
        "pii-after",
        ["pii-after"],
        frontend_url,
        artifacts,
        report,
        E2E_PII=json.dumps([{**sent[0], "answer": petition.public_answer}]),
        E2E_API_URL=live_server.url,
    )
    report(f"personal data journey: {time.monotonic() - started:.0f} s")
    assert not failed, "browser checks failed:\n  " + "\n  ".join(failed)
