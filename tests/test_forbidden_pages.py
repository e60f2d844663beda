"""A refused request gets a Chinese page saying what was refused and why, never a bare "403 Forbidden".

In the admin the page looks like the admin (header, 首页, back to the previous page);
on the public site it looks like the site.
"""

import re

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import path, reverse

from articles.models import Article
from tests.builders import PASSWORD, change_url, make_draft, transition_url
from unionnews import urls as site_urls

Status = Article.Status
ADMIN_HEADER = "工会新闻 编辑后台"


def csrf_token_in(response):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text).group(1)


@pytest.fixture
def waiting_for_first_review(staff, huzhou):
    return make_draft(unions=[huzhou], created_by=staff.reporter, status=Status.FIRST_REVIEW)


def test_a_correspondent_approving_a_story_gets_the_admins_chinese_403_page_with_the_reason(
    staff, client_for, waiting_for_first_review
):
    story = waiting_for_first_review

    response = client_for(staff.correspondent).post(
        transition_url(story, "approve"), {"expected_status": Status.FIRST_REVIEW}, HTTP_REFERER=change_url(story)
    )

    assert response.status_code == 403
    assert "Forbidden" not in response.text
    assert "您刚才的操作没有执行" in response.text
    assert "您无权处理待初审的稿件。" in response.text
    assert ADMIN_HEADER in response.text
    assert f'<a href="{reverse("admin:index")}">首页</a>' in response.text
    # Back through the browser's history, which keeps what was typed, not a reload of the page.
    assert '<a href="#" data-history-back>返回上一页</a>' in response.text
    assert "js/back-link.js" in response.text
    assert "通常能找回" in response.text
    story.refresh_from_db()
    assert story.status == Status.FIRST_REVIEW


def test_a_correspondent_opening_the_user_admin_is_told_they_may_not_open_it(staff, client_for):
    response = client_for(staff.correspondent).get(reverse("admin:auth_user_changelist"))

    assert response.status_code == 403
    assert "您无权打开这个页面" in response.text
    assert "您的账号没有进行这项操作的权限。" in response.text
    assert ADMIN_HEADER in response.text


def test_a_back_link_never_leads_off_the_site(staff, client_for, waiting_for_first_review):
    response = client_for(staff.correspondent).post(
        transition_url(waiting_for_first_review, "approve"), HTTP_REFERER="https://evil.example/phish"
    )

    assert response.status_code == 403
    assert "evil.example" not in response.text
    assert '<a href="#" data-history-back>返回上一页</a>' in response.text


def refuse(request):
    raise PermissionDenied("这份材料只对工会会员开放。")


# The public site has no page that refuses yet; /members-only/ stands for any that will.
urlpatterns = [path("members-only/", refuse), *site_urls.urlpatterns]
handler403 = site_urls.handler403


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_a_refusal_on_the_public_site_is_a_chinese_page_in_the_sites_look(client):
    response = client.get("/members-only/")

    assert response.status_code == 403
    assert "Forbidden" not in response.text
    assert "您无权打开这个页面" in response.text
    assert "这份材料只对工会会员开放。" in response.text
    assert 'class="masthead"' in response.text and ADMIN_HEADER not in response.text
    assert '<a href="/">返回首页</a>' in response.text


def test_a_transition_posted_without_the_pages_csrf_token_gets_the_admins_chinese_csrf_page(
    staff, waiting_for_first_review
):
    story = waiting_for_first_review
    editor = Client(enforce_csrf_checks=True)
    editor.force_login(staff.section_editor)

    response = editor.post(transition_url(story, "approve"), {"expected_status": Status.FIRST_REVIEW})

    assert response.status_code == 403
    assert "Forbidden" not in response.text
    assert "提交未被接受" in response.text
    assert "您刚才提交的内容没有保存" in response.text
    assert "可能的原因：页面已过期，或请求来源无法验证。" in response.text
    assert "“后退”按钮" in response.text
    assert ADMIN_HEADER in response.text
    story.refresh_from_db()
    assert story.status == Status.FIRST_REVIEW


def test_a_form_left_open_while_the_editor_logged_in_again_is_refused_with_advice_not_saved(
    staff, waiting_for_first_review
):
    story = waiting_for_first_review
    browser = Client(enforce_csrf_checks=True)

    def log_in():
        login_page = browser.get(reverse("admin:login"))
        credentials = {"username": "bianji1", "password": PASSWORD, "csrfmiddlewaretoken": csrf_token_in(login_page)}
        assert browser.post(reverse("admin:login"), credentials).status_code == 302

    log_in()
    left_open = browser.get(change_url(story))
    token = csrf_token_in(left_open)
    # Meanwhile, in another window: log out and in again, which renews the CSRF secret.
    browser.post(reverse("admin:logout"), {"csrfmiddlewaretoken": token})
    log_in()

    response = browser.post(
        transition_url(story, "approve"),
        {"csrfmiddlewaretoken": token, "expected_status": Status.FIRST_REVIEW},
        HTTP_REFERER=change_url(story),
    )

    assert response.status_code == 403
    assert "页面已过期：表单打开的时间太长，或在此期间重新登录、退出过" in response.text
    assert '<a href="#" data-history-back>返回上一页</a>' in response.text
    story.refresh_from_db()
    assert story.status == Status.FIRST_REVIEW


@pytest.mark.django_db
def test_a_forged_post_on_the_public_site_gets_a_chinese_csrf_page_in_the_sites_look():
    reader = Client(enforce_csrf_checks=True)

    response = reader.post(reverse("home"), {"q": "工会"})

    assert response.status_code == 403
    assert "Forbidden" not in response.text
    assert "提交未被接受" in response.text
    assert "浏览器没有保存本站的安全凭证（Cookie）" in response.text
    assert 'class="masthead"' in response.text and ADMIN_HEADER not in response.text
    assert '<a href="/">返回首页</a>' in response.text


@pytest.mark.django_db
def test_a_login_form_posted_without_its_token_gets_the_admins_csrf_page():
    response = Client(enforce_csrf_checks=True).post(reverse("admin:login"), {"username": "x", "password": "y"})

    assert response.status_code == 403
    assert "提交未被接受" in response.text
    assert ADMIN_HEADER in response.text
