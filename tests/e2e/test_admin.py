"""The admin in Chromium, as an editor and an official work in it (issue 14).

Procedures come from the national export through the real importer; the
browser (frontend/e2e/admin-vi.mjs, playwright-core driving Debian's Chromium)
is set to English, as most browsers are out of the box, and the admin must
still speak Vietnamese:

- an editor of the "Biên tập viên" group logs in, opens the catalogue in the
  page explorer and birth registration (1.001193) from it; its edit page shows
  no raw keys ("acceptance:") and none of our English labels; "Xem trang đang
  hiển thị" (View live) in the explorer and "Đang hiển thị" (Live) in the
  editor open the procedure on the citizens' site (the built SvelteKit
  server), never a 500;
- an official of the receiving agency opens the petitions inbox and a
  petition, the dossier queue and a dossier, and the statistics pages, titled
  by what they show.

Run on its own: ``pytest tests/e2e/test_admin.py`` (about a minute).
"""

from __future__ import annotations

import gzip
import json
import re
import subprocess
from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from tests.conftest import ROOT
from tests.portal.test_admin_vietnamese import RAW_KEYS, WAGTAIL_ENGLISH, english_names

from .conftest import BIRTH_REGISTRATION, BUNDLED, start_frontend

pytestmark = [
    pytest.mark.frontend,
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True),
    pytest.mark.timeout(600),
]

PASSWORD = "e2e-Admin-Password-42"
# What Wagtail itself says in English when its Vietnamese is missing (the
# checks of tests/catalogue/test_admin_language.py, here in the browser).
WAGTAIL_LEFT = [
    "Save draft",
    "Keyboard shortcuts",
    "Skip to main content",
    "More actions",
    "Sort by",
    "Page type",
    "Set publishing schedule",
    "Sign in",
    "Forgotten password?",
    "Remember me",
    "Exploring",
    "Visible to all",
    "Collapse all",
    "Insert a block",
]
VIETNAMESE = re.compile(
    r"[ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ]"
)


def some_records() -> list[dict]:
    """Birth registration and the first few records of the national export."""
    records = []
    with gzip.open(BUNDLED, "rt", encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            record = json.loads(line)
            if len(records) < 4 or record["ma_thu_tuc"] == BIRTH_REGISTRATION:
                records.append(record)
            if any(r["ma_thu_tuc"] == BIRTH_REGISTRATION for r in records) and (
                len(records) >= 5
            ):
                break
    return records


def user_in(django_user_model, username: str, group: Group):
    user = django_user_model.objects.create_user(
        username, f"{username}@example.com", PASSWORD
    )
    user.groups.add(group)
    return user


@pytest.fixture
def admin_world(django_user_model):
    from catalogue.importer import ProcedureImporter
    from catalogue.models import ProcedurePage
    from core.models import OfficialProfile
    from dossiers import services as dossier_services
    from tests.catalogue.factories import AgencyFactory
    from tests.feedback.factories import PetitionFactory

    ProcedureImporter().run(some_records())
    # The editors' group and its page permissions, as the data migration made
    # them (an earlier transactional test's flush removes the migrations' rows).
    import_module("catalogue.migrations.0004_editorial_workflow").install(apps, None)
    procedure = ProcedurePage.objects.get(code=BIRTH_REGISTRATION)
    agency = AgencyFactory(name="Ủy ban nhân dân xã Tân Hòa", code="H40.98")
    editor = user_in(
        django_user_model, "bientap", Group.objects.get(name="Biên tập viên")
    )
    officials = Group.objects.create(name="Cán bộ một cửa (e2e)")
    officials.permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=["feedback", "dossiers", "wagtailadmin"],
            codename__in=[
                "access_admin",
                "view_petition",
                "change_petition",
                "view_dossier",
                "change_dossier",
            ],
        )
    )
    official = user_in(django_user_model, "canbo", officials)
    OfficialProfile.objects.create(user=official, agency=agency)
    petition = PetitionFactory(
        agency=agency, procedure=procedure, title="Hỏi về giấy chứng sinh bản sao"
    )
    dossier = dossier_services.ingest_dossier(
        agency,
        received_at=timezone.now() - timezone.timedelta(days=3),
        applicant_name="Nguyễn Văn An",
        procedure=procedure,
    ).obj
    return {
        "editor": editor,
        "official": official,
        "procedure": procedure,
        "petition": petition,
        "dossier": dossier,
    }


