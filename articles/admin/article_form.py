"""The story form: it carries the version it was opened from, so a save made
after somebody else's is merged with theirs (articles.editing), and turns the
form and its inlines into a snapshot."""

from django import forms
from django.core import signing
from django.core.files.uploadedfile import UploadedFile

from articles import revisions
from articles.models import Article
from articles.models.article import SHORT_HEADLINE_LENGTH

BASE_SALT = "articles.admin.base_state"
# The fields that show a live character count (against their maxlength, if any), and
# the length past which the count adds advice (data-count-advice-at / -text).
COUNTED = {
    "kicker": {},
    "headline": {
        "data-count-advice-at": SHORT_HEADLINE_LENGTH,
        "data-count-advice-text": "超过30字：请填写下面的“短标题”，用于列表和卡片。",
    },
    "subheadline": {},
    "short_headline": {},
    "summary": {"data-count-advice-at": 90, "data-count-advice-text": "超过90字：列表和分享时只显示开头部分。"},
}


class ArticleForm(forms.ModelForm):
    # The version the editor opened, and that version's content (signed, so
    # nobody can forge what they "started from").
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    base_state = forms.CharField(widget=forms.HiddenInput, required=False)
    # The version a conflict was shown against: the per-field choices (resolve-<field>) hold for it only.
    resolved_against = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    correction_note = forms.CharField(
        label="更正说明",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 80}),
        help_text="修改已发布稿件中的事实（数字、人名、单位等）时填写，保存后作为“更正”显示在稿件下方和订阅源中。",
    )
    # Set by ArticleAdmin when a save met somebody else's changes to the same fields.
    conflict = None
    # Set by ArticleAdmin (to the names of the files chosen) when the disk filled up during the save,
    # and storage_down when it was object storage that did not answer.
    storage_full = None
    storage_down = False

    class Meta:
        model = Article
        fields = "__all__"  # noqa: DJ007  (the admin narrows them to its fieldsets)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, advice in COUNTED.items():  # live counts: static/admin-extra/length-count.js
            if name in self.fields:
                self.fields[name].widget.attrs.update({"data-count": "", **advice})
        if self.instance.pk and not self.is_bound:
            self.fields["loaded_version"].initial = self.instance.version
            self.fields["base_state"].initial = self.signed_base  # called only if rendered

    def signed_base(self):
        """The content of the version opened, signed, unless its Revision holds all of it already."""
        article = self.instance
        revision = article.revisions.filter(number=article.version).first()
        if revision and all(name in revision.snapshot for name, _ in revisions.FIELDS):
            return ""
        payload = {"article": article.pk, "version": article.version, "state": revisions.snapshot(article)}
        return signing.dumps(payload, salt=BASE_SALT, compress=True)

    def clean(self):
        cleaned = super().clean()
        if self.conflict is not None:
            raise forms.ValidationError(self.conflict.message, code="conflict")
        if self.storage_full is not None:
            raise forms.ValidationError(
                (
                    "保存未完成：图片存储暂时无法访问，图片无法写入，稿件没有保存。您填写的内容仍在表单中；"
                    "请稍后再点“保存”，如仍不行请联系管理员。"
                    if self.storage_down
                    else "保存未完成：服务器存储空间已满，图片无法写入，稿件没有保存。您填写的内容仍在表单中；"
                    "请联系管理员清理存储空间后再点“保存”。"
                )
                + (
                    f"浏览器不能保留已选择的文件，请重新选择图片：{'、'.join(self.storage_full)}。"
                    if self.storage_full
                    else ""
                ),
                code="storage_full",
            )
        return cleaned

    def base(self):
        """(version, snapshot) the editor started from; the snapshot is None if the form did not
        carry it (then articles.editing reads that version's Revision)."""
        version = self.cleaned_data.get("loaded_version")
        try:
            payload = signing.loads(self.cleaned_data.get("base_state") or "", salt=BASE_SALT)
        except signing.BadSignature:
            return version, None
        if payload.get("article") != self.instance.pk or payload.get("version") != version:
            return version, None  # signed for another story or version: not this form's base
        return version, payload["state"]


def _rows(formset, row):
    return [
        row(form, form.cleaned_data)
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


def _photo(form, data):
    image = data["image"]
    photo = form.instance
    return {
        "id": photo.pk,
        "image": image if isinstance(image, UploadedFile) else image.name,
        "display": photo.display.name,
        "thumbnail": photo.thumbnail.name,
        "renditions": photo.renditions,
        "width": photo.width,
        "height": photo.height,
        **{key: data.get(key, getattr(photo, key)) for key in ["caption", "credit", "alt_text", "position"]},
    }


# By model label: the captions' model belongs to articles.editorial, which builds on articles.
INLINE_ROWS = {
    "articles.articleunion": (
        "unions",
        lambda form, data: {"union": data["union"].pk, "name": data["union"].name, "role": data["role"]},
    ),
    "articles.credit": (
        "credits",
        lambda form, data: {
            "contributor": data["contributor"].pk,
            "name": data["contributor"].name,
            "role": data["role"],
            "position": data.get("position") or 0,
        },
    ),
    "articles.segment": (
        "segments",
        lambda form, data: {
            "id": form.instance.pk,
            "union": data["union"].pk,
            "union_name": data["union"].name,
            "heading": data.get("heading", ""),
            "body": data.get("body", ""),
            "position": data.get("position") or 0,
        },
    ),
    "articles.photo": ("photos", _photo),
    "editorial.caption": (
        "captions",
        lambda form, data: {"id": form.instance.pk, "text": data["text"], "position": data.get("position") or 0},
    ),
    "articles.placement": (
        "placements",
        lambda form, data: {
            "page": data["page"].pk,
            "page_label": str(data["page"]),
            "part": data.get("part") or 1,
            "is_lead": bool(data.get("is_lead")),
        },
    ),
}


def submitted_state(form, formsets):
    """The story as the editor submitted it: the fields and inlines the form had (others are left out)."""
    data = form.cleaned_data
    state = {name: data[name] for name in revisions.TEXT_FIELDS + revisions.RICH_FIELDS if name in form.fields}
    if "editor" in form.fields:
        editor = data.get("editor")
        state["editor"] = {"id": editor.pk, "name": editor.name} if editor else None
    if "is_featured" in form.fields:
        state["is_featured"] = data["is_featured"]
    if "tags" in form.fields:
        state["tags"] = sorted(data["tags"])
    if "events" in form.fields:
        state["events"] = sorted(({"id": e.pk, "title": e.title} for e in data["events"]), key=lambda e: e["id"])
    for formset in formsets:
        name, row = INLINE_ROWS[formset.model._meta.label_lower]
        state[name] = _rows(formset, row)
    return state
