"""The e-paper engine (issue 13): page PDFs in, page images, story areas linked to stories, new drafts out.

The PDFs are real ones drawn with reportlab and a Debian CJK font (tests/epaper_pdfs.py);
each story's area must overlap the box it was drawn in by at least 80% (intersection over union).
"""

import io
import json
from io import StringIO

import pypdfium2 as pdfium
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from PIL import Image

from articles import workflow
from articles.editorial.models import PrintImport
from articles.epaper import layout
from articles.epaper.importer import EpaperError, PageExists, import_pdf, page_label
from articles.epaper.models import SCREEN_WIDTH, THUMB_WIDTH, ZOOM_WIDTH, EditionFile, PageFile, StoryArea
from articles.models import Article, Placement, PrintPage
from tests import builders
from tests import epaper_pdfs as pdfs
from unionnews.accounts.models import AuditEntry
from unionnews.pagecache import generation

pytestmark = pytest.mark.skipif(bool(pdfs.font_missing()), reason=pdfs.font_missing() or "font present")

DAY = builders.NOON.date()


@pytest.fixture(autouse=True)
def at_noon(clock):
    """Stories written for the edition were written that day."""
    return clock


@pytest.fixture
def front(tmp_path):
    built = pdfs.build_page(pdfs.front_page())
    path = tmp_path / "A01-要闻.pdf"
    path.write_bytes(built.pdf)
    return path, built


@pytest.fixture
def second(tmp_path):
    built = pdfs.build_page(pdfs.second_page())
    path = tmp_path / "第2版综合.pdf"
    path.write_bytes(built.pdf)
    return path, built


def cms_story(spec, **fields):
    """The story as the desk wrote it in the CMS: its headline typed with ASCII quotes, its body the print text."""
    fields.setdefault("status", Article.Status.PUBLISHED)
    body = "".join(f"<p>{p}</p>" for p in spec.paragraphs if not p.startswith("（"))
    return builders.make_article(
        headline=spec.headline.replace("“", '"').replace("”", '"'), kicker=spec.kicker, body=body, **fields
    )


def media_files(settings):
    root = settings.MEDIA_ROOT
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()) if root.exists() else []


def assert_found_where_drawn(page_result, built):
    for area in page_result.areas:
        truth = built.truth[area.headline]
        assert pdfs.iou(area.boxes, truth) >= 0.8, (area.headline, area.boxes, truth)


# The page, its images and its areas.


@pytest.mark.django_db
def test_a_three_story_page_in_columns_gets_images_and_each_story_its_area(front, settings):
    path, built = front
    hangzhou, ningbo, wenzhou = (cms_story(s) for s in (pdfs.HANGZHOU, pdfs.NINGBO, pdfs.WENZHOU))
    steps = []

    result = import_pdf(str(path), date=DAY, progress=steps.append)

    page = PrintPage.objects.get(edition_date=DAY, number=1)
    assert page.name == "要闻"  # from A01-要闻.pdf
    (found,) = result.pages
    assert (found.page, found.name, found.width, found.height) == (1, "要闻", 595.0, 842.0)
    assert [area.story_id for area in found.areas] == [hangzhou.pk, ningbo.pk, wenzhou.pk]
    assert found.new_drafts == []
    assert_found_where_drawn(found, built)
    # The story over two columns is two rectangles or more, not one box over its neighbour.
    hangzhou_area = next(area for area in found.areas if area.story_id == hangzhou.pk)
    assert len(hangzhou_area.boxes) >= 2
    assert StoryArea.objects.filter(page=page).count() == 3
    assert set(Placement.objects.filter(page=page).values_list("article_id", flat=True)) == {
        hangzhou.pk,
        ningbo.pk,
        wenzhou.pk,
    }
    page_file = PageFile.objects.get(page=page)
    assert page_file.has_text
    for field, width in (("thumb", THUMB_WIDTH), ("screen", SCREEN_WIDTH), ("zoom", ZOOM_WIDTH)):
        with getattr(page_file, field).open("rb") as handle:
            image = Image.open(handle)
            assert (image.format, image.width) == ("JPEG", width)
            assert abs(image.height - round(width * 842 / 595)) <= 1
    assert all("第1版" in step or step == "重新生成整期PDF" for step in steps)
    assert any("匹配稿件" in step for step in steps)
    assert EditionFile.objects.get(edition_date=DAY).page_count == 1
    entry = AuditEntry.objects.get(data__kind="epaper")
    assert entry.username == "（命令行）" and entry.data["areas"] == 3 and entry.object_id == str(page.pk)