def run_browser(config: dict) -> dict:
    completed = subprocess.run(
        ["node", "e2e/admin-vi.mjs", json.dumps(config)],
        cwd=ROOT / "frontend",
        capture_output=True,
        text=True,
        timeout=420,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    return json.loads(completed.stdout.strip().splitlines()[-1])


def problems_of(page: dict, english: set[str]) -> list[str]:
    where = f"{page['name']} ({page['url']})"
    text = " ".join(page["text"].split())
    problems = []
    if page["status"] not in (None, 200):
        problems.append(f"{where}: HTTP {page['status']}")
    if page["lang"] != "vi":
        problems.append(f"{where}: lang={page['lang']!r}")
    for name in sorted(english):
        found = re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text)
        if found:
            around = text[max(0, found.start() - 50) : found.end() + 50]
            problems.append(f"{where}: English {name!r} in “{around}”")
    for words in [*WAGTAIL_ENGLISH, *WAGTAIL_LEFT]:
        if words in text:
            problems.append(f"{where}: Wagtail's English {words!r}")
    for key in RAW_KEYS:
        if re.search(rf"(?<![\w./-]){re.escape(key)}(?![\w-])", text):
            problems.append(f"{where}: raw key {key!r}")
    return problems


def test_editor_and_official_work_in_vietnamese_in_chromium(
    admin_world, live_server, artifacts, chromium, settings
):
    frontend, frontend_url = start_frontend(live_server.url, artifacts)
    # The "Live" links point at the citizens' site: this one, for the test.
    settings.FRONTEND_URL = frontend_url
    procedure = admin_world["procedure"]
    try:
        result = run_browser(
            {
                "base": live_server.url,
                "out": str(artifacts),
                "editor": {"username": "bientap", "password": PASSWORD},
                "official": {"username": "canbo", "password": PASSWORD},
                "catalogue": procedure.get_parent().pk,
                "procedure": {"id": procedure.pk, "title": procedure.title},
                "petition": {"title": admin_world["petition"].title},
                "dossier": {"code": admin_world["dossier"].code},
                "statistics": [
                    "/admin/dossiers/statistics/",
                    "/admin/petitions/satisfaction/",
                ],
                "names": {
                    "live": "Đang hiển thị",
                    "viewLive": "Xem trang đang hiển thị",
                },
            }
        )
    finally:
        frontend.terminate()
        frontend.wait(timeout=10)
        frontend.log.close()
    (artifacts / "admin-report.json").write_text(
        json.dumps(result, ensure_ascii=False, indent=1)
    )
    seen = {page["name"]: page for page in result["pages"]}
    english = english_names()
    problems = [p for page in result["pages"] for p in problems_of(page, english)]
    assert result["error"] is None, (
        f"the browser stopped after {list(seen)}: {result['error']}\n  "
        + "\n  ".join(problems)
    )
    assert list(seen) == [
        "login-editor",
        "dashboard",
        "explorer",
        "procedure-edit",
        "login-official",
        "petitions",
        "petition",
        "dossiers",
        "dossier",
        "statistics-1",
        "statistics-2",
    ], list(seen)

    # The pages are the ones asked for, in Vietnamese.
    edit = seen["procedure-edit"]
    if edit["url"] != f"/admin/pages/{procedure.pk}/edit/":
        problems.append(f"the explorer's title link opened {edit['url']}")
    if procedure.title not in edit["text"] or "Lưu bản nháp" not in edit["text"]:
        problems.append("the edit page shows neither the procedure nor “Lưu bản nháp”")
    if "Đăng nhập" not in seen["login-editor"]["text"]:
        problems.append("the log-in page is not in Vietnamese")
    if admin_world["petition"].tracking_code not in seen["petition"]["text"]:
        problems.append("the petition's page does not show its tracking code")
    if "Nguyễn Văn An" not in seen["dossier"]["text"]:
        problems.append("the dossier's page does not show its applicant")

    # "Live" and "View live": the procedure's page on the citizens' site.
    expected = f"{frontend_url}/thu-tuc/{BIRTH_REGISTRATION}"
    assert [link["name"] for link in result["live"]] == ["view-live", "live"]
    for link in result["live"]:
        if link["href"] != expected or link["url"].split("?")[0] != expected:
            problems.append(f"{link['name']}: {link['href']} opened {link['url']}")
        if link["label"] and not VIETNAMESE.search(link["label"]):
            problems.append(
                f"{link['name']}: read to a screen reader as {link['label']!r}"
            )
        if link["status"] != 200:
            problems.append(f"{link['name']}: HTTP {link['status']} at {link['url']}")
        if procedure.title not in link["h1"] + link["title"]:
            problems.append(
                f"{link['name']}: the page is “{link['title']}” / “{link['h1']}”"
            )

    # Statistics pages say what they show, in Vietnamese, with the period.
    for name in ("statistics-1", "statistics-2"):
        heading = seen[name]["h1"]
        if not VIETNAMESE.search(heading) or ":" not in heading:
            problems.append(f"{name}: titled “{heading}”")
        if heading not in seen[name]["title"]:
            problems.append(f"{name}: the tab says “{seen[name]['title']}”")
    if "đúng hạn" not in seen["statistics-1"]["h1"]:
        problems.append(f"dossier statistics titled “{seen['statistics-1']['h1']}”")
    if "hài lòng" not in seen["statistics-2"]["h1"]:
        problems.append(f"satisfaction titled “{seen['statistics-2']['h1']}”")
    assert not problems, f"{len(problems)} problems:\n  " + "\n  ".join(problems)
