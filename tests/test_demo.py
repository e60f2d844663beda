"""`manage.py load_demo`: the newsroom a developer sees after `make run`."""

import re
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from articles.campaigns.models import Campaign, Section
from articles.editorial import qa
from articles.editorial.models import Finding
from articles.events.models import Award, Event, EventUnion, Standing
from articles.models import (
    Article,
    ArticleUnion,
    Contributor,
    Credit,
    Photo,
    Placement,
    PrintPage,
    Segment,
    TaggedArticle,
)
from tests.builders import union
from unionnews.demo import roundup as roundup_spec
from unionnews.demo.management.commands import load_demo as command
from unions.models import Brand, Union

# Small photos keep the test quick; 640 is still wider than the 400px thumbnail.
PHOTO_WIDTH = 640
DEMO_MODELS = [
    Union,
    Brand,
    Contributor,
    User,
    Article,
    ArticleUnion,
    Credit,
    Segment,
    Photo,
    Event,
    EventUnion,
    Standing,
    Award,
    PrintPage,
    Placement,
    Tag,
    TaggedArticle,
    Campaign,
    Section,
]


def load_demo():
    out = StringIO()
    call_command("load_demo", photo_width=PHOTO_WIDTH, stdout=out)
    return out.getvalue()


def row_counts():
    return {model.__name__: model.objects.count() for model in DEMO_MODELS}


@pytest.fixture
def demo(db):
    """The output of a first load into an empty newsroom."""
    return load_demo()


def test_it_publishes_stories_about_every_city_union(demo):
    for city in Union.objects.cities():
        stories = Article.objects.published().about(city).exclude(segments__isnull=False)
        assert stories.exists(), f"no story of its own about {city.short_name}"
    # The month's news; the year of 稿件考核 history before it (unionnews.demo.scores) is older.
    recent = Article.objects.published().filter(published_at__gte=timezone.now() - timedelta(days=25))
    assert 25 <= recent.count() <= 30
    assert Article.objects.published().filter(is_featured=True).count() >= 3


def test_it_adds_enterprise_and_grassroots_unions_below_the_right_parents(demo):
    parents = {
        "juhua": "shengbushu",
        "hanggang": "shengbushu",
        "haigang": "shengbushu",
        "huzhou-wenhuagong": "huzhou",
        "changxing-tongqu": "changxing",
        "xiaoshan-hengrui": "xiaoshan",
    }
    for slug, parent in parents.items():
        assert Union.objects.get_parent(union(slug)).slug == parent
    assert union("huzhou-wenhuagong").level == Union.Level.UNIT
    assert Union.objects.find_problems() == ([], [], [], [], [])


def test_stories_carry_bylines_an_editor_tags_and_a_sanitised_body(demo):
    story = Article.objects.get(headline="杭州300余名快递员外卖员集中入会")
    assert story.kicker and story.subheadline and story.dateline == "杭州"
    assert story.byline() == "记者 沈嘉禾 通讯员 何少川"
    assert story.editor.name == "周文澜"
    assert set(story.tags.names()) == {"新就业形态劳动者入会", "职工服务"}
    assert story.body.startswith("<p>") and "<script" not in story.body
    correspondent = Contributor.objects.get(name="何少川")
    assert correspondent.union == union("hangzhou")


def test_roundup_has_one_segment_per_city_and_jumps_from_page_one_to_page_two(demo):
    roundup = Article.objects.filter(segments__isnull=False).distinct().get()
    cities = list(Union.objects.cities())
    assert [segment.union for segment in roundup.segments.all()] == cities
    placements = list(roundup.placements.select_related("page"))
    assert [(placement.page.number, placement.part) for placement in placements] == [(1, 1), (2, 2)]
    assert placements[0].page.edition_date == placements[1].page.edition_date
    recent = PrintPage.objects.filter(edition_date__gte=timezone.localdate() - timedelta(days=25))
    assert recent.dates("edition_date", "day").count() == 2  # older pages: the 稿件考核 history


def test_the_home_page_lists_the_most_read_stories_of_the_demo_week(demo, client):
    page = client.get(reverse("home")).text

    popular = page[page.index('id="popular-title"') : page.index("</ol>", page.index('id="popular-title"'))]
    assert popular.count("<li>") == 5


