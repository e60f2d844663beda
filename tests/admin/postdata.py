"""POST data for admin forms with inlines, built explicitly so each test shows what an editor typed."""

ARTICLE_INLINES = ["article_unions", "credits", "segments", "photos", "captions", "placements"]
EVENT_INLINES = ["event_unions", "standings", "awards"]


def inline(prefix, *rows, initial=0):
    """One inline formset: its management form and `rows` (dicts of field → value)."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{field}": value for field, value in row.items()})
    return data


def with_inlines(data, names, **rows):
    """`data` plus every inline in `names`; `rows` gives the rows of some, e.g. photos=[{...}]."""
    for name in names:
        data.update(inline(name, *rows.pop(name, [])))
    assert not rows, f"unknown inlines {list(rows)}"
    return data


def article(**fields):
    """The story form as an editor fills it: a draft with a headline and a body.

    For the change form pass loaded_version, the version the editor opened.
    """
    rows = {name: fields.pop(name) for name in ARTICLE_INLINES if name in fields}
    data = {
        "kicker": "",
        "headline": "湖州市总工会召开全委会",
        "subheadline": "",
        "source": "本报讯",
        "dateline": "湖州",
        "editor": "",
        "summary": "",
        "body": "<p>会议传达学习了上级工会会议精神。</p>",
        "tags": "",
        **fields,
    }
    return with_inlines(data, ARTICLE_INLINES, **rows)


def event(**fields):
    """The event add form: a two-day competition in June 2025."""
    rows = {name: fields.pop(name) for name in EVENT_INLINES if name in fields}
    data = {
        "title": "湖州市首届“工BA”职工篮球赛",
        "slug": "huzhou-gongba-2025",
        "kind": "competition",
        "status": "published",
        "starts_at_0": "2025-06-12",
        "starts_at_1": "09:00:00",
        "ends_at_0": "2025-06-14",
        "ends_at_1": "17:00:00",
        "place": "湖州市体育馆",
        "description": "<p>全市职工篮球赛。</p>",
        **fields,
    }
    return with_inlines(data, EVENT_INLINES, **rows)