@pytest.mark.django_db
def test_a_story_jumping_to_the_next_page_is_one_story_on_both(front, second):
    wenzhou = cms_story(pdfs.WENZHOU)
    huzhou = cms_story(pdfs.HUZHOU)
    cms_story(pdfs.HANGZHOU), cms_story(pdfs.NINGBO)

    import_pdf(str(front[0]), date=DAY)
    result = import_pdf(str(second[0]), date=DAY)

    (page_two,) = result.pages
    assert (page_two.page, page_two.name) == (2, "综合")
    assert [area.story_id for area in page_two.areas] == [wenzhou.pk, huzhou.pk]
    assert_found_where_drawn(page_two, second[1])
    assert sorted(StoryArea.objects.filter(article=wenzhou).values_list("page__number", flat=True)) == [1, 2]
    assert list(wenzhou.placements.order_by("part").values_list("page__number", "part")) == [(1, 1), (2, 2)]
    edition = EditionFile.objects.get(edition_date=DAY)
    assert edition.page_count == 2
    with edition.pdf.open("rb") as handle:
        assert len(pdfium.PdfDocument(handle.read())) == 2


def test_jump_lines_in_their_printed_forms_are_read():
    for text, on, back in [
        ("（下转第2版）", 2, None),
        ("(下转第 3 版)", 3, None),
        ("下转第12版", 12, None),
        ("（上接第1版）", None, 1),
    ]:
        story = layout.Story(heading=[])
        story.paragraphs = [text]
        whole = "".join(story.paragraphs)
        assert (
            int(layout.JUMP_ON.search(whole).group(1)) if layout.JUMP_ON.search(whole) else None,
            int(layout.JUMP_FROM.search(whole).group(1)) if layout.JUMP_FROM.search(whole) else None,
        ) == (on, back)


def test_page_number_and_name_come_from_the_file_name():
    assert page_label("02.pdf") == (2, "")
    assert page_label("A02-要闻.pdf") == (2, "要闻")
    assert page_label("第2版.pdf") == (2, "")
    assert page_label("/x/第二版 地方新闻.pdf") == (2, "地方新闻")
    assert page_label("０３ 职工文化.PDF") == (3, "职工文化")
    assert page_label("要闻.pdf") == (None, "要闻")


def test_matching_tolerates_print_artefacts_and_picks_each_story_once():
    story = layout.Story(heading=[], headline="温州“工匠学院”让一线职工 有了上升通道")
    story.paragraphs = ["本报讯 记者黄思远报道 在温州市鹿城区一家鞋业企业的车间里，"]
    other = layout.Story(heading=[], headline="湖州为千名快递小哥送上冬季关爱礼包")
    candidates = [
        layout.Candidate(1, 'Wenzhou "工匠学院"'),
        layout.Candidate(2, '温州"工匠学院"让一线职工有了上升通道'),
        layout.Candidate(3, "嘉兴举办职工运动会", opening="在温州市鹿城区一家鞋业企业的车间里"),
    ]
    assert layout.match([story, other], candidates) == {0: 2}


# Stories the CMS does not have, and stories others are working on.


@pytest.mark.django_db
def test_a_story_the_cms_lacks_becomes_a_draft_from_the_pdf_text_with_the_checks_run(front, second):
    editor = builders.make_editor()
    hangzhou, ningbo = cms_story(pdfs.HANGZHOU), cms_story(pdfs.NINGBO)

    result = import_pdf(str(front[0]), date=DAY, user=editor)

    (page,) = result.pages
    (draft_id,) = page.new_drafts
    draft = Article.objects.get(pk=draft_id)
    assert draft.status == Article.Status.DRAFT
    assert (draft.kicker, draft.headline) == (pdfs.WENZHOU.kicker, pdfs.WENZHOU.headline)
    assert "工匠学院" in draft.body and "下转" not in draft.body
    assert "郑丽娟的变化" in draft.body and "<p>郑丽娟的变化" in draft.body  # paragraphs kept apart
    assert draft.created_by == editor
    assert [credit.contributor.name for credit in draft.credits.all()] == ["黄思远"]
    assert "“学分银行”，职工" in draft.body  # the text import's clean-up: a half-width comma made full-width
    assert draft.placements.get().page.number == 1
    assert [area.story_id for area in page.areas] == [hangzhou.pk, ningbo.pk, draft.pk]
    # The page's second part joins the draft; the other page-2 story is a draft of its own.
    result = import_pdf(str(second[0]), date=DAY, user=editor)
    (page_two,) = result.pages
    assert page_two.areas[0].story_id == draft.pk
    assert len(page_two.new_drafts) == 1 and page_two.new_drafts[0] != draft.pk
    draft.refresh_from_db()
    assert "订单班" in draft.body and "上接" not in draft.body
    assert sorted(PrintImport.objects.filter(article=draft).values_list("page__number", flat=True)) == [1, 2]


