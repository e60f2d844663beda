"""稿件考核: the figures, points and ranks of contributors and unions."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from articles.models import Article, Credit, Placement, TimelineEntry
from articles.statistics import figures, scoring
from articles.statistics.figures import Period, contributor_rows, rank, union_rows
from articles.statistics.models import ScoringRule, StoryFigures
from tests.builders import NOON, make_article, make_contributor, make_page, make_union, union

pytestmark = pytest.mark.django_db

CORRESPONDENT, REPORTER, PHOTOGRAPHER = Credit.Role.CORRESPONDENT, Credit.Role.REPORTER, Credit.Role.PHOTOGRAPHER
JUNE = Period("month", 2025, 6)


@pytest.fixture
def rules():
    return ScoringRule.objects.create(
        valid_from=date(2025, 1, 1), front_lead=10, front_page=6, other_page=3, web_only=2, per_photo=1.5, per_segment=1
    )


def lead_on_page_one(article, page=None):
    Placement.objects.filter(article=article).delete()
    Placement.objects.create(article=article, page=page or make_page(1), is_lead=True)


def step(article, action, at):
    entry = TimelineEntry.objects.record(article, None, action)
    TimelineEntry.objects.filter(pk=entry.pk).update(at=at)


def row_of(rows, subject, role=""):
    return next(row for row in rows if row.subject == subject and (not role or row.role_value == role))


def test_each_tier_scores_by_the_table_and_photos_add_their_points(rules):
    yao = make_contributor("姚晴")
    page1, page3 = make_page(1), make_page(3)
    lead = make_article(credits=[(yao, CORRESPONDENT)])
    lead_on_page_one(lead, page1)
    make_article(credits=[(yao, CORRESPONDENT)], pages=[page1])  # 一版
    make_article(credits=[(yao, CORRESPONDENT)], pages=[page3])  # 其他版
    make_article(credits=[(yao, CORRESPONDENT)], photos=2)  # 仅网络, two photos

    row = row_of(contributor_rows(JUNE), yao)

    assert (row.published, row.printed, row.front_page, row.front_lead, row.photos) == (4, 3, 2, 1, 2)
    assert row.points == 10 + 6 + 3 + 2 + 2 * 1.5


def test_the_story_panel_agrees_with_the_statistics(rules):
    yao = make_contributor("姚晴")
    story = make_article(credits=[(yao, CORRESPONDENT)], photos=1, pages=[make_page(2)])

    scores = scoring.story_scores(story)

    assert (scores["label"], scores["photos"], scores["points"]) == ("其他版", 1, 4.5)
    assert scores["credits"][0][1] == row_of(contributor_rows(JUNE), yao).points


def test_a_new_version_scores_the_stories_published_from_its_day_only(rules):
    ScoringRule.objects.create(valid_from=date(2025, 6, 10), web_only=5, per_photo=0)
    yao = make_contributor("姚晴")
    before = make_article(credits=[(yao, CORRESPONDENT)], published_at=NOON - timedelta(days=3), photos=1)
    after = make_article(credits=[(yao, CORRESPONDENT)], published_at=NOON, photos=1)

    assert scoring.story_scores(before)["points"] == 2 + 1.5
    assert scoring.story_scores(after)["points"] == 5
    assert row_of(contributor_rows(JUNE), yao).points == 3.5 + 5


def test_submitted_returned_and_withdrawn_count_stories_with_that_step_in_the_period(rules):
    yao = make_contributor("姚晴")
    returned = make_article(credits=[(yao, CORRESPONDENT)], status=Article.Status.DRAFT)
    step(returned, TimelineEntry.Action.SUBMIT, NOON)
    step(returned, TimelineEntry.Action.SUBMIT, NOON + timedelta(days=1))  # twice: one story
    step(returned, TimelineEntry.Action.RETURN, NOON)
    withdrawn = make_article(credits=[(yao, CORRESPONDENT)], status=Article.Status.WITHDRAWN, published_at=NOON)
    step(withdrawn, TimelineEntry.Action.SUBMIT, NOON)
    step(withdrawn, TimelineEntry.Action.WITHDRAW, NOON)
    old = make_article(credits=[(yao, CORRESPONDENT)], status=Article.Status.DRAFT)
    step(old, TimelineEntry.Action.SUBMIT, NOON - timedelta(days=40))  # May: not in June

    row = row_of(contributor_rows(JUNE), yao)

    assert (row.submitted, row.returned, row.withdrawn, row.published) == (2, 1, 1, 0)


def test_characters_count_the_text_without_its_markup(rules):
    yao = make_contributor("姚晴")
    make_article(credits=[(yao, CORRESPONDENT)], body="<p>职工之家</p><p><strong>暖</strong></p>")

    assert row_of(contributor_rows(JUNE), yao).characters == 5


def test_a_contributor_is_counted_under_each_role(rules):
    yao = make_contributor("姚晴")
    make_article(credits=[(yao, CORRESPONDENT), (yao, PHOTOGRAPHER)], photos=1)

    rows = contributor_rows(JUNE)

    assert {row.role for row in rows if row.subject == yao} == {"通讯员", "摄影"}


def test_unions_are_credited_with_their_stories_rolled_up_into_cities_and_with_their_segments(rules):
    province, huzhou, hangzhou = union("zhejiang"), union("huzhou"), union("hangzhou")
    county = make_union(huzhou, slug="nanxun-test", level="county")
    make_article(unions=[county])
    make_article(unions=[huzhou], pages=[make_page(1)])
    make_article(unions=[province], segments=[(huzhou, "<p>湖州</p>"), (hangzhou, "<p>杭州</p>")])

    rows = union_rows(JUNE, province)

    huzhou_row, hangzhou_row, province_row = row_of(rows, huzhou), row_of(rows, hangzhou), row_of(rows, province)
    assert (huzhou_row.published, huzhou_row.front_page, huzhou_row.segments) == (2, 1, 1)
    assert huzhou_row.points == 2 + 6 + 1
    assert (hangzhou_row.published, hangzhou_row.segments, hangzhou_row.points) == (0, 1, 1)
    assert (province_row.published, province_row.points) == (1, 2)


def test_readers_views_within_the_period_count_for_the_writer_and_the_story_s_city(rules):
    from articles.readership.models import DailyViews

    yao = make_contributor("姚晴")
    huzhou = union("huzhou")
    county = make_union(huzhou, slug="deqing-test", level="county")
    story = make_article(credits=[(yao, CORRESPONDENT)], unions=[county])
    DailyViews.objects.create(article=story, day=date(2025, 6, 20), views=30)
    DailyViews.objects.create(article=story, day=date(2025, 6, 30), views=12)
    DailyViews.objects.create(article=story, day=date(2025, 7, 1), views=500)  # July's, not June's

    assert row_of(contributor_rows(JUNE), yao).views == 42
    assert row_of(union_rows(JUNE, union("zhejiang")), huzhou).views == 42
    assert row_of(contributor_rows(Period("month", 2025, 7)), yao).views == 500


def test_a_city_table_shows_its_counties_and_leaves_other_cities_out(rules):
    huzhou = union("huzhou")
    county = make_union(huzhou, slug="nanxun-test", level="county")
    make_article(unions=[county])
    make_article(unions=[union("hangzhou")])

    rows = union_rows(JUNE, huzhou)

    assert row_of(rows, county).published == 1
    assert all(row.subject.path.startswith(huzhou.path) for row in rows)
    assert sum(row.published for row in rows) == 1


def test_the_union_filter_keeps_the_subtree_s_contributors(rules):
    yao = make_contributor("姚晴", union=union("huzhou"))
    wang = make_contributor("王杭", union=union("hangzhou"))
    make_article(credits=[(yao, CORRESPONDENT), (wang, CORRESPONDENT)])

    assert [row.subject for row in contributor_rows(JUNE, union("huzhou"))] == [yao]


def test_ties_share_a_rank_and_the_next_rank_skips():
    rows = [figures.Row(subject=None, points=points) for points in [9, 7, 7, 3]]

    assert [row.rank for row in rank(rows)] == [1, 2, 2, 4]


def test_stories_outside_the_period_or_not_published_do_not_count(rules):
    yao = make_contributor("姚晴")
    make_article(credits=[(yao, CORRESPONDENT)], published_at=NOON.replace(month=7))
    make_article(credits=[(yao, CORRESPONDENT)], status=Article.Status.DRAFT)

    assert contributor_rows(JUNE) == []


def test_periods_say_their_days():
    assert (Period("quarter", 2025, 2).first_day, Period("quarter", 2025, 2).last_day) == (
        date(2025, 4, 1),
        date(2025, 6, 30),
    )
    assert Period("month", 2024, 2).last_day == date(2024, 2, 29)
    assert Period("year", 2025).label == "2025年"


# The admin page, the export and the charts.

REPORT = "/admin/statistics/scoringrule/report/"


@pytest.fixture
def june_story(rules):
    yao = make_contributor("姚晴", union=union("huzhou"))
    story = make_article(unions=[union("huzhou")], credits=[(yao, CORRESPONDENT)], photos=1)
    lead_on_page_one(story)
    return story


def test_the_report_shows_the_ranked_figures_and_both_charts(client, june_story):
    from tests.builders import make_staff

    client.force_login(make_staff("desk", "编辑"))  # a desk editor: everybody's figures
    yao = june_story.credits.get().contributor

    response = client.get(REPORT, {"period": "month", "year": 2025, "number": 6, "contributor": yao.pk})

    page = response.content.decode()
    assert response.status_code == 200
    assert "通讯员排名" in page and "工会排名" in page and "姚晴" in page
    assert "11.5" in page  # 头版头条 10 + one photo 1.5
    assert page.count("statistics-chart") == 2 and '<desc id="cities-desc">' in page and "湖州：" in page


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"period": "quarter", "year": 2025, "number": 5}, "季度请填1到4"),
        ({"period": "month", "year": 2025}, "月份请填1到12"),
        ({"period": "decade", "year": 2025}, "周期"),
        ({"period": "year", "year": "二〇二五"}, "年份"),
        ({"period": "year", "year": 2025, "union": "atlantis"}, "工会组织"),
        ({"period": "year", "year": 2025, "contributor": "abc"}, "作者：输入整数"),
    ],
)
def test_bad_filters_are_explained_not_an_error_page(admin_client, query, message):
    response = admin_client.get(REPORT, query)

    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert not any(f"{name}：" in page for name in query)  # fields by their Chinese names


def test_the_export_opens_in_openpyxl_with_the_figures_in_their_cells(admin_client, june_story):
    from io import BytesIO

    from openpyxl import load_workbook

    response = admin_client.get(REPORT, {"period": "month", "year": 2025, "number": 6, "format": "xlsx"})

    book = load_workbook(BytesIO(response.content))
    assert book.sheetnames == ["通讯员排名", "工会排名", "作者明细"]
    sheet = book["通讯员排名"]
    heading = [cell.value for cell in sheet[2]]
    first = dict(zip(heading, [cell.value for cell in sheet[3]]))
    assert (first["名次"], first["姓名"], first["单位"], first["身份"]) == (1, "姚晴", "湖州", "通讯员")
    assert (first["发稿"], first["头版头条"], first["图片"], first["得分"]) == (1, 1, 1, 11.5)
    cities = {row[1].value: row for row in book["工会排名"].iter_rows(min_row=3)}
    assert cities["湖州"][0].value == 1


def test_the_charts_are_well_formed_svg_with_a_title_and_a_description():
    from xml.etree import ElementTree

    from articles.statistics import charts

    svg = charts.bars_per_month("各地每月发稿数", [("湖州", [3, 0]), ("杭州<&>", [1, 2])], ["1月", "2月"])
    trend = charts.trend("姚晴每月得分", [("1月", 2.5), ("2月", 0)])

    for drawing in (svg, trend):
        root = ElementTree.fromstring(str(drawing))
        namespace = "{http://www.w3.org/2000/svg}"
        assert root.tag == f"{namespace}svg" and root.get("role") == "img"
        assert root.find(f"{namespace}title").text and root.find(f"{namespace}desc").text
    assert len(ElementTree.fromstring(str(svg)).findall("{http://www.w3.org/2000/svg}rect")) == 3


# What a correspondent sees: their own figures and their union's, ranked among everybody.


@pytest.fixture
def two_correspondents(rules):
    """姚晴 of 湖州 with one web story (2 points), 王杭 of 杭州 with a 头版头条 (10 points), this year."""
    from tests.builders import make_staff

    this_year = timezone.now() - timedelta(minutes=1)
    people = {}
    for username, name, city in [("yao", "姚晴", "huzhou"), ("wang", "王杭", "hangzhou")]:
        user = make_staff(username, "通讯员", unions=[union(city)], name=name)
        user.contributor.union = union(city)
        user.contributor.save()
        people[username] = user
    make_article(unions=[union("huzhou")], credits=[(people["yao"].contributor, CORRESPONDENT)], published_at=this_year)
    lead = make_article(
        unions=[union("hangzhou")], credits=[(people["wang"].contributor, CORRESPONDENT)], published_at=this_year
    )
    lead_on_page_one(lead, make_page(1, edition_date=timezone.localdate()))
    return people


def test_a_correspondent_s_desk_shows_their_rank_and_their_union_s_but_nobody_else_s(client, two_correspondents):
    from django.urls import reverse

    client.force_login(two_correspondents["yao"])

    page = client.get(reverse("admin:articles_article_desk")).content.decode()
    panel = page[page.index('id="desk-statistics"') :]

    assert "我的排名：姚晴</th><td>2</td>" in panel
    assert "本单位排名：湖州</th><td>2</td>" in panel
    assert "王杭" not in panel and "杭州" not in panel


def test_a_correspondent_s_report_and_export_hold_only_their_rows(client, two_correspondents):
    from io import BytesIO

    from openpyxl import load_workbook

    client.force_login(two_correspondents["wang"])
    query = {"period": "year", "year": timezone.localdate().year, "union": "huzhou", "contributor": 0}

    page = client.get(REPORT, query).content.decode()
    book = load_workbook(BytesIO(client.get(REPORT, {**query, "format": "xlsx"}).content))

    assert "王杭" in page and "姚晴" not in page and "湖州" not in page
    names = [row[1].value for sheet in book for row in sheet.iter_rows(min_row=3)]
    assert names == ["王杭", "杭州"]
    assert book["我的排名"]["A3"].value == 1


def test_an_editor_s_report_ranks_both_correspondents(client, two_correspondents):
    from tests.builders import make_staff

    client.force_login(make_staff("desk", "编辑"))  # a desk editor: everybody's figures

    page = client.get(REPORT, {"period": "year", "year": timezone.localdate().year}).content.decode()

    assert page.index("王杭") < page.index("姚晴")


def test_each_table_ranks_among_its_own_rows_though_a_person_stands_in_two(client, two_correspondents):
    """作者明细 ranks everybody; 通讯员排名 the correspondents alone: 王杭 is 2nd and 1st."""
    from io import BytesIO

    from openpyxl import load_workbook

    from tests.builders import make_staff

    reporter = make_contributor("周文澜")
    for _ in range(8):
        make_article(credits=[(reporter, REPORTER)], published_at=timezone.now() - timedelta(minutes=1))
    client.force_login(make_staff("desk", "编辑"))

    query = {"period": "year", "year": timezone.localdate().year, "format": "xlsx"}
    book = load_workbook(BytesIO(client.get(REPORT, query).content))

    def ranks(sheet):
        return [(row[0].value, row[1].value) for row in book[sheet].iter_rows(min_row=3)]

    assert ranks("作者明细") == [(1, "周文澜"), (2, "王杭"), (3, "姚晴")]
    assert ranks("通讯员排名") == [(1, "王杭"), (2, "姚晴")]


def test_the_editor_in_chief_cannot_save_a_scoring_version_with_negative_points(client, db):
    from tests.builders import make_staff

    client.force_login(make_staff("zongbian", "总编"))
    scores = {"front_lead": "-5", "front_page": "6", "other_page": "3", "web_only": "2", "per_photo": "1.5"}

    response = client.post(
        "/admin/statistics/scoringrule/add/", {"valid_from": "2026-11-15", **scores, "per_segment": "1", "note": ""}
    )

    assert response.status_code == 200  # the form again, with the message
    assert "分值不能为负数。" in response.content.decode()
    assert not ScoringRule.objects.filter(valid_from=date(2026, 11, 15)).exists()


def test_a_period_nobody_contributed_to_says_so_for_the_unions_too(admin_client, june_story):
    page = admin_client.get(REPORT, {"period": "month", "year": 2025, "number": 2}).content.decode()

    unions = page[page.index("工会排名") :]
    assert "本期没有数据。" in unions[: unions.index("</table>")]


def test_unions_with_equal_figures_are_listed_as_in_the_tree(rules):
    from articles.statistics.report import default_union

    province = default_union()
    rows = [row for row in union_rows(JUNE, province) if row.subject != province]  # no city has a story

    assert [row.subject.short_name for row in rows][:4] == ["杭州", "宁波", "温州", "嘉兴"]


def test_somebody_without_a_byline_or_the_editors_rights_may_not_open_the_report(client, rules):
    from tests.builders import make_staff

    client.force_login(make_staff("guest", "通讯员"))

    assert client.get(REPORT).status_code == 403


def test_the_report_costs_the_same_queries_for_one_story_or_many(client, settings, rules):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.builders import make_staff

    settings.PAGE_CACHE = False
    client.force_login(make_staff("desk", "编辑"))  # a desk editor: everybody's figures
    query = {"period": "month", "year": 2025, "number": 6}

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(REPORT, query).status_code == 200
        return len(captured)

    make_article(unions=[union("huzhou")], credits=[(make_contributor("姚晴"), CORRESPONDENT)], photos=1)
    one = queries()
    for index in range(4):
        make_article(
            unions=[union("hangzhou")],
            credits=[(make_contributor(f"作者{index}", union=union("hangzhou")), CORRESPONDENT)],
            segments=[(union("ningbo"), "<p>宁波</p>")],
            pages=[make_page(index + 1)],
        )

    assert queries() == one


def test_the_story_form_shows_the_points_the_story_gives_and_to_whom(admin_client, june_story):
    from tests.builders import change_url

    page = admin_client.get(change_url(june_story)).content.decode()

    assert "本稿 <strong>11.5</strong> 分" in page
    assert "<td>姚晴</td><td>通讯员</td><td>11.5</td>" in page
    assert "<td>湖州</td><td>报道对象</td><td>11.5</td>" in page


def test_the_benchmark_times_a_year_with_a_fixed_number_of_queries(june_story):
    from io import StringIO

    from django.core.management import call_command

    from tests.builders import make_editor

    make_editor("zongbian")
    out = StringIO()

    call_command("benchmark_statistics", "--repeat", "1", stdout=out)

    lines = out.getvalue().splitlines()
    assert "1 published in 2025年" in lines[0]
    assert [line.split("|")[1].strip() for line in lines[3:]] == [
        "figures per contributor",
        "figures per union (cities)",
        "rankings (correspondents and unions)",
        "report as an editor (tables and chart)",
    ]


def test_an_editor_marks_the_lead_on_the_story_form_and_it_scores_as_头版头条(client, rules):
    from articles.revisions import snapshot
    from tests.admin.forms import form_data
    from tests.builders import change_url, make_editor

    client.force_login(make_editor())
    yao = make_contributor("姚晴")
    page1 = make_page(1)
    story = make_article(credits=[(yao, CORRESPONDENT)], pages=[page1])
    assert scoring.story_scores(story)["label"] == "一版"

    data = form_data(client.get(change_url(story)))
    placement = next(key for key in data if key.endswith("-0-page"))
    data[placement.replace("-page", "-is_lead")] = "on"
    response = client.post(change_url(story), data)

    assert response.status_code == 302
    assert scoring.story_scores(story)["label"] == "头版头条"
    assert snapshot(Article.objects.get(pk=story.pk))["placements"][0]["is_lead"] is True


def test_the_city_chart_counts_each_city_s_stories_per_month_with_its_counties(rules):
    huzhou = union("huzhou")
    make_article(unions=[make_union(huzhou, slug="nanxun-test", level="county")])
    make_article(unions=[huzhou], published_at=NOON - timedelta(days=40))
    make_article(unions=[union("zhejiang")])

    counts = figures.stories_per_month(Period("quarter", 2025, 2), union("zhejiang"))

    assert counts[huzhou] == [0, 1, 1]
    assert counts[union("hangzhou")] == [0, 0, 0]
    assert counts[union("zhejiang")] == [0, 0, 1]  # the province's own, last


def test_correspondents_with_equal_points_share_a_rank_and_the_next_one_skips_it(rules):
    first, second, third = (make_contributor(name) for name in ["甲", "乙", "丙"])
    make_article(credits=[(first, CORRESPONDENT)], pages=[make_page(1)])  # 6
    make_article(credits=[(second, CORRESPONDENT)], pages=[make_page(3)])  # 3
    make_article(credits=[(third, CORRESPONDENT)], photos=2)  # 2 + 2 × 1.5 = 5
    make_article(credits=[(second, CORRESPONDENT)], published_at=NOON - timedelta(days=1))  # 3 + 2 = 5

    ranks = {row.name: (row.rank, row.points) for row in rank(contributor_rows(JUNE))}

    assert ranks == {"甲": (1, 6), "乙": (2, 5), "丙": (2, 5)}


def test_a_reporter_sees_only_their_own_figures_though_they_write_about_any_union(client, two_correspondents):
    from tests.builders import make_staff

    reporter = make_staff("jizhe", "记者", name="沈嘉禾")
    make_article(credits=[(reporter.contributor, REPORTER)], published_at=timezone.now() - timedelta(minutes=1))
    client.force_login(reporter)

    page = client.get(REPORT, {"period": "year", "year": timezone.localdate().year}).content.decode()

    assert '<th scope="row">沈嘉禾</th>' in page and "王杭" not in page and "姚晴" not in page


# Each story's figures (tier, photos, characters) are kept in a row of their own, so a year at
# 100,000 stories is a join (benchmark_statistics); they must follow every change that moves them.


def kept(story):
    return StoryFigures.objects.get(article=story).as_tuple()


def worked_out(story):
    return scoring.measure([Article.objects.get(pk=story.pk)])[0].as_tuple()


def test_a_story_s_kept_figures_follow_every_change_that_moves_them(client, rules):
    from tests.admin.forms import form_data
    from tests.builders import change_url, make_editor

    page1, page3 = make_page(1), make_page(3)
    story = make_article(photos=2, pages=[page3], body="<p>职工之家</p>")
    assert kept(story) == (scoring.OTHER_PAGE, 2, 4)

    client.force_login(make_editor())
    data = form_data(client.get(change_url(story)))
    data["body"] = "<p>职工之家<strong>暖人心</strong></p>"
    assert client.post(change_url(story), data).status_code == 302
    assert kept(story) == (scoring.OTHER_PAGE, 2, 7)

    Placement.objects.create(article=story, page=page1, part=2)  # the e-paper import places it on page 1
    assert kept(story)[0] == scoring.FRONT_PAGE
    story.photos.first().delete()
    assert kept(story)[1] == 1
    page1.number = 5  # the page was renumbered
    page1.save()
    assert kept(story)[0] == scoring.OTHER_PAGE
    assert kept(story) == worked_out(story)


def test_the_statistics_read_the_kept_figures_not_the_stories_again(rules):
    yao = make_contributor("姚晴")
    story = make_article(credits=[(yao, CORRESPONDENT)], body="<p>五个汉字</p>")
    StoryFigures.objects.filter(article=story).update(tier=scoring.FRONT_LEAD, photos=3, characters=1000)

    row = row_of(contributor_rows(JUNE), yao)

    assert (row.front_lead, row.photos, row.characters, row.points) == (1, 3, 1000, 10 + 3 * 1.5)


def test_a_story_deleted_with_its_photos_and_placements_takes_its_figures_along(rules):
    story = make_article(photos=1, pages=[make_page(2)])

    story.delete()

    assert not StoryFigures.objects.exists()


def test_refresh_all_and_the_migration_rebuild_every_story_s_figures(rules):
    import importlib

    from django.apps import apps
    from django.db import connection

    from articles.statistics import keeping

    stories = [make_article(photos=1, pages=[make_page(1)]), make_article(body="<p>一二三</p>"), make_article()]
    expected = [worked_out(story) for story in stories]
    made_the_table = importlib.import_module("articles.statistics.migrations.0003_story_figures")
    progress = []

    for rebuild in (
        lambda: keeping.refresh_all(batch_size=2, progress=lambda done, total: progress.append((done, total))),
        lambda: made_the_table.fill(apps, type("SchemaEditor", (), {"connection": connection})),
    ):
        StoryFigures.objects.all().delete()
        rebuild()
        assert [kept(story) for story in stories] == expected
    assert progress == [(2, 3), (3, 3)]


def test_a_story_about_two_counties_of_one_city_counts_once_for_the_city(rules):
    from articles.readership.models import DailyViews

    nanxun = make_union(union("huzhou"), slug="nanxun-test", level="county")
    deqing = make_union(union("huzhou"), slug="deqing-test", level="county")
    story = make_article(unions=[nanxun, deqing], photos=2, body="<p>两县联合开展职工技能比武</p>")
    DailyViews.objects.create(article=story, day=date(2025, 6, 20), views=30)
    huzhou = union("huzhou")

    city = row_of(union_rows(JUNE, union("zhejiang")), huzhou)
    counties = union_rows(JUNE, huzhou)

    assert (city.published, city.photos, city.characters, city.views, city.points) == (1, 2, 12, 30, 2 + 2 * 1.5)
    assert type(city.views) is int and type(city.photos) is int
    for county in (nanxun, deqing):  # each county is given the whole story
        assert (row_of(counties, county).photos, row_of(counties, county).views) == (2, 30)
