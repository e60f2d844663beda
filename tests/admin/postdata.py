"""POST data for admin forms with inlines, built explicitly so each test shows what an editor typed."""

from django.utils import timezone

ARTICLE_INLINES = ["article_unions", "credits", "segments", "photos", "captions", "placements"]
EVENT_INLINES = ["event_unions", "standings", "awards", "old_slugs"]


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


def account(user, **fields):
    """The user change form as the admin shows `user`, with `fields` changed.

    A ticked checkbox is "on"; pass None to untick one (it is then left out, as a browser does).
    """
    joined = timezone.localtime(user.date_joined)
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on" if user.is_active else None,
        "is_staff": "on" if user.is_staff else None,
        "is_superuser": "on" if user.is_superuser else None,
        "groups": list(user.groups.values_list("pk", flat=True)),
        "user_permissions": list(user.user_permissions.values_list("pk", flat=True)),
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": joined.strftime("%Y-%m-%d"),
        "date_joined_1": joined.strftime("%H:%M:%S"),
        **fields,
    }
    return {field: value for field, value in data.items() if value is not None}
