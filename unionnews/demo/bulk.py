"""A bulk story generator for load tests: `python manage.py generate_stories --count 100000`.

Stories are shaped like the demo's (引题/主题/副题, 稿源, 电头, bodies of several
paragraphs, unions by role, tags, bylines, photos, roundups, events, print pages
with jump lines) and written with bulk_create in batches, with no per-row
save() or signals. Search documents are built from the same in-memory data the
stories were made from, so no story is read back.

Everything is drawn from one random.Random(seed): the same seed and count give
the same stories, whatever the database.
"""

import bisect
import queue
import random
import threading
import time
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from itertools import accumulate
from operator import itemgetter
from string import Formatter
from types import SimpleNamespace

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, models, transaction
from django.utils import timezone
from taggit.models import Tag

from articles import listings
from articles.epaper.models import SCREEN_WIDTH, THUMB_WIDTH, ZOOM_WIDTH, PageFile, StoryArea
from articles.events.models import Award, Event, EventUnion, Standing
from articles.models import (
    Article,
    ArticleUnion,
    Contributor,
    Credit,
    Listing,
    Photo,
    Placement,
    PrintPage,
    Segment,
    SegmentListing,
    TaggedArticle,
)
from articles.richtext import paragraphs_html
from articles.search import synthetic, tokens
from articles.search.models import SearchDocument
from articles.statistics import keeping
from unionnews.demo import photos
from unionnews.demo.shapes import SHANGHAI
from unions.models import Union

BATCH = 2000
DEFAULT_SEED = 20261201
PHOTO_WIDTH = 1600  # as the demo's: the 1280-wide display rendition is a real downscale
YEARS = 10
ENTERPRISE_UNIONS = 300
CONTRIBUTORS = 300
TAG_NAMES = 300
TEMPLATE_PHOTOS = 5
MAX_EVENTS = 500
STORIES_PER_PRINT_PAGE = 100  # 100,000 stories give about 1,000 print pages

SOURCES = ["本报讯"] * 16 + ["新华社", "浙江工人日报"] + ["{city}市总工会供稿"] * 2
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡"
    "余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯"
    "龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN = (
    "建国丽娟海燕志强晓明卫东振华佳怡立平红霞文澜晓江敏杰静怡子涵浩然雨萱宇航欣怡俊杰"
    "思远梦瑶嘉豪雅婷伟明秀英国庆春燕永刚美玲鹏飞"
)
VERBS = [*synthetic.VERBS, "组织", "举行", "深化", "召开"]
TOPICS = [
    *synthetic.TOPICS,
    "劳模工匠宣讲",
    "职工技能大赛",
    "工会干部培训",
    "职工书屋建设",
    "户外劳动者关爱行动",
    "女职工权益保护",
    "产业工人队伍建设改革",
    "新就业形态劳动者入会",
    "金秋助学",
    "送清凉",
    "春风行动",
    "职工疗休养",
]
THINGS = synthetic.THINGS
RARE = [
    "彩蝶",
    "量子通信",
    "非遗竹编",
    "海岛渔嫂",
    "桑基鱼塘",
    "湖笔",
    "龙泉青瓷",
    "黄酒酿造",
    "东阳木雕",
    "嵊州越剧",
    "缙云烧饼",
    "温州瓯绣",
]
SKILLS = ["焊工", "电工", "叉车", "数控车工", "茶艺", "育婴", "快递分拣", "网约配送", "电商直播", "砌筑", "钳工"]
KIND_WORDS = {
    Event.Kind.MEETING: ["工作会议", "全委会", "职工代表大会", "推进会", "经验交流会"],
    Event.Kind.COMPETITION: ["职工技能大赛", "劳动竞赛", "职工篮球联赛", "岗位练兵比武"],
    Event.Kind.TRAINING: ["工会干部培训班", "基层工会主席培训班", "宣传骨干培训班", "集体协商指导员培训班"],
    Event.Kind.CAMPAIGN: ["送清凉活动", "金秋助学行动", "春风行动", "职工健康行", "入会服务月"],
}
PAGE_NAMES = ["要闻", "要闻", "地方新闻", "职工文化", "工会工作", "专题"]
# The generated pages' PageFile: an A3 page in points, placeholder images at the rendered widths.
GENERATED_PAGE_SIZE = (842.0, 1191.0)
GENERATED_PAGE_WIDTHS = {"thumb": THUMB_WIDTH, "screen": SCREEN_WIDTH, "zoom": ZOOM_WIDTH}
GENERATED_PDF = b"%PDF-1.4\n% placeholder for a generated print page\n%%EOF\n"

