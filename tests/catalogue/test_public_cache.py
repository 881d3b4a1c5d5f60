"""The shared cache of public reads: edits are seen by the next anonymous read.

Real PostgreSQL and Redis: anonymous readers read the public API while an
editor works in Wagtail's admin (page editor, snippet editor) with the test
client. Repeated reads are answered without a query (they are cached), and
yet the first read after an edit always shows it.
"""

from __future__ import annotations

import threading

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html

from catalogue.models import ProcedurePage
from tests.catalogue.editing import CODE, NEW, OLD, post_edit

pytestmark = [pytest.mark.django_db, pytest.mark.postgres, pytest.mark.redis]

DETAIL = f"/api/v1/procedures/{CODE}/"
LIST = "/api/v1/procedures/"


@pytest.fixture
def admin_user():
    return get_user_model().objects.create_superuser("quan-tri", password="x")


def read(path: str, **headers):
    response = Client().get(path, **headers)
    assert response.status_code in (200, 304), response.content[:500]
    return response


def snippet_form(html: str, url: str):
    """The snippet editor's form as the browser would post it back."""
    soup = BeautifulSoup(html, "html.parser")
    forms = soup.find_all("form")
    index = next(i for i, f in enumerate(forms) if f.get("action") == url)
    return querydict_from_html(html, form_index=index)


def names(response) -> list[str]:
    return [item["name"] for item in response.json()["results"]]


def test_repeated_reads_are_answered_from_the_cache(
    procedure, django_assert_max_num_queries
):
    for path in (DETAIL, LIST, "/api/v1/fields/", "/api/v1/agencies/"):
        first = read(path)
        # The second reader's answer costs no query (the view count of a
        # detail read goes to the cache too), and is the same bytes.
        with django_assert_max_num_queries(0):
            second = read(path)
        assert second.content == first.content
        assert second["ETag"] == first["ETag"]


def test_an_edit_published_in_the_admin_is_seen_by_the_next_read(
    client, procedure, admin_user
):
    assert read(DETAIL).json()["requirements"] == OLD
    before = names(read(LIST))
    read(DETAIL), read(LIST)  # cached now
    client.force_login(admin_user)

    response = post_edit(
        client, procedure, "publish", requirements=NEW, name="Đăng ký khai sinh mới"
    )

    assert response.status_code == 302, response.content[:2000]
    procedure.refresh_from_db()
    assert not procedure.has_unpublished_changes
    assert read(DETAIL).json()["requirements"] == NEW
    after = names(read(LIST))
    assert after != before
    assert "Đăng ký khai sinh mới" in after


def test_unpublish_and_delete_are_seen_by_the_next_read(procedure):
    assert [item["code"] for item in read(LIST).json()["results"]] == [CODE]
    read(DETAIL)

    procedure.unpublish()

    assert read(LIST).json()["results"] == []
    assert Client().get(DETAIL).status_code == 404

    procedure.save_revision().publish()
    assert read(DETAIL).status_code == 200
    ProcedurePage.objects.get(pk=procedure.pk).delete()
    assert Client().get(DETAIL).status_code == 404
    assert read(LIST).json()["results"] == []


def test_a_snippet_edited_in_the_admin_is_seen_by_the_next_read(
    client, procedure, admin_user
):
    field = procedure.field
    assert field is not None
    listed = {f["slug"]: f["name"] for f in read("/api/v1/fields/").json()}
    assert listed[field.slug] == field.name
    assert read(DETAIL).json()["field"]["name"] == field.name
    read("/api/v1/fields/"), read(DETAIL)  # cached now
    client.force_login(admin_user)

    url = reverse("wagtailsnippets_catalogue_field:edit", args=[field.pk])
    page = client.get(url)
    assert page.status_code == 200
    form = snippet_form(page.content.decode(), url)
    form["name"] = "Hộ tịch (tên mới)"
    response = client.post(url, form)

    assert response.status_code == 302, response.content[:3000]
    listed = {f["slug"]: f["name"] for f in read("/api/v1/fields/").json()}
    assert listed[field.slug] == "Hộ tịch (tên mới)"
    assert read(DETAIL).json()["field"]["name"] == "Hộ tịch (tên mới)"


