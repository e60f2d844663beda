"""专题 in the admin: who may edit campaigns, an editor's change reaching readers, the coverage matrix."""

from datetime import date, datetime, timedelta
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from articles.campaigns import coverage
from articles.campaigns.models import Campaign
from tests.admin.postdata import inline
from tests.builders import NOON, SHANGHAI, make_article, make_union, union
from tests.campaigns.builders import make_campaign, make_section

pytestmark = pytest.mark.usefixtures("an_hour_after_noon")


def campaign_form(campaign, **fields):
    """The change form as an editor submits it, with no leads and no sections."""
    data = {
        "title": campaign.title,
        "slug": campaign.slug,
        "status": campaign.status,
        "starts_on": campaign.starts_on.isoformat(),
        "ends_on": campaign.ends_on.isoformat() if campaign.ends_on else "",
        "description": campaign.description,
        "banner_alt": "",
        "tags": [str(pk) for pk in campaign.tags.values_list("pk", flat=True)],
        "events": [],
        "unions": [],
        "picked": [],
        "excluded": [],
        **fields,
    }
    data.update(inline("leads"))
    data.update(inline("sections"))
    return data


def test_an_editor_may_edit_campaigns_and_a_correspondent_may_not(staff, client_for):
    campaign = make_campaign()
    editor, correspondent = client_for(staff.section_editor), client_for(staff.correspondent)
    change = reverse("admin:campaigns_campaign_change", args=[campaign.pk])
    matrix = reverse("admin:campaigns_campaign_coverage", args=[campaign.pk])
    assert editor.get(change).status_code == 200
    assert editor.get(matrix).status_code == 200
    assert correspondent.get(change).status_code == 403
    assert correspondent.get(matrix).status_code == 403
    assert correspondent.get(reverse("admin:campaigns_campaign_coverage_xlsx", args=[campaign.pk])).status_code == 403
    assert correspondent.get(reverse("admin:campaigns_campaign_changelist")).status_code == 403
    assert editor.get(reverse("admin:campaigns_campaign_changelist")).status_code == 200