@pytest.mark.django_db
def test_a_story_another_editor_is_reviewing_is_linked_but_its_text_is_not_overwritten(front, second):
    uploader = builders.make_editor("paiban")
    reviewer = builders.make_editor("shenhe")
    result = import_pdf(str(front[0]), date=DAY, user=uploader)
    wenzhou = Article.objects.get(headline=pdfs.WENZHOU.headline)
    # Another editor has sent the draft into review since.
    workflow.submit(wenzhou, reviewer)
    body = Article.objects.get(pk=wenzhou.pk).body

    result = import_pdf(str(second[0]), date=DAY, user=uploader)

    (page_two,) = result.pages
    assert page_two.areas[0].story_id == wenzhou.pk
    assert page_two.not_overwritten == [wenzhou.pk]
    assert any("未覆盖" in note for note in page_two.notes)
    wenzhou.refresh_from_db()
    assert (wenzhou.body, wenzhou.status) == (body, Article.Status.FIRST_REVIEW)
    assert "订单班" not in wenzhou.body
    assert wenzhou.placements.filter(page__number=2).exists()


# Pages that have no text, files that are no page.


@pytest.mark.django_db
def test_a_scanned_page_is_kept_without_areas_and_says_so(tmp_path):
    path = tmp_path / "03.pdf"
    path.write_bytes(pdfs.scanned_page())

    result = import_pdf(str(path), date=DAY)

    (page,) = result.pages
    assert page.areas == [] and page.new_drafts == [] and not page.has_text
    assert any("扫描" in note and "手工" in note for note in page.notes)
    page_file = PageFile.objects.get(page__number=3)
    assert not page_file.has_text and page_file.screen


def bad_files(tmp_path):
    good = pdfs.build_page(pdfs.front_page()).pdf
    return {
        "corrupt": (b"%PDF-1.7\n" + bytes(range(256)) * 40, "已损坏"),
        "not a pdf": (b"\x89PNG\r\n\x1a\n" + b"0" * 100, "不是PDF"),
        "encrypted": (pdfs.build_page(pdfs.front_page(), encrypt="mima123").pdf, "密码"),
        "300 pages": (pdfs.many_pages(300), "300 页"),
        "too large": (good + b"%" + b"0" * (2 * 1024 * 1024), "上限"),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["corrupt", "not a pdf", "encrypted", "300 pages", "too large"])
def test_a_file_that_is_no_page_gets_a_clear_message_and_leaves_nothing(kind, tmp_path, settings):
    settings.EPAPER_MAX_BYTES = 1024 * 1024
    data, words = bad_files(tmp_path)[kind]
    upload = SimpleUploadedFile("05.pdf", data, content_type="application/pdf")

    with pytest.raises(EpaperError) as raised:
        import_pdf(upload, date=DAY)

    assert words in str(raised.value)
    assert "请" in str(raised.value)  # says what to do
    assert not PrintPage.objects.exists() and not PageFile.objects.exists()
    assert media_files(settings) == []


@pytest.mark.django_db
def test_a_failure_after_the_files_are_written_leaves_no_file_and_no_row(front, settings, monkeypatch):
    from articles.epaper import importer

    def broken(*args, **kwargs):
        raise OSError("磁盘已满")

    monkeypatch.setattr(importer.pdf, "merge", broken)
    with pytest.raises(OSError, match="磁盘已满"):
        import_pdf(str(front[0]), date=DAY)

    assert not PrintPage.objects.exists() and not StoryArea.objects.exists() and not Article.objects.exists()
    assert media_files(settings) == []


# Uploading a page again.


