"""The search page has one search box, a short union menu (the cities, then the counties of
the chosen one, as a tree) and a button in the site's colours."""

import re
from pathlib import Path

from django.contrib.staticfiles import finders
from django.urls import reverse

from tests.builders import make_article, union
from unions.models import Union

SEARCH = reverse("search")


def menu(response):
    """[(slug, label)] of the union menu's options, in order."""
    select = re.search(r'<select name="union".*?</select>', response.text, re.DOTALL).group()
    return re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select)


def test_the_search_page_has_one_search_landmark_and_one_search_box(client, db):
    for url in (SEARCH, SEARCH + "?q=工会"):
        page = client.get(url).text
        assert page.count('role="search"') == 1
        assert page.count('type="search"') == 1
        assert 'aria-label="搜索稿件"' in page
    assert client.get(reverse("home")).text.count('role="search"') == 1  # the header's, elsewhere


def test_the_union_menu_lists_the_province_and_its_cities_and_no_counties(client, db):
    options = menu(client.get(SEARCH, {"q": "工会"}))

    cities = list(Union.objects.cities().values_list("name", flat=True))
    assert [label for _, label in options] == ["全部工会", "浙江省总工会", *[f"\u3000{name}" for name in cities]]
    assert len(options) == 13


def test_choosing_a_city_adds_its_counties_below_it_and_no_others(client, huzhou, jiaxing):
    options = menu(client.get(SEARCH, {"q": "工会", "union": "huzhou"}))

    labels = [label for _, label in options]
    counties = list(Union.objects.filter(path__startswith=huzhou.path, level="county").values_list("name", flat=True))
    start = labels.index("\u3000湖州市总工会") + 1
    assert labels[start : start + len(counties)] == [f"\u3000\u3000{name}" for name in counties]
    assert "\u3000\u3000湖州市南浔区总工会" in labels
    assert not any("嘉善" in label or "嘉兴市南湖区" in label for label in labels)
    assert len(options) == 13 + len(counties)


def test_choosing_a_county_keeps_its_city_s_counties_offered(client, nanxun):
    make_article(headline="南浔工会送清凉", unions=[nanxun])

    response = client.get(SEARCH, {"q": "送清凉", "union": "nanxun"})

    assert "南浔工会<mark>送清凉</mark>" in response.text
    assert 'value="nanxun" selected' in response.text
    assert f"\u3000\u3000{union('changxing').name}" in [label for _, label in menu(response)]


def test_the_search_button_is_styled_in_the_site_s_colours(client, db):
    page = client.get(SEARCH).text
    css = Path(finders.find("css/site.css")).read_text(encoding="utf-8")

    assert re.search(r'<p class="search-box">.*<button type="submit">搜索</button>', page)
    rule = re.search(r"\.search-form button[^{]*\{([^}]*)\}", css).group(1)
    assert "background: var(--accent)" in rule and "color: #fff" in rule
