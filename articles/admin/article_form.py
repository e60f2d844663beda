"""The story form: it refuses a save made from a stale copy instead of overwriting."""

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from articles import revisions
from articles.models import Article, Revision


class ArticleForm(forms.ModelForm):
    # The version the editor loaded; a save from an older one is a conflict.
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Article
        fields = "__all__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["loaded_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            return cleaned
        # The admin saves inside a transaction: the lock holds until the save is done.
        current = (
            Article.objects.select_for_update().filter(pk=self.instance.pk).values_list("version", flat=True).first()
        )
        loaded = cleaned.get("loaded_version")
        if current is not None and loaded != current:
            # The next save, once the editor has merged, is made against the current version.
            self.data = self.data.copy()
            self.data[self.add_prefix("loaded_version")] = current
            raise forms.ValidationError(self.conflict_message(loaded, current))
        return cleaned

    def conflict_message(self, loaded, current):
        latest = Revision.objects.filter(article=self.instance, number=current).select_related("author").first()
        base = Revision.objects.filter(article=self.instance, number=loaded).first()
        who = ""
        if latest:
            name = latest.author.get_username() if latest.author else "他人"
            who = f"{name}于{timezone.localtime(latest.created_at):%m月%d日 %H:%M}"
        changed = "、".join(label for label, _ in revisions.changes(base.snapshot, latest.snapshot)) if (
            base and latest
        ) else ""
        compare = reverse("admin:articles_article_compare", args=[self.instance.pk])
        return format_html(
            "保存失败：您打开这篇稿件后，{}已保存了新的版本（第{}版，您的表单基于第{}版）。"
            "{}您填写的内容仍保留在下面的表单中，请对照<a href=\"{}?a={}&amp;b={}\" target=\"_blank\">对方的改动</a>"
            "合并后再保存。",
            who or "他人", current, loaded if loaded is not None else "?",
            f"对方改动了：{changed}。" if changed else "",
            compare, loaded or current, current,
        )
