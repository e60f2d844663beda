"""The one way a story's content changes.

Every writer (the change form, restoring a revision, the print-page import)
hands over the story as it wants it, as a snapshot (articles.revisions), with
the version it started from. save() then, in one transaction on the locked row:

1. checks that the user may edit this story now, in its state and their scope;
2. merges: fields only this writer changed go on top of what others saved in
   the meantime; a field both changed is a Conflict unless the writer has
   chosen, for that field, whose version to keep;
3. writes the result, bumps the version, keeps a Revision and a timeline entry;
4. keeps sign-off meaningful: an edit to a signed-off story that is not live yet
   sends it back to 待终审; an edit to a live story is an update (更新于…),
   audited, with a published correction when the editor writes one.

Article.save() refuses to change a stored story outside this module.
"""

import functools
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.utils import timezone

from articles import revisions, signals, workflow
from articles.models import (
    Article,
    ArticleUnion,
    Contributor,
    Credit,
    EditingSession,
    Photo,
    Placement,
    PrintPage,
    Revision,
    Segment,
    TimelineEntry,
    writes,
)
from articles.models.contributor import display_name
from unionnews import media
from unionnews.accounts import audit
from unions.models import Union

Action = TimelineEntry.Action
Status = Article.Status


@dataclass
class ConflictField:
    name: str
    label: str
    theirs: str  # safe HTML: the stored version, what differs from the writer's marked
    mine: str  # safe HTML: the writer's version, what differs from the stored one marked


class Conflict(Exception):
    """Someone saved the story after the writer opened it, and both changed the same fields."""

    def __init__(self, article, fields, kept, savers, uploads=()):
        super().__init__("、".join(f.label for f in fields))
        self.version = article.version  # choices made against this version are honoured
        self.fields = fields
        self.kept = kept  # labels of fields only the others changed: they will be kept
        self.savers = savers  # [(name, time)] of the saves since the writer's version
        self.uploads = list(uploads)  # files chosen in the form: a browser cannot send them again

    @property
    def message(self):
        who = "、".join(dict.fromkeys(name for name, _ in self.savers)) or "他人"
        when = f"于{timezone.localtime(self.savers[-1][1]):%m月%d日 %H:%M}" if self.savers else ""
        return (
            f"保存未完成：您打开这篇稿件后，{who}{when}保存了新的版本，双方都改动了"
            f"{'、'.join(f.label for f in self.fields)}。请在下方逐项选择保留哪一方的内容，再点“保存”。"
            "您填写的内容仍在表单中。"
            + (f"浏览器不能保留已选择的文件，请重新选择图片：{'、'.join(self.uploads)}。" if self.uploads else "")
        )


class StorageFull(Exception):
    """The disk (or quota) filled up while a photo was written; nothing was saved, no file is left."""


class StorageUnavailable(StorageFull):
    """Object storage did not answer or refused while a photo was written; nothing was saved."""


