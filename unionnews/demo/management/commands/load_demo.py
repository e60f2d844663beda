"""Load the demo newsroom once: `python manage.py load_demo` (run by `make run`).

A second run finds the demo and changes nothing. Both runs end with the site
address and the demo logins, so `make run` always shows them.
"""

from collections import Counter
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from taggit.models import Tag

from articles import workflow
from articles.campaigns.models import Campaign, Lead, Section
from articles.epaper.importer import import_pdf
from articles.events.models import Award, Event, EventUnion, Standing
from articles.models import (
    Article,
    ArticleUnion,
    Contributor,
    Correction,
    Credit,
    Photo,
    Placement,
    PrintPage,
    Segment,
    TimelineEntry,
)
from articles.readership.models import DailyViews
from articles.richtext import paragraphs_html
from articles.search import indexing
from articles.statistics.models import ScoringRule
from unionnews import media
from unionnews.demo import (
    campaign,
    cities,
    editions,
    events,
    league,
    organisations,
    photos,
    province,
    review,
    roundup,
    scores,
)
from unionnews.demo.shapes import DESK_EDITOR, SHANGHAI, moment
from unions.models import Brand, Union

EPAPER_FOLDER = Path(editions.__file__).resolve().parent / "epaper"
STORIES = [*province.STORIES, *cities.STORIES, *league.STORIES, roundup.STORY, *review.STORIES]
EVENTS = [league.EVENT, *events.EVENTS]
CREDIT_ROLES = {label: value for value, label in Credit.Role.choices}  # "记者" -> "reporter"


def writer(spec, contributors):
    """The account that wrote the story in: the first credited person with a login, else
    its 责任编辑, who typed in the copy of a reporter or correspondent without one."""
    people = [contributors[name] for _, name in spec.credits] + [contributors[spec.editor]]
    return next((person.user for person in people if person.user_id), None)


