"""The procedure page answers "where do I go?" server-rendered, without
JavaScript: the commune is chosen with a GET form (``?xa=``), the answer is
in the HTML. Read from the Điện Biên sample as ``make run`` loads it."""

from __future__ import annotations

import html
import re
import urllib.parse

import pytest

from tests.catalogue.province_fixtures import load_sample_province
from tests.frontend.test_ssr import fetch, frontend_server, start_frontend  # noqa: F401

pytestmark = [
    pytest.mark.frontend,
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
]


def visible(page: str) -> str:
    text = re.sub(r"<script.*?</script>|<style.*?</style>", " ", page, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


@pytest.fixture
def sample():
    load_sample_province()


def test_birth_registration_page_answers_for_a_chosen_commune(frontend_server, sample):
    status, page = fetch(f"{frontend_server}/thu-tuc/1.001193")
    assert status == 200
    # A GET form, a labelled select of the communes and wards, a submit button.
    form = re.search(
        r'<form method="get"[^>]*class="choose[^"]*".*?</form>', page, re.S
    )
    assert form, "no commune form on the page"
    assert re.search(
        r'<label for="xa"[^>]*>Xã, phường nơi bạn nộp hồ sơ</label>', form[0]
    )
    assert '<option value="muong-ang"' in form[0]
    assert "Chọn xã, phường nơi bạn nộp hồ sơ để biết nơi tiếp nhận." in visible(page)

    status, page = fetch(f"{frontend_server}/thu-tuc/1.001193?xa=muong-ang")
    assert status == 200
    text = visible(page)
    assert "Nơi tiếp nhận hồ sơ Trung tâm Phục vụ hành chính công xã Mường Ảng" in text
    assert "Giờ làm việc Thứ Hai đến thứ Sáu" in text
    assert 'href="https://www.openstreetmap.org/search?query=' in page
    assert re.search(r'<option value="muong-ang"[^>]*selected', page)
    fee = re.search(r'data-testid="local-fee">(.*?)</dd>', page, re.S)[1]
    assert "Miễn phí" in visible(fee)
    assert "Theo danh mục thủ tục hành chính quốc gia." in visible(fee)
    assert "Gồm các đơn vị cũ: Thị trấn Mường Ảng, Xã Ẳng Nưa, Xã Ẳng Cang." in text
    assert "Dữ liệu mẫu để trình diễn" in text


def test_the_provinces_time_is_cited_with_its_decision(frontend_server, sample):
    status, page = fetch(f"{frontend_server}/thu-tuc/2.000004?xa=dien-bien-phu")
    assert status == 200
    time = visible(re.search(r'data-testid="local-time">(.*?)</dd>', page, re.S)[1])
    assert time.startswith("4 ngày làm việc")
    assert "Tỉnh quy định theo Quyết định số SAMPLE/QĐ-UBND ngày 01/12/2025." in time
    assert "Danh mục quốc gia: 5 ngày làm việc." in time
    assert "Trung tâm Phục vụ hành chính công tỉnh Điện Biên" in visible(page)


def test_an_unknown_commune_is_the_forms_error_not_a_broken_page(
    frontend_server, sample
):
    query = urllib.parse.quote("Hà Đông")
    status, page = fetch(f"{frontend_server}/thu-tuc/1.001193?xa={query}")
    assert status == 200
    error = re.search(
        r'<p class="error[^"]*" id="xa-error" role="alert"[^>]*>(.*?)</p>', page
    )
    assert error and "Không có xã, phường “Hà Đông”" in html.unescape(error[1])
    assert 'aria-invalid="true"' in page
    assert "Thủ tục đăng ký khai sinh" in visible(page)


def test_the_department_page_lists_the_provinces_procedures(frontend_server, sample):
    from catalogue.models import Agency

    department = Agency.objects.get(name="Sở Công Thương tỉnh Điện Biên")
    status, page = fetch(f"{frontend_server}/co-quan/{department.pk}")
    assert status == 200
    listing = re.search(r'<section class="province-list.*?</section>', page, re.S)[0]
    assert listing.count("<tr") == 13  # the header and 12 procedures
    assert 'href="/thu-tuc/2.000004"' in listing
    assert "chưa có trong danh mục quốc gia của cổng" in visible(listing)
