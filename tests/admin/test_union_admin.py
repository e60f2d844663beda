"""The union tree in the admin: browsing, searching, adding and the autocompletes that rely on it."""

from django.urls import reverse

from tests.admin.postdata import inline
from tests.builders import make_union
from unions.models import Union

LIST_URL = reverse("admin:unions_union_changelist")
ADD_URL = reverse("admin:unions_union_add")


def union_form(**fields):
    return {
        "name": "南浔某纺织企业工会",
        "short_name": "南浔纺织",
        "level": Union.Level.ENTERPRISE,
        "slug": "nanxun-textile",
        "description": "",
        "website": "",
        "treebeard_ref_node": "",
        "treebeard_position": "first-child",
        **inline("brands"),  # the union's brands (none)
        **fields,
    }


def test_tree_page_shows_the_top_of_the_tree_with_chinese_labels(editor_client, db):
    response = editor_client.get(LIST_URL)

    assert response.status_code == 200
    assert [union.slug for union in response.context["cl"].result_list] == ["acftu"]
    assert "/static/treebeard/treebeard-admin.js" in response.text
    assert "/static/admin-extra/treebeard-zh.js" in response.text


def test_opening_a_city_lists_its_counties(editor_client, huzhou):
    response = editor_client.get(f"{LIST_URL}children/{huzhou.pk}/")

    assert response.status_code == 200
    assert "南浔" in response.json()["result_html"]


def test_search_and_level_filter_list_matches_across_the_tree(editor_client, db):
    by_name = editor_client.get(LIST_URL, {"q": "南浔"})
    by_level = editor_client.get(LIST_URL, {"level__exact": "city"})

    assert [u.slug for u in by_name.context["cl"].result_list] == ["nanxun"]
    assert len(by_level.context["cl"].result_list) == 11


def test_editor_adds_an_enterprise_union_under_a_county(editor_client, nanxun):
    response = editor_client.post(ADD_URL, union_form(treebeard_ref_node=nanxun.pk))

    assert response.status_code == 302
    textile = Union.objects.get(slug="nanxun-textile")
    assert Union.objects.get_parent(textile) == nanxun
    assert Union.objects.find_problems() == ([], [], [], [], [])


def test_a_taken_slug_is_refused_and_the_tree_is_left_alone(editor_client, nanxun):
    before = list(Union.objects.values_list("path", "numchild"))

    response = editor_client.post(ADD_URL, union_form(slug="huzhou", treebeard_ref_node=nanxun.pk))

    assert response.status_code == 200
    assert "已有工会组织使用这个网址标识，请换一个。" in response.text
    assert 'value="南浔某纺织企业工会"' in response.text
    assert list(Union.objects.values_list("path", "numchild")) == before


def test_change_form_places_the_union_in_the_tree(editor_client, nanxun):
    response = editor_client.get(reverse("admin:unions_union_change", args=[nanxun.pk]))

    assert response.status_code == 200
    assert "参照组织" in response.text and "排在参照组织之后" in response.text


def test_moving_a_union_under_another_city_keeps_the_tree_sound(editor_client, nanxun, jiaxing):
    company = make_union(nanxun, slug="moving-co", name="迁址企业工会")
    data = union_form(
        name=company.name, short_name=company.short_name, slug=company.slug, treebeard_ref_node=jiaxing.pk
    )

    response = editor_client.post(reverse("admin:unions_union_change", args=[company.pk]), data)

    assert response.status_code == 302
    company.refresh_from_db()
    assert Union.objects.get_parent(company) == jiaxing
    assert Union.objects.find_problems() == ([], [], [], [], [])


def test_a_new_union_without_a_place_in_the_tree_is_refused(editor_client, db):
    response = editor_client.post(ADD_URL, union_form())

    assert response.status_code == 200
    assert "请选择参照组织，把新组织放到组织树中的位置上。" in response.text
    assert 'value="nanxun-textile"' in response.text
    assert Union.objects.get_root_nodes().count() == 1


def test_the_administrator_sees_and_picks_every_union_while_a_correspondent_sees_only_their_subtree(
    staff, client_for, huzhou
):
    list_url = reverse("admin:unions_union_changelist")
    huzhou_subtree = set(Union.objects.filter(huzhou.subtree_q()).values_list("name", flat=True))

    def listed(user):
        response = client_for(user).get(list_url, {"q": "总工会"})
        assert response.status_code == 200
        return {union.name for union in response.context["cl"].queryset}

    def suggested(user, term):
        """What the 采写范围 field of a byline (作者) offers for `term`."""
        query = {"app_label": "articles", "model_name": "contributor", "field_name": "unions", "term": term}
        response = client_for(user).get(reverse("admin:autocomplete"), query)
        assert response.status_code == 200
        return [result["text"] for result in response.json()["results"]]

    tree = client_for(staff.administrator).get(list_url)

    assert [union.slug for union in tree.context["cl"].result_list] == ["acftu"]
    assert {"浙江省总工会", "湖州市总工会", "嘉兴市总工会", "湖州市南浔区总工会"} <= listed(staff.administrator)
    assert "浙江省总工会" in suggested(staff.administrator, "浙江")
    assert "嘉兴市总工会" in suggested(staff.administrator, "嘉兴")
    assert "湖州市总工会" in suggested(staff.administrator, "湖州")
    assert listed(staff.correspondent) == huzhou_subtree
    assert suggested(staff.correspondent, "嘉兴") == [] and suggested(staff.correspondent, "浙江") == []
    assert "湖州市总工会" in suggested(staff.correspondent, "湖州")
