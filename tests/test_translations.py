"""The project's own catalogs (locale/): the compiled .mo says what the .po does, and the
admin's menu headings, which Django's zh_Hans leaves in English, are read in Chinese."""

import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

CATALOGS = sorted((Path(settings.BASE_DIR) / "locale").glob("*/LC_MESSAGES/*.po"))


def entries(po):
    """{msgid: msgstr} of a catalog written one line an entry, as ours are."""
    pairs = re.findall(r'^msgid "(.+)"\nmsgstr "(.*)"$', po.read_text(encoding="utf-8"), flags=re.M)
    return dict(pairs)


@pytest.mark.parametrize("po", CATALOGS, ids=[po.name for po in CATALOGS])
def test_each_compiled_catalog_matches_its_source(po):
    with po.with_suffix(".mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    written = entries(po)
    assert written
    assert {msgid: compiled.gettext(msgid) for msgid in written} == written, f"run msgfmt on {po.name}"


def test_the_admin_menu_s_headings_are_chinese_for_screen_readers(admin_client):
    page = admin_client.get(reverse("admin:index")).content.decode()
    assert '<th scope="col">名称</th>' in page
    assert "Model name" not in page and "Add link" not in page
