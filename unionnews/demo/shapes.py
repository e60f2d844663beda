"""The shapes the demo data is written in, and how its relative times become real ones."""

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")
DESK_EDITOR = "周文澜"


def moment(today, day, at):
    """The Shanghai time `at` ("HH:MM") on `today` shifted by `day` days (negative is past)."""
    hour, minute = (int(part) for part in at.split(":"))
    return datetime.combine(today + timedelta(days=day), time(hour, minute), tzinfo=SHANGHAI)


@dataclass
class PhotoSpec:
    caption: str
    credit: str
    alt_text: str
    motif: str  # a drawing in unionnews.demo.photos.MOTIFS


@dataclass
class SegmentSpec:
    union: str  # slug
    heading: str
    paragraphs: list


@dataclass
class StorySpec:
    key: str  # how editions refer to the story
    headline: str
    paragraphs: list
    day: int  # relative to today: -3 is three days ago, 2 is scheduled two days ahead
    at: str = "09:00"
    kicker: str = ""
    subheadline: str = ""
    dateline: str = ""
    summary: str = ""
    credits: list = field(default_factory=list)  # (role label, contributor name), byline order
    unions: list = field(default_factory=list)  # slug (报道对象) or (slug, ArticleUnion role)
    tags: list = field(default_factory=list)
    events: list = field(default_factory=list)  # event slugs
    photos: list = field(default_factory=list)
    segments: list = field(default_factory=list)
    featured: bool = False
    draft: bool = False
    editor: str = DESK_EDITOR
    # A state other than published/draft (Article.Status value), for the review flow.
    state: str = ""


@dataclass
class EventSpec:
    slug: str
    title: str
    kind: str  # Event.Kind value
    starts: tuple  # (day, "HH:MM")
    description: str
    ends: tuple = None
    place: str = ""
    unions: list = field(default_factory=list)  # (slug, EventUnion role)
    standings: list = field(default_factory=list)  # (rank, team, organisation, union slug, note)
    awards: list = field(default_factory=list)  # (kind, name, recipient, organisation, union slug)