# Sentences by theme; {u} a union's name, {p} a place, {t} a topic, {x} a thing, {n} a number, {d} a date,
# {m} a person. Sentences in WORKER mention 职工; a story drawn without them never does (title and tags aside).
NEUTRAL = [
    "{d}，{u}{v}{t}，总结前一阶段工作，部署下一步重点任务",
    "会议强调，要坚持以人民为中心的发展思想，把各项工作落到实处",
    "{p}各级工会围绕{t}，细化责任清单，明确时间节点",
    "据介绍，{u}今年已投入资金{n}万元，新建{x}{k}个",
    "活动现场设置了咨询台和服务点，累计发放宣传资料{n}份",
    "{m}在讲话中指出，要以更大力度推进{t}，确保取得实效",
    "下一步，{u}将继续深化改革创新，推动各项任务落地见效",
    "与会人员结合各自实际，围绕{t}交流了经验做法",
    "{p}的{x}被列为年度重点项目，受到各方好评",
    "截至{d}，全市已建成{x}{n}家，覆盖{k}个乡镇街道",
    "此次活动由{u}主办，吸引了{n}余人参与",
    "会上还通报了{t}的进展情况，并对先进集体进行了表彰",
    "{u}负责人表示，将把{t}作为一项长期工作抓紧抓实",
    "近年来，{p}持续完善工作机制，形成了可复制可推广的经验",
    "据统计，{d}以来，共开展各类活动{k}场次",
]
WORKER = [
    "活动吸引了来自各行各业的一线职工踊跃参与",
    "工会干部深入车间班组，面对面听取职工意见建议",
    "据统计，今年以来已累计服务职工{n}人次",
    "{p}的{x}成为职工身边的好去处",
    "职工们纷纷表示，{x}让他们感受到了工会组织的温暖",
    "参赛职工在{t}中比技能、比作风，展现了新时代产业工人的风采",
    "{u}为{k}名困难职工送去慰问金和慰问品",
    "职工代表{m}说，{x}实实在在解决了大家的急难愁盼",
    "该项目被列为年度为职工办实事重点项目",
    "{u}组织{n}名职工参加技能培训，{k}人取得职业资格证书",
]


@dataclass
class Story:
    """One story's plan and its text, kept in memory until its batch is written."""

    status: str
    published_at: object
    featured: bool = False
    roundup: bool = False
    photo: bool = False
    revised_at: object = None
    article: Article = None
    unions: list = field(default_factory=list)  # (union, role)
    tag_names: list = field(default_factory=list)
    credits: list = field(default_factory=list)  # (contributor, role)
    segments: list = field(default_factory=list)  # (union, heading, paragraph texts, pieces)
    caption: str = ""
    title_pieces: list = None  # kicker, headline and subheadline as the pieces they were joined from
    pieces: list = None  # the body's text as pieces
    plain: str = ""  # the body as plain text, one line a paragraph
    sort_key: object = None  # its time (drafts too): stories are written oldest first
    document: dict = None  # its search document's fields
    template_pick: float = 0.0  # which of the real photos a copy takes
    event: object = None  # the event it reports, if any


@dataclass
class Summary:
    stories: int = 0
    published: int = 0
    scheduled: int = 0
    featured: int = 0
    roundups: int = 0
    photos: int = 0
    events: int = 0
    pages: int = 0
    jumps: int = 0
    enterprise_unions: int = 0
    seconds: float = 0.0
    phase: str = ""  # what follows the writing, for the progress report

    @property
    def rate(self):
        return self.stories / self.seconds if self.seconds else 0.0


def template_copy_fields():
    """The Photo fields a copy takes from its template: every concrete field but its own
    key, story, position and texts. New rendition fields are copied without changes here."""
    own = {"article", "position", "caption", "credit", "alt_text"}
    return [f for f in Photo._meta.concrete_fields if not f.primary_key and f.name not in own]