@pytest.mark.django_db
def test_uploading_a_page_again_replaces_images_and_areas_and_keeps_the_links(
    front, settings, django_capture_on_commit_callbacks
):
    editor = builders.make_editor()
    hangzhou = cms_story(pdfs.HANGZHOU)
    first = import_pdf(str(front[0]), date=DAY, user=editor)
    made = {area.headline: area.story_id for area in first.pages[0].areas}
    old_files = media_files(settings)
    # An editor linked the Ningbo area by hand to another story (the reader's version).
    chosen = builders.make_article(headline="宁波技能大赛收官 六十人获一等奖")
    StoryArea.objects.filter(headline=pdfs.NINGBO.headline).update(article=chosen, corrected=True)

    with pytest.raises(PageExists) as raised:
        import_pdf(str(front[0]), date=DAY, user=editor)
    assert "替换" in str(raised.value)

    with django_capture_on_commit_callbacks(execute=True):  # the old files go once the new page is in
        again = import_pdf(str(front[0]), date=DAY, user=editor, replace=True)

    (page,) = again.pages
    assert page.new_drafts == []  # the stories made the first time are found, not made twice
    links = {area.headline: area.story_id for area in page.areas}
    assert links[pdfs.HANGZHOU.headline] == hangzhou.pk
    assert links[pdfs.NINGBO.headline] == chosen.pk
    assert links[pdfs.WENZHOU.headline] == made[pdfs.WENZHOU.headline]
    assert StoryArea.objects.count() == 3
    assert Placement.objects.filter(page__number=1).count() >= 3
    now = media_files(settings)
    # The old page PDF, its three images and the edition PDF are gone, the new ones there.
    assert len(now) == len(old_files) == 5 and set(now).isdisjoint(old_files)


@pytest.mark.django_db
def test_a_new_page_makes_readers_pages_fresh(front):
    before = generation.store().read()

    import_pdf(str(front[0]), date=DAY)

    assert generation.store().read() != before


# The command.


@pytest.mark.django_db
def test_the_command_imports_a_folder_and_prints_one_json_object(front, second, tmp_path):
    cms_story(pdfs.HANGZHOU), cms_story(pdfs.NINGBO), cms_story(pdfs.WENZHOU)
    out, err = StringIO(), StringIO()

    call_command("import_epaper", str(tmp_path), "--date", DAY.isoformat(), "--json", stdout=out, stderr=err)

    result = json.loads(out.getvalue())
    assert set(result) == {"date", "pages"} and result["date"] == DAY.isoformat()
    assert [(page["page"], page["name"]) for page in result["pages"]] == [(1, "要闻"), (2, "综合")]
    for page in result["pages"]:
        assert set(page) == {"page", "name", "width", "height", "areas", "new_drafts"}
        assert (page["width"], page["height"]) == (595.0, 842.0)
        for area in page["areas"]:
            assert set(area) == {"story_id", "headline", "boxes"}
            assert all(len(box) == 4 and box[0] < box[2] and box[1] < box[3] for box in area["boxes"])
    wenzhou = Article.objects.get(headline__startswith="温州")
    assert result["pages"][1]["areas"][0]["story_id"] == wenzhou.pk
    assert len(result["pages"][1]["new_drafts"]) == 1  # 湖州 is not in the CMS
    assert "第1版：生成版面图片" in err.getvalue() and "整期PDF" in err.getvalue()
    assert EditionFile.objects.get(edition_date=DAY).page_count == 2


@pytest.mark.django_db
def test_the_command_stops_on_a_bad_page_and_leaves_none_of_the_folder(front, tmp_path, settings):
    (tmp_path / "02-综合.pdf").write_bytes(b"%PDF-1.4\nnot really")

    with pytest.raises(CommandError) as raised:
        call_command("import_epaper", str(tmp_path), "--date", DAY.isoformat(), stderr=StringIO())

    assert "02-综合.pdf" in str(raised.value) and "损坏" in str(raised.value)
    assert not PrintPage.objects.exists() and not Article.objects.exists()
    assert media_files(settings) == []


@pytest.mark.django_db
def test_the_command_takes_a_single_file_with_its_page_and_name(tmp_path):
    path = tmp_path / "page.pdf"
    path.write_bytes(pdfs.build_page(pdfs.second_page()).pdf)
    out = StringIO()

    call_command(
        "import_epaper",
        str(path),
        "--date",
        DAY.isoformat(),
        "--page",
        "6",
        "--name",
        "综合新闻",
        stdout=out,
        stderr=StringIO(),
    )

    page = PrintPage.objects.get(edition_date=DAY)
    assert (page.number, page.name) == (6, "综合新闻")
    assert "湖州为千名快递小哥送上冬季关爱礼包" in out.getvalue()
    with pytest.raises(CommandError, match="看不出是第几版"):
        call_command("import_epaper", str(path), "--date", DAY.isoformat(), stderr=StringIO())


