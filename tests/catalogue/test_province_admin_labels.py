"""The province's snippets speak the editor's language in the admin (issue
18): English source strings, translated in locale/vi, like the other admin
labels. Vietnamese by default (an English browser too), English for an editor
who chose it."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from catalogue.models import Commune, Counter, LocalProcedure, ProvincialDecision
from tests.catalogue.province_fixtures import load_sample_province
from tests.catalogue.test_admin_language import ENGLISH_BROWSER, visible_text

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

# (model, labels in Vietnamese, the same in English) on each edit form.
FORMS = [
    (
        LocalProcedure,
        ["Mã TTHC như tỉnh công bố", "Nơi tiếp nhận hồ sơ", "Phí, lệ phí tại tỉnh"],
        [
            "Procedure code as the province published it",
            "Where dossiers are received",
            "Fees and charges in the province",
        ],
    ),
    (
        ProvincialDecision,
        ["Số, ký hiệu", "Ngày ban hành", "Dữ liệu mẫu"],
        ["Number and symbol", "Date issued", "Sample data"],
    ),
    (
        Commune,
        ["Hình thành từ", "Mã bưu chính"],
        ["Formed from", "Postal code"],
    ),
    (
        Counter,
        ["Số quầy", "Các sở, ngành tiếp nhận hồ sơ tại quầy"],
        ["Counter number", "Departments received here"],
    ),
]


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser("tinh", "t@example.com", "pw")
    client.force_login(user)
    load_sample_province()
    return user


def edit_form(client, model) -> str:
    meta = model._meta
    obj = model.objects.order_by("pk").first()
    url = f"/admin/snippets/{meta.app_label}/{meta.model_name}/edit/{obj.pk}/"
    response = client.get(url, headers=ENGLISH_BROWSER)
    assert response.status_code == 200, url
    return visible_text(response.content.decode())


@pytest.mark.parametrize(("model", "vietnamese", "english"), FORMS)
def test_province_forms_are_in_vietnamese_by_default(
    client, editor, model, vietnamese, english
):
    text = edit_form(client, model)
    for label in vietnamese:
        assert label in text, (model.__name__, label)
    for label in english:
        assert label not in text, (model.__name__, label)


@pytest.mark.parametrize(("model", "vietnamese", "english"), FORMS)
def test_an_editor_who_chose_english_reads_them_in_english(
    client, editor, model, vietnamese, english
):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "en"
    profile.save()
    text = edit_form(client, model)
    for label in english:
        assert label in text, (model.__name__, label)
    for label in vietnamese:
        assert label not in text, (model.__name__, label)


def test_the_choices_are_translated_too():
    from django.utils import translation

    from catalogue.models import LocalStatus, Reception

    with translation.override("vi"):
        assert str(Reception.COMMUNE.label) == (
            "Tại Trung tâm Phục vụ hành chính công của xã, phường"
        )
        assert str(LocalStatus.APPLIES.label) == "Áp dụng tại tỉnh"
    with translation.override("en"):
        assert str(LocalStatus.APPLIES.label) == "Applies in the province"
