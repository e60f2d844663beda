"""Explicit test-data builders with overridable defaults (no factories, no randomness)."""

from datetime import datetime, timedelta
from importlib import import_module
from io import BytesIO
from pathlib import Path
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from django.apps import apps
from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.models import Q
from django.urls import reverse
from django_otp.oath import totp
from PIL import ExifTags, Image, ImageCms

from articles.events.models import Award, Event, EventUnion, Standing
from articles.models import Article, ArticleUnion, Contributor, Credit, Photo, Placement, PrintPage, Segment
from articles.search import indexing
from unions.models import Union

SHANGHAI = ZoneInfo("Asia/Shanghai")
# Fixed clock for tests: a Thursday noon in Zhejiang.
NOON = datetime(2025, 6, 12, 12, 0, tzinfo=SHANGHAI)
PASSWORD = "correct horse battery staple"


def union(slug):
    """A union shipped by the data migration, e.g. union("huzhou")."""
    return Union.objects.get(slug=slug)


def make_union(parent, *, slug, name=None, short_name=None, level=Union.Level.ENTERPRISE, **fields):
    return Union.objects.add_child(
        parent,
        create_kwargs={
            "slug": slug,
            "name": name or f"{slug}工会",
            "short_name": short_name or slug,
            "level": level,
            **fields,
        },
    )


def tiny_png(name="photo.png", size=(8, 6), color=(200, 30, 30)):
    buffer = BytesIO()
    Image.new("RGB", size, color).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


