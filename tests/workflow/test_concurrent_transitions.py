"""Two reviewers press the same button on the same story: one wins, the other is told what happened.

The transition form carries the status its page showed (expected_status); a story moved
since is refused with who moved it, instead of a 403 from the next stage's rules or, on
SQLite, a 500 "database is locked".
"""

import html
import re
import threading
import time

import pytest
import time_machine
from django.db import connections
from django.test import Client
from django.urls import reverse

from articles import workflow
from articles.models import Article, TimelineEntry
from tests.builders import NOON, make_draft, make_staff
from unionnews.accounts import roles

Status = Article.Status


def approve_url(article):
    return reverse("admin:articles_article_transition", args=[article.pk, "approve"])


def messages_on(response):
    """The messages shown on the page. Read from the HTML, not response.context: the test
    client collects the templates rendered by every thread while its request runs."""
    listing = re.search(r'<ul class="messagelist">(.*?)</ul>', response.text, re.S)
    items = re.findall(r"<li[^>]*>(.*?)</li>", listing.group(1), re.S) if listing else []
    return [html.unescape(item).strip() for item in items]


@pytest.fixture
def waiting_for_first_review(staff, huzhou):
    return make_draft(
        headline="湖州市总工会开展送清凉", unions=[huzhou], created_by=staff.correspondent, status=Status.FIRST_REVIEW
    )


@pytest.mark.parametrize(
    ("byline", "full_name", "shown_as"),
    [("周文澜", "周小兰", "周文澜"), (None, "周小兰", "周小兰"), (None, "", "bianji2")],
    ids=["byline", "full-name", "username"],
)
@time_machine.travel(NOON, tick=False)
def test_a_reviewer_acting_on_an_outdated_page_is_told_who_moved_the_story(
    staff, client_for, waiting_for_first_review, byline, full_name, shown_as
):
    story = waiting_for_first_review
    first = make_staff("bianji2", roles.SECTION_EDITOR, name=byline)
    first.first_name = full_name
    first.save()
    page_state = {"comment": "", "expected_status": Status.FIRST_REVIEW}
    assert client_for(first).post(approve_url(story), page_state).status_code == 302

    response = client_for(staff.section_editor).post(approve_url(story), page_state, follow=True)

    assert response.redirect_chain == [(reverse("admin:articles_article_change", args=[story.pk]), 302)]
    assert messages_on(response) == [
        f"操作未完成：这篇稿件已由{shown_as}于 6月12日 12:00 初审通过，现为待复审，请查看最新状态。"
    ]
    story.refresh_from_db()
    assert story.status == Status.SECOND_REVIEW
    assert list(story.timeline.values_list("actor__username", "action")) == [("bianji2", "first_review")]


def test_the_workflow_form_sends_the_status_its_page_shows(staff, client_for, waiting_for_first_review):
    page = client_for(staff.section_editor).get(
        reverse("admin:articles_article_change", args=[waiting_for_first_review.pk])
    )

    assert '<input type="hidden" name="expected_status" value="first_review">' in page.text


def test_a_page_showing_the_current_status_still_moves_the_story(staff, client_for, waiting_for_first_review):
    story = waiting_for_first_review

    response = client_for(staff.section_editor).post(
        approve_url(story), {"comment": "同意", "expected_status": Status.FIRST_REVIEW}, follow=True
    )

    assert messages_on(response) == ["审核通过。"]
    story.refresh_from_db()
    assert story.status == Status.SECOND_REVIEW


def test_an_unknown_expected_status_is_refused_with_a_message(staff, client_for, waiting_for_first_review):
    story = waiting_for_first_review

    response = client_for(staff.section_editor).post(approve_url(story), {"expected_status": "xyz"}, follow=True)

    assert response.status_code == 200
    assert messages_on(response)[0].startswith("操作未完成：")
    story.refresh_from_db()
    assert story.status == Status.FIRST_REVIEW


def test_two_editors_approving_the_same_story_at_the_same_moment_get_one_success_and_one_clear_refusal(
    transactional_db, django_db_serialized_rollback, staff, waiting_for_first_review, monkeypatch
):
    # Threads see only committed rows, hence transactional_db; the roles and unions come
    # from migrations, hence django_db_serialized_rollback (see tests/test_browser_e2e.py).
    story = waiting_for_first_review
    zhou = make_staff("bianji2", roles.SECTION_EDITOR, name="周文澜")
    clients = {}
    for user in (zhou, staff.section_editor):
        clients[user.username] = Client()
        clients[user.username].force_login(user)

    # The first request holds the story's lock a moment longer than usual; the
    # second starts only once the first holds it, so the two always overlap.
    holding_lock = threading.Event()
    lock_story = workflow._locked

    def lock_and_linger(article):
        locked = lock_story(article)
        holding_lock.set()
        time.sleep(0.5)
        return locked

    monkeypatch.setattr(workflow, "_locked", lock_and_linger)
    results = {}

    def press_approve(username):
        try:
            results[username] = clients[username].post(
                approve_url(story), {"comment": "", "expected_status": Status.FIRST_REVIEW}, follow=True
            )
        except Exception as error:  # a 500 in the test client
            results[username] = error
        finally:
            connections.close_all()

    first = threading.Thread(target=press_approve, args=["bianji2"])
    second = threading.Thread(target=press_approve, args=["bianji1"])
    first.start()
    assert holding_lock.wait(timeout=30)
    second.start()
    first.join(timeout=60)
    second.join(timeout=60)

    winner, loser = results["bianji2"], results["bianji1"]
    assert not isinstance(winner, Exception), winner
    assert not isinstance(loser, Exception), loser
    assert [code for _, code in winner.redirect_chain] == [302]
    assert [code for _, code in loser.redirect_chain] == [302]
    assert messages_on(winner) == ["审核通过。"]
    [refusal] = messages_on(loser)
    assert refusal.startswith("操作未完成：这篇稿件已由周文澜于 ")
    assert refusal.endswith(" 初审通过，现为待复审，请查看最新状态。")
    story.refresh_from_db()
    assert story.status == Status.SECOND_REVIEW
    assert list(story.timeline.values_list("actor__username", "action")) == [
        ("bianji2", TimelineEntry.Action.FIRST_REVIEW)
    ]
