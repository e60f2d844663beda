"""Two editors open the same story: what only one changed is merged, what both changed is theirs to choose.

Each test drives the real change form: it is opened (GET), read back as a
browser would submit it (tests/admin/forms.py), edited and posted.
"""

from datetime import timedelta

import time_machine
from django.utils.html import strip_tags

from articles.models import Article, TimelineEntry
from tests.admin.forms import form_data
from tests.builders import NOON, change_url, make_draft

HEADLINE, BODY = "headline", "body"


def opened(client, article):
    """The change form as `client`'s browser holds it after opening the story."""
    response = client.get(change_url(article))
    assert response.status_code == 200
    return form_data(response)


def save(client, article, data, **changes):
    return client.post(change_url(article), {**data, "_continue": "1", **changes})


def test_a_save_from_a_stale_form_merges_what_only_the_second_editor_changed(staff, client_for, huzhou):
    article = make_draft(headline="原标题", body="<p>原正文。</p>", unions=[huzhou])
    first, second = client_for(staff.section_editor), client_for(staff.deputy)
    first_form, second_form = opened(first, article), opened(second, article)

    assert save(first, article, first_form, headline="编辑改的标题").status_code == 302
    response = save(second, article, second_form, body="<p>副总编改的正文。</p>", follow=False)

    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.headline, article.body) == ("编辑改的标题", "<p>副总编改的正文。</p>")
    page = second.get(response.url)
    assert "他人在您编辑期间修改了主题，已保留他们的修改，并与您对正文的修改合并保存" in page.text
    assert [r.snapshot["headline"] for r in article.revisions.all()] == ["编辑改的标题", "编辑改的标题", "原标题"]
    assert "已合并" in article.timeline.last().comment


def test_a_field_both_changed_must_be_chosen_before_the_save_goes_through(staff, client_for, huzhou):
    article = make_draft(headline="原标题", body="<p>原正文。</p>", unions=[huzhou])
    first, second = client_for(staff.section_editor), client_for(staff.deputy)
    first_form, second_form = opened(first, article), opened(second, article)
    save(first, article, first_form, headline="编辑改的标题")

    response = save(second, article, second_form, headline="副总编改的标题", body="<p>副总编改的正文。</p>")

    # Refused, with both versions side by side and everything typed still in the form.
    assert response.status_code == 200
    assert "保存未完成" in response.text and "双方都改动了主题" in response.text
    conflict = response.context["conflict"]
    assert [field.label for field in conflict.fields] == ["主题"]
    [field] = conflict.fields
    assert (strip_tags(field.theirs), strip_tags(field.mine)) == ("编辑改的标题", "副总编改的标题")
    assert 'id="conflict-headline"' in response.text and 'value="副总编改的标题"' in response.text
    assert "副总编改的正文" in response.text
    article.refresh_from_db()
    assert (article.headline, article.body, article.version) == ("编辑改的标题", "<p>原正文。</p>", 1)

    # Clicking 保存 again on the re-shown form without choosing is refused again.
    reshown = form_data(response)
    again = save(second, article, reshown)
    assert again.status_code == 200 and again.context["conflict"] is not None
    article.refresh_from_db()
    assert article.version == 1

    # Choosing "mine" for the headline saves it, with the body that did not conflict.
    chosen = save(second, article, reshown, **{"resolve-headline": "mine"})
    assert chosen.status_code == 302
    article.refresh_from_db()
    assert (article.headline, article.body, article.version) == ("副总编改的标题", "<p>副总编改的正文。</p>", 2)


def test_keeping_their_version_of_a_field_keeps_it_and_saves_the_rest(staff, client_for, huzhou):
    article = make_draft(headline="原标题", summary="原摘要", unions=[huzhou])
    first, second = client_for(staff.section_editor), client_for(staff.deputy)
    first_form, second_form = opened(first, article), opened(second, article)
    save(first, article, first_form, headline="编辑改的标题")
    reshown = form_data(save(second, article, second_form, headline="副总编改的标题", summary="副总编的摘要"))

    assert save(second, article, reshown, **{"resolve-headline": "theirs"}).status_code == 302

    article.refresh_from_db()
    assert (article.headline, article.summary) == ("编辑改的标题", "副总编的摘要")


def test_a_choice_made_against_an_older_version_is_asked_again(staff, client_for, huzhou):
    article = make_draft(headline="原标题", unions=[huzhou])
    first, second, third = (client_for(user) for user in (staff.section_editor, staff.deputy, staff.chief))
    first_form, second_form = opened(first, article), opened(second, article)
    save(first, article, first_form, headline="编辑改的标题")
    reshown = form_data(save(second, article, second_form, headline="副总编改的标题"))
    save(third, article, opened(third, article), headline="总编改的标题")

    response = save(second, article, reshown, **{"resolve-headline": "mine"})

    assert response.status_code == 200 and "总编改的标题" in response.text
    article.refresh_from_db()
    assert article.headline == "总编改的标题"


def test_inlines_count_as_fields_a_union_added_by_one_survives_the_others_save(staff, client_for, huzhou, jiaxing):
    article = make_draft(headline="原标题", unions=[huzhou], tags=["职工服务"])
    first, second = client_for(staff.section_editor), client_for(staff.deputy)
    first_form, second_form = opened(first, article), opened(second, article)
    first_form.update({"article_unions-1-union": str(jiaxing.pk), "article_unions-1-role": "mentioned"})
    assert save(first, article, first_form, tags="职工服务，送清凉").status_code == 302

    assert save(second, article, second_form, headline="副总编改的标题").status_code == 302

    article.refresh_from_db()
    assert article.headline == "副总编改的标题"
    assert sorted(u.slug for u in article.unions.all()) == ["huzhou", "jiaxing"]
    assert sorted(article.tags.names()) == ["职工服务", "送清凉"]


