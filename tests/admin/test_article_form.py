"""Writing a story in the admin: the add form, its inlines, and bad input."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from articles.models import Article, ArticleUnion, Credit
from tests.admin import postdata
from tests.builders import make_article, make_contributor, make_page, tiny_png

ADD_URL = reverse("admin:articles_article_add")


def assert_form_kept(response, *typed):
    """The form came back with errors, and with what the editor typed."""
    assert response.status_code == 200
    assert response.context["errors"]
    for text in typed:
        assert text in response.content.decode()
    assert not Article.objects.exists()


def test_editor_creates_a_roundup_with_unions_credits_segments_photos_and_tags(
    editor_client, editor, huzhou, nanxun, jiaxing
):
    reporter = make_contributor("羊晓江")
    page = make_page(number=2)
    data = postdata.article(
        kicker="学习贯彻党的二十届三中全会精神",
        headline="推动全会精神深入人心",
        subheadline="11个设区市总工会掀起学习热潮",
        tags="学习贯彻，工会、工BA",
        article_unions=[{"union": huzhou.pk, "role": "subject"}, {"union": jiaxing.pk, "role": "mentioned"}],
        credits=[{"contributor": reporter.pk, "role": "reporter", "position": "0"}],
        segments=[
            {"union": huzhou.pk, "heading": "湖州", "body": "<p>湖州市总工会召开党组会议。</p>", "position": "0"},
            {"union": nanxun.pk, "heading": "南浔", "body": "<p>南浔区总工会开展宣讲。</p>", "position": "1"},
        ],
        photos=[
            {"image": tiny_png(), "caption": "会议现场", "credit": "记者 羊晓江 摄", "alt_text": "", "position": "0"}
        ],
        placements=[{"page": page.pk, "part": "1"}],
    )

    response = editor_client.post(ADD_URL, data)

    assert response.status_code == 302
    article = Article.objects.get()
    assert (article.kicker, article.headline, article.status, article.created_by) == (
        "学习贯彻党的二十届三中全会精神",
        "推动全会精神深入人心",
        Article.Status.DRAFT,
        editor,
    )
    assert sorted(tag.name for tag in article.tags.all()) == ["学习贯彻", "工BA", "工会"]
    assert [(link.union, link.role) for link in article.article_unions.order_by("role_order")] == [
        (huzhou, "subject"),
        (jiaxing, "mentioned"),
    ]
    assert article.byline() == "记者 羊晓江"
    assert [(s.union, s.heading) for s in article.segments.all()] == [(huzhou, "湖州"), (nanxun, "南浔")]
    photo = article.photos.get()
    assert (photo.caption, photo.width, photo.height) == ("会议现场", 8, 6)
    assert photo.thumbnail and photo.display
    assert list(article.pages.all()) == [page]


def test_scripts_and_event_handlers_are_stripped_from_body_and_segments(editor_client, huzhou):
    data = postdata.article(
        body='<p onclick="steal()">会议强调<script>alert(1)</script></p>',
        segments=[{"union": huzhou.pk, "heading": "", "body": '<p><img src=x onerror="x()">湖州</p>', "position": "0"}],
    )

    assert editor_client.post(ADD_URL, data).status_code == 302

    article = Article.objects.get()
    assert article.body == "<p>会议强调</p>"
    assert article.segments.get().body == "<p>湖州</p>"


def test_tags_in_chinese_separators_become_separate_tags_and_reuse_existing_ones(editor_client):
    make_article(tags=["工BA"])

    editor_client.post(ADD_URL, postdata.article(tags="学习贯彻；工会、工ba"))

    article = Article.objects.get(status="draft")
    assert sorted(tag.name for tag in article.tags.all()) == ["学习贯彻", "工BA", "工会"]


def test_status_and_time_typed_into_the_form_are_ignored(editor_client):
    data = postdata.article(status="published", published_at_0="2025-06-12", published_at_1="12:00:00")

    response = editor_client.post(ADD_URL, data)

    assert response.status_code == 302
    article = Article.objects.get()
    assert (article.status, article.published_at) == (Article.Status.DRAFT, None)


def test_the_same_union_twice_is_refused_with_the_form_kept(editor_client, huzhou):
    data = postdata.article(
        headline="湖州工会新闻",
        article_unions=[{"union": huzhou.pk, "role": "subject"}, {"union": huzhou.pk, "role": "organiser"}],
    )

    response = editor_client.post(ADD_URL, data)

    assert_form_kept(response, "同一个工会组织只能添加一次。", 'value="湖州工会新闻"', "会议传达学习了上级工会会议精神")
    assert not ArticleUnion.objects.exists()


def test_the_same_contributor_twice_in_one_role_is_refused(editor_client):
    reporter = make_contributor()
    data = postdata.article(
        credits=[
            {"contributor": reporter.pk, "role": "reporter", "position": "0"},
            {"contributor": reporter.pk, "role": "reporter", "position": "1"},
        ]
    )

    assert_form_kept(editor_client.post(ADD_URL, data), "同一作者在同一身份下只能署名一次。")
    assert not Credit.objects.exists()


def photo_row(upload):
    return {"image": upload, "caption": "会议现场", "credit": "", "alt_text": "主席台", "position": "0"}


def jpeg_bytes(size=(400, 300)):
    buffer = BytesIO()
    Image.effect_noise(size, 60).convert("RGB").save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("photo.jpg", b"these bytes are no picture"), "请上传一张有效的图片"),
        (SimpleUploadedFile("report.jpg", b"%PDF-1.4 a report renamed to .jpg"), "请上传一张有效的图片"),
        (SimpleUploadedFile("cut.jpg", jpeg_bytes()[:3000]), "图片文件已损坏或不完整"),
        (SimpleUploadedFile("empty.jpg", b""), "所提交的是空文件"),
    ],
    ids=["not-an-image", "renamed-pdf", "truncated-jpeg", "empty-file"],
)
def test_a_broken_photo_is_refused_with_a_chinese_message_and_the_form_kept(editor_client, upload, message):
    data = postdata.article(headline="有图稿件", photos=[photo_row(upload)])

    response = editor_client.post(ADD_URL, data)

    assert_form_kept(response, message, 'value="有图稿件"', 'value="会议现场"', 'value="主席台"')


def test_a_photo_in_a_format_we_do_not_serve_is_refused(editor_client):
    buffer = BytesIO()
    Image.new("RGB", (8, 6)).save(buffer, "BMP")
    data = postdata.article(photos=[photo_row(SimpleUploadedFile("scan.bmp", buffer.getvalue()))])

    assert_form_kept(editor_client.post(ADD_URL, data), "不支持 BMP 格式")


def test_a_photo_over_the_size_limit_is_refused(editor_client, settings):
    settings.PHOTO_MAX_BYTES = 2000
    data = postdata.article(photos=[photo_row(SimpleUploadedFile("big.jpg", jpeg_bytes()))])

    assert_form_kept(editor_client.post(ADD_URL, data), "图片文件太大", "请压缩到 2.0")


def test_a_photo_with_too_many_pixels_is_refused(editor_client, settings):
    settings.PHOTO_MAX_PIXELS = 100 * 100
    data = postdata.article(photos=[photo_row(tiny_png(size=(200, 60)))])

    assert_form_kept(editor_client.post(ADD_URL, data), "图片像素过大（200×60）")


def test_add_form_offers_the_rich_text_editor_from_local_static_files(editor_client):
    response = editor_client.get(ADD_URL)

    assert response.status_code == 200
    html = response.text
    assert "data-django-prose-editor-configurable" in html
    assert "/static/django_prose_editor/editor.js" in html
    assert "https://" not in html.split("<body")[0]  # nothing loaded from a CDN
    assert [fieldset.name for fieldset in response.context["adminform"]] == [
        "标题",
        "稿源与署名",
        "正文",
        "编辑检查",
        "发布",
        "标签与活动",
    ]
    assert [inline.opts.verbose_name_plural for inline in response.context["inline_admin_formsets"]] == [
        "相关工会",
        "署名",
        "分段（综述稿各单位内容）",
        "图片",
        "待配图说明（版面导入的图片说明，尚无图片）",
        "见报位置（版面与转版）",
    ]


def test_tag_field_is_a_text_input_with_a_suggestion_list(editor_client):
    html = editor_client.get(ADD_URL).text

    assert 'list="id_tags_suggestions"' in html
    assert '<datalist id="id_tags_suggestions"></datalist>' in html
    assert f'data-suggest-url="{reverse("admin:articles_article_tag_suggestions")}"' in html
    assert "/static/admin-extra/tag-suggest.js" in html


def test_change_form_shows_existing_photos_as_thumbnails_and_links_to_the_site(editor_client):
    article = make_article(photos=1)
    photo = article.photos.get()

    response = editor_client.get(reverse("admin:articles_article_change", args=[article.pk]))

    assert response.status_code == 200
    assert f'<img class="photo-preview" src="{photo.thumbnail.url}" alt="图片说明1">' in response.text
    view_on_site = response.context["absolute_url"]
    assert editor_client.get(view_on_site).url.endswith(article.get_absolute_url())


def test_saving_a_story_again_keeps_its_photo_and_tags(editor_client, huzhou):
    article = make_article(photos=1, tags=["工会", "工BA"], unions=[huzhou])
    photo = article.photos.get()
    link = article.article_unions.get()
    data = postdata.article(headline="改过的标题", tags="工会, 工BA", loaded_version=article.version)
    data.update(
        postdata.inline(
            "photos",
            {"id": photo.pk, "article": article.pk, "caption": "新说明", "credit": "", "alt_text": "", "position": "0"},
            initial=1,
        )
    )
    data.update(
        postdata.inline(
            "article_unions", {"id": link.pk, "article": article.pk, "union": huzhou.pk, "role": "subject"}, initial=1
        )
    )

    response = editor_client.post(reverse("admin:articles_article_change", args=[article.pk]), data)

    assert response.status_code == 302
    article.refresh_from_db()
    photo.refresh_from_db()
    assert (article.headline, photo.caption, photo.image.name) == (
        "改过的标题",
        "新说明",
        article.photos.get().image.name,
    )
    assert article.is_published  # editing a published story keeps it published
    assert sorted(tag.name for tag in article.tags.all()) == ["工BA", "工会"]


def test_the_rich_text_editor_speaks_chinese(staff, client_for):
    editor = client_for(staff.section_editor)

    form = editor.get(reverse("admin:articles_article_add")).text
    catalog = editor.get(reverse("admin:jsi18n")).text

    assert "admin-extra/prose-zh.js" in form  # the toolbar's tooltips and heading menu
    assert "\\u7f16\\u8f91\\u94fe\\u63a5" in catalog or "编辑链接" in catalog  # its dialogs: Edit Link → 编辑链接