def test_the_province_wide_roundup_is_labelled_with_the_province_on_its_card(demo, client):
    roundup = Article.objects.filter(segments__isnull=False).distinct().get()

    page = client.get(reverse("articles:list")).text
    card = page[page.index(roundup.headline) : page.index("</article>", page.index(roundup.headline))]

    assert '<a href="/unions/zhejiang/">浙江</a>' in card
    assert "杭州" not in card


def test_it_ships_the_plenum_study_campaign_with_its_lead_and_sections(demo, client):
    plenum = Campaign.objects.for_rules().get(slug="quanhui-jingshen")
    headlines = set(plenum.published_stories().values_list("headline", flat=True))
    assert roundup_spec.STORY.headline in headlines
    assert "绍兴劳模工匠宣讲团走进40家企业" in headlines and "劳模工匠宣讲走进畲乡" in headlines

    page = client.get(plenum.get_absolute_url()).text
    assert page.index(roundup_spec.STORY.headline) < page.index("各地报道")
    assert "劳模工匠宣讲</h2>" in page and "基层声音</h2>" in page
    strip = page[page.index("各地报道") : page.index("劳模工匠宣讲</h2>")]
    assert "暂无报道" not in strip  # the roundup is about every city


def test_league_has_standings_awards_and_linked_reports(demo):
    league = Event.objects.get(slug="huzhou-gongba")
    assert league.is_over
    assert [standing.rank for standing in league.standings.all()] == [1, 2, 3, 4, 5, 6]
    individual = league.awards.filter(kind=Award.Kind.INDIVIDUAL).values_list("name", flat=True)
    team = league.awards.filter(kind=Award.Kind.TEAM).values_list("name", flat=True)
    assert set(individual) == {"最有价值球员（MVP）", "得分王", "助攻王"}
    assert set(team) == {"优秀组织奖", "精神风尚奖"}
    assert league.articles.filter(pk__in=Article.objects.published()).count() == 3
    assert league.event_unions.filter(union=union("huzhou-wenhuagong"), role=EventUnion.Role.HOST).exists()


def test_events_include_upcoming_and_past_ones(demo):
    assert all(re.fullmatch(r"[-a-z0-9]+", slug) for slug in Event.objects.values_list("slug", flat=True))
    assert Event.objects.published().upcoming().count() >= 3
    assert Event.objects.published().past().count() >= 3
    meeting = Event.objects.get(slug="shengbushu-publicity-meeting")
    assert meeting.articles.get().headline == "省部属企事业单位工会部署宣传工作"


def test_photos_have_renditions_captions_and_credits(demo):
    photos = Photo.objects.all()
    assert photos.count() >= 10
    for photo in photos:
        assert photo.width == PHOTO_WIDTH and photo.caption and photo.credit and photo.alt_text
        for file in (photo.image, photo.display, photo.thumbnail):
            assert file.storage.exists(file.name)  # the original in private storage, the renditions in MEDIA_ROOT
        assert all(photo.display.storage.exists(name) for name in photo.rendition_names())
        assert {(r["format"], r["width"]) for r in photo.renditions} == {
            (f, w) for f in ("webp", "jpeg") for w in (200, 400, PHOTO_WIDTH)
        }
    assert photos[0].thumbnail.width == 400


def test_draft_and_scheduled_stories_are_not_published(demo):
    scheduled = Article.objects.get(headline="全省职工数字技能大赛即将开幕")
    assert scheduled.status == Article.Status.PUBLISHED
    for hidden in (*Article.objects.exclude(status=Article.Status.PUBLISHED), scheduled):
        assert not hidden.is_published
        assert not Article.objects.published().filter(pk=hidden.pk).exists()


def test_demo_logins_work(demo, client):
    assert "admin / unionnews-admin" in demo
    assert client.login(username="admin", password="unionnews-admin")
    assert User.objects.get(username="admin").is_superuser
    for username, role in [
        ("tongxunyuan", "通讯员"),
        ("jizhe", "记者"),
        ("bianji", "编辑"),
        ("fuzongbian", "副总编"),
        ("zongbian", "总编"),
        ("guanliyuan", "管理员"),
    ]:
        assert f"{username} / unionnews-{username}" in demo
        assert client.login(username=username, password=f"unionnews-{username}")
        user = User.objects.get(username=username)
        assert user.is_staff and not user.is_superuser
        assert [group.name for group in user.groups.all()] == [role]
    editor = User.objects.get(username="bianji")
    assert editor.has_perms(["articles.change_article", "articles.first_review_article", "taggit.delete_tag"])
    assert not editor.has_perm("articles.final_review_article")
    assert editor.contributor.name == "周文澜"
    assert [u.slug for u in User.objects.get(username="tongxunyuan").contributor.unions.all()] == ["huzhou"]


