"""The editorial checks in the admin: the acknowledge-or-fix gate on the story
form, the term list, and the print-page upload form."""

from django import forms
from django.contrib import admin
from django.template.defaultfilters import filesizeformat

from articles.admin.article_form import ArticleForm
from articles.editorial.models import Finding, Term
from articles.editorial.printpage import files


def finding_label(finding):
    where = f"［{finding.segment}］" if finding.segment else ""
    return f"{finding.get_code_display()}{where}：{finding.message}「{finding.excerpt}」"


class FindingChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, finding):
        return finding_label(finding)


class CheckedArticleForm(ArticleForm):
    """The story form with the 编辑检查 warnings to acknowledge. A story cannot be
    submitted for review while one is neither fixed nor acknowledged
    (articles.workflow.submit enforces it)."""

    # Not "acknowledge": a read-only view would call Article.acknowledge().
    acknowledge_findings = FindingChoiceField(
        label="编辑检查提示",
        queryset=Finding.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="保存时自动检查。逐条核对：改正原文，或勾选“确认无误”后才能提交发布。",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            pending = [finding.pk for finding in self.instance.unacknowledged_findings()]
            self.fields["acknowledge_findings"].queryset = Finding.objects.filter(pk__in=pending)


def save_checks(model_admin, request, form):
    """After the story is saved (and rechecked by articles.editing): record acknowledgements."""
    article = form.instance
    ticked = {finding.fingerprint for finding in form.cleaned_data.get("acknowledge_findings") or []}
    article.acknowledge([f for f in article.findings.all() if f.fingerprint in ticked], request.user)
    pending = article.unacknowledged_findings()
    if pending:
        model_admin.message_user(request, f"编辑检查：本稿有{len(pending)}条提示待确认。", level="warning")


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ["term", "preferred", "kind", "note"]
    list_filter = ["kind"]
    search_fields = ["term", "preferred", "note"]


class PrintPageImportForm(forms.Form):
    file = forms.FileField(label="版面文本文件", help_text="纯文本 .txt，UTF-8 或 GB18030 编码。")
    date = forms.DateField(label="出版日期", widget=forms.DateInput(attrs={"type": "date"}))
    page = forms.IntegerField(label="版次", min_value=1, max_value=99)
    page_name = forms.CharField(label="版名", max_length=30, required=False)
    dry_run = forms.BooleanField(label="试运行（只检查，不写入）", required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".txt"):
            raise forms.ValidationError("请上传 .txt 文本文件。")
        if upload.size > files.MAX_BYTES:
            raise forms.ValidationError(
                f"文件太大（{filesizeformat(upload.size)}），一个版面的文本不会超过 {filesizeformat(files.MAX_BYTES)}。"
            )
        try:
            return files.decode(upload.read())
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None
