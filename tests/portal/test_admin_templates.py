"""The officials' templates of ours speak through gettext.

Every word in the admin templates of the portal's apps (the dossier and
petition pages, the statistics, the token page, the log-in lock page) is
inside ``{% translate %}`` or ``{% blocktranslate %}``, written in English and
translated in ``locale/vi``: an official reads them in Vietnamese, one who
chose English in the admin reads English.
"""

from __future__ import annotations

import ast
import datetime as dt
import re
from html import unescape
from pathlib import Path

import pytest
from django.utils import timezone, translation
from django.utils.translation.template import templatize

from tests.conftest import ROOT

APPS = ["catalogue", "core", "dossiers", "feedback", "portal", "search", "alerts"]
# Citizens' pages Django serves (not the officials'): an alert's confirmation,
# reached from a Vietnamese e-mail, is Vietnamese like the e-mail.
CITIZENS = {"alerts/templates/alerts/action.html"}
LETTER = re.compile(r"[^\W\d_]")


def officials_templates() -> list[Path]:
    found = [
        path
        for app in APPS
        for path in sorted((ROOT / app / "templates").rglob("*.html"))
        if str(path.relative_to(ROOT)) not in CITIZENS
    ]
    assert len(found) >= 7, found
    return found


def hard_coded(source: str) -> list[str]:
    """Words of ``source`` a reader sees that no translation tag covers."""
    found = []
    text = re.sub(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", " ", source, flags=re.S)
    text = re.sub(r"{#.*?#}", " ", text, flags=re.S)
    text = re.sub(
        r"{%\s*blocktrans(late)?\b.*?{%\s*endblocktrans(late)?\s*%}",
        " ",
        text,
        flags=re.S,
    )
    for literal in re.findall(r'default:"([^"]*)"', text):
        if LETTER.search(literal):
            found.append(f"default:{literal!r}")
    text = re.sub(r"{%.*?%}|{{.*?}}", " ", text, flags=re.S)
    for attribute, value in re.findall(
        r'\b(aria-label|title|placeholder|alt)="([^"]*)"', text
    ):
        if LETTER.search(value):
            found.append(f"{attribute}={value!r}")
    text = re.sub(r"<(style|script|code)\b.*?</\1>", " ", text, flags=re.S)
    text = re.sub(r"<[^>]*>", " ", text)
    words = " ".join(unescape(text).split())
    if LETTER.search(words):
        found.append(words[:300])
    return found


def test_no_words_outside_translation_tags():
    problems = {
        str(path.relative_to(ROOT)): hard_coded(path.read_text())
        for path in officials_templates()
    }
    problems = {path: found for path, found in problems.items() if found}
    assert not problems, problems


def test_the_check_finds_hard_coded_words():
    assert hard_coded("<p>Kỳ: {{ period }}</p>") == ["Kỳ:"]
    assert hard_coded('<ul aria-label="Các đoạn"></ul>') == ["aria-label='Các đoạn'"]
    assert hard_coded('{{ e.actor|default:"hệ thống" }}') == ["default:'hệ thống'"]
    assert hard_coded('<p>{% translate "Step" %} {{ x|date:"d/m/Y" }}</p>') == []


def messages_of(path: Path) -> list[tuple[str | None, str]]:
    """(context, msgid) of each translation in a template, as makemessages sees them."""
    code = templatize(path.read_text(), origin=str(path))
    found = []
    call = re.compile(
        r"\b(npgettext|pgettext|ngettext|gettext)\(((?:\s*u'(?:[^'\\]|\\.)*'\s*,?)+)"
    )
    for name, arguments in call.findall(code):
        literals = [
            ast.literal_eval(f"'{s}'")
            for s in re.findall(r"u'((?:[^'\\]|\\.)*)'", arguments)
        ]
        context = (
            literals.pop(0) if name.startswith("p") or name == "npgettext" else None
        )
        found.append((context, literals[0]))
    return found


def read(context: str | None, msgid: str) -> str:
    if context:
        return translation.pgettext(context, msgid)
    return translation.gettext(msgid)


def test_every_message_of_the_templates_reads_in_vietnamese():
    messages = {m for path in officials_templates() for m in messages_of(path)}
    assert len(messages) > 100, len(messages)
    untranslated = []
    for context, msgid in sorted(messages, key=lambda m: m[1]):
        with translation.override("vi"):
            vietnamese = read(context, msgid)
        with translation.override("en"):
            english = read(context, msgid)
        if vietnamese == english or english != msgid:
            untranslated.append(f"{context or ''} {msgid!r}: vi {vietnamese!r}")
    assert not untranslated, "\n".join(untranslated)


# --- the pages, read by an official in each language ----------------------------


def visible_text(html: str) -> str:
    html = re.sub(r"<(script|style|svg|template)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


@pytest.fixture
def official_pages(django_user_model):
    from catalogue.models import ProcedureAgency
    from core.models import OfficialProfile
    from dossiers import services as dossier_services
    from tests.catalogue.factories import AgencyFactory, ProcedurePageFactory
    from tests.feedback.factories import PetitionFactory

    agency = AgencyFactory(name="Ủy ban nhân dân xã Tân Hòa", code="H40.97")
    procedure = ProcedurePageFactory(title="Đăng ký khai sinh", code="1.001193")
    ProcedureAgency.objects.create(page=procedure, agency=agency, role="implementing")
    user = django_user_model.objects.create_superuser("canbo", "c@example.com", "pw")
    OfficialProfile.objects.create(user=user, agency=agency)
    petition = PetitionFactory(agency=agency, procedure=procedure)
    dossier = dossier_services.ingest_dossier(
        agency,
        received_at=timezone.now() - dt.timedelta(days=3),
        applicant_name="Nguyễn Văn An",
        procedure=procedure,
        promised_at=timezone.localdate() + dt.timedelta(days=5),
    ).obj
    return user, {
        f"/admin/dossiers/edit/{dossier.pk}/": ("Handling history", "Quá trình xử lý"),
        f"/admin/petitions/edit/{petition.pk}/": (
            "The original and the public copy",
            "Bản gốc và bản công khai",
        ),
        "/admin/dossiers/statistics/": ("On-time rate", "Tỉ lệ đúng hạn"),
        "/admin/petitions/satisfaction/": ("Share satisfied", "Tỉ lệ hài lòng"),
    }


@pytest.mark.django_db
@pytest.mark.postgres
@pytest.mark.parametrize("language", ["vi", "en"])
def test_an_official_reads_the_pages_in_the_language_chosen(
    client, official_pages, language
):
    from wagtail.users.models import UserProfile

    user, pages = official_pages
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    for url, (english, vietnamese) in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        text = visible_text(response.content.decode())
        wanted, unwanted = (
            (english, vietnamese) if language == "en" else (vietnamese, english)
        )
        assert wanted in text, (url, wanted)
        assert unwanted not in text, (url, unwanted)


@pytest.mark.django_db
@pytest.mark.postgres
@pytest.mark.redis
def test_the_lock_page_says_it_in_vietnamese_then_english(rf):
    from portal.views import login_locked

    with translation.override("en"):
        page = login_locked(rf.get("/admin/login/")).content.decode()
    assert page.index("Đăng nhập sai quá nhiều lần") < page.index(
        "Too many failed log-ins"
    )
    assert "Quay lại trang đăng nhập" in page


@pytest.mark.django_db
@pytest.mark.postgres
@pytest.mark.parametrize(
    ("language", "dossier_refusal", "petition_refusal"),
    [
        ("vi", "Thao tác không hợp lệ.", "Phải nêu lý do từ chối."),
        ("en", "Invalid action.", "Give the reason for refusing."),
    ],
)
def test_a_refused_step_is_explained_in_the_language_chosen(
    client, official_pages, language, dossier_refusal, petition_refusal
):
    from wagtail.users.models import UserProfile

    user, pages = official_pages
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    dossier_url, petition_url = list(pages)[:2]
    for url, data, refusal in [
        (dossier_url, {"action": "nonsense"}, dossier_refusal),
        (petition_url, {"action": "reject", "text": ""}, petition_refusal),
    ]:
        response = client.post(url, data, follow=True)
        assert response.status_code == 200, url
        assert refusal in visible_text(response.content.decode()), (url, refusal)


@pytest.mark.django_db
@pytest.mark.postgres
def test_the_admin_scripts_speak_vietnamese(client, django_user_model):
    """Wagtail's JavaScript strings (the StreamField editor's buttons) come from
    the admin's script catalogue: ours fills what Wagtail's leaves in English."""
    user = django_user_model.objects.create_superuser("bientap", "b@example.com", "pw")
    client.force_login(user)
    catalogue = client.get(
        "/admin/jsi18n/", headers={"Accept-Language": "en-US"}
    ).content.decode()
    # The catalogue is JSON inside JavaScript, its letters \u-escaped.
    assert catalogue.isascii()
    text = catalogue.encode().decode("unicode_escape")
    for vietnamese in ("Thu gọn tất cả", "Chèn một khối", "Nhân bản", "Chuyển lên"):
        assert vietnamese in text, vietnamese
