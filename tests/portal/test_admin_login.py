"""The editors' and officials' log-in stops a password guesser.

Through the real Wagtail log-in page: at the fifth wrong password the account
and the address are locked for a while, with a clear Vietnamese message,
even when the sixth try has the right password; a made-up
``X-Forwarded-For`` does not get the guesser a fresh address.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

LOGIN = "/admin/login/"
GUESSER = "198.51.100.20"
LOCKED_TEXT = "Đăng nhập sai quá nhiều lần"


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser(
        "bientap", "bientap@example.com", "Mật-khẩu-đúng-2026"
    )


@pytest.fixture
def official(db):
    return get_user_model().objects.create_superuser(
        "canbo", "canbo@example.com", "Một-mật-khẩu-khác-9"
    )


def log_in(client, username, password, address=GUESSER, **extra):
    return client.post(
        LOGIN,
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        **extra,
    )


def test_five_wrong_passwords_lock_the_account_and_the_address(
    client, editor, official
):
    wrong = [
        log_in(client, "bientap", guess).status_code
        for guess in ["123456", "matkhau", "admin", "Mật-khẩu-đúng-2025", "bientap"]
    ]
    # The form again with its error, and the fifth wrong one locks.
    assert wrong == [200] * 4 + [429]

    locked = log_in(client, "bientap", "Mật-khẩu-đúng-2026")
    assert locked.status_code == 429
    page = locked.content.decode()
    assert LOCKED_TEXT in page
    assert 'lang="vi"' in page
    assert client.get("/admin/").status_code == 302  # not logged in

    # The same address trying another account is refused too...
    assert log_in(client, "canbo", "Một-mật-khẩu-khác-9").status_code == 429
    # ...and a made-up forwarded address does not change it.
    spoofed = log_in(
        client, "canbo", "Một-mật-khẩu-khác-9", HTTP_X_FORWARDED_FOR="203.0.113.9"
    )
    assert spoofed.status_code == 429
    # From elsewhere, the guessed account stays locked; the other one is fine.
    assert (
        log_in(client, "bientap", "Mật-khẩu-đúng-2026", "192.0.2.8").status_code == 429
    )
    assert (
        log_in(client, "canbo", "Một-mật-khẩu-khác-9", "192.0.2.8").status_code == 302
    )


def test_a_right_password_before_the_limit_logs_in(client, editor):
    for guess in ["123456", "matkhau"]:
        assert log_in(client, "bientap", guess).status_code == 200
    assert log_in(client, "bientap", "Mật-khẩu-đúng-2026").status_code == 302
    assert client.get("/admin/").status_code == 200