def test_pdf_bytes_are_pdfs():
    """The maker's pages open in PDFium as one page of the described size (a check on the test tool)."""
    document = pdfium.PdfDocument(io.BytesIO(pdfs.build_page(pdfs.front_page()).pdf))
    assert len(document) == 1 and document[0].get_size() == (595.0, 842.0)


def test_every_story_of_a_full_broadsheet_page_is_found_where_it_was_drawn():
    """Eleven stories on an A3 page of five columns, some over two columns."""
    from articles.epaper import pdf

    built = pdfs.build_page(pdfs.dense_page())
    page = pdf.read_page(built.pdf, render=False)

    stories = layout.find_stories(page.lines, page.images, page.width, page.height)

    assert sorted(story.headline for story in stories) == sorted(built.truth)
    for story in stories:
        assert pdfs.iou(story.boxes, built.truth[story.headline]) >= 0.8, story.headline


def test_the_benchmark_prints_a_markdown_row_per_page(tmp_path):
    path = tmp_path / "01.pdf"
    path.write_bytes(pdfs.build_page(pdfs.second_page()).pdf)
    out = StringIO()

    call_command("benchmark_epaper", str(path), "--runs", "1", stdout=out, stderr=StringIO())

    row = next(line for line in out.getvalue().splitlines() if line.startswith("| 01.pdf"))
    assert row.split("|")[4].strip() == "2"  # stories found
    assert "target < 3 s" in out.getvalue()
    with pytest.raises(CommandError, match="找不到"):
        call_command("benchmark_epaper", str(tmp_path / "none.pdf"), stdout=StringIO(), stderr=StringIO())


def read(spec):
    from articles.epaper import pdf

    built = pdfs.build_page(spec)
    page = pdf.read_page(built.pdf, render=False)
    return built, layout.find_stories(page.lines, page.images, page.width, page.height)


def test_spaced_out_headlines_side_by_side_stay_two_stories():
    """Headline type set with letter spacing is one headline; two stories' headlines a gutter apart are two."""
    from dataclasses import replace

    spaced = replace(pdfs.HUZHOU, headline="湖州送温暖", spacing=14)
    built, stories = read(pdfs.PageSpec(stories=[pdfs.WENZHOU_PART2, spaced]))

    assert [story.headline for story in stories] == [pdfs.WENZHOU_PART2.headline, "湖州送温暖"]
    for story in stories:
        assert pdfs.iou(story.boxes, built.truth[story.headline]) >= 0.8


def test_the_running_head_and_the_editors_line_belong_to_no_story():
    spec = pdfs.second_page()
    spec.furniture.append((392, 800, "责任编辑：林一舟  版式设计：吴丹"))

    built, stories = read(spec)

    text = "".join(p for story in stories for p in story.paragraphs)
    assert "责任编辑" not in text and "浙江工人日报" not in text
    for story in stories:
        assert pdfs.iou(story.boxes, built.truth[story.headline]) >= 0.8


def test_a_text_layer_of_unmapped_glyphs_is_not_taken_for_text():
    from articles.epaper.pdf import Line

    assert layout.readable([Line("本报讯 记者沈佳怡报道 11月28日，宁波市第十届职工职业技能大赛", 9.5, [0, 0, 1, 1])])
    assert not layout.readable([Line("\ue001\ue002\ue003\ufffd\ufffd\ue010\ue011", 9.5, [0, 0, 1, 1])])


# The demo edition.


def test_the_committed_demo_pdfs_are_what_the_script_makes():
    from unionnews.demo.management.commands.load_demo import EPAPER_FOLDER

    made = dict(pdfs.demo_pages())

    assert sorted(path.name for path in EPAPER_FOLDER.glob("*.pdf")) == sorted(made)
    for name, built in made.items():
        assert (EPAPER_FOLDER / name).read_bytes() == built.pdf, f"run python -m tests.epaper_pdfs ({name})"


@pytest.mark.django_db
def test_the_demo_edition_has_its_pages_with_every_story_area_linked():
    call_command("load_demo", photo_width=64, stdout=StringIO())

    files = PageFile.objects.select_related("page").order_by("page__number")
    assert [(f.page.number, f.page.name, f.has_text) for f in files] == [(1, "要闻", True), (2, "地方新闻", True)]
    for page_file in files:
        placed = set(page_file.page.placements.values_list("article_id", flat=True))
        linked = list(page_file.page.areas.values_list("article_id", flat=True))
        assert set(linked) == placed and len(linked) == len(placed)
    assert not Article.objects.filter(created_by=None, status=Article.Status.DRAFT, print_imports__isnull=False)
    assert EditionFile.objects.get().page_count == 2