def _no_files_left_on_error(function):
    """Remove the files a failed save wrote (after its transaction rolled back); report a full disk as such."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        try:
            with media.removing_files_on_error():
                return function(*args, **kwargs)
        except OSError as error:
            if media.is_disk_full(error):
                raise StorageFull(str(error)) from error
            raise
        except media.STORAGE_ERRORS as error:  # object storage (botocore)
            raise StorageUnavailable(str(error)) from error

    return wrapper


@dataclass
class Saved:
    article: Article
    changed: list = field(default_factory=list)  # labels of the fields this save changed
    kept: list = field(default_factory=list)  # labels of fields others changed meanwhile, kept as they saved them
    revision: Revision | None = None
    reopened: bool = False  # a signed-off story went back to 待终审


def _lock(article):
    return Article.objects.select_for_update().get(pk=article.pk)


def _check_scope(user, current, wanted):
    """A correspondent may add only unions of their scope (links and segments)."""
    if user is None:
        return
    scope = workflow.scope_unions(user)
    if scope is None:
        return
    had = {row["union"] for row in current["unions"]} | {row["union"] for row in current["segments"]}
    added = ({row["union"] for row in wanted["unions"]} | {row["union"] for row in wanted["segments"]}) - had
    if not added:
        return
    in_scope = set(Union.objects.filter(Union.objects.subtrees_q(scope), pk__in=added).values_list("pk", flat=True))
    outside = Union.objects.filter(pk__in=added - in_scope).values_list("name", flat=True)
    if outside:
        raise PermissionDenied(f"{'、'.join(outside)}不在您的采写范围内，不能添加到稿件中。")


def merge(base, mine, theirs, choices=None):
    """(merged snapshot, names in conflict, names kept from `theirs`) of a three-way merge.

    `base` is what the writer started from ({} when unknown: then every field
    the two versions disagree on is a conflict); `choices` maps a conflicting
    field's name to "mine" or "theirs".
    """
    choices = choices or {}
    merged, conflicts, kept = {}, [], []
    for name, _ in revisions.FIELDS:
        stored = theirs[name]
        wanted = mine.get(name, base.get(name, stored))
        if revisions.same(name, wanted, stored):
            merged[name] = stored
        elif name in base and revisions.same(name, wanted, base[name]):
            merged[name] = stored
            kept.append(name)
        elif name in base and revisions.same(name, stored, base[name]):
            merged[name] = wanted
        elif choices.get(name) in ("mine", "theirs"):
            merged[name] = wanted if choices[name] == "mine" else stored
        else:
            merged[name] = stored
            conflicts.append(name)
    return merged, conflicts, kept


@_no_files_left_on_error
@transaction.atomic
def save(
    article,
    user,
    mine,
    *,
    base_version=None,
    base=None,
    choices=None,
    choices_version=None,
    action=Action.EDIT,
    note="",
    correction="",
):
    """Save `mine` (a snapshot, or part of one) over `article` as `user`; returns Saved.

    `base_version` is the version the writer started from and `base` its
    snapshot, if known (else the Revision of that number is used). Raises
    PermissionDenied, or Conflict with nothing written. `user` None is the
    system (a management command): no rights are checked.
    """
    article = _lock(article)
    if user is not None:
        workflow.check_edit(article, user)
    current = revisions.snapshot(article)
    if base_version is None or base_version == article.version:
        base = current
    elif base is None:
        revision = article.revisions.filter(number=base_version).first()
        base = revision.snapshot if revision else {}
    valid_choices = choices if choices_version == article.version else None
    merged, conflicts, kept = merge(base, mine, current, valid_choices)
    if conflicts:
        since = article.revisions.filter(number__gt=base_version or 0).select_related("author__contributor")
        savers = [(display_name(r.author) if r.author else "他人", r.created_at) for r in since.order_by("number")]
        fields = [
            ConflictField(name, revisions.LABELS[name], *revisions.sides(name, current[name], mine[name]))
            for name in conflicts
        ]
        uploads = [row["image"].name for row in mine.get("photos", []) if not isinstance(row["image"], str)]
        raise Conflict(article, fields, [revisions.LABELS[name] for name in kept], savers, uploads)
    _check_scope(user, current, merged)
    saved = Saved(article, kept=[revisions.LABELS[name] for name in kept])
    changed = revisions.differing(current, merged)
    if changed:
        saved.changed = [revisions.LABELS[name] for name in changed]
        if not article.revisions.filter(number=article.version).exists():
            # Made before revisions were kept (the demo, an older import): keep what it was.
            Revision.objects.create(article=article, number=article.version, snapshot=current, note="修改前的内容")
        _commit(saved, user, merged, action, note)
    if correction.strip() and article.is_published:
        workflow.correct(article, user, correction)  # checks the right to publish corrections
    if user is not None:
        EditingSession.objects.filter(article=article, user=user).delete()
    signals.story_saved.send(Article, article=article, changed=bool(changed))
    return saved


@_no_files_left_on_error
@transaction.atomic
def create(article, user, state, *, action=Action.CREATE, note=""):
    """Save a new story: `article` is unsaved (with created_by and status set), `state` its content."""
    state = {**revisions.empty(), **state}
    if user is not None:
        _check_scope(user, revisions.empty(), state)
    article.version = 1
    article.save()
    with writes.writing(article):
        _write(article, state)
    revision = _record(article, user, note)
    TimelineEntry.objects.record(article, user, action, note)
    signals.story_saved.send(Article, article=article, changed=True)
    return Saved(article, changed=[label for _, label in revisions.FIELDS], revision=revision)


def _commit(saved, user, state, action, note):
    article = saved.article
    before = article.status
    with writes.writing(article):
        _write(article, state)
        article.version += 1
        fields = ["version"]
        now = timezone.now()
        if article.is_scheduled:
            article.status, article.published_at, saved.reopened = Status.FINAL_REVIEW, None, True
            fields += ["status", "published_at"]
        elif article.is_published:
            article.revised_at = now
            fields.append("revised_at")
            if action == Action.EDIT:
                action = Action.UPDATE
        article.save(update_fields=fields)
    changed = "、".join(saved.changed)
    comment = f"{note}：修改了{changed}" if note else f"修改了：{changed}"
    if saved.kept:
        comment += f"（与他人同时修改，已合并；保留了他人对{'、'.join(saved.kept)}的修改）"
    saved.revision = _record(article, user, note)
    TimelineEntry.objects.record(article, user, action, comment, from_status=before, to_status=before)
    if saved.reopened:
        TimelineEntry.objects.record(
            article, user, Action.REOPEN, f"签发后修改了{changed}，需重新终审签发。", from_status=before
        )
        audit.record(user, audit.Action.UNPUBLISH, article, comment=f"签发后修改了{changed}")
    elif article.is_published:
        audit.record(user, audit.Action.EDIT_LIVE, article, changed=saved.changed, version=article.version)


def _record(article, user, note=""):
    return Revision.objects.create(
        article=article, number=article.version, author=user, snapshot=revisions.snapshot(article), note=note
    )


# Writing a snapshot onto the story and its rows. Rows keep their primary keys
# where they can (segment anchors, photo files); references to rows deleted
# since the snapshot was taken (a contributor, an event, a page) are skipped.


def _write(article, state):
    for name in revisions.TEXT_FIELDS + revisions.RICH_FIELDS:
        setattr(article, name, state[name] or "")
    editor = state["editor"]
    article.editor = Contributor.objects.filter(pk=editor["id"]).first() if editor else None
    article.is_featured = state["is_featured"]
    article.save()
    article.tags.set(state["tags"])
    # Events and captions belong to apps built on articles: reached through the story's relations.
    article.events.set(article.events.model.objects.filter(pk__in=[row["id"] for row in state["events"]]))
    _sync_links(article, ArticleUnion, ["union_id"], "role", {(r["union"],): r["role"] for r in state["unions"]}, Union)
    _sync_links(
        article,
        Credit,
        ["contributor_id", "role"],
        "position",
        {(r["contributor"], r["role"]): r["position"] for r in state["credits"]},
        Contributor,
    )
    _sync_rows(
        article,
        Segment,
        state["segments"],
        ["union_id", "heading", "body", "position"],
        lambda row: {
            "union_id": row["union"],
            "heading": row["heading"],
            "body": row["body"],
            "position": row["position"],
        },
    )
    _sync_photos(article, state["photos"])
    _sync_rows(
        article,
        article.captions.model,
        state["captions"],
        ["text", "position"],
        lambda row: {"text": row["text"], "position": row["position"]},
    )
    _sync_links(
        article, Placement, ["page_id"], "part", {(r["page"],): r["part"] for r in state["placements"]}, PrintPage
    )
    # Which placements lead their page (头条): one UPDATE; snapshots from before the field have none.
    if state["placements"]:
        leads = [row["page"] for row in state["placements"] if row.get("is_lead")]
        Placement.objects.filter(article=article).update(
            is_lead=ExpressionWrapper(Q(page_id__in=leads), output_field=BooleanField())
        )


def _sync_links(article, model, key_fields, value_field, wanted, target):
    """Make `article`'s rows of `model` equal `wanted`, {key tuple: value of `value_field`}.

    A key's first field refers to a row of `target` (a union, a person, a page);
    keys whose row has been deleted since the snapshot was taken are skipped.
    """
    existing = {tuple(getattr(row, name) for name in key_fields): row for row in model.objects.filter(article=article)}
    for key, row in existing.items():
        if key not in wanted:
            row.delete()
    known = set(target.objects.filter(pk__in=[key[0] for key in wanted]).values_list("pk", flat=True))
    for key, value in wanted.items():
        row = existing.get(key)
        if row is None and key[0] in known:
            model.objects.create(article=article, **dict(zip(key_fields, key)), **{value_field: value})
        elif row is not None and getattr(row, value_field) != value:
            setattr(row, value_field, value)
            row.save()


def _sync_rows(article, model, rows, attributes, values):
    """Make `article`'s rows of `model` equal `rows`, updating rows whose id still exists."""
    existing = {row.pk: row for row in model.objects.filter(article=article)}
    kept = {row.get("id") for row in rows} & set(existing)
    model.objects.filter(article=article).exclude(pk__in=kept).delete()
    for row in rows:
        data = values(row)
        instance = existing.get(row.get("id"))
        if instance is None:
            model.objects.create(article=article, **data)
        elif any(getattr(instance, name) != data[name] for name in attributes):
            for name, value in data.items():
                setattr(instance, name, value)
            instance.save()