SRGB_PROFILE = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def phone_exif():
    """EXIF as a phone writes it: where (GPS), with what (make, model, serial), by whom, when, and which way up."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Canon"
    exif[ExifTags.Base.Model] = "EOS R5"
    exif[ExifTags.Base.Artist] = "Zhang San"
    exif[ExifTags.Base.Orientation] = 6  # taken with the camera turned: shown rotated 90°
    exif.get_ifd(ExifTags.IFD.GPSInfo).update(
        {ExifTags.GPS.GPSLatitudeRef: "N", ExifTags.GPS.GPSLatitude: (30.0, 52.0, 12.5)}
    )
    exif.get_ifd(ExifTags.IFD.Exif).update(
        {ExifTags.Base.BodySerialNumber: "0123456", ExifTags.Base.DateTimeOriginal: "2025:06:12 09:30:00"}
    )
    return exif


def phone_jpeg(name="IMG_0001.jpg", size=(64, 48)):
    """A JPEG with phone_exif(), XMP and an sRGB colour profile."""
    buffer = BytesIO()
    Image.effect_noise(size, 60).convert("RGB").save(
        buffer, "JPEG", quality=80, exif=phone_exif(), icc_profile=SRGB_PROFILE, xmp=b"<x:xmpmeta>GPS</x:xmpmeta>"
    )
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def make_contributor(name="羊晓江", **fields):
    return Contributor.objects.create(name=name, **fields)


def make_article(*, unions=(), tags=(), photos=0, credits=(), segments=(), pages=(), events=(), **fields):
    """A published story at NOON unless told otherwise.

    unions: Union objects (role 报道对象) or (union, role) pairs.
    credits: (contributor, role) pairs. segments: (union, html) pairs.
    pages: PrintPage objects in print order.
    """
    fields.setdefault("headline", "湖州市总工会召开全委会")
    fields.setdefault("body", "<p>本报讯 会议传达学习了上级工会会议精神，部署下半年重点工作。</p>")
    fields.setdefault("status", Article.Status.PUBLISHED)
    if fields["status"] == Article.Status.PUBLISHED:
        fields.setdefault("published_at", NOON)
    article = Article.objects.create(**fields)
    for item in unions:
        union_, role = item if isinstance(item, tuple) else (item, ArticleUnion.Role.SUBJECT)
        ArticleUnion.objects.create(article=article, union=union_, role=role)
    if tags:
        article.tags.add(*tags)
    for position in range(photos):
        Photo.objects.create(article=article, position=position, image=tiny_png(), caption=f"图片说明{position + 1}")
    for position, (contributor, role) in enumerate(credits):
        Credit.objects.create(article=article, contributor=contributor, role=role, position=position)
    for position, (union_, html) in enumerate(segments):
        Segment.objects.create(article=article, union=union_, body=html, position=position)
    for part, page in enumerate(pages, start=1):
        Placement.objects.create(article=article, page=page, part=part)
    if events:
        article.events.add(*events)
    indexing.reindex(article)
    return article


def make_page(number=1, edition_date=None, name="要闻"):
    return PrintPage.objects.create(edition_date=edition_date or NOON.date(), number=number, name=name)


def make_event(*, unions=(), standings=(), awards=(), **fields):
    """A published competition running for two days from NOON.

    standings: (rank, team, organisation) triples. awards: (name, recipient) pairs.
    """
    fields.setdefault("title", "湖州市首届“工BA”职工篮球赛")
    fields.setdefault("slug", "huzhou-gongba")
    fields.setdefault("kind", Event.Kind.COMPETITION)
    fields.setdefault("starts_at", NOON)
    fields.setdefault("ends_at", fields["starts_at"] + timedelta(days=2))
    fields.setdefault("status", Event.Status.PUBLISHED)
    event = Event.objects.create(**fields)
    for item in unions:
        union_, role = item if isinstance(item, tuple) else (item, EventUnion.Role.ORGANISER)
        EventUnion.objects.create(event=event, union=union_, role=role)
    for rank, team, organisation in standings:
        Standing.objects.create(event=event, rank=rank, team=team, organisation=organisation)
    for position, (name, recipient) in enumerate(awards):
        Award.objects.create(event=event, name=name, recipient=recipient, position=position)
    return event


def make_editor(username="bianji", **fields):
    """A staff editor with every permission on stories (the articles app and its apps, with the
    audit log that lived there before), unions and tags."""
    user = User.objects.create_user(username=username, password=PASSWORD, is_staff=True, **fields)
    user.user_permissions.set(
        Permission.objects.filter(
            Q(content_type__app_label__in=["articles", "events", "search", "editorial", "epaper", "unions", "taggit"])
            | Q(content_type__app_label="accounts", content_type__model="auditentry")
        )
    )
    return user


def make_reader(username="duzhe"):
    """Somebody with an account but no desk rights (an outsider)."""
    return User.objects.create_user(username=username, password=PASSWORD)


def make_staff(username, *roles, unions=(), name=None):
    """A desk member holding the named roles (groups made by the roles migration).

    With `unions` they get a byline (Contributor) whose 采写范围 is those unions.
    """
    from django.contrib.auth.models import Group

    user = User.objects.create_user(username=username, password=PASSWORD, is_staff=True)
    user.groups.set(Group.objects.filter(name__in=roles))
    assert user.groups.count() == len(roles), f"unknown role in {roles}"
    if unions or name:
        contributor = Contributor.objects.create(name=name or username, user=user)
        contributor.unions.set(unions)
    return user


def make_draft(*, created_by=None, **fields):
    fields.setdefault("status", Article.Status.DRAFT)
    article = make_article(**fields)
    if created_by is not None:
        Article.objects.filter(pk=article.pk).update(created_by=created_by)
        article.created_by = created_by
    return article


def totp_code(device):
    """The 6-digit code an authenticator app shows for `device` now."""
    device.refresh_from_db()
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


# Admin addresses and reads that tests in several folders share.


def change_url(article):
    """The admin page that edits `article`."""
    return reverse("admin:articles_article_change", args=[article.pk])


def transition_url(article, action):
    """Where the desk posts a workflow step (submit, approve, ...) for `article`."""
    return reverse("admin:articles_article_transition", args=[article.pk, action])


def status_of(article):
    """The status `article` has in the database now."""
    article.refresh_from_db()
    return article.status


def run_migration_step(app, name, function):
    """Run `function` (a RunPython step) of `app`'s migration *_`name`, whatever number it
    has, on the test database with today's models."""
    package = import_module(f"{app}.migrations")
    path = next(Path(package.__path__[0]).glob(f"*_{name}.py"))
    step = getattr(import_module(f"{package.__name__}.{path.stem}"), function)
    step(apps, SimpleNamespace(connection=connection))
