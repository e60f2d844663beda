"""The story page says why a review button the user's role offers is missing, and who counts
as a story's author: its byline, and whoever created, imported or submitted it."""

import pytest

from articles.models import Article, Credit
from tests.builders import change_url, make_contributor, make_draft, make_staff, status_of, transition_url
from unionnews.accounts import roles

Status = Article.Status
AUTHOR_REASON = "您是本稿作者"


@pytest.fixture
def credited_editor(staff):
    """A section editor with a byline (周文澜), credited on the story below."""
    make_contributor("周文澜", user=staff.section_editor)
    return staff.section_editor


@pytest.fixture
def other_editor(db):
    return make_staff("bianji2", roles.SECTION_EDITOR)


def test_a_credited_section_editor_is_told_why_first_review_is_missing(
    staff, client_for, huzhou, credited_editor, other_editor
):
    article = make_draft(unions=[huzhou], created_by=staff.reporter, status=Status.FIRST_REVIEW)
    Credit.objects.create(article=article, contributor=credited_editor.contributor, role=Credit.Role.REPORTER)

    credited_page = client_for(credited_editor).get(change_url(article)).text
    other_page = client_for(other_editor).get(change_url(article)).text

    assert ">初审通过</button>" not in credited_page
    assert "没有“初审通过”按钮：您是本稿作者" in credited_page
    assert ">初审通过</button>" in other_page
    assert AUTHOR_REASON not in other_page


def test_a_reviewer_of_another_stage_is_told_why_the_next_button_is_missing(staff, client_for, huzhou):
    both = make_staff("shuangrenzhi", roles.SECTION_EDITOR, roles.DEPUTY_CHIEF)
    article = make_draft(unions=[huzhou], created_by=staff.correspondent, status=Status.FIRST_REVIEW)
    client_for(both).post(transition_url(article, "approve"))
    assert status_of(article) == Status.SECOND_REVIEW

    page = client_for(both).get(change_url(article)).text
    deputy_page = client_for(staff.deputy).get(change_url(article)).text

    assert "没有“复审通过”按钮：您已审核过本稿的另一级" in page
    assert ">复审通过</button>" in deputy_page and "没有“复审通过”按钮" not in deputy_page


def test_a_role_without_the_stage_sees_no_reason_for_it(staff, client_for, huzhou):
    article = make_draft(unions=[huzhou], created_by=staff.correspondent, status=Status.FINAL_REVIEW)

    page = client_for(staff.section_editor).get(change_url(article)).text

    assert "终审签发" not in page and "没有“" not in page


def test_a_correspondent_is_told_why_a_submitted_story_is_read_only(staff, client_for, huzhou):
    article = make_draft(unions=[huzhou], created_by=staff.correspondent, status=Status.FIRST_REVIEW)

    page = client_for(staff.correspondent).get(change_url(article)).text

    assert "本页只读：这篇稿件待初审，只有审稿人可以修改。" in page


def test_whoever_submitted_a_story_may_not_pass_its_first_review(staff, client_for, huzhou, other_editor):
    # An imported story: created by the import, credited to its printed byline only.
    article = make_draft(unions=[huzhou], created_by=staff.chief)
    assert client_for(staff.section_editor).post(transition_url(article, "submit")).status_code == 302

    page = client_for(staff.section_editor).get(change_url(article)).text
    refused = client_for(staff.section_editor).post(transition_url(article, "approve"))

    assert "没有“初审通过”按钮：您是本稿作者" in page
    assert refused.status_code == 403 and status_of(article) == Status.FIRST_REVIEW
    assert client_for(other_editor).post(transition_url(article, "approve")).status_code == 302
    assert status_of(article) == Status.SECOND_REVIEW


def test_whoever_imported_a_story_may_not_pass_its_first_review(staff, client_for, other_editor):
    from tests.printpage.pages import CLEAN_PAGE
    from tests.workflow.test_import_integrity import HEADLINE, changed_page, upload

    importer = make_staff("bianji3", roles.SECTION_EDITOR)
    upload(client_for(importer), CLEAN_PAGE)
    upload(client_for(staff.section_editor), changed_page())  # a re-import by a second editor
    article = Article.objects.get(headline=HEADLINE)
    assert client_for(staff.reporter).post(transition_url(article, "submit")).status_code == 302

    for author in [importer, staff.section_editor]:
        assert "没有“初审通过”按钮：您是本稿作者" in client_for(author).get(change_url(article)).text
        assert client_for(author).post(transition_url(article, "approve")).status_code == 403
    assert ">初审通过</button>" in client_for(other_editor).get(change_url(article)).text