def test_there_are_stories_in_every_state_with_timelines(demo):
    states = set(Article.objects.values_list("status", flat=True))
    assert states == set(Article.Status.values)
    assert Article.objects.filter(status=Article.Status.PUBLISHED, corrections__isnull=False).exists()
    returned = Article.objects.get(headline="湖州市总工会慰问高温一线职工")
    assert returned.timeline.last().action == "return"


def test_second_run_changes_nothing_and_still_prints_the_logins(demo):
    before = row_counts()
    output = load_demo()
    assert "already loaded" in output
    assert "http://127.0.0.1:8000/admin/" in output
    assert "admin / unionnews-admin" in output and "zongbian / unionnews-zongbian" in output
    assert row_counts() == before


def test_it_leaves_existing_accounts_alone(db):
    User.objects.create_superuser("admin", password="my own secret")
    output = load_demo()
    assert "admin: password changed since the demo was loaded" in output
    assert User.objects.get(username="admin").check_password("my own secret")


def test_a_failed_load_leaves_no_rows_and_no_files(db, monkeypatch, settings):
    empty = row_counts()

    def fail(self, today, stories):
        raise RuntimeError("print pages went wrong")

    monkeypatch.setattr(command.Command, "load_editions", fail)
    with pytest.raises(RuntimeError):
        load_demo()
    assert row_counts() == empty
    assert [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()] == []


def test_the_demo_stories_pass_the_editorial_checks(demo):
    for article in Article.objects.all():
        qa.recheck(article)
    assert not Finding.objects.exists()


def test_it_keeps_service_brands_beside_their_unions_for_the_editorial_checks(demo):
    assert {(brand.name, brand.union.short_name) for brand in Brand.objects.all()} == {
        ("船员之家", "舟山"),
        ("入会加油站", "柯桥"),
    }
    roundup = Article.objects.get(headline=roundup_spec.STORY.headline)
    assert qa.recheck(roundup) == []  # 舟山's segment names its own 船员之家

    taizhou = roundup.segments.get(union__short_name="台州")
    taizhou.body += "<p>台州市总工会将借鉴“船员之家”做法，在渔港设立服务点。</p>"
    taizhou.save()
    [found] = qa.recheck(roundup)
    assert found["segment"] == "台州市总工会"
    assert "台州市总工会的分段中出现舟山的工作品牌“船员之家”" in found["message"]


def test_every_story_names_the_account_that_wrote_it_on_the_desk(demo, client):
    assert not Article.objects.filter(created_by__isnull=True).exists()
    # A correspondent with a login wrote her own; a reporter without one was typed in by the 责任编辑.
    assert Article.objects.get(headline="湖州一批职工食堂开展“小份菜”试点").created_by.username == "tongxunyuan"
    assert Article.objects.get(headline=roundup_spec.STORY.headline).created_by.username == "bianji"

    client.login(username="zongbian", password="unionnews-zongbian")
    page = client.get(reverse("admin:articles_article_desk")).text
    rows = re.findall(r"<tr><td><a href=.*?</tr>", page, re.S)
    assert rows
    creators = [re.findall(r"<td>(.*?)</td>", row, re.S)[2] for row in rows]
    assert "" not in creators
    assert "周文澜（本报）" in creators


def test_it_ships_a_scoring_table_and_a_year_of_ranked_correspondents(demo):
    from articles.statistics.figures import Period, contributor_rows, rank
    from articles.statistics.models import ScoringRule

    today = timezone.localdate()
    months = [Period("month", day.year, day.month) for day in (today - timedelta(days=330), today - timedelta(days=30))]
    yearly = [rank(contributor_rows(month)) for month in months]

    assert ScoringRule.objects.count() == 2
    assert all(len(rows) >= 11 for rows in yearly)  # every city's correspondent, early and late in the year
    assert any(row.front_lead for row in yearly[0]) and any(row.printed for row in yearly[1])
