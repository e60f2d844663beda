"""The union on a story's card is its main subject: the one of its subjects that holds the
others, such as the province of a story about every city; else the first entered."""

from django.urls import reverse

from tests.builders import make_article, union
from unions.models import Union


def card_label(client, headline):
    page = client.get(reverse("articles:list")).text
    start = page.index(headline)
    card = page[start : page.index("</article>", start)]
    return card.split('<p class="meta">')[1].split("</a>")[0].rsplit(">", 1)[1]


def test_a_story_about_every_city_and_the_province_is_labelled_with_the_province(client):
    cities = list(Union.objects.cities())
    make_article(headline="全省工会学习全会精神", unions=[*cities, union("zhejiang")])

    assert card_label(client, "全省工会学习全会精神") == "浙江"


def test_a_city_is_the_label_over_its_own_county_whichever_was_entered_first(client, huzhou, nanxun):
    make_article(headline="湖州南浔联合开展送清凉", unions=[nanxun, huzhou])

    assert card_label(client, "湖州南浔联合开展送清凉") == "湖州"


def test_a_union_only_mentioned_never_labels_a_story_that_has_a_subject(client, huzhou, jiaxing, nanxun):
    make_article(headline="嘉兴工会赴湖州学习", unions=[(union("zhejiang"), "mentioned"), jiaxing, (huzhou, "subject")])

    assert card_label(client, "嘉兴工会赴湖州学习") == "嘉兴"