def test_a_kicker_set_left_over_a_short_centred_headline_is_the_same_storys():
    from dataclasses import replace

    short = replace(pdfs.HANGZHOU, headline="杭州驿站暖心开放")
    built, stories = read(pdfs.PageSpec(stories=[short, pdfs.NINGBO]))

    first = stories[0]
    assert (first.kicker, first.headline, first.subheadline) == (
        short.kicker,
        "杭州驿站暖心开放",
        short.subheadline,
    )
    assert len(stories) == 2
    assert pdfs.iou(stories[0].boxes, built.truth["杭州驿站暖心开放"]) >= 0.8


@pytest.mark.django_db
def test_two_editors_uploading_the_same_page_at_once_the_second_is_told_and_leaves_nothing(
    front, settings, monkeypatch
):
    """The second upload's rows clash with the first's at commit (the page is unique per edition)."""
    from django.db import IntegrityError

    from articles.epaper import importer

    first_editor, second_editor = builders.make_editor("paiban1"), builders.make_editor("paiban2")
    import_pdf(str(front[0]), date=DAY, user=first_editor)
    files = media_files(settings)
    store = importer._store

    def clash(*args, **kwargs):
        store(*args, **kwargs)
        raise IntegrityError("duplicate key value violates unique constraint")

    monkeypatch.setattr(importer, "_store", clash)
    with pytest.raises(EpaperError, match="另一位编辑同时上传"):
        import_pdf(str(front[0]), date=DAY, user=second_editor, replace=True)

    assert media_files(settings) == files
    assert PageFile.objects.get().uploaded_by == first_editor


@pytest.mark.django_db
def test_areas_drawn_by_hand_on_a_scanned_page_survive_a_new_scan(tmp_path):
    path = tmp_path / "03.pdf"
    path.write_bytes(pdfs.scanned_page())
    import_pdf(str(path), date=DAY)
    story = builders.make_article(headline="扫描版上的稿件")
    page = PrintPage.objects.get(number=3)
    StoryArea.objects.create(
        page=page, article=story, headline=story.headline, boxes=[[30, 40, 300, 400]], corrected=True
    )

    result = import_pdf(str(path), date=DAY, replace=True)

    assert list(page.areas.values_list("article_id", "boxes")) == [(story.pk, [[30, 40, 300, 400]])]
    assert any("保留" in note for note in result.pages[0].notes)


@pytest.mark.django_db
def test_a_jumped_part_under_a_shortened_headline_is_found_by_its_text(tmp_path):
    from dataclasses import replace

    whole = replace(pdfs.WENZHOU, paragraphs=pdfs.WENZHOU.paragraphs[:-1] + pdfs.WENZHOU_PART2.paragraphs[1:])
    wenzhou = cms_story(whole)
    cms_story(pdfs.HUZHOU)
    part = replace(pdfs.WENZHOU_PART2, headline="工匠学院里的新故事")
    path = tmp_path / "02.pdf"
    path.write_bytes(pdfs.build_page(pdfs.PageSpec(stories=[part, pdfs.HUZHOU])).pdf)

    result = import_pdf(str(path), date=DAY)

    (page,) = result.pages
    assert page.areas[0].story_id == wenzhou.pk and page.new_drafts == []


@pytest.mark.django_db
def test_a_short_item_set_in_body_type_becomes_a_draft_of_its_own_and_is_reported(tmp_path):
    from dataclasses import replace

    with_item = replace(
        pdfs.HUZHOU,
        paragraphs=[
            *pdfs.HUZHOU.paragraphs,
            "温岭开展职工安全培训",
            "本报讯 通讯员林海波报道 近日，温岭市总工会在泵业企业集中的工业园区举办安全生产培训，三百余名职工参加。",
        ],
    )
    path = tmp_path / "04.pdf"
    path.write_bytes(pdfs.build_page(pdfs.PageSpec(stories=[with_item])).pdf)

    result = import_pdf(str(path), date=DAY, user=builders.make_editor())

    (page,) = result.pages
    headlines = set(Article.objects.filter(pk__in=page.new_drafts).values_list("headline", flat=True))
    assert headlines == {pdfs.HUZHOU.headline, "温岭开展职工安全培训"}
    assert [area.headline for area in page.areas] == [pdfs.HUZHOU.headline]
    assert any("温岭开展职工安全培训" in note and "划出区域" in note for note in page.notes)
