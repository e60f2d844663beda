from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from tests.builders import make_article, make_union, union
from unions.models import Union


def test_migration_ships_the_province_its_eleven_cities_and_their_counties(db):
    province = union("zhejiang")
    cities = Union.objects.cities()
    assert [city.short_name for city in cities] == [
        "杭州",
        "宁波",
        "温州",
        "嘉兴",
        "湖州",
        "绍兴",
        "金华",
        "衢州",
        "舟山",
        "台州",
        "丽水",
    ]
    assert all(Union.objects.get_parent(city) == province for city in cities)
    assert Union.objects.filter(level=Union.Level.COUNTY).count() == 91  # 90 divisions + 南太湖新区
    assert union("nanxun").name == "湖州市南浔区总工会"
    assert Union.objects.get_parent(union("deqing")) == union("huzhou")


def test_migrated_tree_has_no_structural_problems(db):
    assert Union.objects.find_problems() == ([], [], [], [], [])


def test_news_of_a_city_includes_its_counties_in_one_query(huzhou, nanxun, jiaxing):
    about_city = make_article(headline="湖州市总工会召开全委会", unions=[huzhou])
    about_county = make_article(headline="南浔区总工会开展送清凉", unions=[nanxun])
    make_article(headline="嘉兴市总工会召开半年度会议", unions=[jiaxing])

    with CaptureQueriesContext(connection) as queries:
        found = list(Article.objects.published().about(huzhou))

    assert len(queries) == 1
    assert set(found) == {about_city, about_county}


def test_story_linked_to_a_city_and_its_county_is_listed_once(huzhou, nanxun):
    make_article(unions=[huzhou, nanxun])
    assert Article.objects.about(huzhou).count() == 1


def test_enterprise_union_added_under_a_county_belongs_to_the_city_subtree(huzhou, nanxun):
    company = make_union(nanxun, slug="nanxun-caidie", name="南浔某纺织企业工会")
    assert company in Union.objects.within(huzhou)
    assert Union.objects.get_parent(company) == nanxun
    assert list(Union.objects.get_ancestors(company))[-2:] == [huzhou, nanxun]


def test_subtrees_of_several_unions_match_each_subtree_and_no_unions_match_nothing(huzhou, nanxun, jiaxing):
    hangzhou = union("hangzhou")
    in_huzhou = make_article(headline="南浔区总工会开展送清凉", unions=[nanxun])
    in_jiaxing = make_article(headline="嘉兴市总工会召开半年度会议", unions=[jiaxing])
    make_article(headline="杭州市总工会召开全委会", unions=[hangzhou])

    assert set(Union.objects.filter(Union.objects.subtrees_q([huzhou, jiaxing]))) == {
        *Union.objects.within(huzhou),
        *Union.objects.within(jiaxing),
    }
    assert set(Article.objects.filter(Union.objects.subtrees_q([huzhou, jiaxing], via="unions__"))) == {
        in_huzhou,
        in_jiaxing,
    }
    assert not Union.objects.filter(Union.objects.subtrees_q([])).exists()
    assert not Article.objects.filter(Union.objects.subtrees_q([], via="unions__")).exists()
