"""数字报 end to end: an editor uploads a real page PDF in the admin (no stand-in for the
engine), and a reader finds the page with its story areas and follows one to the story."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.epaper.models import PageFile, StoryArea
from articles.models import Article, PrintPage
from tests import builders
from tests import epaper_pdfs as pdfs
from unionnews.accounts.models import AuditEntry

pytestmark = pytest.mark.skipif(bool(pdfs.font_missing()), reason=pdfs.font_missing() or "font present")

UPLOAD_URL = reverse("admin:epaper_upload")


@pytest.fixture(autouse=True)
def at_noon(clock):
    return clock


def published(spec):
    body = "".join(f"<p>{p}</p>" for p in spec.paragraphs if not p.startswith("（"))
    return builders.make_article(headline=spec.headline, kicker=spec.kicker, body=body, status=Article.Status.PUBLISHED)


@pytest.mark.django_db
def test_an_uploaded_page_shows_readers_its_story_areas_linking_to_the_stories(client_for, staff, client):
    day = builders.NOON.date()
    hangzhou, ningbo, wenzhou = (published(s) for s in (pdfs.HANGZHOU, pdfs.NINGBO, pdfs.WENZHOU))
    editor = client_for(staff.section_editor)
    upload = SimpleUploadedFile("A01-要闻.pdf", pdfs.build_page(pdfs.front_page()).pdf, "application/pdf")

    response = editor.post(UPLOAD_URL, {"date": day.isoformat(), "files": [upload]})

    assert response.status_code == 200
    assert "找到3个稿件区域" in response.content.decode()
    page = PrintPage.objects.get(edition_date=day, number=1)
    assert page.name == "要闻" and PageFile.objects.filter(page=page).exists()
    assert set(StoryArea.objects.filter(page=page).values_list("article", flat=True)) == {
        hangzhou.pk,
        ningbo.pk,
        wenzhou.pk,
    }
    # One audit entry per upload, by the editor who made it.
    [entry] = AuditEntry.objects.filter(action=AuditEntry.Action.EPAPER_UPLOAD)
    assert entry.username == staff.section_editor.username

    # A reader (not logged in) opens the page: the image, an area per story, each a link to its story.
    reader_page = client.get(page.get_absolute_url())
    html = reader_page.content.decode()
    assert reader_page.status_code == 200
    assert page.file.screen.url in html
    for story in (hangzhou, ningbo, wenzhou):
        assert html.count(f'href="{story.get_absolute_url()}"') >= 2  # its area on the image and the list
    story_page = client.get(wenzhou.get_absolute_url())
    assert page.get_absolute_url() in story_page.content.decode()  # and back to the page it ran on
