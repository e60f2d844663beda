"""The import_print_page and check_text commands, and the demo stories staying silent."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article
from unionnews.demo import cities, league, province, roundup


def run(*args):
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.fixture
def sample_file(sample_page, tmp_path):
    path = tmp_path / "page2.txt"
    path.write_text(sample_page, encoding="utf-8")
    return path


@pytest.mark.django_db
def test_json_output_is_exactly_one_object_in_the_documented_shape(sample_file):
    result = json.loads(run("import_print_page", sample_file, "--date", "2024-08-02", "--page", "2", "--json"))

    assert (result["date"], result["page"], result["unknown_organisations"]) == ("2024-08-02", 2, [])
    story = result["stories"][0]
    assert set(story) == {
        "id",
        "kicker",
        "headline",
        "subheadline",
        "source",
        "contributors",
        "pages",
        "unions",
        "segments",
        "captions",
        "body",
        "findings",
        "outcome",
        "outcome_label",
        "changed_fields",
    }
    assert story["outcome"] == "created" and result["dry_run"] is False
    assert story["id"] == Article.objects.get(headline=story["headline"]).pk
    assert set(story["findings"][0]) == {"code", "message", "excerpt", "segment"}


@pytest.mark.django_db
def test_dry_run_from_the_command_line_writes_nothing(sample_file):
    out = run("import_print_page", sample_file, "--date", "2024-08-02", "--page", "2", "--dry-run")
    assert "试运行" in out and not Article.objects.exists()


@pytest.mark.django_db
def test_a_bad_date_is_a_command_error(sample_file):
    with pytest.raises(CommandError):
        call_command("import_print_page", sample_file, "--date", "2024-8-2x", "--page", "2")


@pytest.mark.django_db
def test_check_text_reports_the_raw_slips_of_the_sample(sample_file):
    codes = [f["code"] for f in json.loads(run("check_text", sample_file, "--json"))]
    assert codes.count("broken-break") == 8
    assert codes.count("halfwidth-punctuation") == 3
    assert codes.count("duplicate-text") == 2 and codes.count("segment-union-mismatch") == 2
    assert not Article.objects.exists()


def demo_page(spec):
    """A demo story laid out as print text: headings, lead with byline, paragraphs."""
    byline = " ".join(f"{role}{name}" for role, name in spec.credits)
    lead = f"本报讯 {byline}报道 " if byline else "本报讯 "
    paragraphs = list(spec.paragraphs)
    for segment in getattr(spec, "segments", None) or []:
        paragraphs += segment.paragraphs
    headings = [spec.kicker, spec.headline, f"——{spec.subheadline}" if spec.subheadline else ""]
    return "\n\n".join([*filter(None, headings), lead + paragraphs[0], *paragraphs[1:]]) + "\n"


DEMO = [*cities.STORIES, *province.STORIES, roundup.STORY, *league.STORIES]


@pytest.mark.django_db
@pytest.mark.parametrize("spec", DEMO, ids=[spec.key for spec in DEMO])
def test_check_text_finds_nothing_in_the_demo_stories(spec, tmp_path):
    path = tmp_path / f"{spec.key}.txt"
    path.write_text(demo_page(spec), encoding="utf-8")
    assert json.loads(run("check_text", path, "--json")) == []


@pytest.mark.django_db
def test_check_text_finds_the_sample_word_that_lost_a_character_and_names_the_full_collocation(sample_file):
    [slip] = [f for f in json.loads(run("check_text", sample_file, "--json")) if f["code"] == "truncated-collocation"]
    assert "扩大会精神" in slip["excerpt"]
    # The sentence (扩大…的影响力) means 扩大全会精神; the check cannot tell, so it names both.
    assert "固定搭配应为“扩大会议精神”或“扩大全会精神”" in slip["message"]


@pytest.mark.django_db
def test_the_commands_name_findings_in_chinese_and_keep_the_codes_for_json(sample_file):
    checked = run("check_text", sample_file)
    imported = run("import_print_page", sample_file, "--date", "2024-08-02", "--page", "2", "--dry-run")

    for out in (checked, imported):
        assert (
            "重复文字（丽水市总工会）：" in out
            and "分段与工会不符（" in out
            and "固定搭配疑缺字（嘉兴市总工会）：“扩大会精神”" in out
        )
        for code in ("duplicate-text", "segment-union-mismatch", "broken-break", "truncated-collocation"):
            assert code not in out
    assert "断行未接合：" in checked and "已接合断行：" in imported
    assert "truncated-collocation" in run("check_text", sample_file, "--json")