def test_a_story_an_editor_picks_shows_on_the_campaign_page_at_the_readers_next_request(staff, client_for, client):
    campaign = make_campaign(tags=["全会精神"])
    story = make_article(headline="舟山渔嫂宣讲全会精神")
    assert "舟山渔嫂宣讲全会精神" not in client.get(campaign.get_absolute_url()).content.decode()
    editor = client_for(staff.section_editor)
    response = editor.post(
        reverse("admin:campaigns_campaign_change", args=[campaign.pk]), campaign_form(campaign, picked=[story.pk])
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert list(campaign.picked.all()) == [story]
    assert "舟山渔嫂宣讲全会精神" in client.get(campaign.get_absolute_url()).content.decode()


def test_a_campaign_an_editor_unpublishes_disappears_for_readers(staff, client_for, client):
    campaign = make_campaign()
    assert client.get(campaign.get_absolute_url()).status_code == 200
    editor = client_for(staff.section_editor)
    response = editor.post(
        reverse("admin:campaigns_campaign_change", args=[campaign.pk]), campaign_form(campaign, status="draft")
    )
    assert response.status_code == 302
    assert client.get(campaign.get_absolute_url()).status_code == 404


def test_a_campaign_cannot_end_before_it_starts(staff, client_for):
    campaign = make_campaign()
    response = client_for(staff.section_editor).post(
        reverse("admin:campaigns_campaign_change", args=[campaign.pk]), campaign_form(campaign, ends_on="2025-05-01")
    )
    assert "结束日期不能早于开始日期" in response.content.decode()


@pytest.fixture
def coverage_world(db):
    """Stories of the campaign's first two weeks (1–7 and 8–14 June) in 湖州 and 南浔."""
    huzhou, nanxun = union("huzhou"), union("nanxun")
    week_one = datetime(2025, 6, 3, 10, 0, tzinfo=SHANGHAI)
    stories = {
        "huzhou": make_article(headline="湖州学全会", unions=[huzhou], tags=["全会精神"], published_at=week_one),
        "nanxun": make_article(headline="南浔学全会", unions=[nanxun], tags=["全会精神"]),
        "both": make_article(headline="湖州南浔联学", unions=[huzhou, nanxun], tags=["全会精神"]),
        "draft": make_article(headline="南浔草稿", unions=[nanxun], tags=["全会精神"], status="draft"),
        "review": make_article(headline="南浔待审", unions=[nanxun], tags=["全会精神"], status="second_review"),
    }
    campaign = make_campaign(tags=["全会精神"], ends_on=date(2025, 6, 14))
    return Campaign.objects.for_rules().get(pk=campaign.pk), stories


def test_the_matrix_rolls_counties_up_into_their_city_and_keeps_drafts_apart(coverage_world):
    campaign, stories = coverage_world
    matrix = coverage.matrix(campaign)
    assert matrix.weeks == [(date(2025, 6, 1), date(2025, 6, 7)), (date(2025, 6, 8), date(2025, 6, 14))]
    assert [row.union.short_name for row in matrix.rows][:5] == ["杭州", "宁波", "温州", "嘉兴", "湖州"]
    huzhou = next(row for row in matrix.rows if row.union.slug == "huzhou")
    week_one, week_two = huzhou.cells
    assert week_one.published == {stories["huzhou"].pk}
    # 南浔's story, and the story about both counted once.
    assert week_two.published == {stories["nanxun"].pk, stories["both"].pk}
    assert week_two.draft == {stories["draft"].pk}
    assert week_two.review == {stories["review"].pk}
    nanxun = next(row for row in huzhou.counties if row.union.slug == "nanxun")
    assert [len(cell.published) for cell in nanxun.cells] == [0, 2]
    assert [len(cell.published) for cell in matrix.totals.cells] == [1, 2]
    jiaxing = next(row for row in matrix.rows if row.union.slug == "jiaxing")
    assert all(cell.is_empty for cell in jiaxing.cells)


def test_the_matrix_page_links_each_count_to_its_stories(coverage_world, staff, client_for):
    campaign, stories = coverage_world
    editor = client_for(staff.section_editor)
    html = editor.get(reverse("admin:campaigns_campaign_coverage", args=[campaign.pk])).content.decode()
    assert html.count("<details") == 11
    assert "coverage-empty" in html
    assert "草1" in html and "审1" in html
    ids = ",".join(str(pk) for pk in sorted([stories["nanxun"].pk, stories["both"].pk]))
    link = f"{reverse('admin:articles_article_changelist')}?id__in={ids}"
    assert f'href="{link}"' in html
    listing = editor.get(link).content.decode()
    assert "南浔学全会" in listing and "湖州南浔联学" in listing and "湖州学全会" not in listing


def test_the_matrix_exports_to_xlsx(coverage_world, staff, client_for):
    campaign, _ = coverage_world
    response = client_for(staff.section_editor).get(
        reverse("admin:campaigns_campaign_coverage_xlsx", args=[campaign.pk])
    )
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    book = load_workbook(BytesIO(response.content))
    assert book.sheetnames == ["已发布", "审核中", "草稿"]
    published = book["已发布"]
    assert published["B2"].value == "第1周 06-01至06-07"
    rows = {row[0]: row[1:] for row in published.iter_rows(min_row=3, values_only=True)}
    assert rows["湖州"] == (1, 2, 3)
    assert rows["南浔"] == (0, 2, 2)
    assert rows["嘉兴"] == (0, 0, 0)
    assert rows["合计"] == (1, 2, 3)  # the story about 湖州 and 南浔 once
    drafts = {row[0]: row[1:] for row in book["草稿"].iter_rows(min_row=3, values_only=True)}
    assert drafts["湖州"] == (0, 1, 1)
    assert published.page_setup.orientation == "landscape"


def test_stories_about_no_city_have_their_own_row_so_the_total_is_every_story(coverage_world, staff, client_for):
    campaign, _ = coverage_world
    province = union("zhejiang")
    port = make_union(province, slug="gangwu", short_name="省海港集团")
    about_province = make_article(headline="省总工会部署学全会", unions=[province], tags=["全会精神"])
    about_port = make_article(headline="省海港集团学全会", unions=[port], tags=["全会精神"])
    about_nobody = make_article(headline="评论：学全会", unions=[], tags=["全会精神"])
    about_city_and_province = make_article(headline="省市联动", unions=[province, union("jiaxing")], tags=["全会精神"])

    matrix = coverage.matrix(Campaign.objects.for_rules().get(pk=campaign.pk))

    assert matrix.others.name == "省级及其他"
    assert matrix.others.total.published == {about_province.pk, about_port.pk, about_nobody.pk}
    assert len(matrix.totals.total.published) == len(campaign.stories().published()) == 7
    jiaxing = next(row for row in matrix.rows if row.union.slug == "jiaxing")
    assert jiaxing.total.published == {about_city_and_province.pk}
    page = client_for(staff.section_editor).get(reverse("admin:campaigns_campaign_coverage", args=[campaign.pk]))
    others = page.content.decode().split('class="coverage-row coverage-others"')[1].split("coverage-total")[0]
    assert "省级及其他" in others and "coverage-empty" not in others  # no red: nobody is missing
    book = load_workbook(
        BytesIO(
            client_for(staff.section_editor)
            .get(reverse("admin:campaigns_campaign_coverage_xlsx", args=[campaign.pk]))
            .content
        )
    )
    rows = {row[0]: row[1:] for row in book["已发布"].iter_rows(min_row=3, values_only=True)}
    assert rows["省级及其他"][-1] == 3 and rows["合计"][-1] == 7


def test_the_matrix_without_such_stories_has_no_row_for_them(coverage_world):
    campaign, _ = coverage_world
    assert coverage.matrix(campaign).others is None


def test_the_matrix_of_an_open_ended_campaign_runs_to_this_week(coverage_world):
    campaign, _ = coverage_world
    campaign.ends_on = None
    weeks = coverage.matrix(campaign, today=NOON.date() + timedelta(days=10)).weeks
    assert len(weeks) == 4 and weeks[-1][0] == date(2025, 6, 22)


def test_a_long_campaign_s_matrix_prints_its_weeks_by_their_dates(staff, client_for):
    short = make_campaign()
    year_long = make_campaign(slug="quannian", starts_on=date(2025, 1, 1), ends_on=date(2025, 12, 31))
    editor = client_for(staff.section_editor)

    def matrix_page(campaign):
        return editor.get(reverse("admin:campaigns_campaign_coverage", args=[campaign.pk])).content.decode()

    assert '<div class="coverage">' in matrix_page(short)
    long_page = matrix_page(year_long)
    # coverage.css sets a long matrix's week headings sideways, dates only, to fit one A4 page.
    assert '<div class="coverage coverage-long">' in long_page
    assert long_page.count('<span class="coverage-week">') > 16  # the weeks up to today


def test_a_banner_that_is_not_an_image_is_refused_with_a_chinese_message(staff, client_for):
    campaign = make_campaign()
    broken = SimpleUploadedFile("banner.jpg", b"\xff\xd8\xff not really a jpeg", content_type="image/jpeg")
    response = client_for(staff.section_editor).post(
        reverse("admin:campaigns_campaign_change", args=[campaign.pk]), campaign_form(campaign, banner=broken)
    )
    assert response.status_code == 200
    campaign.refresh_from_db()
    assert not campaign.banner
    assert "图片" in response.content.decode()


def test_the_matrix_costs_the_same_queries_however_many_stories(coverage_world, staff, client_for):
    campaign, _ = coverage_world
    editor = client_for(staff.section_editor)
    url = reverse("admin:campaigns_campaign_coverage", args=[campaign.pk])
    with CaptureQueriesContext(connection) as small:
        assert editor.get(url).status_code == 200
    for index in range(6):
        make_article(headline=f"绍兴学全会{index}", unions=[union("keqiao")], tags=["全会精神"], status="draft")
        make_article(headline=f"丽水学全会{index}", unions=[union("lishui")], tags=["全会精神"])
    with CaptureQueriesContext(connection) as large:
        assert editor.get(url).status_code == 200
    assert len(large) == len(small)


def test_an_editor_sets_a_sections_rules_and_links_on_its_own_page(staff, client_for):
    campaign = make_campaign()
    section = make_section(campaign, "视频", links=[("全会精神微宣讲", "https://video.example.cn/1")])
    response = client_for(staff.section_editor).get(reverse("admin:campaigns_section_change", args=[section.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "全会精神微宣讲" in html and "按标签" in html


def test_saving_or_deleting_a_section_goes_back_to_its_campaign(staff, client_for):
    campaign = make_campaign()
    section = make_section(campaign, "基层声音", tags=["基层声音"])
    editor = client_for(staff.section_editor)
    back = reverse("admin:campaigns_campaign_change", args=[campaign.pk])
    data = {
        "campaign": campaign.pk,
        "title": "基层之声",
        "kind": "stories",
        "position": "0",
        "links-TOTAL_FORMS": "0",
        "links-INITIAL_FORMS": "0",
    }

    saved = editor.post(reverse("admin:campaigns_section_change", args=[section.pk]), data)
    assert saved.status_code == 302 and saved["Location"] == back
    page = editor.get(back).content.decode()
    assert "基层之声" in page  # the campaign's page, with the saved message and the section

    confirm = editor.get(reverse("admin:campaigns_section_delete", args=[section.pk]))
    assert "确定" in confirm.content.decode()  # asked first
    deleted = editor.post(reverse("admin:campaigns_section_delete", args=[section.pk]), {"post": "yes"})
    assert deleted.status_code == 302 and deleted["Location"] == back
    assert not campaign.sections.exists()
