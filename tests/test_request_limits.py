"""A request announcing a body over MAX_REQUEST_BYTES is refused before a byte of it is read."""

import pytest
from django.conf import settings


class UnreadableBody:
    """A wsgi.input that fails the test if anything reads it."""

    def __init__(self):
        self.read_from = False

    def read(self, *args):
        self.read_from = True
        raise AssertionError("the request body was read")

    readline = read


def post_announcing(client, url, length):
    body = UnreadableBody()
    response = client.generic(
        "POST",
        url,
        CONTENT_LENGTH=str(length),
        CONTENT_TYPE="multipart/form-data; boundary=xyz",
        **{"wsgi.input": body},
    )
    return response, body


@pytest.mark.parametrize("url", ["/admin/articles/article/add/", "/admin/login/", "/search/", "/no-such-page/"])
def test_a_huge_post_to_any_url_is_refused_with_a_chinese_page_without_reading_its_body(editor_client, url):
    response, body = post_announcing(editor_client, url, 200 * 1024 * 1024)

    assert response.status_code == 413
    page = response.content.decode()
    assert "提交的内容太大" in page
    assert "95.0\xa0MB" in page  # the limit, as the desk reads it
    assert not body.read_from


def test_the_default_limit_lets_a_story_carry_six_photos_of_the_largest_allowed_size():
    assert settings.MAX_REQUEST_BYTES > 6 * settings.PHOTO_MAX_BYTES
    assert settings.MAX_REQUEST_BYTES < 7 * settings.PHOTO_MAX_BYTES


def test_a_body_exactly_at_the_limit_reaches_the_page_and_one_byte_more_does_not(client, settings, db):
    settings.MAX_REQUEST_BYTES = 2000
    form = "username=nobody&password=wrong&pad="
    at_limit = (form + "x" * (2000 - len(form))).encode()

    accepted = client.post("/admin/login/", at_limit, content_type="application/x-www-form-urlencoded")
    refused = client.post("/admin/login/", at_limit + b"x", content_type="application/x-www-form-urlencoded")

    assert accepted.status_code == 200
    assert "请输入一个正确的" in accepted.content.decode()  # the login form read the fields and answered
    assert refused.status_code == 413


def test_a_roundup_sized_form_with_over_a_thousand_fields_is_read(client, db):
    fields = {f"segment-{n}-heading": "x" for n in range(1500)}

    response = client.post("/admin/login/", {"username": "nobody", "password": "wrong", **fields})

    assert response.status_code == 200


def test_a_form_with_thousands_of_fields_more_is_a_bad_request(client, db):
    fields = {f"field-{n}": "x" for n in range(5000)}

    response = client.post("/admin/login/", fields)

    assert response.status_code == 400