class Command(BaseCommand):
    help = "Load demo unions, stories, events, photos and print pages once, and print the demo logins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--photo-width",
            type=int,
            default=photos.WIDTH,
            help=f"Width in pixels of the generated placeholder photos (default {photos.WIDTH}).",
        )

    def handle(self, *args, photo_width, **options):
        found = self.existing_demo()
        if found:
            self.stdout.write(f"Demo content is already loaded ({found}); nothing changed.")
        else:
            # Should loading fail, the rows are rolled back and the photo files it wrote deleted.
            with media.removing_files_on_error(), transaction.atomic():
                self.load(photo_width)
        self.print_logins()

    def existing_demo(self):
        """Describe a demo row that is already there, or return "" if there is none."""
        union = Union.objects.filter(slug__in=[fields["slug"] for _, fields in organisations.UNIONS]).first()
        if union:
            return f"union {union.slug!r} exists"
        event = Event.objects.filter(slug__in=[spec.slug for spec in EVENTS]).first()
        if event:
            return f"event {event.slug!r} exists"
        return ""

    def say(self, section, text):
        self.stdout.write(f"  {section:<13}{text}")

    def load(self, photo_width):
        today = timezone.now().astimezone(SHANGHAI).date()
        self.stdout.write(f"Loading demo content dated around {today:%Y-%m-%d} …")
        unions = self.load_unions()
        contributors = self.load_contributors(unions)
        self.load_accounts(contributors)
        loaded_events = self.load_events(today, unions)
        stories = self.load_stories(today, unions, contributors, loaded_events, photo_width)
        self.load_review_flow(stories)
        self.load_editions(today, stories)
        self.load_epaper(today)
        self.load_campaign(today, stories)
        self.load_views(today, stories)
        self.load_scores(today, contributors)

    def load_unions(self):
        for parent_slug, fields in organisations.UNIONS:
            Union.objects.add_child(Union.objects.get(slug=parent_slug), create_kwargs=fields)
        names = "、".join(fields["short_name"] for _, fields in organisations.UNIONS)
        self.say("Unions", f"{len(organisations.UNIONS)} added below the federation tree: {names}")
        unions = Union.objects.in_bulk(field_name="slug")
        for slug, name in organisations.BRANDS:
            Brand.objects.get_or_create(name=name, defaults={"union": unions[slug]})
        brands = "、".join(f"{name}（{unions[slug].short_name}）" for slug, name in organisations.BRANDS)
        self.say("Brands", brands)
        return unions

    def load_contributors(self, unions):
        people = {name: Contributor(name=name) for name in organisations.REPORTERS + organisations.EDITORS}
        for name, slug in organisations.CORRESPONDENTS:
            people[name] = Contributor(name=name, union=unions[slug])
        for person in people.values():
            person.save()
        self.say(
            "Contributors",
            f"{len(organisations.REPORTERS)} reporters, {len(organisations.CORRESPONDENTS)} correspondents, "
            f"{len(organisations.EDITORS)} editors",
        )
        return people

    def load_accounts(self, contributors):
        """Create the demo logins; accounts that already exist are left exactly as they are."""
        notes = []
        username, password = organisations.ADMIN
        if User.objects.filter(username=username).exists():
            notes.append(f"{username} already existed, left unchanged")
        else:
            User.objects.create_superuser(username, password=password)
        for username, password, role, byline, scope in organisations.ROLE_ACCOUNTS:
            user, created = User.objects.get_or_create(username=username, defaults={"is_staff": True})
            if not created:
                notes.append(f"{username} already existed, left unchanged")
                continue
            user.set_password(password)
            user.save()
            user.groups.set([Group.objects.get(name=role)])
            if byline:
                person = contributors[byline]
                person.user = user
                person.save()
                person.unions.set(Union.objects.filter(slug__in=scope))
        accounts = ", ".join(
            [
                f"{organisations.ADMIN[0]} (superuser)",
                *(f"{name} ({role})" for name, _, role, _, _ in organisations.ROLE_ACCOUNTS),
            ]
        )
        self.say("Accounts", "; ".join([accounts, *notes]))

    def load_events(self, today, unions):
        loaded = {}
        for spec in EVENTS:
            event = Event.objects.create(
                slug=spec.slug,
                title=spec.title,
                kind=spec.kind,
                starts_at=moment(today, *spec.starts),
                ends_at=moment(today, *spec.ends) if spec.ends else None,
                place=spec.place,
                description=spec.description,
                status=Event.Status.PUBLISHED,
            )
            for slug, role in spec.unions:
                EventUnion.objects.create(event=event, union=unions[slug], role=role)
            for rank, team, organisation, slug, note in spec.standings:
                Standing.objects.create(
                    event=event, rank=rank, team=team, organisation=organisation, union=unions[slug], note=note
                )
            for position, (kind, name, recipient, organisation, slug) in enumerate(spec.awards):
                Award.objects.create(
                    event=event,
                    kind=kind,
                    name=name,
                    recipient=recipient,
                    organisation=organisation,
                    union=unions[slug],
                    position=position,
                )
            loaded[spec.slug] = event
        upcoming = sum(1 for event in loaded.values() if not event.is_over)
        self.say("Events", f"{len(loaded)} in all: {upcoming} upcoming or running, {len(loaded) - upcoming} over")
        self.say(
            "League",
            f"{league.EVENT.title}: {len(league.EVENT.standings)} standings, {len(league.EVENT.awards)} awards",
        )
        return loaded

    def load_stories(self, today, unions, contributors, loaded_events, photo_width):
        self.photo_count = 0
        stories = {
            spec.key: self.load_story(spec, today, unions, contributors, loaded_events, photo_width) for spec in STORIES
        }
        published = [story for story in stories.values() if story.is_published]
        drafts = [story for story in stories.values() if story.status == Article.Status.DRAFT]
        scheduled = sum(1 for story in stories.values() if story.is_scheduled)
        in_review = sum(1 for story in stories.values() if story.is_in_review)
        withdrawn = sum(1 for story in stories.values() if story.status == Article.Status.WITHDRAWN)
        featured = sum(1 for story in published if story.is_featured)
        self.say(
            "Stories",
            f"{len(published)} published ({featured} featured), {scheduled} scheduled, {in_review} in review, "
            f"{len(drafts)} draft, {withdrawn} withdrawn",
        )
        self.say("Roundup", f"“{roundup.STORY.headline}”: {len(roundup.SEGMENTS)} segments, one per city union")
        height = photo_width * 5 // 8
        self.say("Photos", f"{self.photo_count} placeholders ({photo_width}×{height}) with renditions")
        return stories

    def load_story(self, spec, today, unions, contributors, loaded_events, photo_width):
        article = Article.objects.create(
            kicker=spec.kicker,
            headline=spec.headline,
            subheadline=spec.subheadline,
            dateline=spec.dateline,
            summary=spec.summary,
            body=paragraphs_html(spec.paragraphs),
            editor=contributors[spec.editor],
            status=spec.state or (Article.Status.DRAFT if spec.draft else Article.Status.PUBLISHED),
            published_at=moment(today, spec.day, spec.at)
            if spec.state in ("", "withdrawn") and not spec.draft
            else None,
            is_featured=spec.featured,
            created_by=writer(spec, contributors),
        )
        for item in spec.unions:
            slug, role = (item, ArticleUnion.Role.SUBJECT) if isinstance(item, str) else item
            ArticleUnion.objects.create(article=article, union=unions[slug], role=role)
        for position, (label, name) in enumerate(spec.credits):
            Credit.objects.create(
                article=article, contributor=contributors[name], role=CREDIT_ROLES[label], position=position
            )
        article.tags.add(*spec.tags)
        article.events.add(*(loaded_events[slug] for slug in spec.events))
        for position, segment in enumerate(spec.segments):
            Segment.objects.create(
                article=article,
                union=unions[segment.union],
                heading=segment.heading,
                body=paragraphs_html(segment.paragraphs),
                position=position,
            )
        for position, photo in enumerate(spec.photos):
            self.photo_count += 1
            image = photos.placeholder_jpeg(self.photo_count, photo.motif, width=photo_width)
            saved = Photo(
                article=article,
                position=position,
                image=ContentFile(image, name=f"demo-{spec.key}-{position + 1}.jpg"),
                caption=photo.caption,
                credit=photo.credit,
                alt_text=photo.alt_text,
            )
            saved.save()  # makes the renditions; display and thumbnail are two of them
        indexing.reindex(article)
        return article

    def load_campaign(self, today, stories):
        plenum = Campaign.objects.create(
            title=campaign.TITLE,
            slug=campaign.SLUG,
            description=campaign.DESCRIPTION,
            starts_on=today - timedelta(days=campaign.STARTS_DAYS_AGO),
            ends_on=today + timedelta(days=campaign.ENDS_DAYS_AHEAD),
            status=Campaign.Status.PUBLISHED,
        )
        plenum.tags.set(Tag.objects.filter(name__in=campaign.TAGS))
        for position, key in enumerate(campaign.LEADS):
            Lead.objects.create(campaign=plenum, article=stories[key], position=position)
        for position, (title, tags, picked) in enumerate(campaign.SECTIONS):
            section = Section.objects.create(campaign=plenum, title=title, position=position)
            section.tags.set(Tag.objects.filter(name__in=tags))
            section.picked.set(stories[key] for key in picked)
        plenum = Campaign.objects.for_rules().get(pk=plenum.pk)
        self.say("Campaign", f"“{plenum.title}”: {plenum.published_stories().count()} stories, /topics/{plenum.slug}/")

    def load_review_flow(self, stories):
        """Authors, timelines and a correction, as if the desk had done the work."""
        users = User.objects.in_bulk(field_name="username")
        for key, steps in review.TIMELINES.items():
            for username, action, from_status, to_status, comment in steps:
                TimelineEntry.objects.record(
                    stories[key], users[username], action, comment, from_status=from_status, to_status=to_status
                )
        for key, text in review.CORRECTIONS:
            Correction.objects.create(article=stories[key], text=text, author=users["zongbian"])
        for key, username in review.TRASHED:
            workflow.delete(stories[key], users[username])
        self.say(
            "Review flow",
            f"timelines for {len(review.TIMELINES)} stories, {len(review.CORRECTIONS)} correction, "
            f"{len(review.TRASHED)} in the trash",
        )

    def load_editions(self, today, stories):
        page_count, jumps = 0, []
        for day, pages in editions.EDITIONS:
            parts = Counter()
            for number, name, keys in pages:
                page = PrintPage.objects.create(edition_date=today + timedelta(days=day), number=number, name=name)
                page_count += 1
                for index, key in enumerate(keys):
                    parts[key] += 1
                    # The first story on a page is its lead (头条): page 1's is 头版头条 in 稿件考核.
                    Placement.objects.create(article=stories[key], page=page, part=parts[key], is_lead=index == 0)
            jumps += [stories[key].headline for key, count in parts.items() if count > 1]
        self.say(
            "Print pages",
            f"{page_count} pages in {len(editions.EDITIONS)} editions; jumps to a second page: "
            + ("、".join(f"“{headline}”" for headline in jumps) or "none"),
        )

    def load_epaper(self, today):
        """The page PDFs of one demo edition (made by `python -m tests.epaper_pdfs`), through the
        e-paper import as an editor's upload goes: page images, story areas linked to the stories."""
        day, pages = editions.EPAPER
        date = today + timedelta(days=day)
        areas = linked = 0
        for path in sorted(EPAPER_FOLDER.glob("*.pdf")):
            (page,) = import_pdf(str(path), date=date).pages
            areas += len(page.areas)
            linked += sum(1 for area in page.areas if area.story_id)
        self.say("E-paper", f"{len(pages)} page PDFs of {date:%Y-%m-%d}: {areas} story areas found, {linked} linked")

    def load_views(self, today, stories):
        """A week of reader views of the published stories (阅读量, the home page's 热门):
        fixed numbers, the first stories most read, a little fewer each day back."""
        published = [story for story in stories.values() if story.is_published]
        rows = [
            DailyViews(
                article=story,
                day=today - timedelta(days=back),
                views=max(1, (len(published) - rank) * 23 // (back + 1)),
            )
            for rank, story in enumerate(published)
            for back in range(7)
            if story.published_at.astimezone(SHANGHAI).date() <= today - timedelta(days=back)
        ]
        DailyViews.objects.bulk_create(rows)
        self.say(
            "Views", f"{sum(row.views for row in rows)} reader views over the last 7 days, on {len(published)} stories"
        )

    def load_scores(self, today, contributors):
        """The scoring table's two versions and a year of correspondents' copy (unionnews.demo.scores)."""
        for days, lead, front, other, web, photo, segment, note in scores.RULES:
            ScoringRule.objects.create(
                valid_from=today - timedelta(days=days),
                front_lead=lead,
                front_page=front,
                other_page=other,
                web_only=web,
                per_photo=photo,
                per_segment=segment,
                note=note,
            )
        cities = [
            (person, person.union)
            for person in contributors.values()
            if person.union_id and person.union.level == Union.Level.CITY
        ]
        cities.sort(key=lambda pair: pair[1].path)
        by_name = {person.name: (person, union) for person, union in cities}
        history = scores.history(today, [(person.name, union.slug, union.short_name) for person, union in cities])
        pages, written = {}, []
        for day, name, _, headline, tier, returned in history:
            person, union = by_name[name]
            at = moment(day, 0, "10:00")
            article = Article.objects.create(
                headline=headline,
                dateline=union.short_name,
                body=paragraphs_html([f"本报讯 {headline}，{person.name}报道了各县（市、区）工会的做法和职工的反响。"]),
                editor=contributors[DESK_EDITOR],
                status=Article.Status.PUBLISHED,
                published_at=at,
                # Her own when she has a login (姚晴), else typed in by the 责任编辑 (as writer() says).
                created_by=person.user or contributors[DESK_EDITOR].user,
            )
            ArticleUnion.objects.create(article=article, union=union)
            Credit.objects.create(article=article, contributor=person, role=Credit.Role.CORRESPONDENT)
            if tier <= 2:
                number = 1 if tier <= 1 else 3
                page = pages.get((day, number))
                if page is None:
                    page = pages[day, number] = PrintPage.objects.get_or_create(
                        edition_date=day, number=number, defaults={"name": "要闻" if number == 1 else "地方新闻"}
                    )[0]
                Placement.objects.create(article=article, page=page, is_lead=tier == 0)
            steps = [(TimelineEntry.Action.SUBMIT, "first_review"), (TimelineEntry.Action.SIGN_OFF, "published")]
            if returned:
                steps[:0] = [(TimelineEntry.Action.SUBMIT, "first_review"), (TimelineEntry.Action.RETURN, "draft")]
            entries = [
                TimelineEntry(article=article, action=action, from_status="", to_status=to_status)
                for action, to_status in steps
            ]
            TimelineEntry.objects.bulk_create(entries)
            # auto_now_add stamped them now: move them to the day before publication.
            TimelineEntry.objects.filter(article=article).update(at=at - timedelta(hours=20))
            written.append(article.pk)
        indexing.reindex_all(Article.objects.filter(pk__in=written))
        self.say(
            "Scores",
            f"{len(scores.RULES)} versions of the scoring table; {len(history)} correspondents' stories "
            f"over {scores.HISTORY_MONTHS} months",
        )

    def print_logins(self):
        site = settings.SITE_URL or "http://127.0.0.1:8000"  # unset: `make run`'s address
        self.stdout.write("")
        self.stdout.write(f"Site:   {site}/")
        self.stdout.write(f"Admin:  {site}/admin/")
        self.stdout.write("Demo logins (for trying the demo only; never load it on a public site):")
        logins = [(organisations.ADMIN, "superuser")] + [
            ((name, password), role) for name, password, role, _, _ in organisations.ROLE_ACCOUNTS
        ]
        for (username, password), role in logins:
            user = User.objects.filter(username=username).first()
            if user is None:
                line = f"{username}: account deleted"
            elif user.check_password(password):
                line = f"{f'{username} / {password}':<36}({role})"
            else:
                line = f"{username}: password changed since the demo was loaded"
            self.stdout.write(f"  {line}")