def _sync_photos(article, rows):
    """Photos: update captions and order in place; a new upload gets its renditions
    made; a photo deleted since (restoring an old version) comes back with its files."""
    existing = {photo.pk: photo for photo in article.photos.all()}
    kept = {row.get("id") for row in rows} & set(existing)
    article.photos.exclude(pk__in=kept).delete()
    for row in rows:
        details = {key: row[key] for key in ["caption", "credit", "alt_text", "position"]}
        photo = existing.get(row.get("id"))
        if photo is None:
            photo = Photo(article=article, image=row["image"], **details)
            if isinstance(row["image"], str):
                photo.display, photo.thumbnail = row.get("display", ""), row.get("thumbnail", "")
                photo.renditions = row.get("renditions", [])  # none in a revision saved before there were
                photo.width, photo.height = row.get("width"), row.get("height")
            photo.save()
        elif row["image"] != photo.image.name or any(getattr(photo, key) != value for key, value in details.items()):
            photo.image = row["image"]  # a replacement upload, or the file an older version had
            if isinstance(row["image"], str) and row.get("display"):
                photo.display, photo.thumbnail = row["display"], row.get("thumbnail", "")
                photo.renditions = row.get("renditions", [])
                photo.width, photo.height = row.get("width"), row.get("height")
            for key, value in details.items():
                setattr(photo, key, value)
            photo.save()


def restore(article, revision, user):
    """Put back everything `revision` recorded, as a guarded edit of its own."""
    return save(article, user, revision.snapshot, action=Action.RESTORE, note=f"恢复为第{revision.number}版的内容")