def test_an_unchanged_etag_still_answers_304(procedure):
    first = read(LIST)
    etag = first["ETag"]
    read(LIST)  # from the cache: the same validators

    again = read(LIST, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again["ETag"] == etag
    detail = read(DETAIL)
    assert read(DETAIL, HTTP_IF_NONE_MATCH=detail["ETag"]).status_code == 304

    procedure.name = "Đăng ký khai sinh (sửa)"
    procedure.save_revision().publish()

    changed = read(LIST, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert "Đăng ký khai sinh (sửa)" in names(changed)


@pytest.mark.django_db(transaction=True)
def test_a_read_during_the_publish_transaction_is_not_kept(procedure):
    """A reader on another connection while the publish is uncommitted sees the
    old version and the cache may store it; the first read after the commit
    must not get it."""
    seen: list[str] = []

    def reader():
        try:
            seen.append(read(DETAIL).json()["requirements"])
        finally:
            connection.close()

    with transaction.atomic():
        procedure.requirements = NEW
        procedure.save_revision().publish()
        thread = threading.Thread(target=reader)
        thread.start()
        thread.join()

    assert seen == [OLD]  # the uncommitted edit was invisible to that reader
    assert read(DETAIL).json()["requirements"] == NEW


def test_view_counts_kept_in_the_cache_reach_the_usage_score(procedure):
    from catalogue.services import refresh_usage_scores

    ProcedurePage.objects.filter(pk=procedure.pk).update(popularity=0)
    for _ in range(4):
        read(DETAIL)
    assert Client().get("/api/v1/procedures/9.999999/").status_code == 404

    refresh_usage_scores()  # as beat's hourly run does

    procedure.refresh_from_db()
    assert procedure.popularity == 4


# Queries of a first (uncached) anonymous read, and of the next one, on the
# imported fixture procedure with a fresh catalogue version (so the ETag's
# token is computed too). Before the shared cache every read cost about the
# first figure plus four (the token read five aggregates, not one), and a
# detail read one more (its view count was an UPDATE of the page).
QUERY_BOUNDS = {
    DETAIL: 6,
    LIST: 4,
    "/api/v1/fields/": 2,
    "/api/v1/agencies/": 2,
    "/api/v1/life-events/": 2,
    "/api/v1/summary/": 5,
}


@pytest.mark.parametrize("path", list(QUERY_BOUNDS))
def test_queries_per_public_read_stay_bounded(path, procedure):
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as cold:
        read(path)
    with CaptureQueriesContext(connection) as warm:
        read(path)

    print(f"{path}: {len(cold)} queries uncached, {len(warm)} cached")
    assert len(cold) <= QUERY_BOUNDS[path], [q["sql"][:200] for q in cold]
    assert len(warm) == 0, [q["sql"][:200] for q in warm]


def test_bumps_in_one_transaction_share_one_commit_callback(
    django_capture_on_commit_callbacks,
):
    from core import public_cache

    before = public_cache.versions(public_cache.SEARCH, public_cache.SYNONYMS)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        transaction.atomic(),
    ):
        public_cache.bump(public_cache.SEARCH)
        public_cache.bump(public_cache.SYNONYMS)
        try:
            with transaction.atomic():
                public_cache.bump(public_cache.SEARCH)
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
    bumps = [c for c in callbacks if public_cache.is_bump(c)]
    assert len(bumps) == 1
    after = public_cache.versions(public_cache.SEARCH, public_cache.SYNONYMS)
    search_before, synonyms_before = map(int, before.split("."))
    search_after, synonyms_after = map(int, after.split("."))
    # Three bumps at once, and each namespace once more after the commit.
    assert search_after == search_before + 3
    assert synonyms_after == synonyms_before + 2