def test_tags_changed_by_both_are_a_conflict(staff, client_for, huzhou):
    article = make_draft(unions=[huzhou], tags=["职工服务"])
    first, second = client_for(staff.section_editor), client_for(staff.deputy)
    first_form, second_form = opened(first, article), opened(second, article)
    save(first, article, first_form, tags="送清凉")

    response = save(second, article, second_form, tags="劳动竞赛")

    assert response.status_code == 200
    assert [field.label for field in response.context["conflict"].fields] == ["标签"]
    assert list(article.tags.names()) == ["送清凉"]


def test_a_segment_deleted_by_one_editor_does_not_block_the_others_save(staff, client_for, huzhou, nanxun):
    article = make_draft(unions=[huzhou], segments=[(huzhou, "<p>湖州段落。</p>"), (nanxun, "<p>南浔段落。</p>")])
    first, second = client_for(staff.section_editor), client_for(staff.deputy)
    first_form, second_form = opened(first, article), opened(second, article)
    first_form["segments-1-DELETE"] = "on"
    assert save(first, article, first_form).status_code == 302

    response = save(second, article, second_form, headline="副总编改的标题")

    assert response.status_code == 302, response.context and response.context["errors"]
    article.refresh_from_db()
    assert article.headline == "副总编改的标题"
    assert [s.union.slug for s in article.segments.all()] == ["huzhou"]


def test_each_save_that_changes_the_story_bumps_the_version_and_keeps_a_revision(staff, client_for):
    article = make_draft(headline="第一稿")
    client = client_for(staff.section_editor)

    save(client, article, opened(client, article), headline="第二稿")
    save(client, article, opened(client, article), headline="第三稿")
    save(client, article, opened(client, article))  # nothing changed: no new version

    article.refresh_from_db()
    assert article.version == 2
    assert [(r.number, r.snapshot["headline"], r.author) for r in article.revisions.all()] == [
        (2, "第三稿", staff.section_editor),
        (1, "第二稿", staff.section_editor),
        (0, "第一稿", None),
    ]


def test_the_form_says_who_else_has_the_story_open(staff, client_for, huzhou):
    article = make_draft(unions=[huzhou])
    zhou = staff.section_editor
    zhou.first_name = "周文澜"
    zhou.save()
    with time_machine.travel(NOON, tick=False):
        opened(client_for(zhou), article)
    with time_machine.travel(NOON + timedelta(minutes=3), tick=False):
        page = client_for(staff.deputy).get(change_url(article))
    assert "周文澜 正在编辑，3 分钟前打开" in page.text

    with time_machine.travel(NOON + timedelta(minutes=30), tick=False):
        late = client_for(staff.deputy).get(change_url(article))
    assert "正在编辑" not in late.text  # the form was closed long ago


def test_saving_ends_the_savers_presence(staff, client_for, huzhou):
    article = make_draft(unions=[huzhou])
    editor = client_for(staff.section_editor)
    save(editor, article, opened(editor, article), headline="新标题")

    assert "正在编辑" not in client_for(staff.deputy).get(change_url(article)).text


def test_an_edit_is_a_timeline_entry_naming_what_changed(staff, client_for):
    article = make_draft(headline="原标题")
    client = client_for(staff.section_editor)

    save(client, article, opened(client, article), headline="新标题", summary="新摘要")

    event = Article.objects.get(pk=article.pk).timeline.get()
    assert (event.action, event.actor, event.comment) == (
        TimelineEntry.Action.EDIT,
        staff.section_editor,
        "修改了：主题、摘要",
    )


def test_a_new_photo_chosen_in_a_conflicting_save_is_named_so_it_can_be_chosen_again(staff, client_for, huzhou):
    from tests.builders import tiny_png

    article = make_draft(headline="原标题", unions=[huzhou])
    first, second = client_for(staff.section_editor), client_for(staff.deputy)
    first_form, second_form = opened(first, article), opened(second, article)
    save(first, article, first_form, headline="编辑改的标题")

    response = save(
        second,
        article,
        second_form,
        headline="副总编改的标题",
        **{"photos-0-image": tiny_png("gongba.png"), "photos-0-caption": "球赛现场", "photos-0-position": "0"},
    )

    assert response.status_code == 200
    assert "请重新选择图片：gongba.png" in response.text
    assert not article.photos.exists()


def test_a_photo_replaced_on_a_stale_form_lands_on_the_right_photo(staff, client_for, huzhou):
    from tests.builders import tiny_png

    article = make_draft(unions=[huzhou], photos=3)
    first, second = client_for(staff.section_editor), client_for(staff.deputy)
    first_form, second_form = opened(first, article), opened(second, article)
    third = article.photos.order_by("position")[2]
    first_form["photos-0-DELETE"] = "on"
    assert save(first, article, first_form).status_code == 302

    # Both changed the photos: a conflict, with the file to choose again.
    response = save(second, article, second_form, **{"photos-2-image": tiny_png("replacement.png")})
    assert response.status_code == 200 and "请重新选择图片：replacement.png" in response.text

    reshown = form_data(response)
    row = next(key.split("-")[1] for key, value in reshown.items() if key.endswith("-id") and value == str(third.pk))
    chosen = save(
        second, article, reshown, **{f"photos-{row}-image": tiny_png("replacement.png"), "resolve-photos": "mine"}
    )

    assert chosen.status_code == 302, chosen.context and chosen.context["errors"]
    assert article.photos.count() == 2
    third.refresh_from_db()
    assert "replacement" in third.image.name
