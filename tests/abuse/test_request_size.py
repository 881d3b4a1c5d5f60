"""Requests too large or too long: problem+json from Django and from gunicorn.

A 3 MB JSON body and a 4 KB URL used to get HTML error pages (Django's 400
page, gunicorn's own 414); a multipart body sent without Content-Length was
read as empty. These tests send them as a script would, first through
Django's test client, then over a socket to a real gunicorn started with the
project's ``portal/gunicorn_conf.py``.
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import _database_url_for
from tests.helpers import free_port, wait_for_server

ROOT = Path(__file__).resolve().parents[2]
PROBLEM = "application/problem+json"

pytestmark = [pytest.mark.django_db, pytest.mark.postgres, pytest.mark.redis]


def petition(body: str = "Nội dung phản ánh.") -> dict:
    return {
        "kind": "suggestion",
        "title": "Đề nghị",
        "body": body,
        "name": "Trần Thị Bình",
        "phone": "0912 345 678",
        "consent_publish": False,
    }


THREE_MB = json.dumps(petition("a" * 3 * 1024 * 1024))


# --- through Django ---------------------------------------------------------------


def test_a_3mb_json_body_is_413_problem(client, fresh_limits):
    response = client.post(
        "/api/v1/petitions/", THREE_MB, content_type="application/json"
    )
    assert response.status_code == 413
    assert response["Content-Type"] == PROBLEM
    assert "quá lớn" in response.json()["detail"]


def test_a_declared_length_over_the_limit_is_413_before_reading(client, settings):
    settings.API_MAX_REQUEST_BYTES = 1024
    response = client.post(
        "/api/v1/online-filing/1.001193/",
        {"doc-1": "x" * 2048},
    )
    assert response.status_code == 413
    assert response["Content-Type"] == PROBLEM


def test_a_body_without_length_is_411(client):
    response = client.generic(
        "POST",
        "/api/v1/petitions/",
        b"",
        content_type="multipart/form-data; boundary=x",
        HTTP_TRANSFER_ENCODING="chunked",
        CONTENT_LENGTH="",
    )
    assert response.status_code == 411
    assert response["Content-Type"] == PROBLEM


# --- through gunicorn ---------------------------------------------------------------


@pytest.fixture(scope="module")
def gunicorn(django_db_setup, django_db_blocker):
    """The web process as ``make run`` starts it (one worker), on the test DB."""
    from django.db import connection

    with django_db_blocker.unblock():
        database_url = _database_url_for(connection.settings_dict)
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": database_url,
        "WEB_WORKERS": "1",
        "WEB_THREADS": "2",
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "portal.wsgi:application",
            "--config",
            "portal/gunicorn_conf.py",
            "--bind",
            f"127.0.0.1:{port}",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for_server(
            f"http://127.0.0.1:{port}/api/v1/satisfaction/criteria/",
            timeout=60,
            process=process,
        )
    except TimeoutError:
        process.kill()
        pytest.fail(f"gunicorn did not start: {process.stdout.read()[-3000:]}")
    yield port
    process.terminate()
    process.wait(timeout=20)


def send(port: int, method: str, url: str, body=None, headers=None, **kwargs):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(method, url, body=body, headers=headers or {}, **kwargs)
        response = connection.getresponse()
        return response.status, response.getheader("Content-Type"), response.read()
    finally:
        connection.close()


def assert_problem(answer, status: int) -> dict:
    code, content_type, body = answer
    assert code == status, body[:300]
    assert content_type == PROBLEM, body[:300]
    problem = json.loads(body)
    assert problem["status"] == status
    assert problem["title"] and problem["detail"]
    return problem


def test_the_schema_answers_requests_arriving_together_at_a_cold_worker(gunicorn):
    """First in this module: the worker has not generated the schema yet."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(8) as pool:
        answers = list(
            pool.map(lambda _: send(gunicorn, "GET", "/api/v1/schema/"), range(8))
        )
    assert [code for code, _, _ in answers] == [200] * 8


def test_gunicorn_answers_a_3mb_json_body_with_413_problem(gunicorn):
    answer = send(
        gunicorn,
        "POST",
        "/api/v1/petitions/",
        THREE_MB.encode(),
        {"Content-Type": "application/json"},
    )
    assert "quá lớn" in assert_problem(answer, 413)["detail"]


def documented(path: str, method: str, status: int) -> bool:
    """Whether the published schema lists ``status`` for the operation."""
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    return str(status) in schema["paths"][path][method]["responses"]


def test_gunicorn_answers_a_4kb_url_with_414_problem(gunicorn):
    answer = send(gunicorn, "GET", "/api/v1/search/?q=" + "thu-tuc-" * 512)
    assert "URL" in assert_problem(answer, 414)["detail"]
    assert documented("/api/v1/search/", "get", 414)


def test_a_4kb_open311_url_is_gunicorns_414_which_its_description_lists(gunicorn):
    # make fuzz-api sent one (a long service_code and query): 414 was not
    # in the Open311 description.
    from open311.openapi import document

    answer = send(gunicorn, "GET", "/open311/v2/services/" + "a" * 4200 + ".xml")
    assert "URL" in assert_problem(answer, 414)["detail"]
    paths = document()["paths"]
    for item in paths.values():
        for operation in item.values():
            for status in ("414", "431"):
                assert (
                    "application/problem+json"
                    in (operation["responses"][status]["content"])
                )


def test_gunicorn_answers_a_huge_header_with_431_problem(gunicorn):
    answer = send(
        gunicorn,
        "GET",
        "/api/v1/satisfaction/criteria/",
        headers={"X-Filler": "a" * 9000},
    )
    assert_problem(answer, 431)
    assert documented("/api/v1/satisfaction/criteria/", "get", 431)


def test_gunicorn_refuses_a_chunked_multipart_upload(gunicorn):
    """Answered after the first chunk: the rest of the body is never awaited."""
    boundary = "portal-boundary"
    part = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="attachments"; '
        'filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 '
    ).encode() + b"x" * 65536
    with socket.create_connection(("127.0.0.1", gunicorn), timeout=30) as sock:
        sock.sendall(
            b"POST /api/v1/petitions/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + f"Content-Type: multipart/form-data; boundary={boundary}\r\n".encode()
            + b"Transfer-Encoding: chunked\r\n\r\n"
            + f"{len(part):x}\r\n".encode()
            + part
            + b"\r\n"
        )
        response = http.client.HTTPResponse(sock)
        response.begin()
        answer = (response.status, response.getheader("Content-Type"), response.read())
    assert_problem(answer, 411)


def test_gunicorn_refuses_a_declared_huge_upload_without_reading_it(gunicorn):
    connection = http.client.HTTPConnection("127.0.0.1", gunicorn, timeout=30)
    try:
        connection.putrequest("POST", "/api/v1/online-filing/1.001193/")
        connection.putheader("Content-Type", "multipart/form-data; boundary=x")
        connection.putheader("Content-Length", str(2 * 1024**3))
        connection.endheaders(b"--x\r\n")
        response = connection.getresponse()
        answer = (response.status, response.getheader("Content-Type"), response.read())
    finally:
        connection.close()
    assert_problem(answer, 413)