class Generator:
    def __init__(self, count, seed=DEFAULT_SEED, progress=None, photo_width=PHOTO_WIDTH, batch_size=BATCH):
        self.count = count
        self.rng = random.Random(seed)
        self.rnd = self.rng.random
        self.token_cache = TokenCache()
        self.progress = progress
        self.photo_width = photo_width
        self.batch_size = batch_size
        self.summary = Summary()
        self.written_files = []

    # ---- setup: unions, people, tags, events -------------------------------------------------

    def load_unions(self):
        unions = list(Union.objects.order_by("path"))
        self.province = next(u for u in unions if u.level == Union.Level.PROVINCE)
        self.cities = [u for u in unions if u.level == Union.Level.CITY]
        self.counties = [u for u in unions if u.level == Union.Level.COUNTY]
        below = [u for u in unions if u.depth > 4 and u.path[:16] in {c.path for c in self.counties}]
        if len(below) < 50:
            below += self.add_enterprise_unions(unions)
        self.enterprises = below
        self.city_of = {}
        for union in unions + self.enterprises:
            for city in self.cities:
                if union.path.startswith(city.path):
                    self.city_of[union.pk] = city
        self.city_and_county = self.cities + self.counties

    def add_enterprise_unions(self, unions):
        """ENTERPRISE_UNIONS unions under the counties, paths computed, one bulk_create."""
        rng = self.rng
        last_step = {}
        for union in unions:
            if union.depth > 1:
                parent = union.path[: -Union.steplen]
                last_step[parent] = max(last_step.get(parent, 0), Union._str2int(union.path[-Union.steplen :]))
        slugs = {u.slug for u in unions}
        kinds = ["机械制造", "纺织", "物流", "电子科技", "建设", "食品", "化工", "新材料", "汽车零部件", "医药"]
        made, children = [], defaultdict(int)
        for number in range(ENTERPRISE_UNIONS):
            county = rng.choice(self.counties)
            step = last_step.get(county.path, 0) + 1
            last_step[county.path] = step
            children[county.pk] += 1
            slug = f"{county.slug}-qiye-{number + 1}"
            while slug in slugs:
                slug += "x"
            slugs.add(slug)
            short = f"{county.short_name}{rng.choice(GIVEN[::2])}{rng.choice(kinds)}"
            made.append(
                Union(
                    path=Union._get_path(county.path, county.depth + 1, step),
                    depth=county.depth + 1,
                    numchild=0,
                    name=f"{short}有限公司工会",
                    short_name=short[:30],
                    level=Union.Level.ENTERPRISE if rng.random() < 0.6 else Union.Level.GRASSROOTS,
                    slug=slug,
                )
            )
        with transaction.atomic():
            Union.objects.bulk_create(made, batch_size=self.batch_size)
            for county in self.counties:
                if children[county.pk]:
                    Union.objects.filter(pk=county.pk).update(numchild=models.F("numchild") + children[county.pk])
        self.summary.enterprise_unions = len(made)
        return list(Union.objects.filter(slug__in=[u.slug for u in made]).order_by("path"))

    def load_contributors(self):
        existing = list(Contributor.objects.order_by("pk")[:CONTRIBUTORS])
        rng, names = self.rng, {c.name for c in existing}
        made = []
        while len(existing) + len(made) < CONTRIBUTORS:
            name = rng.choice(SURNAMES) + rng.choice([GIVEN[i : i + 2] for i in range(0, len(GIVEN), 2)])
            if rng.random() < 0.3:
                name = name[:2]
            if name in names:
                continue
            names.add(name)
            union = rng.choice(self.cities + self.counties) if rng.random() < 0.5 else None
            made.append(Contributor(name=name, union=union))
        Contributor.objects.bulk_create(made)
        self.contributors = existing + made
        self.editors = self.contributors[:12]

    def load_tags(self):
        """TAG_NAMES tag names, 工会 first; rows made the way django-taggit makes them."""
        names = ["工会", "职工", "劳动竞赛", "劳模工匠", "职工书屋", "技能比武", "集体协商", "职代会", "困难帮扶"]
        names += [t for t in TOPICS + THINGS if t not in names]
        names += [c.short_name for c in self.cities] + [c.short_name for c in self.counties]
        names += [f"{year}年" for year in range(2016, 2027)]
        for city in self.cities:
            for topic in TOPICS:
                names.append(f"{city.short_name}{topic}")
        seen, ordered = set(), []
        for name in names:
            if name.lower() not in seen:
                seen.add(name.lower())
                ordered.append(name)
        ordered = ordered[:TAG_NAMES]
        existing = {tag.name.lower(): tag for tag in Tag.objects.all()}
        slugs = {tag.slug for tag in existing.values()}
        missing = []
        for name in ordered:
            if name.lower() not in existing:
                tag = Tag(name=name)
                slug, number = tag.slugify(name), 0
                while slug in slugs:
                    number += 1
                    slug = tag.slugify(name, number)
                tag.slug = slug
                slugs.add(slug)
                missing.append(tag)
        Tag.objects.bulk_create(missing)
        by_name = {tag.name.lower(): tag for tag in Tag.objects.filter(name__in=ordered)}
        self.tags = [by_name[name.lower()] for name in ordered]
        # 工会 on about 24% of stories; the others Zipf-like, the most common first.
        weights = [1 / (rank + 3) ** 0.9 for rank in range(len(self.tags) - 1)]
        self.tag_cum = list(accumulate(weights))

    def make_events(self, start):
        rng = self.rng
        count = min(MAX_EVENTS, max(8, self.count // 200))
        slugs = set(Event.objects.values_list("slug", flat=True))
        span = (self.now - start).total_seconds()
        kinds = [Event.Kind.MEETING] * 7 + [Event.Kind.COMPETITION] * 5 + [Event.Kind.TRAINING] * 4
        kinds += [Event.Kind.CAMPAIGN] * 4
        events, links, standings, awards = [], [], [], []
        for number in range(count):
            kind = Event.Kind.COMPETITION if number == 0 else rng.choice(kinds)
            union = rng.choice(self.cities) if rng.random() < 0.6 else rng.choice([*self.counties, self.province])
            future = rng.random() < 0.05
            starts = self.now + timedelta(days=rng.uniform(1, 60)) if future else start
            if not future:
                starts = start + timedelta(seconds=span * rng.random() ** 0.7)
            starts = starts.replace(minute=0, second=0, microsecond=0)
            ends = starts + timedelta(hours=rng.choice([3, 8, 30, 54, 24 * 30]))
            year = starts.astimezone(SHANGHAI).year
            slug = f"{union.slug}-{kind}-{year}-{number + 1}"
            while slug in slugs:
                slug += "-x"
            slugs.add(slug)
            word = rng.choice(KIND_WORDS[kind])
            if kind == Event.Kind.COMPETITION and word == "职工技能大赛":
                word = f"{rng.choice(SKILLS)}{word}"
            title = f"{union.short_name}{year}年{word}"
            event = Event(
                title=title,
                slug=slug,
                kind=kind,
                starts_at=starts,
                ends_at=ends,
                place=f"{union.short_name}市职工服务中心" if union.level == Union.Level.CITY else union.short_name,
                description=paragraphs_html([f"{union.name}{rng.choice(VERBS)}{title}，{rng.choice(NEUTRAL_PLAIN)}。"]),
                status=Event.Status.DRAFT if rng.random() < 0.04 else Event.Status.PUBLISHED,
            )
            events.append(event)
            links.append((event, union, EventUnion.Role.ORGANISER))
            if rng.random() < 0.5:
                host = rng.choice(self.enterprises or self.counties)
                links.append((event, host, EventUnion.Role.HOST))
            if kind == Event.Kind.COMPETITION and (number == 0 or rng.random() < 0.7) and not future:
                teams = rng.sample(self.counties + self.enterprises[:50], rng.randint(3, 8))
                for rank, team in enumerate(teams, start=1):
                    note = "冠军" if rank == 1 else ("亚军" if rank == 2 else "")
                    standings.append((event, rank, f"{team.short_name}队", team.name, team, note))
                for position in range(rng.randint(2, 4)):
                    team = rng.choice(teams)
                    individual = position == 0
                    awards.append(
                        (
                            event,
                            "MVP" if individual else rng.choice(["优秀组织奖", "体育道德风尚奖", "团体一等奖"]),
                            Award.Kind.INDIVIDUAL if individual else Award.Kind.TEAM,
                            self.person() if individual else f"{team.short_name}队",
                            team.name,
                            team,
                            position,
                        )
                    )
        Event.objects.bulk_create(events, batch_size=self.batch_size)
        EventUnion.objects.bulk_create(
            [EventUnion(event=e, union=u, role=r) for e, u, r in links], batch_size=self.batch_size
        )
        Standing.objects.bulk_create(
            [Standing(event=e, rank=r, team=t, organisation=o, union=u, note=n) for e, r, t, o, u, n in standings],
            batch_size=self.batch_size,
        )
        Award.objects.bulk_create(
            [
                Award(event=e, name=n, kind=k, recipient=r, organisation=o, union=u, position=p)
                for e, n, k, r, o, u, p in awards
            ],
            batch_size=self.batch_size,
        )
        self.events = sorted(events, key=lambda e: e.starts_at)
        self.event_times = [e.starts_at for e in self.events]
        self.summary.events = len(events)

    # ---- the plan: statuses and times, oldest first so ids follow time --------------------------

    def plan(self, start):
        rng, now = self.rng, self.now
        span = (now - start).total_seconds()
        stories = []
        for _ in range(self.count):
            at = now - timedelta(seconds=span * rng.random() ** 1.6)  # newest densest
            roll = rng.random()
            if roll < 0.961:
                status, published_at = Article.Status.PUBLISHED, at
            elif roll < 0.962:
                status, published_at = Article.Status.PUBLISHED, now + timedelta(hours=rng.uniform(1, 24 * 14))
                at = published_at
            elif roll < 0.977:
                status, published_at = Article.Status.DRAFT, None
            elif roll < 0.991:
                status, published_at = (
                    rng.choice(
                        [Article.Status.FIRST_REVIEW, Article.Status.SECOND_REVIEW, Article.Status.FINAL_REVIEW]
                    ),
                    None,
                )
            else:
                status, published_at = Article.Status.WITHDRAWN, at
            story = Story(status=status, published_at=published_at)
            story.sort_key = at
            story.roundup = rng.random() < 0.02
            story.photo = rng.random() < 0.3
            live = status == Article.Status.PUBLISHED and published_at <= now
            story.featured = live and rng.random() < 0.05
            if live and rng.random() < 0.03:
                story.revised_at = min(now, published_at + timedelta(hours=rng.uniform(0.5, 96)))
            stories.append(story)
        stories.sort(key=lambda s: s.sort_key)
        return stories

    # ---- text ---------------------------------------------------------------------------------

    def pick(self, seq):
        return seq[int(self.rnd() * len(seq))]

    def person(self):
        return self.pick(SURNAMES) + self.pick(GIVEN_PAIRS)

    def sentence(self, pieces, templates, union, place, topic, date):
        """Append one sentence, as pieces, to `pieces` (so search tokens come from a cache)."""
        rnd = self.rnd
        for literal, slot in templates[int(rnd() * len(templates))]:
            if literal:
                pieces.append(literal)
            if slot is None:
                continue
            if slot == "u":
                value = union.name
            elif slot == "p":
                value = place
            elif slot == "t":
                value = topic
            elif slot == "x":
                value = THINGS[int(rnd() * len(THINGS))]
            elif slot == "v":
                value = VERBS[int(rnd() * len(VERBS))]
            elif slot == "n":
                value = str(12 + int(rnd() * 9788))
            elif slot == "k":
                value = str(2 + int(rnd() * 58))
            elif slot == "d":
                value = date
            else:
                value = self.person()
            pieces.append(value)

    def paragraphs(self, union, place, topic, date, target):
        """([paragraph text], pieces of the paragraphs joined by newlines), at least `target` characters."""
        rnd = self.rnd
        templates = ALL_SENTENCES if rnd() < 0.7 else NEUTRAL_SENTENCES
        texts, pieces, length = [], [], 0
        while length < target:
            first = len(pieces)
            for number in range(2 + int(rnd() * 3)):
                if number:
                    pieces.append("，")
                self.sentence(pieces, templates, union, place, topic, date)
            if rnd() < 0.03:
                pieces += ["，", place, "的", self.pick(RARE), "项目也吸引了不少人关注"]
            pieces.append("。")
            text = "".join(pieces[first:])
            texts.append(text)
            length += len(text)
            pieces.append("\n")
        pieces.pop()
        return texts, pieces

    def pick_unions(self, story):
        rng = self.rng
        roll = rng.random()
        if roll < 0.4:
            subject = rng.choice(self.cities)
        elif roll < 0.85:
            subject = rng.choice(self.counties)
        elif roll < 0.95 and self.enterprises:
            subject = rng.choice(self.enterprises)
        else:
            subject = self.province
        chosen = [(subject, ArticleUnion.Role.SUBJECT)]
        for _ in range(rng.choice([0, 0, 1, 1, 2])):
            other = self.pick(self.city_and_county)
            if all(other.pk != union.pk for union, _ in chosen):
                role = rng.choice([ArticleUnion.Role.ORGANISER, ArticleUnion.Role.MENTIONED, ArticleUnion.Role.SUBJECT])
                chosen.append((other, role))
        return chosen

    def pick_tags(self):
        rng, names = self.rng, []
        if rng.random() < 0.24:
            names.append(self.tags[0])
        want = rng.randint(2, 4)
        rest = self.tags[1:]
        while len(names) < want:
            tag = rest[bisect.bisect(self.tag_cum, rng.random() * self.tag_cum[-1])]
            if tag not in names:
                names.append(tag)
        return names

    def pick_credits(self, story):
        rng = self.rng
        people = rng.sample(self.contributors, rng.randint(1, 3))
        roles = [Credit.Role.REPORTER if rng.random() < 0.6 else Credit.Role.CORRESPONDENT]
        roles += [rng.choice([Credit.Role.REPORTER, Credit.Role.CORRESPONDENT]) for _ in people[1:]]
        if story.photo and len(people) > 1:
            roles[-1] = Credit.Role.PHOTOGRAPHER
        return list(zip(people, roles, strict=True))

    def write_story(self, story):
        rng, pick = self.rng, self.pick
        when = (story.published_at or self.now).astimezone(SHANGHAI)
        date = f"{when.month}月{when.day}日"
        story.unions = self.pick_unions(story)
        subject = story.unions[0][0]
        city = self.city_of.get(subject.pk)
        place = subject.short_name
        topic, verb = pick(TOPICS), pick(VERBS)
        if story.roundup:
            headline = ["各地工会", verb, topic]
            segment_unions = rng.sample(self.city_and_county, rng.randint(5, 11))
            for union in segment_unions:
                heading = f"{union.short_name}：{pick(THINGS)}{pick(['见实效', '有新招', '暖人心'])}"
                texts, pieces = self.paragraphs(union, union.short_name, topic, date, 120)
                story.segments.append((union, heading, texts, pieces))
            story.unions = [(self.province, ArticleUnion.Role.SUBJECT)] + [
                (union, ArticleUnion.Role.MENTIONED) for union in segment_unions[:2]
            ]
            subject, city, place = self.province, None, "浙江"
        elif self.rnd() < 0.3:
            headline = [place, verb, topic, "，", pick(THINGS), "受欢迎"]
        else:
            headline = [subject.name if self.rnd() < 0.4 else place, verb, topic]
        kicker = []
        if self.rnd() < 0.3:
            kicker = pick([["聚焦", topic], [f"{when.year}年", pick(THINGS)], ["喜迎五一"], ["一线探访"]])
        subheadline = []
        if self.rnd() < 0.2:
            subheadline = [pick(THINGS), "助力", pick(["职工成长", "企业发展", "基层治理"])]
        story.title_pieces = [*kicker, "\n", *headline, "\n", *subheadline]
        texts, story.pieces = self.paragraphs(subject, place, topic, date, 400 + int(self.rnd() * 500))
        story.plain = "\n".join(texts)
        summary = texts[0][: rng.randint(40, 70)] if self.rnd() < 0.3 else ""
        story.tag_names = self.pick_tags()
        story.credits = self.pick_credits(story)
        if story.photo:
            story.caption = f"{place}{topic}现场。"
        source = pick(SOURCES).format(city=(city or self.cities[0]).short_name)
        story.article = Article(
            kicker="".join(kicker),
            headline="".join(headline)[:200],
            subheadline="".join(subheadline),
            source=source,
            dateline=(city.short_name if city else "杭州") if source == "本报讯" else "",
            summary=summary,
            body=paragraphs_html(texts),
            editor=pick(self.editors),
            status=story.status,
            published_at=story.published_at,
            is_featured=story.featured,
            version=1,
            revised_at=story.revised_at,
        )
        if story.status == Article.Status.PUBLISHED and story.published_at <= self.now:
            self.summary.published += 1
        elif story.status == Article.Status.PUBLISHED:
            self.summary.scheduled += 1
        self.summary.featured += story.featured
        self.summary.roundups += story.roundup

    def search_fields(self, story):
        """What SearchDocument.for_article() makes (see articles.search.text), from the data in memory.

        The tokens come from the pieces the text was made of, each tokenised once (TokenCache).
        """
        article = story.article
        title = "\n".join(part for part in (article.kicker, article.headline, article.subheadline) if part)
        parts = [article.summary, story.plain]
        pieces = [article.summary, "\n", *story.pieces]
        for union, heading, texts, segment_pieces in story.segments:
            parts += [heading, "\n".join(texts), union.name]
            pieces += ["\n", heading, "\n", *segment_pieces, "\n", union.name]
        extras = [story.caption]
        extras += [contributor.name for contributor, _ in story.credits]
        extras += [tag.name for tag in story.tag_names]
        for union, _ in story.unions:
            extras += [union.name, union.short_name]
        for extra in extras:
            pieces += ["\n", extra]
        body = "\n".join(part for part in parts + extras if part)
        title_tokens = self.token_cache.of(story.title_pieces, set())
        all_tokens = self.token_cache.of(pieces, set(title_tokens))
        return {
            "title_text": tokens.fold(title),
            "body_text": tokens.fold(body),
            "tokens": " ".join(sorted(all_tokens)),
            "title_tokens": " ".join(sorted(title_tokens)),
            "status": article.status,
            "published_at": article.published_at,
        }

    # ---- writing ------------------------------------------------------------------------------

    def make_templates(self, stories):
        """TEMPLATE_PHOTOS photos saved the normal way, so their renditions are made by Photo.save()."""
        motifs = list(photos.MOTIFS)
        templates = []
        for number, story in enumerate(stories[:TEMPLATE_PHOTOS], start=1):
            photo = Photo(
                article=story.article,
                image=ContentFile(
                    photos.placeholder_jpeg(number, motifs[number % len(motifs)], width=self.photo_width),
                    name=f"generated-{number}.jpg",
                ),
                caption=story.caption,
                credit=f"记者 {story.credits[0][0].name} 摄",
                alt_text=story.caption,
            )
            photo.save()
            self.written_files += [
                getattr(photo, f.name) for f in Photo._meta.fields if isinstance(f, models.FileField)
            ]
            templates.append(photo)
        self.summary.photos += len(templates)
        return templates

    def prepare(self, batch):
        """Everything random and everything slow that needs no database: the stories' text,
        their search documents' fields, which photo each copies and which event it reports."""
        rnd = self.rnd
        for story in batch:
            self.write_story(story)
            story.document = self.search_fields(story)
            story.template_pick = rnd()
            story.event = None
            if self.events and rnd() < 0.12:
                index = bisect.bisect(self.event_times, story.sort_key) - 1
                story.event = self.events[max(0, index - int(rnd() * 3))]

    def prepared_batches(self, stories):
        """The batches of `stories`, each prepared in a thread while the one before is written.

        The thread touches no database; the database's work and ours overlap. All random
        draws happen there, in order, so a seed still gives the same stories.
        """
        batches = [stories[first : first + self.batch_size] for first in range(0, len(stories), self.batch_size)]
        handover, stop = queue.Queue(maxsize=2), threading.Event()

        def hand_over(item):
            while not stop.is_set():
                try:
                    handover.put(item, timeout=0.2)
                    return
                except queue.Full:
                    continue

        def work():
            try:
                for batch in batches:
                    self.prepare(batch)
                    hand_over((batch, None))
                hand_over((None, None))
            except BaseException as error:  # raised again in the writing thread
                hand_over((None, error))

        thread = threading.Thread(target=work, name="generate_stories", daemon=True)
        thread.start()
        try:
            while True:
                batch, error = handover.get()
                if error is not None:
                    raise error
                if batch is None:
                    return
                yield batch
        finally:
            stop.set()
            thread.join()

    def write_batch(self, batch):
        insert(Article, [story.article for story in batch], need_ids=True)
        with_photos = [story for story in batch if story.photo]
        if with_photos and not self.templates:
            self.templates = self.make_templates(with_photos)
            with_photos = with_photos[len(self.templates) :]
        copies = []
        for story in with_photos:
            template = self.templates[int(story.template_pick * len(self.templates))]
            values = {}
            for f in self.copy_fields:
                value = getattr(template, f.attname)
                values[f.attname] = value.name if isinstance(f, models.FileField) else value
            copies.append(
                Photo(
                    article_id=story.article.pk,
                    position=0,
                    caption=story.caption,
                    credit=f"记者 {story.credits[0][0].name} 摄",
                    alt_text=story.caption,
                    **values,
                )
            )
        insert(Photo, copies)
        self.summary.photos += len(copies)
        links, tagged, credits, segments, event_links = [], [], [], [], []
        for story in batch:
            pk = story.article.pk
            links += [ArticleUnion(article_id=pk, union_id=u.pk, role=r) for u, r in story.unions]
            tagged += [TaggedArticle(content_object_id=pk, tag_id=t.pk) for t in story.tag_names]
            credits += [
                Credit(article_id=pk, contributor_id=c.pk, role=r, position=i) for i, (c, r) in enumerate(story.credits)
            ]
            segments += [
                Segment(article_id=pk, union_id=u.pk, heading=h, body=paragraphs_html(texts), position=i)
                for i, (u, h, texts, _) in enumerate(story.segments)
            ]
            if story.event:
                event_links.append(Article.events.through(article_id=pk, event_id=story.event.pk))
        insert(ArticleUnion, links)
        insert(TaggedArticle, tagged)
        insert(Credit, credits)
        insert(Segment, segments)
        insert(Article.events.through, event_links)
        insert(SearchDocument, [SearchDocument(article_id=story.article.pk, **story.document) for story in batch])
        for story in batch:
            if story.status == Article.Status.PUBLISHED and story.published_at <= self.now:
                self.printable.append((story.published_at.astimezone(SHANGHAI).date(), story.article.pk))

    def make_print_pages(self):
        """About count/100 pages in editions of four to six; some stories continue on the next page."""
        rng = self.rng
        by_day = defaultdict(list)
        for day, pk in self.printable:
            by_day[day].append(pk)
        taken = set(PrintPage.objects.values_list("edition_date", flat=True))
        if not by_day.keys() - taken:
            return
        # The busiest day first, then days drawn by how many stories they have.
        days = [max(by_day.keys() - taken, key=lambda day: (len(by_day[day]), day))]
        pool = [day for day, _ in self.printable]
        rng.shuffle(pool)
        seen = taken | set(days)
        for day in pool:
            if day not in seen:
                seen.add(day)
                days.append(day)
        wanted = max(4, self.count // STORIES_PER_PRINT_PAGE)
        pages, placements = [], []
        for day in days:
            if len(pages) >= wanted:
                break
            stories = by_day[day][:]
            rng.shuffle(stories)
            count = min(rng.randint(4, 6), len(stories))
            edition = [
                (
                    PrintPage(edition_date=day, number=number, name=PAGE_NAMES[number]),
                    stories[number : count * 3 : count],
                )
                for number in range(count)
            ]
            for page, _ in edition:
                page.number += 1
            pages += [page for page, _ in edition]
            for index, (page, pks) in enumerate(edition):
                placements += [(pk, page, 1, position == 0) for position, pk in enumerate(pks)]  # the first: 头条
                if index + 1 < len(edition) and (not self.summary.jumps or rng.random() < 0.4):
                    placements.append((pks[0], edition[index + 1][0], 2, False))  # 下转 the next page
                    self.summary.jumps += 1
        PrintPage.objects.bulk_create(pages, batch_size=self.batch_size)
        Placement.objects.bulk_create(
            [Placement(article_id=pk, page=page, part=part, is_lead=is_lead) for pk, page, part, is_lead in placements],
            batch_size=self.batch_size,
        )
        self.summary.pages = len(pages)
        self.lay_out_pages(pages, placements)

    def lay_out_pages(self, pages, placements):
        """Every page gets a PageFile and a story area for each story on it, so the e-paper page
        is read with its image and areas. The files are one set of placeholders all pages share
        (the import renders real ones); the areas are stacked blocks in two columns."""
        if not pages:
            return
        files = {
            kind: default_storage.save(f"epaper/generated/page-{kind}.{extension}", ContentFile(content))
            for kind, extension, content in [
                ("pdf", "pdf", GENERATED_PDF),
                *[(kind, "png", photos.page_png(width)) for kind, width in GENERATED_PAGE_WIDTHS.items()],
            ]
        }
        self.written_files += [SimpleNamespace(storage=default_storage, name=name) for name in files.values()]
        PageFile.objects.bulk_create(
            [
                PageFile(page=page, width=GENERATED_PAGE_SIZE[0], height=GENERATED_PAGE_SIZE[1], **files)
                for page in pages
            ],
            batch_size=self.batch_size,
        )
        on_page = defaultdict(list)
        for pk, page, *_ in placements:
            on_page[page.pk].append(pk)
        areas = []
        width, height = GENERATED_PAGE_SIZE
        for page in pages:
            stories = on_page[page.pk]
            rows = max(1, (len(stories) + 1) // 2)
            row_height = (height - 120) / rows
            for index, pk in enumerate(stories):
                x0, y0 = 40 + (index % 2) * (width - 80) / 2, 80 + (index // 2) * row_height
                box = [x0, y0, x0 + (width - 80) / 2 - 20, y0 + row_height - 20]
                areas.append(StoryArea(page=page, article_id=pk, boxes=[[round(v, 1) for v in box]], order=index))
        StoryArea.objects.bulk_create(areas, batch_size=self.batch_size)

    def enter(self, phase):
        self.summary.phase = phase
        if self.progress:
            self.progress(self.summary)

    def run(self):
        started = time.monotonic()
        self.now = timezone.now()
        start = self.now - timedelta(days=365 * YEARS)
        self.templates = []
        self.copy_fields = template_copy_fields()
        self.printable = []
        try:
            with transaction.atomic():
                self.load_unions()
                self.load_contributors()
                self.load_tags()
                self.make_events(start)
            stories = self.plan(start)
            written = 0
            with set_aside(WRITTEN, when=self.count >= Article.objects.count()):
                for batch in self.prepared_batches(stories):
                    with transaction.atomic():
                        self.write_batch(batch)
                    self.written_files = []  # committed: the rows now need their files
                    for story in batch:  # keep memory flat
                        story.article = story.pieces = story.plain = story.segments = story.title_pieces = None
                        story.document = None
                    written += len(batch)
                    self.summary.stories = written
                    self.summary.seconds = time.monotonic() - started
                    if self.progress:
                        self.progress(self.summary)
                self.enter("正在重建索引和约束")
            with transaction.atomic():
                self.enter("正在编排数字报版面")
                self.make_print_pages()
            with transaction.atomic(), set_aside([Listing, SegmentListing]):
                self.enter("正在重建各工会稿件列表")
                listings.rebuild()  # the unions' lists (bulk writes send no signals)
            self.enter("正在计算稿件考核数据")
            keeping.refresh_all()  # each story's tier, photos and characters, for 稿件考核
            self.enter("正在更新数据库统计信息")
            analyze()
        except BaseException:
            for file in self.written_files:  # their rows were rolled back
                file.storage.delete(file.name)
            raise
        self.summary.seconds = time.monotonic() - started
        return self.summary


def insert(model, objects, need_ids=False):
    """bulk_create(objects); on PostgreSQL, COPY them, which costs a fraction of the Python time.

    Like bulk_create it calls no save() and sends no signal; field values are prepared
    by the fields (pre_save, get_db_prep_save). With `need_ids`, the primary keys are taken
    from the table's sequence first and set on the objects, as bulk_create sets them.
    """
    if not objects:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_create(objects)
        return
    meta = model._meta
    auto_pk = isinstance(meta.pk, models.AutoField)
    if need_ids and auto_pk:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [meta.db_table, meta.pk.column, len(objects)],
            )
            for obj, (pk,) in zip(objects, cursor.fetchall(), strict=True):
                obj.pk = pk
    fields = [f for f in meta.concrete_fields if not f.generated and not (f.primary_key and auto_pk and not need_ids)]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    plain = (models.CharField, models.TextField, models.IntegerField, models.BooleanField, models.ForeignKey)
    prepared = [(f, isinstance(f, plain) and not isinstance(f, models.FileField)) for f in fields]
    sql = f"COPY {connection.ops.quote_name(meta.db_table)} ({columns}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for obj in objects:
            copy.write_row(
                [
                    getattr(obj, f.attname) if simple else f.get_db_prep_save(f.pre_save(obj, True), connection)
                    for f, simple in prepared
                ]
            )
    for obj in objects:
        obj._state.adding = False
        obj._state.db = connection.alias


def analyze():
    """Fresh planner statistics on PostgreSQL, so queries on the new rows are planned for their
    number at once rather than after autovacuum comes by."""
    if connection.vendor != "postgresql":
        return
    tables = {model._meta.db_table for model in (Article, ArticleUnion, TaggedArticle, Credit, Photo, Segment)}
    tables |= {model._meta.db_table for model in (Listing, SegmentListing)}
    tables |= {
        model._meta.db_table for model in (SearchDocument, Placement, PrintPage, PageFile, StoryArea, Union, Event, Tag)
    }
    tables.add(Article.events.through._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(table) for table in sorted(tables)))


# What the story writer fills: their indexes and constraints are set aside while it writes.
WRITTEN = (Article, ArticleUnion, TaggedArticle, Credit, Photo, Segment, SearchDocument, Article.events.through)


@contextmanager
def set_aside(models, when=True):
    """On PostgreSQL, drop the secondary indexes and the unique and foreign key constraints of
    `models`' tables while rows are written, then make them again as they were (also when
    writing fails); primary keys stay.

    Building an index once from sorted rows, and checking a foreign key once over the whole
    table, costs a fraction of updating every index and firing every check row by row: the
    unions' lists, rewritten in 20 s with them in place, take 5 s. Worth it only while the
    tables are being filled (`when`), and only for a load tool: the tables have no indexes
    for the moment, and a process killed with SIGKILL leaves them so (run `migrate` … or
    generate again in a new database).
    """
    if connection.vendor != "postgresql" or not when:
        yield
        return
    tables = [model._meta.db_table for model in models]
    with connection.cursor() as cursor, _checks_done(cursor):
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid::regclass::text = ANY(%s) AND contype IN ('u', 'f')",
            [tables],
        )
        constraints = cursor.fetchall()
        for table, name, _ in constraints:
            cursor.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes i WHERE tablename = ANY(%s) AND NOT EXISTS "
            "(SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname AND c.contype = 'p')",
            [tables],
        )
        indexes = cursor.fetchall()
        for name, _ in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
    try:
        yield
    finally:
        with connection.cursor() as cursor, _checks_done(cursor):
            cursor.execute("SET maintenance_work_mem = '256MB'")
            for _, definition in indexes:
                cursor.execute(definition)
            for table, name, definition in constraints:
                cursor.execute(f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}')
            cursor.execute("RESET maintenance_work_mem")


@contextmanager
def _checks_done(cursor):
    """Inside an enclosing transaction (tests), the deferred foreign key checks are still
    pending, and PostgreSQL alters no table with pending trigger events: run them first."""
    if not connection.in_atomic_block:
        yield
        return
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    yield
    cursor.execute("SET CONSTRAINTS ALL DEFERRED")


GIVEN_PAIRS = [GIVEN[i : i + 2] for i in range(0, len(GIVEN), 2)]
NEUTRAL_PLAIN = [template for template in NEUTRAL if "{" not in template]


def _parsed(templates):
    """[(literal, slot or None)] of each template, parsed once."""
    return [[(literal, slot) for literal, slot, _, _ in Formatter().parse(template)] for template in templates]


NEUTRAL_SENTENCES = _parsed(NEUTRAL)
ALL_SENTENCES = _parsed(NEUTRAL + WORKER)


def _is_word(character):
    return bool(tokens.runs(character))


class _Pieces(dict):
    """piece -> (its tokens, its first and its last character if they are word characters, else "")."""

    def __missing__(self, piece):
        lower = tokens.normalize(piece)
        first, last = lower[0], lower[-1]
        entry = self[piece] = (
            frozenset(tokens.document_tokens(piece)),
            first if _is_word(first) else "",
            last if _is_word(last) else "",
        )
        return entry


_TOKENS, _FIRST, _LAST = itemgetter(0), itemgetter(1), itemgetter(2)


class TokenCache:
    """tokens.document_tokens() of a text given as the pieces it was joined from.

    Every pair of neighbouring characters lies inside one piece or across the
    joint of two, so the text's bigrams are those of its pieces plus the joints
    between word characters. Pieces repeat (template words, union names,
    numbers), so each is tokenised once, and the rest runs in C (map, set
    updates). Tests check the result against tokens.document_tokens() of the
    joined text.
    """

    def __init__(self):
        self.pieces = _Pieces()

    def of(self, pieces, into):
        """Add the tokens of "".join(pieces) to the set `into` and return it."""
        entries = list(map(self.pieces.__getitem__, filter(None, pieces)))
        into.update(*map(_TOKENS, entries))
        joints = set(map(str.__add__, map(_LAST, entries), map(_FIRST, entries[1:])))
        into.update(joint for joint in joints if len(joint) == 2)
        return into
