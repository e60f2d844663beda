"""From parsed page text to story dicts with segments, unions and findings:
the shape both the importer and `check_text` work with (still no database)."""

from articles.editorial.printpage import checks, names
from articles.editorial.printpage.parse import parse_page


def story_text(story, index):
    """checks.StoryText for a parsed story, with its roundup segments."""
    intro, segments = names.split_segments(story.paragraphs, index)
    return checks.StoryText(
        kicker=story.kicker,
        headline=story.headline,
        subheadline=story.subheadline,
        source=story.source,
        contributors=story.contributors,
        paragraphs=intro,
        segments=[
            checks.SegmentText(union.name, getattr(index.city_of(union), "short_name", None), paragraphs)
            for union, paragraphs in segments
        ],
        captions=story.captions,
        continued=story.continued_from is not None,
        joins=story.joins,
    )


def places(index):
    return [checks.Place(city.short_name, city.name) for city in index.cities()]


def import_notes(story):
    """What the importer repaired, as findings (repaired-break, normalised-punctuation)."""
    notes = [checks.finding("repaired-break", "已接合被转行或分栏断开的文字。", excerpt) for excerpt in story.repairs]
    if story.halfwidth:
        notes.append(
            checks.finding(
                "normalised-punctuation",
                f"已将{story.halfwidth}处半角标点改为全角。",
                story.halfwidth_example,
            )
        )
    return notes


def raw_findings(story):
    """What the raw text still has wrong: broken-break and halfwidth-punctuation."""
    found = [checks.finding("broken-break", "文字被转行或分栏断开，请接合。", excerpt) for excerpt in story.breaks]
    if story.halfwidth:
        found.append(
            checks.finding(
                "halfwidth-punctuation",
                f"中文里有{story.halfwidth}处半角标点（, ; ( ) 等），应为全角。",
                story.halfwidth_example,
            )
        )
    return found


def analyse(text, index, terms=(), raw=False, brands=()):
    """[(ParsedStory, StoryText, findings)] for a page; `raw` reports the text's
    own slips (check_text), otherwise what the import repaired."""
    result = []
    for story in parse_page(text):
        plain = story_text(story, index)
        extra = raw_findings(story) if raw else import_notes(story)
        result.append((story, plain, extra + checks.check_story(plain, places(index), terms, brands)))
    return result


def story_dict(story, plain, findings, index):
    """The JSON shape of one story (without id and pages, which need the database)."""
    everything = "\n".join([plain.kicker, plain.headline, plain.subheadline, *story.paragraphs])
    return {
        "kicker": story.kicker,
        "headline": story.headline,
        "subheadline": story.subheadline,
        "source": story.source,
        "contributors": [{"name": name, "role": role} for name, role in story.contributors],
        "unions": [union.name for union in index.named_in(everything)],
        "segments": [
            {"union": segment.union_name, "text": "\n".join(segment.paragraphs)} for segment in plain.segments
        ],
        "captions": list(story.captions),
        "body": "\n".join(story.paragraphs),
        "findings": findings,
    }
