"""The API tokens in the Wagtail admin: listed and revocable, never shown."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from dossiers.models import AgencyToken, hash_token

from .factories import token_for

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("root", "root@example.com", "x")
    client.force_login(user)
    return client


def test_tokens_are_listed_and_revocable_without_showing_the_secret(
    admin_client, agency_a
):
    token = token_for(agency_a, name="Phần mềm một cửa xã")
    record = AgencyToken.objects.get()
    viewset = AgencyToken.snippet_viewset
    listing = admin_client.get(reverse(viewset.get_url_name("list")))
    assert listing.status_code == 200
    assert "Phần mềm một cửa xã" in listing.content.decode()
    edit_url = reverse(viewset.get_url_name("edit"), args=[record.pk])
    page = admin_client.get(edit_url).content.decode()
    assert token not in page
    assert hash_token(token) not in page
    response = admin_client.post(
        edit_url,
        {"agency": agency_a.pk, "name": "Phần mềm một cửa xã", "active": ""},
    )
    assert response.status_code == 302
    record.refresh_from_db()
    assert not record.active
